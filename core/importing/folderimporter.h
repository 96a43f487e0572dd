#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "domain/photoset.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace stills {

struct ImportOptions {
    QString path;         // a folder (scanned recursively) or a single image file
    QString photosetName; // empty: the folder's name
    bool dryRun = false;  // decide and report, write nothing
    int batchSize = 128;  // files per transaction
    int workers = 0;      // threads for hashing and metadata; 0 = one per core
    // The kind of a photoset the import creates (an archive import passes Archive).
    Photoset::Kind photosetKind = Photoset::Kind::Folder;
    // The job row to record this import in (made by the job queue); 0: the interrupted import job
    // of the same folder and photoset, or a new one.
    qint64 jobId = 0;
    // The job this import is a part of (an archive import): its own job row names it as "parent",
    // and job lists show the parent only.
    qint64 parentJob = 0;
};

// What happened (or, in a dry run, would happen) to one file.
struct ImportItem {
    enum class Action { Added, Updated, Moved, Unchanged, Failed, Unsupported };
    QString path;
    Action action = Action::Unchanged;
    QString detail; // the reason of a failure, the old path of a move, ...

    static QString actionName(Action a);
};

struct ImportSummary {
    QString root;
    qint64 photosetId = 0; // 0 in a dry run that would create the photoset
    QString photosetName;
    bool photosetCreated = false;
    qint64 jobId = 0;
    qint64 scanned = 0;
    qint64 added = 0;
    qint64 updated = 0;
    qint64 moved = 0;
    qint64 unchanged = 0;
    qint64 failed = 0;
    qint64 unsupported = 0;
    bool cancelled = false;
    QList<ImportItem> problems; // every failed or unsupported file with its reason

    bool hasProblems() const { return failed > 0 || unsupported > 0; }
};

// Imports a folder into the catalog as a photoset. Resumable and idempotent: every batch is
// committed on its own, so a killed import keeps what it finished, and a rerun skips files whose
// size and modification time are unchanged, updates files that changed, and recognises a moved
// file by its content hash (the shot keeps its id, tags and captions). A file that cannot be read
// is recorded as a failed shot with its reason; the import goes on.
//
// Thread contract: run() blocks the calling thread (use it from a worker, never the GUI thread);
// hashing and metadata run on an internal pool. cancel() may be called from any thread.
class FolderImporter
{
public:
    using ItemCallback = std::function<void(const ImportItem &)>;
    using ProgressCallback = std::function<void(qint64 done, qint64 total)>;

    explicit FolderImporter(const Catalog &catalog) : m_catalog(catalog) {}

    // Called on the calling thread of run() for every file decided.
    void setItemCallback(ItemCallback callback) { m_onItem = std::move(callback); }
    // Called on the calling thread of run() after each batch (and with total after the scan, done = 0).
    void setProgressCallback(ProgressCallback callback) { m_onProgress = std::move(callback); }

    void cancel() { m_cancelled.store(true); }

    // Fails (Error) only when the import cannot proceed at all: no such folder, catalog refused a
    // write. Files that fail are reported in the summary.
    Result<ImportSummary> run(const ImportOptions &options);

    // The image files under `root` that an import would consider, in natural order.
    static Result<QStringList> scan(const QString &root, const std::atomic_bool *cancelled = nullptr);

private:
    const Catalog &m_catalog;
    ItemCallback m_onItem;
    ProgressCallback m_onProgress;
    std::atomic_bool m_cancelled{false};
};

} // namespace stills
