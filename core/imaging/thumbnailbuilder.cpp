#include "thumbnailbuilder.h"

#include "catalog/shotrepository.h"
#include "common/logging.h"
#include "thumbnailcache.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QWaitCondition>

#include <algorithm>

namespace {

// This file's texts, under the context "Imaging" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Imaging)
};

} // namespace

namespace stills {

namespace {

constexpr int PageSize = 256;
constexpr int ProgressIntervalMs = 100;

struct Outcome {
    enum class Kind { Built, Cached, Failed };
    Kind kind = Kind::Failed;
    QString path;
    QString reason;
};

// What the workers hand back to the calling thread. Guarded by `mutex`.
struct Completions {
    QMutex mutex;
    QWaitCondition changed;
    QList<Outcome> outcomes;
    int inFlight = 0;
};

Outcome makeThumbnail(const QString &cacheFolder, const Shot &shot, int size, bool force)
{
    Outcome outcome;
    outcome.path = shot.path;
    if (!force
        && (QFileInfo::exists(ThumbnailCache::diskPath(cacheFolder, shot.contentHash, size, false))
            || QFileInfo::exists(ThumbnailCache::diskPath(cacheFolder, shot.contentHash, size, true)))) {
        outcome.kind = Outcome::Kind::Cached;
        return outcome;
    }
    const auto built = ThumbnailCache::buildOnDisk(cacheFolder, shot.contentHash, shot.path, size, true);
    if (built) {
        outcome.kind = Outcome::Kind::Built;
    } else {
        outcome.kind = Outcome::Kind::Failed;
        outcome.reason = built.error().message;
    }
    return outcome;
}

} // namespace

Result<ThumbnailBuildSummary> ThumbnailBuilder::run(const QString &cacheFolder, int size, bool force, int workers)
{
    if (std::find(std::begin(ThumbnailCache::Sizes), std::end(ThumbnailCache::Sizes), size)
        == std::end(ThumbnailCache::Sizes))
        return Error::invalid(Tr::tr("Thumbnails are 256, 512 or 1024 pixels, not %1").arg(size));
    // Checked once here, so an unwritable cache is one clear error rather than one per shot.
    const QString root = QFileInfo(ThumbnailCache::diskPath(cacheFolder, QStringLiteral("00"), size)).path();
    if (!QDir().mkpath(root))
        return Error::io(Tr::tr("The thumbnail cache “%1” could not be created").arg(cacheFolder));

    ShotRepository shots(m_catalog);
    auto count = shots.count();
    if (!count)
        return count.error();
    qint64 total = *count;

    const int threads = workers > 0 ? workers : std::max(1, QThread::idealThreadCount());
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    // Enough queued work to keep every thread busy while the calling thread reads the next page,
    // little enough that cancel() takes effect at once.
    const int window = threads * 4;

    ThumbnailBuildSummary summary;
    Completions completions;
    qint64 done = 0; // shots looked at: completed, and skipped because unreadable
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const auto report = [&](bool always) {
        if (!m_progress || (!always && sinceProgress.elapsed() < ProgressIntervalMs))
            return;
        total = std::max(total, done); // shots imported while this runs
        m_progress(done, total);
        sinceProgress.restart();
    };
    // Applies finished work on this thread until at most `maxInFlight` files are still running.
    const auto collect = [&](int maxInFlight) {
        for (;;) {
            QList<Outcome> finished;
            int inFlight = 0;
            {
                QMutexLocker lock(&completions.mutex);
                if (completions.outcomes.isEmpty() && completions.inFlight > maxInFlight)
                    completions.changed.wait(&completions.mutex);
                finished.swap(completions.outcomes);
                inFlight = completions.inFlight;
            }
            for (Outcome &o : finished) {
                ++done;
                switch (o.kind) {
                case Outcome::Kind::Built: ++summary.built; break;
                case Outcome::Kind::Cached: ++summary.cached; break;
                case Outcome::Kind::Failed:
                    ++summary.failed;
                    summary.failures.append({o.path, o.reason});
                    break;
                }
            }
            if (!finished.isEmpty())
                report(false);
            if (inFlight <= maxInFlight)
                return;
        }
    };

    if (m_progress)
        m_progress(0, total);
    qint64 afterId = 0;
    bool more = true;
    while (more && !m_cancelled.load()) {
        auto page = shots.page(afterId, PageSize);
        if (!page) {
            collect(0);
            return page.error();
        }
        more = page->size() == PageSize;
        for (const Shot &shot : std::as_const(*page)) {
            if (m_cancelled.load())
                break;
            afterId = shot.id;
            if (shot.status != Shot::Status::Ok || shot.contentHash.isEmpty()) {
                ++done;
                continue;
            }
            ++summary.total;
            collect(window - 1);
            {
                QMutexLocker lock(&completions.mutex);
                ++completions.inFlight;
            }
            pool.start([&completions, cacheFolder, shot, size, force] {
                Outcome outcome = makeThumbnail(cacheFolder, shot, size, force);
                QMutexLocker lock(&completions.mutex);
                completions.outcomes.append(std::move(outcome));
                --completions.inFlight;
                completions.changed.wakeAll();
            });
        }
        report(false);
    }
    collect(0);
    pool.waitForDone();
    summary.cancelled = m_cancelled.load();
    report(true);
    qCDebug(lcImaging) << "thumbnails" << size << "px:" << summary.built << "built," << summary.cached << "cached,"
                      << summary.failed << "failed" << (summary.cancelled ? "(cancelled)" : "");
    return summary;
}

} // namespace stills
