#include "cropcanvas.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace stills {

using Handle = CropGeometry::Handle;

namespace {

constexpr int kMargin = 16;     // around the image on the widget
constexpr double kGrab = 8;     // how near an edge or corner the pointer grabs it, widget pixels
constexpr double kHandle = 8;   // the painted handles
constexpr double kMinEdge = 24; // the smallest crop, widget pixels

Qt::CursorShape cursorFor(Handle handle)
{
    switch (handle) {
    case Handle::Left:
    case Handle::Right: return Qt::SizeHorCursor;
    case Handle::Top:
    case Handle::Bottom: return Qt::SizeVerCursor;
    case Handle::TopLeft:
    case Handle::BottomRight: return Qt::SizeFDiagCursor;
    case Handle::TopRight:
    case Handle::BottomLeft: return Qt::SizeBDiagCursor;
    case Handle::Move: return Qt::SizeAllCursor;
    case Handle::None: break;
    }
    return Qt::CrossCursor;
}

// The point of `r` a handle stands for: dragging moves it by the pointer's travel.
QPointF handlePoint(const QRectF &r, Handle handle)
{
    switch (handle) {
    case Handle::Left: return {r.left(), r.center().y()};
    case Handle::Right: return {r.right(), r.center().y()};
    case Handle::Top: return {r.center().x(), r.top()};
    case Handle::Bottom: return {r.center().x(), r.bottom()};
    case Handle::TopLeft: return r.topLeft();
    case Handle::TopRight: return r.topRight();
    case Handle::BottomLeft: return r.bottomLeft();
    case Handle::BottomRight: return r.bottomRight();
    case Handle::Move:
    case Handle::None: break;
    }
    return r.center();
}

} // namespace

CropCanvas::CropCanvas(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent, true);
    setMinimumSize(240, 180);
    setCursor(Qt::CrossCursor);
}

void CropCanvas::setImage(const QImage &upright, const QSize &sourceSize)
{
    m_image = upright;
    m_sourceSize = sourceSize.isEmpty() ? upright.size() : sourceSize;
    update();
}

void CropCanvas::setCrop(const Crop &crop)
{
    m_crop = crop;
    m_drag = Drag::None;
    update();
}

int CropCanvas::quarterTurns() const
{
    return ((m_crop.rotation / 90) % 4 + 4) % 4;
}

QSizeF CropCanvas::displaySize() const
{
    return CropGeometry::turned(QSizeF(m_sourceSize), quarterTurns());
}

QRectF CropCanvas::displayPixels() const
{
    return CropGeometry::toPixels(CropGeometry::turned(m_crop.rect, quarterTurns()), displaySize());
}

void CropCanvas::setDisplayPixels(const QRectF &pixels)
{
    const QRectF normalised = CropGeometry::turned(CropGeometry::toNormalised(pixels, displaySize()), -quarterTurns());
    // Rounding must not push an edge a hair outside 0..1 (the repository would refuse it).
    m_crop.rect = normalised.intersected(QRectF(0, 0, 1, 1));
}

double CropCanvas::ratio() const
{
    return CropGeometry::ratio(m_crop.aspect, m_sourceSize);
}

QTransform CropCanvas::displayToWidget() const
{
    const QSizeF size = displaySize();
    if (size.isEmpty())
        return {};
    const QRectF available = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    const double scale = std::max(1e-6, std::min(available.width() / size.width(), available.height() / size.height()));
    const QPointF origin = available.center() - QPointF(size.width() * scale, size.height() * scale) / 2;
    return QTransform().translate(origin.x(), origin.y()).scale(scale, scale);
}

double CropCanvas::minEdge() const
{
    const QSizeF size = displaySize();
    const double scale = displayToWidget().m11();
    return std::min(kMinEdge / (scale > 0 ? scale : 1), std::min(size.width(), size.height()) / 2);
}

QPointF CropCanvas::toDisplay(const QPointF &widgetPoint) const
{
    return displayToWidget().inverted().map(widgetPoint);
}

QRectF CropCanvas::rectOnWidget() const
{
    return displayToWidget().mapRect(displayPixels());
}

