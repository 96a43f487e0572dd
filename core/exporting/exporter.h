#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "exportrecipe.h"

#include <QList>
#include <QSet>
#include <QString>

#include <atomic>
#include <functional>

namespace stills {

struct ExportOptions {
    QList<qint64> shotIds; // in export order
    QString target;        // "….zip": a ZIP file; anything else: a folder (must not exist yet)
    ExportRecipe recipe;
    int workers = 0;       // threads rendering crops and resizes; 0 = one per core
};

struct ExportProblem {
    QString path;
    QString reason;
};

struct ExportSummary {
    QString target;
    bool zip = false;
    qint64 shots = 0;    // shots asked for
    qint64 images = 0;   // image files written
    qint64 sidecars = 0; // caption files written
    qint64 bytes = 0;    // image bytes written
    qint64 skipped = 0;  // shots not exported (unreadable, missing); each in problems
    bool cancelled = false;
    QList<ExportProblem> problems;
};

// Exports shots as originals or rendered crops, with one caption sidecar per image and a manifest
// (metadata.jsonl: file, photoset(s), tags, attributes, caption, crop, source hash), to a ZIP or a
// folder. File names are unique (ignoring case) and safe on Windows, macOS and Linux.
//
// All or nothing under the target name: a ZIP goes through a temporary file renamed at the end, a
// folder through "<target>.partial" renamed at the end; a cancelled or failed export removes its
// temporary and leaves the target name untouched. An existing target is never overwritten.
// A shot that cannot be exported (missing file, undecodable) is skipped and listed; the rest goes on.
//
// Thread contract: run() blocks (call it from a worker); rendering runs on an internal pool;
// cancel() from any thread.
class Exporter
{
public:
    using ProgressCallback = std::function<void(qint64 done, qint64 total)>;

    explicit Exporter(const Catalog &catalog) : m_catalog(catalog) {}
    void setProgressCallback(ProgressCallback callback) { m_onProgress = std::move(callback); }
    void cancel() { m_cancelled.store(true); }

    // Error when nothing was written (bad target, cancelled, disk full); the summary otherwise.
    Result<ExportSummary> run(const ExportOptions &options);

    // The shot ids a query matches (the syntax of `stills list shots QUERY`), ascending.
    static Result<QList<qint64>> resolveQuery(const Catalog &catalog, const QString &queryText);

    // `base` made safe as a file name everywhere: no reserved characters, no control characters,
    // no trailing dot or space, not a reserved device name (CON, NUL, COM1…), at most 100 characters,
    // NFC. Never empty.
    static QString safeBaseName(const QString &base);
    // `base` + "." + `suffix`, with "-2", "-3"… until it is not in `taken` (compared case-folded);
    // adds the result to `taken`.
    static QString uniqueName(const QString &base, const QString &suffix, QSet<QString> &taken);

private:
    const Catalog &m_catalog;
    ProgressCallback m_onProgress;
    std::atomic_bool m_cancelled{false};
};

} // namespace stills
