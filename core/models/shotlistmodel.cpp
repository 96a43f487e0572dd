#include "shotlistmodel.h"

#include "catalog/shotrepository.h"
#include "catalog/sqlhelpers.h"
#include "common/logging.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QIODevice>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <algorithm>
#include <climits>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

// Tasks on the pool at once. The pool has one thread, so this is not parallelism: one task runs,
// one waits, and everything else stays on the GUI side where it can still be re-prioritised when
// the view scrolls on (which is what keeps a fast scroll from queueing pages nobody looks at).
constexpr int kMaxInFlight = 2;
// Pages kept outside the keep window, most recently used first (callers of data() that never set
// a visible range, a selection far away).
constexpr int kSparePages = 8;
// Hard cap on pages in memory (64 * 256 = 16k rows), whatever the window.
constexpr int kMaxPages = 64;
// Pages within this many screens of the visible range are kept ...
constexpr int kKeepScreens = 3;
// ... and within this many screens read ahead.
constexpr int kPrefetchScreens = 1;
// Pages data() asked for that are remembered for loading.
constexpr int kMaxRequested = 16;

// The shot columns of ShotRepository::selectColumns() qualified with `alias`, in the same order,
// so that ShotRepository::fromRow() reads them and extra columns can follow.
const QString &qualifiedColumns()
{
    static const QString columns = [] {
        QStringList list = ShotRepository::selectColumns().split(u',');
        for (QString &column : list)
            column = QStringLiteral("s.") + column.trimmed();
        return list.join(QStringLiteral(", "));
    }();
    return columns;
}

int shotColumnCount()
{
    static const int count = int(ShotRepository::selectColumns().count(u',')) + 1;
    return count;
}

Error readError(const Error &error)
{
    return Error { error.code == Error::Code::NotFound ? Error::Code::NotFound : Error::Code::Database,
        Tr::tr("Could not read the list of shots from the catalog: %1").arg(error.message) };
}

QString fileName(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash < 0 ? path : path.mid(slash + 1);
}

} // namespace

// ---- pool thread ---------------------------------------------------------------------------------

Result<SqlFilter> ShotListModel::scopeFilter(const QSqlDatabase &db, const Scope &scope)
{
    if (scope.filter.isEmpty())
        return SqlFilter {};
    return SearchIndex::filter(db, scope.filter);
}

Result<ShotListModel::Fetched> ShotListModel::queryPage(
    const Catalog &catalog, const Scope &scope, const std::optional<Key> &from, bool inclusive, int limit)
{
    auto db = catalog.database();
    if (!db)
        return readError(db.error());
    auto filter = scopeFilter(*db, scope);
    if (!filter)
        return filter.error();
    const qint64 photosetId = scope.photosetId;
    const QString cmp = inclusive ? QStringLiteral(">=") : QStringLiteral(">");
    QString statement;
    QVariantList values;
    if (photosetId == 0) {
        statement = QStringLiteral("SELECT ") + qualifiedColumns() + QStringLiteral(" FROM shots s WHERE (")
            + filter->where + QStringLiteral(")");
        values << filter->values;
        if (from) {
            statement += QStringLiteral(" AND s.id ") + cmp + QStringLiteral(" ?");
            values << from->major;
        }
        statement += QStringLiteral(" ORDER BY s.id LIMIT ?");
    } else {
        // The redundant `position >= ?` gives both planners a plain range on the
        // (photoset_id, position) index; the row value settles ties on the shot id.
        statement = QStringLiteral("SELECT ") + qualifiedColumns()
            + QStringLiteral(", m.position FROM photoset_shots m JOIN shots s ON s.id = m.shot_id "
                             "WHERE m.photoset_id = ? AND (")
            + filter->where + QStringLiteral(")");
        values << photosetId << filter->values;
        if (from) {
            statement += QStringLiteral(" AND m.position >= ? AND (m.position, m.shot_id) ") + cmp
                + QStringLiteral(" (?, ?)");
            values << from->major << from->major << from->minor;
        }
        statement += QStringLiteral(" ORDER BY m.position, m.shot_id LIMIT ?");
    }
    values << limit;

    auto query = sql::run(*db, statement, values);
    if (!query)
        return readError(query.error());
    Fetched fetched;
    fetched.shots.reserve(limit);
    const int positionColumn = shotColumnCount();
    while (query->next()) {
        Shot shot = ShotRepository::fromRow(*query);
        const Key key = photosetId == 0 ? Key { shot.id, 0 }
                                        : Key { query->value(positionColumn).toLongLong(), shot.id };
        if (fetched.shots.isEmpty())
            fetched.first = key;
        fetched.last = key;
        fetched.shots.append(std::move(shot));
    }
    return fetched;
}

