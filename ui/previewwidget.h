#pragma once

#include <QImage>
#include <QThreadPool>
#include <QWidget>

namespace stills {

// The large preview of one shot, fitted to the widget. Decoding runs on the widget's own pool
// (never on the GUI thread); the newest request wins — a result for a shot the user has already
// moved past is dropped. A quick stand-in (the grid thumbnail) is shown until the decode arrives.
class PreviewWidget : public QWidget
{
    Q_OBJECT

public:
    explicit PreviewWidget(QWidget *parent = nullptr);
    ~PreviewWidget() override;

    void showShot(const QString &path, const QImage &standIn);
    void clear();
    bool isLoading() const { return m_loading; }
    const QImage &image() const { return m_image; }
    QString errorText() const { return m_error; }

Q_SIGNALS:
    void closeRequested();
    void nextRequested();
    void previousRequested();
    void loaded();
    void curationKeyPressed(int key); // 0–9, P, X, U: rate, flag or label the shot shown

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    QThreadPool m_pool;
    quint64 m_generation = 0;
    QImage m_image;
    QString m_error;
    QString m_path;
    bool m_loading = false;
};

} // namespace stills
