// Aspect ratio and orientation derived from the pixels: the mapping, import, the one-off backfill of
// existing shots, and values a person chose left alone; run against SQLite and PostgreSQL.
#include "catalog/attributerepository.h"
#include "catalog/catalog.h"
#include "catalog/shapeattributes.h"
#include "catalog/shotrepository.h"
#include "catalog/sqlhelpers.h"
#include "curating/curator.h"
#include "importing/folderimporter.h"
#include "testcatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "requireok.h"

using namespace stills;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();

} // namespace

class TestShapeAttributes : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::ScratchCatalog> m_scratch;
    CatalogPtr m_catalog;

    qint64 addShot(const QString &path, int width, int height, int orientation = 1)
    {
        Shot s;
        s.path = path;
        s.contentHash = QStringLiteral("hash-") + path;
        s.format = QStringLiteral("jpeg");
        s.width = width;
        s.height = height;
        s.exif.orientation = orientation;
        auto id = ShotRepository(*m_catalog).insert(s);
        if (!id)
            qWarning() << id.error().message;
        return id ? *id : 0;
    }

    QString valueOf(qint64 shotId, const QString &key)
    {
        auto values = AttributeRepository(*m_catalog).valuesOfShot(shotId);
        if (!values) {
            qWarning() << values.error().message;
            return QStringLiteral("<error>");
        }
        return values->value(key).join(u',');
    }

    // 1 when the shot's value of `key` is marked as derived, 0 when chosen, -1 when there is none.
    int derivedFlag(qint64 shotId, const QString &key)
    {
        auto db = m_catalog->database();
        if (!db)
            return -2;
        auto q = sql::run(*db,
                          QStringLiteral("SELECT sa.derived FROM shot_attributes sa JOIN attribute_options o ON o.id = "
                                         "sa.option_id JOIN attributes a ON a.id = o.attribute_id WHERE sa.shot_id = ? "
                                         "AND a.key = ?"),
                          {shotId, key});
        if (!q || !q->next())
            return -1;
        return q->value(0).toInt();
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

    void derive_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QString>("aspect");
        QTest::addColumn<QString>("shape");

        QTest::newRow("HD") << 1920 << 1080 << 1 << "178" << "landscape";
        QTest::newRow("4:3") << 4000 << 3000 << 1 << "133" << "landscape";
        QTest::newRow("3:2") << 6000 << 4000 << 1 << "150" << "landscape";
        QTest::newRow("flat") << 1998 << 1080 << 1 << "185" << "landscape";
        QTest::newRow("scope 2.39") << 2048 << 858 << 1 << "239" << "landscape";
        QTest::newRow("scope 2.387") << 4096 << 1716 << 1 << "239" << "landscape";
        QTest::newRow("very wide") << 8000 << 2000 << 1 << "300-and-wider" << "landscape";
        QTest::newRow("square") << 1080 << 1080 << 1 << "1-1" << "square";
        QTest::newRow("nearly square") << 1010 << 1000 << 1 << "1-1" << "square";
        QTest::newRow("phone portrait") << 1080 << 1920 << 1 << "9-16" << "portrait";
        QTest::newRow("4:5 portrait") << 1080 << 1350 << 1 << "4-5" << "portrait";
        // Stored landscape, shown upright by EXIF orientation 6 (rotate 90°) or 8.
        QTest::newRow("rotated 6") << 1920 << 1080 << 6 << "9-16" << "portrait";
        QTest::newRow("rotated 8") << 1350 << 1080 << 8 << "4-5" << "portrait";
        QTest::newRow("mirrored 2 is not rotated") << 1920 << 1080 << 2 << "178" << "landscape";
        QTest::newRow("unknown size") << 0 << 0 << 1 << "" << "";
        QTest::newRow("no height") << 640 << 0 << 1 << "" << "";
    }

    void derive()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(int, orientation);
        QFETCH(QString, aspect);
        QFETCH(QString, shape);
        auto vocabulary = AttributeRepository(*m_catalog).all();
        REQUIRE_OK(vocabulary);
        const ShapeAttributes::Shape derived = ShapeAttributes::derive(*vocabulary, width, height, orientation);
        QCOMPARE(derived.aspectRatio, aspect);
        QCOMPARE(derived.orientation, shape);

        // The catalog's set-based SQL agrees with the mapping.
        const qint64 id = addShot(QStringLiteral("/p/shot.jpg"), width, height, orientation);
        QVERIFY(id);
        REQUIRE_OK(ShapeAttributes::apply(*m_catalog, {id}));
        QCOMPARE(valueOf(id, ShapeAttributes::aspectRatioKey()), aspect);
        QCOMPARE(valueOf(id, ShapeAttributes::orientationKey()), shape);
    }

    void chosenValuesAreKept()
    {
        const qint64 wide = addShot(QStringLiteral("/p/wide.jpg"), 1920, 1080);
        const qint64 chosen = addShot(QStringLiteral("/p/chosen.jpg"), 1920, 1080);
        QVERIFY(wide && chosen);
        REQUIRE_OK(ShapeAttributes::apply(*m_catalog, {wide, chosen}));
        QCOMPARE(derivedFlag(wide, ShapeAttributes::aspectRatioKey()), 1);

        // A curator says the second shot is 2.39 (the frame inside the letterbox): a chosen value.
        Curator curator(*m_catalog);
        curator.setWriteSidecars(false);
        REQUIRE_OK(curator.setAttribute({chosen}, ShapeAttributes::aspectRatioKey(), {QStringLiteral("239")}));
        QCOMPARE(derivedFlag(chosen, ShapeAttributes::aspectRatioKey()), 0);

        // The pixels change (a re-export in portrait): derived values follow, the chosen one stays.
        auto db = m_catalog->database();
        REQUIRE_OK(db);
        REQUIRE_OK(sql::exec(*db, QStringLiteral("UPDATE shots SET width = 1080, height = 1920 WHERE id IN (?, ?)"),
                             {wide, chosen}));
        REQUIRE_OK(ShapeAttributes::apply(*m_catalog, {wide, chosen}));
        QCOMPARE(valueOf(wide, ShapeAttributes::aspectRatioKey()), QStringLiteral("9-16"));
        QCOMPARE(valueOf(wide, ShapeAttributes::orientationKey()), QStringLiteral("portrait"));
        QCOMPARE(valueOf(chosen, ShapeAttributes::aspectRatioKey()), QStringLiteral("239"));
        QCOMPARE(derivedFlag(chosen, ShapeAttributes::aspectRatioKey()), 0);
        QCOMPARE(valueOf(chosen, ShapeAttributes::orientationKey()), QStringLiteral("portrait"));

        // Running it again changes nothing and duplicates nothing.
        REQUIRE_OK(ShapeAttributes::applyToAll(*m_catalog));
        auto count = sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM shot_attributes"));
        REQUIRE_OK(count);
        QCOMPARE(*count, 4);

        // A size that becomes unknown takes the derived values away, never the chosen one.
        REQUIRE_OK(sql::exec(*db, QStringLiteral("UPDATE shots SET width = 0 WHERE id IN (?, ?)"), {wide, chosen}));
        REQUIRE_OK(ShapeAttributes::applyToAll(*m_catalog));
        QCOMPARE(valueOf(wide, ShapeAttributes::aspectRatioKey()), QString());
        QCOMPARE(valueOf(wide, ShapeAttributes::orientationKey()), QString());
        QCOMPARE(valueOf(chosen, ShapeAttributes::aspectRatioKey()), QStringLiteral("239"));
    }

    void existingShotsAreBackfilledOnce()
    {
        // Shots written before Stills derived these values: the next open fills them in, once.
        const qint64 old = addShot(QStringLiteral("/p/old.jpg"), 4000, 3000);
        QVERIFY(old);
        {
            auto db = m_catalog->database();
            REQUIRE_OK(db);
            REQUIRE_OK(sql::exec(*db, QStringLiteral("DELETE FROM shot_attributes WHERE shot_id = ?"), {old}));
            REQUIRE_OK(sql::exec(*db, QStringLiteral("DELETE FROM catalog_info WHERE key = 'derived_shape'")));
        }
        QCOMPARE(valueOf(old, ShapeAttributes::aspectRatioKey()), QString());
        m_catalog.reset();
        auto reopened = Catalog::open(m_scratch->url());
        REQUIRE_OK(reopened);
        m_catalog = *reopened;
        QCOMPARE(valueOf(old, ShapeAttributes::aspectRatioKey()), QStringLiteral("133"));
        QCOMPARE(valueOf(old, ShapeAttributes::orientationKey()), QStringLiteral("landscape"));

        // Once: a value removed afterwards is not put back by the next open.
        {
            auto db = m_catalog->database();
            REQUIRE_OK(db);
            REQUIRE_OK(sql::exec(*db, QStringLiteral("DELETE FROM shot_attributes WHERE shot_id = ?"), {old}));
        }
        m_catalog.reset();
        reopened = Catalog::open(m_scratch->url());
        REQUIRE_OK(reopened);
        m_catalog = *reopened;
        QCOMPARE(valueOf(old, ShapeAttributes::aspectRatioKey()), QString());
    }

    void upgradeFromSchema2ReportsProgress()
    {
        const qint64 wide = addShot(QStringLiteral("/p/wide.jpg"), 3840, 2160);
        QVERIFY(wide);
        // Back to what a schema-2 catalog holds: no search_batch, no derived column, no values, no
        // curation copies on the links (schema 6) and the links' indexes as schema 1 made them.
        {
            auto db = m_catalog->database();
            REQUIRE_OK(db);
            const bool sqlite = m_catalog->isSqlite();
            QStringList undoSix;
            for (const QString &trigger : {u"shots_curation_links on shots"_s, u"shot_tags_curation on shot_tags"_s,
                                           u"shot_attributes_curation on shot_attributes"_s,
                                           u"photoset_shots_curation on photoset_shots"_s}) {
                const QStringList words = trigger.split(u' ');
                undoSix.append(u"DROP TRIGGER "_s + words.at(0) + (sqlite ? QString() : u" ON "_s + words.at(2)));
            }
            if (!sqlite)
                undoSix << u"DROP FUNCTION stills_curation_to_links()"_s << u"DROP FUNCTION stills_curation_from_shot()"_s;
            undoSix << u"DROP INDEX shot_tags_tag"_s << u"DROP INDEX shot_attributes_option"_s
                    << u"DROP INDEX photoset_shots_curation"_s;
            for (const QString &table : {u"shot_tags"_s, u"shot_attributes"_s, u"photoset_shots"_s})
                for (const QString &column : {u"rating"_s, u"flag"_s, u"color_label"_s, u"status"_s})
                    undoSix.append(u"ALTER TABLE "_s + table + u" DROP COLUMN "_s + column);
            undoSix << u"CREATE INDEX shot_tags_tag ON shot_tags (tag_id, shot_id)"_s
                    << u"CREATE INDEX shot_attributes_option ON shot_attributes (option_id, shot_id)"_s;
            for (const QString &statement : std::as_const(undoSix))
                REQUIRE_OK(sql::exec(*db, statement));
            for (const char *statement :
                 {"DELETE FROM shot_attributes", "ALTER TABLE shot_attributes DROP COLUMN derived", "DROP TABLE search_batch", "DROP TABLE saved_searches", "DROP INDEX shots_curation",
                  "DELETE FROM catalog_info WHERE key = 'derived_shape'", "UPDATE schema_version SET version = 2"})
                REQUIRE_OK(sql::exec(*db, QString::fromLatin1(statement)));
        }
        m_catalog.reset();
        QStringList steps;
        auto reopened = Catalog::open(m_scratch->url(), Catalog::OpenMode::ReadWrite,
                                      [&](const QString &step) { steps.append(step); });
        REQUIRE_OK(reopened);
        m_catalog = *reopened;
        QCOMPARE(m_catalog->schemaVersion(), Catalog::SchemaVersion);
        // One step per migration from schema 3 on, then the backfill.
        QCOMPARE(steps.size(), Catalog::SchemaVersion - 2 + 1);
        QVERIFY2(steps.at(0).contains(QStringLiteral("schema 3")), qPrintable(steps.at(0)));
        QVERIFY2(steps.constLast().contains(QStringLiteral("aspect ratio")), qPrintable(steps.constLast()));
        QCOMPARE(valueOf(wide, ShapeAttributes::aspectRatioKey()), QStringLiteral("178"));

        // Up to date: nothing to tell.
        steps.clear();
        m_catalog.reset();
        reopened = Catalog::open(m_scratch->url(), Catalog::OpenMode::ReadWrite,
                                 [&](const QString &step) { steps.append(step); });
        REQUIRE_OK(reopened);
        m_catalog = *reopened;
        QVERIFY(steps.isEmpty());
    }

    void importDerivesFromRealFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString folder = QFileInfo(dir.path()).canonicalFilePath();
        const QStringList names = {QStringLiteral("FurnaceCreekInn.jpg"), QStringLiteral("DSC_3079.jpg"),
                                   QStringLiteral("exiv2-bug922.jpg")};
        for (const QString &name : names)
            QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/exiv2/") + name, folder + u'/' + name));
        FolderImporter importer(*m_catalog);
        ImportOptions options;
        options.path = folder;
        auto summary = importer.run(options);
        REQUIRE_OK(summary);
        QCOMPARE(summary->added, qint64(names.size()));
        auto vocabulary = AttributeRepository(*m_catalog).all();
        REQUIRE_OK(vocabulary);
        QSet<QString> orientations;
        for (const QString &name : names) {
            auto shot = ShotRepository(*m_catalog).findByPath(folder + u'/' + name);
            REQUIRE_OK(shot);
            QVERIFY(shot->has_value());
            const Shot &s = **shot;
            QVERIFY2(s.width > 0 && s.height > 0, qPrintable(name));
            const auto expected = ShapeAttributes::derive(*vocabulary, s.width, s.height, s.exif.orientation);
            QVERIFY(!expected.aspectRatio.isEmpty());
            QCOMPARE(valueOf(s.id, ShapeAttributes::aspectRatioKey()), expected.aspectRatio);
            QCOMPARE(valueOf(s.id, ShapeAttributes::orientationKey()), expected.orientation);
            QCOMPARE(derivedFlag(s.id, ShapeAttributes::aspectRatioKey()), 1);
            orientations.insert(expected.orientation);
        }
        // 400 x 300 is 4:3 landscape whatever else the corpus holds.
        auto furnace = ShotRepository(*m_catalog).findByPath(folder + QStringLiteral("/FurnaceCreekInn.jpg"));
        REQUIRE_OK(furnace);
        QCOMPARE(valueOf((*furnace)->id, ShapeAttributes::aspectRatioKey()), QStringLiteral("133"));
        QVERIFY(orientations.contains(QStringLiteral("portrait"))); // 720 x 1280 and 1536 x 2048 stored upright
    }
};

QTEST_GUILESS_MAIN(TestShapeAttributes)
#include "tst_shapeattributes.moc"
