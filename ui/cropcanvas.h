#pragma once

#include "domain/crop.h"
#include "imaging/cropgeometry.h"

#include <QImage>
#include <QWidget>

namespace stills {

// The large image with one crop over it, edited by mouse and keyboard.
//
// The image is shown as the rendered crop will be: turned by the crop's quarter turns and
// straightened about the crop's centre; the rectangle stays level on screen ("display space").
// Mouse: drag inside to move, drag an edge or corner handle to resize, drag outside to draw a new
// rectangle. Keys: arrows move (1 % of the image, Ctrl 10 %), Shift+arrows resize the right or
// bottom edge, [ and ] ask for a quarter turn, Enter to apply, Escape to cancel. The aspect of the
// crop (its `aspect` key) holds through every move and resize; moves stop at the image's edges.
//
// The canvas owns the working crop; whoever shows it reads crop() when cropChanged() says so.
class CropCanvas : public QWidget
{
    Q_OBJECT

public:
    explicit CropCanvas(QWidget *parent = nullptr);

    // `upright` is what is shown (any scale); `sourceSize` is the original's upright size in pixels,
    // in which aspects, minimum sizes and the output are measured.
    void setImage(const QImage &upright, const QSize &sourceSize);
    const QImage &image() const { return m_image; }
    QSize sourceSize() const { return m_sourceSize; }

    void setCrop(const Crop &crop); // shown as it is (no signal)
    const Crop &crop() const { return m_crop; }

    // Edits that keep the crop valid, each followed by cropChanged().
    void setAspect(const QString &aspect);         // the rectangle constrained about its centre
    void turn(int quarterTurns);                   // clockwise; the aspect holds for the output
    void setStraighten(double degrees);            // clamped to ±45
    void setRect(const QRectF &uprightNormalised); // constrained to the aspect, kept inside
    void reset();                                  // the largest rectangle of the aspect

    // Where the crop's rectangle is on the widget (tests and screenshots).
    QRectF rectOnWidget() const;

Q_SIGNALS:
    void cropChanged();
    void applyRequested();
    void cancelRequested();
    void turnRequested(int quarterTurns);

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    enum class Drag { None, Handle, Draw };

    int quarterTurns() const;
    QSizeF displaySize() const;    // the turned original, in source pixels
    QRectF displayPixels() const;  // the crop's rectangle there
    void setDisplayPixels(const QRectF &pixels);
    double ratio() const;          // of the rectangle in display space (= of the output)
    double minEdge() const;        // in source pixels: a handle's size on screen
    QTransform displayToWidget() const;
    QPointF toDisplay(const QPointF &widgetPoint) const;
    CropGeometry::Handle handleAt(const QPointF &widgetPoint) const;
    void changed();

    QImage m_image;
    QSize m_sourceSize;
    Crop m_crop;
    Drag m_drag = Drag::None;
    CropGeometry::Handle m_handle = CropGeometry::Handle::None;
    QPointF m_pressed;    // display pixels
    QRectF m_startRect;   // display pixels, when the drag started
};

} // namespace stills
