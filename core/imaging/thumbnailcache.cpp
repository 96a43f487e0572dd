#include "thumbnailcache.h"

#include "common/logging.h"
#include "imagedecoder.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QMutex>
#include <QSaveFile>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <optional>

namespace {

// This file's texts, under the context "Imaging" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Imaging)
};

} // namespace

namespace stills {

namespace {

constexpr qint64 DefaultMemoryBudget = 256 * 1024 * 1024;
constexpr int JpegQuality = 85;

// The hash becomes a file name: only letters and digits, so it can never name another folder.
bool isValidHash(const QString &hash)
{
    if (hash.size() < 2 || hash.size() > 128)
        return false;
    return std::all_of(hash.cbegin(), hash.cend(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
    });
}

bool isValidSize(int size)
{
    return std::find(std::begin(ThumbnailCache::Sizes), std::end(ThumbnailCache::Sizes), size)
        != std::end(ThumbnailCache::Sizes);
}

int roundedSize(int size)
{
    for (int s : ThumbnailCache::Sizes) {
        if (size <= s)
            return s;
    }
    return std::end(ThumbnailCache::Sizes)[-1];
}

// An alpha channel that is all opaque (common in PNGs) is dropped, so the thumbnail can be a JPEG.
bool hasTransparency(const QImage &image)
{
    if (!image.hasAlphaChannel())
        return false;
    const QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < argb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(argb.constScanLine(y));
        for (int x = 0; x < argb.width(); ++x) {
            if (qAlpha(line[x]) != 255)
                return true;
        }
    }
    return false;
}

// The disk thumbnail if there is a readable one. A damaged file (a disk error, a crash of an
// older version) is removed so that it is made again.
std::optional<QImage> loadFromDisk(const QString &cacheFolder, const QString &hash, int size)
{
    for (bool alpha : {false, true}) {
        const QString path = ThumbnailCache::diskPath(cacheFolder, hash, size, alpha);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue; // absent, the common case
        QImageReader reader(&file, alpha ? QByteArrayLiteral("png") : QByteArrayLiteral("jpeg"));
        QImage image = reader.read();
        if (!image.isNull())
            return image;
        qCWarning(lcImaging) << "removing the damaged cached thumbnail" << path << reader.errorString();
        file.close();
        QFile::remove(path);
    }
    return std::nullopt;
}

// Encodes `image` and writes it atomically under its final name.
Result<QString> writeThumbnail(const QString &cacheFolder, const QString &hash, int size, const QImage &image)
{
    const bool alpha = hasTransparency(image);
    const QImage pixels = !alpha && image.hasAlphaChannel() ? image.convertToFormat(QImage::Format_RGB32) : image;
    const QString target = ThumbnailCache::diskPath(cacheFolder, hash, size, alpha);
    const QString folder = QFileInfo(target).path();
    if (!QDir().mkpath(folder))
        return Error::io(Tr::tr("The thumbnail folder “%1” could not be created").arg(folder));

    // Encoded in memory first: QImageWriter does not notice a short write (a full disk, a file
    // size limit), so the bytes are written here in one call whose count is checked.
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, alpha ? QByteArrayLiteral("png") : QByteArrayLiteral("jpeg"));
        if (!alpha) {
            writer.setQuality(JpegQuality);
            writer.setOptimizedWrite(false);
            writer.setProgressiveScanWrite(false);
        }
        if (!writer.write(pixels))
            return Error::io(Tr::tr("The thumbnail could not be encoded: %1").arg(writer.errorString()));
    }
    // QSaveFile writes a temporary file next to the target and renames it on commit(); when the
    // write or the rename fails, the temporary file is removed and the target is untouched.
    // Unbuffered, because Qt 6.4 reports a short write only from write() itself: a buffered
    // write that fails at the final flush still commits (a truncated file under the final name).
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return Error::io(Tr::tr("The thumbnail “%1” could not be written: %2").arg(target, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.error() != QFileDevice::NoError ? file.errorString()
                                                                    : Tr::tr("the disk is full or the file too large");
        file.cancelWriting(); // the temporary file is discarded, the target untouched
        return Error::io(Tr::tr("The thumbnail “%1” could not be written: %2").arg(target, reason));
    }
    if (!file.commit())
        return Error::io(Tr::tr("The thumbnail “%1” could not be written: %2").arg(target, file.errorString()));
    // The image may have gained or lost transparency since the other variant was written (force).
    QFile::remove(ThumbnailCache::diskPath(cacheFolder, hash, size, !alpha));
    return target;
}

} // namespace

