// ShotListModel and PhotosetListModel over a synthetic catalog; run twice by CTest: against SQLite
// and against the test run's PostgreSQL. Every model is wrapped in QAbstractItemModelTester.
#include "catalog/catalog.h"
#include "catalog/photosetrepository.h"
#include "catalog/shotrepository.h"
#include "catalog/sqlhelpers.h"
#include "models/photosetlistmodel.h"
#include "models/shotlistmodel.h"
#include "testcatalog.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "requireok.h"
#include <algorithm>
#include <memory>

using namespace stills;

namespace {

constexpr int kShots = 5000;
constexpr int kShuffled = 1500;
constexpr int kScreen = 60;
constexpr int kTimeoutMs = 20000;

struct Fixture {
    std::unique_ptr<test::ScratchCatalog> scratch;
    CatalogPtr catalog;
};

// Inserts `n` synthetic shots in one transaction with one prepared statement.
Status insertShots(const Catalog &catalog, int n, int firstNumber = 0)
{
    return catalog.transaction([&](QSqlDatabase &db) -> Status {
        QSqlQuery q(db);
        if (!q.prepare(
                QStringLiteral("INSERT INTO shots (path, content_hash, byte_size, width, height, format, "
                               "status, imported_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")))
            return sql::errorFrom(q.lastError());
        const qint64 now = sql::nowMs();
        for (int i = firstNumber; i < firstNumber + n; ++i) {
            q.bindValue(0,
                QStringLiteral("/library/roll-%1/frame-%2.jpg")
                    .arg(i / 100, 3, 10, QLatin1Char('0'))
                    .arg(i, 6, 10, QLatin1Char('0')));
            q.bindValue(1, QStringLiteral("%1").arg(quint64(i) * 2654435761u, 64, 16, QLatin1Char('0')));
            q.bindValue(2, 100000 + i);
            q.bindValue(3, 4000);
            q.bindValue(4, 3000);
            q.bindValue(5, QStringLiteral("jpeg"));
            q.bindValue(6, i % 97 == 0 ? QStringLiteral("failed") : QStringLiteral("ok"));
            q.bindValue(7, now);
            q.bindValue(8, now);
            if (!q.exec())
                return sql::errorFrom(q.lastError());
        }
        return {};
    });
}

Result<QList<qint64>> libraryIds(const Catalog &catalog)
{
    QList<qint64> ids;
    qint64 after = 0;
    for (;;) {
        auto page = ShotRepository(catalog).page(after, 1000);
        if (!page)
            return page.error();
        if (page->isEmpty())
            return ids;
        for (const Shot &s : std::as_const(*page))
            ids.append(s.id);
        after = page->constLast().id;
    }
}

int loadedPages(const ShotListModel &model)
{
    int pages = 0;
    for (int row = 0; row < model.rowCount(); row += ShotListModel::PageSize)
        pages += model.isLoaded(row) ? 1 : 0;
    return pages;
}

bool rowsLoaded(const ShotListModel &model, int first, int last)
{
    for (int row = first; row <= last; ++row) {
        if (!model.isLoaded(row))
            return false;
    }
    return true;
}

} // namespace

class TestShotListModel : public QObject {
    Q_OBJECT

private:
    Fixture m_shared; // read-only for the tests that use it
    QList<qint64> m_libraryIds;
    qint64 m_shuffledSet = 0;
    QList<qint64> m_shuffledIds;
    qint64 m_smallSet = 0;
    QList<qint64> m_smallIds;

    static Fixture makeFixture()
    {
        Fixture f;
        f.scratch = std::make_unique<test::ScratchCatalog>();
        if (!f.scratch->isValid()) {
            qWarning() << f.scratch->errorString();
            return f;
        }
        auto opened = Catalog::open(f.scratch->url());
        if (!opened) {
            qWarning() << opened.error().message;
            return f;
        }
        f.catalog = *opened;
        return f;
    }

