#pragma once

#include "common/result.h"
#include "domain/crop.h"

#include <QImage>
#include <QString>

namespace stills {

// Renders a crop (parameters only, see Crop) from the original file.
//
// Order of operations, the one the crop editor shows: the image is made upright (EXIF orientation);
// when the crop is straightened, the upright image is turned by `straighten` degrees (clockwise
// positive) about the centre of the crop's rectangle, smoothly; the rectangle is cut from it; then
// the crop's quarter turns are applied clockwise.
//
// Straightening never shows empty corners: the rectangle cut is the crop's own, shrunk about its
// centre (aspect kept) until all four corners lie inside the turned image
// (CropGeometry::straightened). The stored rectangle is left as the user drew it, so moving the
// straighten slider back and forth gives the same crop back; the editor shows the shrunk cut.
//
// Thread contract: thread-safe, meant for pool threads (decodes take milliseconds to seconds).
class CropRenderer
{
public:
    // Cuts and turns `upright` (already oriented). InvalidInput for a rectangle outside 0..1.
    static Result<QImage> apply(const QImage &upright, const Crop &crop);
    // Decodes `path` at full size (upright) and applies `crop`. `warning` receives
    // CropGeometry::resolutionWarning (a training-size crop with fewer pixels than its target).
    static Result<QImage> render(const QString &path, const Crop &crop, QString *warning = nullptr);
};

} // namespace stills
