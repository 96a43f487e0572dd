#pragma once

#include <QRect>
#include <QSize>

namespace stills {

// Where things go inside one grid tile. A plain value, unit-tested without painting.
struct GridGeometry {
    int tileEdge = 192;  // the square the thumbnail lives in
    int padding = 6;     // around the thumbnail, inside the tile
    int labelHeight = 18; // the file name under the thumbnail

    QSize tileSize() const { return {tileEdge + 2 * padding, tileEdge + 2 * padding + labelHeight}; }
    // The square area for the image, relative to the tile's top left.
    QRect imageArea() const { return {padding, padding, tileEdge, tileEdge}; }
    // An image of `imageSize` fitted (never upscaled past 2x, aspect kept) and centred in imageArea().
    QRect imageRect(const QSize &imageSize) const;
    QRect labelRect() const { return {padding, padding + tileEdge, tileEdge, labelHeight}; }
    // The thumbnail size (256, 512 or 1024 long edge) that covers tileEdge at the device pixel ratio.
    int thumbnailSizeFor(qreal devicePixelRatio) const;

    static constexpr int MinEdge = 96;
    static constexpr int MaxEdge = 512;
};

} // namespace stills
