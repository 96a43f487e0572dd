#include "imagedecoder.h"

#include "common/logging.h"
#include "metadata/exifreader.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QImageReader>
#include <QThread>
#include <QTransform>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <optional>

namespace {

// This file's texts, under the context "Imaging" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Imaging)
};

} // namespace

namespace stills {

namespace {

constexpr qint64 MiB = 1024 * 1024;

// Enough for MaxPixels at 4 bytes per pixel. Qt's default (256 MiB) stops at about 64 megapixels.
constexpr int AllocationLimitMiB = 1024;

// Below Qt's "high quality" threshold (50) its JPEG reader uses libjpeg's fast integer IDCT and
// plain chroma upsampling. Invisible here: the decoded image is smooth-scaled down again.
constexpr int FastJpegQuality = 40;

// An embedded preview larger than this is not a thumbnail; it is not worth a provisional decode.
constexpr qint64 MaxPreviewPixels = 4'000'000;

// JPEG header segments are walked for at most this many bytes (APP1 alone may be 64 KiB, and
// some cameras put several APPn segments before it).
constexpr qint64 MaxHeaderWalk = 1 << 20;

void raiseAllocationLimit()
{
    // QImageReader::setAllocationLimit is process-wide (a plain static in Qt 6), so it is raised
    // once and never lowered; 0 means someone disabled the check, which is left alone.
    static std::once_flag once;
    std::call_once(once, [] {
        const int current = QImageReader::allocationLimit();
        if (current != 0 && current < AllocationLimitMiB)
            QImageReader::setAllocationLimit(AllocationLimitMiB);
    });
}

// `size` scaled to fit a square of `edge`, keeping the aspect ratio, at least 1×1.
QSize fitted(QSize size, int edge)
{
    QSize s = size.scaled(edge, edge, Qt::KeepAspectRatio);
    return {std::max(1, s.width()), std::max(1, s.height())};
}

QByteArray formatHint(QFile &file)
{
    const QByteArray head = file.peek(8);
    if (head.startsWith("\xFF\xD8"))
        return QByteArrayLiteral("jpeg");
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return QByteArrayLiteral("png");
    return {}; // let Qt probe the plugins by content
}

Error readerError(const QImageReader &reader, const QString &what)
{
    QString detail = reader.errorString();
    // Qt's JPEG reader reports every libjpeg failure as "Unknown error": say what it means.
    if (detail.isEmpty() || detail == u"Unknown error")
        detail = Tr::tr("the data is damaged or uses a variant of the format that cannot be decoded");
    switch (reader.error()) {
    case QImageReader::FileNotFoundError:
    case QImageReader::DeviceError:
        return Error::io(Tr::tr("%1 could not be read: %2").arg(what, detail));
    case QImageReader::UnsupportedFormatError:
        return Error::unsupported(Tr::tr("%1 is not in an image format Stills can decode").arg(what));
    case QImageReader::InvalidDataError:
    case QImageReader::UnknownError:
        break;
    }
    return Error::corrupt(Tr::tr("%1 could not be decoded: %2").arg(what, detail));
}

Error tooLarge(QSize size)
{
    return Error{Error::Code::TooLarge,
                 Tr::tr("The image is %1 × %2 pixels (%3 megapixels); Stills does not decode images over %4 "
                        "megapixels")
                     .arg(size.width())
                     .arg(size.height())
                     .arg(double(size.width()) * size.height() / 1e6, 0, 'f', 0)
                     .arg(ImageDecoder::MaxPixels / 1'000'000)};
}

// --- The EXIF preview -----------------------------------------------------------------------
// A minimal TIFF walk, bounded by the APP1 payload (at most 64 KiB): IFD0 for the orientation,
// IFD1 for the offset and length of the JPEG thumbnail. Every offset is checked before use.

class TiffView
{
public:
    explicit TiffView(QByteArrayView data) : m_data(data) {}

    bool init()
    {
        if (m_data.size() < 8)
            return false;
        if (m_data.startsWith("II"))
            m_little = true;
        else if (m_data.startsWith("MM"))
            m_little = false;
        else
            return false;
        return u16(2) == 42;
    }

