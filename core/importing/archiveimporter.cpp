#include "archiveimporter.h"

#include "catalog/photosetrepository.h"
#include "common/logging.h"
#include "common/paths.h"
#include "importing/rarlayout.h"
#include "metadata/fileprobe.h"

#include <QCollator>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <algorithm>
#include <limits>
#include <memory>

namespace stills {

namespace {

// This file's texts (context "stills::ArchiveImporter"). lupdate takes the context from the macro, so every
// call site, whatever class or namespace it is in, is filed under the context used at run time.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(stills::ArchiveImporter)
};

struct ArchiveDeleter {
    void operator()(archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

QString archiveError(archive *a)
{
    const char *message = archive_error_string(a);
    return message ? QString::fromUtf8(message)
                   : Tr::tr("unknown error");
}

// The upper half of code page 437, the encoding the ZIP format prescribes for names without the
// UTF-8 flag (what old Windows archivers write).
QString fromCp437(const QByteArray &bytes)
{
    static const char16_t upper[129] = u"ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐"
                                       u"└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";
    QString text;
    text.reserve(bytes.size());
    for (char c : bytes) {
        const auto b = quint8(c);
        text.append(b < 0x80 ? QChar(char16_t(b)) : QChar(upper[b - 0x80]));
    }
    return text;
}

// The entry's name as text. Archive names come in any encoding: UTF-8 first, then libarchive's
// own conversion (it knows the ZIP and RAR flags), then the raw bytes as code page 437 for a ZIP
// and Latin-1 otherwise; both map every byte, so two names never collapse into one.
// Empty when libarchive cannot give the name at all (a name flagged UTF-8 that is not).
QString entryName(archive *reader, archive_entry *entry)
{
    if (const char *utf8 = archive_entry_pathname_utf8(entry)) {
        QStringDecoder decoder(QStringDecoder::Utf8);
        QString name = decoder(QByteArray(utf8));
        if (!decoder.hasError())
            return name;
    }
    if (const wchar_t *wide = archive_entry_pathname_w(entry))
        return QString::fromWCharArray(wide);
    if (const char *raw = archive_entry_pathname(entry)) {
        const QByteArray bytes(raw);
        QStringDecoder decoder(QStringDecoder::Utf8);
        QString name = decoder(bytes);
        if (!decoder.hasError())
            return name;
        return (archive_format(reader) & ARCHIVE_FORMAT_BASE_MASK) == ARCHIVE_FORMAT_ZIP ? fromCp437(bytes)
                                                                                         : QString::fromLatin1(bytes);
    }
    return {};
}

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString hashPrefix(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Tr::tr("%1 cannot be read: %2")
                     .arg(path, file.errorString());
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Blake2b_256);
    if (!hash.addData(&file)) {
        *error = Tr::tr("%1 cannot be read: %2")
                     .arg(path, file.errorString());
        return {};
    }
    return QString::fromLatin1(hash.result().toHex().left(16));
}

// A name for the archive's folder: its base name, made safe as one path component.
QString folderNameFor(const QString &archive)
{
    QString name = QFileInfo(archive).completeBaseName();
    static const QRegularExpression unsafe(QStringLiteral(R"([\x00-\x1f<>:"/\\|?*])"));
    name.replace(unsafe, QStringLiteral("_"));
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    if (name.trimmed().isEmpty())
        name = QStringLiteral("archive");
    return name.left(120);
}

// Moves the files of `from` that `into` lacks into it (never over a file, never through a link):
// a second reading of a damaged archive adds what the first could not read and leaves the files
// that shots already point at alone. Returns how many were moved.
Result<qint64> moveMissingFiles(const QString &from, const QString &into)
{
    const QDir source(from);
    const QString root = QDir::cleanPath(QFileInfo(into).absoluteFilePath());
    qint64 moved = 0;
    QDirIterator it(from, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString target = QDir::cleanPath(root + u'/' + source.relativeFilePath(path));
        const QFileInfo targetInfo(target);
        if (targetInfo.exists() || targetInfo.isSymLink())
            continue;
        const QString parent = targetInfo.absolutePath();
        for (QString p = parent; p.size() > root.size(); p = QFileInfo(p).absolutePath()) {
            if (QFileInfo(p).isSymLink())
                return Error::io(Tr::tr("%1 is a link; nothing is unpacked through it.")
                                     .arg(p));
        }
        if (!QDir().mkpath(parent))
            return Error::io(
                Tr::tr("The folder %1 cannot be created.").arg(parent));
        if (!QFile::rename(path, target))
            return Error::io(
                Tr::tr("%1 cannot be moved to %2.").arg(path, target));
        ++moved;
    }
    return moved;
}

} // namespace

QString ArchiveResult::stateName(State s)
{
    switch (s) {
    case State::Imported: return QStringLiteral("imported");
    case State::Skipped: return QStringLiteral("skipped");
    case State::Partial: return QStringLiteral("partial");
    case State::Refused: return QStringLiteral("refused");
    case State::Failed: return QStringLiteral("failed");
    }
    return {};
}

QString ArchiveResult::stateLabel(State s)
{
    switch (s) {
    case State::Imported: return Tr::tr("imported");
    case State::Skipped: return Tr::tr("skipped");
    case State::Partial: return Tr::tr("partly imported");
    case State::Refused: return Tr::tr("refused");
    case State::Failed: return Tr::tr("failed");
    }
    return {};
}

qint64 ArchiveImportSummary::count(ArchiveResult::State state) const
{
    return std::count_if(archives.cbegin(), archives.cend(), [&](const ArchiveResult &r) { return r.state == state; });
}

bool ArchiveImportSummary::hasProblems() const
{
    return std::any_of(archives.cbegin(), archives.cend(), [](const ArchiveResult &r) {
        return r.state == ArchiveResult::State::Partial || r.state == ArchiveResult::State::Refused
            || r.state == ArchiveResult::State::Failed || !r.extraction.refused.isEmpty()
            || (r.import && r.import->hasProblems());
    });
}

QStringList ArchiveImporter::archiveSuffixes()
{
    return {QStringLiteral("zip"), QStringLiteral("cbz"), QStringLiteral("rar"), QStringLiteral("cbr"),
            QStringLiteral("7z"), QStringLiteral("cb7"), QStringLiteral("tar")};
}

std::optional<QString> ArchiveImporter::safeRelativePath(const QString &entryName, const ArchiveLimits &limits,
                                                         QString *reason)
{
    auto refuse = [&](const QString &why) -> std::optional<QString> {
        if (reason)
            *reason = why;
        return std::nullopt;
    };
    if (entryName.isEmpty())
        return refuse(Tr::tr("its name cannot be read (it is not valid in the encoding the archive declares)"));
    if (entryName.toUtf8().size() > limits.maxNameBytes)
        return refuse(Tr::tr("the name is longer than %1 bytes").arg(limits.maxNameBytes));
    // Windows archivers write '\' as separator; a ".." behind one escapes just the same.
    QString name = entryName;
    name.replace(u'\\', u'/');
    if (name.startsWith(u'/'))
        return refuse(Tr::tr("an absolute path (it would be written outside the storage folder)"));
    static const QRegularExpression drive(QStringLiteral("^[A-Za-z]:"));
    if (drive.match(name).hasMatch())
        return refuse(Tr::tr("a path with a drive letter (it would be written outside the storage folder)"));
    QStringList parts;
    for (QString part : name.split(u'/', Qt::SkipEmptyParts)) {
        if (part == u".")
            continue;
        // "..", and also ". ." or "..." which Windows trims to "..".
        QString trimmed = part;
        while (!trimmed.isEmpty() && (trimmed.endsWith(u' ') || trimmed.endsWith(u'.')))
            trimmed.chop(1);
        if (part == u".." || (trimmed.isEmpty() && part.contains(u"..")))
            return refuse(Tr::tr("a path that climbs out with \"..\" (it would be written outside the storage folder)"));
        for (QChar &c : part) {
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                c = u'_';
        }
        if (part.toUtf8().size() > 255)
            return refuse(Tr::tr("a file or folder name longer than 255 bytes"));
        parts.append(part);
    }
    if (parts.isEmpty())
        return refuse(Tr::tr("the name is empty once cleaned"));
    if (parts.size() > limits.maxDepth)
        return refuse(Tr::tr("nested more than %1 folders deep").arg(limits.maxDepth));
    return parts.join(u'/');
}

Result<ArchiveExtraction> ArchiveImporter::extract(const QString &archivePath, const QString &folder,
                                                   const ArchiveLimits &limits, bool dryRun,
                                                   const std::atomic_bool *cancelled)
{
    ArchiveExtraction result;
    result.archive = archivePath;
    result.folder = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());

