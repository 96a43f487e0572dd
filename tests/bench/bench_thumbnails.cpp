// Thumbnail throughput on the corpus JPEGs, side by side in one run (best of 3 each):
//   (a) vipsthumbnail --size 256 over all files in one process (its default threads, and with
//       VIPS_CONCURRENCY=1 for a one-core figure),
//   (b) Stills' decode + encode + atomic write (ThumbnailCache::buildOnDisk, force) with 1 and 2
//       worker threads,
//   (c) the floor: libjpeg-turbo decoding at 1/8 scale through QImageReader, nothing else,
//   (d) peak resident memory of a 1- and a 2-worker run, and of one synthetic 20 MP photo
//       (baseline and progressive JPEG), each in a fresh child process.
// Usage: bench_thumbnails [FOLDER] [--size N]   (default: the corpus photos, 256 px)
// It measures, it does not assert.
#include "imaging/imagedecoder.h"
#include "imaging/thumbnailcache.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QImageReader>
#include <QImageWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

using namespace stills;

namespace {

QStringList jpegsUnder(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, {QStringLiteral("*.jpg"), QStringLiteral("*.jpeg"), QStringLiteral("*.JPG"), QStringLiteral("*.JPEG")},
                    QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

// Unique keys (the content hash is not what is measured, and duplicates would share a file).
QString keyFor(qsizetype i)
{
    return QStringLiteral("b%1").arg(i, 5, 10, QLatin1Char('0'));
}

double cpuSecondsOfChildren()
{
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// One vipsthumbnail process over every file; wall seconds, or a negative number if it did not run.
double runVips(const QStringList &files, int size, bool oneThread, double *cpuSeconds)
{
    QTemporaryDir out;
    QProcess vips;
    if (oneThread) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VIPS_CONCURRENCY"), QStringLiteral("1"));
        vips.setProcessEnvironment(env);
    }
    vips.setProcessChannelMode(QProcess::ForwardedOutputChannel); // its warnings are not ours to read
    vips.setStandardErrorFile(QProcess::nullDevice());
    QStringList arguments = {QStringLiteral("--size"), QString::number(size), QStringLiteral("-o"),
                             out.path() + QStringLiteral("/%s.jpg")};
    arguments += files;
    const double cpuBefore = cpuSecondsOfChildren();
    QElapsedTimer timer;
    timer.start();
    vips.start(QStringLiteral("vipsthumbnail"), arguments);
    if (!vips.waitForStarted(10000))
        return -1;
    vips.waitForFinished(-1);
    const double seconds = timer.nsecsElapsed() / 1e9;
    *cpuSeconds = cpuSecondsOfChildren() - cpuBefore;
    return seconds;
}

double cpuSecondsOfSelf()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// What `stills thumbnails` does per shot, on exactly `workers` pool threads (the calling thread
// only waits: QtConcurrent::blockingMap would make it a worker too).
double runStills(const QStringList &files, int size, int workers, qint64 *failed, double *cpuSeconds = nullptr)
{
    QTemporaryDir cache;
    QThreadPool pool;
    pool.setMaxThreadCount(workers);
    std::atomic<qsizetype> next{0};
    std::atomic<qint64> failures{0};
    const double cpuBefore = cpuSecondsOfSelf();
    QElapsedTimer timer;
    timer.start();
    for (int w = 0; w < workers; ++w) {
        pool.start([&] {
            for (qsizetype i = next++; i < files.size(); i = next++) {
                if (!ThumbnailCache::buildOnDisk(cache.path(), keyFor(i), files.at(i), size, true))
                    ++failures;
            }
        });
    }
    pool.waitForDone();
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (cpuSeconds)
        *cpuSeconds = cpuSecondsOfSelf() - cpuBefore;
    *failed = failures.load();
    return seconds;
}

// libjpeg's 1/8-scale decode alone: no orientation, no final scale, no encode, no write.
double runFloor(const QStringList &files)
{
    QElapsedTimer timer;
    timer.start();
    for (const QString &file : files) {
        QImageReader reader(file, "jpeg");
        const QSize size = reader.size();
        if (!size.isValid())
            continue;
        reader.setScaledSize(QSize(std::max(1, size.width() / 8), std::max(1, size.height() / 8)));
        reader.setQuality(40);
        (void)reader.read();
    }
    return timer.nsecsElapsed() / 1e9;
}

qint64 highWaterKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Child mode: the baseline high-water mark after Qt and the image plugins are loaded, then the
// high-water mark after a `workers` run over all files.
int childMeasureMemory(const QStringList &files, int size, int workers)
{
    // Loads Qt's image plugins and libjpeg with a tiny image, so the baseline holds the code, not a photo.
    QTemporaryDir warm;
    QImage tiny(64, 48, QImage::Format_RGB32);
    tiny.fill(Qt::gray);
    tiny.save(warm.filePath(QStringLiteral("tiny.jpg")), "jpeg");
    (void)ThumbnailCache::buildOnDisk(warm.path(), keyFor(0), warm.filePath(QStringLiteral("tiny.jpg")), size, true);
    const qint64 baseline = highWaterKb();
    qint64 failed = 0;
    runStills(files, size, workers, &failed);
    std::printf("%lld %lld\n", baseline, highWaterKb());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int size = 256;
    if (const qsizetype i = args.indexOf(QStringLiteral("--size")); i >= 0 && i + 1 < args.size()) {
        size = args.at(i + 1).toInt();
        args.remove(i, 2);
    }
    int childWorkers = 0;
    if (const qsizetype i = args.indexOf(QStringLiteral("--memory-child")); i >= 0 && i + 1 < args.size()) {
        childWorkers = args.at(i + 1).toInt();
        args.remove(i, 2);
    }
    const QString folder = args.value(0, QStringLiteral(STILLS_CORPUS_DIR "/photos"));
    const QStringList files = jpegsUnder(folder);
    if (files.isEmpty()) {
        std::fprintf(stderr, "no JPEG files under %s\n", qPrintable(folder));
        return 2;
    }
    if (childWorkers > 0)
        return childMeasureMemory(files, size, childWorkers);

    qint64 bytes = 0;
    qint64 maxPixels = 0;
    for (const QString &file : files) {
        bytes += QFileInfo(file).size();
        const QSize s = QImageReader(file).size();
        maxPixels = std::max(maxPixels, qint64(s.width()) * s.height());
    }
    const qint64 n = files.size();
    std::printf("thumbnail benchmark: %lld JPEGs under %s (%.1f MB, largest %.1f MP), %d px long edge, %d cores\n", n,
                qPrintable(folder), bytes / 1e6, maxPixels / 1e6, size, QThread::idealThreadCount());

    // Warm the page cache so that every contender reads from memory alike.
    qint64 failed = 0;
    runStills(files, size, 2, &failed);

    // Rounds interleave the contenders, so that load from elsewhere on the machine hits all alike;
    // each keeps its best wall time (and the CPU time of that run).
    struct Best {
        double wall = -1;
        double cpu = 0;
        void offer(double w, double c)
        {
            if (w > 0 && (wall < 0 || w < wall)) {
                wall = w;
                cpu = c;
            }
        }
    };
    const bool haveVips = !QStandardPaths::findExecutable(QStringLiteral("vipsthumbnail")).isEmpty();
    Best vips, vips1, stills1, stills2, floor;
    for (int round = 0; round < 3; ++round) {
        double cpu = 0;
        if (haveVips) {
            double wall = runVips(files, size, false, &cpu);
            vips.offer(wall, cpu);
            wall = runVips(files, size, true, &cpu);
            vips1.offer(wall, cpu);
        }
        double wall = runStills(files, size, 1, &failed, &cpu);
        stills1.offer(wall, cpu);
        wall = runStills(files, size, 2, &failed, &cpu);
        stills2.offer(wall, cpu);
        const double before = cpuSecondsOfSelf();
        wall = runFloor(files);
        floor.offer(wall, cpuSecondsOfSelf() - before);
    }
    const auto line = [n](const char *name, const Best &b, const char *note) {
        std::printf("%-28s %7.1f images/s  (%.2f s wall, %.2f s CPU = %.1f images per CPU-second)%s\n", name, n / b.wall,
                    b.wall, b.cpu, n / b.cpu, note);
    };
    if (haveVips) {
        line("vipsthumbnail, 1 process", vips, "");
        line("vipsthumbnail, 1 thread", vips1, "  VIPS_CONCURRENCY=1");
    } else {
        std::printf("vipsthumbnail                not installed (package libvips-tools)\n");
    }
    line("stills, 1 worker", stills1, "");
    line("stills, 2 workers", stills2, "");
    std::printf("  (%lld of %lld files fail in Stills: 12-bit or damaged JPEGs)\n", failed, n);
    line("libjpeg 1/8 decode floor", floor, "  QImageReader scaled read only, 1 thread");

    // Peak memory, each in a fresh child process: the corpus with 1 and 2 workers, then one
    // synthetic 20 MP photo, baseline and progressive (libjpeg keeps every coefficient of a
    // progressive image in memory, whatever the scale).
    const auto measure = [&](const QString &what, const QString &dir, int workers) {
        QProcess child;
        child.setStandardErrorFile(QProcess::nullDevice());
        child.start(QCoreApplication::applicationFilePath(),
                    {dir, QStringLiteral("--size"), QString::number(size), QStringLiteral("--memory-child"),
                     QString::number(workers)});
        child.waitForFinished(-1);
        const QList<QByteArray> kb = child.readAllStandardOutput().trimmed().split(' ');
        if (kb.size() != 2) {
            std::printf("peak RSS, %-18s the child process failed\n", qPrintable(what));
            return;
        }
        const double baseline = kb.at(0).toLongLong() / 1024.0;
        const double peak = kb.at(1).toLongLong() / 1024.0;
        std::printf("peak RSS, %-18s %7.1f MB  (VmHWM; %.1f MB after start-up, so %.1f MB per worker)\n", qPrintable(what),
                    peak, baseline, (peak - baseline) / workers);
    };
    measure(QStringLiteral("1 worker"), folder, 1);
    measure(QStringLiteral("2 workers"), folder, 2);
    QTemporaryDir synthetic;
    for (const bool progressive : {false, true}) {
        const QString dir = synthetic.filePath(progressive ? QStringLiteral("progressive") : QStringLiteral("baseline"));
        QDir().mkpath(dir);
        QImage photo(5472, 3648, QImage::Format_RGB32); // 20.0 MP, a 3:2 sensor
        for (int y = 0; y < photo.height(); ++y) {
            auto *line = reinterpret_cast<QRgb *>(photo.scanLine(y));
            for (int x = 0; x < photo.width(); ++x)
                line[x] = qRgb((x * 255) / photo.width(), (y * 255) / photo.height(), ((x ^ y) * 31) & 0xff);
        }
        QImageWriter writer(dir + QStringLiteral("/photo.jpg"), "jpeg");
        writer.setQuality(90);
        writer.setProgressiveScanWrite(progressive);
        writer.write(photo);
        measure(progressive ? QStringLiteral("20 MP progressive") : QStringLiteral("20 MP baseline"), dir, 1);
    }

    if (haveVips) {
        std::printf("ratio stills(1)/vips        %7.2f  (target >= 1.3; per CPU-second %.2f; against 1-thread vips %.2f)\n",
                    vips.wall / stills1.wall, vips.cpu / stills1.cpu, vips1.wall / stills1.wall);
    }
    std::printf("ratio stills(2)/stills(1)   %7.2f  (target >= 1.8)\n", stills1.wall / stills2.wall);
    return 0;
}
