#pragma once

#include "common/result.h"
#include "domain/crop.h"

#include <QImage>
#include <QString>

namespace stills {

// Renders a crop (parameters only, see Crop) from the original file.
//
// Order of operations, the one the crop editor uses: the image is made upright (EXIF orientation),
// the normalised rectangle is cut from the upright image, then the crop's quarter turns are applied
// clockwise. `straighten` (free-angle rotation) is not rendered yet; such a crop is rendered
// without it and the caller is told through `warning`.
//
// Thread contract: thread-safe, meant for pool threads (decodes take milliseconds to seconds).
class CropRenderer
{
public:
    // Cuts and turns `upright` (already oriented). InvalidInput for a rectangle outside 0..1.
    static Result<QImage> apply(const QImage &upright, const Crop &crop);
    // Decodes `path` at full size (upright) and applies `crop`.
    static Result<QImage> render(const QString &path, const Crop &crop, QString *warning = nullptr);
};

} // namespace stills
