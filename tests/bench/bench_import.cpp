// Import throughput (scan + hash + metadata + insert, no thumbnails) on the corpus photos.
// Usage: bench_import [FOLDER] [--postgres URL]   (default folder: the corpus photos)
// Prints files/s and MB/s for 1 and 2 workers on a fresh SQLite catalog each run (best of 3),
// and on PostgreSQL when a URL of a scratch database is given.
#include "catalog/catalog.h"
#include "importing/folderimporter.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>

using namespace stills;

namespace {

double runOnce(const CatalogUrl &url, const QString &folder, int workers, qint64 *files)
{
    auto catalog = Catalog::open(url);
    if (!catalog) {
        std::fprintf(stderr, "cannot open catalog: %s\n", qPrintable(catalog.error().message));
        std::exit(2);
    }
    FolderImporter importer(**catalog);
    ImportOptions options;
    options.path = folder;
    options.workers = workers;
    QElapsedTimer timer;
    timer.start();
    auto summary = importer.run(options);
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (!summary) {
        std::fprintf(stderr, "import failed: %s\n", qPrintable(summary.error().message));
        std::exit(2);
    }
    *files = summary->scanned;
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString pgUrl;
    if (const qsizetype i = args.indexOf(QStringLiteral("--postgres")); i >= 0 && i + 1 < args.size()) {
        pgUrl = args.at(i + 1);
        args.remove(i, 2);
    }
    const QString folder = args.value(0, QStringLiteral(STILLS_CORPUS_DIR "/photos"));
    qint64 bytes = 0;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        bytes += it.fileInfo().size();
    }
    std::printf("import benchmark over %s (%.1f MB)\n", qPrintable(folder), bytes / 1e6);

    // Warm the page cache so that every run reads from memory alike.
    {
        QTemporaryDir dir;
        qint64 files = 0;
        runOnce(CatalogUrl::sqlite(dir.filePath(QStringLiteral("warm.db"))), folder, 2, &files);
    }
    for (int workers : {1, 2}) {
        double best = 1e9;
        qint64 files = 0;
        for (int run = 0; run < 3; ++run) {
            QTemporaryDir dir;
            best = std::min(best, runOnce(CatalogUrl::sqlite(dir.filePath(QStringLiteral("bench.db"))), folder, workers, &files));
        }
        std::printf("sqlite     %d worker(s): %lld files in %.3f s = %.0f files/s, %.0f MB/s\n", workers, files, best,
                    files / best, bytes / 1e6 / best);
    }
    if (!pgUrl.isEmpty()) {
        auto url = CatalogUrl::parse(pgUrl);
        if (!url) {
            std::fprintf(stderr, "%s\n", qPrintable(url.error().message));
            return 2;
        }
        qint64 files = 0;
        const double seconds = runOnce(*url, folder, 2, &files);
        std::printf("postgresql 2 worker(s): %lld files in %.3f s = %.0f files/s (first import into that database)\n",
                    files, seconds, files / seconds);
    }
    return 0;
}
