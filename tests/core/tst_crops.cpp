// Crops: the geometry (presets, orientation, quarter turns, aspect constraints, moves and resizes,
// straightening, the training-size warning), checked against the decoder's and the renderer's pixels
// where they must agree.
#include "imaging/cropgeometry.h"
#include "imaging/croprenderer.h"
#include "imaging/imagedecoder.h"
#include "imaging/saliency.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QRandomGenerator>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <functional>

#include <cmath>
#include <numbers>

using namespace stills;
using Handle = CropGeometry::Handle;

Q_DECLARE_METATYPE(Handle)

namespace {

bool fuzzyRect(const QRectF &a, const QRectF &b, double tolerance = 1e-6)
{
    return std::abs(a.x() - b.x()) <= tolerance && std::abs(a.y() - b.y()) <= tolerance
        && std::abs(a.width() - b.width()) <= tolerance && std::abs(a.height() - b.height()) <= tolerance;
}

QString describe(const QRectF &r)
{
    return QStringLiteral("(%1, %2 %3×%4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

#define COMPARE_RECT(actual, expected)                                                                            \
    QVERIFY2(fuzzyRect(actual, expected),                                                                         \
             qPrintable(QStringLiteral("got %1, expected %2").arg(describe(actual), describe(expected))))

bool inside(const QRectF &r, const QSizeF &bounds, double tolerance = 1e-9)
{
    return r.left() >= -tolerance && r.top() >= -tolerance && r.right() <= bounds.width() + tolerance
        && r.bottom() <= bounds.height() + tolerance;
}

// Four flat quadrants split at `split`: where each colour lands tells cuts, turns and flips apart.
QColor quadrantColour(const QPointF &p, const QPointF &split)
{
    if (p.y() < split.y())
        return p.x() < split.x() ? QColor(Qt::red) : QColor(Qt::green);
    return p.x() < split.x() ? QColor(Qt::blue) : QColor(Qt::yellow);
}

QImage quadrants(const QSize &size, const QPoint &split)
{
    QImage image(size, QImage::Format_RGB32);
    QPainter p(&image);
    p.fillRect(0, 0, split.x(), split.y(), Qt::red);
    p.fillRect(split.x(), 0, size.width() - split.x(), split.y(), Qt::green);
    p.fillRect(0, split.y(), split.x(), size.height() - split.y(), Qt::blue);
    p.fillRect(split.x(), split.y(), size.width() - split.x(), size.height() - split.y(), Qt::yellow);
    return image;
}

// Where the pixel at `out` (pixel centre) of a rendered crop comes from, in upright pixels, worked
// out backwards from the crop's parameters (independently of the renderer's code path).
QPointF sourceOf(const Crop &crop, const QSizeF &upright, const QSize &outSize, const QPointF &out)
{
    QPointF n(out.x() / outSize.width(), out.y() / outSize.height());
    for (int q = crop.rotation / 90; q > 0; --q)
        n = QPointF(n.y(), 1 - n.x()); // undo one clockwise quarter turn
    const QRectF cut = CropGeometry::straightened(CropGeometry::toPixels(crop.rect, upright), crop.straighten, upright);
    const QPointF p = cut.topLeft() + QPointF(n.x() * cut.width(), n.y() * cut.height());
    const QPointF c = cut.center();
    return QTransform().translate(c.x(), c.y()).rotate(-crop.straighten).translate(-c.x(), -c.y()).map(p);
}

int colourDistance(const QColor &a, const QColor &b)
{
    return std::max({std::abs(a.red() - b.red()), std::abs(a.green() - b.green()), std::abs(a.blue() - b.blue())});
}

// Compares every `step`-th pixel of `rendered` with the colour `truth` gives its source point,
// skipping points within `margin` source pixels of a colour edge (smooth sampling blends there).
// Returns how many points were compared; fails the test on the first mismatch.
int comparePixels(const QImage &rendered, const Crop &crop, const QSizeF &upright,
                  const std::function<QColor(const QPointF &)> &truth, int tolerance, int step = 3,
                  double margin = 2.5)
{
    int compared = 0;
    for (int y = 0; y < rendered.height(); y += step) {
        for (int x = 0; x < rendered.width(); x += step) {
            const QPointF source = sourceOf(crop, upright, rendered.size(), QPointF(x + 0.5, y + 0.5));
            const QColor expected = truth(source);
            bool clear = true;
            for (const QPointF &d : {QPointF(margin, 0), QPointF(-margin, 0), QPointF(0, margin), QPointF(0, -margin),
                                     QPointF(margin, margin), QPointF(-margin, -margin), QPointF(margin, -margin),
                                     QPointF(-margin, margin)})
                clear = clear && truth(source + d) == expected;
            if (!clear)
                continue;
            const QColor actual(rendered.pixel(x, y));
            if (colourDistance(actual, expected) > tolerance) {
                qWarning("pixel (%d, %d) from source (%.1f, %.1f) is %s, expected %s", x, y, source.x(), source.y(),
                         qPrintable(actual.name()), qPrintable(expected.name()));
                return -1;
            }
            ++compared;
        }
    }
    return compared;
}

// A JPEG of `image` whose EXIF says `orientation` (a minimal APP1: one IFD0 entry, 0x0112).
QByteArray jpegWithOrientation(const QImage &image, int orientation)
{
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(100);
    if (!writer.write(image))
        return {};
    QByteArray tiff("II*\0\x08\0\0\0", 8);
    tiff += QByteArray("\x01\0", 2);                                    // one entry
    tiff += QByteArray("\x12\x01\x03\0\x01\0\0\0", 8);              // Orientation, SHORT, count 1
    tiff += char(orientation);
    tiff += QByteArray(3, '\0');
    tiff += QByteArray(4, '\0'); // no next IFD
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xff\xe1", 2);
    const quint16 length = qToBigEndian<quint16>(quint16(payload.size() + 2));
    segment += QByteArray(reinterpret_cast<const char *>(&length), 2) + payload;
    return jpeg.left(2) + segment + jpeg.mid(2);
}

} // namespace

class TestCrops : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presets_data();
    void presets();
    void presetList();
    void ratios_data();
    void ratios();
    void orientation_data();
    void orientation();
    void orientationPixels_data();
    void orientationPixels();
    void rawPixels_data();
    void rawPixels();
    void turned_data();
    void turned();
    void turnedPixels_data();
    void turnedPixels();
    void constrained_data();
    void constrained();
    void moved_data();
    void moved();
    void resized_data();
    void resized();
    void straightened_data();
    void straightened();
    void resolutionWarning_data();
    void resolutionWarning();

    // CropRenderer, pixel by pixel.
    void render_data();
    void render();
    void straightenDirection_data();
    void straightenDirection();
    void renderOrientation_data();
    void renderOrientation();

    // Saliency: the suggested crop.
    void suggest_data();
    void suggest();
    void suggestNothingStandsOut();
    void saliencyMap();
    void suggestRealPhotos_data();
    void suggestRealPhotos();
};

void TestCrops::presets_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expectedKey");
    QTest::addColumn<double>("ratio");
    QTest::addColumn<QSize>("target");
    QTest::addColumn<QString>("name");

