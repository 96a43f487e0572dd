#pragma once

#include "common/result.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace stills {

// Thumbnails keyed by content hash and size (256/512/1024 long edge): in memory (a QCache costed
// in bytes), on disk under <cacheFolder>/thumbnails/<size>/<hh>/<hash>.jpg|png, and made on demand.
//
// Thread contract: construct and call from the GUI thread (or any one thread with an event loop).
// Disk reads, decoding and encoding run on a QThreadPool owned by the cache; results are
// delivered by the signals, on the owner's thread. The calling thread never decodes an image and
// never touches a file.
//
// Scheduling: a priority queue of its own (higher priority first; among equals the latest request
// first), so that the rows the view just scrolled to go before the ones it left.
//
// Failures (a file that cannot be decoded) are remembered per content hash for the life of the
// object, with their reason, so a broken file is not decoded again on every scroll.
class ThumbnailCache : public QObject
{
    Q_OBJECT

public:
    static constexpr int Sizes[] = {256, 512, 1024};

    explicit ThumbnailCache(const QString &cacheFolder, QObject *parent = nullptr);
    // Drops queued requests and waits for the decodes already running (at most one per worker).
    ~ThumbnailCache() override;

    void setMemoryBudget(qint64 bytes); // default 256 MB; cost is QImage::sizeInBytes()
    void setWorkerCount(int threads);   // default QThread::idealThreadCount()

    // The best image available now from memory: the final thumbnail, else the provisional EXIF
    // preview, else a null QImage. Unless the final one is in memory or the hash is known to have
    // failed, schedules a load with `priority` (higher = sooner); a load that is already queued only
    // gets the new priority. `size` is rounded up to one of Sizes (above 1024: 1024), and the
    // signals carry the rounded size.
    QImage request(const QString &contentHash, const QString &path, int size, int priority);

    // Drops queued (not yet running) requests whose hash is not in `keep`.
    void retainOnly(const QSet<QString> &keep);

    bool hasFailed(const QString &contentHash) const;
    QString failureReason(const QString &contentHash) const; // empty unless hasFailed()

    // Requests queued or running whose result has not been delivered yet.
    int pendingCount() const;

    // Makes the disk thumbnail unless it exists (or, with force, in any case) and returns its
    // path. Synchronous and thread-safe: for the command line, ThumbnailBuilder and tests.
    // The file is written atomically (QSaveFile: a temporary file renamed over the final name), so
    // a failed or interrupted write never leaves a partial file under the final name.
    // Errors: those of ImageDecoder::decodeScaled, Io when the cache cannot be written,
    // InvalidInput for a hash that is not hex or a size not in Sizes.
    static Result<QString> buildOnDisk(const QString &cacheFolder, const QString &contentHash, const QString &path,
                                       int size, bool force);

    // Where the thumbnail lives: JPEG (quality 85) for opaque images, PNG when it has alpha.
    static QString diskPath(const QString &cacheFolder, const QString &contentHash, int size, bool alpha = false);

Q_SIGNALS:
    void thumbnailReady(const QString &contentHash, int size); // final image now in memory
    void previewReady(const QString &contentHash, int size);   // provisional EXIF preview in memory
    void thumbnailFailed(const QString &contentHash, const QString &reason);

private:
    struct Key {
        QString hash;
        int size = 0;
        bool operator==(const Key &) const = default;
        friend size_t qHash(const Key &key, size_t seed = 0) { return qHashMulti(seed, key.hash, key.size); }
    };
    struct Entry {
        QImage image;
        bool provisional = false;
    };
    class Queue; // shared with the pool's workers; defined in the .cpp

    void startWorkerIfNeeded();
    void workerLoop();
    void deliverPreview(const Key &key, const QImage &image);
    void deliverFinal(const Key &key, const QImage &image);
    void deliverFailure(const Key &key, const QString &reason);

    QString m_cacheFolder;
    std::shared_ptr<Queue> m_queue;
    QCache<Key, Entry> m_memory;
    QHash<QString, QString> m_failures; // content hash -> reason
    QSet<Key> m_outstanding;            // queued or running, not yet delivered
    QThreadPool m_pool;                 // last: destroyed (and joined) first
};

} // namespace stills
