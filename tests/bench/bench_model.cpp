// ShotListModel at scale: a 1,000,000-shot catalog (made by gen_catalog).
// Usage: bench_model [CATALOG] [--postgres URL] [--shots N]
//   CATALOG: a generated SQLite catalog (path or sqlite:/// URL); without it, N shots (default
//            1,000,000) are generated into a temporary file first with gen_catalog (next to this
//            program). --postgres URL: also measure a generated PostgreSQL catalog.
// Prints one line per measurement with its target; it does not assert.
#include "catalog/catalog.h"
#include "catalog/shotrepository.h"
#include "catalog/sqlhelpers.h"
#include "models/shotlistmodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>

using namespace stills;

namespace {

constexpr int kScreen = 60;
constexpr int kPageSize = ShotListModel::PageSize;

QString g_label;

void line(const char *what, const QString &value, const char *target = "")
{
    std::printf("[%-10s] %-58s %-34s %s\n", qPrintable(g_label), what, qPrintable(value), target);
    std::fflush(stdout);
}

QString ms(double v)
{
    return QStringLiteral("%1 ms").arg(v, 0, 'f', v < 10 ? 2 : 1);
}

// Runs the event loop until `condition` holds (false after `timeoutMs`).
bool waitFor(const std::function<bool()> &condition, int timeoutMs = 300000)
{
    QTimer tick; // wakes the loop even when no result arrives
    tick.start(20);
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

bool rowsLoaded(const ShotListModel &model, int first, int last)
{
    for (int row = first; row <= last; ++row) {
        if (!model.isLoaded(row))
            return false;
    }
    return true;
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size()))));
}

QString qualifiedColumns()
{
    QStringList list = ShotRepository::selectColumns().split(u',');
    for (QString &column : list)
        column = QStringLiteral("s.") + column.trimmed();
    return list.join(QStringLiteral(", "));
}

struct Key {
    qint64 major = 0;
    qint64 minor = 0;
};

enum class Strategy { Window, Hop };

// The page-boundary queries of ShotListModel::queryBoundaries (PostgreSQL: Window, SQLite: Hop),
// run here on this thread in chunks of 256 pages for timing, and to get real page starts for (iv).
QList<Key> scanBoundaries(const QSqlDatabase &db, qint64 photosetId, Strategy strategy, double *elapsedMs)
{
    QElapsedTimer timer;
    timer.start();
    const int chunkPages = 256;
    QString statement;
    if (strategy == Strategy::Hop && photosetId == 0)
        statement = QStringLiteral(
            "WITH RECURSIVE b(id, n) AS (SELECT CAST(? AS BIGINT), 0 UNION ALL "
            "SELECT (SELECT s.id FROM shots s WHERE s.id > b.id ORDER BY s.id LIMIT 1 OFFSET %1), "
            "b.n + 1 FROM b WHERE b.id IS NOT NULL AND b.n < ?) "
            "SELECT id, 0 FROM b WHERE n > 0 AND id IS NOT NULL ORDER BY n")
                        .arg(kPageSize - 1);
    else if (strategy == Strategy::Hop)
        statement = QStringLiteral(
            "WITH RECURSIVE b(p, s, n) AS (SELECT CAST(? AS BIGINT), CAST(? AS BIGINT), 0 UNION ALL "
            "SELECT m.position, m.shot_id, b.n + 1 FROM b JOIN photoset_shots m ON m.photoset_id = ? AND "
            "m.shot_id = "
            "(SELECT m2.shot_id FROM photoset_shots m2 WHERE m2.photoset_id = ? AND m2.position >= b.p AND "
            "(m2.position, m2.shot_id) > (b.p, b.s) ORDER BY m2.position, m2.shot_id LIMIT 1 OFFSET %1) "
            "WHERE b.n < ?) SELECT p, s FROM b WHERE n > 0 ORDER BY n")
                        .arg(kPageSize - 1);
    else if (photosetId == 0)
        statement = QStringLiteral("SELECT id, 0 FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM "
                                   "(SELECT id FROM shots WHERE id > ? ORDER BY id LIMIT ?) AS c) AS t "
                                   "WHERE rn % %1 = 0 ORDER BY rn")
                        .arg(kPageSize);
    else
        statement = QStringLiteral(
            "SELECT position, shot_id FROM (SELECT position, shot_id, ROW_NUMBER() OVER "
            "(ORDER BY position, shot_id) AS rn FROM (SELECT position, shot_id FROM "
            "photoset_shots WHERE photoset_id = ? AND position >= ? AND (position, shot_id) > "
            "(?, ?) ORDER BY position, shot_id LIMIT ?) AS c) AS t "
            "WHERE rn % %1 = 0 ORDER BY rn")
                        .arg(kPageSize);

    // The first page starts at the first key, as the model's first page tells it.
    QList<Key> keys;
    {
        auto q = photosetId == 0
            ? sql::run(db, QStringLiteral("SELECT MIN(id), 0 FROM shots"))
            : sql::run(db,
                QStringLiteral("SELECT position, shot_id FROM photoset_shots WHERE photoset_id = ? "
                               "ORDER BY position, shot_id LIMIT 1"),
                { photosetId });
        if (!q || !q->next())
            return keys;
        keys.append(Key { q->value(0).toLongLong(), q->value(1).toLongLong() });
    }
    for (;;) {
        const Key from = keys.constLast();
        QVariantList values;
        if (strategy == Strategy::Hop && photosetId == 0)
            values = { from.major, chunkPages };
        else if (strategy == Strategy::Hop)
            values = { from.major, from.minor, photosetId, photosetId, chunkPages };
        else if (photosetId == 0)
            values = { from.major, qint64(chunkPages) * kPageSize };
        else
            values = { photosetId, from.major, from.major, from.minor, qint64(chunkPages) * kPageSize };
        auto q = sql::run(db, statement, values);
        if (!q) {
            std::fprintf(stderr, "boundary scan failed: %s\n", qPrintable(q.error().message));
            break;
        }
        int got = 0;
        while (q->next()) {
            keys.append(Key { q->value(0).toLongLong(), q->value(1).toLongLong() });
            ++got;
        }
        if (got < chunkPages)
            break;
    }
    *elapsedMs = timer.nsecsElapsed() / 1e6;
    return keys;
}