    ArchivePtr reader(archive_read_new());
    if (!reader)
        return Error::io(Tr::tr("Out of memory opening %1.").arg(archivePath));
    archive_read_support_format_zip(reader.get());
    archive_read_support_format_rar(reader.get());
    archive_read_support_format_rar5(reader.get());
    archive_read_support_format_7zip(reader.get());
    archive_read_support_format_tar(reader.get());
    archive_read_support_filter_all(reader.get());
    if (archive_read_open_filename(reader.get(), QFile::encodeName(archivePath).constData(), 1 << 20) != ARCHIVE_OK)
        return Error::corrupt(Tr::tr("%1 cannot be opened as an archive: %2").arg(archivePath, archiveError(reader.get())));

    if (!dryRun) {
        if (QFileInfo::exists(result.folder))
            return Error::io(Tr::tr("%1 exists already; nothing is unpacked over it.").arg(result.folder));
        if (!QDir().mkpath(result.folder))
            return Error::io(Tr::tr("The folder %1 cannot be created.").arg(result.folder));
    }
    const QString rootPrefix = result.folder + u'/';

    // A RAR's own layout, read from its headers: libarchive misses a RAR cut off at a header and
    // does not check the CRC-32 of stored files (see RarLayout). Entries map one to one onto its
    // file headers as long as every header was read.
    std::optional<RarLayout> layout;
    {
        QFile file(archivePath);
        if (file.open(QIODevice::ReadOnly))
            layout = RarLayout::read(file);
    }
    bool layoutAligned = layout.has_value();