    QTest::newRow("free") << "free" << "free" << 0.0 << QSize() << "Free";
    QTest::newRow("original") << "original" << "original" << 0.0 << QSize() << "Original";
    QTest::newRow("1:1") << "1:1" << "1:1" << 1.0 << QSize() << "1:1";
    QTest::newRow("4:3") << "4:3" << "4:3" << 4.0 / 3 << QSize() << "4:3";
    QTest::newRow("3:2") << "3:2" << "3:2" << 1.5 << QSize() << "3:2";
    QTest::newRow("16:9") << "16:9" << "16:9" << 16.0 / 9 << QSize() << "16:9";
    QTest::newRow("2.39:1") << "2.39:1" << "2.39:1" << 2.39 << QSize() << "2.39:1";
    QTest::newRow("9:16") << "9:16" << "9:16" << 9.0 / 16 << QSize() << "9:16";
    QTest::newRow("512x512") << "512x512" << "512x512" << 1.0 << QSize(512, 512) << "512 × 512 (training)";
    QTest::newRow("768x1024") << "768x1024" << "768x1024" << 0.75 << QSize(768, 1024) << "768 × 1024 (training)";
    QTest::newRow("1024x1024") << "1024x1024" << "1024x1024" << 1.0 << QSize(1024, 1024) << "1024 × 1024 (training)";
    // Keys not in the list but meaningful (imports, older crops).
    QTest::newRow("5:4") << "5:4" << "5:4" << 1.25 << QSize() << "5:4";
    QTest::newRow("1.85:1") << "1.85:1" << "1.85:1" << 1.85 << QSize() << "1.85:1";
    QTest::newRow("640x480") << "640x480" << "640x480" << 640.0 / 480 << QSize(640, 480) << "640 × 480 (training)";
    QTest::newRow("640 X 480") << " 640 X 480" << "640x480" << 640.0 / 480 << QSize(640, 480) << "640 × 480 (training)";
    // Nonsense falls back to free, never to a division by zero.
    QTest::newRow("0:1") << "0:1" << "free" << 0.0 << QSize() << "Free";
    QTest::newRow("4:0") << "4:0" << "free" << 0.0 << QSize() << "Free";
    QTest::newRow("0x512") << "0x512" << "free" << 0.0 << QSize() << "Free";
    QTest::newRow("empty") << "" << "free" << 0.0 << QSize() << "Free";
    QTest::newRow("words") << "square-ish" << "free" << 0.0 << QSize() << "Free";
}

void TestCrops::presets()
{
    QFETCH(QString, key);
    QFETCH(QString, expectedKey);
    QFETCH(double, ratio);
    QFETCH(QSize, target);
    QFETCH(QString, name);
    const AspectPreset p = CropGeometry::preset(key);
    QCOMPARE(p.key, expectedKey);
    QVERIFY2(std::abs(p.ratio - ratio) < 1e-9, qPrintable(QString::number(p.ratio)));
    QCOMPARE(p.target, target);
    QCOMPARE(p.isTrainingSize(), !target.isEmpty());
    QCOMPARE(CropGeometry::displayName(p), name);
}

void TestCrops::presetList()
{
    QStringList keys;
    for (const AspectPreset &p : CropGeometry::presets())
        keys << p.key;
    QCOMPARE(keys, QStringList({QStringLiteral("free"), QStringLiteral("original"), QStringLiteral("1:1"),
                                QStringLiteral("4:3"), QStringLiteral("3:2"), QStringLiteral("16:9"),
                                QStringLiteral("2.39:1"), QStringLiteral("9:16"), QStringLiteral("512x512"),
                                QStringLiteral("768x1024"), QStringLiteral("1024x1024")}));
}

void TestCrops::ratios_data()
{
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QSizeF>("upright");
    QTest::addColumn<int>("rotation");
    QTest::addColumn<double>("ratio");        // of the rendered crop
    QTest::addColumn<double>("uprightRatio"); // of its rectangle on the upright image

    QTest::newRow("free") << "free" << QSizeF(4000, 3000) << 0 << 0.0 << 0.0;
    QTest::newRow("free turned") << "free" << QSizeF(4000, 3000) << 90 << 0.0 << 0.0;
    QTest::newRow("original landscape") << "original" << QSizeF(4000, 3000) << 0 << 4.0 / 3 << 4.0 / 3;
    QTest::newRow("original portrait") << "original" << QSizeF(3000, 4000) << 0 << 0.75 << 0.75;
    QTest::newRow("original turned") << "original" << QSizeF(4000, 3000) << 90 << 4.0 / 3 << 0.75;
    QTest::newRow("original empty") << "original" << QSizeF() << 0 << 0.0 << 0.0;
    QTest::newRow("16:9") << "16:9" << QSizeF(4000, 3000) << 0 << 16.0 / 9 << 16.0 / 9;
    QTest::newRow("16:9 at 90") << "16:9" << QSizeF(4000, 3000) << 90 << 16.0 / 9 << 9.0 / 16;
    QTest::newRow("16:9 at 180") << "16:9" << QSizeF(4000, 3000) << 180 << 16.0 / 9 << 16.0 / 9;
    QTest::newRow("16:9 at 270") << "16:9" << QSizeF(4000, 3000) << 270 << 16.0 / 9 << 9.0 / 16;
    QTest::newRow("768x1024 at 90") << "768x1024" << QSizeF(4000, 3000) << 90 << 0.75 << 4.0 / 3;
}