Result<ShotListModel::Opened> ShotListModel::queryOpen(const Catalog &catalog, const Scope &scope)
{
    QElapsedTimer timer;
    timer.start();
    auto db = catalog.database();
    if (!db)
        return readError(db.error());
    const qint64 photosetId = scope.photosetId;
    Opened opened;
    if (photosetId != 0) {
        auto exists
            = sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM photosets WHERE id = ?"), { photosetId });
        if (!exists)
            return readError(exists.error());
        if (*exists == 0)
            return Error::notFound(
                Tr::tr("There is no photoset %1 in the catalog; it may have been deleted.")
                    .arg(photosetId));
    }
    if (!scope.filter.isEmpty()) {
        // A filtered list: one count over the matching rows; no dense-id shortcut.
        auto filter = scopeFilter(*db, scope);
        if (!filter)
            return filter.error();
        QString statement = photosetId == 0
            ? QStringLiteral("SELECT COUNT(*) FROM shots s WHERE ")
            : QStringLiteral("SELECT COUNT(*) FROM photoset_shots m JOIN shots s ON s.id = m.shot_id "
                             "WHERE m.photoset_id = ? AND ");
        QVariantList values;
        if (photosetId != 0)
            values << photosetId;
        values << filter->values;
        auto count = sql::scalar(*db, statement + QStringLiteral("(") + filter->where + QStringLiteral(")"), values);
        if (!count)
            return readError(count.error());
        opened.count = *count;
    } else if (photosetId != 0) {
        auto count = sql::scalar(
            *db, QStringLiteral("SELECT COUNT(*) FROM photoset_shots WHERE photoset_id = ?"), { photosetId });
        if (!count)
            return readError(count.error());
        opened.count = *count;
    } else {
        // Three scalar subqueries: each is answered from a b-tree without a scan (one aggregate
        // query would scan the table for all three).
        auto range = sql::run(*db,
            QStringLiteral("SELECT (SELECT COUNT(*) FROM shots), (SELECT MIN(id) FROM shots), "
                           "(SELECT MAX(id) FROM shots)"));
        if (!range)
            return readError(range.error());
        if (range->next()) {
            opened.count = range->value(0).toLongLong();
            opened.minId = range->value(1).toLongLong();
            opened.maxId = range->value(2).toLongLong();
        }
    }
    if (opened.count > 0) {
        auto page = queryPage(catalog, scope, std::nullopt, true, PageSize);
        if (!page)
            return page.error();
        opened.firstPage = std::move(*page);
    }
    qCDebug(lcCatalog) << "shot list" << photosetId << "count" << opened.count << "and first page in"
                       << timer.elapsed() << "ms";
    return opened;
}

