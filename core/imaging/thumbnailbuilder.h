#pragma once

#include "catalog/catalog.h"
#include "common/result.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <utility>

namespace stills {

struct ThumbnailBuildSummary {
    qint64 total = 0;   // readable shots (status ok) seen
    qint64 built = 0;   // thumbnails made by this run
    qint64 cached = 0;  // already on disk (and not forced)
    qint64 failed = 0;  // could not be decoded or written
    bool cancelled = false;
    QList<std::pair<QString, QString>> failures; // path, reason
};

// Makes the disk thumbnails of a whole catalog ahead of time (`stills thumbnails`). Resumable by
// construction: a thumbnail on disk is kept (unless forced), so a rerun of a cancelled or killed
// run only makes the missing ones.
//
// Thread contract: run() blocks the calling thread and reads the catalog on it (its own
// connection); decoding runs on a pool it owns. cancel() may be called from any thread and from
// a signal handler (one atomic store).
class ThumbnailBuilder
{
public:
    // Called on the calling thread of run(): done counts every shot of the catalog looked at
    // (skipped unreadable ones included), total is the catalog's shot count.
    using Progress = std::function<void(qint64 done, qint64 total)>;

    explicit ThumbnailBuilder(const Catalog &catalog) : m_catalog(catalog) {}

    void setProgressCallback(Progress p) { m_progress = std::move(p); }
    void cancel() { m_cancelled.store(true); }

    // Makes the thumbnails of every readable shot (status ok) at `size` (256, 512 or 1024) into
    // cacheFolder, on `workers` threads (0 = one per core), paging the shots by id so that a
    // million-shot catalog streams through a bounded amount of memory.
    // Fails (Error) only when the run cannot proceed: a bad size, a cache folder that cannot be
    // created, a catalog that refuses the read. Files that fail are counted in the summary.
    Result<ThumbnailBuildSummary> run(const QString &cacheFolder, int size, bool force, int workers = 0);

private:
    const Catalog &m_catalog;
    Progress m_progress;
    std::atomic_bool m_cancelled{false};
};

} // namespace stills
