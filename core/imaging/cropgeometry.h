#pragma once

#include "domain/crop.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QString>

namespace stills {

// One entry of the crop editor's aspect list. Crop::aspect stores `key`.
struct AspectPreset {
    QString key;      // "free", "original", "1:1", "4:3", ..., "512x512"
    double ratio = 0; // width / height of the rendered crop; 0 for "free" and "original" (the image decides)
    QSize target;     // a training size: the pixels the rendered crop should have at least; empty otherwise

    bool isTrainingSize() const { return !target.isEmpty(); }
};

// The maths of crops, without pixels: presets, orientation, normalised and pixel rectangles,
// aspect constraints, moves and resizes kept inside the image, quarter turns and straightening.
//
// Coordinate spaces (see Crop): a crop's rectangle is normalised (0..1) on the *upright* image
// (EXIF orientation applied). "Raw" is the image as stored in the file, before the orientation.
// An aspect is the aspect of the *rendered* crop, after its quarter turns: a 16:9 crop turned by 90°
// cuts a 9:16 rectangle from the upright image (uprightRatio()). The pixel-space functions take a
// rectangle in pixels and the bounds it must stay in (the image size in the same space); they are
// what the editor calls while the user drags.
//
// Thread contract: pure functions, thread-safe.
class CropGeometry
{
public:
    // What the user grabbed: the inside (Move), an edge or a corner.
    enum class Handle { None, Move, Left, Top, Right, Bottom, TopLeft, TopRight, BottomLeft, BottomRight };

    // The editor's list, in order: free, original, 1:1, 4:3, 3:2, 16:9, 2.39:1, 9:16, then the
    // training sizes 512x512, 768x1024, 1024x1024.
    static const QList<AspectPreset> &presets();
    // The preset for `key`; other "W:H" and "WxH" keys are understood too; anything else is free.
    static AspectPreset preset(const QString &key);
    // The name shown for a preset ("Free", "Original", "16:9", "768 × 1024 (training)"), translated.
    static QString displayName(const AspectPreset &preset);
    // Width / height of the rendered crop for `aspect` on an upright image of `uprightSize`; 0 = free.
    static double ratio(const QString &aspect, const QSizeF &uprightSize);
    // Width / height of the crop's rectangle on the upright image: ratio() turned with the crop.
    static double uprightRatio(const Crop &crop, const QSizeF &uprightSize);

    // EXIF orientation (1..8; anything else is 1).
    static QSize uprightSize(const QSize &rawSize, int orientation);
    static QPointF rawToUpright(const QPointF &normalised, int orientation);
    static QPointF uprightToRaw(const QPointF &normalised, int orientation);
    static QRectF rawToUpright(const QRectF &normalised, int orientation);
    static QRectF uprightToRaw(const QRectF &normalised, int orientation);
    // The stored pixels a crop's (normalised, upright) rectangle covers, edges rounded to the
    // nearest pixel as CropRenderer rounds them.
    static QRect rawPixels(const QRectF &uprightNormalised, const QSize &rawSize, int orientation);

    static QRectF toPixels(const QRectF &normalised, const QSizeF &size);
    static QRectF toNormalised(const QRectF &pixels, const QSizeF &size);

    // The same region of an image after the image is turned clockwise by `quarterTurns` (normalised;
    // negative turns go anticlockwise). The editor shows the image turned by the crop's rotation.
    static QRectF turned(const QRectF &normalised, int quarterTurns);
    static QSizeF turned(const QSizeF &size, int quarterTurns);

    // The largest rectangle of `ratio` (0 = the whole bounds) centred in `bounds`.
    static QRectF largest(double ratio, const QSizeF &bounds);
    // `pixels` given `ratio` (0 = unchanged), keeping its centre and area; shrunk when it would not
    // fit in `bounds`, then moved inside (the centre moves only when it must).
    static QRectF constrained(const QRectF &pixels, double ratio, const QSizeF &bounds);
    // `pixels` made to fit: no larger than `bounds`, then moved inside.
    static QRectF clamped(const QRectF &pixels, const QSizeF &bounds);
    // `pixels` moved by `delta`, stopping at the image's edges (the size never changes).
    static QRectF moved(const QRectF &pixels, const QPointF &delta, const QSizeF &bounds);
    // `pixels` with `handle` dragged to `to`. The opposite edge or corner stays; with a `ratio` the
    // other dimension follows (centred for an edge handle). Never smaller than `minEdge` on either
    // side, never outside `bounds`, never turned inside out.
    static QRectF resized(const QRectF &pixels, Handle handle, const QPointF &to, double ratio, const QSizeF &bounds,
                          double minEdge);

    // Straightening turns the upright image by `degrees` (clockwise positive) about the crop's
    // centre. The rectangle the renderer then cuts is the crop's, shrunk about its centre (aspect
    // kept) just enough that none of its corners falls outside the turned image — no empty corners.
    // Returns that rectangle in upright pixels (axis-aligned in the turned image); `pixels` itself
    // when `degrees` is 0. A half-pixel margin keeps smooth sampling off the image's edge.
    static QRectF straightened(const QRectF &pixels, double degrees, const QSizeF &bounds);

    // The size in source pixels of the rendered crop: straightened, then turned.
    static QSizeF outputSize(const Crop &crop, const QSizeF &uprightSize);
    // For a training size: a sentence saying the rendered crop has fewer source pixels than the
    // target (it would be upscaled); empty when it has enough or the aspect is not a training size.
    static QString resolutionWarning(const Crop &crop, const QSize &uprightSize);
};

} // namespace stills