Result<QList<ShotListModel::Key>> ShotListModel::queryBoundaries(
    const Catalog &catalog, const Scope &scope, const Key &from, int pages)
{
    QElapsedTimer timer;
    timer.start();
    auto db = catalog.database();
    if (!db)
        return readError(db.error());
    auto filter = scopeFilter(*db, scope);
    if (!filter)
        return filter.error();
    const qint64 photosetId = scope.photosetId;
    const bool filtered = !scope.filter.isEmpty();
    // The first keys of the `pages` pages after the one starting at `from`, without an OFFSET over
    // the list. Two ways, chosen by measurement (bench_model, 1M shots / 100k members):
    // - hop: a recursive query jumps from boundary to boundary, each step a keyset seek that skips
    //   one page of index entries (OFFSET PageSize - 1: bounded work, never deep). Library: 0.23 s
    //   on SQLite, 0.11 s on PostgreSQL; photoset: 0.05 s on SQLite, 0.09 s on PostgreSQL.
    // - window: ROW_NUMBER() over an index range scan keeps every PageSize-th key. SQLite
    //   materialises the window rows (library 1.8 s), PostgreSQL streams it: photoset 0.05 s
    //   (its index (photoset_id, position) lacks shot_id, so each hop above pays a small sort).
    QString statement;
    QVariantList values;
    // A filter (search, facets) adds its condition on the shot to each seek. The constant is
    // substituted before the filter goes in: the filter's text is never run through arg().
    const bool hop = photosetId == 0 || catalog.isSqlite();
    const QString skip = QString::number(hop ? PageSize - 1 : PageSize);
    const QString condition = QStringLiteral("(") + filter->where + QStringLiteral(")");
    if (photosetId == 0) {
        statement = QStringLiteral(
            "WITH RECURSIVE b(id, n) AS (SELECT CAST(? AS BIGINT), 0 UNION ALL "
            "SELECT (SELECT s.id FROM shots s WHERE s.id > b.id AND ")
            + condition + QStringLiteral(" ORDER BY s.id LIMIT 1 OFFSET ") + skip
            + QStringLiteral("), b.n + 1 FROM b WHERE b.id IS NOT NULL AND b.n < ?) "
                             "SELECT id, 0 FROM b WHERE n > 0 AND id IS NOT NULL ORDER BY n");
        values << from.major << filter->values << pages;
    } else if (hop) {
        const QString join = filtered ? QStringLiteral(" JOIN shots s ON s.id = m2.shot_id AND ") + condition
                                      : QString();
        statement = QStringLiteral(
            "WITH RECURSIVE b(p, s, n) AS (SELECT CAST(? AS BIGINT), CAST(? AS BIGINT), 0 UNION ALL "
            "SELECT m.position, m.shot_id, b.n + 1 FROM b JOIN photoset_shots m ON m.photoset_id = ? AND "
            "m.shot_id = "
            "(SELECT m2.shot_id FROM photoset_shots m2")
            + join
            + QStringLiteral(" WHERE m2.photoset_id = ? AND m2.position >= b.p AND "
                             "(m2.position, m2.shot_id) > (b.p, b.s) ORDER BY m2.position, m2.shot_id LIMIT 1 OFFSET ")
            + skip
            + QStringLiteral(") WHERE b.n < ?) "
                             "SELECT p, s FROM b WHERE n > 0 ORDER BY n");
        values << from.major << from.minor << photosetId;
        if (filtered)
            values << filter->values;
        values << photosetId << pages;
    } else {
        statement = QStringLiteral(
            "SELECT position, shot_id FROM (SELECT position, shot_id, ROW_NUMBER() OVER "
            "(ORDER BY position, shot_id) AS rn FROM (SELECT m.position, m.shot_id FROM "
            "photoset_shots m JOIN shots s ON s.id = m.shot_id WHERE m.photoset_id = ? AND ")
            + condition
            + QStringLiteral(" AND m.position >= ? AND (m.position, m.shot_id) > "
                             "(?, ?) ORDER BY m.position, m.shot_id LIMIT ?) AS c) AS t "
                             "WHERE rn % ")
            + skip + QStringLiteral(" = 0 ORDER BY rn");
        values << photosetId << filter->values << from.major << from.major << from.minor
               << qint64(pages) * PageSize;
    }
    auto query = sql::run(*db, statement, values);
    if (!query)
        return readError(query.error());
    QList<Key> keys;
    keys.reserve(pages);
    while (query->next())
        keys.append(Key { query->value(0).toLongLong(), query->value(1).toLongLong() });
    qCDebug(lcCatalog) << "shot list" << photosetId << "page index:" << keys.size() << "of" << pages
                       << "boundaries in" << timer.elapsed() << "ms";
    return keys;
}

