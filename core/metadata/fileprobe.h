#pragma once

#include "common/result.h"
#include "domain/exifinfo.h"
#include "domain/shot.h"

#include <QString>
#include <QStringList>

namespace stills {

// What one look at a file tells the catalog: identity (hash, size, mtime), format and pixel size
// from the header, a cheap integrity verdict and the EXIF. A value: a file that cannot be read is
// still described, with status != Ok and the reason in `error`.
struct FileProbe {
    QString path;
    qint64 byteSize = 0;
    qint64 modifiedMs = 0; // mtime, ms since epoch
    QString contentHash;   // lower-case hex BLAKE2b-256 of the bytes; empty if unreadable
    QString format;        // "jpeg", "png", "webp", "tiff", "gif", "bmp", "heic" from the content; empty if unknown
    int width = 0;         // stored pixel size (before EXIF orientation), from the header only
    int height = 0;
    Shot::Status status = Shot::Status::Ok;
    QString error; // user-readable reason when status != Ok
    ExifInfo exif;
};

// Reads a file once to describe it. Every function is thread-safe and may run on many pool
// threads at once; none throws, and none crashes or hangs on hostile content (fuzzed, truncated,
// exiv2 proof-of-concept files): each is bounded by the file size.
class FileProber
{
public:
    // Reads the file into memory once (files over 1 GiB are refused), then hashes it, sniffs the format from the
    // content, reads the pixel size from the header (no decode), checks cheaply that the file is
    // not truncated, and reads the EXIF.
    //
    // Status: Failed for unreadable, empty, truncated or undecodable files and for images over
    // maxPixels() (decompression-bomb guard); Unsupported for recognised formats Stills cannot
    // decode (HEIC/HEIF, AVIF, video...); Missing when the path does not exist. Broken EXIF in a
    // readable image is not a failure: it is logged (lcMetadata, info) and `exif` stays empty.
    static FileProbe probe(const QString &path);

    // Streaming lower-case hex BLAKE2b-256 of the file's bytes; Error::Io if it cannot be read.
    static Result<QString> hashFile(const QString &path);

    // Lower-case suffixes (no dot) that a folder scan should hand to probe().
    static QStringList supportedSuffixes();

    // Larger images are refused: decoding them would need gigabytes. Note that QImageReader's own
    // allocation limit (256 MiB by default, about 64 megapixels as ARGB32) is lower; whoever
    // decodes must raise it for images between the two.
    static constexpr qint64 maxPixels() { return 250'000'000; }
};

} // namespace stills
