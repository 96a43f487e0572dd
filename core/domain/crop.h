#pragma once

#include <QRectF>
#include <QString>

namespace stills {

// A crop is parameters, never pixels: rendered from the original on demand.
// The rectangle is normalised (0..1) in the coordinates of the upright image (EXIF orientation applied).
struct Crop {
    qint64 id = 0;
    qint64 shotId = 0;
    QString name;   // "default", "square", a preset or the user's name; unique per shot
    QRectF rect;    // normalised
    QString aspect; // "free", "original", "1:1", "512x512", ...
    int rotation = 0;      // quarter turns clockwise: 0, 90, 180, 270
    double straighten = 0; // degrees, -45..45
    qint64 updatedMs = 0;
    int version = 1;
};

} // namespace stills
