// Export throughput. Imports the corpus photos into a scratch SQLite catalog, then:
//  1. ZIP of originals (stored) with Stills, beside `zip -0` over the same files in the same run
//     (both read the same files REPEAT times: Stills gets the shot list repeated, zip gets one
//     symbolic link per copy, which it follows); best of 3 each, MB/s and the ratio.
//  2. Crops rendered from the originals (one centre crop per shot, JPEG, long edge <= 1024):
//     images/s, for 1 and 2 worker threads.
// Usage: bench_export [FOLDER] [--repeat N]   (default: the corpus photos, N = 4)
#include "catalog/catalog.h"
#include "catalog/croprepository.h"
#include "catalog/shotrepository.h"
#include "exporting/exporter.h"
#include "importing/folderimporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace stills;

namespace {

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_export: %s\n", qPrintable(message));
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv); // QImage encoders
    QStringList args = app.arguments().mid(1);
    int repeat = 4;
    if (const qsizetype i = args.indexOf(QStringLiteral("--repeat")); i >= 0 && i + 1 < args.size()) {
        repeat = std::max(1, args.at(i + 1).toInt());
        args.remove(i, 2);
    }
    const QString folder = args.value(0, QStringLiteral(STILLS_CORPUS_DIR "/photos"));
    QTemporaryDir dir;
    auto catalog = Catalog::open(CatalogUrl::sqlite(dir.filePath(QStringLiteral("bench.db"))));
    if (!catalog)
        die(catalog.error().message);
    FolderImporter importer(**catalog);
    ImportOptions importOptions;
    importOptions.path = folder;
    auto imported = importer.run(importOptions);
    if (!imported)
        die(imported.error().message);

    // The readable shots, and the same files for zip through links.
    ShotRepository shots(**catalog);
    auto page = shots.page(0, 1 << 30);
    if (!page)
        die(page.error().message);
    QList<qint64> ids;
    QStringList links;
    qint64 bytes = 0;
    const QString linkDir = dir.filePath(QStringLiteral("links"));
    QDir().mkpath(linkDir);
    for (int copy = 0; copy < repeat; ++copy) {
        for (const Shot &s : std::as_const(*page)) {
            if (s.status != Shot::Status::Ok)
                continue;
            ids.append(s.id);
            bytes += s.byteSize;
            const QString link = QStringLiteral("%1/%2_%3.%4").arg(linkDir).arg(copy).arg(s.id).arg(QFileInfo(s.path).suffix());
            if (!QFile::link(s.path, link))
                die(QStringLiteral("cannot link ") + link);
            links.append(link);
        }
    }
    const qint64 distinct = ids.size() / repeat;
    std::printf("export benchmark: %lld shots (%lld distinct, x%d), %.1f MB per run, from %s\n", qint64(ids.size()),
                distinct, repeat, bytes / 1e6, qPrintable(folder));

    // Warm the page cache so that both sides read from memory.
    for (const Shot &s : std::as_const(*page)) {
        QFile f(s.path);
        if (f.open(QIODevice::ReadOnly))
            while (!f.read(1 << 20).isEmpty()) {
            }
    }

    double bestStills = 1e9;
    double bestZip = 1e9;
    for (int round = 0; round < 3; ++round) {
        const QString ours = dir.filePath(QStringLiteral("stills-%1.zip").arg(round));
        Exporter exporter(**catalog);
        ExportOptions options;
        options.shotIds = ids;
        options.target = ours;
        options.recipe.caption = ExportRecipe::Caption::None;
        options.recipe.manifest = false;
        QElapsedTimer timer;
        timer.start();
        auto summary = exporter.run(options);
        bestStills = std::min(bestStills, timer.nsecsElapsed() / 1e9);
        if (!summary)
            die(summary.error().message);
        QFile::remove(ours);

        const QString theirs = dir.filePath(QStringLiteral("zip-%1.zip").arg(round));
        QProcess zip;
        zip.setWorkingDirectory(linkDir);
        timer.restart();
        zip.start(QStringLiteral("zip"), QStringList{QStringLiteral("-0"), QStringLiteral("-q"), theirs, QStringLiteral("-@")});
        zip.waitForStarted();
        for (const QString &link : std::as_const(links))
            zip.write(QFileInfo(link).fileName().toUtf8() + '\n');
        zip.closeWriteChannel();
        if (!zip.waitForFinished(600'000) || zip.exitCode() != 0)
            die(QStringLiteral("zip -0 failed: ") + QString::fromUtf8(zip.readAllStandardError()));
        bestZip = std::min(bestZip, timer.nsecsElapsed() / 1e9);
        QFile::remove(theirs);
    }
    const double stillsRate = bytes / 1e6 / bestStills;
    const double zipRate = bytes / 1e6 / bestZip;
    std::printf("ZIP of originals, stored (best of 3):\n");
    std::printf("  zip -0     %8.1f MB/s  (%.3f s)\n", zipRate, bestZip);
    std::printf("  Stills     %8.1f MB/s  (%.3f s)\n", stillsRate, bestStills);
    std::printf("  ratio Stills / zip -0 = %.2f   (target: >= 400 MB/s)\n", stillsRate / zipRate);

    // Crops rendered: one centre crop per distinct shot.
    CropRepository crops(**catalog);
    QList<qint64> cropIds = ids.mid(0, distinct);
    for (qint64 id : std::as_const(cropIds)) {
        Crop c;
        c.shotId = id;
        c.name = QStringLiteral("centre");
        c.rect = QRectF(0.2, 0.2, 0.6, 0.6);
        if (auto saved = crops.save(c); !saved)
            die(saved.error().message);
    }
    std::printf("Crops rendered (decode full size, cut, scale to <= 1024 px, JPEG q92), %lld shots:\n", distinct);
    for (int workers : {1, 2}) {
        Exporter exporter(**catalog);
        ExportOptions options;
        options.shotIds = cropIds;
        options.target = dir.filePath(QStringLiteral("crops-%1.zip").arg(workers));
        options.workers = workers;
        options.recipe.images = ExportRecipe::Images::Crops;
        options.recipe.maxEdge = 1024;
        QElapsedTimer timer;
        timer.start();
        auto summary = exporter.run(options);
        const double seconds = timer.nsecsElapsed() / 1e9;
        if (!summary)
            die(summary.error().message);
        std::printf("  %d worker(s): %6.1f images/s  (%lld images, %lld skipped, %.2f s)\n", workers,
                    summary->images / seconds, summary->images, summary->skipped, seconds);
    }
    return 0;
}
