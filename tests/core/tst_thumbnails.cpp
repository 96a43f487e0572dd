// ImageDecoder, ThumbnailCache and ThumbnailBuilder: EXIF orientation on hand-built JPEGs (all
// eight values, main image and embedded preview) and on the corpus, scaled decoding, the disk
// cache across restarts, atomic writes under simulated failures, the decompression-bomb guard,
// every broken file of the corpus, the cache's signals and scheduling, and the bulk builder on a
// real catalog.

#include "catalog/catalog.h"
#include "catalog/catalogurl.h"
#include "catalog/shotrepository.h"
#include "imaging/imagedecoder.h"
#include "imaging/thumbnailbuilder.h"
#include "imaging/thumbnailcache.h"
#include "importing/folderimporter.h"
#include "metadata/fileprobe.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "requireok.h"

#include <csignal>
#include <sys/resource.h>

using namespace stills;

namespace {

QString corpus(const QString &relative)
{
    return QStringLiteral(STILLS_CORPUS_DIR) + u'/' + relative;
}

QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray encode(const QImage &image, const char *format, int quality = 95)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    writer.write(image);
    return bytes;
}

// --- Hand-made EXIF ---------------------------------------------------------------------------

// An APP1 segment: "Exif\0\0", a little-endian TIFF header, IFD0 with one Orientation tag and,
// when `thumbnail` is given, IFD1 pointing at it (Compression 6, JPEGInterchangeFormat/Length).
QByteArray exifSegment(int orientation, const QByteArray &thumbnail = {})
{
    QByteArray tiff;
    const auto u16 = [&tiff](quint32 v) {
        tiff.append(char(v & 0xff));
        tiff.append(char((v >> 8) & 0xff));
    };
    const auto u32 = [&u16](quint32 v) {
        u16(v & 0xffff);
        u16(v >> 16);
    };
    const auto entry = [&](quint16 tag, quint16 type, quint32 value) {
        u16(tag);
        u16(type);
        u32(1);
        if (type == 3) {
            u16(value);
            u16(0);
        } else {
            u32(value);
        }
    };
    tiff.append("II");
    u16(42);
    u32(8);
    u16(1); // IFD0 at 8: 2 + 12 + 4 bytes
    entry(0x0112, 3, quint32(orientation));
    u32(thumbnail.isEmpty() ? 0 : 26);
    if (!thumbnail.isEmpty()) {
        u16(3); // IFD1 at 26: 2 + 36 + 4 bytes, the thumbnail at 68
        entry(0x0103, 3, 6);
        entry(0x0201, 4, 68);
        entry(0x0202, 4, quint32(thumbnail.size()));
        u32(0);
        Q_ASSERT(tiff.size() == 68);
        tiff.append(thumbnail);
    }
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xFF\xE1", 2);
    segment.append(char((payload.size() + 2) >> 8));
    segment.append(char((payload.size() + 2) & 0xff));
    return segment + payload;
}

// The JPEG with `segment` inserted after SOI and the JFIF APP0.
QByteArray withSegment(const QByteArray &jpeg, const QByteArray &segment)
{
    qsizetype at = 2;
    if (jpeg.size() > 6 && uchar(jpeg[2]) == 0xFF && uchar(jpeg[3]) == 0xE0)
        at = 4 + ((uchar(jpeg[4]) << 8) | uchar(jpeg[5]));
    return jpeg.left(at) + segment + jpeg.mid(at);
}

// --- An asymmetric test pattern -----------------------------------------------------------------

// Grey, with a red block in the top-left corner and a green one in the top-right: where two
// adjacent corners land identifies each of the eight orientations.
QImage uprightPattern(QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(qRgb(128, 128, 128));
    const int bw = size.width() / 4;
    const int bh = size.height() / 4;
    for (int y = 0; y < bh; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < bw; ++x) {
            line[x] = qRgb(230, 20, 20);
            line[size.width() - 1 - x] = qRgb(20, 200, 20);
        }
    }
    return image;
}

// The stored pixels that EXIF `orientation` turns into `upright` (the EXIF definitions, written
// out per pixel so that the test does not share code with the decoder).
QImage storedFor(const QImage &upright, int orientation)
{
    const int wd = upright.width();
    const int hd = upright.height();
    const bool swap = orientation >= 5;
    const int ws = swap ? hd : wd;
    const int hs = swap ? wd : hd;
    QImage stored(ws, hs, QImage::Format_RGB32);
    for (int y = 0; y < hd; ++y) {
        for (int x = 0; x < wd; ++x) {
            int sx = x, sy = y;
            switch (orientation) {
            case 2: sx = ws - 1 - x; sy = y; break;
            case 3: sx = ws - 1 - x; sy = hs - 1 - y; break;
            case 4: sx = x; sy = hs - 1 - y; break;
            case 5: sx = y; sy = x; break;
            case 6: sx = y; sy = hs - 1 - x; break;
            case 7: sx = ws - 1 - y; sy = hs - 1 - x; break;
            case 8: sx = ws - 1 - y; sy = x; break;
            default: break;
            }
            stored.setPixel(sx, sy, upright.pixel(x, y));
        }
    }
    return stored;
}

