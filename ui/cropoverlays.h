#pragma once

#include "catalog/catalog.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QRectF>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

namespace stills {

// Which shots have crops, for the grid's tiles: the crops' rectangles (normalised on the upright
// image, the first by name first) per shot id. Painting asks; a shot not known yet is queued, and
// the queue is read in one statement (CropRepository::ofShots) on the object's own thread when the
// event loop comes back, then changed() asks for a repaint. Never blocks the GUI thread.
//
// After an edit, invalidate(): the known rectangles are kept on screen while they are read again.
class CropOverlays : public QObject
{
    Q_OBJECT

public:
    explicit CropOverlays(QObject *parent = nullptr);
    ~CropOverlays() override;

    void setCatalog(CatalogPtr catalog);
    // The crops of `shotId`, or nullptr while they are being read.
    const QList<QRectF> *cropsOf(qint64 shotId);
    void invalidate();
    bool isLoading() const { return m_loading > 0 || !m_queue.isEmpty(); }

Q_SIGNALS:
    void changed();

private:
    void flush();
    void releaseConnection();

    static constexpr int MaxKnown = 100'000; // forget everything beyond this many shots (a long scroll)

    CatalogPtr m_catalog;
    QThreadPool m_pool; // one thread, keeping its catalog connection
    QHash<qint64, QList<QRectF>> m_known;
    QHash<qint64, QList<QRectF>> m_stale; // shown until read again after invalidate()
    QSet<qint64> m_queued;
    QList<qint64> m_queue;
    QTimer m_flush;
    quint64 m_generation = 0;
    int m_loading = 0;
};

} // namespace stills
