// The tag hierarchy: merge, move, and the undoable tag edits (apply → revert → same state); both backends.
#include "catalog/catalog.h"
#include "catalog/photosetrepository.h"
#include "catalog/queryparser.h"
#include "catalog/searchindex.h"
#include "catalog/shotrepository.h"
#include "catalog/tagrepository.h"
#include "curating/tagedits.h"
#include "testcatalog.h"

#include <QMap>
#include <QTest>

#include "requireok.h"

using namespace stills;

namespace {

struct Carriers {
    QList<qint64> shots;
    QList<qint64> photosets;
    bool operator==(const Carriers &) const = default;
};

} // namespace

namespace QTest {
template<>
char *toString(const QMap<QString, Carriers> &state)
{
    QStringList lines;
    for (auto it = state.cbegin(); it != state.cend(); ++it) {
        QStringList shots, sets;
        for (qint64 id : it->shots)
            shots << QString::number(id);
        for (qint64 id : it->photosets)
            sets << QString::number(id);
        lines << QStringLiteral("%1: shots [%2] sets [%3]").arg(it.key(), shots.join(u','), sets.join(u','));
    }
    return qstrdup(qPrintable(lines.join(u'\n')));
}
} // namespace QTest

class TestTags : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::ScratchCatalog> m_scratch;
    CatalogPtr m_catalog;
    QList<qint64> m_shots;  // 6 shots
    qint64 m_set = 0;       // one photoset

    qint64 tag(const QString &path)
    {
        auto id = TagRepository(*m_catalog).findPath(path);
        if (!id || !id->has_value())
            return 0;
        return **id;
    }

    void tagShots(const QString &path, const QList<int> &which)
    {
        TagRepository tags(*m_catalog);
        auto id = tags.ensurePath(path);
        QVERIFY(id.ok());
        QList<qint64> ids;
        for (int i : which)
            ids << m_shots[i];
        QVERIFY(tags.tagShots(*id, ids).ok());
    }

    qint64 count(const QString &queryText)
    {
        auto query = QueryParser::parse(queryText);
        if (!query)
            return -1;
        auto n = SearchIndex::count(*m_catalog, *query);
        return n ? *n : -1;
    }

    QMap<QString, Carriers> state()
    {
        TagRepository tags(*m_catalog);
        QMap<QString, Carriers> result;
        const QList<Tag> all = *tags.all();
        for (const Tag &t : all)
            result.insert(t.path, {*tags.shotsCarrying(t.id), *tags.photosetsCarrying(t.id)});
        return result;
    }

    qint64 usage(const QString &path)
    {
        const QList<Tag> all = *TagRepository(*m_catalog).all();
        for (const Tag &t : all)
            if (t.path == path)
                return t.usageCount;
        return -1;
    }

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<test::ScratchCatalog>();
        QVERIFY2(m_scratch->isValid(), qPrintable(m_scratch->errorString()));
        auto opened = Catalog::open(m_scratch->url());
        REQUIRE_OK(opened);
        m_catalog = *opened;
        m_shots.clear();
        ShotRepository shots(*m_catalog);
        for (int i = 0; i < 6; ++i) {
            Shot s;
            s.path = QStringLiteral("/nowhere/roll/frame-%1.jpg").arg(i);
            s.title = QStringLiteral("Frame %1").arg(i);
            auto id = shots.insert(s);
            REQUIRE_OK(id);
            m_shots << *id;
        }
        Photoset set;
        set.name = QStringLiteral("Night walk");
        auto setId = PhotosetRepository(*m_catalog).create(set);
        REQUIRE_OK(setId);
        m_set = *setId;

        // Two spellings of one idea, as a catalog grows them.
        tagShots(QStringLiteral("Lighting/Low key"), {0, 1});
        tagShots(QStringLiteral("Light/Low key"), {1, 2});
        tagShots(QStringLiteral("Light/Soft"), {3});
        tagShots(QStringLiteral("Light/Soft/Window"), {3});
        tagShots(QStringLiteral("Light"), {4});
        tagShots(QStringLiteral("Places/Paris"), {5});
        REQUIRE_OK(TagRepository(*m_catalog).tagPhotoset(tag(QStringLiteral("Light")), m_set));
        REQUIRE_OK(TagRepository(*m_catalog).tagPhotoset(tag(QStringLiteral("Light/Soft")), m_set));
    }

    void cleanup()
    {
        m_catalog.reset();
        m_scratch.reset();
    }

    void mergeMovesTaggingsAndChildren()
    {
        TagRepository tags(*m_catalog);
        QCOMPARE(count(QStringLiteral("tag:\"Light/Soft\"")), qint64(1));
        QCOMPARE(count(QStringLiteral("tag:Lighting")), qint64(2));
        REQUIRE_OK(tags.merge(tag(QStringLiteral("Light")), tag(QStringLiteral("Lighting"))));

        QCOMPARE(tag(QStringLiteral("Light")), qint64(0));
        QCOMPARE(*tags.shotsCarrying(tag(QStringLiteral("Lighting"))), (QList<qint64>{m_shots[4]}));
        // Same-slug children merged, without duplicates.
        QCOMPARE(*tags.shotsCarrying(tag(QStringLiteral("Lighting/Low key"))),
                 (QList<qint64>{m_shots[0], m_shots[1], m_shots[2]}));
        QCOMPARE(usage(QStringLiteral("Lighting/Low key")), qint64(3));
        // Other children moved under the target with their own subtree.
        QCOMPARE(*tags.shotsCarrying(tag(QStringLiteral("Lighting/Soft/Window"))), (QList<qint64>{m_shots[3]}));
        QCOMPARE(*tags.photosetsCarrying(tag(QStringLiteral("Lighting"))), (QList<qint64>{m_set}));
        QCOMPARE(*tags.photosetsCarrying(tag(QStringLiteral("Lighting/Soft"))), (QList<qint64>{m_set}));
        QCOMPARE(*tags.tagsOfShot(m_shots[3]),
                 (QStringList{QStringLiteral("Lighting/Soft"), QStringLiteral("Lighting/Soft/Window")}));

        // The search index follows: the new paths find the shots, the old one nothing.
        QCOMPARE(count(QStringLiteral("tag:\"Lighting/Soft/Window\"")), qint64(1));
        QCOMPARE(count(QStringLiteral("tag:Lighting")), qint64(5));
        QCOMPARE(count(QStringLiteral("tag:\"Light/Soft\"")), qint64(0));
        QCOMPARE(count(QStringLiteral("window")), qint64(1));
    }

    void mergeIntoParent()
    {
        TagRepository tags(*m_catalog);
        REQUIRE_OK(tags.merge(tag(QStringLiteral("Light/Soft")), tag(QStringLiteral("Light"))));
        QCOMPARE(*tags.shotsCarrying(tag(QStringLiteral("Light"))), (QList<qint64>{m_shots[3], m_shots[4]}));
        QCOMPARE(*tags.shotsCarrying(tag(QStringLiteral("Light/Window"))), (QList<qint64>{m_shots[3]}));
        QCOMPARE(tag(QStringLiteral("Light/Soft")), qint64(0));
        QCOMPARE(count(QStringLiteral("tag:\"Light/Window\"")), qint64(1));
    }

    void mergeRefusesItselfAndDescendants()
    {
        TagRepository tags(*m_catalog);
        const auto before = state();
        auto self = tags.merge(tag(QStringLiteral("Light")), tag(QStringLiteral("Light")));
        QCOMPARE(self.error().code, Error::Code::InvalidInput);
        auto down = tags.merge(tag(QStringLiteral("Light")), tag(QStringLiteral("Light/Soft/Window")));
        QCOMPARE(down.error().code, Error::Code::InvalidInput);
        QVERIFY2(down.error().message.contains(QStringLiteral("Light/Soft/Window")), qPrintable(down.error().message));
        QCOMPARE(tags.merge(tag(QStringLiteral("Light")), 999999).error().code, Error::Code::NotFound);
        QCOMPARE(state(), before);
    }

    void moveReparents()
    {
        TagRepository tags(*m_catalog);
        const qint64 soft = tag(QStringLiteral("Light/Soft"));
        REQUIRE_OK(tags.move(soft, tag(QStringLiteral("Lighting"))));
        QCOMPARE(*tags.pathOf(soft), QStringLiteral("Lighting/Soft"));
        QCOMPARE(tag(QStringLiteral("Lighting/Soft/Window")), tag(QStringLiteral("Lighting/Soft/Window")));
        QVERIFY(tag(QStringLiteral("Lighting/Soft/Window")) != 0);
        QCOMPARE(count(QStringLiteral("tag:\"Lighting/Soft/Window\"")), qint64(1));
        QCOMPARE(count(QStringLiteral("tag:Light")), qint64(3)); // shots 1, 2 (Low key) and 4; not 3 any more
        QCOMPARE(usage(QStringLiteral("Lighting/Soft")), qint64(1));

        REQUIRE_OK(tags.move(soft, 0));
        QCOMPARE(*tags.pathOf(soft), QStringLiteral("Soft"));
        QCOMPARE(count(QStringLiteral("tag:Soft")), qint64(1));

        // A sibling with the same slug: refused, nothing moved.
        auto clash = tags.move(tag(QStringLiteral("Light/Low key")), tag(QStringLiteral("Lighting")));
        QCOMPARE(clash.error().code, Error::Code::Conflict);
        QVERIFY2(clash.error().message.contains(QStringLiteral("Low key")), qPrintable(clash.error().message));
        QVERIFY(tag(QStringLiteral("Light/Low key")) != 0);
        auto cycle = tags.move(soft, tag(QStringLiteral("Soft/Window")));
        QCOMPARE(cycle.error().code, Error::Code::InvalidInput);
        QCOMPARE(tags.move(soft, soft).error().code, Error::Code::InvalidInput);
    }

    void editRoundTrip_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("gone");    // a path that must not exist after apply
        QTest::addColumn<QString>("present"); // a path that must exist after apply
        const int rename = int(TagEdit::Kind::Rename), move = int(TagEdit::Kind::Move),
                  merge = int(TagEdit::Kind::Merge), del = int(TagEdit::Kind::Delete);
        QTest::newRow("rename") << rename << QStringLiteral("Light/Soft") << QStringLiteral("Diffuse")
                                << QStringLiteral("Light/Soft") << QStringLiteral("Light/Diffuse/Window");
        QTest::newRow("rename-case") << rename << QStringLiteral("Light") << QStringLiteral("light")
                                     << QString() << QStringLiteral("light/Soft");
        QTest::newRow("move") << move << QStringLiteral("Light/Soft") << QStringLiteral("Lighting")
                              << QStringLiteral("Light/Soft") << QStringLiteral("Lighting/Soft/Window");
        QTest::newRow("move-top") << move << QStringLiteral("Light/Soft/Window") << QString()
                                  << QStringLiteral("Light/Soft/Window") << QStringLiteral("Window");
        QTest::newRow("merge") << merge << QStringLiteral("Light") << QStringLiteral("Lighting")
                               << QStringLiteral("Light") << QStringLiteral("Lighting/Soft/Window");
        QTest::newRow("merge-into-parent") << merge << QStringLiteral("Light/Soft") << QStringLiteral("Light")
                                           << QStringLiteral("Light/Soft") << QStringLiteral("Light/Window");
        QTest::newRow("merge-leaf") << merge << QStringLiteral("Places/Paris") << QStringLiteral("Light/Low key")
                                    << QStringLiteral("Places/Paris") << QStringLiteral("Places");
        QTest::newRow("delete") << del << QStringLiteral("Light") << QString() << QStringLiteral("Light/Soft/Window")
                                << QStringLiteral("Lighting/Low key");
    }

    void editRoundTrip()
    {
        QFETCH(int, kind);
        QFETCH(QString, path);
        QFETCH(QString, argument);
        QFETCH(QString, gone);
        QFETCH(QString, present);

        TagEdit edit;
        edit.kind = TagEdit::Kind(kind);
        edit.path = path;
        if (edit.kind == TagEdit::Kind::Rename)
            edit.newName = argument;
        else
            edit.targetPath = argument;

        const auto before = state();
        const qint64 lightCount = count(QStringLiteral("tag:Light"));
        REQUIRE_OK(TagEdits::apply(*m_catalog, edit, false));
        const auto after = state();
        QVERIFY(after != before);
        if (!gone.isEmpty())
            QVERIFY2(!after.contains(gone), qPrintable(gone));
        QVERIFY2(after.contains(present), qPrintable(present));

        REQUIRE_OK(TagEdits::revert(*m_catalog, edit, false));
        QCOMPARE(state(), before);
        QCOMPARE(count(QStringLiteral("tag:Light")), lightCount);
        QCOMPARE(count(QStringLiteral("tag:\"Light/Soft/Window\"")), qint64(1));

        // Redo after undo: the edit finds its tags by path again.
        REQUIRE_OK(TagEdits::apply(*m_catalog, edit, false));
        QCOMPARE(state(), after);
        REQUIRE_OK(TagEdits::revert(*m_catalog, edit, false));
        QCOMPARE(state(), before);
    }

    void deleteCapturesCarriers()
    {
        TagEdit edit;
        edit.kind = TagEdit::Kind::Delete;
        edit.path = QStringLiteral("light"); // matched by slug; kept as the catalog spells it
        auto report = TagEdits::apply(*m_catalog, edit, false);
        REQUIRE_OK(report);
        QCOMPARE(report->changed, qint64(4)); // shots 1, 2, 3, 4
        QCOMPARE(edit.path, QStringLiteral("Light"));
        QCOMPARE(edit.before.size(), 4);
        QCOMPARE(edit.before.first().path, QStringLiteral("Light"));
        QCOMPARE(edit.before.first().shots, (QList<qint64>{m_shots[4]}));
        QCOMPARE(edit.before.first().photosets, (QList<qint64>{m_set}));
        QCOMPARE(count(QStringLiteral("tag:Light")), qint64(0));
        QCOMPARE(usage(QStringLiteral("Lighting/Low key")), qint64(2));
    }

    void editErrorsAreClear()
    {
        TagEdit missing;
        missing.kind = TagEdit::Kind::Rename;
        missing.path = QStringLiteral("No/Such");
        missing.newName = QStringLiteral("x");
        auto r = TagEdits::apply(*m_catalog, missing, false);
        QCOMPARE(r.error().code, Error::Code::NotFound);
        QVERIFY(r.error().message.contains(QStringLiteral("No/Such")));

        TagEdit clash;
        clash.kind = TagEdit::Kind::Rename;
        clash.path = QStringLiteral("Light");
        clash.newName = QStringLiteral("Lighting");
        QCOMPARE(TagEdits::apply(*m_catalog, clash, false).error().code, Error::Code::Conflict);

        TagEdit down;
        down.kind = TagEdit::Kind::Merge;
        down.path = QStringLiteral("Light");
        down.targetPath = QStringLiteral("Light/Soft");
        const auto before = state();
        QCOMPARE(TagEdits::apply(*m_catalog, down, false).error().code, Error::Code::InvalidInput);
        QCOMPARE(state(), before);
    }
};

QTEST_GUILESS_MAIN(TestTags)
#include "tst_tags.moc"
