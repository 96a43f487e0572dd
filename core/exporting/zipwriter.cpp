#include "zipwriter.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <archive.h>
#include <archive_entry.h>

namespace stills {

namespace {

// This file's texts (context "stills::ZipWriter"). lupdate takes the context from the macro, so every
// call site, whatever class or namespace it is in, is filed under the context used at run time.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(stills::ZipWriter)
};

} // namespace

// libarchive's write callbacks, forwarding to the QSaveFile.
struct ZipWriterCallbacks {
    static la_ssize_t write(archive *, void *data, const void *buffer, size_t length)
    {
        auto *self = static_cast<ZipWriter *>(data);
        const qint64 n = self->m_file->write(static_cast<const char *>(buffer), qint64(length));
        if (n != qint64(length)) {
            self->m_writeError = self->m_file->errorString();
            return -1;
        }
        return la_ssize_t(n);
    }
};

ZipWriter::~ZipWriter()
{
    if (m_archive) {
        // Without commit the temporary file is discarded: no half-written ZIP anywhere.
        archive_write_free(m_archive);
    }
    if (m_file && !m_committed)
        m_file->cancelWriting();
}

Result<std::unique_ptr<ZipWriter>> ZipWriter::create(const QString &target)
{
    if (QFileInfo::exists(target))
        return Error::io(Tr::tr("%1 exists already; choose another name (nothing is overwritten).").arg(target));
    std::unique_ptr<ZipWriter> writer(new ZipWriter);
    writer->m_target = target;
    writer->m_file = std::make_unique<QSaveFile>(target);
    if (!writer->m_file->open(QIODevice::WriteOnly))
        return Error::io(Tr::tr("%1 cannot be written: %2").arg(target, writer->m_file->errorString()));
    writer->m_archive = archive_write_new();
    if (!writer->m_archive)
        return Error::io(Tr::tr("Out of memory starting %1.").arg(target));
    archive *a = writer->m_archive;
    if (archive_write_set_format_zip(a) != ARCHIVE_OK
        || archive_write_set_format_option(a, "zip", "compression", "store") != ARCHIVE_OK
        || archive_write_set_bytes_per_block(a, 1 << 20) != ARCHIVE_OK
        || archive_write_set_bytes_in_last_block(a, 1) != ARCHIVE_OK)
        return writer->archiveFailure(Tr::tr("cannot start the ZIP"));
    if (archive_write_open2(a, writer.get(), nullptr, &ZipWriterCallbacks::write, nullptr, nullptr) != ARCHIVE_OK)
        return writer->archiveFailure(Tr::tr("cannot start the ZIP"));
    return writer;
}

Error ZipWriter::archiveFailure(const QString &what) const
{
    QString detail = m_writeError;
    if (detail.isEmpty() && m_archive && archive_error_string(m_archive))
        detail = QString::fromUtf8(archive_error_string(m_archive));
    return Error::io(Tr::tr("%1: %2 (%3)").arg(m_target, what, detail));
}

Status ZipWriter::header(const QString &name, qint64 size, const QDateTime &modified)
{
    archive_entry *entry = archive_entry_new();
    archive_entry_set_pathname_utf8(entry, name.toUtf8().constData());
    archive_entry_set_size(entry, size);
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    const QDateTime when = modified.isValid() ? modified : QDateTime::currentDateTimeUtc();
    archive_entry_set_mtime(entry, when.toSecsSinceEpoch(), 0);
    // Already-compressed images are stored (deflating a JPEG costs time and saves nothing); text
    // (captions, the manifest) and uncompressed formats are deflated. libarchive reads the option
    // at each header; these two calls (unlike the format option) are allowed between entries.
    static const QStringList compressed = { QStringLiteral(".jpg"), QStringLiteral(".jpeg"), QStringLiteral(".png"),
        QStringLiteral(".webp"), QStringLiteral(".gif"), QStringLiteral(".heic"), QStringLiteral(".avif"),
        QStringLiteral(".jxl"), QStringLiteral(".zip"), QStringLiteral(".7z"), QStringLiteral(".rar") };
    bool store = false;
    for (const QString &suffix : compressed)
        store = store || name.endsWith(suffix, Qt::CaseInsensitive);
    if ((store ? archive_write_zip_set_compression_store(m_archive)
               : archive_write_zip_set_compression_deflate(m_archive))
        != ARCHIVE_OK) {
        archive_entry_free(entry);
        return archiveFailure(Tr::tr("cannot add %1").arg(name));
    }
    const int rc = archive_write_header(m_archive, entry);
    archive_entry_free(entry);
    if (rc != ARCHIVE_OK)
        return archiveFailure(Tr::tr("cannot add %1").arg(name));
    return {};
}

Status ZipWriter::addData(const QString &name, const QByteArray &data, const QDateTime &modified)
{
    if (auto h = header(name, data.size(), modified); !h)
        return h;
    if (!data.isEmpty() && archive_write_data(m_archive, data.constData(), size_t(data.size())) != data.size())
        return archiveFailure(Tr::tr("cannot write %1").arg(name));
    m_bytes += data.size();
    return {};
}

Status ZipWriter::addFile(const QString &name, const QString &sourcePath, const std::atomic_bool *cancelled)
{
    QFile in(sourcePath);
    if (!in.open(QIODevice::ReadOnly))
        return Error::io(Tr::tr("%1 cannot be read: %2").arg(sourcePath, in.errorString()));
    const qint64 size = in.size();
    if (auto h = header(name, size, QFileInfo(in).lastModified()); !h)
        return h;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    qint64 copied = 0;
    while (copied < size) {
        if (cancelled && cancelled->load())
            return Error{Error::Code::Cancelled, Tr::tr("Cancelled.")};
        const qint64 n = in.read(buffer.data(), std::min<qint64>(buffer.size(), size - copied));
        if (n <= 0)
            return Error::io(Tr::tr("%1 could not be read to the end: %2").arg(sourcePath, in.errorString()));
        if (archive_write_data(m_archive, buffer.constData(), size_t(n)) != n)
            return archiveFailure(Tr::tr("cannot write %1").arg(name));
        copied += n;
    }
    m_bytes += size;
    return {};
}

Status ZipWriter::commit()
{
    if (archive_write_close(m_archive) != ARCHIVE_OK)
        return archiveFailure(Tr::tr("cannot finish the ZIP"));
    archive_write_free(m_archive);
    m_archive = nullptr;
    if (QFileInfo::exists(m_target))
        return Error::io(Tr::tr("%1 appeared while the export ran; it is left as it was.").arg(m_target));
    if (!m_file->commit())
        return Error::io(Tr::tr("%1 cannot be saved: %2").arg(m_target, m_file->errorString()));
    m_committed = true;
    return {};
}

} // namespace stills