void TestCrops::ratios()
{
    QFETCH(QString, aspect);
    QFETCH(QSizeF, upright);
    QFETCH(int, rotation);
    QFETCH(double, ratio);
    QFETCH(double, uprightRatio);
    QVERIFY(std::abs(CropGeometry::ratio(aspect, upright) - ratio) < 1e-9);
    Crop crop;
    crop.aspect = aspect;
    crop.rotation = rotation;
    QVERIFY(std::abs(CropGeometry::uprightRatio(crop, upright) - uprightRatio) < 1e-9);
}

void TestCrops::orientation_data()
{
    QTest::addColumn<int>("orientation");
    QTest::addColumn<QSize>("uprightSize"); // of a 400 × 200 raw image
    QTest::addColumn<QRectF>("raw");        // normalised
    QTest::addColumn<QRectF>("upright");    // normalised

    const QRectF raw(0.1, 0.2, 0.3, 0.4); // left 0.1..0.4, top 0.2..0.6
    QTest::newRow("1 as stored") << 1 << QSize(400, 200) << raw << QRectF(0.1, 0.2, 0.3, 0.4);
    QTest::newRow("2 mirrored") << 2 << QSize(400, 200) << raw << QRectF(0.6, 0.2, 0.3, 0.4);
    QTest::newRow("3 turned 180") << 3 << QSize(400, 200) << raw << QRectF(0.6, 0.4, 0.3, 0.4);
    QTest::newRow("4 flipped") << 4 << QSize(400, 200) << raw << QRectF(0.1, 0.4, 0.3, 0.4);
    QTest::newRow("5 transposed") << 5 << QSize(200, 400) << raw << QRectF(0.2, 0.1, 0.4, 0.3);
    QTest::newRow("6 turned cw") << 6 << QSize(200, 400) << raw << QRectF(0.4, 0.1, 0.4, 0.3);
    QTest::newRow("7 transversed") << 7 << QSize(200, 400) << raw << QRectF(0.4, 0.6, 0.4, 0.3);
    QTest::newRow("8 turned ccw") << 8 << QSize(200, 400) << raw << QRectF(0.2, 0.6, 0.4, 0.3);
    QTest::newRow("0 means as stored") << 0 << QSize(400, 200) << raw << raw;
    QTest::newRow("9 means as stored") << 9 << QSize(400, 200) << raw << raw;
}

void TestCrops::orientation()
{
    QFETCH(int, orientation);
    QFETCH(QSize, uprightSize);
    QFETCH(QRectF, raw);
    QFETCH(QRectF, upright);
    QCOMPARE(CropGeometry::uprightSize(QSize(400, 200), orientation), uprightSize);
    COMPARE_RECT(CropGeometry::rawToUpright(raw, orientation), upright);
    COMPARE_RECT(CropGeometry::uprightToRaw(upright, orientation), raw);
}

void TestCrops::orientationPixels_data()
{
    QTest::addColumn<int>("orientation");
    for (int o = 1; o <= 8; ++o)
        QTest::newRow(qPrintable(QStringLiteral("orientation %1").arg(o))) << o;
}

void TestCrops::orientationPixels()
{
    // A red block in a raw image: the decoder's upright pixels must have it where the maths says.
    QFETCH(int, orientation);
    QImage raw(60, 30, QImage::Format_RGB32);
    raw.fill(Qt::black);
    const QRect block(6, 3, 12, 9);
    QPainter(&raw).fillRect(block, Qt::red);
    const QImage upright = ImageDecoder::applyOrientation(raw, orientation);
    QCOMPARE(upright.size(), CropGeometry::uprightSize(raw.size(), orientation));
    const QRect predicted = CropGeometry::toPixels(
        CropGeometry::rawToUpright(CropGeometry::toNormalised(block, raw.size()), orientation), upright.size())
                                .toRect();
    int red = 0;
    for (int y = 0; y < upright.height(); ++y) {
        for (int x = 0; x < upright.width(); ++x) {
            const bool isRed = QColor(upright.pixel(x, y)) == QColor(Qt::red);
            QCOMPARE(isRed, predicted.contains(x, y));
            red += isRed;
        }
    }
    QCOMPARE(red, block.width() * block.height());
    // And back: the crop drawn on the upright image covers exactly the block's stored pixels.
    QCOMPARE(CropGeometry::rawPixels(CropGeometry::toNormalised(predicted, upright.size()), raw.size(), orientation),
             block);
}

void TestCrops::rawPixels_data()
{
    QTest::addColumn<QRectF>("upright");
    QTest::addColumn<QSize>("rawSize");
    QTest::addColumn<int>("orientation");
    QTest::addColumn<QRect>("expected");

    QTest::newRow("whole") << QRectF(0, 0, 1, 1) << QSize(4000, 3000) << 1 << QRect(0, 0, 4000, 3000);
    QTest::newRow("whole turned") << QRectF(0, 0, 1, 1) << QSize(4000, 3000) << 6 << QRect(0, 0, 4000, 3000);
    QTest::newRow("left half upright, turned cw") // the upright left half is the raw bottom half
        << QRectF(0, 0, 0.5, 1) << QSize(4000, 3000) << 6 << QRect(0, 1500, 4000, 1500);
    QTest::newRow("left half upright, turned ccw") // ... and the raw top half
        << QRectF(0, 0, 0.5, 1) << QSize(4000, 3000) << 8 << QRect(0, 0, 4000, 1500);
    QTest::newRow("rounded edges") << QRectF(0.10001, 0.2, 0.3, 0.29999) << QSize(1000, 100) << 1
                                   << QRect(100, 20, 300, 30);
}

void TestCrops::rawPixels()
{
    QFETCH(QRectF, upright);
    QFETCH(QSize, rawSize);
    QFETCH(int, orientation);
    QFETCH(QRect, expected);
    QCOMPARE(CropGeometry::rawPixels(upright, rawSize, orientation), expected);
}

void TestCrops::turned_data()
{
    QTest::addColumn<QRectF>("rect");
    QTest::addColumn<int>("quarterTurns");
    QTest::addColumn<QRectF>("expected");

    const QRectF r(0.1, 0.2, 0.3, 0.4);
    QTest::newRow("0") << r << 0 << r;
    QTest::newRow("90") << r << 1 << QRectF(0.4, 0.1, 0.4, 0.3);
    QTest::newRow("180") << r << 2 << QRectF(0.6, 0.4, 0.3, 0.4);
    QTest::newRow("270") << r << 3 << QRectF(0.2, 0.6, 0.4, 0.3);
    QTest::newRow("-90 is 270") << r << -1 << QRectF(0.2, 0.6, 0.4, 0.3);
    QTest::newRow("360 is 0") << r << 4 << r;
    QTest::newRow("whole") << QRectF(0, 0, 1, 1) << 1 << QRectF(0, 0, 1, 1);
}