// ---- GUI thread ----------------------------------------------------------------------------------

ShotListModel::ShotListModel(CatalogPtr catalog, QObject *parent)
    : QAbstractListModel(parent)
    , m_catalog(std::move(catalog))
{
    // One thread that never expires: the catalog connection belongs to it for the model's life.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("ShotListModel"));
    startGeneration(true);
}

ShotListModel::~ShotListModel()
{
    m_liveGeneration = ++m_generation; // queued tasks skip their work
    m_pool.clear();
    const CatalogPtr catalog = m_catalog;
    m_pool.start([catalog] { catalog->releaseThreadConnection(); });
    m_pool.waitForDone();
    // Results already posted to this object are discarded with it.
}

template <typename Work, typename Done> void ShotListModel::post(Work work, Done done)
{
    ++m_inFlight;
    updateLoading();
    const quint64 generation = m_generation;
    // The destructor waits for the pool, so `this` outlives every task; a result posted to it
    // but not yet delivered is dropped by QObject's destructor.
    m_pool.start([this, generation, work = std::move(work), done = std::move(done)]() mutable {
        if (m_liveGeneration.load() != generation) {
            QMetaObject::invokeMethod(
                this,
                [this] {
                    --m_inFlight;
                    updateLoading();
                    pump();
                },
                Qt::QueuedConnection);
            return;
        }
        auto result = work();
        QMetaObject::invokeMethod(
            this,
            [this, generation, result = std::move(result), done = std::move(done)]() mutable {
                --m_inFlight;
                if (generation == m_generation)
                    done(std::move(result));
                updateLoading();
                pump();
            },
            Qt::QueuedConnection);
    });
}

void ShotListModel::setPhotoset(qint64 photosetId)
{
    if (photosetId == m_scope.photosetId) {
        refresh();
        return;
    }
    m_scope.photosetId = photosetId;
    startGeneration(true);
}

qint64 ShotListModel::photoset() const
{
    return m_scope.photosetId;
}

void ShotListModel::setFilter(const ShotQuery &filter)
{
    if (filter == m_scope.filter)
        return;
    m_scope.filter = filter;
    startGeneration(true);
}

const ShotQuery &ShotListModel::filter() const
{
    return m_scope.filter;
}

void ShotListModel::refresh()
{
    startGeneration(false);
}

void ShotListModel::startGeneration(bool reset)
{
    m_liveGeneration = ++m_generation;
    m_boundaries.clear();
    m_boundariesDone = false;
    m_boundaryInFlight = false;
    m_pagesInFlight.clear();
    m_failedPages.clear();
    m_requested.clear();
    m_openFailed = false;
    if (reset) {
        beginResetModel();
        m_pages.clear();
        const bool changed = m_count != 0;
        m_count = 0;
        m_visibleFirst = m_visibleLast = -1;
        endResetModel();
        if (changed)
            Q_EMIT countChanged(0);
    } else {
        // Shown until their rows are read again.
        for (Page &page : m_pages)
            page.stale = true;
    }
    m_opening = true;
    const CatalogPtr catalog = m_catalog;
    const Scope scope = m_scope;
    post([catalog, scope] { return queryOpen(*catalog, scope); },
        [this](Result<Opened> result) { onOpened(std::move(result)); });
}