    qint64 size() const { return m_data.size(); }
    bool has(qint64 at, qint64 n) const { return at >= 0 && n >= 0 && at <= m_data.size() - n; }

    quint16 u16(qint64 at) const
    {
        const auto *p = reinterpret_cast<const uchar *>(m_data.data() + at);
        return m_little ? quint16(p[0] | (p[1] << 8)) : quint16((p[0] << 8) | p[1]);
    }
    quint32 u32(qint64 at) const
    {
        const auto *p = reinterpret_cast<const uchar *>(m_data.data() + at);
        return m_little ? quint32(p[0]) | (quint32(p[1]) << 8) | (quint32(p[2]) << 16) | (quint32(p[3]) << 24)
                        : (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
    }

    struct Ifd {
        int orientation = 0; // 0 when absent
        std::optional<quint32> thumbOffset;
        std::optional<quint32> thumbLength;
        std::optional<int> compression;
        quint32 next = 0;
    };

    // The IFD at `at`, or nothing when it does not fit the data.
    std::optional<Ifd> ifd(qint64 at) const
    {
        if (!has(at, 2))
            return std::nullopt;
        const int count = u16(at);
        if (count == 0 || count > 512 || !has(at + 2, qint64(count) * 12))
            return std::nullopt;
        Ifd result;
        for (int i = 0; i < count; ++i) {
            const qint64 e = at + 2 + qint64(i) * 12;
            const quint16 tag = u16(e);
            const quint16 type = u16(e + 2);
            // SHORT (3) values sit left-aligned in the 4-byte field; LONG (4) fill it.
            const auto value = [&]() -> quint32 { return type == 3 ? u16(e + 8) : u32(e + 8); };
            if (type != 3 && type != 4)
                continue;
            switch (tag) {
            case 0x0112: result.orientation = int(value()); break;
            case 0x0103: result.compression = int(value()); break;
            case 0x0201: result.thumbOffset = value(); break;
            case 0x0202: result.thumbLength = value(); break;
            default: break;
            }
        }
        const qint64 nextAt = at + 2 + qint64(count) * 12;
        result.next = has(nextAt, 4) ? u32(nextAt) : 0;
        return result;
    }

private:
    QByteArrayView m_data;
    bool m_little = true;
};

struct JpegHeader {
    QByteArray exif;  // the APP1 payload after "Exif\0\0" (the TIFF structure), empty if none
    QSize frameSize;  // from the first SOFn, invalid if not reached
};

// Walks the JPEG segments up to the first scan, keeping the EXIF APP1 and the frame size.
Result<JpegHeader> readJpegHeader(QFile &file)
{
    JpegHeader header;
    const QByteArray soi = file.read(2);
    if (soi.size() != 2 || uchar(soi[0]) != 0xFF || uchar(soi[1]) != 0xD8)
        return Error::notFound(Tr::tr("The file is not a JPEG image, so it has no embedded EXIF preview"));
    for (int segments = 0; segments < 64 && file.pos() < MaxHeaderWalk; ++segments) {
        // A marker is FF, possibly repeated (fill bytes), then its code. Anything else means the
        // header is damaged: what was read so far is all there is.
        char c = 0;
        if (!file.getChar(&c) || uchar(c) != 0xFF)
            return header;
        while (uchar(c) == 0xFF) {
            if (!file.getChar(&c))
                return header;
        }
        const uchar marker = uchar(c);
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            continue; // markers without a length
        if (marker == 0xDA || marker == 0xD9)
            return header;
        const QByteArray lengthBytes = file.read(2);
        if (lengthBytes.size() != 2)
            return header;
        const int length = (uchar(lengthBytes[0]) << 8) | uchar(lengthBytes[1]);
        if (length < 2)
            return header;
        const qint64 payloadAt = file.pos();
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (marker == 0xE1 && header.exif.isEmpty() && length >= 8) {
            const QByteArray payload = file.read(length - 2);
            if (payload.startsWith(QByteArrayView("Exif\0\0", 6)))
                header.exif = payload.mid(6);
        } else if (frame && !header.frameSize.isValid() && length >= 7) {
            const QByteArray sof = file.read(5);
            if (sof.size() == 5) {
                const int height = (uchar(sof[1]) << 8) | uchar(sof[2]);
                const int width = (uchar(sof[3]) << 8) | uchar(sof[4]);
                if (width > 0 && height > 0)
                    header.frameSize = QSize(width, height);
            }
            // The frame header comes after the APPn segments: nothing useful follows.
            return header;
        }
        if (!file.seek(payloadAt + length - 2))
            return header;
    }
    return header;
}

// Cameras often store a 160×120 thumbnail for a 3:2 image, with black bars: cut it to the
// main image's aspect ratio so the provisional preview has the final thumbnail's shape.
QImage cropToAspect(const QImage &image, QSize frame)
{
    if (!frame.isValid() || image.isNull())
        return image;
    const double want = double(frame.width()) / frame.height();
    const double have = double(image.width()) / image.height();
    if (std::abs(want - have) / want < 0.02)
        return image;
    if (have < want) { // taller than the frame: bars at top and bottom
        const int h = std::max(1, int(image.width() / want + 0.5));
        return image.copy(0, (image.height() - h) / 2, image.width(), h);
    }
    const int w = std::max(1, int(image.height() * want + 0.5));
    return image.copy((image.width() - w) / 2, 0, w, image.height());
}

} // namespace

QImage ImageDecoder::applyOrientation(QImage image, int orientation)
{
    // EXIF 1..8: what to do to the stored pixels to show them upright.
    switch (orientation) {
    case 2: return std::move(image).mirrored(true, false);
    case 3: return std::move(image).mirrored(true, true);
    case 4: return std::move(image).mirrored(false, true);
    case 5: return std::move(image).mirrored(false, true).transformed(QTransform().rotate(90));
    case 6: return image.transformed(QTransform().rotate(90));
    case 7: return std::move(image).mirrored(true, false).transformed(QTransform().rotate(90));
    case 8: return image.transformed(QTransform().rotate(270));
    default: return image;
    }
}

namespace {

std::atomic<int> s_mainThreadDecodes{0};

void noteDecodeThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    if (app && QThread::currentThread() == app->thread())
        s_mainThreadDecodes.fetch_add(1, std::memory_order_relaxed);
}

} // namespace

int ImageDecoder::mainThreadDecodeCount()
{
    return s_mainThreadDecodes.load();
}

Result<QImage> ImageDecoder::decodeScaled(const QString &path, int longEdge)
{
    noteDecodeThread();
    if (longEdge < 1)
        return Error::invalid(Tr::tr("A thumbnail needs a size of at least one pixel"));
    raiseAllocationLimit();

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(Tr::tr("The file could not be opened: %1").arg(file.errorString()));
    QImageReader reader(&file, formatHint(file));
    reader.setAutoTransform(true);

    const QSize stored = reader.size();
    if (!stored.isValid()) {
        // A handler that cannot tell the size without decoding is rare; one that cannot read the
        // data at all is the common case here.
        if (!reader.canRead())
            return readerError(reader, Tr::tr("The image"));
        qCDebug(lcImaging) << "no size from the header of" << path << "- decoding under Qt's allocation limit only";
    }
    const qint64 pixels = stored.isValid() ? qint64(stored.width()) * stored.height() : 0;
    if (pixels > MaxPixels)
        return tooLarge(stored);

    const QByteArray format = reader.format();
    const bool jpeg = format == "jpeg";
    QSize target; // the result's size in stored orientation, invalid when unknown
    qint64 decodePixels = pixels;
    if (stored.isValid()) {
        target = fitted(stored, std::min(longEdge, std::max(stored.width(), stored.height())));
        if (target != stored) {
            if (jpeg && reader.supportsOption(QImageIOHandler::ScaledSize)) {
                // libjpeg scales by M/8 while decoding. Qt picks M = ceil(8 / f) from the size asked
                // for, so asking for floor(size * M / 8) gets exactly M; the smallest M that still
                // covers the target leaves the last step to a smooth scale of a small image.
                for (int m = 1; m < 8; ++m) {
                    const QSize scaled(int(qint64(stored.width()) * m / 8), int(qint64(stored.height()) * m / 8));
                    if (scaled.width() >= target.width() && scaled.height() >= target.height()) {
                        reader.setScaledSize(scaled);
                        reader.setQuality(FastJpegQuality);
                        decodePixels = qint64(scaled.width() + 1) * (scaled.height() + 1);
                        break;
                    }
                }
            } else {
                // Handlers without ScaledSize decode in full and QImageReader scales afterwards;
                // the estimate below assumes the full buffer either way.
                reader.setScaledSize(target);
            }
        }
        // Four bytes per pixel (eight for 16-bit formats) in the buffer the handler allocates.
        const int depth = QImage::toPixelFormat(reader.imageFormat()).bitsPerPixel() > 32 ? 8 : 4;
        if (decodePixels * depth > qint64(AllocationLimitMiB) * MiB) {
            return Error{Error::Code::TooLarge,
                         Tr::tr("The image is %1 × %2 pixels; decoding it would need more than %3 MiB of memory")
                             .arg(stored.width())
                             .arg(stored.height())
                             .arg(AllocationLimitMiB)};
        }
    }

    QImage image = reader.read();
    if (image.isNull())
        return readerError(reader, Tr::tr("The image"));

    const bool rotated = reader.transformation() & QImageIOHandler::TransformationRotate90;
    if (target.isValid()) {
        const QSize want = rotated ? target.transposed() : target;
        if (image.size() != want)
            image = image.scaled(want, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    } else if (std::max(image.width(), image.height()) > longEdge) {
        image = image.scaled(fitted(image.size(), longEdge), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }

    // Qt applies EXIF orientation for JPEG and TIFF; PNG and WebP may carry EXIF that its
    // readers ignore, so it is read here (the only case that needs exiv2).
    if ((format == "png" || format == "webp") && reader.transformation() == QImageIOHandler::TransformationNone) {
        const auto exif = ExifReader::read(path);
        if (exif && exif->orientation != 1)
            image = applyOrientation(std::move(image), exif->orientation);
    }
    return image;
}

Result<QImage> ImageDecoder::embeddedPreview(const QString &path)
{
    noteDecodeThread();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(Tr::tr("The file could not be opened: %1").arg(file.errorString()));
    auto header = readJpegHeader(file);
    if (!header)
        return header.error();
    const auto none = [] { return Error::notFound(Tr::tr("The file has no embedded EXIF preview")); };
    if (header->exif.isEmpty())
        return none();

    TiffView tiff(header->exif);
    if (!tiff.init())
        return none();
    const auto ifd0 = tiff.ifd(tiff.u32(4));
    if (!ifd0 || ifd0->next == 0 || ifd0->next == tiff.u32(4))
        return none();
    const auto ifd1 = tiff.ifd(ifd0->next);
    if (!ifd1 || !ifd1->thumbOffset || !ifd1->thumbLength)
        return none();
    if (ifd1->compression && *ifd1->compression != 6 && *ifd1->compression != 7)
        return none(); // an uncompressed (RGB) thumbnail: too rare to be worth a decoder
    const qint64 offset = *ifd1->thumbOffset;
    const qint64 length = *ifd1->thumbLength;
    if (length < 4 || !tiff.has(offset, length))
        return none();
    const QByteArray jpegBytes = header->exif.mid(offset, length);
    if (!jpegBytes.startsWith("\xFF\xD8"))
        return none();

    QBuffer buffer;
    buffer.setData(jpegBytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, QByteArrayLiteral("jpeg"));
    // The thumbnail is stored like the main image, so IFD0's orientation applies to it; its own
    // EXIF, if any, is not applied on top.
    reader.setAutoTransform(false);
    const QSize size = reader.size();
    if (!size.isValid() || qint64(size.width()) * size.height() > MaxPreviewPixels)
        return Error::corrupt(Tr::tr("The embedded EXIF preview is damaged"));
    QImage image = reader.read();
    if (image.isNull())
        return Error::corrupt(Tr::tr("The embedded EXIF preview is damaged"));
    image = cropToAspect(image, header->frameSize);
    return applyOrientation(std::move(image), ifd0->orientation);
}

} // namespace stills
