#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "importing/folderimporter.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

namespace stills {

// What an archive may cost before it is refused as a bomb. Checked while reading, so a refusal
// comes after at most the grace bytes plus one buffer, in well under a second.
struct ArchiveLimits {
    qint64 maxTotalBytes = qint64(32) << 30; // unpacked bytes of the images taken
    qint64 maxEntries = 200'000;             // entries of any kind, counted as they are read
    double maxRatio = 200.0;                 // unpacked / packed bytes read so far
    qint64 ratioGraceBytes = qint64(16) << 20; // the ratio is judged beyond this many unpacked bytes
    int maxDepth = 32;                       // folder levels of an entry name
    int maxNameBytes = 1024;                 // UTF-8 bytes of an entry name
};

// One entry that was not taken, and why (in words a user can read).
struct ArchiveEntryNote {
    QString name;
    QString reason;
};

// What an extraction did. Entries are taken only when they are regular image files under a safe
// relative name; everything else is refused (unsafe) or skipped (harmless, not an image).
struct ArchiveExtraction {
    QString archive;
    QString folder;              // where the images were written (the planned folder in a dry run)
    qint64 entries = 0;          // entries read
    qint64 taken = 0;            // images written (or that would be written)
    qint64 bytes = 0;            // their unpacked size
    QList<ArchiveEntryNote> refused; // unsafe: links, devices, path escapes, duplicates, unreadable
    QList<ArchiveEntryNote> skipped; // not images, empty files, nested archives
    bool complete = true;        // false: the archive is damaged; `error` says where, `taken` what was kept
    QString error;
};

struct ArchiveImportOptions {
    QString path;          // an archive, or a folder whose archives (recursively) are imported
    QString storageFolder; // empty: paths::storageFolder()
    qint64 parentJob = 0;  // the job running this import (its folder imports name it as their parent)
    bool dryRun = false;
    ArchiveLimits limits;
    int batchSize = 128;
    int workers = 0;
};

// The outcome for one archive.
struct ArchiveResult {
    enum class State {
        Imported, // new images were added
        Skipped,  // imported before: nothing new
        Partial,  // damaged archive: what could be read was imported, the rest is listed
        Refused,  // a limit was hit (bomb), no images, or nothing can be opened or read: nothing imported
        Failed,   // the catalog or the disk refused a write
    };
    QString archive;
    State state = State::Imported;
    QString message;
    ArchiveExtraction extraction;
    std::optional<ImportSummary> import;

    static QString stateName(State s);  // for scripts (JSON, logs): not translated
    static QString stateLabel(State s); // for people: translated
};

struct ArchiveImportSummary {
    QList<ArchiveResult> archives;
    bool cancelled = false;
    qint64 count(ArchiveResult::State state) const;
    bool hasProblems() const;
};

// Imports archives (ZIP, RAR 4/5, 7z, read with libarchive) as one photoset each.
//
// Safe by construction: entries are read with libarchive's reader and written by this class, one
// regular file at a time, with QFile::NewOnly under a fresh folder of the storage folder. Nothing
// is ever created from a link, a device or a name that leaves that folder; nothing that exists
// is overwritten. Extraction goes to a ".partial-*" folder renamed into place when done, so a
// killed run leaves no half folder that looks finished.
//
// Resumable and idempotent: the folder is named after the archive's content hash, so a rerun
// finds it and only runs the (idempotent) folder import again; an archive imported before is
// reported Skipped. "Imported before" means the catalog's record (the photoset's `extra`:
// archive, archive_hash, archive_complete, and archive_damage while it is damaged) says the
// archive was read completely. A damaged archive is never done: every rerun reads it again, adds
// what it can now read (the files unpacked before are kept, so no shot is duplicated) and reports
// Partial with the damage again.
//
// Thread contract as FolderImporter: run() blocks, cancel() from any thread.
class ArchiveImporter
{
public:
    using ArchiveCallback = std::function<void(const ArchiveResult &)>;
    using ProgressCallback = std::function<void(qint64 done, qint64 total)>;

    explicit ArchiveImporter(const Catalog &catalog) : m_catalog(catalog) {}

    void setArchiveCallback(ArchiveCallback callback) { m_onArchive = std::move(callback); }
    void setProgressCallback(ProgressCallback callback) { m_onProgress = std::move(callback); }
    void cancel() { m_cancelled.store(true); }

    // Fails only when nothing can be done (no such path, no archives, read-only catalog).
    Result<ArchiveImportSummary> run(const ArchiveImportOptions &options);

    // Unpacks the images of `archive` into `folder` (which must not exist yet; created). With
    // `dryRun` everything is read and judged but nothing is written. Errors: TooLarge (a limit),
    // Io/Corrupt/Unsupported when the archive cannot be opened at all, Cancelled.
    // A damaged archive is not an error: the result says what was taken and where it stopped.
    static Result<ArchiveExtraction> extract(const QString &archive, const QString &folder, const ArchiveLimits &limits,
                                             bool dryRun = false, const std::atomic_bool *cancelled = nullptr);

    // The safe relative path for an entry name ("a/b.jpg"), or nullopt with the reason: absolute
    // paths, drive letters, UNC names, ".." anywhere (with '/' or '\' as separator), too deep,
    // too long. Empty and "." components are dropped; control characters become '_'.
    static std::optional<QString> safeRelativePath(const QString &entryName, const ArchiveLimits &limits,
                                                   QString *reason);

    static QStringList archiveSuffixes();
    // The archives under `path` (or `path` itself), in natural order.
    static Result<QStringList> scan(const QString &path);

private:
    ArchiveResult importOne(const QString &archive, const ArchiveImportOptions &options, const QString &storage);

    const Catalog &m_catalog;
    ArchiveCallback m_onArchive;
    ProgressCallback m_onProgress;
    std::atomic_bool m_cancelled{false};
};

} // namespace stills