enum class Tone { Red, Green, Grey, Other };

Tone toneAt(const QImage &image, double fx, double fy)
{
    const QRgb c = image.pixel(int(image.width() * fx), int(image.height() * fy));
    const int r = qRed(c), g = qGreen(c), b = qBlue(c);
    if (r > 170 && g < 90 && b < 90)
        return Tone::Red;
    if (g > 150 && r < 90 && b < 90)
        return Tone::Green;
    if (std::abs(r - 128) < 30 && std::abs(g - 128) < 30 && std::abs(b - 128) < 30)
        return Tone::Grey;
    return Tone::Other;
}

// Red top-left, green top-right, grey below.
bool looksUpright(const QImage &image, QString *why)
{
    const Tone tl = toneAt(image, 0.1, 0.1), tr = toneAt(image, 0.9, 0.1);
    const Tone bl = toneAt(image, 0.1, 0.9), br = toneAt(image, 0.9, 0.9);
    if (tl == Tone::Red && tr == Tone::Green && bl == Tone::Grey && br == Tone::Grey)
        return true;
    *why = QStringLiteral("corners (tl tr bl br) = %1 %2 %3 %4 (0 red, 1 green, 2 grey, 3 other)")
               .arg(int(tl)).arg(int(tr)).arg(int(bl)).arg(int(br));
    return false;
}

// Mean absolute difference per channel, 0..255; the images must have the same size.
double meanDifference(const QImage &a, const QImage &b)
{
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto *p = reinterpret_cast<const QRgb *>(x.constScanLine(row));
        const auto *q = reinterpret_cast<const QRgb *>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col)
            sum += std::abs(qRed(p[col]) - qRed(q[col])) + std::abs(qGreen(p[col]) - qGreen(q[col]))
                + std::abs(qBlue(p[col]) - qBlue(q[col]));
    }
    return sum / (3.0 * x.width() * x.height());
}

quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (char ch : data) {
        crc ^= uchar(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray be32(quint32 v)
{
    QByteArray b(4, '\0');
    b[0] = char(v >> 24);
    b[1] = char(v >> 16);
    b[2] = char(v >> 8);
    b[3] = char(v);
    return b;
}

// A valid PNG header (correct CRCs) that declares width × height, followed by no pixels.
QByteArray pngBomb(quint32 width, quint32 height)
{
    const QByteArray ihdr = QByteArray("IHDR") + be32(width) + be32(height) + QByteArray("\x08\x06\x00\x00\x00", 5);
    // libpng reads the header up to the first IDAT, so there must be one (its data is never reached).
    const QByteArray idat = QByteArray("IDAT") + QByteArray("\x78\x9c", 2);
    const QByteArray iend("IEND");
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + be32(13) + ihdr + be32(crc32(ihdr)) + be32(2) + idat
        + be32(crc32(idat)) + be32(0) + iend + be32(crc32(iend));
}

// A small real JPEG whose frame header is patched to declare width × height.
QByteArray jpegBomb(quint16 width, quint16 height)
{
    QByteArray jpeg = encode(uprightPattern(QSize(16, 16)), "jpeg");
    for (qsizetype i = 2; i + 9 < jpeg.size(); ++i) {
        if (uchar(jpeg[i]) == 0xFF && uchar(jpeg[i + 1]) == 0xC0) {
            jpeg[i + 5] = char(height >> 8);
            jpeg[i + 6] = char(height & 0xff);
            jpeg[i + 7] = char(width >> 8);
            jpeg[i + 8] = char(width & 0xff);
            return jpeg;
        }
    }
    return {};
}

// Every file under `dir`, hidden ones included.
QStringList filesIn(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    return files;
}

// The size decodeScaled must produce for `path` at `longEdge`: upright, never upscaled.
QSize expectedSize(const QString &path, int longEdge)
{
    QImageReader reader(path);
    QSize size = reader.size();
    if (reader.transformation() & QImageIOHandler::TransformationRotate90)
        size.transpose();
    const int edge = std::min(longEdge, std::max(size.width(), size.height()));
    return size.scaled(edge, edge, Qt::KeepAspectRatio);
}

} // namespace

class TestThumbnails : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_goodJpeg;   // a copy of a corpus JPEG with an embedded EXIF preview
    QString m_brokenFile; // garbage with a .jpg name

    QString tmp(const QString &name) const { return m_tmp.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY2(QFileInfo::exists(corpus(QStringLiteral("photos"))), "the shared corpus is missing");
        m_goodJpeg = tmp(QStringLiteral("canon.jpg")); // 2048×1536 with a 160×120 EXIF preview
        QVERIFY(QFile::copy(corpus(QStringLiteral("photos/ianare/hdr_canon_hdr_NO.jpg")), m_goodJpeg));
        QFile::setPermissions(m_goodJpeg, QFile::ReadOwner | QFile::WriteOwner);
        m_brokenFile = tmp(QStringLiteral("broken.jpg"));
        QVERIFY(writeFile(m_brokenFile, QByteArray("this is not an image at all, only text pretending").repeated(20)));
        QVERIFY(writeFile(tmp(QStringLiteral("small.jpg")), encode(uprightPattern(QSize(200, 150)), "jpeg")));
        QVERIFY(writeFile(tmp(QStringLiteral("odd.jpg")), encode(uprightPattern(QSize(1001, 751)), "jpeg")));
        QImage alpha(300, 100, QImage::Format_ARGB32);
        alpha.fill(qRgba(0, 0, 255, 100));
        QVERIFY(writeFile(tmp(QStringLiteral("alpha.png")), encode(alpha, "png")));
    }

    // --- ImageDecoder ---------------------------------------------------------------------------

    void orientation_data()
    {
        QTest::addColumn<int>("orientation");
        for (int o = 1; o <= 8; ++o)
            QTest::newRow(qPrintable(QStringLiteral("exif %1").arg(o))) << o;
    }

    void orientation()
    {
        QFETCH(int, orientation);
        const QImage upright = uprightPattern(QSize(640, 480));
        const QByteArray thumbnail = encode(storedFor(uprightPattern(QSize(160, 120)), orientation), "jpeg", 90);
        const QByteArray jpeg = withSegment(encode(storedFor(upright, orientation), "jpeg"),
                                            exifSegment(orientation, thumbnail));
        const QString path = tmp(QStringLiteral("orientation-%1.jpg").arg(orientation));
        QVERIFY(writeFile(path, jpeg));

        auto decoded = ImageDecoder::decodeScaled(path, 256);
        REQUIRE_OK(decoded);
        QCOMPARE(decoded->size(), QSize(256, 192));
        QString why;
        QVERIFY2(looksUpright(*decoded, &why), qPrintable(QStringLiteral("decodeScaled: ") + why));

        // Full size too (no libjpeg scaling involved).
        auto full = ImageDecoder::decodeScaled(path, 1024);
        REQUIRE_OK(full);
        QCOMPARE(full->size(), QSize(640, 480));
        QVERIFY2(looksUpright(*full, &why), qPrintable(QStringLiteral("full size: ") + why));

        auto preview = ImageDecoder::embeddedPreview(path);
        REQUIRE_OK(preview);
        QCOMPARE(preview->size(), QSize(160, 120));
        QVERIFY2(looksUpright(*preview, &why), qPrintable(QStringLiteral("embeddedPreview: ") + why));
    }

    // The corpus's real camera files in all orientations look like their orientation-1 twin.
    void corpusOrientation_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("reference");
        for (const QString &shape : {QStringLiteral("landscape"), QStringLiteral("portrait")}) {
            for (int o = 2; o <= 8; ++o) {
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(shape).arg(o)))
                    << corpus(QStringLiteral("photos/ianare/orientation_%1_%2.jpg").arg(shape).arg(o))
                    << corpus(QStringLiteral("photos/ianare/orientation_%1_1.jpg").arg(shape));
            }
        }
    }

    void corpusOrientation()
    {
        QFETCH(QString, file);
        QFETCH(QString, reference);
        auto image = ImageDecoder::decodeScaled(file, 256);
        auto expected = ImageDecoder::decodeScaled(reference, 256);
        REQUIRE_OK(image);
        REQUIRE_OK(expected);
        QCOMPARE(image->size(), expected->size());
        // Each file has its orientation number painted in the middle, so they are not identical:
        // the upright decode must be far closer to the reference than any mirror or turn of it.
        const double difference = meanDifference(*image, *expected);
        QVERIFY2(difference < 20, qPrintable(QStringLiteral("mean difference %1").arg(difference)));
        const QImage wrong[] = {image->mirrored(true, false), image->mirrored(false, true), image->mirrored(true, true)};
        for (const QImage &other : wrong) {
            const double otherDifference = meanDifference(other, *expected);
            QVERIFY2(otherDifference > 1.5 * difference,
                     qPrintable(QStringLiteral("upright %1, mirrored or turned %2").arg(difference).arg(otherDifference)));
        }
    }

    void scaledDecode_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("longEdge");
        const auto row = [](const char *name, const QString &file, int edge) { QTest::newRow(name) << file << edge; };
        row("16 MP JPEG to 256", corpus(QStringLiteral("photos/mei/Kodak_PIXPRO_FZ201.jpg")), 256);
        row("16 MP JPEG to 512", corpus(QStringLiteral("photos/mei/Kodak_PIXPRO_FZ201.jpg")), 512);
        row("16 MP JPEG to 1024", corpus(QStringLiteral("photos/mei/Kodak_PIXPRO_FZ201.jpg")), 1024);
        row("portrait JPEG", corpus(QStringLiteral("photos/ianare/orientation_portrait_1.jpg")), 256);
        row("rotated JPEG", corpus(QStringLiteral("photos/ianare/orientation_portrait_6.jpg")), 256);
        row("panorama", corpus(QStringLiteral("photos/ianare/mobile_HMD_Nokia_8.3_5G.jpg")), 256);
        row("CMYK JPEG", corpus(QStringLiteral("photos/odd/pillow_pil_sample_cmyk.jpg")), 256);
        row("grey JPEG", corpus(QStringLiteral("photos/odd/pillow_hopper_gray.jpg")), 256);
        row("small JPEG, no upscale", tmp(QStringLiteral("small.jpg")), 256);
        row("odd-sized JPEG", tmp(QStringLiteral("odd.jpg")), 256);
        row("odd-sized JPEG to 512", tmp(QStringLiteral("odd.jpg")), 512);
        row("PNG with alpha", tmp(QStringLiteral("alpha.png")), 256);
        row("big PNG", corpus(QStringLiteral("photos/other-formats/png/Altai_5120x2880.png")), 256);
        row("TIFF", corpus(QStringLiteral("photos/other-formats/tiff/ianare_Arbitro.tiff")), 256);
        row("WebP", corpus(QStringLiteral("photos/other-formats/webp/mei_Photo_1.webp")), 256);
    }

    void scaledDecode()
    {
        QFETCH(QString, file);
        QFETCH(int, longEdge);
        QElapsedTimer timer;
        timer.start();
        auto image = ImageDecoder::decodeScaled(file, longEdge);
        REQUIRE_OK(image);
        const QSize expected = expectedSize(file, longEdge);
        QCOMPARE(std::max(image->width(), image->height()), std::max(expected.width(), expected.height()));
        QVERIFY2(std::abs(image->width() - expected.width()) <= 1 && std::abs(image->height() - expected.height()) <= 1,
                 qPrintable(QStringLiteral("%1×%2, expected %3×%4")
                                .arg(image->width()).arg(image->height()).arg(expected.width()).arg(expected.height())));
        if (file.endsWith(u"alpha.png"))
            QVERIFY(image->hasAlphaChannel());
        qDebug("%s: %d×%d in %lld ms", qPrintable(QFileInfo(file).fileName()), image->width(), image->height(),
               timer.elapsed());
    }

    void decodeErrors()
    {
        auto missing = ImageDecoder::decodeScaled(tmp(QStringLiteral("no-such-file.jpg")), 256);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, Error::Code::Io);
        QVERIFY(!missing.error().message.isEmpty());

        auto garbage = ImageDecoder::decodeScaled(m_brokenFile, 256);
        QVERIFY(!garbage);
        QVERIFY(garbage.error().code == Error::Code::Unsupported || garbage.error().code == Error::Code::Corrupt);
        QVERIFY(!garbage.error().message.isEmpty());

        auto zero = ImageDecoder::decodeScaled(m_goodJpeg, 0);
        QVERIFY(!zero);
        QCOMPARE(zero.error().code, Error::Code::InvalidInput);

        // No EXIF preview: NotFound, for a JPEG without EXIF and for another format.
        QVERIFY(writeFile(tmp(QStringLiteral("plain.jpg")), encode(uprightPattern(QSize(64, 48)), "jpeg")));
        auto none = ImageDecoder::embeddedPreview(tmp(QStringLiteral("plain.jpg")));
        QVERIFY(!none);
        QCOMPARE(none.error().code, Error::Code::NotFound);
        auto png = ImageDecoder::embeddedPreview(corpus(QStringLiteral("photos/other-formats/png/Canopee_3840x2160.png")));
        QVERIFY(!png);
        QCOMPARE(png.error().code, Error::Code::NotFound);
    }

    void embeddedPreviewOfCameraFiles()
    {
        // Most camera JPEGs carry one; it must be small and much cheaper than a decode.
        int found = 0;
        QElapsedTimer timer;
        timer.start();
        const QStringList files = filesUnder(corpus(QStringLiteral("photos/ianare")));
        for (const QString &file : files) {
            auto preview = ImageDecoder::embeddedPreview(file);
            if (preview) {
                ++found;
                QVERIFY(!preview->isNull());
                QVERIFY(preview->width() <= 2048 && preview->height() <= 2048);
            } else {
                QVERIFY2(!preview.error().message.isEmpty(), qPrintable(file));
            }
        }
        qDebug("%d of %lld files have an EXIF preview; %lld ms for all", found, qlonglong(files.size()), timer.elapsed());
        QVERIFY(found >= files.size() / 3);
        QVERIFY(ImageDecoder::embeddedPreview(m_goodJpeg).ok());
    }

    void bombRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("PNG 60000×60000") << pngBomb(60000, 60000) << QStringLiteral("png");
        QTest::newRow("JPEG 60000×60000") << jpegBomb(60000, 60000) << QStringLiteral("jpg");
        QTest::newRow("JPEG 65500×4000") << jpegBomb(65500, 4000) << QStringLiteral("jpg");
    }

    void bombRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, suffix);
        QVERIFY(!bytes.isEmpty());
        QVERIFY(bytes.size() < 4096);
        const QString path = tmp(QStringLiteral("bomb.") + suffix);
        QVERIFY(writeFile(path, bytes));
        QElapsedTimer timer;
        timer.start();
        auto image = ImageDecoder::decodeScaled(path, 256);
        QVERIFY(!image);
        QCOMPARE(image.error().code, Error::Code::TooLarge);
        QVERIFY2(image.error().message.contains(u"megapixels"), qPrintable(image.error().message));
        auto built = ThumbnailCache::buildOnDisk(tmp(QStringLiteral("bomb-cache")), QStringLiteral("b0b0"), path, 256, true);
        QVERIFY(!built);
        QCOMPARE(built.error().code, Error::Code::TooLarge);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    }

    // Every broken, fuzzed and malicious file: an image or an error with a reason, quickly.
    void badCorpus_data()
    {
        QTest::addColumn<QString>("file");
        const QString root = corpus(QStringLiteral("bad"));
        const QStringList files = filesUnder(root);
        QVERIFY(files.size() > 100);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file.mid(root.size() + 1))) << file;
    }

    void badCorpus()
    {
        QFETCH(QString, file);
        QElapsedTimer timer;
        timer.start();
        auto image = ImageDecoder::decodeScaled(file, 256);
        if (image) {
            QVERIFY(!image->isNull());
            QVERIFY(std::max(image->width(), image->height()) <= 256);
        } else {
            QVERIFY2(!image.error().message.isEmpty(), "an error without a reason");
        }
        auto preview = ImageDecoder::embeddedPreview(file);
        if (preview)
            QVERIFY(!preview->isNull());
        else
            QVERIFY2(!preview.error().message.isEmpty(), "an error without a reason");
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QStringLiteral("%1 ms").arg(timer.elapsed())));
    }

    // --- Disk cache -----------------------------------------------------------------------------

    void diskLayout()
    {
        const QString hash = QStringLiteral("ab12cd");
        QCOMPARE(ThumbnailCache::diskPath(QStringLiteral("/c"), hash, 512), QStringLiteral("/c/thumbnails/512/ab/ab12cd.jpg"));
        QCOMPARE(ThumbnailCache::diskPath(QStringLiteral("/c"), hash, 256, true),
                 QStringLiteral("/c/thumbnails/256/ab/ab12cd.png"));

        const QString cache = tmp(QStringLiteral("layout-cache"));
        auto jpeg = ThumbnailCache::buildOnDisk(cache, hash, m_goodJpeg, 256, false);
        REQUIRE_OK(jpeg);
        QCOMPARE(*jpeg, ThumbnailCache::diskPath(cache, hash, 256));
        QImageReader reader(*jpeg);
        QCOMPARE(reader.format(), QByteArray("jpeg"));
        QCOMPARE(std::max(reader.size().width(), reader.size().height()), 256);

        auto png = ThumbnailCache::buildOnDisk(cache, QStringLiteral("a1fa"), tmp(QStringLiteral("alpha.png")), 256, false);
        REQUIRE_OK(png);
        QCOMPARE(*png, ThumbnailCache::diskPath(cache, QStringLiteral("a1fa"), 256, true));

        // A hash that would escape the cache folder, a size that is not a thumbnail size.
        auto escape = ThumbnailCache::buildOnDisk(cache, QStringLiteral("../../etc"), m_goodJpeg, 256, false);
        QVERIFY(!escape);
        QCOMPARE(escape.error().code, Error::Code::InvalidInput);
        auto odd = ThumbnailCache::buildOnDisk(cache, hash, m_goodJpeg, 300, false);
        QVERIFY(!odd);
        QCOMPARE(odd.error().code, Error::Code::InvalidInput);
    }

    void cacheHitAfterRestart()
    {
        const QString cache = tmp(QStringLiteral("restart-cache"));
        const QString source = tmp(QStringLiteral("restart.jpg"));
        QVERIFY(QFile::copy(m_goodJpeg, source));
        auto hash = FileProber::hashFile(source);
        REQUIRE_OK(hash);
        {
            ThumbnailCache first(cache);
            QSignalSpy ready(&first, &ThumbnailCache::thumbnailReady);
            QVERIFY(first.request(*hash, source, 256, 10).isNull());
            QVERIFY(ready.wait(10000));
            QCOMPARE(ready.first().at(0).toString(), *hash);
            QVERIFY(QFileInfo::exists(ThumbnailCache::diskPath(cache, *hash, 256)));
        }
        // The source is gone: the second instance can only serve the thumbnail from disk.
        QVERIFY(QFile::remove(source));
        ThumbnailCache second(cache);
        QSignalSpy ready(&second, &ThumbnailCache::thumbnailReady);
        QSignalSpy preview(&second, &ThumbnailCache::previewReady);
        QSignalSpy failed(&second, &ThumbnailCache::thumbnailFailed);
        QVERIFY(second.request(*hash, source, 256, 10).isNull()); // no file I/O on the calling thread
        QVERIFY(ready.wait(10000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(preview.count(), 0); // a disk hit skips the provisional preview
        const QImage image = second.request(*hash, source, 256, 10);
        QVERIFY(!image.isNull());
        QCOMPARE(std::max(image.width(), image.height()), 256);
        QCOMPARE(second.pendingCount(), 0);

        auto again = ThumbnailCache::buildOnDisk(cache, *hash, source, 256, false);
        REQUIRE_OK(again); // served from disk without the (missing) source
        auto forced = ThumbnailCache::buildOnDisk(cache, *hash, source, 256, true);
        QVERIFY(!forced);
        QCOMPARE(forced.error().code, Error::Code::Io);
    }

    // A write that fails never leaves a partial file under the final name, and keeps the old one.
    void atomicWrite()
    {
        const QString hash = QStringLiteral("a70a1c");
        const QString cache = tmp(QStringLiteral("atomic-cache"));
        const QString target = ThumbnailCache::diskPath(cache, hash, 256);
        const QString folder = QFileInfo(target).path();

        // 1. The file cannot be made: a folder sits where it goes.
        QVERIFY(QDir().mkpath(target));
        auto blocked = ThumbnailCache::buildOnDisk(cache, hash, m_goodJpeg, 256, true);
        QVERIFY(!blocked);
        QCOMPARE(blocked.error().code, Error::Code::Io);
        QVERIFY(!blocked.error().message.isEmpty());
        QVERIFY(QFileInfo(target).isDir());
        QCOMPARE(filesIn(folder), QStringList());
        QVERIFY(QDir(target).removeRecursively());

        // 2. The disk "fills up" in the middle of the write (RLIMIT_FSIZE: write() fails with EFBIG).
        auto good = ThumbnailCache::buildOnDisk(cache, hash, m_goodJpeg, 256, true);
        REQUIRE_OK(good);
        QFile original(*good);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray before = original.readAll();
        original.close();
        QVERIFY(before.size() > 2048);

        rlimit saved{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 1024;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        auto failed = ThumbnailCache::buildOnDisk(cache, hash, corpus(QStringLiteral("photos/ianare/hdr_canon_hdr_YES.jpg")), 256, true);
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);

        QVERIFY(!failed);
        QCOMPARE(failed.error().code, Error::Code::Io);
        QFile after(target);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before); // the old thumbnail, intact
        QCOMPARE(filesIn(folder), QStringList{target}); // no temporary file left behind
    }

    // --- ThumbnailCache -------------------------------------------------------------------------

    void cacheSignals()
    {
        const QString cache = tmp(QStringLiteral("signal-cache"));
        ThumbnailCache thumbnails(cache);
        QSignalSpy ready(&thumbnails, &ThumbnailCache::thumbnailReady);
        QSignalSpy failed(&thumbnails, &ThumbnailCache::thumbnailFailed);

        const QStringList good = {corpus(QStringLiteral("photos/ianare/Nikon_D70.jpg")),
                                  corpus(QStringLiteral("photos/exiv2/Reagan.jpg")),
                                  corpus(QStringLiteral("photos/other-formats/webp/mei_Photo_2.webp"))};
        QSet<QString> goodHashes;
        for (const QString &file : good) {
            auto hash = FileProber::hashFile(file);
            REQUIRE_OK(hash);
            goodHashes.insert(*hash);
            QVERIFY(thumbnails.request(*hash, file, 256, 5).isNull());
        }
        auto brokenHash = FileProber::hashFile(m_brokenFile);
        REQUIRE_OK(brokenHash);
        QVERIFY(thumbnails.request(*brokenHash, m_brokenFile, 256, 5).isNull());
        QCOMPARE(thumbnails.pendingCount(), 4);
        // Asking again only updates the priority.
        QVERIFY(thumbnails.request(*brokenHash, m_brokenFile, 256, 50).isNull());
        QCOMPARE(thumbnails.pendingCount(), 4);

        QTRY_COMPARE_WITH_TIMEOUT(ready.count() + failed.count(), 4, 20000);
        QCOMPARE(ready.count(), 3);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.first().at(0).toString(), *brokenHash);
        QVERIFY(!failed.first().at(1).toString().isEmpty());
        QSet<QString> readyHashes;
        for (const auto &arguments : std::as_const(ready)) {
            readyHashes.insert(arguments.at(0).toString());
            QCOMPARE(arguments.at(1).toInt(), 256);
        }
        QCOMPARE(readyHashes, goodHashes);
        for (const QString &hash : goodHashes) {
            const QImage image = thumbnails.request(hash, QString(), 256, 0);
            QVERIFY(!image.isNull());
            QVERIFY(std::max(image.width(), image.height()) <= 256);
        }
        QCOMPARE(thumbnails.pendingCount(), 0);

        // The failure is remembered: not scheduled again.
        QVERIFY(thumbnails.hasFailed(*brokenHash));
        QCOMPARE(thumbnails.failureReason(*brokenHash), failed.first().at(1).toString());
        QVERIFY(thumbnails.request(*brokenHash, m_brokenFile, 256, 100).isNull());
        QVERIFY(thumbnails.request(*brokenHash, m_brokenFile, 512, 100).isNull());
        QCOMPARE(thumbnails.pendingCount(), 0);
        QVERIFY(!thumbnails.hasFailed(*goodHashes.cbegin()));

        // Sizes round up to the next thumbnail size.
        QVERIFY(!thumbnails.request(*goodHashes.cbegin(), QString(), 200, 0).isNull());
    }

    void previewBeforeFinal()
    {
        QVERIFY(ImageDecoder::embeddedPreview(m_goodJpeg).ok());
        auto hash = FileProber::hashFile(m_goodJpeg);
        REQUIRE_OK(hash);
        ThumbnailCache thumbnails(tmp(QStringLiteral("preview-cache")));
        QStringList events;
        bool previewServed = false;
        connect(&thumbnails, &ThumbnailCache::previewReady, this, [&](const QString &h, int size) {
            events.append(QStringLiteral("preview"));
            // Between the two signals request() returns the provisional image and keeps the load.
            const QImage provisional = thumbnails.request(h, m_goodJpeg, size, 1);
            previewServed = !provisional.isNull() && thumbnails.pendingCount() == 1;
        });
        connect(&thumbnails, &ThumbnailCache::thumbnailReady, this,
                [&](const QString &, int) { events.append(QStringLiteral("final")); });
        QSignalSpy ready(&thumbnails, &ThumbnailCache::thumbnailReady);
        QVERIFY(thumbnails.request(*hash, m_goodJpeg, 512, 1).isNull());
        QVERIFY(ready.wait(10000));
        QCOMPARE(events, (QStringList{QStringLiteral("preview"), QStringLiteral("final")}));
        QVERIFY(previewServed);
        const QImage final = thumbnails.request(*hash, m_goodJpeg, 512, 1);
        QCOMPARE(std::max(final.width(), final.height()), 512);
    }

    // One worker busy with a slow file; the rest queued: the highest priority goes first, the
    // latest among equals, and retainOnly drops what the view scrolled away from.
    void schedulingAndRetain()
    {
        const QString big = corpus(QStringLiteral("photos/mei/Kodak_PIXPRO_FZ201.jpg"));
        const QString small = corpus(QStringLiteral("photos/exiv2/Reagan.jpg"));
        ThumbnailCache thumbnails(tmp(QStringLiteral("schedule-cache")));
        thumbnails.setWorkerCount(1);
        QSignalSpy ready(&thumbnails, &ThumbnailCache::thumbnailReady);

        const QString slow = QStringLiteral("5104");
        thumbnails.request(slow, big, 1024, 100); // first whenever the worker starts
        const auto key = [](int i) { return QStringLiteral("aa%1").arg(i, 2, 10, QLatin1Char('0')); };
        for (int i = 0; i < 10; ++i)
            thumbnails.request(key(i), small, 256, i < 5 ? 1 : 2); // 5..9 are "visible"
        thumbnails.request(key(2), small, 256, 3);                  // scrolled back to row 2: first
        QCOMPARE(thumbnails.pendingCount(), 11);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 11, 30000);
        QStringList order;
        for (const auto &arguments : std::as_const(ready))
            order.append(arguments.at(0).toString());
        const QStringList expected = {slow, key(2), key(9), key(8), key(7), key(6), key(5),
                                      key(4), key(3), key(1), key(0)};
        QCOMPARE(order, expected);

        // retainOnly: the view scrolled far away; only rows 0 and 1 are still wanted.
        ready.clear();
        ThumbnailCache again(tmp(QStringLiteral("retain-cache")));
        again.setWorkerCount(1);
        QSignalSpy againReady(&again, &ThumbnailCache::thumbnailReady);
        again.request(slow, big, 1024, 9);
        for (int i = 0; i < 10; ++i)
            again.request(key(i), small, 256, 1);
        QCOMPARE(again.pendingCount(), 11);
        again.retainOnly({slow, key(0), key(1)});
        QCOMPARE(again.pendingCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(again.pendingCount(), 0, 30000);
        QCOMPARE(againReady.count(), 3);
        for (int i = 2; i < 10; ++i)
            QVERIFY(!QFileInfo::exists(ThumbnailCache::diskPath(tmp(QStringLiteral("retain-cache")), key(i), 256)));
        // Dropped requests are not failures: asking again schedules them.
        QVERIFY(again.request(key(5), small, 256, 1).isNull());
        QCOMPARE(again.pendingCount(), 1);
        QVERIFY(againReady.wait(10000));
    }

    void memoryBudget()
    {
        ThumbnailCache thumbnails(tmp(QStringLiteral("budget-cache")));
        // 256×192 RGB32 is 196,608 bytes: a budget of 300,000 holds one thumbnail, not two.
        thumbnails.setMemoryBudget(300'000);
        QSignalSpy ready(&thumbnails, &ThumbnailCache::thumbnailReady);
        const QString file = corpus(QStringLiteral("photos/ianare/gps_DSCN0010.jpg")); // 640×480
        thumbnails.request(QStringLiteral("bb01"), file, 256, 0);
        QVERIFY(ready.wait(10000));
        QVERIFY(!thumbnails.request(QStringLiteral("bb01"), file, 256, 0).isNull());
        thumbnails.request(QStringLiteral("bb02"), file, 256, 0);
        QVERIFY(ready.wait(10000));
        QVERIFY(!thumbnails.request(QStringLiteral("bb02"), file, 256, 0).isNull());
        // The first was evicted: asking for it schedules a (disk) load again.
        QVERIFY(thumbnails.request(QStringLiteral("bb01"), file, 256, 0).isNull());
        QCOMPARE(thumbnails.pendingCount(), 1);
        QVERIFY(ready.wait(10000));
    }

    void destroyWhileBusy()
    {
        // Queued work is dropped, running decodes are awaited; nothing is delivered afterwards.
        const QString small = corpus(QStringLiteral("photos/exiv2/Reagan.jpg"));
        QElapsedTimer timer;
        timer.start();
        {
            ThumbnailCache thumbnails(tmp(QStringLiteral("destroy-cache")));
            thumbnails.setWorkerCount(2);
            for (int i = 0; i < 200; ++i)
                thumbnails.request(QStringLiteral("cc%1").arg(i), small, 256, i);
        }
        QVERIFY(timer.elapsed() < 5000);
        QCoreApplication::processEvents();
        int made = 0;
        for (int i = 0; i < 200; ++i)
            made += QFileInfo::exists(ThumbnailCache::diskPath(tmp(QStringLiteral("destroy-cache")), QStringLiteral("cc%1").arg(i), 256));
        QVERIFY2(made < 20, qPrintable(QString::number(made)));
    }

    // --- ThumbnailBuilder -----------------------------------------------------------------------

    void builder()
    {
        const QString folder = tmp(QStringLiteral("builder"));
        QVERIFY(QDir().mkpath(folder));
        auto catalog = Catalog::open(CatalogUrl::sqlite(folder + QStringLiteral("/catalog.db")));
        REQUIRE_OK(catalog);
        FolderImporter importer(**catalog);
        ImportOptions options;
        options.path = corpus(QStringLiteral("photos/exiv2"));
        auto imported = importer.run(options);
        REQUIRE_OK(imported);
        QVERIFY(imported->added > 10);
        // One shot that breaks after the import: readable in the catalog, garbage on disk.
        const QString changing = folder + QStringLiteral("/changing.jpg");
        QVERIFY(QFile::copy(m_goodJpeg, changing));
        options.path = changing;
        REQUIRE_OK(importer.run(options));
        QVERIFY(QFile::remove(changing));
        QVERIFY(QFile::copy(m_brokenFile, changing));

        qint64 readable = 0;
        ShotRepository shots(**catalog);
        auto all = shots.page(0, 1000);
        REQUIRE_OK(all);
        for (const Shot &shot : std::as_const(*all))
            readable += shot.status == Shot::Status::Ok ? 1 : 0;

        const QString cache = folder + QStringLiteral("/cache");
        ThumbnailBuilder builder(**catalog);
        qint64 lastDone = -1, lastTotal = -1;
        builder.setProgressCallback([&](qint64 done, qint64 total) {
            QVERIFY(done >= lastDone);
            lastDone = done;
            lastTotal = total;
        });
        auto first = builder.run(cache, 256, false, 2);
        REQUIRE_OK(first);
        QCOMPARE(first->total, readable);
        QCOMPARE(first->built + first->failed, readable);
        QCOMPARE(first->cached, 0);
        QCOMPARE(first->failed, 1);
        QCOMPARE(first->failures.first().first, QFileInfo(changing).canonicalFilePath());
        QCOMPARE(first->failures.size(), first->failed);
        for (const auto &[path, reason] : std::as_const(first->failures))
            QVERIFY2(!reason.isEmpty(), qPrintable(path));
        QVERIFY(!first->cancelled);
        QCOMPARE(lastDone, qint64(all->size()));
        QCOMPARE(lastTotal, qint64(all->size()));
        for (const Shot &shot : std::as_const(*all)) {
            if (shot.status != Shot::Status::Ok)
                continue;
            const bool made = QFileInfo::exists(ThumbnailCache::diskPath(cache, shot.contentHash, 256))
                || QFileInfo::exists(ThumbnailCache::diskPath(cache, shot.contentHash, 256, true));
            QVERIFY2(made || std::any_of(first->failures.cbegin(), first->failures.cend(),
                                         [&](const auto &f) { return f.first == shot.path; }),
                     qPrintable(shot.path));
        }

        // A rerun keeps what is there; --force remakes it.
        ThumbnailBuilder rerun(**catalog);
        auto second = rerun.run(cache, 256, false, 1);
        REQUIRE_OK(second);
        QCOMPARE(second->cached, first->built);
        QCOMPARE(second->built, 0);
        ThumbnailBuilder forced(**catalog);
        auto third = forced.run(cache, 256, true, 0);
        REQUIRE_OK(third);
        QCOMPARE(third->built, first->built);

        // Cancelled from the progress callback (as the command line does from SIGINT).
        ThumbnailBuilder cancelled(**catalog);
        cancelled.setProgressCallback([&cancelled](qint64, qint64) { cancelled.cancel(); });
        auto stopped = cancelled.run(folder + QStringLiteral("/cache2"), 512, false, 1);
        REQUIRE_OK(stopped);
        QVERIFY(stopped->cancelled);
        QVERIFY(stopped->built < readable);

        ThumbnailBuilder bad(**catalog);
        auto badSize = bad.run(cache, 300, false);
        QVERIFY(!badSize);
        QCOMPARE(badSize.error().code, Error::Code::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestThumbnails)
#include "tst_thumbnails.moc"
