#include "gridgeometry.h"

#include <algorithm>

namespace stills {

QRect GridGeometry::imageRect(const QSize &imageSize) const
{
    const QRect area = imageArea();
    if (imageSize.isEmpty())
        return area;
    QSize fitted = imageSize.scaled(area.size(), Qt::KeepAspectRatio);
    // A tiny image (an embedded EXIF preview, an icon) is not blown up beyond twice its size.
    if (fitted.width() > 2 * imageSize.width())
        fitted = imageSize * 2;
    return QRect(QPoint(area.x() + (area.width() - fitted.width()) / 2, area.y() + (area.height() - fitted.height()) / 2),
                 fitted);
}

int GridGeometry::thumbnailSizeFor(qreal devicePixelRatio) const
{
    const int needed = int(tileEdge * std::max<qreal>(1.0, devicePixelRatio));
    if (needed <= 256)
        return 256;
    if (needed <= 512)
        return 512;
    return 1024;
}

} // namespace stills