void TestCrops::turned()
{
    QFETCH(QRectF, rect);
    QFETCH(int, quarterTurns);
    QFETCH(QRectF, expected);
    COMPARE_RECT(CropGeometry::turned(rect, quarterTurns), expected);
    COMPARE_RECT(CropGeometry::turned(expected, -quarterTurns), rect); // and back
    const QSizeF size(300, 200);
    QCOMPARE(CropGeometry::turned(size, quarterTurns), quarterTurns % 2 ? size.transposed() : size);
}

void TestCrops::turnedPixels_data()
{
    QTest::addColumn<int>("quarterTurns");
    for (int q = 0; q < 4; ++q)
        QTest::newRow(qPrintable(QStringLiteral("%1°").arg(q * 90))) << q;
}

void TestCrops::turnedPixels()
{
    // The region found where turned() says after turning the image as the renderer turns it.
    QFETCH(int, quarterTurns);
    QImage image(50, 20, QImage::Format_RGB32);
    image.fill(Qt::black);
    const QRect block(5, 2, 10, 8);
    QPainter(&image).fillRect(block, Qt::green);
    const QImage turnedImage = image.transformed(QTransform().rotate(90.0 * quarterTurns));
    const QRect predicted = CropGeometry::toPixels(CropGeometry::turned(CropGeometry::toNormalised(block, image.size()),
                                                                        quarterTurns),
                                                   turnedImage.size())
                                .toRect();
    QCOMPARE(predicted.size(), quarterTurns % 2 ? block.size().transposed() : block.size());
    for (int y = 0; y < turnedImage.height(); ++y)
        for (int x = 0; x < turnedImage.width(); ++x)
            QCOMPARE(QColor(turnedImage.pixel(x, y)) == QColor(Qt::green), predicted.contains(x, y));
}

void TestCrops::constrained_data()
{
    QTest::addColumn<QRectF>("rect");
    QTest::addColumn<double>("ratio");
    QTest::addColumn<QSizeF>("bounds");
    QTest::addColumn<QRectF>("expected");

    const QSizeF b(1000, 500);
    QTest::newRow("free leaves it") << QRectF(100, 100, 300, 200) << 0.0 << b << QRectF(100, 100, 300, 200);
    QTest::newRow("free clamps it") << QRectF(900, -50, 300, 200) << 0.0 << b << QRectF(700, 0, 300, 200);
    // Area 200 × 200 kept, centre (300, 250) kept.
    QTest::newRow("square to 4:1") << QRectF(200, 150, 200, 200) << 4.0 << b << QRectF(100, 200, 400, 100);
    QTest::newRow("square to 1:4") << QRectF(200, 150, 200, 200) << 0.25 << b << QRectF(250, 50, 100, 400);
    QTest::newRow("already 1:1") << QRectF(200, 150, 200, 200) << 1.0 << b << QRectF(200, 150, 200, 200);
    // Too tall for the image at the same area: shrunk to the image's height, centre kept.
    QTest::newRow("shrunk to fit") << QRectF(400, 0, 200, 500) << 0.1 << b << QRectF(475, 0, 50, 500);
    // Near the edge: same size, moved inside.
    QTest::newRow("moved inside") << QRectF(900, 0, 100, 100) << 4.0 << b << QRectF(800, 25, 200, 50);
    QTest::newRow("whole image to 1:1") << QRectF(0, 0, 1000, 500) << 1.0 << b << QRectF(250, 0, 500, 500);
    QTest::newRow("empty gives the largest") << QRectF() << 16.0 / 9 << b << QRectF(55.5555555556, 0, 888.888888889, 500);
    QTest::newRow("normalised bounds") << QRectF(0.25, 0.25, 0.5, 0.5) << 2.0 << QSizeF(1, 1)
                                       << QRectF(0.5 - 0.3535533906, 0.5 - 0.1767766953, 0.7071067812, 0.3535533906);
}

void TestCrops::constrained()
{
    QFETCH(QRectF, rect);
    QFETCH(double, ratio);
    QFETCH(QSizeF, bounds);
    QFETCH(QRectF, expected);
    const QRectF out = CropGeometry::constrained(rect, ratio, bounds);
    COMPARE_RECT(out, expected);
    QVERIFY(inside(out, bounds));
    if (ratio > 0)
        QVERIFY(std::abs(out.width() / out.height() - ratio) < 1e-9);
}

void TestCrops::moved_data()
{
    QTest::addColumn<QRectF>("rect");
    QTest::addColumn<QPointF>("delta");
    QTest::addColumn<QRectF>("expected");

    const QRectF r(100, 100, 200, 100);
    QTest::newRow("inside") << r << QPointF(50, -20) << QRectF(150, 80, 200, 100);
    QTest::newRow("stops left") << r << QPointF(-500, 0) << QRectF(0, 100, 200, 100);
    QTest::newRow("stops right") << r << QPointF(5000, 0) << QRectF(800, 100, 200, 100);
    QTest::newRow("stops top") << r << QPointF(10, -300) << QRectF(110, 0, 200, 100);
    QTest::newRow("stops bottom-right corner") << r << QPointF(5000, 5000) << QRectF(800, 400, 200, 100);
    QTest::newRow("larger than the image") << QRectF(0, 0, 2000, 100) << QPointF(10, 10) << QRectF(0, 10, 1000, 100);
}

void TestCrops::moved()
{
    QFETCH(QRectF, rect);
    QFETCH(QPointF, delta);
    QFETCH(QRectF, expected);
    COMPARE_RECT(CropGeometry::moved(rect, delta, QSizeF(1000, 500)), expected);
}

