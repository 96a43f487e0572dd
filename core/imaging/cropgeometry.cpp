#include "cropgeometry.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace stills {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("stills::CropGeometry", text);
}

// std::clamp with a defined answer when the range is empty (lo wins): a rectangle already smaller
// than the minimum stays where it is instead of flipping.
double bounded(double value, double lo, double hi)
{
    return std::max(lo, std::min(value, hi));
}

int quarterTurnsOf(int quarterTurns)
{
    return ((quarterTurns % 4) + 4) % 4;
}

QRectF spanning(const QPointF &a, const QPointF &b)
{
    return QRectF(QPointF(std::min(a.x(), b.x()), std::min(a.y(), b.y())),
                  QPointF(std::max(a.x(), b.x()), std::max(a.y(), b.y())));
}

AspectPreset ratioPreset(const char *key, double ratio)
{
    return {QString::fromLatin1(key), ratio, {}};
}

AspectPreset trainingPreset(int width, int height)
{
    return {QStringLiteral("%1x%2").arg(width).arg(height), double(width) / height, QSize(width, height)};
}

} // namespace

const QList<AspectPreset> &CropGeometry::presets()
{
    static const QList<AspectPreset> list = {
        ratioPreset("free", 0),
        ratioPreset("original", 0),
        ratioPreset("1:1", 1.0),
        ratioPreset("4:3", 4.0 / 3.0),
        ratioPreset("3:2", 3.0 / 2.0),
        ratioPreset("16:9", 16.0 / 9.0),
        ratioPreset("2.39:1", 2.39),
        ratioPreset("9:16", 9.0 / 16.0),
        trainingPreset(512, 512),
        trainingPreset(768, 1024),
        trainingPreset(1024, 1024),
    };
    return list;
}