Handle CropCanvas::handleAt(const QPointF &p) const
{
    if (m_sourceSize.isEmpty())
        return Handle::None;
    const QRectF r = rectOnWidget();
    const bool withinY = p.y() >= r.top() - kGrab && p.y() <= r.bottom() + kGrab;
    const bool withinX = p.x() >= r.left() - kGrab && p.x() <= r.right() + kGrab;
    const bool left = withinY && std::abs(p.x() - r.left()) <= kGrab;
    const bool right = withinY && !left && std::abs(p.x() - r.right()) <= kGrab;
    const bool top = withinX && std::abs(p.y() - r.top()) <= kGrab;
    const bool bottom = withinX && !top && std::abs(p.y() - r.bottom()) <= kGrab;
    if (top && left)
        return Handle::TopLeft;
    if (top && right)
        return Handle::TopRight;
    if (bottom && left)
        return Handle::BottomLeft;
    if (bottom && right)
        return Handle::BottomRight;
    if (left)
        return Handle::Left;
    if (right)
        return Handle::Right;
    if (top)
        return Handle::Top;
    if (bottom)
        return Handle::Bottom;
    return r.contains(p) ? Handle::Move : Handle::None;
}

void CropCanvas::changed()
{
    update();
    Q_EMIT cropChanged();
}

void CropCanvas::setAspect(const QString &aspect)
{
    m_crop.aspect = aspect;
    if (ratio() > 0)
        setDisplayPixels(CropGeometry::constrained(displayPixels(), ratio(), displaySize()));
    changed();
}

void CropCanvas::turn(int quarterTurns)
{
    m_crop.rotation = ((this->quarterTurns() + quarterTurns) % 4 + 4) % 4 * 90;
    // The same region of the image, now turned; a fixed aspect is the output's, so it holds.
    if (ratio() > 0)
        setDisplayPixels(CropGeometry::constrained(displayPixels(), ratio(), displaySize()));
    changed();
}

void CropCanvas::setStraighten(double degrees)
{
    m_crop.straighten = std::clamp(degrees, -45.0, 45.0);
    changed();
}

void CropCanvas::setRect(const QRectF &uprightNormalised)
{
    m_crop.rect = uprightNormalised.intersected(QRectF(0, 0, 1, 1));
    setDisplayPixels(CropGeometry::constrained(displayPixels(), ratio(), displaySize()));
    changed();
}

void CropCanvas::reset()
{
    setDisplayPixels(CropGeometry::largest(ratio(), displaySize()));
    changed();
}

void CropCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x1e, 0x1e, 0x1e));
    if (m_image.isNull() || m_sourceSize.isEmpty()) {
        painter.setPen(QColor(0xdd, 0xdd, 0xdd));
        painter.drawText(rect(), Qt::AlignCenter, tr("Loading…"));
        return;
    }
    const QTransform view = displayToWidget();
    const double W = m_sourceSize.width();
    const double H = m_sourceSize.height();
    // Image pixels -> upright source pixels -> turned (display) -> straightened about the crop's
    // centre -> widget. QTransform composes left to right.
    const QTransform toSource = QTransform::fromScale(W / m_image.width(), H / m_image.height());
    QTransform turnTransform;
    switch (quarterTurns()) {
    case 1: turnTransform = QTransform(0, 1, -1, 0, H, 0); break;   // (x, y) -> (H - y, x)
    case 2: turnTransform = QTransform(-1, 0, 0, -1, W, H); break;  // (x, y) -> (W - x, H - y)
    case 3: turnTransform = QTransform(0, -1, 1, 0, 0, W); break;   // (x, y) -> (y, W - x)
    default: break;
    }
    const QRectF crop = displayPixels();
    const QPointF centre = crop.center();
    const QTransform straighten = QTransform()
                                      .translate(centre.x(), centre.y())
                                      .rotate(m_crop.straighten)
                                      .translate(-centre.x(), -centre.y());
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.setTransform(toSource * turnTransform * straighten * view);
    painter.drawImage(QPointF(0, 0), m_image);
    painter.resetTransform();

    // Outside the crop dimmed; the rectangle, its thirds and its handles on top.
    const QRectF box = view.mapRect(crop);
    QPainterPath outside;
    outside.addRect(QRectF(rect()));
    outside.addRect(box);
    painter.fillPath(outside, QColor(0, 0, 0, 150));
    painter.setRenderHint(QPainter::Antialiasing, true);
    const int lines = m_crop.straighten != 0 ? 8 : 3; // a finer grid to level a horizon against
    painter.setPen(QPen(QColor(255, 255, 255, 90), 1));
    for (int i = 1; i < lines; ++i) {
        const double x = box.left() + box.width() * i / lines;
        const double y = box.top() + box.height() * i / lines;
        painter.drawLine(QPointF(x, box.top()), QPointF(x, box.bottom()));
        painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y));
    }
    // What is really cut when straightening shrinks it (no empty corners).
    const QRectF cut = CropGeometry::straightened(crop, m_crop.straighten, displaySize());
    if (cut.width() < crop.width() - 0.5) {
        painter.setPen(QPen(QColor(0xff, 0xd0, 0x40), 1.5, Qt::DashLine));
        painter.drawRect(view.mapRect(cut));
    }
    painter.setPen(QPen(Qt::white, 1.5));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(box);
    painter.setPen(QPen(QColor(0x20, 0x20, 0x20), 1));
    painter.setBrush(Qt::white);
    for (const QPointF &p : {box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight(),
                             QPointF(box.center().x(), box.top()), QPointF(box.center().x(), box.bottom()),
                             QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y())})
        painter.drawRect(QRectF(p - QPointF(kHandle / 2, kHandle / 2), QSizeF(kHandle, kHandle)));
    if (hasFocus()) {
        painter.setPen(QPen(palette().highlight().color(), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
    }
}

void CropCanvas::keyPressEvent(QKeyEvent *event)
{
    if (m_sourceSize.isEmpty()) {
        QWidget::keyPressEvent(event);
        return;
    }
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    const bool resize = modifiers & Qt::ShiftModifier;
    const double fraction = (modifiers & Qt::ControlModifier) ? 0.1 : 0.01;
    const QSizeF size = displaySize();
    const double dx = size.width() * fraction;
    const double dy = size.height() * fraction;
    const QRectF r = displayPixels();
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down: {
        const int key = event->key();
        const double sx = key == Qt::Key_Left ? -1 : key == Qt::Key_Right ? 1 : 0;
        const double sy = key == Qt::Key_Up ? -1 : key == Qt::Key_Down ? 1 : 0;
        if (resize && sx != 0)
            setDisplayPixels(CropGeometry::resized(r, Handle::Right, QPointF(r.right() + sx * dx, r.center().y()), ratio(),
                                                   size, minEdge()));
        else if (resize)
            setDisplayPixels(CropGeometry::resized(r, Handle::Bottom, QPointF(r.center().x(), r.bottom() + sy * dy),
                                                   ratio(), size, minEdge()));
        else
            setDisplayPixels(CropGeometry::moved(r, QPointF(sx * dx, sy * dy), size));
        changed();
        return;
    }
    case Qt::Key_Return:
    case Qt::Key_Enter:
        Q_EMIT applyRequested();
        return;
    case Qt::Key_Escape:
        Q_EMIT cancelRequested();
        return;
    case Qt::Key_BracketLeft:
        Q_EMIT turnRequested(-1);
        return;
    case Qt::Key_BracketRight:
        Q_EMIT turnRequested(1);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void CropCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_sourceSize.isEmpty()) {
        QWidget::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const Handle handle = handleAt(event->position());
    const QPointF at = toDisplay(event->position());
    const QSizeF size = displaySize();
    if (handle == Handle::None) {
        if (!QRectF(QPointF(0, 0), size).contains(at))
            return;
        m_drag = Drag::Draw;
        m_pressed = at;
        return;
    }
    m_drag = Drag::Handle;
    m_handle = handle;
    m_pressed = at;
    m_startRect = displayPixels();
}

void CropCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drag == Drag::None) {
        setCursor(cursorFor(handleAt(event->position())));
        return;
    }
    const QPointF at = toDisplay(event->position());
    const QSizeF size = displaySize();
    if (m_drag == Drag::Draw) {
        const QPointF travel = at - m_pressed;
        if (std::abs(travel.x()) < 1 && std::abs(travel.y()) < 1)
            return;
        const bool left = travel.x() < 0;
        const bool up = travel.y() < 0;
        const Handle corner = up ? (left ? Handle::TopLeft : Handle::TopRight)
                                 : (left ? Handle::BottomLeft : Handle::BottomRight);
        setDisplayPixels(CropGeometry::resized(QRectF(m_pressed, QSizeF(0, 0)), corner, at, ratio(), size, minEdge()));
    } else if (m_handle == Handle::Move) {
        setDisplayPixels(CropGeometry::moved(m_startRect, at - m_pressed, size));
    } else {
        const QPointF to = handlePoint(m_startRect, m_handle) + (at - m_pressed);
        setDisplayPixels(CropGeometry::resized(m_startRect, m_handle, to, ratio(), size, minEdge()));
    }
    changed();
}

void CropCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_drag = Drag::None;
    QWidget::mouseReleaseEvent(event);
}

} // namespace stills