void TestCrops::resized_data()
{
    QTest::addColumn<QRectF>("rect");
    QTest::addColumn<Handle>("handle");
    QTest::addColumn<QPointF>("to");
    QTest::addColumn<double>("ratio");
    QTest::addColumn<QRectF>("expected");

    // Bounds 1000 × 500, minimum edge 20.
    const QRectF r(100, 100, 200, 100); // right 300, bottom 200
    QTest::newRow("free right") << r << Handle::Right << QPointF(400, 999) << 0.0 << QRectF(100, 100, 300, 100);
    QTest::newRow("free left") << r << Handle::Left << QPointF(50, 0) << 0.0 << QRectF(50, 100, 250, 100);
    QTest::newRow("free top") << r << Handle::Top << QPointF(0, 40) << 0.0 << QRectF(100, 40, 200, 160);
    QTest::newRow("free bottom") << r << Handle::Bottom << QPointF(0, 250) << 0.0 << QRectF(100, 100, 200, 150);
    QTest::newRow("free corner") << r << Handle::BottomRight << QPointF(500, 300) << 0.0 << QRectF(100, 100, 400, 200);
    QTest::newRow("free top-left") << r << Handle::TopLeft << QPointF(0, 0) << 0.0 << QRectF(0, 0, 300, 200);
    QTest::newRow("free past the edge") << r << Handle::BottomRight << QPointF(5000, 5000) << 0.0
                                        << QRectF(100, 100, 900, 400);
    QTest::newRow("free past the opposite edge") << r << Handle::Right << QPointF(0, 0) << 0.0
                                                 << QRectF(100, 100, 20, 100);
    QTest::newRow("free top past the bottom") << r << Handle::Top << QPointF(0, 400) << 0.0
                                              << QRectF(100, 180, 200, 20);
    QTest::newRow("move handle leaves it") << r << Handle::Move << QPointF(0, 400) << 0.0 << r;

    // 2:1 keeps its shape.
    QTest::newRow("2:1 corner, x pulls more") << r << Handle::BottomRight << QPointF(500, 220) << 2.0
                                              << QRectF(100, 100, 400, 200);
    QTest::newRow("2:1 corner, y pulls more") << r << Handle::BottomRight << QPointF(310, 300) << 2.0
                                              << QRectF(100, 100, 400, 200);
    QTest::newRow("2:1 corner stops at the bottom") << r << Handle::BottomRight << QPointF(2000, 2000) << 2.0
                                                    << QRectF(100, 100, 800, 400);
    QTest::newRow("2:1 top-left corner stops at the top") << r << Handle::TopLeft << QPointF(-500, -500) << 2.0
                                                          << QRectF(0, 50, 300, 150);
    QTest::newRow("2:1 corner shrinks to the minimum") << r << Handle::BottomRight << QPointF(0, 0) << 2.0
                                                       << QRectF(100, 100, 40, 20);
    QTest::newRow("2:1 right edge, height centred") << r << Handle::Right << QPointF(500, 0) << 2.0
                                                     << QRectF(100, 50, 400, 200);
    QTest::newRow("2:1 left edge") << r << Handle::Left << QPointF(0, 0) << 2.0 << QRectF(0, 75, 300, 150);
    QTest::newRow("2:1 bottom edge, width centred") << r << Handle::Bottom << QPointF(0, 300) << 2.0
                                                     << QRectF(0, 100, 400, 200);
    QTest::newRow("2:1 top edge") << r << Handle::Top << QPointF(0, 50) << 2.0 << QRectF(50, 50, 300, 150);
    // The height about the centre would cross the top: moved down inside the image.
    QTest::newRow("2:1 right edge near the top") << QRectF(100, 0, 100, 50) << Handle::Right << QPointF(700, 0) << 2.0
                                                 << QRectF(100, 0, 600, 300);
    QTest::newRow("2:1 right edge limited by the height") << r << Handle::Right << QPointF(5000, 0) << 2.0
                                                          << QRectF(100, 0, 900, 450);
    QTest::newRow("1:2 bottom edge limited by the width") << QRectF(400, 0, 100, 200) << Handle::Bottom
                                                          << QPointF(0, 5000) << 0.5 << QRectF(325, 0, 250, 500);
}

void TestCrops::resized()
{
    QFETCH(QRectF, rect);
    QFETCH(Handle, handle);
    QFETCH(QPointF, to);
    QFETCH(double, ratio);
    QFETCH(QRectF, expected);
    const QSizeF bounds(1000, 500);
    const QRectF out = CropGeometry::resized(rect, handle, to, ratio, bounds, 20);
    COMPARE_RECT(out, expected);
    QVERIFY(inside(out, bounds));
    QVERIFY(out.width() >= 20 - 1e-9 && out.height() >= 20 - 1e-9);
    if (ratio > 0)
        QVERIFY(std::abs(out.width() / out.height() - ratio) < 1e-9);
}

void TestCrops::straightened_data()
{
    QTest::addColumn<QRectF>("rect");
    QTest::addColumn<double>("degrees");
    QTest::addColumn<QSizeF>("bounds");
    QTest::addColumn<double>("scale"); // expected; < 0: only check the properties

    const QSizeF square(100, 100);
    QTest::newRow("0° leaves it") << QRectF(0, 0, 100, 100) << 0.0 << square << 1.0;
    // The whole square turned 45°: half-diagonal a·√2 must fit in 50 − ½ margin.
    QTest::newRow("whole square 45°") << QRectF(0, 0, 100, 100) << 45.0 << square << 49.5 / (50 * std::sqrt(2.0));
    QTest::newRow("whole square -45°") << QRectF(0, 0, 100, 100) << -45.0 << square << 49.5 / (50 * std::sqrt(2.0));
    QTest::newRow("whole square 10°") << QRectF(0, 0, 100, 100) << 10.0 << square
                                      << 49.5 / (50 * (std::cos(std::numbers::pi / 18) + std::sin(std::numbers::pi / 18)));
    // A small crop in the middle has room to turn: unchanged.
    QTest::newRow("small centred crop") << QRectF(40, 40, 20, 20) << 30.0 << square << 1.0;
    QTest::newRow("wide crop 5°") << QRectF(0, 300, 4000, 1000) << 5.0 << QSizeF(4000, 3000) << -1.0;
    QTest::newRow("off-centre crop -12°") << QRectF(2500, 100, 1400, 900) << -12.0 << QSizeF(4000, 3000) << -1.0;
    QTest::newRow("portrait crop 44°") << QRectF(100, 100, 600, 1800) << 44.0 << QSizeF(2000, 3000) << -1.0;
}

