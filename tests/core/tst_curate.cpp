// Batch curation (rating, flag, label, tags, attributes) and XMP sidecars in and out; both backends.
#include "catalog/attributerepository.h"
#include "catalog/catalog.h"
#include "catalog/savedsearchrepository.h"
#include "catalog/queryparser.h"
#include "catalog/searchindex.h"
#include "catalog/shotrepository.h"
#include "catalog/sqlhelpers.h"
#include "catalog/tagrepository.h"
#include "curating/curator.h"
#include "importing/folderimporter.h"
#include "metadata/xmpsidecar.h"
#include "testcatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "requireok.h"

using namespace stills;

namespace {

const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();
const QStringList kNames = {QStringLiteral("exiv2-canon-powershot-s40.jpg"), QStringLiteral("exiv2-kodak-dc210.jpg"),
                            QStringLiteral("exiv2-nikon-d70.jpg")};

} // namespace

class TestCurate : public QObject
{
    Q_OBJECT

private:
    QList<qint64> search(const QString &text)
    {
        auto query = QueryParser::parse(text);
        if (!query) {
            qWarning() << query.error().message;
            return {-1};
        }
        auto ids = SearchIndex::page(*m_catalog, *query, 0, 1000000);
        if (!ids) {
            qWarning() << ids.error().message;
            return {-2};
        }
        return *ids;
    }

    std::unique_ptr<test::ScratchCatalog> m_scratch;
    CatalogPtr m_catalog;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_folder;
    QList<qint64> m_ids;

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<test::ScratchCatalog>();
        QVERIFY2(m_scratch->isValid(), qPrintable(m_scratch->errorString()));
        auto opened = Catalog::open(m_scratch->url());
        QVERIFY(opened.ok());
        m_catalog = *opened;
        m_dir = std::make_unique<QTemporaryDir>();
        m_folder = QFileInfo(m_dir->path()).canonicalFilePath() + QStringLiteral("/roll");
        QVERIFY(QDir().mkpath(m_folder));
        for (const QString &name : kNames) {
            QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/exiv2/") + name, m_folder + u'/' + name));
            QFile::setPermissions(m_folder + u'/' + name, QFile::ReadOwner | QFile::WriteOwner);
        }
        // The Nikon file comes with a sidecar made in another tool (as Lightroom writes it).
        SidecarData lightroom;
        lightroom.tags = {QStringLiteral("Places/Paris"), QStringLiteral("Lighting/Low key")};
        lightroom.title = QStringLiteral("Quai de l'Horloge");
        lightroom.rating = 4;
        lightroom.label = QStringLiteral("Blue");
        REQUIRE_OK(XmpSidecar::write(m_folder + QStringLiteral("/exiv2-nikon-d70.jpg"), lightroom));

