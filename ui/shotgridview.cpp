#include "shotgridview.h"

#include "imaging/thumbnailcache.h"
#include "models/shotlistmodel.h"
#include "cropoverlays.h"
#include "shotdelegate.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QScrollBar>
#include <QSet>

namespace stills {

ShotGridView::ShotGridView(ThumbnailCache *thumbnails, QWidget *parent)
    : QListView(parent)
    , m_thumbnails(thumbnails)
    , m_delegate(new ShotDelegate(thumbnails, this))
{
    setViewMode(QListView::ListMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setUniformItemSizes(true);
    setMovement(QListView::Static);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Drag shots onto a photoset in the left pane to add them, or within a photoset to reorder.
    setDragEnabled(true);
    setAcceptDrops(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::CopyAction);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setItemDelegate(m_delegate);
    setSpacing(0);
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent, true);
    verticalScrollBar()->setSingleStep(48);
    // Photographs read best on a dark neutral ground (as in Lightroom and digiKam's light table).
    QPalette dark = palette();
    dark.setColor(QPalette::Base, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xd8, 0xd8, 0xd8));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    setPalette(dark);
    setTileEdge(192);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(30);
    connect(&m_debounce, &QTimer::timeout, this, &ShotGridView::updateVisibleWork);
    // Thumbnails arrive in bursts: repaint the viewport at most every 40 ms.
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(40);
    connect(&m_repaint, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));
    auto repaintSoon = [this] {
        if (!m_repaint.isActive())
            m_repaint.start();
    };
    connect(m_thumbnails, &ThumbnailCache::thumbnailReady, this, repaintSoon);
    connect(m_thumbnails, &ThumbnailCache::previewReady, this, repaintSoon);
    connect(m_thumbnails, &ThumbnailCache::thumbnailFailed, this, repaintSoon);
    connect(this, &QAbstractItemView::doubleClicked, this, &ShotGridView::activatedForPreview);
}

void ShotGridView::setShotModel(ShotListModel *model)
{
    m_model = model;
    setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, &ShotGridView::scheduleUpdate);
    connect(model, &QAbstractItemModel::dataChanged, this, &ShotGridView::scheduleUpdate);
    scheduleUpdate();
}

void ShotGridView::setTileEdge(int edge)
{
    GridGeometry geometry = m_delegate->geometry();
    geometry.tileEdge = std::clamp(edge, GridGeometry::MinEdge, GridGeometry::MaxEdge);
    m_delegate->setGeometry(geometry);
    updateGridSize();
}

void ShotGridView::updateGridSize()
{
    // Spread the columns over the whole width instead of leaving a ragged gap on the right.
    const QSize tile = m_delegate->geometry().tileSize();
    // A pixel of slack: QListView wraps a row whose cells fill the width exactly.
    const int width = viewport()->width() - 2;
    const int columns = std::max(1, width / std::max(1, tile.width()));
    const QSize cell(std::max(tile.width(), width / columns), tile.height());
    if (cell != gridSize()) {
        setGridSize(cell);
        // Uniform sizes are cached by the view; a new size needs a fresh layout.
        doItemsLayout();
    }
    scheduleUpdate();
}

void ShotGridView::setCropOverlays(CropOverlays *overlays)
{
    m_delegate->setCropOverlays(overlays);
    connect(overlays, &CropOverlays::changed, viewport(), qOverload<>(&QWidget::update));
}

int ShotGridView::tileEdge() const
{
    return m_delegate->geometry().tileEdge;
}

std::pair<int, int> ShotGridView::visibleRows() const
{
    if (!model() || model()->rowCount() == 0)
        return {-1, -1};
    const QRect r = viewport()->rect();
    QModelIndex first = indexAt(r.topLeft() + QPoint(1, 1));
    if (!first.isValid())
        first = model()->index(0, 0);
    // The bottom-right corner may fall between tiles or past the last row: step back to a tile.
    QModelIndex last;
    const QSize tile = gridSize();
    for (int dy = 1; dy < tile.height() * 2 && !last.isValid(); dy += std::max(1, tile.height() / 4)) {
        for (int x = r.right() - 1; x > 0 && !last.isValid(); x -= std::max(1, tile.width() / 2))
            last = indexAt(QPoint(x, r.bottom() - dy));
    }
    if (!last.isValid())
        last = model()->index(model()->rowCount() - 1, 0);
    return {first.row(), std::max(first.row(), last.row())};
}

void ShotGridView::scheduleUpdate()
{
    if (!m_debounce.isActive())
        m_debounce.start();
}