void ShotListModel::onOpened(Result<Opened> result)
{
    m_opening = false;
    if (!result) {
        m_openFailed = true;
        setRowCount(0);
        m_pages.clear();
        Q_EMIT errorOccurred(result.error().message);
        return;
    }
    Opened &opened = *result;
    setRowCount(opened.count);
    if (m_count > 0) {
        Page page;
        page.shots = std::move(opened.firstPage.shots);
        if (page.shots.size() > pageRows(0))
            page.shots.resize(pageRows(0));
        page.first = opened.firstPage.first;
        page.last = opened.firstPage.last;
        page.lastUse = ++m_tick;
        if (!page.shots.isEmpty())
            m_boundaries.append(page.first);
        m_pages.insert(0, std::move(page));
        m_requested.removeAll(0);
        Q_EMIT dataChanged(index(0), index(pageRows(0) - 1));
    }

    if (pageCount() <= 1 || m_boundaries.isEmpty()) {
        m_boundariesDone = true;
    } else if (m_scope.photosetId == 0 && m_scope.filter.isEmpty() && opened.maxId - opened.minId + 1 == opened.count) {
        // Ids without gaps: page k starts at min + k * PageSize, no scan needed.
        m_boundaries.reserve(pageCount());
        for (int k = 1; k < pageCount(); ++k)
            m_boundaries.append(Key { opened.minId + qint64(k) * PageSize, 0 });
        m_boundariesDone = true;
    }

    // After a refresh: stale pages out of sight are dropped, the ones in sight re-read first.
    const auto [keepFirst, keepLast] = keepWindow();
    for (auto it = m_pages.begin(); it != m_pages.end();) {
        if (it->stale && (it.key() < keepFirst || it.key() > keepLast))
            it = m_pages.erase(it);
        else
            ++it;
    }
    evict();
}

void ShotListModel::onPage(int page, Result<Fetched> result)
{
    m_pagesInFlight.remove(page);
    m_requested.removeAll(page);
    if (!result) {
        m_failedPages.insert(page);
        Q_EMIT errorOccurred(result.error().message);
        return;
    }
    if (page >= pageCount())
        return;
    Page loaded;
    loaded.shots = std::move(result->shots);
    if (loaded.shots.size() > pageRows(page))
        loaded.shots.resize(pageRows(page));
    loaded.first = result->first;
    loaded.last = result->last;
    loaded.lastUse = ++m_tick;
    // A page read after its neighbour tells where it starts: one boundary fewer to wait for.
    if (!m_boundariesDone && page == m_boundaries.size() && !loaded.shots.isEmpty())
        m_boundaries.append(loaded.first);
    m_pages.insert(page, std::move(loaded));
    const int first = page * PageSize;
    Q_EMIT dataChanged(index(first), index(first + pageRows(page) - 1));
    evict();
}

void ShotListModel::onBoundaries(int fromIndex, int chunkPages, Result<QList<Key>> result)
{
    m_boundaryInFlight = false;
    if (!result) {
        m_boundariesDone = true; // far pages stay placeholders; neighbours of loaded pages still load
        Q_EMIT errorOccurred(result.error().message);
        return;
    }
    const QList<Key> &keys = *result;
    // keys[i] is boundary[fromIndex + 1 + i]; a page read next to its neighbour may have set some.
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const qsizetype at = fromIndex + 1 + i;
        if (at < m_boundaries.size())
            m_boundaries[at] = keys.at(i);
        else
            m_boundaries.append(keys.at(i));
    }
    if (keys.size() < chunkPages || m_boundaries.size() >= pageCount())
        m_boundariesDone = true;
}

void ShotListModel::setRowCount(qint64 count)
{
    count = std::clamp<qint64>(count, 0, INT_MAX);
    const qint64 old = m_count;
    if (count > old) {
        beginInsertRows({}, int(old), int(count - 1));
        m_count = count;
        endInsertRows();
    } else if (count < old) {
        beginRemoveRows({}, int(count), int(old - 1));
        m_count = count;
        const int pages = pageCount();
        for (auto it = m_pages.begin(); it != m_pages.end();) {
            if (it.key() >= pages) {
                it = m_pages.erase(it);
            } else {
                if (it->shots.size() > pageRows(it.key())) {
                    it->shots.resize(pageRows(it.key()));
                    it->stale = true; // its last key moved: read it again
                }
                ++it;
            }
        }
        endRemoveRows();
    }
    if (count != old)
        Q_EMIT countChanged(count);
}