void indexLines(const QSqlDatabase &db, qint64 photosetId, bool sqlite, QList<Key> *boundaries)
{
    double windowMs = 0, hopMs = 0;
    const QList<Key> window = scanBoundaries(db, photosetId, Strategy::Window, &windowMs);
    const QList<Key> hop = scanBoundaries(db, photosetId, Strategy::Hop, &hopMs);
    bool same = window.size() == hop.size();
    for (qsizetype i = 0; same && i < window.size(); ++i)
        same = window.at(i).major == hop.at(i).major && window.at(i).minor == hop.at(i).minor;
    line(qPrintable(QStringLiteral("(ii) page index query, %1 (%2 keys), chunks of 256 pages")
                        .arg(photosetId == 0 ? QStringLiteral("library") : QStringLiteral("photoset"))
                        .arg(window.size())),
        QStringLiteral("window %1, hop %2%3")
            .arg(ms(windowMs), ms(hopMs), same ? QString() : QStringLiteral(" DIFFER!")),
        photosetId == 0 || sqlite ? "the model hops here" : "the model uses the window here");
    *boundaries = window;
}

void pageQueries(const QSqlDatabase &db, qint64 photosetId, const QList<Key> &boundaries, const char *what)
{
    if (boundaries.isEmpty())
        return;
    // The statements of ShotListModel::queryPage.
    const QString statement = photosetId == 0 ? QStringLiteral("SELECT ") + qualifiedColumns()
            + QStringLiteral(" FROM shots s WHERE s.id >= ? ORDER BY s.id LIMIT ?")
                                              : QStringLiteral("SELECT ") + qualifiedColumns()
            + QStringLiteral(
                ", m.position FROM photoset_shots m JOIN shots s ON s.id = m.shot_id WHERE m.photoset_id = ? "
                "AND m.position >= ? AND (m.position, m.shot_id) >= (?, ?) ORDER BY m.position, m.shot_id "
                "LIMIT ?");
    QRandomGenerator random(7);
    QList<double> totals, queries;
    for (int i = 0; i < 300; ++i) {
        const Key key = boundaries.at(random.bounded(int(boundaries.size())));
        QElapsedTimer timer;
        timer.start();
        auto q = photosetId == 0
            ? sql::run(db, statement, { key.major, kPageSize })
            : sql::run(db, statement, { photosetId, key.major, key.major, key.minor, kPageSize });
        if (!q) {
            std::fprintf(stderr, "page query failed: %s\n", qPrintable(q.error().message));
            return;
        }
        queries.append(timer.nsecsElapsed() / 1e6);
        while (q->next())
            (void)ShotRepository::fromRow(*q);
        totals.append(timer.nsecsElapsed() / 1e6);
    }
    line(what,
        QStringLiteral("median %1, p95 %2, max %3")
            .arg(ms(percentile(totals, 0.5)), ms(percentile(totals, 0.95)), ms(percentile(totals, 1.0))),
        "target < 5 ms");
    line("      of which prepare + execute (rest: rows to Shot values)",
        QStringLiteral("median %1, p95 %2").arg(ms(percentile(queries, 0.5)), ms(percentile(queries, 0.95))),
        "");
}

