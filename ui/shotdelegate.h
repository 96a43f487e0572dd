#pragma once

#include "gridgeometry.h"

#include <QStyledItemDelegate>

namespace stills {

class CropOverlays;
class ThumbnailCache;

// Paints one grid tile: the thumbnail (or its provisional EXIF preview, or a placeholder while it
// loads), a "cannot read" tile for a broken file, the shot's crops over it, and the file name. Asking the cache for a
// thumbnail never blocks: painting only requests it, at the priority the view sets.
class ShotDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    ShotDelegate(ThumbnailCache *thumbnails, QObject *parent = nullptr);

    void setGeometry(const GridGeometry &geometry) { m_geometry = geometry; }
    const GridGeometry &geometry() const { return m_geometry; }
    void setPaintPriority(int priority) { m_priority = priority; }
    // Shots with crops show them over the thumbnail (outside the first one dimmed).
    void setCropOverlays(CropOverlays *overlays) { m_overlays = overlays; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    ThumbnailCache *m_thumbnails;
    GridGeometry m_geometry;
    int m_priority = 0;
    CropOverlays *m_overlays = nullptr;
};

} // namespace stills