void ShotListModel::updateLoading()
{
    const bool loading = m_inFlight > 0 || m_opening;
    if (loading != m_loading) {
        m_loading = loading;
        Q_EMIT loadingChanged(loading);
    }
}

void ShotListModel::schedulePump() const
{
    if (m_pumpQueued)
        return;
    m_pumpQueued = true;
    // data() is const and may run while a view paints: start queries from the event loop instead.
    auto *self = const_cast<ShotListModel *>(this);
    QMetaObject::invokeMethod(
        self,
        [self] {
            self->m_pumpQueued = false;
            self->pump();
        },
        Qt::QueuedConnection);
}

bool ShotListModel::needsLoad(int page) const
{
    if (page < 0 || page >= pageCount() || m_pagesInFlight.contains(page) || m_failedPages.contains(page))
        return false;
    const auto it = m_pages.constFind(page);
    return it == m_pages.cend() || it->stale;
}

std::optional<std::pair<std::optional<ShotListModel::Key>, bool>> ShotListModel::startOf(int page) const
{
    if (page == 0)
        return std::pair { std::optional<Key> {}, true };
    if (page < m_boundaries.size())
        return std::pair { std::optional<Key> { m_boundaries.at(page) }, true };
    const auto previous = m_pages.constFind(page - 1);
    if (previous != m_pages.cend() && !previous->stale && previous->shots.size() == PageSize)
        return std::pair { std::optional<Key> { previous->last }, false };
    return std::nullopt;
}

std::optional<int> ShotListModel::nextPage(int firstPage, int lastPage) const
{
    for (int k = std::max(firstPage, 0); k <= lastPage; ++k) {
        if (needsLoad(k) && startOf(k))
            return k;
    }
    return std::nullopt;
}

std::optional<int> ShotListModel::nextNeighbour() const
{
    const auto [first, last] = visiblePages();
    const int margin = (kPrefetchScreens * screenRows() + PageSize - 1) / PageSize;
    for (int d = 1; d <= margin; ++d) {
        for (int k : { last + d, first - d }) {
            if (needsLoad(k) && startOf(k))
                return k;
        }
    }
    return std::nullopt;
}

void ShotListModel::pump()
{
    if (m_opening || m_openFailed || m_count == 0)
        return;
    while (m_inFlight < kMaxInFlight) {
        std::optional<int> next;
        if (hasVisibleRange()) {
            const auto [first, last] = visiblePages();
            next = nextPage(first, last);
        }
        if (!next && !m_boundariesDone && !m_boundaryInFlight) {
            startBoundaries();
            continue;
        }
        if (!next && hasVisibleRange())
            next = nextNeighbour();
        if (!next) {
            for (auto it = m_requested.crbegin(); it != m_requested.crend(); ++it) {
                if (needsLoad(*it) && startOf(*it)) {
                    next = *it;
                    break;
                }
            }
        }
        if (!next)
            break;
        startPage(*next);
    }
}

void ShotListModel::startPage(int page)
{
    const auto start = startOf(page);
    Q_ASSERT(start);
    m_pagesInFlight.insert(page);
    const CatalogPtr catalog = m_catalog;
    const Scope scope = m_scope;
    const std::optional<Key> from = start->first;
    const bool inclusive = start->second;
    post([catalog, scope, from, inclusive] { return queryPage(*catalog, scope, from, inclusive, PageSize); },
        [this, page](Result<Fetched> result) { onPage(page, std::move(result)); });
}

