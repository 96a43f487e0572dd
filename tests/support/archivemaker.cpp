#include "archivemaker.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QtEndian>

#include <archive.h>
#include <archive_entry.h>

namespace stills::test {

QString writeArchive(const QString &path, const QString &format, const QList<ArchiveEntry> &entries, bool store,
                     const char *zipCharset)
{
    archive *a = archive_write_new();
    int rc = ARCHIVE_OK;
    if (format == u"zip") {
        rc = archive_write_set_format_zip(a);
        if (store)
            archive_write_set_format_option(a, "zip", "compression", "store");
        if (zipCharset)
            archive_write_set_format_option(a, "zip", "hdrcharset", zipCharset);
    } else if (format == u"tar") {
        rc = archive_write_set_format_pax_restricted(a);
    } else {
        rc = archive_write_set_format_7zip(a);
    }
    if (rc != ARCHIVE_OK || archive_write_open_filename(a, QFile::encodeName(path).constData()) != ARCHIVE_OK) {
        const QString error = QString::fromUtf8(archive_error_string(a));
        archive_write_free(a);
        return error;
    }
    QString error;
    for (const ArchiveEntry &e : entries) {
        archive_entry *entry = archive_entry_new();
        archive_entry_copy_pathname(entry, e.name.constData());
        archive_entry_set_mtime(entry, 1705320000, 0);
        switch (e.type) {
        case ArchiveEntry::Type::File:
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_perm(entry, 0644);
            archive_entry_set_size(entry, e.data.size());
            break;
        case ArchiveEntry::Type::Directory:
            archive_entry_set_filetype(entry, AE_IFDIR);
            archive_entry_set_perm(entry, 0755);
            break;
        case ArchiveEntry::Type::Symlink:
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_perm(entry, 0777);
            archive_entry_copy_symlink(entry, e.linkTarget.constData());
            break;
        case ArchiveEntry::Type::Hardlink:
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_perm(entry, 0644);
            archive_entry_copy_hardlink(entry, e.linkTarget.constData());
            archive_entry_set_size(entry, 0);
            break;
        }
        rc = archive_write_header(a, entry);
        if (rc < ARCHIVE_WARN) {
            error = QString::fromUtf8(archive_error_string(a));
            archive_entry_free(entry);
            break;
        }
        if (e.type == ArchiveEntry::Type::File && !e.data.isEmpty()
            && archive_write_data(a, e.data.constData(), size_t(e.data.size())) != e.data.size()) {
            error = QString::fromUtf8(archive_error_string(a));
            archive_entry_free(entry);
            break;
        }
        archive_entry_free(entry);
    }
    if (archive_write_close(a) != ARCHIVE_OK && error.isEmpty())
        error = QString::fromUtf8(archive_error_string(a));
    archive_write_free(a);
    return error;
}

quint32 crc32(const QByteArray &data)
{
    static const auto table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    quint32 c = 0xFFFFFFFFu;
    for (char byte : data)
        c = table[(c ^ quint8(byte)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

namespace {

void put16(QByteArray &b, quint16 v)
{
    b.append(char(v & 0xFF));
    b.append(char(v >> 8));
}

void put32(QByteArray &b, quint32 v)
{
    put16(b, quint16(v & 0xFFFF));
    put16(b, quint16(v >> 16));
}

// A block: CRC-16 (low half of the CRC-32 of everything after the CRC field) + the rest.
QByteArray block(const QByteArray &afterCrc)
{
    QByteArray b;
    put16(b, quint16(crc32(afterCrc) & 0xFFFF));
    b += afterCrc;
    return b;
}

} // namespace

QByteArray rar4Stored(const QList<ArchiveEntry> &entries)
{
    QByteArray out = QByteArray::fromHex("526172211a0700"); // "Rar!\x1a\x07\x00"
    QByteArray main;
    main.append(char(0x73));
    put16(main, 0x0000);
    put16(main, 13);
    put16(main, 0);
    put32(main, 0);
    out += block(main);
    const quint32 dosTime = (quint32(2024 - 1980) << 25) | (1u << 21) | (15u << 16) | (12u << 11);
    for (const ArchiveEntry &e : entries) {
        QByteArray h;
        h.append(char(0x74));
        put16(h, 0x8000); // LONG_BLOCK: PACK_SIZE follows the header
        put16(h, quint16(32 + e.name.size()));
        put32(h, quint32(e.data.size())); // packed = unpacked: stored
        put32(h, quint32(e.data.size()));
        h.append(char(2)); // host OS: Win32 (attributes are DOS attributes)
        put32(h, crc32(e.data));
        put32(h, dosTime);
        h.append(char(29)); // version needed: 2.9
        h.append(char(0x30)); // method: store
        put16(h, quint16(e.name.size()));
        put32(h, 0x20); // FILE_ATTRIBUTE_ARCHIVE: a regular file
        h += e.name;
        out += block(h);
        out += e.data;
    }
    QByteArray end;
    end.append(char(0x7b));
    put16(end, 0x4000);
    put16(end, 7);
    out += block(end);
    return out;
}

namespace {

// RAR 5 "vint": 7 bits a byte, lowest first, the high bit set on every byte but the last.
void putVint(QByteArray &b, quint64 v)
{
    do {
        quint8 byte = v & 0x7F;
        v >>= 7;
        if (v)
            byte |= 0x80;
        b.append(char(byte));
    } while (v);
}

// A RAR 5 header: CRC-32 of (size field + header), the size as vint, then the header itself
// (type, flags, and the type's fields), whose length the size counts.
QByteArray header5(const QByteArray &header)
{
    QByteArray sized;
    putVint(sized, quint64(header.size()));
    sized += header;
    QByteArray b;
    put32(b, crc32(sized));
    b += sized;
    return b;
}

} // namespace

QByteArray rar5Stored(const QList<ArchiveEntry> &entries)
{
    QByteArray out = QByteArray::fromHex("526172211a070100"); // "Rar!\x1a\x07\x01\x00"
    QByteArray main;
    putVint(main, 1); // main archive header
    putVint(main, 0); // header flags: no extra area, no data area
    putVint(main, 0); // archive flags: not a volume, not solid
    out += header5(main);
    for (const ArchiveEntry &e : entries) {
        if (e.type != ArchiveEntry::Type::File)
            qFatal("rar5Stored writes regular files only");
        QByteArray h;
        putVint(h, 2);                      // file header
        putVint(h, 0x0002);                 // header flags: a data area follows the header
        putVint(h, quint64(e.data.size())); // data size: packed = unpacked, stored
        putVint(h, 0x0002 | 0x0004);        // file flags: mtime and data CRC-32 present
        putVint(h, quint64(e.data.size())); // unpacked size
        putVint(h, 0x20);                   // attributes (Windows): FILE_ATTRIBUTE_ARCHIVE
        put32(h, 1705320000);               // mtime, Unix seconds (2024-01-15 12:00 UTC)
        put32(h, crc32(e.data));
        putVint(h, 0);                      // compression: version 0, not solid, method 0 (store)
        putVint(h, 0);                      // host OS: Windows
        putVint(h, quint64(e.name.size()));
        h += e.name;                        // UTF-8, '/' between folders
        out += header5(h);
        out += e.data;
    }
    QByteArray end;
    putVint(end, 5); // end of archive header
    putVint(end, 0); // header flags
    putVint(end, 0); // end of archive flags: not followed by another volume
    out += header5(end);
    return out;
}

QStringList listTree(const QString &root)
{
    QStringList all;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    const QDir base(root);
    while (it.hasNext()) {
        it.next();
        if (!it.fileInfo().isDir() || it.fileInfo().isSymLink())
            all.append(base.relativeFilePath(it.filePath()));
    }
    all.sort();
    return all;
}

} // namespace stills::test
