#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <atomic>
#include <memory>

struct archive;
class QSaveFile;

namespace stills {

// Writes a ZIP file (libarchive's writer, every entry stored: exports are mostly JPEG, which does
// not shrink, and storing is what makes the export run at disk speed). Zip64 is used when needed.
//
// Never leaves a half-written ZIP under the target name: entries go to a temporary file beside the
// target (QSaveFile) that commit() renames into place; destroying the writer without commit()
// removes it. An existing target is never overwritten.
//
// Thread contract: one thread at a time.
class ZipWriter
{
public:
    ~ZipWriter();
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    // Io when the target exists or its folder cannot be written.
    static Result<std::unique_ptr<ZipWriter>> create(const QString &target);

    // `name` is the entry's path inside the ZIP ("a/b.jpg"), stored as UTF-8.
    Status addData(const QString &name, const QByteArray &data, const QDateTime &modified = {});
    // Streams a file in 1 MiB pieces; Cancelled when `cancelled` turns true meanwhile.
    Status addFile(const QString &name, const QString &sourcePath, const std::atomic_bool *cancelled = nullptr);
    // Finishes the central directory and renames the temporary file to the target.
    Status commit();

    qint64 bytesWritten() const { return m_bytes; }

private:
    ZipWriter() = default;
    Status header(const QString &name, qint64 size, const QDateTime &modified);
    Error archiveFailure(const QString &what) const;

    archive *m_archive = nullptr;
    std::unique_ptr<QSaveFile> m_file;
    QString m_target;
    qint64 m_bytes = 0;
    bool m_committed = false;
    QString m_writeError;

    friend struct ZipWriterCallbacks;
};

} // namespace stills