void ShotListModel::startBoundaries()
{
    const int fromIndex = int(m_boundaries.size()) - 1;
    if (fromIndex < 0) {
        m_boundariesDone = true;
        return;
    }
    // Chunks keep the pool free for visible pages in between: about an eighth of the list,
    // at most 256 pages (64k rows, a few tens of milliseconds) at a time.
    const int chunkPages = std::clamp(pageCount() / 8, 2, 256);
    m_boundaryInFlight = true;
    const CatalogPtr catalog = m_catalog;
    const Scope scope = m_scope;
    const Key from = m_boundaries.at(fromIndex);
    post([catalog, scope, from, chunkPages] { return queryBoundaries(*catalog, scope, from, chunkPages); },
        [this, fromIndex, chunkPages](
            Result<QList<Key>> result) { onBoundaries(fromIndex, chunkPages, std::move(result)); });
}

int ShotListModel::pageRows(int page) const
{
    return int(std::clamp<qint64>(m_count - qint64(page) * PageSize, 0, PageSize));
}

std::pair<int, int> ShotListModel::visiblePages() const
{
    if (!hasVisibleRange())
        return { 0, -1 };
    const int first = int(std::min<qint64>(m_visibleFirst, m_count - 1));
    const int last = int(std::min<qint64>(m_visibleLast, m_count - 1));
    return { first / PageSize, last / PageSize };
}

int ShotListModel::screenRows() const
{
    if (!hasVisibleRange())
        return 0;
    const qint64 first = std::min<qint64>(m_visibleFirst, m_count - 1);
    const qint64 last = std::min<qint64>(m_visibleLast, m_count - 1);
    return int(last - first + 1);
}

std::pair<int, int> ShotListModel::keepWindow() const
{
    if (!hasVisibleRange())
        return { 0, -1 };
    const qint64 margin = std::max<qint64>(qint64(kKeepScreens) * screenRows(), PageSize);
    const qint64 first = std::max<qint64>(std::min<qint64>(m_visibleFirst, m_count - 1) - margin, 0);
    const qint64 last = std::min<qint64>(m_visibleLast, m_count - 1) + margin;
    return { int(first / PageSize), int(last / PageSize) };
}

void ShotListModel::evict()
{
    if (m_pages.size() <= kSparePages)
        return;
    const auto [keepFirst, keepLast] = keepWindow();
    QList<std::pair<quint64, int>> outside; // (last use, page)
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        if (it.key() < keepFirst || it.key() > keepLast)
            outside.append({ it->lastUse, it.key() });
    }
    if (outside.size() > kSparePages) {
        std::sort(outside.begin(), outside.end(), std::greater<>());
        for (qsizetype i = kSparePages; i < outside.size(); ++i)
            m_pages.remove(outside.at(i).second);
    }
    if (m_pages.size() > kMaxPages) {
        // A window larger than the cap (a huge visible range): least recently used first,
        // never a visible page.
        const auto [visibleFirst, visibleLast] = visiblePages();
        QList<std::pair<quint64, int>> candidates;
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (it.key() < visibleFirst || it.key() > visibleLast)
                candidates.append({ it->lastUse, it.key() });
        }
        std::sort(candidates.begin(), candidates.end());
        for (qsizetype i = 0; i < candidates.size() && m_pages.size() > kMaxPages; ++i)
            m_pages.remove(candidates.at(i).second);
    }
}

void ShotListModel::request(int page) const
{
    if (page < 0 || page >= pageCount() || m_pagesInFlight.contains(page) || m_failedPages.contains(page))
        return;
    m_requested.removeAll(page);
    m_requested.append(page);
    if (m_requested.size() > kMaxRequested)
        m_requested.removeFirst();
    schedulePump();
}

void ShotListModel::setVisibleRange(int first, int last)
{
    if (last < 0 || first > last) {
        m_visibleFirst = m_visibleLast = -1;
        return;
    }
    m_visibleFirst = std::max(first, 0);
    m_visibleLast = last;
    const auto [firstPage, lastPage] = visiblePages();
    for (int k = firstPage; k <= lastPage; ++k) {
        if (const auto it = m_pages.constFind(k); it != m_pages.cend())
            it->lastUse = ++m_tick;
    }
    evict();
    pump();
}

