#include "fileprobe.h"

#include "common/logging.h"
#include "exifreader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <optional>

namespace {

// This file's texts, under the context "Metadata" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Metadata)
};

} // namespace

namespace stills {

namespace {

// Larger files are not read into memory (no still image of interest is that large).
constexpr qint64 maxRead = qint64(1) << 30;

enum class Kind {
    Unknown, Jpeg, Png, WebP, Tiff, Gif, Bmp,
    // Recognised, but Stills has no decoder for them.
    Heif, Avif, CanonCr3, IsoMedia, Riff, Jpeg2000, Psd, Pdf, PostScript,
};

struct Sniffed {
    Kind kind = Kind::Unknown;
    QString detail; // the brand or fourcc, for the message
};

quint16 be16(const uchar *p) { return quint16((p[0] << 8) | p[1]); }
quint32 be32(const uchar *p) { return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3]; }
quint16 le16(const uchar *p) { return quint16(p[0] | (p[1] << 8)); }
quint32 le32(const uchar *p) { return quint32(p[0]) | (quint32(p[1]) << 8) | (quint32(p[2]) << 16) | (quint32(p[3]) << 24); }

bool startsWith(const uchar *p, qint64 n, const char *magic, qint64 len, qint64 at = 0)
{
    return n >= at + len && std::memcmp(p + at, magic, size_t(len)) == 0;
}

// Four printable characters, or nothing for bytes that would only garble a message.
QString fourcc(const uchar *p)
{
    QString s;
    for (int i = 0; i < 4; ++i) {
        if (p[i] < 0x20 || p[i] >= 0x7f)
            return {};
        s += QChar(char16_t(p[i]));
    }
    return s.trimmed();
}

// ISO-BMFF: which brand family the `ftyp` box names (major brand, then compatible brands).
Sniffed sniffIsoMedia(const uchar *p, qint64 n)
{
    const qint64 boxSize = std::min<qint64>(be32(p), n);
    QList<QByteArray> brands;
    brands.append(QByteArray(reinterpret_cast<const char *>(p + 8), 4));
    for (qint64 at = 16; at + 4 <= boxSize && brands.size() < 64; at += 4)
        brands.append(QByteArray(reinterpret_cast<const char *>(p + at), 4));
    auto has = [&brands](std::initializer_list<const char *> wanted) {
        for (const char *w : wanted) {
            if (brands.contains(QByteArray(w)))
                return true;
        }
        return false;
    };
    // AVIF files also carry the generic HEIF brand mif1, so AVIF is asked first.
    if (has({"avif", "avis"}))
        return {Kind::Avif, {}};
    if (has({"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "heif"}))
        return {Kind::Heif, {}};
    if (has({"crx "}))
        return {Kind::CanonCr3, {}};
    return {Kind::IsoMedia, fourcc(p + 8)};
}

Sniffed sniff(const uchar *p, qint64 n)
{
    // SOI alone, as libjpeg and Qt accept it: some writers damage the marker that follows.
    if (startsWith(p, n, "\xFF\xD8", 2) && n >= 4)
        return {Kind::Jpeg, {}};
    if (startsWith(p, n, "\x89PNG\r\n\x1a\n", 8))
        return {Kind::Png, {}};
    if (startsWith(p, n, "RIFF", 4) && n >= 12)
        return startsWith(p, n, "WEBP", 4, 8) ? Sniffed{Kind::WebP, {}} : Sniffed{Kind::Riff, fourcc(p + 8)};
    if (startsWith(p, n, "II*\0", 4) || startsWith(p, n, "MM\0*", 4) || startsWith(p, n, "II+\0", 4)
        || startsWith(p, n, "MM\0+", 4))
        return {Kind::Tiff, {}};
    if (startsWith(p, n, "GIF87a", 6) || startsWith(p, n, "GIF89a", 6))
        return {Kind::Gif, {}};
    if (startsWith(p, n, "BM", 2) && n >= 26) {
        // "BM" alone is too common a start for text; the DIB header size must be a known one.
        switch (le32(p + 14)) {
        case 12: case 16: case 40: case 52: case 56: case 64: case 108: case 124:
            return {Kind::Bmp, {}};
        default:
            break;
        }
    }
    if (startsWith(p, n, "ftyp", 4, 4) && n >= 16)
        return sniffIsoMedia(p, n);
    if (startsWith(p, n, "\0\0\0\x0CjP  \r\n\x87\n", 12) || startsWith(p, n, "\xFF\x4F\xFF\x51", 4))
        return {Kind::Jpeg2000, {}};
    if (startsWith(p, n, "8BPS", 4))
        return {Kind::Psd, {}};
    if (startsWith(p, n, "%PDF", 4))
        return {Kind::Pdf, {}};
    if (startsWith(p, n, "%!PS", 4) || startsWith(p, n, "\xC5\xD0\xD3\xC6", 4))
        return {Kind::PostScript, {}};
    return {};
}

QString formatName(Kind kind)
{
    switch (kind) {
    case Kind::Jpeg: return QStringLiteral("jpeg");
    case Kind::Png: return QStringLiteral("png");
    case Kind::WebP: return QStringLiteral("webp");
    case Kind::Tiff: return QStringLiteral("tiff");
    case Kind::Gif: return QStringLiteral("gif");
    case Kind::Bmp: return QStringLiteral("bmp");
    case Kind::Heif: return QStringLiteral("heic");
    default: return {};
    }
}

QString unsupportedReason(const Sniffed &s)
{
    switch (s.kind) {
    case Kind::Heif:
        return Tr::tr("HEIC images are not supported yet: no HEIF decoder is available");
    case Kind::Avif:
        return Tr::tr("AVIF images are not supported yet: no AVIF decoder is available");
    case Kind::CanonCr3:
        return Tr::tr("Canon CR3 raw files are not supported");
    case Kind::IsoMedia:
        return s.detail.isEmpty()
                ? Tr::tr("The file is a video or another ISO media file, not a supported image")
                : Tr::tr("The file is a video or another ISO media file (brand “%1”), not a supported image").arg(s.detail);
    case Kind::Riff:
        return s.detail.isEmpty()
                ? Tr::tr("The file is a RIFF container (such as a video or sound), not a WebP image")
                : Tr::tr("The file is a RIFF container of type “%1” (such as a video or sound), not a WebP image").arg(s.detail);
    case Kind::Jpeg2000:
        return Tr::tr("JPEG 2000 images are not supported");
    case Kind::Psd:
        return Tr::tr("Photoshop documents are not supported");
    case Kind::Pdf:
        return Tr::tr("The file is a PDF document, not an image");
    case Kind::PostScript:
        return Tr::tr("PostScript and EPS files are not supported");
    default:
        return {};
    }
}

// --- Cheap integrity checks -----------------------------------------------------------------
// Each walks the container structure (never the pixels) and returns why the file is cut off or
// cannot be decoded, or nothing. Decoders fill a truncated image with grey and only warn, so
// without this a cut-off download would be catalogued as a good photo. Other damage is left to
// the header read, which reports it.

struct Problem {
    Shot::Status status = Shot::Status::Failed;
    QString reason;
};
using Verdict = std::optional<Problem>;

Problem truncated(const QString &what)
{
    return {Shot::Status::Failed, Tr::tr("The file is truncated: %1").arg(what)};
}

Verdict checkJpeg(const uchar *p, qint64 n)
{
    // Segments up to the first scan, tolerating junk between them as libjpeg does.
    qint64 i = 2;
    qint64 scanStart = -1;
    bool sawFrame = false;
    while (scanStart < 0) {
        while (i < n && p[i] != 0xFF)
            ++i;
        while (i < n && p[i] == 0xFF)
            ++i;
        if (i >= n)
            return truncated(Tr::tr("it ends inside the JPEG header, before the image data"));
        const uchar marker = p[i++];
        if (marker == 0xD9)
            return Problem{Shot::Status::Failed, Tr::tr("The file contains no image data: the JPEG ends before its first scan")};
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
            continue;
        if (i + 2 > n)
            return truncated(Tr::tr("it ends inside the JPEG header, before the image data"));
        const qint64 length = be16(p + i);
        if (length < 2)
            return std::nullopt; // damaged, not truncated: the header read will say so
        if (i + length > n)
            return truncated(Tr::tr("a JPEG header segment at byte %1 runs past the end of the file").arg(i - 2));
        // Start-of-frame: every SOFn except DHT (C4), JPG (C8) and DAC (CC).
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame && !sawFrame && length >= 8) {
            sawFrame = true;
            // Qt decodes through an 8-bit libjpeg(-turbo): the other variants fail with a bare
            // "unknown error", so they are named here.
            const int precision = p[i + 2];
            const int height = be16(p + i + 3);
            if (marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF)
                return Problem{Shot::Status::Unsupported, Tr::tr("Lossless JPEG images are not supported")};
            if (marker == 0xC5 || marker == 0xC6 || marker == 0xCD || marker == 0xCE)
                return Problem{Shot::Status::Unsupported, Tr::tr("Hierarchical JPEG images are not supported")};
            if (precision == 12 || precision == 16)
                return Problem{Shot::Status::Unsupported,
                               Tr::tr("%1-bit JPEG images are not supported (only 8-bit JPEG can be decoded)").arg(precision)};
            if (precision != 8)
                return Problem{Shot::Status::Failed,
                               Tr::tr("The JPEG header is damaged: it declares %1 bits per sample").arg(precision)};
            if (height == 0)
                return Problem{Shot::Status::Unsupported,
                               Tr::tr("JPEG images that give their height after the image data (DNL) are not supported")};
        }
        if (marker == 0xDA && !sawFrame)
            return Problem{Shot::Status::Failed,
                           Tr::tr("The JPEG structure is damaged: the image data starts before the frame header")};
        i += length;
        if (marker == 0xDA)
            scanStart = i;
    }
    // Entropy-coded data never contains FF D9 (an FF there is stuffed as FF 00), so any FF D9 after
    // the first scan is an end-of-image marker. Searched from the end: cameras and editors
    // append trailers and padding (MPO images, maker data), and an end marker near the end is the
    // common case. The image data itself is neither decoded nor walked.
    for (qint64 k = n - 2; k >= scanStart; --k) {
        if (p[k] == 0xFF && p[k + 1] == 0xD9)
            return std::nullopt;
    }
    return truncated(Tr::tr("the JPEG image data stops without an end-of-image marker"));
}

Verdict checkPng(const uchar *p, qint64 n)
{
    qint64 i = 8;
    while (i + 8 <= n) {
        const qint64 length = be32(p + i);
        const QString type = fourcc(p + i + 4);
        if (length > 0x7FFFFFFF)
            return std::nullopt; // damaged: the header read reports it
        if (i + 12 + length > n)
            return truncated(Tr::tr("it ends inside the PNG “%1” chunk").arg(type));
        if (std::memcmp(p + i + 4, "IEND", 4) == 0)
            return std::nullopt;
        i += 12 + length;
    }
    return truncated(Tr::tr("it ends before the PNG end marker (IEND)"));
}

Verdict checkGif(const uchar *p, qint64 n)
{
    if (n < 13)
        return truncated(Tr::tr("it ends inside the GIF header"));
    qint64 i = 13;
    if (p[10] & 0x80)
        i += 3 * (qint64(2) << (p[10] & 7)); // global colour table
    // Data sub-blocks: a length byte, that many bytes, until a zero length.
    auto skipSubBlocks = [p, n](qint64 &at) {
        while (at < n) {
            const uchar size = p[at++];
            if (size == 0)
                return true;
            at += size;
        }
        return false;
    };
    int images = 0;
    while (i < n) {
        const uchar block = p[i++];
        if (block == 0x3B) // trailer
            return std::nullopt;
        if (block == 0x21) { // extension: label, then sub-blocks
            ++i;
            if (!skipSubBlocks(i))
                return truncated(Tr::tr("it ends inside a GIF extension block"));
        } else if (block == 0x2C) { // image: descriptor, local colour table, LZW code size, data
            if (i + 9 > n)
                return truncated(Tr::tr("it ends inside a GIF image descriptor"));
            const uchar flags = p[i + 8];
            i += 9;
            if (flags & 0x80)
                i += 3 * (qint64(2) << (flags & 7));
            ++i; // LZW minimum code size
            if (i > n || !skipSubBlocks(i))
                return truncated(Tr::tr("it ends inside the data of GIF frame %1").arg(images + 1));
            ++images;
        } else {
            // Not a block: junk after the last frame is harmless, before any frame the decoder
            // will complain in its own words.
            return std::nullopt;
        }
    }
    // Many writers omit the trailer; the file is complete if it ends between blocks.
    if (images == 0)
        return truncated(Tr::tr("it ends before the first GIF frame"));
    return std::nullopt;
}

Verdict checkWebP(const uchar *p, qint64 n)
{
    const qint64 declared = qint64(le32(p + 4)) + 8;
    if (declared > n)
        return truncated(Tr::tr("the WebP container declares %1 bytes but the file has %2").arg(declared).arg(n));
    return std::nullopt;
}

// TIFF: the strips (or tiles) of the first image must lie inside the file.
Verdict checkTiff(const uchar *p, qint64 n)
{
    if (n < 8)
        return truncated(Tr::tr("it ends inside the TIFF header"));
    const bool little = p[0] == 'I';
    if ((little ? le16(p + 2) : be16(p + 2)) != 42)
        return std::nullopt; // BigTIFF: not checked
    auto u16 = [p, little](qint64 at) { return little ? le16(p + at) : be16(p + at); };
    auto u32 = [p, little](qint64 at) { return little ? le32(p + at) : be32(p + at); };

    const qint64 ifd = u32(4);
    if (ifd + 2 > n)
        return truncated(Tr::tr("the first TIFF directory lies beyond the end of the file"));
    const qint64 entries = u16(ifd);
    if (ifd + 2 + entries * 12 > n)
        return truncated(Tr::tr("it ends inside the first TIFF directory"));

    struct Array {
        qint64 count = 0;
        int type = 0;
        qint64 at = 0; // where the values are
    };
    Array offsets, counts;
    for (qint64 e = 0; e < entries; ++e) {
        const qint64 entry = ifd + 2 + e * 12;
        const int tag = u16(entry);
        Array *target = (tag == 273 || tag == 324) ? &offsets : (tag == 279 || tag == 325) ? &counts : nullptr;
        if (!target)
            continue;
        target->type = u16(entry + 2);
        target->count = u32(entry + 4);
        const int width = target->type == 3 ? 2 : target->type == 4 ? 4 : 0;
        if (width == 0)
            return std::nullopt; // an odd type: leave it to the decoder
        target->at = target->count * width <= 4 ? entry + 8 : qint64(u32(entry + 8));
        if (target->at + target->count * width > n)
            return truncated(Tr::tr("the TIFF strip table lies beyond the end of the file"));
    }
    if (offsets.count == 0 || counts.count == 0)
        return std::nullopt;
    auto value = [&u16, &u32](const Array &a, qint64 k) -> qint64 {
        return a.type == 3 ? qint64(u16(a.at + k * 2)) : qint64(u32(a.at + k * 4));
    };
    qint64 end = 0;
    const qint64 strips = std::min(offsets.count, counts.count);
    for (qint64 k = 0; k < strips; ++k)
        end = std::max(end, value(offsets, k) + value(counts, k));
    if (end > n)
        return truncated(Tr::tr("the TIFF image data needs %1 bytes but the file has %2").arg(end).arg(n));
    return std::nullopt;
}

Verdict checkBmp(const uchar *p, qint64 n)
{
    const qint64 dataOffset = le32(p + 10);
    const quint32 dibSize = le32(p + 14);
    qint64 width = 0, height = 0;
    int bitsPerPixel = 0;
    quint32 compression = 0, imageSize = 0;
    if (dibSize == 12) {
        width = le16(p + 18);
        height = le16(p + 20);
        bitsPerPixel = le16(p + 24);
    } else {
        if (n < 38)
            return truncated(Tr::tr("it ends inside the BMP header"));
        width = qint32(le32(p + 18));
        height = qint32(le32(p + 22));
        bitsPerPixel = le16(p + 28);
        compression = le32(p + 30);
        imageSize = le32(p + 34);
    }
    height = std::abs(height); // negative: stored top-down
    if (width <= 0 || height <= 0 || width * height > FileProber::maxPixels())
        return std::nullopt; // the header read and the size guard report these
    qint64 needed = 0;
    if (compression == 0 || compression == 3 || compression == 6) // uncompressed, bit fields
        needed = ((width * bitsPerPixel + 31) / 32) * 4 * height;
    else
        needed = imageSize; // RLE and embedded JPEG/PNG: the declared size is all there is to check
    if (dataOffset + needed > n)
        return truncated(Tr::tr("the BMP pixel data needs %1 bytes but the file has %2").arg(dataOffset + needed).arg(n));
    return std::nullopt;
}

Verdict checkIntegrity(Kind kind, const uchar *p, qint64 n)
{
    switch (kind) {
    case Kind::Jpeg: return checkJpeg(p, n);
    case Kind::Png: return checkPng(p, n);
    case Kind::Gif: return checkGif(p, n);
    case Kind::WebP: return checkWebP(p, n);
    case Kind::Tiff: return checkTiff(p, n);
    case Kind::Bmp: return checkBmp(p, n);
    default: return std::nullopt;
    }
}

// QImageReader's messages are terse fragments ("Unable to read image data"); make a sentence.
QString headerError(const QImageReader &reader)
{
    QString detail = reader.errorString().trimmed();
    if (detail.endsWith(u'.'))
        detail.chop(1);
    // Most handlers fail size() without setting an error, which leaves Qt's "Unknown error".
    if (reader.error() == QImageReader::UnknownError || detail.compare(u"Unknown error", Qt::CaseInsensitive) == 0)
        detail.clear();
    if (!detail.isEmpty())
        detail = u" (" + detail.at(0).toLower() + detail.mid(1) + u')';
    switch (reader.error()) {
    case QImageReader::UnsupportedFormatError:
        return u"No decoder for this image format is available" + detail;
    case QImageReader::DeviceError:
        return u"The image could not be read" + detail;
    default:
        return u"The image header is damaged and cannot be read" + detail;
    }
}

QByteArray qtFormat(Kind kind)
{
    switch (kind) {
    case Kind::Jpeg: return QByteArrayLiteral("jpeg");
    case Kind::Png: return QByteArrayLiteral("png");
    case Kind::WebP: return QByteArrayLiteral("webp");
    case Kind::Tiff: return QByteArrayLiteral("tiff");
    case Kind::Gif: return QByteArrayLiteral("gif");
    case Kind::Bmp: return QByteArrayLiteral("bmp");
    default: return {};
    }
}

bool hasExif(Kind kind)
{
    return kind == Kind::Jpeg || kind == Kind::Png || kind == Kind::WebP || kind == Kind::Tiff;
}

void fail(FileProbe &probe, Shot::Status status, const QString &reason)
{
    probe.status = status;
    probe.error = reason;
}

void describe(FileProbe &probe, const uchar *p, qint64 n)
{
    probe.contentHash = QString::fromLatin1(
            QCryptographicHash::hash(QByteArrayView(p, n), QCryptographicHash::Blake2b_256).toHex());

    const Sniffed sniffed = sniff(p, n);
    probe.format = formatName(sniffed.kind);
    if (sniffed.kind == Kind::Unknown)
        return fail(probe, Shot::Status::Failed,
                    Tr::tr("The file is not a valid image: its content matches no supported format"));
    if (const QString reason = unsupportedReason(sniffed); !reason.isEmpty())
        return fail(probe, Shot::Status::Unsupported, reason);

    if (const Verdict problem = checkIntegrity(sniffed.kind, p, n))
        return fail(probe, problem->status, problem->reason);

    // The header only: size() makes the handler parse up to the frame header, never the pixels.
    QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(p), n);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, qtFormat(sniffed.kind));
    reader.setAutoDetectImageFormat(false); // the content was sniffed above; no second guess
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return fail(probe, Shot::Status::Failed, headerError(reader));
    if (qint64(size.width()) * size.height() > FileProber::maxPixels())
        return fail(probe, Shot::Status::Failed,
                    Tr::tr("The image is too large: %1 × %2 pixels is over the limit of %3 megapixels")
                            .arg(size.width()).arg(size.height()).arg(FileProber::maxPixels() / 1'000'000));
    probe.width = size.width();
    probe.height = size.height();

    if (hasExif(sniffed.kind)) {
        Result<ExifInfo> exif = ExifReader::read(reinterpret_cast<const char *>(p), n);
        if (exif)
            probe.exif = std::move(exif).value();
        else
            qCInfo(lcMetadata) << "EXIF of" << probe.path << "ignored:" << exif.error().message;
    }
}

} // namespace