    const QStringList imageSuffixes = FileProber::supportedSuffixes();
    const QSet<QString> images(imageSuffixes.cbegin(), imageSuffixes.cend());
    const QStringList nestedSuffixes = archiveSuffixes();
    QSet<QString> takenNames; // case-folded: one name, one file, on every file system
    QByteArray buffer(1 << 20, Qt::Uninitialized);

    auto tooLarge = [&](const QString &why) {
        return Error{Error::Code::TooLarge, Tr::tr("%1 was refused: %2. Nothing from it is imported.").arg(archivePath, why)};
    };
    auto checkRatio = [&](qint64 unpacked) -> std::optional<Error> {
        if (unpacked > limits.maxTotalBytes)
            return tooLarge(Tr::tr("it unpacks to more than %1").arg(formatBytes(limits.maxTotalBytes)));
        const qint64 packed = std::max<qint64>(1, archive_filter_bytes(reader.get(), -1));
        if (unpacked > limits.ratioGraceBytes && double(unpacked) / double(packed) > limits.maxRatio)
            return tooLarge(Tr::tr("it unpacks to more than %1 times its size (%2 from %3 read), like a ZIP bomb")
                                .arg(limits.maxRatio)
                                .arg(formatBytes(unpacked), formatBytes(packed)));
        return std::nullopt;
    };

