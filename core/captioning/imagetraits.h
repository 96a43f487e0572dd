#pragma once

#include "common/result.h"

#include <QImage>
#include <QList>
#include <QString>

namespace stills {

// What the built-in caption generator sees in the pixels: the named colours that dominate, how
// bright and how contrasted the image is, whether it is black and white, its shape.
// Deterministic: the same pixels always give the same traits.
//
// Thread contract: every function is thread-safe (no shared state); analyse(path) decodes, so call
// it from a worker thread.
struct ImageTraits {
    struct NamedColour {
        QString name;     // "red", "grey"... (see colourName())
        double share = 0; // of the pixels, 0..1
    };

    int width = 0;  // upright, as analysed (after the downscale)
    int height = 0;
    // Mean CIE lightness L* (0 black .. 100 white) of the pixels, taken as sRGB: a saturated red is
    // "medium", as the eye sees it, where the luma of the encoded values would call it dark.
    double brightness = 0;
    double contrast = 0; // standard deviation of L*, 0..50
    bool monochrome = false;
    QList<NamedColour> colours; // every name found, largest share first (ties by name)

    // Downscales to at most `AnalysisEdge` pixels on the long edge (upright), quantises each
    // channel to four levels, and names each of the 64 boxes by the mean colour of its pixels.
    static ImageTraits analyse(const QImage &image);
    // Decodes the file (scaled, EXIF orientation applied) and analyses it. The decoder's errors
    // (Io, Corrupt, Unsupported, TooLarge).
    static Result<ImageTraits> analyse(const QString &path);

    // The English name of a colour: black, white, grey, red, orange, brown, beige, yellow, olive,
    // green, teal, blue, purple, pink.
    static QString colourName(int red, int green, int blue);

    // The names that matter: the largest, then others covering at least `minimumShare`, at most
    // `limit` in all.
    QStringList dominantColours(double minimumShare = 0.12, int limit = 3) const;

    static constexpr int AnalysisEdge = 96;
};

} // namespace stills
