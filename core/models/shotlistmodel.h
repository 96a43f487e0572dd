#pragma once

#include "catalog/catalog.h"
#include "catalog/searchindex.h"
#include "catalog/shotquery.h"
#include "domain/shot.h"

#include <QAbstractListModel>
#include <QMimeData>
#include <QHash>
#include <QList>
#include <QSet>
#include <QThreadPool>
#include <atomic>
#include <optional>

namespace stills {

// The shots of the whole library (id order) or of one photoset (its order: position, shot id) as a
// flat list that never holds all rows: the count is known up front (one COUNT query); rows come
// in pages of PageSize, loaded on demand by keyset queries and forgotten again far from the view.
//
// Paging without deep OFFSET: right after setPhotoset()/refresh() one query brings the count and
// the first page (the first screen). In the background the model then reads the page-boundary
// keys (the key of every PageSize-th row of the ordering), in chunks: a recursive query hops
// from boundary to boundary (each hop a keyset seek past one page of index entries), or, for
// photosets on PostgreSQL, ROW_NUMBER() over an index range scan keeps every PageSize-th key
// (whichever measured faster, see queryBoundaries()); a library whose ids have no gaps needs no
// query at all (boundary k = min id + k * PageSize).
// Then any page k is `WHERE key >= boundary[k] ORDER BY key LIMIT PageSize`. A page next to a
// loaded one can be read before the boundaries arrive (`key > last key of the previous page`);
// a far page waits for them and shows placeholders meanwhile.
//
// Thread contract: lives on the GUI thread; all SQL runs on a dedicated single-thread QThreadPool
// (with its own catalog connection); results come back queued, and a result of an older generation
// (after setPhotoset/refresh) is dropped. No call on the GUI thread waits for the catalog, apart
// from the destructor, which waits for the query that is running.
//
// Memory: pages within ~3 screens of the visible range stay, plus a few recently used ones; the
// rest are evicted silently (no dataChanged: their values are re-read, unchanged, when asked for).
//
// Errors: a failed query is reported through errorOccurred() in words for the user; the model
// stays consistent (a failed count leaves it empty, a failed page keeps its placeholders and is
// not retried until refresh()).
class ShotListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Roles {
        ShotIdRole = Qt::UserRole + 1,
        ShotRole, // QVariant holding a Shot
        PathRole,
        ContentHashRole,
        StatusRole, // Shot::Status as int
        ErrorRole,
        LoadedRole, // bool: the row's data has arrived
    };

    static constexpr int PageSize = 256;

    explicit ShotListModel(CatalogPtr catalog, QObject *parent = nullptr);
    ~ShotListModel() override; // waits for its pool, releases the pool thread's connection

    // 0 = the whole library (ordered by id); else the photoset's order (position, shot id).
    // Setting the current photoset again is a refresh().
    void setPhotoset(qint64 photosetId);
    qint64 photoset() const;
    // Narrows the list (within the photoset) to the shots matching `filter` (search field, facets);
    // an empty query shows all. Same order as without a filter. Setting an equal filter does nothing.
    void setFilter(const ShotQuery &filter);
    const ShotQuery &filter() const;
    // Re-reads the count and the pages (after an import). Rows already shown keep their values
    // until the new ones arrive; rows are appended or removed at the end to match the new count.
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    // DisplayRole = the file name. An unloaded row returns placeholders (LoadedRole false) and
    // schedules its page.
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Drag and drop: loaded rows drag as a list of shot ids (MimeType, little-endian qint64s in
    // QDataStream order); the views decide what a drop means (add to a photoset, reorder).
    static QString mimeType() { return QStringLiteral("application/x-stills-shot-ids"); }
    static QList<qint64> shotIdsFromMime(const QMimeData *data);
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction | Qt::MoveAction; }

    Shot shotAt(int row) const; // Shot{} when not loaded (does not schedule anything)
    bool isLoaded(int row) const;
    int rowOfShot(qint64 shotId) const; // -1 if not in a loaded page

