#pragma once

#include "gridgeometry.h"

#include <QListView>
#include <QTimer>

namespace stills {

class CropOverlays;
class ShotDelegate;
class ShotListModel;
class ThumbnailCache;

// The grid of shots. A QListView in wrapping list mode with uniform item sizes (it lays out a
// million rows without measuring each). It tells the model which rows are visible (debounced while
// scrolling), asks for their thumbnails first and the next screen's after, and drops queued
// thumbnail work for rows scrolled far away.
class ShotGridView : public QListView
{
    Q_OBJECT

public:
    ShotGridView(ThumbnailCache *thumbnails, QWidget *parent = nullptr);

    void setShotModel(ShotListModel *model);
    void setTileEdge(int edge);
    // Tiles of shots with crops show them; the grid repaints when more are known.
    void setCropOverlays(CropOverlays *overlays);
    int tileEdge() const;

    // The visible rows [first, last], or (-1, -1) when there are none.
    std::pair<int, int> visibleRows() const;

Q_SIGNALS:
    void activatedForPreview(const QModelIndex &index);
    // Lightroom's curation keys (0–9, P, X, U, no modifier) pressed in the grid.
    void curationKeyPressed(int key);
    // Shots dragged within a photoset and dropped before `beforeShotId` (0 = at the end).
    void reorderRequested(const QList<qint64> &shotIds, qint64 beforeShotId);

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles = {}) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    bool canReorder(const QDropEvent *event) const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void scheduleUpdate();
    void updateGridSize();
    void updateVisibleWork();

    ThumbnailCache *m_thumbnails;
    ShotDelegate *m_delegate;
    ShotListModel *m_model = nullptr;
    QTimer m_debounce;
    QTimer m_repaint;
    int m_generation = 0;
};

} // namespace stills