// Requests waiting for a worker, ordered by priority then recency. Shared between the owner's
// thread (request, retainOnly) and the pool's workers (which pop); every member is guarded by
// `mutex` except the atomics.
class ThumbnailCache::Queue
{
public:
    struct Item {
        Key key;
        QString path;
        int priority = 0;
        quint64 seq = 0;
    };
    using Order = std::pair<int, quint64>; // (priority, seq): the greatest goes first

    void push(Item item)
    {
        order.emplace(Order{item.priority, item.seq}, item.key);
        items.insert(item.key, std::move(item));
    }
    std::optional<Item> pop()
    {
        if (order.empty())
            return std::nullopt;
        const auto first = order.begin();
        const Key key = first->second;
        order.erase(first);
        return items.take(key);
    }
    void remove(const Item &item) { order.erase(Order{item.priority, item.seq}); }

    QMutex mutex;
    std::map<Order, Key, std::greater<Order>> order;
    QHash<Key, Item> items;
    quint64 nextSeq = 0;
    int runners = 0;    // workers started and not yet returned
    int maxRunners = 1; // the pool's thread count
    std::atomic_bool stopping{false};
    std::atomic_bool warnedWrite{false};
};

ThumbnailCache::ThumbnailCache(const QString &cacheFolder, QObject *parent)
    : QObject(parent)
    , m_cacheFolder(cacheFolder)
    , m_queue(std::make_shared<Queue>())
{
    m_memory.setMaxCost(DefaultMemoryBudget);
    setWorkerCount(QThread::idealThreadCount());
}

ThumbnailCache::~ThumbnailCache()
{
    {
        QMutexLocker lock(&m_queue->mutex);
        m_queue->stopping = true;
        m_queue->order.clear();
        m_queue->items.clear();
    }
    m_pool.clear();
    // Workers finish the file in hand (they skip the full decode once stopping is set); what
    // they post to this object afterwards is discarded with its pending events.
    m_pool.waitForDone();
}

void ThumbnailCache::setMemoryBudget(qint64 bytes)
{
    m_memory.setMaxCost(std::max<qint64>(0, bytes));
}

void ThumbnailCache::setWorkerCount(int threads)
{
    threads = std::max(1, threads);
    m_pool.setMaxThreadCount(threads);
    QMutexLocker lock(&m_queue->mutex);
    m_queue->maxRunners = threads;
    while (m_queue->runners < m_queue->maxRunners && m_queue->runners < m_queue->items.size())
        startWorkerIfNeeded();
}

void ThumbnailCache::startWorkerIfNeeded()
{
    // Called with the queue locked.
    if (m_queue->runners >= m_queue->maxRunners)
        return;
    ++m_queue->runners;
    m_pool.start([this] { workerLoop(); });
}

QImage ThumbnailCache::request(const QString &contentHash, const QString &path, int size, int priority)
{
    const Key key{contentHash, roundedSize(size)};
    const Entry *entry = m_memory.object(key);
    if (entry && !entry->provisional)
        return entry->image;
    const QImage best = entry ? entry->image : QImage();
    if (m_failures.contains(contentHash))
        return best;
    if (!isValidHash(contentHash)) {
        // Remembered like any failure; announced from the event loop, not from inside a paint.
        const QString reason = Tr::tr("The shot has no valid content hash");
        m_failures.insert(contentHash, reason);
        QMetaObject::invokeMethod(this, [this, contentHash, reason] { Q_EMIT thumbnailFailed(contentHash, reason); },
                                  Qt::QueuedConnection);
        return best;
    }

    QMutexLocker lock(&m_queue->mutex);
    const quint64 seq = ++m_queue->nextSeq;
    const auto queued = m_queue->items.find(key);
    if (queued != m_queue->items.end()) {
        Queue::Item item = *queued;
        m_queue->remove(item);
        item.priority = priority;
        item.seq = seq;
        m_queue->push(std::move(item));
        return best;
    }
    if (m_outstanding.contains(key))
        return best; // running now
    m_queue->push(Queue::Item{key, path, priority, seq});
    m_outstanding.insert(key);
    startWorkerIfNeeded();
    return best;
}