void TestCrops::straightened()
{
    QFETCH(QRectF, rect);
    QFETCH(double, degrees);
    QFETCH(QSizeF, bounds);
    QFETCH(double, scale);
    const QRectF out = CropGeometry::straightened(rect, degrees, bounds);
    // Same centre, same aspect, never larger.
    QVERIFY(std::abs(out.center().x() - rect.center().x()) < 1e-9);
    QVERIFY(std::abs(out.center().y() - rect.center().y()) < 1e-9);
    const double k = out.width() / rect.width();
    QVERIFY(std::abs(out.height() / rect.height() - k) < 1e-9);
    QVERIFY(k <= 1 + 1e-12);
    if (scale >= 0)
        QVERIFY2(std::abs(k - scale) < 1e-9, qPrintable(QStringLiteral("scale %1, expected %2").arg(k).arg(scale)));
    // Every corner shows a source point inside the image; when shrunk, one touches the margin.
    const QTransform back = QTransform()
                                .translate(out.center().x(), out.center().y())
                                .rotate(-degrees)
                                .translate(-out.center().x(), -out.center().y());
    double slack = 1e9;
    for (const QPointF &corner : {out.topLeft(), out.topRight(), out.bottomLeft(), out.bottomRight()}) {
        const QPointF source = back.map(corner);
        QVERIFY2(inside(QRectF(source, QSizeF(0, 0)), bounds, 1e-6),
                 qPrintable(QStringLiteral("corner shows (%1, %2)").arg(source.x()).arg(source.y())));
        slack = std::min({slack, source.x(), source.y(), bounds.width() - source.x(), bounds.height() - source.y()});
    }
    if (k < 1 - 1e-9)
        QVERIFY2(std::abs(slack - 0.5) < 1e-6, qPrintable(QString::number(slack)));
}

void TestCrops::resolutionWarning_data()
{
    QTest::addColumn<QString>("aspect");
    QTest::addColumn<QRectF>("rect"); // normalised, on a 2000 × 1000 upright image
    QTest::addColumn<int>("rotation");
    QTest::addColumn<double>("straighten");
    QTest::addColumn<QString>("warning");

    const QString none;
    QTest::newRow("free never warns") << "free" << QRectF(0, 0, 0.01, 0.01) << 0 << 0.0 << none;
    QTest::newRow("1:1 never warns") << "1:1" << QRectF(0, 0, 0.01, 0.02) << 0 << 0.0 << none;
    QTest::newRow("512 exactly") << "512x512" << QRectF(0, 0, 0.256, 0.512) << 0 << 0.0 << none;
    QTest::newRow("512 short") << "512x512" << QRectF(0, 0, 0.2, 0.4) << 0 << 0.0
                               << "The crop has 400 × 400 pixels of the original, fewer than the 512 × 512 training "
                                  "size: it would be upscaled.";
    QTest::newRow("1024 from the whole height") << "1024x1024" << QRectF(0, 0, 0.5, 1) << 0 << 0.0
                                                << "The crop has 1000 × 1000 pixels of the original, fewer than the "
                                                   "1024 × 1024 training size: it would be upscaled.";
    // 768 × 1024 turned: the upright rectangle is 1024 wide, 768 high, the output 768 × 1024.
    QTest::newRow("768x1024 turned, enough") << "768x1024" << QRectF(0, 0, 0.512, 0.768) << 90 << 0.0 << none;
    QTest::newRow("768x1024 turned, short") << "768x1024" << QRectF(0, 0, 0.384, 0.512) << 270 << 0.0
                                            << "The crop has 512 × 768 pixels of the original, fewer than the 768 × "
                                               "1024 training size: it would be upscaled.";
    // Straightening shrinks the cut: enough at 0°, too little at 20°.
    QTest::newRow("512 straightened") << "512x512" << QRectF(0, 0.2, 0.3, 0.6) << 0 << 20.0
                                      << "The crop has 467 × 467 pixels of the original, fewer than the 512 × 512 "
                                         "training size: it would be upscaled.";
    QTest::newRow("512 not straightened") << "512x512" << QRectF(0, 0.2, 0.3, 0.6) << 0 << 0.0 << none;
}

void TestCrops::resolutionWarning()
{
    QFETCH(QString, aspect);
    QFETCH(QRectF, rect);
    QFETCH(int, rotation);
    QFETCH(double, straighten);
    QFETCH(QString, warning);
    Crop crop;
    crop.name = QStringLiteral("c");
    crop.aspect = aspect;
    crop.rect = rect;
    crop.rotation = rotation;
    crop.straighten = straighten;
    QCOMPARE(CropGeometry::resolutionWarning(crop, QSize(2000, 1000)), warning);
}

void TestCrops::render_data()
{
    QTest::addColumn<QRectF>("rect");
    QTest::addColumn<int>("rotation");
    QTest::addColumn<double>("straighten");
    QTest::addColumn<QSize>("size"); // expected output size; empty: only the pixels are checked

    // On a 400 × 300 image split at (160, 120).
    QTest::newRow("whole") << QRectF(0, 0, 1, 1) << 0 << 0.0 << QSize(400, 300);
    QTest::newRow("cut") << QRectF(0.25, 0.2, 0.5, 0.6) << 0 << 0.0 << QSize(200, 180);
    QTest::newRow("cut 90") << QRectF(0.25, 0.2, 0.5, 0.6) << 90 << 0.0 << QSize(180, 200);
    QTest::newRow("cut 180") << QRectF(0.25, 0.2, 0.5, 0.6) << 180 << 0.0 << QSize(200, 180);
    QTest::newRow("cut 270") << QRectF(0.25, 0.2, 0.5, 0.6) << 270 << 0.0 << QSize(180, 200);
    QTest::newRow("whole straightened 30") << QRectF(0, 0, 1, 1) << 0 << 30.0 << QSize();
    QTest::newRow("whole straightened -30") << QRectF(0, 0, 1, 1) << 0 << -30.0 << QSize();
    QTest::newRow("whole straightened 45") << QRectF(0, 0, 1, 1) << 0 << 45.0 << QSize();
    // A small crop in the middle has room: turned without shrinking.
    QTest::newRow("small straightened 20") << QRectF(0.3, 0.3, 0.2, 0.2) << 0 << 20.0 << QSize(80, 60);
    QTest::newRow("off-centre -7") << QRectF(0.05, 0.5, 0.6, 0.45) << 0 << -7.0 << QSize();
    QTest::newRow("straightened 12 and turned 90") << QRectF(0.1, 0.1, 0.7, 0.6) << 90 << 12.0 << QSize();
    QTest::newRow("straightened -40 and turned 270") << QRectF(0.2, 0.1, 0.5, 0.8) << 270 << -40.0 << QSize();
}

