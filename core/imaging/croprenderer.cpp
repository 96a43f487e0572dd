#include "croprenderer.h"

#include "catalog/croprepository.h"
#include "cropgeometry.h"
#include "imagedecoder.h"

#include <QCoreApplication>
#include <QColorSpace>
#include <QPainter>
#include <QTransform>

#include <cmath>

namespace stills {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("stills::CropRenderer", text);
}

// The straightened cut: `upright` turned by `degrees` about the crop's centre, then the shrunk
// rectangle taken from it, in one smooth resampling.
Result<QImage> straightenedCut(const QImage &upright, const Crop &crop)
{
    const QSizeF size = upright.size();
    const QRectF wanted = CropGeometry::toPixels(crop.rect, size);
    const QRectF cut = CropGeometry::straightened(wanted, crop.straighten, size);
    const int w = int(std::lround(cut.width()));
    const int h = int(std::lround(cut.height()));
    if (w < 1 || h < 1)
        return Error::invalid(QCoreApplication::translate("stills::CropRenderer",
                                                          "Straightened by %1°, the crop \"%2\" leaves no pixels: move "
                                                          "it away from the image's edge or straighten less.")
                                  .arg(crop.straighten)
                                  .arg(crop.name));
    QImage out(w, h, upright.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    out.setColorSpace(upright.colorSpace());
    out.fill(Qt::transparent);
    // Source point q lands at R(degrees)·(q − centre) + centre − cut's top left.
    const QPointF centre = cut.center();
    QTransform transform;
    transform.translate(centre.x() - cut.left(), centre.y() - cut.top());
    transform.rotate(crop.straighten);
    transform.translate(-centre.x(), -centre.y());
    QPainter painter(&out);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.setTransform(transform);
    painter.drawImage(QPointF(0, 0), upright);
    painter.end();
    return out;
}

} // namespace

Result<QImage> CropRenderer::apply(const QImage &upright, const Crop &crop)
{
    if (auto valid = CropRepository::validate(crop); !valid)
        return valid.error();
    if (upright.isNull())
        return Error::invalid(tr("There is no image to crop."));
    QImage cut;
    if (crop.straighten != 0) {
        auto straightened = straightenedCut(upright, crop);
        if (!straightened)
            return straightened.error();
        cut = std::move(*straightened);
    } else {
        const int w = upright.width();
        const int h = upright.height();
        // Pixel edges rounded, so that crops that tile an image share their edges exactly.
        const int left = std::clamp(int(std::lround(crop.rect.left() * w)), 0, w - 1);
        const int top = std::clamp(int(std::lround(crop.rect.top() * h)), 0, h - 1);
        const int right = std::clamp(int(std::lround(crop.rect.right() * w)), left + 1, w);
        const int bottom = std::clamp(int(std::lround(crop.rect.bottom() * h)), top + 1, h);
        cut = upright.copy(left, top, right - left, bottom - top);
    }
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
    if (warning)
        *warning = CropGeometry::resolutionWarning(crop, upright->size());
    return apply(*upright, crop);
}

} // namespace stills