void ThumbnailCache::retainOnly(const QSet<QString> &keep)
{
    QMutexLocker lock(&m_queue->mutex);
    for (auto it = m_queue->items.begin(); it != m_queue->items.end();) {
        if (keep.contains(it->key.hash)) {
            ++it;
            continue;
        }
        m_queue->remove(*it);
        m_outstanding.remove(it->key);
        it = m_queue->items.erase(it);
    }
}

bool ThumbnailCache::hasFailed(const QString &contentHash) const
{
    return m_failures.contains(contentHash);
}

QString ThumbnailCache::failureReason(const QString &contentHash) const
{
    return m_failures.value(contentHash);
}

int ThumbnailCache::pendingCount() const
{
    return int(m_outstanding.size());
}

void ThumbnailCache::workerLoop()
{
    // Runs on a pool thread. Touches only the queue (under its mutex), the immutable cache folder
    // and files; results go to the owner's thread as queued calls.
    for (;;) {
        std::optional<Queue::Item> item;
        {
            QMutexLocker lock(&m_queue->mutex);
            if (!m_queue->stopping)
                item = m_queue->pop();
            if (!item) {
                --m_queue->runners;
                return;
            }
        }
        const Key key = item->key;

        if (auto cached = loadFromDisk(m_cacheFolder, key.hash, key.size)) {
            QMetaObject::invokeMethod(this, [this, key, image = *cached] { deliverFinal(key, image); },
                                      Qt::QueuedConnection);
            continue;
        }
        if (auto preview = ImageDecoder::embeddedPreview(item->path)) {
            QMetaObject::invokeMethod(this, [this, key, image = *preview] { deliverPreview(key, image); },
                                      Qt::QueuedConnection);
        }
        if (m_queue->stopping)
            return; // the destructor no longer counts runners
        auto image = ImageDecoder::decodeScaled(item->path, key.size);
        if (!image) {
            qCDebug(lcImaging) << "thumbnail failed" << item->path << image.error().message;
            QMetaObject::invokeMethod(this, [this, key, reason = image.error().message] { deliverFailure(key, reason); },
                                      Qt::QueuedConnection);
            continue;
        }
        // A cache that cannot be written still serves the image from memory; said once.
        const auto written = writeThumbnail(m_cacheFolder, key.hash, key.size, *image);
        if (!written && !m_queue->warnedWrite.exchange(true))
            qCWarning(lcImaging) << "the thumbnail cache cannot be written:" << written.error().message;
        QMetaObject::invokeMethod(this, [this, key, image = std::move(*image)] { deliverFinal(key, image); },
                                  Qt::QueuedConnection);
    }
}

void ThumbnailCache::deliverPreview(const Key &key, const QImage &image)
{
    const Entry *entry = m_memory.object(key);
    if (entry && !entry->provisional)
        return;
    m_memory.insert(key, new Entry{image, true}, image.sizeInBytes());
    Q_EMIT previewReady(key.hash, key.size);
}

void ThumbnailCache::deliverFinal(const Key &key, const QImage &image)
{
    m_outstanding.remove(key);
    m_memory.insert(key, new Entry{image, false}, image.sizeInBytes());
    Q_EMIT thumbnailReady(key.hash, key.size);
}

void ThumbnailCache::deliverFailure(const Key &key, const QString &reason)
{
    m_outstanding.remove(key);
    m_failures.insert(key.hash, reason);
    Q_EMIT thumbnailFailed(key.hash, reason);
}

Result<QString> ThumbnailCache::buildOnDisk(const QString &cacheFolder, const QString &contentHash, const QString &path,
                                            int size, bool force)
{
    if (!isValidHash(contentHash))
        return Error::invalid(Tr::tr("“%1” is not a content hash").arg(contentHash));
    if (!isValidSize(size))
        return Error::invalid(Tr::tr("Thumbnails are 256, 512 or 1024 pixels, not %1").arg(size));
    if (!force) {
        for (bool alpha : {false, true}) {
            const QString existing = diskPath(cacheFolder, contentHash, size, alpha);
            if (QFileInfo::exists(existing))
                return existing;
        }
    }
    auto image = ImageDecoder::decodeScaled(path, size);
    if (!image)
        return image.error();
    return writeThumbnail(cacheFolder, contentHash, size, *image);
}

QString ThumbnailCache::diskPath(const QString &cacheFolder, const QString &contentHash, int size, bool alpha)
{
    return cacheFolder + u"/thumbnails/" + QString::number(size) + u'/' + contentHash.left(2) + u'/' + contentHash
        + (alpha ? u".png" : u".jpg");
}

} // namespace stills