AspectPreset CropGeometry::preset(const QString &key)
{
    for (const AspectPreset &p : presets())
        if (p.key == key)
            return p;
    // Crops from imports or older versions may carry any "W:H" or "WxH".
    static const QRegularExpression ratioKey(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*:\\s*(\\d+(?:\\.\\d+)?)\\s*$"));
    static const QRegularExpression sizeKey(QStringLiteral("^\\s*(\\d{1,5})\\s*[xX×]\\s*(\\d{1,5})\\s*$"));
    if (const auto m = ratioKey.match(key); m.hasMatch()) {
        const double w = m.captured(1).toDouble();
        const double h = m.captured(2).toDouble();
        if (w > 0 && h > 0)
            return {key.trimmed(), w / h, {}};
    }
    if (const auto m = sizeKey.match(key); m.hasMatch()) {
        const int w = m.captured(1).toInt();
        const int h = m.captured(2).toInt();
        if (w > 0 && h > 0)
            return trainingPreset(w, h);
    }
    return presets().first();
}

QString CropGeometry::displayName(const AspectPreset &preset)
{
    if (preset.key == u"free")
        return tr("Free");
    if (preset.key == u"original")
        return tr("Original");
    if (preset.isTrainingSize())
        return tr("%1 × %2 (training)").arg(preset.target.width()).arg(preset.target.height());
    return preset.key;
}

double CropGeometry::ratio(const QString &aspect, const QSizeF &uprightSize)
{
    const AspectPreset p = preset(aspect);
    if (p.key == u"original")
        return uprightSize.height() > 0 ? uprightSize.width() / uprightSize.height() : 0;
    return p.ratio;
}

double CropGeometry::uprightRatio(const Crop &crop, const QSizeF &uprightSize)
{
    const double r = ratio(crop.aspect, uprightSize);
    if (r <= 0)
        return 0;
    return quarterTurnsOf(crop.rotation / 90) % 2 == 1 ? 1.0 / r : r;
}

QSize CropGeometry::uprightSize(const QSize &rawSize, int orientation)
{
    return orientation >= 5 && orientation <= 8 ? rawSize.transposed() : rawSize;
}

QPointF CropGeometry::rawToUpright(const QPointF &p, int orientation)
{
    // What ImageDecoder::applyOrientation does to the pixels, on a normalised point.
    const double u = p.x();
    const double v = p.y();
    switch (orientation) {
    case 2: return {1 - u, v};     // mirrored left-right
    case 3: return {1 - u, 1 - v}; // turned 180°
    case 4: return {u, 1 - v};     // mirrored top-bottom
    case 5: return {v, u};         // transposed
    case 6: return {1 - v, u};     // turned 90° clockwise
    case 7: return {1 - v, 1 - u}; // transversed
    case 8: return {v, 1 - u};     // turned 90° anticlockwise
    default: return p;
    }
}

QPointF CropGeometry::uprightToRaw(const QPointF &p, int orientation)
{
    // Every orientation is its own inverse except the two quarter turns, which undo each other.
    if (orientation == 6)
        return rawToUpright(p, 8);
    if (orientation == 8)
        return rawToUpright(p, 6);
    return rawToUpright(p, orientation);
}

QRectF CropGeometry::rawToUpright(const QRectF &r, int orientation)
{
    return spanning(rawToUpright(r.topLeft(), orientation), rawToUpright(r.bottomRight(), orientation));
}

QRectF CropGeometry::uprightToRaw(const QRectF &r, int orientation)
{
    return spanning(uprightToRaw(r.topLeft(), orientation), uprightToRaw(r.bottomRight(), orientation));
}

QRect CropGeometry::rawPixels(const QRectF &uprightNormalised, const QSize &rawSize, int orientation)
{
    const QRectF raw = toPixels(uprightToRaw(uprightNormalised, orientation), rawSize);
    const int left = int(std::lround(raw.left()));
    const int top = int(std::lround(raw.top()));
    return QRect(QPoint(left, top), QPoint(int(std::lround(raw.right())) - 1, int(std::lround(raw.bottom())) - 1));
}

QRectF CropGeometry::toPixels(const QRectF &n, const QSizeF &size)
{
    return QRectF(n.x() * size.width(), n.y() * size.height(), n.width() * size.width(), n.height() * size.height());
}

QRectF CropGeometry::toNormalised(const QRectF &p, const QSizeF &size)
{
    if (size.width() <= 0 || size.height() <= 0)
        return {};
    return QRectF(p.x() / size.width(), p.y() / size.height(), p.width() / size.width(), p.height() / size.height());
}

QRectF CropGeometry::turned(const QRectF &n, int quarterTurns)
{
    // Clockwise by 90°: the point (u, v) goes to (1 - v, u).
    switch (quarterTurnsOf(quarterTurns)) {
    case 1: return QRectF(1 - n.bottom(), n.left(), n.height(), n.width());
    case 2: return QRectF(1 - n.right(), 1 - n.bottom(), n.width(), n.height());
    case 3: return QRectF(n.top(), 1 - n.right(), n.height(), n.width());
    default: return n;
    }
}

QSizeF CropGeometry::turned(const QSizeF &size, int quarterTurns)
{
    return quarterTurnsOf(quarterTurns) % 2 == 1 ? size.transposed() : size;
}

QRectF CropGeometry::largest(double ratio, const QSizeF &bounds)
{
    if (ratio <= 0)
        return QRectF(QPointF(0, 0), bounds);
    const double w = std::min(bounds.width(), bounds.height() * ratio);
    const double h = w / ratio;
    return QRectF((bounds.width() - w) / 2, (bounds.height() - h) / 2, w, h);
}

QRectF CropGeometry::constrained(const QRectF &pixels, double ratio, const QSizeF &bounds)
{
    if (ratio <= 0)
        return clamped(pixels, bounds);
    const QRectF r = pixels.normalized();
    if (r.width() <= 0 || r.height() <= 0)
        return largest(ratio, bounds);
    // Same area, new shape: switching presets back and forth does not keep shrinking the crop.
    double w = std::sqrt(r.width() * r.height() * ratio);
    double h = w / ratio;
    const double scale = std::min({1.0, bounds.width() / w, bounds.height() / h});
    w *= scale;
    h *= scale;
    QRectF out(0, 0, w, h);
    out.moveCenter(r.center());
    return clamped(out, bounds);
}

QRectF CropGeometry::clamped(const QRectF &pixels, const QSizeF &bounds)
{
    const QRectF r = pixels.normalized();
    const double w = std::min(r.width(), bounds.width());
    const double h = std::min(r.height(), bounds.height());
    return QRectF(bounded(r.x(), 0, bounds.width() - w), bounded(r.y(), 0, bounds.height() - h), w, h);
}

QRectF CropGeometry::moved(const QRectF &pixels, const QPointF &delta, const QSizeF &bounds)
{
    return clamped(pixels.translated(delta), bounds);
}

QRectF CropGeometry::resized(const QRectF &pixels, Handle handle, const QPointF &to, double ratio, const QSizeF &bounds,
                             double minEdge)
{
    const QRectF r = clamped(pixels, bounds);
    const double W = bounds.width();
    const double H = bounds.height();
    const bool left = handle == Handle::Left || handle == Handle::TopLeft || handle == Handle::BottomLeft;
    const bool right = handle == Handle::Right || handle == Handle::TopRight || handle == Handle::BottomRight;
    const bool top = handle == Handle::Top || handle == Handle::TopLeft || handle == Handle::TopRight;
    const bool bottom = handle == Handle::Bottom || handle == Handle::BottomLeft || handle == Handle::BottomRight;
    if (!left && !right && !top && !bottom)
        return r;

    if (ratio <= 0) {
        const double minW = std::min(minEdge, W);
        const double minH = std::min(minEdge, H);
        double l = r.left(), t = r.top(), rr = r.right(), b = r.bottom();
        if (left)
            l = bounded(std::min(to.x(), rr - minW), 0, W);
        if (right)
            rr = bounded(std::max(to.x(), l + minW), 0, W);
        if (top)
            t = bounded(std::min(to.y(), b - minH), 0, H);
        if (bottom)
            b = bounded(std::max(to.y(), t + minH), 0, H);
        return QRectF(QPointF(l, t), QPointF(rr, b));
    }

    // With an aspect the width decides; both sides stay at least minEdge.
    const double minW = std::max(minEdge, minEdge * ratio);
    if ((left || right) && (top || bottom)) {
        // A corner: the opposite corner stays; the pointer's larger pull wins.
        const QPointF anchor(left ? r.right() : r.left(), top ? r.bottom() : r.top());
        const double wantW = left ? anchor.x() - to.x() : to.x() - anchor.x();
        const double wantH = top ? anchor.y() - to.y() : to.y() - anchor.y();
        const double maxW = std::min(left ? anchor.x() : W - anchor.x(), (top ? anchor.y() : H - anchor.y()) * ratio);
        const double w = std::min(std::max({wantW, wantH * ratio, minW}), maxW);
        const double h = w / ratio;
        return QRectF(left ? anchor.x() - w : anchor.x(), top ? anchor.y() - h : anchor.y(), w, h);
    }
    if (left || right) {
        // An edge: the opposite edge stays, the height follows about the centre.
        const double maxW = std::min(left ? r.right() : W - r.left(), H * ratio);
        const double w = bounded(left ? r.right() - to.x() : to.x() - r.left(), std::min(minW, maxW), maxW);
        const double h = w / ratio;
        const double y = bounded(r.center().y() - h / 2, 0, H - h);
        return QRectF(left ? r.right() - w : r.left(), y, w, h);
    }
    const double minH = minW / ratio;
    const double maxH = std::min(top ? r.bottom() : H - r.top(), W / ratio);
    const double h = bounded(top ? r.bottom() - to.y() : to.y() - r.top(), std::min(minH, maxH), maxH);
    const double w = h * ratio;
    const double x = bounded(r.center().x() - w / 2, 0, W - w);
    return QRectF(x, top ? r.bottom() - h : r.top(), w, h);
}

QRectF CropGeometry::straightened(const QRectF &pixels, double degrees, const QSizeF &bounds)
{
    if (degrees == 0 || pixels.isEmpty())
        return pixels;
    constexpr double margin = 0.5;
    const double radians = degrees * std::numbers::pi / 180.0;
    const double c = std::cos(radians);
    const double s = std::sin(radians);
    const QPointF centre = pixels.center();
    const double a = pixels.width() / 2;
    const double b = pixels.height() / 2;
    // A point of the turned image at offset d from the centre shows the source point
    // centre + R(-degrees)·d. Each corner, scaled by k, must land inside the source: each bound
    // is linear in k.
    double k = 1;
    const auto limit = [&k](double offset, double from, double extent) {
        if (offset > 1e-12)
            k = std::min(k, (extent - margin - from) / offset);
        else if (offset < -1e-12)
            k = std::min(k, (from - margin) / -offset);
    };
    for (const double sx : {-1.0, 1.0}) {
        for (const double sy : {-1.0, 1.0}) {
            const double dx = sx * a;
            const double dy = sy * b;
            limit(dx * c + dy * s, centre.x(), bounds.width());
            limit(-dx * s + dy * c, centre.y(), bounds.height());
        }
    }
    k = std::max(k, 0.0);
    QRectF out(0, 0, pixels.width() * k, pixels.height() * k);
    out.moveCenter(centre);
    return out;
}

QSizeF CropGeometry::outputSize(const Crop &crop, const QSizeF &uprightSize)
{
    const QRectF cut = straightened(toPixels(crop.rect, uprightSize), crop.straighten, uprightSize);
    return turned(cut.size(), crop.rotation / 90);
}

QString CropGeometry::resolutionWarning(const Crop &crop, const QSize &uprightSize)
{
    const AspectPreset p = preset(crop.aspect);
    if (!p.isTrainingSize() || uprightSize.isEmpty())
        return {};
    const QSizeF out = outputSize(crop, uprightSize);
    const int w = int(std::lround(out.width()));
    const int h = int(std::lround(out.height()));
    if (w >= p.target.width() && h >= p.target.height())
        return {};
    return tr("The crop has %1 × %2 pixels of the original, fewer than the %3 × %4 training size: it would be "
              "upscaled.")
        .arg(w)
        .arg(h)
        .arg(p.target.width())
        .arg(p.target.height());
}

} // namespace stills