    // The view tells which rows are visible (inclusive; first > last clears it): their pages are
    // fetched first, then the neighbours; pages more than ~3 screens away are evicted.
    void setVisibleRange(int first, int last);
    qint64 totalCount() const;
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void countChanged(qint64 count);
    void loadingChanged(bool loading);
    void errorOccurred(const QString &message); // a failed query, in words for the user

private:
    // A position in the ordering: (id, 0) for the library, (position, shot id) for a photoset.
    struct Key {
        qint64 major = 0;
        qint64 minor = 0;
    };
    struct Fetched {
        QList<Shot> shots;
        Key first;
        Key last;
    };
    struct Opened {
        qint64 count = 0;
        Fetched firstPage;
        qint64 minId = 0; // library only: dense ids make the boundaries computable
        qint64 maxId = 0;
    };
    struct Page {
        QList<Shot> shots;
        Key first;
        Key last;
        bool stale = false; // from before a refresh(): shown until re-read
        mutable quint64 lastUse = 0; // for the eviction of pages outside the window
    };

    // What the list shows: a photoset (0 = the library) narrowed by a query.
    struct Scope {
        qint64 photosetId = 0;
        ShotQuery filter;
    };

    // Runs on the pool thread.
    static Result<SqlFilter> scopeFilter(const QSqlDatabase &db, const Scope &scope);
    static Result<Opened> queryOpen(const Catalog &catalog, const Scope &scope);
    static Result<Fetched> queryPage(
        const Catalog &catalog, const Scope &scope, const std::optional<Key> &from, bool inclusive, int limit);
    static Result<QList<Key>> queryBoundaries(
        const Catalog &catalog, const Scope &scope, const Key &from, int pages);

    // Runs `work` on the pool and `done(result)` back on this thread, unless the model moved on
    // to a newer generation before the work started (then `work` is skipped and `done` not called).
    template <typename Work, typename Done> void post(Work work, Done done);

    void startGeneration(bool reset);
    void onOpened(Result<Opened> result);
    void onPage(int page, Result<Fetched> result);
    void onBoundaries(int fromIndex, int chunkPages, Result<QList<Key>> result);

    void schedulePump() const;
    void pump();
    bool needsLoad(int page) const;
    std::optional<std::pair<std::optional<Key>, bool>> startOf(int page) const;
    void startPage(int page);
    void startBoundaries();
    std::optional<int> nextPage(int firstPage, int lastPage) const;
    std::optional<int> nextNeighbour() const;
    void request(int page) const;
    std::pair<int, int> keepWindow() const;
    void evict();
    void setRowCount(qint64 count);
    void updateLoading();

    int pageCount() const { return int((m_count + PageSize - 1) / PageSize); }
    int pageRows(int page) const;
    bool hasVisibleRange() const
    {
        return m_visibleFirst >= 0 && m_visibleLast >= m_visibleFirst && m_count > 0;
    }
    std::pair<int, int> visiblePages() const;
    int screenRows() const;
    const Shot *shotPtr(int row) const;

    CatalogPtr m_catalog;
    QThreadPool m_pool;
    std::atomic<quint64> m_liveGeneration { 0 }; // read by the pool thread to skip outdated work

    Scope m_scope;
    quint64 m_generation = 0;
    qint64 m_count = 0;
    bool m_opening = false; // the count and first page of this generation are on their way
    bool m_openFailed = false;
    QHash<int, Page> m_pages;
    QList<Key> m_boundaries; // boundary[k] = key of the first row of page k, known prefix
    bool m_boundariesDone = false;
    bool m_boundaryInFlight = false;
    QSet<int> m_pagesInFlight;
    QSet<int> m_failedPages;
    mutable QList<int> m_requested; // pages data() asked for, most recent last
    mutable bool m_pumpQueued = false;
    mutable quint64 m_tick = 0;
    int m_inFlight = 0; // tasks on the pool, of any generation
    bool m_loading = false;
    int m_visibleFirst = -1;
    int m_visibleLast = -1;
};

} // namespace stills