        FolderImporter importer(*m_catalog);
        ImportOptions options;
        options.path = m_folder;
        auto summary = importer.run(options);
        REQUIRE_OK(summary);
        QCOMPARE(summary->added, qint64(3));
        m_ids.clear();
        for (const QString &name : kNames)
            m_ids << (*ShotRepository(*m_catalog).findByPath(m_folder + u'/' + name))->id;
    }

    void cleanup()
    {
        m_catalog.reset();
        m_scratch.reset();
        m_dir.reset();
    }

    // Saved searches (smart photosets): kept by name, refused when the text would not parse,
    // version-checked like every edit, and evaluated afresh each time.
    void savedSearches()
    {
        SavedSearchRepository searches(*m_catalog);
        auto id = searches.create(QStringLiteral("  Night picks "), QStringLiteral("flag:pick time_of_day:night"));
        REQUIRE_OK(id);
        auto again = searches.create(QStringLiteral("Night picks"), QStringLiteral("rating>=1"));
        QVERIFY(!again);
        QCOMPARE(again.error().code, Error::Code::Conflict);
        auto bad = searches.create(QStringLiteral("Broken"), QStringLiteral("nosuchkey:x \"unclosed"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, Error::Code::InvalidInput);
        auto empty = searches.create(QStringLiteral("   "), QStringLiteral("rating>=1"));
        QVERIFY(!empty);
        // Quotes, percent signs and SQL keywords are only data.
        auto odd = searches.create(QStringLiteral("it's 100% ; DROP TABLE shots"), QStringLiteral("\"a ' b\" -\"%\""));
        REQUIRE_OK(odd);

        auto list = searches.list();
        REQUIRE_OK(list);
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(1).name, QStringLiteral("Night picks"));
        SavedSearch night = list->at(1);

        // Evaluated now: nothing is a pick at night yet; after the edits two shots are.
        auto parsed = QueryParser::parse(night.query);
        REQUIRE_OK(parsed);
        QCOMPARE(*SearchIndex::count(*m_catalog, *parsed), qint64(0));
        Curator curator(*m_catalog);
        curator.setWriteSidecars(false);
        REQUIRE_OK(curator.flag({ m_ids[0], m_ids[1] }, Shot::Flag::Picked));
        REQUIRE_OK(curator.setAttribute({ m_ids[0], m_ids[1], m_ids[2] }, QStringLiteral("time_of_day"), { QStringLiteral("night") }));
        QCOMPARE(*SearchIndex::count(*m_catalog, *parsed), qint64(2));

        // Rename; a second writer holding the old version is refused, nothing overwritten.
        SavedSearch renamed = night;
        renamed.name = QStringLiteral("Picks at night");
        REQUIRE_OK(searches.update(renamed));
        SavedSearch stale = night;
        stale.query = QStringLiteral("rating>=5");
        auto conflict = searches.update(stale);
        QVERIFY(!conflict);
        QCOMPARE(conflict.error().code, Error::Code::Conflict);
        auto reread = searches.get(night.id);
        REQUIRE_OK(reread);
        QCOMPARE(reread->name, QStringLiteral("Picks at night"));
        QCOMPARE(reread->query, QStringLiteral("flag:pick time_of_day:night"));
        SavedSearch clash = *reread;
        clash.name = QStringLiteral("it's 100% ; DROP TABLE shots");
        QCOMPARE(searches.update(clash).error().code, Error::Code::Conflict);

        REQUIRE_OK(searches.remove(night.id));
        QCOMPARE(searches.list()->size(), 1);
        QCOMPARE(searches.get(night.id).error().code, Error::Code::NotFound);
    }

    void sidecarArrivesOnImport()
    {
        const Shot nikon = *ShotRepository(*m_catalog).get(m_ids[2]);
        QCOMPARE(nikon.title, QStringLiteral("Quai de l'Horloge"));
        QCOMPARE(nikon.rating, 4);
        QCOMPARE(nikon.colorLabel, 4); // blue
        QCOMPARE(*TagRepository(*m_catalog).tagsOfShot(m_ids[2]),
                 (QStringList{QStringLiteral("Lighting/Low key"), QStringLiteral("Places/Paris")}));
        QCOMPARE(ShotRepository(*m_catalog).get(m_ids[0])->rating, 0);
    }

    void rateFlagLabelWriteSidecars()
    {
        Curator curator(*m_catalog);
        auto rated = curator.rate({m_ids[0], m_ids[1]}, 5);
        REQUIRE_OK(rated);
        QCOMPARE(rated->changed, qint64(2));
        QCOMPARE(rated->sidecarsWritten, qint64(2));
        QVERIFY(rated->sidecarFailures.isEmpty());
        const Shot first = *ShotRepository(*m_catalog).get(m_ids[0]);
        QCOMPARE(first.rating, 5);
        QCOMPARE(first.version, 2);
        QCOMPARE(XmpSidecar::read(first.path)->rating, 5);

        // Setting what is already there changes nothing and writes nothing.
        auto again = curator.rate({m_ids[0]}, 5);
        QCOMPARE(again->changed, qint64(0));
        QCOMPARE(again->sidecarsWritten, qint64(0));

        REQUIRE_OK(curator.flag({m_ids[1]}, Shot::Flag::Rejected));
        QVERIFY(XmpSidecar::read(m_folder + u'/' + kNames[1])->rejected);
        REQUIRE_OK(curator.label({m_ids[1]}, 1));
        QCOMPARE(XmpSidecar::read(m_folder + u'/' + kNames[1])->label, QStringLiteral("Red"));
        QCOMPARE(curator.rate({m_ids[0]}, 7).error().code, Error::Code::InvalidInput);
        QCOMPARE(curator.label({m_ids[0]}, 9).error().code, Error::Code::InvalidInput);
    }

    void tagsAddRemove()
    {
        Curator curator(*m_catalog);
        auto tagged = curator.tag(m_ids, {QStringLiteral("Shot type/Close-up"), QStringLiteral("Ünïcode/日本")}, {});
        REQUIRE_OK(tagged);
        QCOMPARE(tagged->changed, qint64(3));
        for (qint64 id : m_ids)
            QVERIFY(TagRepository(*m_catalog).tagsOfShot(id)->contains(QStringLiteral("Shot type/Close-up")));
        QVERIFY(XmpSidecar::read(m_folder + u'/' + kNames[0])->tags.contains(QStringLiteral("Ünïcode/日本")));
        // The Nikon sidecar keeps the tags it came with, plus the new ones.
        const SidecarData nikon = *XmpSidecar::read(m_folder + u'/' + kNames[2]);
        QVERIFY(nikon.tags.contains(QStringLiteral("Places/Paris")));
        QVERIFY(nikon.tags.contains(QStringLiteral("Shot type/Close-up")));

        // The batch refreshed the search index in the same transaction: tag: and words find them.
        QCOMPARE(search(QStringLiteral("tag:\"Shot type/Close-up\"")), m_ids);
        QCOMPARE(search(QStringLiteral("close")), m_ids);
        QCOMPARE(search(QStringLiteral("日本")), m_ids);

        auto removed = curator.tag({m_ids[0]}, {}, {QStringLiteral("Shot type/Close-up"), QStringLiteral("No/Such tag")});
        REQUIRE_OK(removed);
        QCOMPARE(removed->changed, qint64(1));
        QVERIFY(!XmpSidecar::read(m_folder + u'/' + kNames[0])->tags.contains(QStringLiteral("Shot type/Close-up")));
        QCOMPARE(search(QStringLiteral("close")), (QList<qint64>{m_ids[1], m_ids[2]}));
        QCOMPARE(search(QStringLiteral("-tag:\"Shot type\"")), QList<qint64>{m_ids[0]});
        QVERIFY(!curator.tag({m_ids[0]}, {QStringLiteral("  /  ")}, {}).ok());

        // A failed batch leaves the per-row index triggers on: a single tagging is found at once.
        auto single = TagRepository(*m_catalog).ensurePath(QStringLiteral("Mood/Serene"));
        REQUIRE_OK(single);
        REQUIRE_OK(TagRepository(*m_catalog).tagShots(*single, {m_ids[1]}));
        QCOMPARE(search(QStringLiteral("serene")), QList<qint64>{m_ids[1]});
        auto db = m_catalog->database();
        REQUIRE_OK(db);
        QCOMPARE(*sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM search_batch")), qint64(0));
    }

    void batchTagOfManyShotsIsSearchable()
    {
        // More shots than one statement could take placeholders for on SQLite (32766).
        const int extra = 40000;
        auto db = m_catalog->database();
        REQUIRE_OK(db);
        QList<qint64> selection = m_ids;
        QList<qint64> numbers;
        for (int i = 0; i < extra; ++i)
            numbers.append(i);
        const qint64 now = sql::nowMs();
        auto rows = sql::run(*db,
                             QStringLiteral("INSERT INTO shots (path, imported_ms, updated_ms) SELECT '/gen/frame_' || "
                                            "n.id || '.jpg', ?, ? FROM (%1) n RETURNING id")
                                 .arg(sql::idSetQuery(*db)),
                             {now, now, sql::idSetValue(*db, numbers)});
        REQUIRE_OK(rows);
        while (rows->next())
            selection.append(rows->value(0).toLongLong());
        QCOMPARE(selection.size(), extra + m_ids.size());
        Curator curator(*m_catalog);
        curator.setWriteSidecars(false);
        auto tagged = curator.tag(selection, {QStringLiteral("Batch/Moodboard")}, {});
        REQUIRE_OK(tagged);
        QCOMPARE(tagged->changed, qint64(selection.size()));
        QCOMPARE(search(QStringLiteral("moodboard")).size(), selection.size());
        QCOMPARE(search(QStringLiteral("moodboard frame_39999")).size(), 1);
        QCOMPARE(search(QStringLiteral("tag:Batch")).size(), selection.size());
        // Tagging again changes nothing.
        QCOMPARE(curator.tag(selection, {QStringLiteral("Batch/Moodboard")}, {})->changed, qint64(0));
        auto untagged = curator.tag(selection.mid(0, 10), {}, {QStringLiteral("Batch/Moodboard")});
        REQUIRE_OK(untagged);
        QCOMPARE(untagged->changed, qint64(10));
        QCOMPARE(search(QStringLiteral("moodboard")).size(), selection.size() - 10);
    }

    void failedSidecarWriteIsReportedNotSilent()
    {
        // A folder where the sidecar should go: the write fails (also as root, where chmod would not).
        const QString blocked = XmpSidecar::sidecarPath(m_folder + u'/' + kNames[0]);
        QVERIFY(QDir().mkpath(blocked));
        Curator curator(*m_catalog);
        auto rated = curator.rate({m_ids[0], m_ids[1]}, 3);
        REQUIRE_OK(rated);
        QCOMPARE(rated->changed, qint64(2));             // the catalog edit stands
        QCOMPARE(rated->sidecarsWritten, qint64(1));
        QCOMPARE(rated->sidecarFailures.size(), 1);      // and the failure is named
        QCOMPARE(rated->sidecarFailures.first().first, blocked);
        QVERIFY(!rated->sidecarFailures.first().second.isEmpty());
        QCOMPARE(ShotRepository(*m_catalog).get(m_ids[0])->rating, 3);
    }

    void attributesOverASelection()
    {
        Curator curator(*m_catalog);
        REQUIRE_OK(curator.setAttribute(m_ids, QStringLiteral("time_of_day"), {QStringLiteral("night")}));
        for (qint64 id : m_ids)
            QCOMPARE(AttributeRepository(*m_catalog).valuesOfShot(id)->value(QStringLiteral("time_of_day")),
                     QStringList{QStringLiteral("night")});
        // One bad value rolls the whole batch back.
        QVERIFY(!curator.setAttribute(m_ids, QStringLiteral("time_of_day"), {QStringLiteral("noon'; --")}).ok());
        QCOMPARE(AttributeRepository(*m_catalog).valuesOfShot(m_ids[1])->value(QStringLiteral("time_of_day")),
                 QStringList{QStringLiteral("night")});
    }

    // Undo never overwrites what someone else changed after the edit (another window, another user
    // on the shared catalog): those shots keep their values and are counted as conflicts.
    void undoLeavesLaterForeignEditsAlone()
    {
        Curator mine(*m_catalog);
        mine.setWriteSidecars(false);
        Curator theirs(*m_catalog);
        theirs.setWriteSidecars(false);

        // Rating: 1 -> 2 by me, then 5 on the second shot by them; undo puts 1 back on the others.
        REQUIRE_OK(mine.rate(m_ids, 1));
        REQUIRE_OK(mine.rate(m_ids, 2));
        REQUIRE_OK(theirs.rate({m_ids[1]}, 5));
        auto rated = mine.putBack(QStringLiteral("rating"), m_ids, 1, 2);
        REQUIRE_OK(rated);
        QCOMPARE(rated->changed, qint64(2));
        QCOMPARE(rated->conflicts, qint64(1));
        QCOMPARE(ShotRepository(*m_catalog).get(m_ids[0])->rating, 1);
        QCOMPARE(ShotRepository(*m_catalog).get(m_ids[1])->rating, 5);

        // Tags: the first shot already had "Look/Teal", the others lacked it and got it from my edit;
        // they then tag the third shot with something else. Undo takes "Look/Teal" off the second
        // shot only: the third is theirs now, the first never lost what it had.
        const QString teal = QStringLiteral("Look/Teal");
        REQUIRE_OK(mine.tag({m_ids[0]}, {teal}, {}));
        const QList<qint64> lacked = {m_ids[1], m_ids[2]};
        REQUIRE_OK(mine.tag(m_ids, {teal}, {}));
        auto after = mine.tagStates(lacked);
        REQUIRE_OK(after);
        QCOMPARE(after->size(), 2);
        REQUIRE_OK(theirs.tag({m_ids[2]}, {QStringLiteral("Look/Orange")}, {}));
        auto untagged = mine.putBackTags(*after, {}, {{teal, lacked}});
        REQUIRE_OK(untagged);
        QCOMPARE(untagged->changed, qint64(1));
        QCOMPARE(untagged->conflicts, qint64(1));
        auto tagsOf = [&](qint64 id) { return *TagRepository(*m_catalog).tagsOfShot(id); };
        QVERIFY(tagsOf(m_ids[0]).contains(teal));
        QVERIFY(!tagsOf(m_ids[1]).contains(teal));
        QVERIFY(tagsOf(m_ids[2]).contains(teal));
        QVERIFY(tagsOf(m_ids[2]).contains(QStringLiteral("Look/Orange")));
        QCOMPARE(search(QStringLiteral("tag:Look/Teal")), (QList<qint64>{m_ids[0], m_ids[2]}));

        // Undo of a removal adds the tag back where nobody touched the shot since.
        REQUIRE_OK(mine.tag({m_ids[0]}, {}, {teal}));
        auto removedState = mine.tagStates({m_ids[0]});
        REQUIRE_OK(removedState);
        auto retagged = mine.putBackTags(*removedState, {{teal, {m_ids[0]}}}, {});
        REQUIRE_OK(retagged);
        QCOMPARE(retagged->changed, qint64(1));
        QCOMPARE(retagged->conflicts, qint64(0));
        QVERIFY(tagsOf(m_ids[0]).contains(teal));

        // Attributes: day -> night by me, dusk on the first shot by them; undo gives "day" back to
        // the other two only. A shot already back at "day" is neither changed nor a conflict.
        const QString key = QStringLiteral("time_of_day");
        REQUIRE_OK(mine.setAttribute(m_ids, key, {QStringLiteral("day")}));
        REQUIRE_OK(mine.setAttribute(m_ids, key, {QStringLiteral("night")}));
        REQUIRE_OK(theirs.setAttribute({m_ids[0]}, key, {QStringLiteral("dusk")}));
        REQUIRE_OK(theirs.setAttribute({m_ids[2]}, key, {QStringLiteral("day")}));
        auto back = mine.putBackAttribute(m_ids, key, {QStringLiteral("day")}, {QStringLiteral("night")});
        REQUIRE_OK(back);
        QCOMPARE(back->changed, qint64(1));
        QCOMPARE(back->conflicts, qint64(1));
        auto valueOf = [&](qint64 id) { return AttributeRepository(*m_catalog).valuesOfShot(id)->value(key); };
        QCOMPARE(valueOf(m_ids[0]), QStringList{QStringLiteral("dusk")});
        QCOMPARE(valueOf(m_ids[1]), QStringList{QStringLiteral("day")});
        QCOMPARE(valueOf(m_ids[2]), QStringList{QStringLiteral("day")});
    }
};

QTEST_GUILESS_MAIN(TestCurate)
#include "tst_curate.moc"
