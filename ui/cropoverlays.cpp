#include "cropoverlays.h"

#include "catalog/croprepository.h"
#include "common/logging.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace stills {

CropOverlays::CropOverlays(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_flush.setSingleShot(true);
    m_flush.setInterval(0);
    connect(&m_flush, &QTimer::timeout, this, &CropOverlays::flush);
}

CropOverlays::~CropOverlays()
{
    ++m_generation;
    m_pool.waitForDone();
    releaseConnection();
}

void CropOverlays::releaseConnection()
{
    if (!m_catalog)
        return;
    const CatalogPtr catalog = m_catalog;
    m_pool.start([catalog] { catalog->releaseThreadConnection(); });
    m_pool.waitForDone();
}

void CropOverlays::setCatalog(CatalogPtr catalog)
{
    ++m_generation;
    m_pool.waitForDone();
    releaseConnection();
    m_catalog = std::move(catalog);
    m_known.clear();
    m_stale.clear();
    m_queued.clear();
    m_queue.clear();
    Q_EMIT changed();
}

const QList<QRectF> *CropOverlays::cropsOf(qint64 shotId)
{
    if (auto it = m_known.constFind(shotId); it != m_known.cend())
        return &it.value();
    if (!m_queued.contains(shotId) && m_catalog) {
        m_queued.insert(shotId);
        m_queue.append(shotId);
        m_flush.start();
    }
    if (auto it = m_stale.constFind(shotId); it != m_stale.cend())
        return &it.value();
    return nullptr;
}

void CropOverlays::invalidate()
{
    ++m_generation;
    for (auto it = m_known.cbegin(); it != m_known.cend(); ++it)
        m_stale.insert(it.key(), it.value());
    m_known.clear();
    m_queued.clear();
    m_queue.clear();
    Q_EMIT changed();
}

void CropOverlays::flush()
{
    if (m_queue.isEmpty() || !m_catalog)
        return;
    const QList<qint64> ids = std::exchange(m_queue, {});
    const quint64 generation = m_generation;
    const CatalogPtr catalog = m_catalog;
    ++m_loading;
    QPointer<CropOverlays> self(this);
    QtConcurrent::run(&m_pool, [catalog, ids] { return CropRepository(*catalog).ofShots(ids); })
        .then(this, [self, generation, ids](const Result<QList<Crop>> &crops) {
            if (!self)
                return;
            --self->m_loading;
            if (generation != self->m_generation)
                return; // invalidated meanwhile: asked again on the next paint
            if (self->m_known.size() > MaxKnown) {
                self->m_known.clear();
                self->m_stale.clear();
            }
            for (qint64 id : ids) {
                self->m_queued.remove(id);
                self->m_stale.remove(id);
                // A read that failed shows no overlay rather than asking again on every paint.
                self->m_known.insert(id, {});
            }
            if (crops) {
                for (const Crop &crop : *crops)
                    self->m_known[crop.shotId].append(crop.rect);
            } else {
                qCWarning(lcCatalog) << "the grid's crop overlays could not be read:" << crops.error().message;
            }
            Q_EMIT self->changed();
        });
}

} // namespace stills