void benchCatalog(const CatalogUrl &url)
{
    auto opened = Catalog::open(url);
    if (!opened) {
        std::fprintf(stderr, "cannot open %s: %s\n", qPrintable(url.toDisplayString()),
            qPrintable(opened.error().message));
        return;
    }
    const CatalogPtr catalog = *opened;
    auto db = catalog->database();
    if (!db)
        return;
    qint64 biggestSet = 0;
    qint64 biggestCount = 0;
    if (auto q = sql::run(*db,
            QStringLiteral("SELECT photoset_id, COUNT(*) FROM photoset_shots GROUP BY photoset_id "
                           "ORDER BY 2 DESC LIMIT 1"));
        q && q->next()) {
        biggestSet = q->value(0).toLongLong();
        biggestCount = q->value(1).toLongLong();
    }

    // (i) first screen
    QElapsedTimer timer;
    timer.start();
    auto model = std::make_unique<ShotListModel>(catalog);
    model->setVisibleRange(0, kScreen - 1);
    if (!waitFor([&] {
            return model->rowCount() > 0 && rowsLoaded(*model, 0, std::min(kScreen, model->rowCount()) - 1);
        })) {
        line("(i) first screen, library", QStringLiteral("timed out"));
        return;
    }
    const qint64 count = model->totalCount();
    line(qPrintable(QStringLiteral("(i) first screen, library (%1 shots): count + page").arg(count)),
        ms(timer.nsecsElapsed() / 1e6), "target < 1000 ms");

    // (ii) page index: a jump to the end right after opening
    timer.restart();
    model->setPhotoset(0); // same choice: a refresh, index rebuilt
    model->setVisibleRange(int(count) - kScreen, int(count) - 1);
    waitFor([&] {
        return model->rowCount() == count && rowsLoaded(*model, int(count) - kScreen, int(count) - 1);
    });
    line("(ii) jump to the end after opening, library (ids dense)", ms(timer.nsecsElapsed() / 1e6),
        "index computed from MIN/MAX, no scan");
    QList<Key> libraryBoundaries;
    indexLines(*db, 0, catalog->isSqlite(), &libraryBoundaries); // what the model runs when ids have gaps

    // (iii) scroll sweep over the whole library, one screen per step, as fast as possible
    model->setVisibleRange(0, kScreen - 1);
    waitFor([&] { return rowsLoaded(*model, 0, kScreen - 1); });
    QList<double> steps;
    steps.reserve(int(count / kScreen) + 1);
    int loadedAtStep = 0;
    QElapsedTimer sweep;
    sweep.start();
    int lastFirst = 0;
    for (int first = 0; first < count; first += kScreen) {
        const int last = int(std::min<qint64>(first + kScreen, count)) - 1;
        QElapsedTimer step;
        step.start();
        model->setVisibleRange(first, last);
        bool all = true;
        for (int row = first; row <= last; ++row) {
            const QModelIndex index = model->index(row);
            (void)model->data(index, Qt::DisplayRole);
            all = model->data(index, ShotListModel::LoadedRole).toBool() && all;
        }
        QCoreApplication::processEvents(); // results that arrived meanwhile (their handling counts too)
        steps.append(step.nsecsElapsed() / 1e6);
        loadedAtStep += all ? 1 : 0;
        lastFirst = first;
    }
    const double sweepMs = sweep.nsecsElapsed() / 1e6;
    timer.restart();
    waitFor([&] { return rowsLoaded(*model, lastFirst, int(count) - 1); });
    const double tailMs = timer.nsecsElapsed() / 1e6;
    int pages = 0;
    for (int row = 0; row < count; row += kPageSize)
        pages += model->isLoaded(row) ? 1 : 0;
    QList<double> sorted = steps;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    std::fprintf(stderr, "  slowest steps: %.2f (step %lld) %.2f %.2f %.2f %.2f ms; steps over 1 ms: %lld\n",
        sorted.value(0), qint64(steps.indexOf(sorted.value(0))), sorted.value(1), sorted.value(2),
        sorted.value(3), sorted.value(4),
        qint64(std::count_if(steps.cbegin(), steps.cend(), [](double v) { return v > 1.0; })));
    line(qPrintable(QStringLiteral("(iii) sweep %1 steps of %2 rows (no pause), GUI time per step")
                        .arg(steps.size())
                        .arg(kScreen)),
        QStringLiteral("worst %1, p99 %2, median %3")
            .arg(ms(percentile(steps, 1.0)), ms(percentile(steps, 0.99)), ms(percentile(steps, 0.5))),
        "target < 16 ms (one frame)");
    line("(iii) whole sweep; last page loaded after the last step",
        QStringLiteral("%1 s; %2").arg(sweepMs / 1000, 0, 'f', 2).arg(ms(tailMs)), "");
    line("(iii) pages in memory after the sweep",
        QStringLiteral("%1 of %2").arg(pages).arg((count + kPageSize - 1) / kPageSize), "bounded");

    // (iii') 60 frames a second, one screen per frame (fast scrolling, 3,600 rows/s), 300 frames
    {
        int framesComplete = 0;
        const int start = int(count / 3);
        QElapsedTimer frame;
        for (int f = 0; f < 300; ++f) {
            frame.start();
            const int first = start + f * kScreen;
            model->setVisibleRange(first, first + kScreen - 1);
            framesComplete += rowsLoaded(*model, first, first + kScreen - 1) ? 1 : 0;
            waitFor([&] { return frame.elapsed() >= 16; });
        }
        line("(iii) 300 frames at 60 fps, a screen per frame: complete on arrival",
            QStringLiteral("%1 %").arg(framesComplete * 100 / 300),
            "the rest show placeholders for a moment");
    }

    // (i)/(ii) for the biggest photoset
    if (biggestSet != 0) {
        timer.restart();
        model->setPhotoset(biggestSet);
        model->setVisibleRange(0, kScreen - 1);
        waitFor([&] {
            return model->rowCount() > 0 && rowsLoaded(*model, 0, std::min(kScreen, model->rowCount()) - 1);
        });
        line(
            qPrintable(
                QStringLiteral("(i) first screen, photoset %1 (%2 shots)").arg(biggestSet).arg(biggestCount)),
            ms(timer.nsecsElapsed() / 1e6), "target < 1000 ms");
        timer.restart();
        model->setPhotoset(biggestSet); // a refresh: the index is read again
        const int n = model->rowCount();
        model->setVisibleRange(n - kScreen, n - 1);
        waitFor([&] { return model->rowCount() == n && rowsLoaded(*model, n - kScreen, n - 1); });
        line("(ii) jump to the end after opening, photoset (page index)", ms(timer.nsecsElapsed() / 1e6), "");
    }
    model.reset();

    // (iv) single keyset page queries, warm
    pageQueries(*db, 0, libraryBoundaries, "(iv) keyset page query (256 rows), library order");
    if (biggestSet != 0) {
        QList<Key> boundaries;
        indexLines(*db, biggestSet, catalog->isSqlite(), &boundaries);
        pageQueries(*db, biggestSet, boundaries, "(iv) keyset page query (256 rows), photoset order");
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString pgUrl;
    qint64 shots = 1000000;
    if (const qsizetype i = args.indexOf(QStringLiteral("--postgres")); i >= 0 && i + 1 < args.size()) {
        pgUrl = args.at(i + 1);
        args.remove(i, 2);
    }
    if (const qsizetype i = args.indexOf(QStringLiteral("--shots")); i >= 0 && i + 1 < args.size()) {
        shots = args.at(i + 1).toLongLong();
        args.remove(i, 2);
    }

    QTemporaryDir dir;
    QString sqlitePath = args.value(0);
    if (sqlitePath.isEmpty()) {
        sqlitePath = dir.filePath(QStringLiteral("bench.db"));
        std::fprintf(stderr, "generating %lld shots into %s ...\n", shots, qPrintable(sqlitePath));
        QProcess gen;
        gen.setProcessChannelMode(QProcess::ForwardedChannels);
        gen.start(QCoreApplication::applicationDirPath() + QStringLiteral("/gen_catalog"),
            { sqlitePath, QString::number(shots), QStringLiteral("--photosets"), QStringLiteral("200") });
        if (!gen.waitForFinished(-1) || gen.exitCode() != 0) {
            std::fprintf(stderr, "gen_catalog failed\n");
            return 2;
        }
    }
    auto url = CatalogUrl::parse(sqlitePath);
    if (!url) {
        std::fprintf(stderr, "%s\n", qPrintable(url.error().message));
        return 1;
    }
    g_label = QStringLiteral("sqlite");
    benchCatalog(*url);
    if (!pgUrl.isEmpty()) {
        auto pg = CatalogUrl::parse(pgUrl);
        if (!pg) {
            std::fprintf(stderr, "%s\n", qPrintable(pg.error().message));
            return 1;
        }
        g_label = QStringLiteral("postgresql");
        benchCatalog(*pg);
    }
    return 0;
}