    qint64 unpacked = 0; // every byte decompressed, taken or not
    archive_entry *entry = nullptr;
    for (;;) {
        if (cancelled && cancelled->load())
            return Error{Error::Code::Cancelled, Tr::tr("Cancelled.")};
        const int header = archive_read_next_header(reader.get(), &entry);
        if (header == ARCHIVE_EOF)
            break;
        if (header == ARCHIVE_FATAL || header == ARCHIVE_RETRY || header == ARCHIVE_FAILED) {
            result.complete = false;
            layoutAligned = false;
            result.error = Tr::tr("the archive is damaged after %1 entries: %2").arg(result.entries).arg(archiveError(reader.get()));
            if (header == ARCHIVE_FATAL || header == ARCHIVE_RETRY)
                break;
            continue;
        }
        ++result.entries;
        if (result.entries > limits.maxEntries)
            return tooLarge(Tr::tr("it holds more than %1 entries").arg(limits.maxEntries));

        const QString name = entryName(reader.get(), entry);
        const mode_t type = archive_entry_filetype(entry);
        // What the RAR header says of this entry's data, when it surely is this entry's header.
        std::optional<quint32> expectedCrc;
        if (layoutAligned && result.entries <= layout->files.size()) {
            const RarLayout::File &expected = layout->files.at(result.entries - 1);
            if (archive_entry_size_is_set(entry) && archive_entry_size(entry) == expected.unpackedSize)
                expectedCrc = expected.crc;
        }
        if (type == AE_IFDIR)
            continue;
        if (archive_entry_hardlink(entry)) {
            result.refused.append({name, Tr::tr("a hard link (only regular files are taken)")});
            continue;
        }
        if (type == AE_IFLNK) {
            result.refused.append({name, Tr::tr("a symbolic link (only regular files are taken)")});
            continue;
        }
        if (type != AE_IFREG) {
            result.refused.append({name, Tr::tr("a device, pipe or socket (only regular files are taken)")});
            continue;
        }
        QString reason;
        const std::optional<QString> relative = safeRelativePath(name, limits, &reason);
        if (!relative) {
            result.refused.append({name, reason});
            continue;
        }
        const QString suffix = QFileInfo(*relative).suffix().toLower();
        if (!images.contains(suffix)) {
            result.skipped.append({name, nestedSuffixes.contains(suffix)
                                             ? Tr::tr("an archive inside the archive is not opened; import it on its own")
                                             : Tr::tr("not an image")});
            continue;
        }
        if (archive_entry_size_is_set(entry) && archive_entry_size(entry) == 0) {
            result.skipped.append({name, Tr::tr("an empty file")});
            continue;
        }
        if (archive_entry_size_is_set(entry) && unpacked + archive_entry_size(entry) > limits.maxTotalBytes)
            return tooLarge(Tr::tr("it declares more than %1 of data").arg(formatBytes(limits.maxTotalBytes)));
        const QString key = relative->toCaseFolded();
        if (takenNames.contains(key)) {
            result.refused.append({name, Tr::tr("a second entry with the same name (nothing is overwritten)")});
            continue;
        }

        // The target: inside the folder, never through an existing link, never over a file.
        const QString target = QDir::cleanPath(result.folder + u'/' + *relative);
        if (!target.startsWith(rootPrefix)) {
            result.refused.append({name, Tr::tr("a path that leaves the storage folder")});
            continue;
        }
        std::unique_ptr<QFile> out;
        if (!dryRun) {
            const QString parent = QFileInfo(target).absolutePath();
            bool throughLink = false;
            for (QString p = parent; p.size() > result.folder.size(); p = QFileInfo(p).absolutePath()) {
                if (QFileInfo(p).isSymLink()) {
                    throughLink = true;
                    break;
                }
            }
            if (throughLink || !QDir().mkpath(parent)) {
                result.refused.append({name, throughLink ? Tr::tr("a path through a link") : Tr::tr("its folder cannot be created")});
                continue;
            }
            out = std::make_unique<QFile>(target);
            if (!out->open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
                result.refused.append({name, Tr::tr("cannot be written: %1").arg(out->errorString())});
                continue;
            }
        }

        qint64 written = 0;
        bool entryFailed = false;
        bool fatal = false;
        uLong crc = crc32(0L, nullptr, 0);
        for (;;) {
            if (cancelled && cancelled->load()) {
                if (out)
                    out->remove();
                return Error{Error::Code::Cancelled, Tr::tr("Cancelled.")};
            }
            const la_ssize_t n = archive_read_data(reader.get(), buffer.data(), size_t(buffer.size()));
            if (n == 0)
                break;
            if (n < 0) {
                entryFailed = true;
                fatal = n == ARCHIVE_FATAL;
                result.refused.append({name, Tr::tr("cannot be read: %1").arg(archiveError(reader.get()))});
                break;
            }
            written += n;
            unpacked += n;
            if (expectedCrc)
                crc = crc32(crc, reinterpret_cast<const Bytef *>(buffer.constData()), uInt(n));
            if (auto refusal = checkRatio(unpacked)) {
                if (out)
                    out->remove();
                return *refusal;
            }
            if (out && out->write(buffer.constData(), n) != n) {
                const QString why = out->errorString();
                out->remove();
                return Error::io(Tr::tr("%1 cannot be written: %2").arg(target, why));
            }
        }
        if (!entryFailed && expectedCrc && written == archive_entry_size(entry) && quint32(crc) != *expectedCrc) {
            entryFailed = true;
            result.refused.append(
                {name, Tr::tr("its data is damaged (the checksum stored in the archive does not match)")});
        }
        if (!entryFailed && written == 0) {
            if (out)
                out->remove();
            result.skipped.append({name, Tr::tr("an empty file")});
            continue;
        }
        if (entryFailed) {
            if (out)
                out->remove();
            result.complete = false;
            if (result.error.isEmpty())
                result.error = Tr::tr("the archive is damaged at %1").arg(name);
            if (fatal)
                break;
            continue;
        }
        if (out) {
            if (!out->flush()) {
                const QString why = out->errorString();
                out->remove();
                return Error::io(Tr::tr("%1 cannot be written: %2").arg(target, why));
            }
            // Keep the archive's date on the file: it is what a photo's date falls back to.
            // (QFileDevice::setFileTime works on an open file only.)
            if (archive_entry_mtime_is_set(entry)
                && !out->setFileTime(QDateTime::fromSecsSinceEpoch(archive_entry_mtime(entry)),
                                     QFileDevice::FileModificationTime))
                qCWarning(lcImport) << "date not kept on" << target << out->errorString();
            out->close();
        }
        takenNames.insert(key);
        ++result.taken;
        result.bytes += written;
    }
    if (result.complete && layout) {
        const qint64 expectedEntries = layout->files.size();
        if (layout->ending == RarLayout::Ending::CutOff) {
            const int readEntries = int(std::min<qint64>(result.entries, std::numeric_limits<int>::max()));
            result.complete = false;
            result.error = Tr::tr("the archive is cut off after %n entry(s): whatever followed is missing", nullptr,
                              readEntries);
        } else if (layoutAligned && result.entries < expectedEntries) {
            result.complete = false;
            result.error = Tr::tr("only %1 of its %2 entries could be read").arg(result.entries).arg(expectedEntries);
        }
    }
    return result;
}

