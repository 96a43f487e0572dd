#include "croprenderer.h"

#include "catalog/croprepository.h"
#include "imagedecoder.h"

#include <QCoreApplication>
#include <QTransform>

#include <cmath>

namespace stills {

Result<QImage> CropRenderer::apply(const QImage &upright, const Crop &crop)
{
    if (auto valid = CropRepository::validate(crop); !valid)
        return valid.error();
    if (upright.isNull())
        return Error::invalid(QCoreApplication::translate("stills::CropRenderer", "There is no image to crop."));
    const int w = upright.width();
    const int h = upright.height();
    // Pixel edges rounded, so that crops that tile an image share their edges exactly.
    const int left = std::clamp(int(std::lround(crop.rect.left() * w)), 0, w - 1);
    const int top = std::clamp(int(std::lround(crop.rect.top() * h)), 0, h - 1);
    const int right = std::clamp(int(std::lround(crop.rect.right() * w)), left + 1, w);
    const int bottom = std::clamp(int(std::lround(crop.rect.bottom() * h)), top + 1, h);
    QImage cut = upright.copy(left, top, right - left, bottom - top);
    const int quarterTurns = ((crop.rotation / 90) % 4 + 4) % 4;
    if (quarterTurns != 0)
        cut = cut.transformed(QTransform().rotate(90.0 * quarterTurns));
    return cut;
}

Result<QImage> CropRenderer::render(const QString &path, const Crop &crop, QString *warning)
{
    // decodeScaled never upscales: a long edge beyond any real image decodes at full size.
    auto upright = ImageDecoder::decodeScaled(path, 1 << 20);
    if (!upright)
        return upright.error();
    if (warning && crop.straighten != 0)
        *warning = QCoreApplication::translate("stills::CropRenderer",
                                               "the crop's straightening (%1°) is not rendered yet")
                       .arg(crop.straighten);
    return apply(*upright, crop);
}

} // namespace stills
