#include "previewwidget.h"

#include "imaging/imagedecoder.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QPainter>
#include <QPointer>
#include <QScreen>
#include <QtConcurrent/QtConcurrentRun>

namespace stills {

PreviewWidget::PreviewWidget(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent, true);
    m_pool.setMaxThreadCount(1);
}

PreviewWidget::~PreviewWidget()
{
    ++m_generation;
    m_pool.clear();
    m_pool.waitForDone();
}

void PreviewWidget::clear()
{
    ++m_generation;
    m_image = QImage();
    m_error.clear();
    m_path.clear();
    m_loading = false;
    update();
}

void PreviewWidget::showShot(const QString &path, const QImage &standIn)
{
    const quint64 generation = ++m_generation;
    m_path = path;
    m_image = standIn;
    m_error.clear();
    m_loading = true;
    update();
    // Decode for the screen, not the file: a 50 MP original is scaled down while it is decoded.
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QSize screenSize = screen ? screen->size() * screen->devicePixelRatio() : QSize(1920, 1080);
    const int longEdge = std::max(screenSize.width(), screenSize.height());
    m_pool.clear(); // queued, not yet started decodes of older requests are pointless
    QPointer<PreviewWidget> self(this);
    QtConcurrent::run(&m_pool, [path, longEdge] { return ImageDecoder::decodeScaled(path, longEdge); })
        .then(this, [self, generation](const Result<QImage> &result) {
            if (!self || generation != self->m_generation)
                return; // a newer request started meanwhile
            self->m_loading = false;
            if (result)
                self->m_image = *result;
            else
                self->m_error = result.error().message;
            self->update();
            Q_EMIT self->loaded();
        });
}

void PreviewWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x1e, 0x1e, 0x1e));
    if (!m_image.isNull()) {
        const QSize fitted = (m_image.size() / m_image.devicePixelRatio()).scaled(size(), Qt::KeepAspectRatio);
        const QSize shown = fitted.width() > m_image.width() * 4 ? m_image.size() * 4 : fitted;
        const QRect target(QPoint((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown);
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        painter.drawImage(target, m_image);
    }
    painter.setPen(QColor(0xdd, 0xdd, 0xdd));
    QString caption = QFileInfo(m_path).fileName();
    if (!m_error.isEmpty())
        caption = tr("%1 cannot be shown: %2").arg(caption, m_error);
    else if (m_loading)
        caption += tr(" — loading…");
    painter.drawText(rect().adjusted(12, 8, -12, -8), Qt::AlignBottom | Qt::AlignHCenter | Qt::TextWordWrap, caption);
}

void PreviewWidget::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Escape:
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        Q_EMIT closeRequested();
        return;
    case Qt::Key_Right:
    case Qt::Key_Down:
        Q_EMIT nextRequested();
        return;
    case Qt::Key_Left:
    case Qt::Key_Up:
        Q_EMIT previousRequested();
        return;
    case Qt::Key_0: case Qt::Key_1: case Qt::Key_2: case Qt::Key_3: case Qt::Key_4:
    case Qt::Key_5: case Qt::Key_6: case Qt::Key_7: case Qt::Key_8: case Qt::Key_9:
    case Qt::Key_P: case Qt::Key_X: case Qt::Key_U:
        if ((event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier) {
            Q_EMIT curationKeyPressed(event->key());
            return;
        }
        QWidget::keyPressEvent(event);
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void PreviewWidget::mouseDoubleClickEvent(QMouseEvent *)
{
    Q_EMIT closeRequested();
}

} // namespace stills
