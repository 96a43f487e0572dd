// Catalog tests; run twice by CTest: against SQLite and against the test run's PostgreSQL.
#include "catalog/attributerepository.h"
#include "catalog/captionrepository.h"
#include "catalog/catalog.h"
#include "catalog/croprepository.h"
#include "catalog/healthcheck.h"
#include "catalog/jobrepository.h"
#include "catalog/photosetrepository.h"
#include "catalog/shotrepository.h"
#include "catalog/tagrepository.h"
#include "testcatalog.h"

#include <QFile>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include "requireok.h"

using namespace stills;

class TestCatalog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::ScratchCatalog> m_scratch;
    CatalogPtr m_catalog;

    Shot makeShot(const QString &name)
    {
        Shot s;
        s.path = QStringLiteral("/photos/") + name;
        s.contentHash = QStringLiteral("hash-") + name;
        s.byteSize = 1234;
        s.width = 4000;
        s.height = 3000;
        s.format = QStringLiteral("jpeg");
        s.exif.cameraMake = QStringLiteral("Canon");
        s.exif.iso = 400;
        s.exif.focalLength = 35.0;
        return s;
    }

    qint64 addShot(const QString &name)
    {
        auto id = ShotRepository(*m_catalog).insert(makeShot(name));
        if (!id)
            qWarning() << id.error().message;
        return id ? *id : 0;
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<test::ScratchCatalog>();
        QVERIFY2(m_scratch->isValid(), qPrintable(m_scratch->errorString()));
        auto opened = Catalog::open(m_scratch->url());
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        m_catalog = *opened;
    }

    void cleanup()
    {
        m_catalog.reset();
        m_scratch.reset();
    }

    void urlParsing_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("sqlite");
        QTest::addColumn<QString>("detail"); // file path or database name

        QTest::newRow("sqlite abs") << "sqlite:///tmp/a/catalog.db" << true << true << "/tmp/a/catalog.db";
        QTest::newRow("sqlite spaces") << "sqlite:///tmp/my%20photos/c.db" << true << true << "/tmp/my photos/c.db";
        QTest::newRow("sqlite full sync") << "sqlite:///tmp/c.db?synchronous=full" << true << true << "/tmp/c.db";
        QTest::newRow("sqlite bad option") << "sqlite:///tmp/c.db?journal=off" << false << true << "";
        QTest::newRow("plain path") << "/tmp/x/catalog.db" << true << true << "/tmp/x/catalog.db";
        QTest::newRow("memory") << "sqlite::memory:" << true << true << ":memory:";
        QTest::newRow("postgres") << "postgresql://anna:secret@db.example:6543/stills" << true << false << "stills";
        QTest::newRow("postgres short scheme") << "postgres://anna@localhost/stills" << true << false << "stills";
        QTest::newRow("postgres no db") << "postgresql://anna@localhost" << false << false << "";
        QTest::newRow("unknown scheme") << "mysql://x@y/z" << false << false << "";
        QTest::newRow("empty") << "  " << false << false << "";
    }

    void urlParsing()
    {
        QFETCH(QString, input);
        QFETCH(bool, valid);
        QFETCH(bool, sqlite);
        QFETCH(QString, detail);
        auto url = CatalogUrl::parse(input);
        QCOMPARE(url.ok(), valid);
        if (!valid) {
            QVERIFY(!url.error().message.isEmpty());
            return;
        }
        QCOMPARE(url->isSqlite(), sqlite);
        QCOMPARE(sqlite ? url->filePath() : url->database(), detail);
        QVERIFY(!url->toDisplayString().contains(QStringLiteral("secret")));
        auto again = CatalogUrl::parse(url->toString());
        QVERIFY(again.ok());
        QCOMPARE(again->toDisplayString(), url->toDisplayString());
    }

    void migrationsAndVocabulary()
    {
        QCOMPARE(m_catalog->schemaVersion(), Catalog::SchemaVersion);
        auto attributes = AttributeRepository(*m_catalog).all();
        REQUIRE_OK(attributes);
        QVERIFY2(attributes->size() >= 20, "the vocabulary has at least 20 attributes");
        QStringList keys;
        for (const Attribute &a : *attributes)
            keys << a.key;
        for (const char *key : {"color", "time_of_day", "interior_exterior", "lighting", "frame_size", "shot_type",
                                "composition", "lens", "aspect_ratio", "genre"})
            QVERIFY2(keys.contains(QString::fromLatin1(key)), key);
        // Reopening migrates nothing and keeps data.
        const qint64 id = addShot(QStringLiteral("a.jpg"));
        QVERIFY(id > 0);
        m_catalog.reset();
        auto reopened = Catalog::open(m_scratch->url());
        REQUIRE_OK(reopened);
        m_catalog = *reopened;
        QCOMPARE(*ShotRepository(*m_catalog).count(), qint64(1));
        auto again = AttributeRepository(*m_catalog).all();
        REQUIRE_OK(again);
        QCOMPARE(again->size(), attributes->size());
    }

    void newerSchemaIsRefused()
    {
        const qint64 id = addShot(QStringLiteral("keep.jpg"));
        QVERIFY(id > 0);
        m_catalog.reset();
        QString error;
        QVERIFY2(m_scratch->execRaw(QStringLiteral("UPDATE schema_version SET version = 99"), &error), qPrintable(error));
        auto opened = Catalog::open(m_scratch->url());
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().code, Error::Code::SchemaTooNew);
        QVERIFY2(opened.error().message.contains(QStringLiteral("newer version")), qPrintable(opened.error().message));
        auto readOnly = Catalog::open(m_scratch->url(), Catalog::OpenMode::ReadOnly);
        QVERIFY(!readOnly.ok());
        QCOMPARE(readOnly.error().code, Error::Code::SchemaTooNew);
        // Nothing was damaged: put the version back and the data is there.
        QVERIFY(m_scratch->execRaw(QStringLiteral("UPDATE schema_version SET version = %1").arg(Catalog::SchemaVersion), &error));
        auto back = Catalog::open(m_scratch->url());
        REQUIRE_OK(back);
        m_catalog = *back;
        auto shot = ShotRepository(*m_catalog).get(id);
        REQUIRE_OK(shot);
        QCOMPARE(shot->path, QStringLiteral("/photos/keep.jpg"));
    }

    void foreignDatabaseIsRefused()
    {
        if (test::usingPostgres())
            QSKIP("SQLite-specific: a file that is not a Stills catalog");
        QTemporaryDir dir;
        const QString other = dir.filePath(QStringLiteral("other.db"));
        {
            auto url = CatalogUrl::sqlite(other);
            const QString name = QStringLiteral("foreign");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(other);
                QVERIFY(db.open());
                QSqlQuery(db).exec(QStringLiteral("CREATE TABLE invoices (id INTEGER)"));
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
            auto opened = Catalog::open(url);
            QVERIFY(!opened.ok());
            QVERIFY2(opened.error().message.contains(QStringLiteral("not a Stills catalog")),
                     qPrintable(opened.error().message));
        }
        const QString garbage = dir.filePath(QStringLiteral("garbage.db"));
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        auto opened = Catalog::open(CatalogUrl::sqlite(garbage));
        QVERIFY(!opened.ok());
        QVERIFY(!opened.error().message.isEmpty());
        QCOMPARE(QFileInfo(garbage).size(), qint64(4096)); // untouched
    }

    void shotCrud()
    {
        ShotRepository shots(*m_catalog);
        Shot s = makeShot(QStringLiteral("crud.jpg"));
        s.exif.takenAt = QDateTime(QDate(2021, 6, 1), QTime(12, 30, 5));
        s.exif.gpsLatitude = -33.8568;
        s.exif.gpsLongitude = 151.2153;
        s.title = QStringLiteral("It's a \"quote\"; DROP TABLE shots; -- 100% ünïcødé 日本");
        auto id = shots.insert(s);
        REQUIRE_OK(id);
        auto read = shots.get(*id);
        REQUIRE_OK(read);
        QCOMPARE(read->path, s.path);
        QCOMPARE(read->title, s.title);
        QCOMPARE(read->exif.cameraMake, QStringLiteral("Canon"));
        QCOMPARE(read->exif.iso, std::optional<int>(400));
        QCOMPARE(read->exif.focalLength, std::optional<double>(35.0));
        QVERIFY(!read->exif.aperture.has_value());
        QCOMPARE(read->exif.takenAt, s.exif.takenAt);
        QCOMPARE(*read->exif.gpsLatitude, -33.8568);
        QCOMPARE(read->version, 1);

        auto byPath = shots.findByPath(s.path);
        REQUIRE_OK(byPath);
        QVERIFY(byPath->has_value());
        QCOMPARE((*byPath)->id, *id);
        auto byHash = shots.findByHash(s.contentHash);
        REQUIRE_OK(byHash);
        QCOMPARE(byHash->size(), 1);

        Shot edited = *read;
        edited.rating = 4;
        edited.flag = Shot::Flag::Picked;
        edited.colorLabel = 2;
        REQUIRE_OK(shots.updateEdits(edited));
        auto after = shots.get(*id);
        QCOMPARE(after->rating, 4);
        QCOMPARE(after->flag, Shot::Flag::Picked);
        QCOMPARE(after->version, 2);

        edited = *after;
        edited.rating = 9;
        QCOMPARE(shots.updateEdits(edited).error().code, Error::Code::InvalidInput);

        // The path is unique.
        auto duplicate = shots.insert(s);
        QVERIFY(!duplicate.ok());

        REQUIRE_OK(shots.remove(*id));
        QCOMPARE(shots.get(*id).error().code, Error::Code::NotFound);
    }

    void versionConflict()
    {
        const qint64 id = addShot(QStringLiteral("shared.jpg"));
        // A second, independent connection: another user of the same catalog.
        auto other = Catalog::open(m_scratch->url());
        REQUIRE_OK(other);
        ShotRepository mine(*m_catalog);
        ShotRepository theirs(**other);
        auto myCopy = mine.get(id);
        auto theirCopy = theirs.get(id);
        REQUIRE_OK(myCopy);
        REQUIRE_OK(theirCopy);

        Shot a = *myCopy;
        a.title = QStringLiteral("mine");
        a.rating = 5;
        REQUIRE_OK(mine.updateEdits(a));

        Shot b = *theirCopy;
        b.title = QStringLiteral("theirs");
        b.rating = 1;
        const Status conflict = theirs.updateEdits(b);
        QVERIFY(!conflict.ok());
        QCOMPARE(conflict.error().code, Error::Code::Conflict);
        QVERIFY(conflict.error().message.contains(QStringLiteral("someone else")));

        auto now = theirs.get(id);
        REQUIRE_OK(now);
        QCOMPARE(now->title, QStringLiteral("mine"));
        QCOMPARE(now->rating, 5);
        QCOMPARE(now->version, 2);

        // After reading again, their edit goes through.
        Shot c = *now;
        c.title = QStringLiteral("theirs");
        REQUIRE_OK(theirs.updateEdits(c));
        QCOMPARE(mine.get(id)->title, QStringLiteral("theirs"));

        // Photosets and crops carry versions too.
        PhotosetRepository mySets(*m_catalog), theirSets(**other);
        Photoset p;
        p.name = QStringLiteral("Set");
        auto pid = mySets.create(p);
        REQUIRE_OK(pid);
        auto p1 = mySets.get(*pid), p2 = theirSets.get(*pid);
        Photoset e1 = *p1, e2 = *p2;
        e1.title = QStringLiteral("one");
        e2.title = QStringLiteral("two");
        REQUIRE_OK(mySets.update(e1));
        QCOMPARE(theirSets.update(e2).error().code, Error::Code::Conflict);
        QCOMPARE(mySets.get(*pid)->title, QStringLiteral("one"));
    }

    void tags()
    {
        TagRepository tags(*m_catalog);
        auto leaf = tags.ensurePath(QStringLiteral("Lighting/Low key"));
        REQUIRE_OK(leaf);
        auto again = tags.ensurePath(QStringLiteral(" lighting / LOW  key "));
        REQUIRE_OK(again);
        QCOMPARE(*again, *leaf); // same slug at each level
        auto sibling = tags.ensurePath(QStringLiteral("Lighting/High key"));
        REQUIRE_OK(sibling);
        QVERIFY(*sibling != *leaf);
        auto unicode = tags.ensurePath(QStringLiteral("Lieux/Café d'été"));
        REQUIRE_OK(unicode);
        QCOMPARE(*tags.pathOf(*leaf), QStringLiteral("Lighting/Low key"));
        QVERIFY(!tags.ensurePath(QStringLiteral(" / ")).ok());

        const qint64 s1 = addShot(QStringLiteral("t1.jpg"));
        const qint64 s2 = addShot(QStringLiteral("t2.jpg"));
        REQUIRE_OK(tags.tagShots(*leaf, {s1, s2}));
        REQUIRE_OK(tags.tagShots(*leaf, {s1})); // idempotent
        REQUIRE_OK(tags.tagShots(*unicode, {s1}));
        QCOMPARE(*tags.tagsOfShot(s1), QStringList({QStringLiteral("Lieux/Café d'été"), QStringLiteral("Lighting/Low key")}));

        auto all = tags.all();
        REQUIRE_OK(all);
        qint64 lowKeyCount = -1;
        for (const Tag &t : *all)
            if (t.id == *leaf)
                lowKeyCount = t.usageCount;
        QCOMPARE(lowKeyCount, qint64(2));

        Photoset p;
        p.name = QStringLiteral("Tagged set");
        auto pid = PhotosetRepository(*m_catalog).create(p);
        REQUIRE_OK(pid);
        REQUIRE_OK(tags.tagPhotoset(*sibling, *pid));
        QCOMPARE(*tags.tagsOfPhotoset(*pid), QStringList{QStringLiteral("Lighting/High key")});

        // Renaming onto an existing sibling is refused, not merged silently.
        QCOMPARE(tags.rename(*sibling, QStringLiteral("Low Key")).error().code, Error::Code::Conflict);
        REQUIRE_OK(tags.rename(*sibling, QStringLiteral("Hard key")));
        QCOMPARE(*tags.tagsOfPhotoset(*pid), QStringList{QStringLiteral("Lighting/Hard key")});

        REQUIRE_OK(tags.untagShots(*leaf, {s2}));
        QVERIFY(tags.tagsOfShot(s2)->isEmpty());
        // Deleting a parent removes the subtree and the taggings, never the shots.
        auto parent = tags.findPath(QStringLiteral("Lighting"));
        REQUIRE_OK(parent);
        REQUIRE_OK(tags.remove(**parent));
        QCOMPARE(*tags.tagsOfShot(s1), QStringList{QStringLiteral("Lieux/Café d'été")});
        QCOMPARE(*ShotRepository(*m_catalog).count(), qint64(2));
    }

    void membershipOrder()
    {
        PhotosetRepository sets(*m_catalog);
        Photoset p;
        p.name = QStringLiteral("Ordered");
        p.people = {QStringLiteral("Anna Karina"), QStringLiteral("Jean-Paul Belmondo")};
        p.year = 1965;
        p.date = QDate(1965, 11, 5);
        p.extra = QJsonObject{{QStringLiteral("original_filename"), QStringLiteral("set.zip")}};
        auto pid = sets.create(p);
        REQUIRE_OK(pid);
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i)
            ids << addShot(QStringLiteral("m%1.jpg").arg(i));
        auto added = sets.addShots(*pid, ids);
        REQUIRE_OK(added);
        QCOMPARE(*added, qint64(5));
        QCOMPARE(*sets.members(*pid), ids);
        QCOMPARE(*sets.addShots(*pid, {ids[2], ids[0]}), qint64(0)); // already members, order kept
        QCOMPARE(*sets.members(*pid), ids);

        REQUIRE_OK(sets.moveShot(*pid, ids[4], ids[0])); // to the front
        QCOMPARE(*sets.members(*pid), (QList<qint64>{ids[4], ids[0], ids[1], ids[2], ids[3]}));
        REQUIRE_OK(sets.moveShot(*pid, ids[4], 0)); // to the end
        QCOMPARE(*sets.members(*pid), ids);
        REQUIRE_OK(sets.moveShot(*pid, ids[0], ids[3])); // into the middle
        QCOMPARE(*sets.members(*pid), (QList<qint64>{ids[1], ids[2], ids[0], ids[3], ids[4]}));
        // Many moves into the same gap force a renumbering; the order stays right.
        for (int i = 0; i < 14; ++i)
            REQUIRE_OK(sets.moveShot(*pid, i % 2 ? ids[4] : ids[1], ids[3]));
        QCOMPARE(*sets.members(*pid), (QList<qint64>{ids[2], ids[0], ids[1], ids[4], ids[3]}));
        QCOMPARE(sets.moveShot(*pid, 999999, 0).error().code, Error::Code::NotFound);

        // A shot can be in several photosets.
        Photoset second;
        second.name = QStringLiteral("Second");
        auto sid = sets.create(second);
        REQUIRE_OK(sets.addShots(*sid, {ids[0]}));

        REQUIRE_OK(sets.removeShots(*pid, {ids[2]}));
        QCOMPARE(*sets.memberCount(*pid), qint64(4));

        auto listed = sets.list();
        REQUIRE_OK(listed);
        QCOMPARE(listed->size(), 2);
        const Photoset ordered = listed->at(0).name == u"Ordered" ? listed->at(0) : listed->at(1);
        QCOMPARE(ordered.shotCount, qint64(4));
        QCOMPARE(ordered.people, p.people);
        QCOMPARE(ordered.date, p.date);
        QCOMPARE(ordered.extra, p.extra);

        // Deleting a photoset keeps its shots; deleting a shot removes its memberships.
        REQUIRE_OK(sets.remove(*pid));
        QCOMPARE(*ShotRepository(*m_catalog).count(), qint64(5));
        REQUIRE_OK(ShotRepository(*m_catalog).remove(ids[0]));
        QCOMPARE(*sets.memberCount(*sid), qint64(0));
    }

    void captionHistory()
    {
        const qint64 shot = addShot(QStringLiteral("c.jpg"));
        CaptionRepository captions(*m_catalog);
        QVERIFY(!captions.current(shot)->has_value());
        Caption generated;
        generated.shotId = shot;
        generated.text = QStringLiteral("a man in a hat, night, interior");
        generated.source = QStringLiteral("builtin");
        generated.parameters = QJsonObject{{QStringLiteral("maxWords"), 40}};
        auto first = captions.add(generated);
        REQUIRE_OK(first);
        Caption typed;
        typed.shotId = shot;
        typed.text = QStringLiteral("Belmondo in a fedora, lit by a neon sign");
        auto second = captions.add(typed);
        REQUIRE_OK(second);
        Caption third = generated;
        third.text = QStringLiteral("regenerated");
        third.model = QStringLiteral("llava");
        third.prompt = QStringLiteral("Describe the shot.");
        auto latest = captions.add(third);
        REQUIRE_OK(latest);

        auto current = captions.current(shot);
        REQUIRE_OK(current);
        QCOMPARE((*current)->id, *latest);
        QCOMPARE((*current)->model, QStringLiteral("llava"));
        QVERIFY(!(*current)->editedByHand);

        auto history = captions.history(shot);
        REQUIRE_OK(history);
        QCOMPARE(history->size(), 3);
        QCOMPARE(history->at(0).id, *latest);
        QCOMPARE(history->at(2).id, *first);
        QCOMPARE(history->at(2).parameters.value(u"maxWords").toInt(), 40);
        QVERIFY(history->at(1).editedByHand);
        QCOMPARE(history->at(1).source, QStringLiteral("manual"));
        int currents = 0;
        for (const Caption &c : *history)
            currents += c.current ? 1 : 0;
        QCOMPARE(currents, 1);

        REQUIRE_OK(captions.makeCurrent(*second));
        QCOMPARE((*captions.current(shot))->text, typed.text);
        QCOMPARE(captions.history(shot)->size(), 3);
        QCOMPARE(captions.makeCurrent(424242).error().code, Error::Code::NotFound);

        REQUIRE_OK(captions.clearCurrent(shot));
        QVERIFY(!captions.current(shot)->has_value());
        QCOMPARE(captions.history(shot)->size(), 3);
        REQUIRE_OK(captions.makeCurrent(*latest));
        QCOMPARE((*captions.current(shot))->id, *latest);
    }

    void crops()
    {
        const qint64 shot = addShot(QStringLiteral("crop.jpg"));
        CropRepository crops(*m_catalog);
        Crop c;
        c.shotId = shot;
        c.name = QStringLiteral("square");
        c.rect = QRectF(0.1, 0.2, 0.5, 0.5);
        c.aspect = QStringLiteral("1:1");
        c.rotation = 90;
        auto id = crops.save(c);
        REQUIRE_OK(id);
        Crop dup = c;
        QCOMPARE(crops.save(dup).error().code, Error::Code::Conflict); // same name on the same shot
        auto list = crops.ofShot(shot);
        REQUIRE_OK(list);
        QCOMPARE(list->size(), 1);
        Crop stored = list->first();
        QCOMPARE(stored.rect, c.rect);
        QCOMPARE(stored.rotation, 90);
        Crop moved = stored;
        moved.rect = QRectF(0, 0, 1, 0.5);
        REQUIRE_OK(crops.save(moved));
        QCOMPARE(crops.save(stored).error().code, Error::Code::Conflict); // stale version
        Crop bad = c;
        bad.name = QStringLiteral("outside");
        bad.rect = QRectF(0.8, 0.8, 0.5, 0.5);
        QCOMPARE(crops.save(bad).error().code, Error::Code::InvalidInput);
        bad.rect = QRectF(0, 0, 1, 1);
        bad.rotation = 45;
        QCOMPARE(crops.save(bad).error().code, Error::Code::InvalidInput);
        // Many shots at once (the grid's overlays): by shot, then name.
        const qint64 other = addShot(QStringLiteral("crop2.jpg"));
        Crop wide = c;
        wide.shotId = other;
        wide.name = QStringLiteral("wide");
        REQUIRE_OK(crops.save(wide));
        wide.name = QStringLiteral("a tall one");
        REQUIRE_OK(crops.save(wide));
        auto many = crops.ofShots({other, shot, 424242});
        REQUIRE_OK(many);
        QCOMPARE(many->size(), 3);
        QCOMPARE(many->at(0).shotId, shot);
        QCOMPARE(many->at(1).name, QStringLiteral("a tall one"));
        QCOMPARE(many->at(2).name, QStringLiteral("wide"));
        QCOMPARE(many->at(2).rect, c.rect);
        QVERIFY(crops.ofShots({})->isEmpty());
        REQUIRE_OK(crops.remove(*id));
        QVERIFY(crops.ofShot(shot)->isEmpty());
    }

    void attributes()
    {
        const qint64 shot = addShot(QStringLiteral("attr.jpg"));
        AttributeRepository attrs(*m_catalog);
        REQUIRE_OK(attrs.setShotValues(shot, QStringLiteral("time_of_day"), {QStringLiteral("night")}));
        REQUIRE_OK(attrs.setShotValues(shot, QStringLiteral("color"), {QStringLiteral("cool"), QStringLiteral("blue")}));
        QCOMPARE(attrs.setShotValues(shot, QStringLiteral("time_of_day"), {QStringLiteral("day"), QStringLiteral("night")})
                     .error()
                     .code,
                 Error::Code::InvalidInput);
        QCOMPARE(attrs.setShotValues(shot, QStringLiteral("color"), {QStringLiteral("chartreuse'; --")}).error().code,
                 Error::Code::InvalidInput);
        QCOMPARE(attrs.setShotValues(shot, QStringLiteral("no_such"), {}).error().code, Error::Code::InvalidInput);
        auto values = attrs.valuesOfShot(shot);
        REQUIRE_OK(values);
        QCOMPARE(values->value(QStringLiteral("time_of_day")), QStringList{QStringLiteral("night")});
        QCOMPARE(values->value(QStringLiteral("color")).size(), 2);
        REQUIRE_OK(attrs.setShotValues(shot, QStringLiteral("time_of_day"), {QStringLiteral("dusk")}));
        QCOMPARE(attrs.valuesOfShot(shot)->value(QStringLiteral("time_of_day")), QStringList{QStringLiteral("dusk")});
    }

    void jobs()
    {
        JobRepository jobs(*m_catalog);
        Job job;
        job.kind = QStringLiteral("import");
        job.parameters = QJsonObject{{QStringLiteral("path"), QStringLiteral("/photos")}};
        auto id = jobs.create(job);
        REQUIRE_OK(id);
        REQUIRE_OK(jobs.start(*id, 10));
        REQUIRE_OK(jobs.progress(*id, 4, 1));
        REQUIRE_OK(jobs.addError(*id, QStringLiteral("/photos/bad.jpg"), QStringLiteral("truncated")));
        auto unfinished = jobs.unfinished();
        REQUIRE_OK(unfinished);
        QCOMPARE(unfinished->size(), 1);
        QCOMPARE(unfinished->first().done, qint64(4));
        QCOMPARE(unfinished->first().state, Job::State::Running);
        auto report = HealthCheck::run(*m_catalog, false);
        REQUIRE_OK(report);
        QCOMPARE(report->interruptedJobs.size(), 1);
        const QString line = report->interruptedJobs.first();
        QVERIFY2(line.startsWith(QStringLiteral("import #%1 of /photos: running, 4 of 10 done, started ").arg(*id)),
                 qPrintable(line));
        QVERIFY(!report->healthy());
        REQUIRE_OK(jobs.finish(*id, Job::State::Done));
        QVERIFY(jobs.unfinished()->isEmpty());
        QCOMPARE(jobs.errors(*id)->size(), 1);
        QCOMPARE(jobs.get(*id)->state, Job::State::Done);
    }

    void health()
    {
        addShot(QStringLiteral("missing-on-disk.jpg"));
        auto report = HealthCheck::run(*m_catalog, true);
        REQUIRE_OK(report);
        QVERIFY(report->integrityProblems.isEmpty());
        QCOMPARE(report->shots, qint64(1));
        QCOMPARE(report->missingFiles, QStringList{QStringLiteral("/photos/missing-on-disk.jpg")});
        QVERIFY(!report->healthy());
    }

    void readOnlyMode()
    {
        addShot(QStringLiteral("ro.jpg"));
        auto ro = Catalog::open(m_scratch->url(), Catalog::OpenMode::ReadOnly);
        REQUIRE_OK(ro);
        QCOMPARE(*ShotRepository(**ro).count(), qint64(1));
        QVERIFY(!ShotRepository(**ro).insert(makeShot(QStringLiteral("no.jpg"))).ok());
        if (!test::usingPostgres()) {
            QTemporaryDir dir;
            const QString missing = dir.filePath(QStringLiteral("none.db"));
            auto none = Catalog::open(CatalogUrl::sqlite(missing), Catalog::OpenMode::ReadOnly);
            QCOMPARE(none.error().code, Error::Code::NotFound);
            QVERIFY(!QFile::exists(missing));
        }
    }

    void unreachableServerFailsFast()
    {
        // Port 1 on loopback: connection refused at once; never a hang.
        auto url = CatalogUrl::parse(QStringLiteral("postgresql://nobody@127.0.0.1:1/none"));
        REQUIRE_OK(url);
        QElapsedTimer timer;
        timer.start();
        auto opened = Catalog::open(*url);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().message.contains(QStringLiteral("PostgreSQL")), qPrintable(opened.error().message));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
