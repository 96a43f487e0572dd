#pragma once

#include <QImage>
#include <QRectF>

namespace stills {

// Where the eye goes, estimated from the pixels alone (no model), and the crop that keeps it.
//
// The map is computed on a copy scaled to about 128 px on the long edge: the colour distance of
// each (blurred) pixel to the image's mean colour in CIE Lab (Achanta's frequency-tuned saliency),
// plus the edge energy of the lightness (Sobel on a blurred copy, then spread to regions), each
// normalised, summed, weighted by a mild centre prior, and everything at or below the map's mean
// set to zero so that a flat or evenly noisy background weighs nothing.
//
// suggest() slides windows of the asked aspect over the map at a few sizes (from the largest that
// fits down to 60 % of it), summing the saliency inside each from an integral image in constant
// time. A window scores its saliency minus a price per unit of area (the map's mean times 0.6):
// a smaller window wins only when what it leaves out is mostly background. Among windows within
// 1 % of the best score the one centred nearest the saliency's centre of mass is taken.
//
// Thread contract: pure functions, thread-safe, meant for pool threads (a few milliseconds).
class Saliency
{
public:
    static constexpr int MapEdge = 128;

    // The saliency of `image` as a Grayscale8 map about MapEdge px on the long edge (255 = the most
    // salient pixel). Null for a null image.
    static QImage map(const QImage &image);
    // A crop of `ratio` (width / height in the image's pixels; 0 = the image's own ratio) that
    // keeps what stands out, normalised (0..1) on `image`. The whole image (or the largest centred
    // window of `ratio`) when nothing stands out; empty for a null image.
    static QRectF suggest(const QImage &image, double ratio);
};

} // namespace stills