    // Watches every dataChanged of `model`: a loaded row must hold the id `expected()` says.
    // Catches a page of an older generation (a previous photoset) shown under the current one.
    static std::shared_ptr<QStringList> watchRows(
        ShotListModel &model, std::function<const QList<qint64> &()> expected)
    {
        auto failures = std::make_shared<QStringList>();
        QObject::connect(&model, &QAbstractItemModel::dataChanged, &model,
            [&model, expected, failures](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const QList<qint64> &ids = expected();
                for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
                    if (!model.isLoaded(row))
                        continue;
                    const qint64 id = model.shotAt(row).id;
                    if (row >= ids.size() || ids.at(row) != id)
                        failures->append(QStringLiteral("photoset %1 row %2: shot %3, expected %4")
                                             .arg(model.photoset())
                                             .arg(row)
                                             .arg(id)
                                             .arg(row < ids.size() ? ids.at(row) : -1));
                }
            });
        return failures;
    }

    // Scrolls through the whole list a screen at a time, waiting at each step for the visible
    // rows, and compares every row with `expected`.
    void sweep(ShotListModel &model, const QList<qint64> &expected)
    {
        QCOMPARE(model.rowCount(), int(expected.size()));
        for (int first = 0; first < expected.size(); first += kScreen) {
            const int last = std::min<int>(first + kScreen, int(expected.size())) - 1;
            model.setVisibleRange(first, last);
            QVERIFY2(QTest::qWaitFor([&] { return rowsLoaded(model, first, last); }, kTimeoutMs),
                qPrintable(QStringLiteral("rows %1..%2 did not arrive").arg(first).arg(last)));
            for (int row = first; row <= last; ++row)
                QCOMPARE(model.shotAt(row).id, expected.at(row));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<Shot>();
        m_shared = makeFixture();
        QVERIFY(m_shared.catalog);
        const Catalog &catalog = *m_shared.catalog;
        REQUIRE_OK(insertShots(catalog, kShots));
        auto ids = libraryIds(catalog);
        REQUIRE_OK(ids);
        m_libraryIds = *ids;
        QCOMPARE(m_libraryIds.size(), kShots);

        // A photoset with a shuffled subset, then a few moves so that positions are not just
        // the insertion order.
        PhotosetRepository sets(catalog);
        Photoset shuffled;
        shuffled.name = QStringLiteral("Shuffled");
        auto shuffledId = sets.create(shuffled);
        REQUIRE_OK(shuffledId);
        m_shuffledSet = *shuffledId;
        QList<qint64> members = m_libraryIds;
        QRandomGenerator random(20240611);
        std::shuffle(members.begin(), members.end(), random);
        members.resize(kShuffled);
        REQUIRE_OK(catalog.transaction([&](QSqlDatabase &) -> Status {
            auto added = sets.addShots(m_shuffledSet, members);
            if (!added)
                return added.error();
            return {};
        }));
        REQUIRE_OK(sets.moveShot(m_shuffledSet, members.at(1400), members.at(3))); // far to near
        REQUIRE_OK(sets.moveShot(m_shuffledSet, members.at(5), members.at(1300))); // near to far
        REQUIRE_OK(sets.moveShot(m_shuffledSet, members.at(700), 0)); // to the end
        auto ordered = sets.members(m_shuffledSet);
        REQUIRE_OK(ordered);
        m_shuffledIds = *ordered;
        QCOMPARE(m_shuffledIds.size(), kShuffled);
        QCOMPARE(m_shuffledIds.at(3), members.at(1400));
        QCOMPARE(m_shuffledIds.constLast(), members.at(700));

        Photoset small;
        small.name = QStringLiteral("small");
        auto smallId = sets.create(small);
        REQUIRE_OK(smallId);
        m_smallSet = *smallId;
        m_smallIds = { m_libraryIds.at(42), m_libraryIds.at(7), m_libraryIds.at(4999), m_libraryIds.at(0) };
        auto added = sets.addShots(m_smallSet, m_smallIds);
        REQUIRE_OK(added);
    }

    void cleanupTestCase()
    {
        m_shared.catalog.reset();
        m_shared.scratch.reset();
    }

    void libraryInIdOrder()
    {
        ShotListModel model(m_shared.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto failures = watchRows(model, [this]() -> const QList<qint64> & { return m_libraryIds; });
        QSignalSpy counts(&model, &ShotListModel::countChanged);
        QSignalSpy errors(&model, &ShotListModel::errorOccurred);

        // The first screen comes with the count.
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kShots, kTimeoutMs);
        QCOMPARE(model.totalCount(), qint64(kShots));
        QCOMPARE(counts.size(), 1);
        QCOMPARE(counts.at(0).at(0).toLongLong(), qint64(kShots));
        QVERIFY(rowsLoaded(model, 0, ShotListModel::PageSize - 1));
        QCOMPARE(model.shotAt(0).id, m_libraryIds.at(0));
        QCOMPARE(model.shotAt(255).id, m_libraryIds.at(255));

        // Roles of a loaded row.
        const QModelIndex first = model.index(1);
        QCOMPARE(model.data(first, ShotListModel::ShotIdRole).toLongLong(), m_libraryIds.at(1));
        QCOMPARE(model.data(first, Qt::DisplayRole).toString(), QStringLiteral("frame-000001.jpg"));
        QCOMPARE(model.data(first, ShotListModel::PathRole).toString(),
            QStringLiteral("/library/roll-000/frame-000001.jpg"));
        QCOMPARE(model.data(first, ShotListModel::ShotRole).value<Shot>().id, m_libraryIds.at(1));
        QCOMPARE(model.data(first, ShotListModel::StatusRole).toInt(), int(Shot::Status::Ok));
        QCOMPARE(model.data(model.index(97), ShotListModel::StatusRole).toInt(), int(Shot::Status::Failed));
        QCOMPARE(model.data(first, ShotListModel::LoadedRole).toBool(), true);
        QCOMPARE(model.rowOfShot(m_libraryIds.at(200)), 200);
        QCOMPARE(model.rowOfShot(m_libraryIds.at(3000)), -1);
        QVERIFY(model.roleNames().contains(ShotListModel::LoadedRole));

        // An unloaded row: placeholders, and data() schedules its page.
        const QModelIndex far = model.index(3000);
        QCOMPARE(model.data(far, ShotListModel::LoadedRole).toBool(), false);
        QCOMPARE(model.data(far, ShotListModel::ShotIdRole).toLongLong(), qint64(0));
        QCOMPARE(model.shotAt(3000).id, qint64(0));
        QTRY_VERIFY_WITH_TIMEOUT(model.isLoaded(3000), kTimeoutMs);
        QCOMPARE(model.shotAt(3000).id, m_libraryIds.at(3000));
        QCOMPARE(model.rowOfShot(m_libraryIds.at(3000)), 3000);

        // A far page asked for directly through the visible range.
        model.setVisibleRange(4900, 4900 + kScreen - 1);
        QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(model, 4900, 4900 + kScreen - 1), kTimeoutMs);
        QCOMPARE(model.shotAt(4900).id, m_libraryIds.at(4900));

        sweep(model, m_libraryIds);
        if (QTest::currentTestFailed())
            return;
        // Memory stays bounded: the window around the last screen and a few spare pages, not
        // the 20 pages of the list.
        const int pages = loadedPages(model);
        QVERIFY2(pages <= 12, qPrintable(QStringLiteral("%1 pages loaded after the sweep").arg(pages)));
        QVERIFY(model.isLoaded(kShots - 1));
        // (Row 0 itself stays: the Qt 6.4 model tester reads it on every dataChanged.)
        QVERIFY(!model.isLoaded(2 * ShotListModel::PageSize));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
        QVERIFY2(failures->isEmpty(), qPrintable(failures->join(u'\n')));
        QCOMPARE(errors.size(), 0);
    }

    void photosetInPositionOrder()
    {
        ShotListModel model(m_shared.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &ShotListModel::errorOccurred);
        model.setPhotoset(m_shuffledSet);
        QCOMPARE(model.photoset(), m_shuffledSet);
        auto failures = watchRows(model, [this]() -> const QList<qint64> & { return m_shuffledIds; });
        // A far page before anything else: it waits for the boundary keys, then arrives.
        model.setVisibleRange(1400, 1400 + kScreen - 1);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kShuffled, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(model, 1400, 1400 + kScreen - 1), kTimeoutMs);
        for (int row = 1400; row < 1400 + kScreen; ++row)
            QCOMPARE(model.shotAt(row).id, m_shuffledIds.at(row));
        QVERIFY(rowsLoaded(model, 0, 255));
        QCOMPARE(model.shotAt(3).id, m_shuffledIds.at(3)); // the shot moved near the front
        sweep(model, m_shuffledIds);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(failures->isEmpty(), qPrintable(failures->join(u'\n')));
        QCOMPARE(errors.size(), 0);
    }

    // The search field and the facets narrow the list: same order, only the matching rows, pages
    // and boundaries computed under the filter (gaps everywhere, so no dense-id shortcut).
    void filteredLibraryAndPhotoset()
    {
        QSet<qint64> failed;
        for (int i = 0; i < m_libraryIds.size(); ++i)
            if (i % 97 == 0)
                failed.insert(m_libraryIds.at(i));
        QList<qint64> okLibrary, okShuffled, failedShuffled;
        for (qint64 id : std::as_const(m_libraryIds))
            if (!failed.contains(id))
                okLibrary.append(id);
        for (qint64 id : std::as_const(m_shuffledIds))
            (failed.contains(id) ? failedShuffled : okShuffled).append(id);
        QVERIFY(!failedShuffled.isEmpty());

        ShotListModel model(m_shared.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &ShotListModel::errorOccurred);
        const QList<qint64> *expected = &okLibrary;
        auto failures = watchRows(model, [&expected]() -> const QList<qint64> & { return *expected; });
        ShotQuery notFailed;
        notFailed.statuses = QStringList { QStringLiteral("ok") };
        model.setFilter(notFailed);
        QCOMPARE(model.filter(), notFailed);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), int(okLibrary.size()), kTimeoutMs);
        // A far page first: it needs the boundaries under the filter.
        model.setVisibleRange(4000, 4000 + kScreen - 1);
        QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(model, 4000, 4000 + kScreen - 1), kTimeoutMs);
        QCOMPARE(model.shotAt(4000).id, okLibrary.at(4000));
        sweep(model, okLibrary);
        if (QTest::currentTestFailed())
            return;

        expected = &okShuffled;
        model.setPhotoset(m_shuffledSet);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), int(okShuffled.size()), kTimeoutMs);
        sweep(model, okShuffled);
        if (QTest::currentTestFailed())
            return;

        expected = &failedShuffled;
        ShotQuery onlyFailed;
        onlyFailed.statuses = QStringList { QStringLiteral("failed") };
        model.setFilter(onlyFailed);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), int(failedShuffled.size()), kTimeoutMs);
        sweep(model, failedShuffled);
        if (QTest::currentTestFailed())
            return;

        // Back to no filter: the whole photoset again.
        expected = &m_shuffledIds;
        model.setFilter(ShotQuery {});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kShuffled, kTimeoutMs);
        sweep(model, m_shuffledIds);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
        QVERIFY2(failures->isEmpty(), qPrintable(failures->join(u'\n')));
        QCOMPARE(errors.size(), 0);
    }

    void switchingDropsStaleResults()
    {
        ShotListModel model(m_shared.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counts(&model, &ShotListModel::countChanged);
        QSignalSpy errors(&model, &ShotListModel::errorOccurred);
        auto failures = watchRows(model, [this, &model]() -> const QList<qint64> & {
            return model.photoset() == m_shuffledSet ? m_shuffledIds
                : model.photoset() == m_smallSet     ? m_smallIds
                                                     : m_libraryIds;
        });

        // Switch back and forth while work of the earlier choices is queued or running.
        for (int round = 0; round < 5; ++round) {
            model.setPhotoset(m_shuffledSet);
            model.setVisibleRange(1000, 1000 + kScreen - 1);
            QCoreApplication::processEvents();
            model.setPhotoset(m_smallSet);
            model.setPhotoset(0);
            model.setVisibleRange(2000, 2000 + kScreen - 1);
            model.setPhotoset(m_shuffledSet);
            model.setVisibleRange(500, 500 + kScreen - 1);
        }
        model.setPhotoset(m_smallSet);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), int(m_smallIds.size()), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
        QVERIFY(rowsLoaded(model, 0, int(m_smallIds.size()) - 1));
        for (int row = 0; row < m_smallIds.size(); ++row)
            QCOMPARE(model.shotAt(row).id, m_smallIds.at(row));
        // Only the last choice's count ever reached the model (older generations were dropped).
        for (const QList<QVariant> &signal : std::as_const(counts)) {
            const qint64 count = signal.at(0).toLongLong();
            QVERIFY2(count == 0 || count == m_smallIds.size(),
                qPrintable(QStringLiteral("a stale count %1 was delivered").arg(count)));
        }
        QVERIFY2(failures->isEmpty(), qPrintable(failures->join(u'\n')));
        QCOMPARE(errors.size(), 0);

        // Setting the same photoset again refreshes it without a reset.
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setPhotoset(m_smallSet);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(model.rowCount(), int(m_smallIds.size()));
    }

    void libraryWithGapsScansBoundaries()
    {
        // Ids with gaps: the boundaries must come from the scan, in several chunks.
        Fixture f = makeFixture();
        QVERIFY(f.catalog);
        REQUIRE_OK(insertShots(*f.catalog, kShots));
        auto db = f.catalog->database();
        REQUIRE_OK(db);
        REQUIRE_OK(sql::exec(*db, QStringLiteral("DELETE FROM shots WHERE id BETWEEN ? AND ?"),
            { qint64(1000), qint64(1030) }));
        REQUIRE_OK(sql::exec(*db, QStringLiteral("DELETE FROM shots WHERE id = ?"), { qint64(4000) }));
        auto ids = libraryIds(*f.catalog);
        REQUIRE_OK(ids);
        const QList<qint64> expected = *ids;
        QCOMPARE(expected.size(), kShots - 32);

        ShotListModel model(f.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto failures = watchRows(model, [&expected]() -> const QList<qint64> & { return expected; });
        const int last = int(expected.size()) - 1;
        model.setVisibleRange(last - kScreen + 1, last);
        QTRY_VERIFY_WITH_TIMEOUT(
            model.rowCount() == expected.size() && rowsLoaded(model, last - kScreen + 1, last), kTimeoutMs);
        QCOMPARE(model.shotAt(last).id, expected.constLast());
        model.setVisibleRange(2000, 2000 + kScreen - 1);
        QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(model, 2000, 2000 + kScreen - 1), kTimeoutMs);
        QCOMPARE(model.shotAt(2000).id, expected.at(2000));
        QVERIFY2(failures->isEmpty(), qPrintable(failures->join(u'\n')));
    }

    void photosetWithTiedPositions()
    {
        // Equal positions (not made by Stills, but legal): the shot id breaks the tie, and
        // pages that start inside a run of equal positions neither skip nor repeat a shot.
        Fixture f = makeFixture();
        QVERIFY(f.catalog);
        REQUIRE_OK(insertShots(*f.catalog, 1200));
        auto ids = libraryIds(*f.catalog);
        REQUIRE_OK(ids);
        PhotosetRepository sets(*f.catalog);
        Photoset tied;
        tied.name = QStringLiteral("Tied");
        auto setId = sets.create(tied);
        REQUIRE_OK(setId);
        QList<qint64> members = *ids;
        std::reverse(members.begin(), members.end());
        members.resize(1100);
        REQUIRE_OK(sets.addShots(*setId, members));
        auto db = f.catalog->database();
        REQUIRE_OK(db);
        REQUIRE_OK(sql::exec(*db,
            QStringLiteral(
                "UPDATE photoset_shots SET position = 1024 * (1 + shot_id % 3) WHERE photoset_id = ?"),
            { *setId }));
        QList<qint64> expected;
        {
            auto q = sql::run(*db,
                QStringLiteral(
                    "SELECT shot_id FROM photoset_shots WHERE photoset_id = ? ORDER BY position, shot_id"),
                { *setId });
            REQUIRE_OK(q);
            while (q->next())
                expected.append(q->value(0).toLongLong());
        }
        QCOMPARE(expected.size(), 1100);

        ShotListModel model(f.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPhotoset(*setId);
        model.setVisibleRange(1050, 1099); // far first: through the boundary keys
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() == 1100 && rowsLoaded(model, 1050, 1099), kTimeoutMs);
        for (int row = 1050; row < 1100; ++row)
            QCOMPARE(model.shotAt(row).id, expected.at(row));
        sweep(model, expected);
    }

    void refreshAfterImport()
    {
        Fixture f = makeFixture();
        QVERIFY(f.catalog);
        REQUIRE_OK(insertShots(*f.catalog, 1000));
        ShotListModel model(f.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setVisibleRange(0, kScreen - 1);
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() == 1000 && rowsLoaded(model, 0, kScreen - 1), kTimeoutMs);

        REQUIRE_OK(insertShots(*f.catalog, 300, 1000));
        auto ids = libraryIds(*f.catalog);
        REQUIRE_OK(ids);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.refresh();
        QVERIFY(rowsLoaded(model, 0, kScreen - 1)); // still shown while the refresh runs
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1300, kTimeoutMs);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 1000);
        QCOMPARE(inserted.at(0).at(2).toInt(), 1299);
        model.setVisibleRange(1240, 1299);
        QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(model, 1240, 1299), kTimeoutMs);
        for (int row = 1240; row < 1300; ++row)
            QCOMPARE(model.shotAt(row).id, ids->at(row));

        // Fewer shots: rows go away at the end.
        auto db = f.catalog->database();
        REQUIRE_OK(db);
        REQUIRE_OK(sql::exec(*db, QStringLiteral("DELETE FROM shots WHERE id > ?"), { ids->at(499) }));
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 500, kTimeoutMs);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 500);
        model.setVisibleRange(440, 499);
        QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(model, 440, 499), kTimeoutMs);
        QCOMPARE(model.shotAt(499).id, ids->at(499));
    }

    void emptyCatalog()
    {
        Fixture f = makeFixture();
        QVERIFY(f.catalog);
        ShotListModel model(f.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy errors(&model, &ShotListModel::errorOccurred);
        QSignalSpy loading(&model, &ShotListModel::loadingChanged);
        QVERIFY(model.isLoading());
        model.setVisibleRange(0, kScreen - 1);
        QVERIFY(loading.wait(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalCount(), qint64(0));
        QCOMPARE(model.shotAt(0).id, qint64(0));
        // (Row 0 itself stays: the Qt 6.4 model tester reads it on every dataChanged.)
        QVERIFY(!model.isLoaded(2 * ShotListModel::PageSize));
        QCOMPARE(model.rowOfShot(1), -1);
        QCOMPARE(errors.size(), 0);

        PhotosetListModel sets(f.catalog);
        QAbstractItemModelTester setsTester(&sets, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(sets.rowCount(), 1, kTimeoutMs);
        QCOMPARE(sets.data(sets.index(0), PhotosetListModel::PhotosetIdRole).toLongLong(), qint64(0));
        QCOMPARE(sets.data(sets.index(0), PhotosetListModel::CountRole).toLongLong(), qint64(0));
    }

    void missingPhotoset()
    {
        ShotListModel model(m_shared.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kShots, kTimeoutMs);
        QSignalSpy errors(&model, &ShotListModel::errorOccurred);
        model.setPhotoset(987654);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(errors.wait(kTimeoutMs));
        QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("987654")),
            qPrintable(errors.at(0).at(0).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
        QCOMPARE(model.rowCount(), 0);
        model.setVisibleRange(0, kScreen - 1); // nothing to load, nothing breaks
        // And back to a good choice.
        model.setPhotoset(0);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), kShots, kTimeoutMs);
        QCOMPARE(errors.size(), 1);
    }

    void catalogError()
    {
        Fixture f = makeFixture();
        QVERIFY(f.catalog);
        REQUIRE_OK(insertShots(*f.catalog, 600));
        ShotListModel model(f.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 600, kTimeoutMs);

        QString error;
        QVERIFY2(f.scratch->execRaw(QStringLiteral("ALTER TABLE shots RENAME TO shots_elsewhere"), &error),
            qPrintable(error));
        QSignalSpy errors(&model, &ShotListModel::errorOccurred);
        model.refresh();
        QVERIFY(errors.wait(kTimeoutMs));
        QVERIFY(!errors.at(0).at(0).toString().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), kTimeoutMs);
        QCOMPARE(model.rowCount(), 0); // consistent: empty, not half-stale

        QVERIFY2(f.scratch->execRaw(QStringLiteral("ALTER TABLE shots_elsewhere RENAME TO shots"), &error),
            qPrintable(error));
        model.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 600, kTimeoutMs);
        model.setVisibleRange(540, 599);
        QTRY_VERIFY_WITH_TIMEOUT(rowsLoaded(model, 540, 599), kTimeoutMs);
    }

    void photosetList()
    {
        PhotosetListModel model(m_shared.catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy refreshed(&model, &PhotosetListModel::refreshed);
        QVERIFY(refreshed.wait(kTimeoutMs));
        QCOMPARE(model.rowCount(), 3);
        auto row = [&](int r, int role) { return model.data(model.index(r), role); };
        QCOMPARE(row(0, PhotosetListModel::PhotosetIdRole).toLongLong(), qint64(0));
        QCOMPARE(row(0, PhotosetListModel::CountRole).toLongLong(), qint64(kShots));
        QVERIFY(!row(0, Qt::DisplayRole).toString().isEmpty());
        // By name, case-insensitively: "Shuffled" before "small".
        QCOMPARE(row(1, PhotosetListModel::PhotosetIdRole).toLongLong(), m_shuffledSet);
        QCOMPARE(row(1, Qt::DisplayRole).toString(), QStringLiteral("Shuffled"));
        QCOMPARE(row(1, PhotosetListModel::NameRole).toString(), QStringLiteral("Shuffled"));
        QCOMPARE(row(1, PhotosetListModel::CountRole).toLongLong(), qint64(kShuffled));
        QCOMPARE(row(2, PhotosetListModel::PhotosetIdRole).toLongLong(), m_smallSet);
        QCOMPARE(row(2, PhotosetListModel::CountRole).toLongLong(), qint64(m_smallIds.size()));
        QCOMPARE(model.rowOfPhotoset(m_smallSet), 2);
        QCOMPARE(model.rowOfPhotoset(0), 0);
        QCOMPARE(model.rowOfPhotoset(987654), -1);
        QVERIFY(model.roleNames().contains(PhotosetListModel::CountRole));

        // A refresh with the same photosets updates in place (selections survive).
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refresh();
        QVERIFY(refreshed.wait(kTimeoutMs));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.rowCount(), 3);
    }
};

QTEST_GUILESS_MAIN(TestShotListModel)
#include "tst_shotlistmodel.moc"