Result<QStringList> ArchiveImporter::scan(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error::notFound(Tr::tr("There is no file or folder %1.").arg(path));
    if (info.isFile())
        return QStringList{info.canonicalFilePath()};
    const QStringList suffixes = archiveSuffixes();
    QStringList found;
    QDirIterator it(info.canonicalFilePath(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo file(it.next());
        if (suffixes.contains(file.suffix().toLower()))
            found.append(file.canonicalFilePath());
    }
    QCollator collator;
    collator.setNumericMode(true);
    std::sort(found.begin(), found.end(), [&](const QString &a, const QString &b) { return collator.compare(a, b) < 0; });
    return found;
}

Result<ArchiveImportSummary> ArchiveImporter::run(const ArchiveImportOptions &options)
{
    m_cancelled.store(false);
    if (!options.dryRun && m_catalog.isReadOnly())
        return Error::invalid(Tr::tr("The catalog is open read-only."));
    auto archives = scan(options.path);
    if (!archives)
        return archives.error();
    if (archives->isEmpty())
        return Error::notFound(Tr::tr("There are no archives (%1) in %2.")
                                   .arg(archiveSuffixes().join(QStringLiteral(", ")), options.path));
    const QString storage = options.storageFolder.isEmpty() ? paths::storageFolder() : options.storageFolder;
    if (!options.dryRun && !QDir().mkpath(storage))
        return Error::io(Tr::tr("The storage folder %1 cannot be created.").arg(storage));

    ArchiveImportSummary summary;
    qint64 done = 0;
    if (m_onProgress)
        m_onProgress(0, archives->size());
    for (const QString &archive : std::as_const(*archives)) {
        if (m_cancelled.load()) {
            summary.cancelled = true;
            break;
        }
        ArchiveResult result = importOne(archive, options, storage);
        if (result.import && result.import->cancelled)
            summary.cancelled = true;
        if (m_onArchive)
            m_onArchive(result);
        summary.archives.append(std::move(result));
        if (m_onProgress)
            m_onProgress(++done, archives->size());
    }
    return summary;
}

ArchiveResult ArchiveImporter::importOne(const QString &archive, const ArchiveImportOptions &options,
                                         const QString &storage)
{
    ArchiveResult result;
    result.archive = archive;
    auto fail = [&](ArchiveResult::State state, const QString &message) {
        result.state = state;
        result.message = message;
        qCWarning(lcImport) << "archive" << archive << ArchiveResult::stateName(state) << message;
        return result;
    };

    QString hashError;
    const QString hash = hashPrefix(archive, &hashError);
    if (hash.isEmpty())
        return fail(ArchiveResult::State::Refused, hashError);
    const QString name = folderNameFor(archive);
    const QString holder = QDir(storage).filePath(hash);
    const QString folder = QDir(holder).filePath(name);
    const bool extractedBefore = QFileInfo(folder).isDir();
    result.extraction.archive = archive;
    result.extraction.folder = folder;

    // The catalog's record of this archive is the photoset made from its folder. Only a record
    // saying the archive was read completely makes the archive done: a damaged archive, or one
    // unpacked by a run that stopped before the record was written, is read again.
    std::optional<Photoset> record;
    if (extractedBefore) {
        auto found = PhotosetRepository(m_catalog).findBySource(QFileInfo(folder).canonicalFilePath());
        if (!found)
            return fail(ArchiveResult::State::Failed, found.error().message);
        record = *found;
    }
    const bool done = record && record->extra.value(u"archive_hash").toString() == hash
                      && record->extra.value(u"archive_complete").toBool();

    if (!done) {
        // Unpack beside the final place, then rename (or, when an earlier run unpacked what it
        // could, move in what it lacks): a killed run leaves a .partial folder that the next run
        // removes and redoes, never a half folder under the final name.
        const QString partial = QDir(holder).filePath(QStringLiteral(".partial-") + name);
        if (!options.dryRun) {
            if (QFileInfo::exists(partial) && !QDir(partial).removeRecursively())
                return fail(ArchiveResult::State::Failed, Tr::tr("The unfinished folder %1 cannot be removed.").arg(partial));
        }
        auto extraction = extract(archive, options.dryRun ? folder : partial, options.limits, options.dryRun, &m_cancelled);
        if (!extraction) {
            if (!options.dryRun)
                QDir(partial).removeRecursively();
            if (extraction.error().code == Error::Code::Cancelled) {
                result.import = ImportSummary{};
                result.import->cancelled = true;
                return fail(ArchiveResult::State::Skipped, extraction.error().message);
            }
            return fail(extraction.error().code == Error::Code::Io ? ArchiveResult::State::Failed
                                                                    : ArchiveResult::State::Refused,
                        extraction.error().message);
        }
        result.extraction = *extraction;
        result.extraction.folder = folder;
        if (!extractedBefore) {
            if (result.extraction.taken == 0) {
                if (!options.dryRun)
                    QDir(partial).removeRecursively();
                // Nothing imported: not "partly imported", whether it holds no images or none can be read.
                return fail(ArchiveResult::State::Refused,
                            result.extraction.complete
                                ? Tr::tr("%1 holds no images.").arg(archive)
                                : Tr::tr("%1: nothing could be read (%2).").arg(archive, result.extraction.error));
            }
            if (options.dryRun) {
                result.state = result.extraction.complete ? ArchiveResult::State::Imported : ArchiveResult::State::Partial;
                result.message = result.extraction.complete
                                     ? Tr::tr("would import %n image(s) as the photoset \"%1\"", nullptr,
                                          int(result.extraction.taken))
                                           .arg(name)
                                     : Tr::tr("%1 is damaged: would import %n image(s) as the photoset \"%2\", the rest "
                                          "cannot be read (%3).",
                                          nullptr, int(result.extraction.taken))
                                           .arg(archive, name, result.extraction.error);
                return result;
            }
            if (!QDir().rename(partial, folder))
                return fail(ArchiveResult::State::Failed, Tr::tr("%1 cannot be renamed to %2.").arg(partial, folder));
        } else if (!options.dryRun) {
            auto merged = moveMissingFiles(partial, folder);
            QDir(partial).removeRecursively();
            if (!merged)
                return fail(ArchiveResult::State::Failed, merged.error().message);
            qCDebug(lcImport) << "archive" << archive << "read again;" << *merged << "files it lacked added";
        }
    }

    FolderImporter importer(m_catalog);
    ImportOptions importOptions;
    importOptions.path = folder;
    importOptions.dryRun = options.dryRun;
    importOptions.batchSize = options.batchSize;
    importOptions.workers = options.workers;
    importOptions.photosetKind = Photoset::Kind::Archive;
    importOptions.parentJob = options.parentJob;
    auto imported = importer.run(importOptions);
    if (!imported)
        return fail(ArchiveResult::State::Failed, imported.error().message);
    result.import = *imported;

    // The record: where the set came from (the archive, not only the storage folder), and whether
    // all of it could be read; a damaged archive keeps what went wrong, in the words of the run
    // that found it, until a run reads it completely.
    if (!options.dryRun && imported->photosetId && !done && !imported->cancelled) {
        PhotosetRepository photosets(m_catalog);
        auto photoset = photosets.get(imported->photosetId);
        if (photoset) {
            const QJsonObject before = photoset->extra;
            photoset->extra.insert(QStringLiteral("archive"), archive);
            photoset->extra.insert(QStringLiteral("archive_hash"), hash);
            photoset->extra.insert(QStringLiteral("archive_complete"), result.extraction.complete);
            if (result.extraction.complete)
                photoset->extra.remove(QStringLiteral("archive_damage"));
            else
                photoset->extra.insert(QStringLiteral("archive_damage"), result.extraction.error);
            if (photoset->extra != before) {
                if (auto updated = photosets.update(*photoset); !updated)
                    qCWarning(lcImport) << "archive record not written:" << updated.error().message;
            }
        }
    }

    const bool nothingNew = imported->added == 0 && imported->updated == 0 && imported->moved == 0;
    if (!result.extraction.complete) {
        result.state = ArchiveResult::State::Partial;
        const int taken = int(result.extraction.taken);
        result.message = extractedBefore
                             ? Tr::tr("%1 is still damaged: %n image(s) could be read and are imported (%2 new), the "
                                  "rest cannot be read (%3).",
                                  nullptr, taken)
                                   .arg(archive)
                                   .arg(imported->added)
                                   .arg(result.extraction.error)
                             : Tr::tr("%1 is damaged: %n image(s) imported, the rest could not be read (%2).", nullptr,
                                  taken)
                                   .arg(archive, result.extraction.error);
    } else if (extractedBefore && nothingNew) {
        result.state = ArchiveResult::State::Skipped;
        result.message = Tr::tr("imported before");
    } else {
        result.state = ArchiveResult::State::Imported;
        result.message = Tr::tr("%n image(s) added", nullptr, int(imported->added));
    }
    return result;
}

} // namespace stills