void TestCrops::render()
{
    QFETCH(QRectF, rect);
    QFETCH(int, rotation);
    QFETCH(double, straighten);
    QFETCH(QSize, size);
    const QPoint split(160, 120);
    const QImage image = quadrants(QSize(400, 300), split);
    Crop crop;
    crop.name = QStringLiteral("test");
    crop.rect = rect;
    crop.rotation = rotation;
    crop.straighten = straighten;
    auto out = CropRenderer::apply(image, crop);
    QVERIFY(out.ok());
    if (size.isValid())
        QCOMPARE(out->size(), size);
    const QSizeF expectedSize = CropGeometry::outputSize(crop, image.size());
    QVERIFY(std::abs(out->width() - expectedSize.width()) <= 1 && std::abs(out->height() - expectedSize.height()) <= 1);
    const auto truth = [split](const QPointF &p) { return quadrantColour(p, split); };
    const int compared = comparePixels(*out, crop, image.size(), truth, straighten == 0 ? 0 : 8);
    QVERIFY(compared > 0);
    QVERIFY2(compared > (out->width() / 3) * (out->height() / 3) / 2, qPrintable(QString::number(compared)));
    // No empty corners: every corner pixel shows the image, never the black background.
    for (const QPoint &corner : {QPoint(0, 0), QPoint(out->width() - 1, 0), QPoint(0, out->height() - 1),
                                 QPoint(out->width() - 1, out->height() - 1)}) {
        const QColor c(out->pixel(corner));
        QVERIFY2(std::max({c.red(), c.green(), c.blue()}) > 200, qPrintable(c.name()));
    }
}

void TestCrops::straightenDirection_data()
{
    QTest::addColumn<double>("degrees");
    QTest::addColumn<QColor>("top");    // the colour at the top centre of the output
    QTest::addColumn<QColor>("right");  // at the right centre
    QTest::newRow("clockwise") << 30.0 << QColor(Qt::red) << QColor(Qt::green);
    QTest::newRow("anticlockwise") << -30.0 << QColor(Qt::green) << QColor(Qt::yellow);
}

void TestCrops::straightenDirection()
{
    // Quadrants split at the centre: turning the image clockwise brings the top-left quadrant to the
    // top centre and the top-right one to the right centre.
    QFETCH(double, degrees);
    QFETCH(QColor, top);
    QFETCH(QColor, right);
    const QImage image = quadrants(QSize(300, 300), QPoint(150, 150));
    Crop crop;
    crop.name = QStringLiteral("level");
    crop.rect = QRectF(0, 0, 1, 1);
    crop.straighten = degrees;
    auto out = CropRenderer::apply(image, crop);
    QVERIFY(out.ok());
    QVERIFY(out->width() < 300 && out->width() == out->height());
    QCOMPARE(QColor(out->pixel(out->width() / 2, 3)), top);
    QCOMPARE(QColor(out->pixel(out->width() - 4, out->height() / 2)), right);
}

void TestCrops::renderOrientation_data()
{
    QTest::addColumn<int>("orientation");
    QTest::addColumn<int>("rotation");
    QTest::addColumn<double>("straighten");
    for (int o = 1; o <= 8; ++o)
        QTest::newRow(qPrintable(QStringLiteral("orientation %1").arg(o))) << o << 0 << 0.0;
    QTest::newRow("orientation 6, turned 90") << 6 << 90 << 0.0;
    QTest::newRow("orientation 8, straightened 9") << 8 << 0 << 9.0;
    QTest::newRow("orientation 5, turned 180, straightened -15") << 5 << 180 << -15.0;
}

void TestCrops::renderOrientation()
{
    // A file whose stored pixels are not upright: the crop is drawn on the upright image, so its
    // pixels come from the stored pixels at uprightToRaw() of their place.
    QFETCH(int, orientation);
    QFETCH(int, rotation);
    QFETCH(double, straighten);
    const QSize rawSize(320, 200);
    const QPoint split(200, 80);
    const QImage raw = quadrants(rawSize, split);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("oriented.jpg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray bytes = jpegWithOrientation(raw, orientation);
    QVERIFY(!bytes.isEmpty());
    file.write(bytes);
    file.close();

    Crop crop;
    crop.name = QStringLiteral("oriented");
    crop.rect = QRectF(0.1, 0.05, 0.6, 0.5);
    crop.rotation = rotation;
    crop.straighten = straighten;
    QString warning;
    auto out = CropRenderer::render(path, crop, &warning);
    QVERIFY2(out.ok(), out.ok() ? "" : qPrintable(out.error().message));
    QVERIFY(warning.isEmpty());
    const QSize upright = CropGeometry::uprightSize(rawSize, orientation);
    const auto truth = [&](const QPointF &p) {
        const QPointF n = CropGeometry::uprightToRaw(QPointF(p.x() / upright.width(), p.y() / upright.height()),
                                                     orientation);
        return quadrantColour(QPointF(n.x() * rawSize.width(), n.y() * rawSize.height()), split);
    };
    const int compared = comparePixels(*out, crop, upright, truth, 40, 2, 4);
    QVERIFY(compared > 200);
}

void TestCrops::suggest_data()
{
    QTest::addColumn<QString>("background"); // flat, noise, gradient
    QTest::addColumn<QRect>("object");
    QTest::addColumn<double>("ratio");

    // A 480 × 320 image; the object is an orange disc with a dark outline.
    const QList<std::pair<const char *, QRect>> places = {
        {"top left", QRect(30, 25, 60, 60)},
        {"bottom right", QRect(390, 240, 60, 60)},
        {"right middle", QRect(400, 130, 50, 50)},
        {"left edge", QRect(5, 150, 40, 80)},
        {"centre", QRect(210, 130, 60, 60)},
    };
    const QList<std::pair<const char *, double>> ratios = {{"1:1", 1.0}, {"9:16", 9.0 / 16}, {"16:9", 16.0 / 9}, {"free", 0.0}};
    for (const char *background : {"flat", "noise", "gradient"})
        for (const auto &[where, rect] : places)
            for (const auto &[name, ratio] : ratios)
                QTest::newRow(qPrintable(QStringLiteral("%1, %2, %3").arg(QLatin1String(background), QLatin1String(where),
                                                                           QLatin1String(name))))
                    << QString::fromLatin1(background) << rect << ratio;
}

void TestCrops::suggest()
{
    QFETCH(QString, background);
    QFETCH(QRect, object);
    QFETCH(double, ratio);
    QImage image(480, 320, QImage::Format_RGB32);
    if (background == u"gradient") {
        QPainter p(&image);
        QLinearGradient gradient(0, 0, 480, 320);
        gradient.setColorAt(0, QColor(70, 90, 110));
        gradient.setColorAt(1, QColor(150, 160, 170));
        p.fillRect(image.rect(), gradient);
    } else {
        image.fill(QColor(110, 120, 115));
    }
    if (background == u"noise") {
        QRandomGenerator random(42);
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const int n = random.bounded(-35, 36);
                image.setPixel(x, y, qRgb(110 + n, 120 + n, 115 + n));
            }
    }
    {
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QColor(30, 20, 10), 3));
        p.setBrush(QColor(240, 130, 20));
        p.drawEllipse(QRectF(object).adjusted(1.5, 1.5, -1.5, -1.5));
    }
    const QRectF suggestion = Saliency::suggest(image, ratio);
    const QRectF pixels = CropGeometry::toPixels(suggestion, image.size());
    QVERIFY2(pixels.adjusted(-1, -1, 1, 1).contains(QRectF(object)),
             qPrintable(QStringLiteral("suggested %1 misses the object %2").arg(describe(pixels), describe(object))));
    QVERIFY(inside(suggestion, QSizeF(1, 1), 1e-9));
    const double expectedRatio = ratio > 0 ? ratio : 480.0 / 320.0;
    QVERIFY2(std::abs(pixels.width() / pixels.height() - expectedRatio) < 1e-6, qPrintable(describe(pixels)));
    // It is a crop, not the whole frame, whenever the aspect leaves room to choose.
    QVERIFY(pixels.width() < 480 - 1 || pixels.height() < 320 - 1);
}