qint64 ShotListModel::totalCount() const
{
    return m_count;
}

int ShotListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_count);
}

const Shot *ShotListModel::shotPtr(int row) const
{
    if (row < 0 || row >= m_count)
        return nullptr;
    const int page = row / PageSize;
    const auto it = m_pages.constFind(page);
    if (it == m_pages.cend())
        return nullptr;
    const int offset = row - page * PageSize;
    return offset < it->shots.size() ? &it->shots.at(offset) : nullptr;
}

QVariant ShotListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int page = row / PageSize;
    const auto it = m_pages.constFind(page);
    const Shot *shot = nullptr;
    if (it == m_pages.cend()) {
        request(page);
    } else {
        it->lastUse = ++m_tick;
        const int offset = row - page * PageSize;
        if (offset < it->shots.size())
            shot = &it->shots.at(offset);
    }

    if (!shot) {
        switch (role) {
        case Qt::DisplayRole:
        case PathRole:
        case ContentHashRole:
        case ErrorRole:
            return QString();
        case ShotIdRole:
            return qint64(0);
        case ShotRole:
            return QVariant::fromValue(Shot {});
        case StatusRole:
            return int(Shot::Status::Ok);
        case LoadedRole:
            return false;
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        return fileName(shot->path);
    case Qt::ToolTipRole:
    case PathRole:
        return shot->path;
    case ShotIdRole:
        return shot->id;
    case ShotRole:
        return QVariant::fromValue(*shot);
    case ContentHashRole:
        return shot->contentHash;
    case StatusRole:
        return int(shot->status);
    case ErrorRole:
        return shot->error;
    case LoadedRole:
        return true;
    default:
        return {};
    }
}

Qt::ItemFlags ShotListModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractListModel::flags(index);
    if (index.isValid() && isLoaded(index.row()))
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QStringList ShotListModel::mimeTypes() const
{
    return { mimeType() };
}

QMimeData *ShotListModel::mimeData(const QModelIndexList &indexes) const
{
    QList<int> rows;
    for (const QModelIndex &index : indexes)
        if (index.isValid() && isLoaded(index.row()))
            rows << index.row();
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return nullptr;
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    for (int row : std::as_const(rows))
        out << shotAt(row).id;
    auto *data = new QMimeData;
    data->setData(mimeType(), bytes);
    return data;
}

QList<qint64> ShotListModel::shotIdsFromMime(const QMimeData *data)
{
    QList<qint64> ids;
    if (!data || !data->hasFormat(mimeType()))
        return ids;
    const QByteArray bytes = data->data(mimeType());
    QDataStream in(bytes);
    while (!in.atEnd()) {
        qint64 id = 0;
        in >> id;
        if (in.status() != QDataStream::Ok)
            break;
        ids << id;
    }
    return ids;
}

QHash<int, QByteArray> ShotListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ShotIdRole, QByteArrayLiteral("shotId"));
    names.insert(ShotRole, QByteArrayLiteral("shot"));
    names.insert(PathRole, QByteArrayLiteral("path"));
    names.insert(ContentHashRole, QByteArrayLiteral("contentHash"));
    names.insert(StatusRole, QByteArrayLiteral("status"));
    names.insert(ErrorRole, QByteArrayLiteral("error"));
    names.insert(LoadedRole, QByteArrayLiteral("loaded"));
    return names;
}

Shot ShotListModel::shotAt(int row) const
{
    const Shot *shot = shotPtr(row);
    return shot ? *shot : Shot {};
}

bool ShotListModel::isLoaded(int row) const
{
    return shotPtr(row) != nullptr;
}

int ShotListModel::rowOfShot(qint64 shotId) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (qsizetype i = 0; i < it->shots.size(); ++i) {
            if (it->shots.at(i).id == shotId)
                return it.key() * PageSize + int(i);
        }
    }
    return -1;
}

} // namespace stills