FileProbe FileProber::probe(const QString &path)
{
    FileProbe probe;
    probe.path = path;

    const QFileInfo info(path);
    if (!info.exists()) {
        fail(probe, Shot::Status::Missing, Tr::tr("The file does not exist"));
        return probe;
    }
    if (info.isDir()) {
        fail(probe, Shot::Status::Failed, Tr::tr("This is a folder, not an image file"));
        return probe;
    }
    // Opening a FIFO blocks until someone writes to it, and a device can be endless.
    if (!info.isFile()) {
        fail(probe, Shot::Status::Failed, Tr::tr("This is not a regular file (a device, pipe or socket)"));
        return probe;
    }

    // Known even when the content cannot be read, so that the catalog can tell when it changes.
    probe.byteSize = info.size();
    probe.modifiedMs = info.lastModified().toMSecsSinceEpoch();

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(probe, Shot::Status::Failed, Tr::tr("The file could not be opened: %1").arg(file.errorString()));
        return probe;
    }
    probe.byteSize = file.size(); // the size of what is read, should the file have changed meanwhile
    if (probe.byteSize == 0) {
        probe.contentHash = QString::fromLatin1(
                QCryptographicHash::hash(QByteArrayView(), QCryptographicHash::Blake2b_256).toHex());
        fail(probe, Shot::Status::Failed, Tr::tr("The file is empty"));
        return probe;
    }

    // Read, not mapped: a mapped file that another program truncates meanwhile would kill the whole
    // process with SIGBUS. The copy costs little next to hashing the bytes.
    if (probe.byteSize > maxRead) {
        fail(probe, Shot::Status::Failed,
             Tr::tr("The file is too large to import (%1 MB; the limit is %2 MB)")
                 .arg(probe.byteSize >> 20)
                 .arg(maxRead >> 20));
        return probe;
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() != probe.byteSize) {
        fail(probe, Shot::Status::Failed, Tr::tr("The file could not be read: %1").arg(file.errorString()));
        return probe;
    }
    describe(probe, reinterpret_cast<const uchar *>(bytes.constData()), bytes.size());
    return probe;
}