void ShotGridView::scrollContentsBy(int dx, int dy)
{
    QListView::scrollContentsBy(dx, dy);
    scheduleUpdate();
}

void ShotGridView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    updateGridSize();
}

void ShotGridView::updateVisibleWork()
{
    if (!m_model)
        return;
    const auto [first, last] = visibleRows();
    if (first < 0)
        return;
    m_model->setVisibleRange(first, last);

    // Visible tiles ask at the highest priority when they paint; the next screen in both
    // directions is queued just below; queued work for anything else is dropped.
    ++m_generation;
    const int visiblePriority = m_generation * 2 + 1;
    m_delegate->setPaintPriority(visiblePriority);
    const int screen = last - first + 1;
    const int rows = m_model->rowCount();
    const int keepFrom = std::max(0, first - 2 * screen);
    const int keepTo = std::min(rows - 1, last + 2 * screen);
    QSet<QString> keep;
    const int thumbSize = m_delegate->geometry().thumbnailSizeFor(devicePixelRatioF());
    for (int row = keepFrom; row <= keepTo; ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (!m_model->isLoaded(row))
            continue;
        const QString hash = index.data(ShotListModel::ContentHashRole).toString();
        if (hash.isEmpty())
            continue;
        keep.insert(hash);
        const bool neighbour = (row > last && row <= last + screen) || (row < first && row >= first - screen);
        if (neighbour && index.data(ShotListModel::StatusRole).toInt() == int(Shot::Status::Ok))
            m_thumbnails->request(hash, index.data(ShotListModel::PathRole).toString(), thumbSize, visiblePriority - 1);
    }
    m_thumbnails->retainOnly(keep);
    viewport()->update();
}

void ShotGridView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    // QListView in list mode lays out every row again on any dataChanged (O(rows): about 100 ms
    // at a million shots, once per page that arrives). Tiles have one uniform size, so new data
    // never moves one: repaint only, skipping QListView's relayout.
    QAbstractItemView::dataChanged(topLeft, bottomRight, roles);
}

void ShotGridView::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    const bool plain = (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
    if (plain
        && ((key >= Qt::Key_0 && key <= Qt::Key_9) || key == Qt::Key_P || key == Qt::Key_X || key == Qt::Key_U
            || key == Qt::Key_B || key == Qt::Key_Delete || key == Qt::Key_Backspace)) {
        // Handled here rather than as window shortcuts: the grid has the focus whenever they apply,
        // and QListView would otherwise take the letters for its type-ahead search.
        Q_EMIT curationKeyPressed(key);
        event->accept();
        return;
    }
    if ((event->key() == Qt::Key_Space || event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && currentIndex().isValid()) {
        Q_EMIT activatedForPreview(currentIndex());
        event->accept();
        return;
    }
    QListView::keyPressEvent(event);
}

bool ShotGridView::canReorder(const QDropEvent *event) const
{
    auto *shots = qobject_cast<ShotListModel *>(model());
    return event->source() == this && shots && shots->photoset() != 0 && shots->filter().isEmpty()
        && event->mimeData()->hasFormat(ShotListModel::mimeType());
}

void ShotGridView::dragEnterEvent(QDragEnterEvent *event)
{
    if (canReorder(event))
        event->acceptProposedAction();
    else
        event->ignore();
}

void ShotGridView::dragMoveEvent(QDragMoveEvent *event)
{
    // Only reordering inside a photoset drops here (adding goes to the photoset list).
    if (canReorder(event)) {
        event->setDropAction(Qt::MoveAction);
        event->accept();
    } else {
        event->ignore();
    }
}

void ShotGridView::dropEvent(QDropEvent *event)
{
    if (!canReorder(event)) {
        event->ignore();
        return;
    }
    const QList<qint64> ids = ShotListModel::shotIdsFromMime(event->mimeData());
    const QModelIndex target = indexAt(event->position().toPoint());
    // Before the tile under the cursor; past the last tile = to the end.
    qint64 before = 0;
    if (target.isValid()) {
        const QRect tile = visualRect(target);
        int row = target.row();
        if (event->position().x() > tile.center().x())
            ++row; // the right half of a tile means "after it"
        if (row < model()->rowCount())
            before = model()->index(row, 0).data(ShotListModel::ShotIdRole).toLongLong();
    }
    // Dropping a shot before itself (or right after itself) changes nothing.
    if (!ids.isEmpty() && !(ids.size() == 1 && ids.first() == before)) {
        Q_EMIT reorderRequested(ids, before);
    }
    // CopyAction: the view must not try to remove the dragged rows from the model.
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

} // namespace stills
