#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace stills::test {

// One entry of an archive a test writes (names are raw bytes: tests need invalid UTF-8 too).
struct ArchiveEntry {
    enum class Type { File, Directory, Symlink, Hardlink };
    QByteArray name;
    QByteArray data;
    Type type = Type::File;
    QByteArray linkTarget; // symlink target or hard link source
};

// Writes a ZIP ("zip", deflated unless `store`), a tar ("tar") or a 7z ("7z") with libarchive.
// `zipCharset` (e.g. "CP437") writes ZIP names in that encoding without the UTF-8 flag, as old
// Windows archivers did; names are then given as UTF-8. Returns an empty string, else the error.
QString writeArchive(const QString &path, const QString &format, const QList<ArchiveEntry> &entries, bool store = false,
                     const char *zipCharset = nullptr);

// A RAR 4 archive of stored files, built byte by byte (libarchive reads RAR but cannot write it,
// and there is no free RAR writer in Debian): marker block, main header, one file header per
// entry (method 0x30 "store", CRC-16 of the header and CRC-32 of the data as WinRAR computes them),
// end-of-archive block.
QByteArray rar4Stored(const QList<ArchiveEntry> &entries);

// A RAR 5 archive of stored files, built byte by byte after the RAR 5.0 technote (rarlab.com,
// "RAR 5.0 archive format") and libarchive's reader: the 8-byte signature, a main archive header,
// one file header per entry (data area, modification time and data CRC-32 present, compression
// version 0 method 0 "store", host OS Windows with the "archive" attribute, UTF-8 name) followed by
// the data, and an end-of-archive header. Every header is CRC-32 (of the header size field and the
// header) + vint header size + vint type + vint flags + its fields. Only files (Type::File).
QByteArray rar5Stored(const QList<ArchiveEntry> &entries);

quint32 crc32(const QByteArray &data);

// The whole tree under `root`, files and links, as paths relative to it, sorted.
QStringList listTree(const QString &root);

} // namespace stills::test