Result<QString> FileProber::hashFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return Error::io(Tr::tr("“%1” is a folder, not a file").arg(path));
    if (info.exists() && !info.isFile()) // a pipe would block, a device never end
        return Error::io(Tr::tr("“%1” is not a regular file").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(Tr::tr("Could not open “%1”: %2").arg(path, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Blake2b_256);
    QByteArray chunk(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 got = file.read(chunk.data(), chunk.size());
        if (got < 0)
            return Error::io(Tr::tr("Could not read “%1”: %2").arg(path, file.errorString()));
        if (got == 0)
            break;
        hash.addData(QByteArrayView(chunk.constData(), got));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QStringList FileProber::supportedSuffixes()
{
    // HEIC/HEIF are listed although they cannot be decoded yet: the user should see them in the
    // catalog as unsupported rather than wonder where they went.
    return {
        QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("jpe"), QStringLiteral("jfif"),
        QStringLiteral("mpo"), QStringLiteral("png"), QStringLiteral("webp"), QStringLiteral("tif"),
        QStringLiteral("tiff"), QStringLiteral("gif"), QStringLiteral("bmp"), QStringLiteral("dib"),
        QStringLiteral("heic"), QStringLiteral("heif"), QStringLiteral("hif"),
    };
}

} // namespace stills
