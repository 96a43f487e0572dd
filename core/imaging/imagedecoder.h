#pragma once

#include "common/result.h"

#include <QImage>
#include <QString>

namespace stills {

// Turns an image file into pixels for display: scaled, upright, bounded in memory.
//
// Thread contract: every function is thread-safe and meant for pool threads (never the GUI
// thread: a decode takes milliseconds to seconds). None throws; none crashes or hangs on hostile
// content. Each returns the image or an Error whose message a user can read.
class ImageDecoder
{
public:
    // Decompression-bomb guard, checked against the size the header declares, before any decode.
    static constexpr qint64 MaxPixels = 250'000'000;

    // Decodes `path` scaled so that its long edge is at most `longEdge` (never upscaled), with the
    // EXIF orientation applied (the result is upright).
    //
    // JPEG is decoded by libjpeg at 1/8..8/8 scale (the smallest that is still at least the target
    // size, with the fast IDCT since the result is downscaled again), then smooth-scaled by Qt.
    // Other formats go through QImageReader's scaled read.
    //
    // Errors: TooLarge (over MaxPixels, or a decode buffer over the allocation limit), Corrupt
    // (damaged data, unreadable header), Unsupported (no decoder for the format), Io (cannot open),
    // InvalidInput (longEdge < 1).
    //
    // Memory: Qt's allocation limit is process-wide (QImageReader::setAllocationLimit is static in
    // Qt 6). The first call raises it, once, to what MaxPixels needs (1 GiB); each decode then
    // checks its own buffer estimate from the header against that before reading.
    static Result<QImage> decodeScaled(const QString &path, int longEdge);

    // The preview a camera embeds in the EXIF block of a JPEG (IFD1's JPEG thumbnail), decoded,
    // cropped to the main image's aspect ratio when it carries letterbox bars, and oriented.
    // Reads only the JPEG header segments (at most a few hundred KB), never the image data.
    //
    // Errors: NotFound when the file has no such preview (not a JPEG, no EXIF, no IFD1 JPEG),
    // Corrupt when the preview exists but cannot be decoded, Io when the file cannot be opened.
    static Result<QImage> embeddedPreview(const QString &path);

    // How many decodes (decodeScaled and embeddedPreview) ran on the application's main thread.
    // The window must keep this at zero; tests check it after scrolling and previewing.
    static int mainThreadDecodeCount();

    // Applies an EXIF orientation (1..8) to `image`; other values return it unchanged.
    static QImage applyOrientation(QImage image, int orientation);
};

} // namespace stills