void TestCrops::suggestNothingStandsOut()
{
    QImage flat(300, 200, QImage::Format_RGB32);
    flat.fill(QColor(80, 80, 80));
    COMPARE_RECT(Saliency::suggest(flat, 1.0), QRectF(1.0 / 6, 0, 2.0 / 3, 1));
    COMPARE_RECT(Saliency::suggest(flat, 0), QRectF(0, 0, 1, 1));
    QVERIFY(Saliency::suggest(QImage(), 1.0).isEmpty());
    QVERIFY(Saliency::map(QImage()).isNull());
}

void TestCrops::saliencyMap()
{
    QImage image(640, 400, QImage::Format_RGB32);
    image.fill(QColor(60, 100, 60));
    QPainter(&image).fillRect(QRect(400, 80, 120, 120), QColor(250, 250, 240));
    const QImage map = Saliency::map(image);
    QCOMPARE(map.size(), QSize(Saliency::MapEdge, 80));
    QCOMPARE(map.format(), QImage::Format_Grayscale8);
    const auto mean = [&map](const QRect &r) {
        double sum = 0;
        for (int y = r.top(); y <= r.bottom(); ++y)
            for (int x = r.left(); x <= r.right(); ++x)
                sum += qGray(map.pixel(x, y));
        return sum / (r.width() * r.height());
    };
    const double object = mean(QRect(82, 18, 20, 20)); // the object at a fifth of the size
    const double background = mean(QRect(5, 40, 40, 35));
    QVERIFY2(object > 100 && background < 5, qPrintable(QStringLiteral("%1 vs %2").arg(object).arg(background)));
}

void TestCrops::suggestRealPhotos_data()
{
    QTest::addColumn<QString>("file");
    for (const char *file : {"photos/exiv2/Reagan.jpg", "photos/exiv2/FurnaceCreekInn.jpg", "photos/mei/Canon_EOS_7D.jpg",
                             "photos/ianare/Canon_40D.jpg", "photos/ianare/gps_DSCN0010.jpg"})
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestCrops::suggestRealPhotos()
{
    // Real photos from the corpus: a sensible rectangle for every preset, quickly, never a failure.
    QFETCH(QString, file);
    const QString path = QStringLiteral(STILLS_CORPUS_DIR "/") + file;
    QVERIFY2(QFile::exists(path), qPrintable(path));
    auto image = ImageDecoder::decodeScaled(path, 1024);
    QVERIFY2(image.ok(), image.ok() ? "" : qPrintable(image.error().message));
    // STILLS_CROP_SHOTS=<folder>: the suggestions drawn on the photo, and its saliency map, for a look.
    const QString shots = qEnvironmentVariable("STILLS_CROP_SHOTS");
    QImage drawn = image->convertToFormat(QImage::Format_RGB32);
    QPainter painter(&drawn);
    painter.setPen(QPen(Qt::magenta, 3));
    for (const AspectPreset &preset : CropGeometry::presets()) {
        const double ratio = CropGeometry::ratio(preset.key, image->size());
        QElapsedTimer timer;
        timer.start();
        const QRectF suggestion = Saliency::suggest(*image, ratio);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!suggestion.isEmpty());
        QVERIFY(inside(suggestion, QSizeF(1, 1), 1e-9));
        const QRectF pixels = CropGeometry::toPixels(suggestion, image->size());
        const double expected = ratio > 0 ? ratio : double(image->width()) / image->height();
        QVERIFY(std::abs(pixels.width() / pixels.height() - expected) < 1e-6);
        // At least 60 % of the largest window of that ratio (the smallest size tried, less rounding).
        const QRectF largest = CropGeometry::largest(expected, image->size());
        QVERIFY2(pixels.width() >= 0.55 * largest.width(), qPrintable(describe(pixels)));
        Crop crop;
        crop.name = preset.key;
        crop.rect = suggestion;
        QVERIFY(CropRenderer::apply(*image, crop).ok()); // a valid crop
        if (preset.key == u"1:1" || preset.key == u"16:9" || preset.key == u"9:16" || preset.key == u"free")
            painter.drawRect(pixels.adjusted(2, 2, -2, -2));
    }
    painter.end();
    if (!shots.isEmpty()) {
        const QString base = shots + u'/' + QFileInfo(file).completeBaseName();
        drawn.save(base + QStringLiteral("-suggested.png"));
        Saliency::map(*image).save(base + QStringLiteral("-saliency.png"));
    }
}

QTEST_GUILESS_MAIN(TestCrops)
#include "tst_crops.moc"
