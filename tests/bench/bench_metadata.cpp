// Measures metadata reading against the exiv2 command-line tool on the corpus JPEGs, side by side
// in one run (absolute numbers depend on the machine; the ratio is what to watch).
//
//   bench_metadata [corpus folder]
//
// No asserts: it prints one line per measurement.

#include "metadata/exifreader.h"
#include "metadata/fileprobe.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>

#include <algorithm>
#include <limits>

using namespace stills;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QStringList corpusJpegs(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString suffix = QFileInfo(path).suffix().toLower();
        if (suffix == u"jpg" || suffix == u"jpeg" || suffix == u"jpe")
            files.append(path);
    }
    files.sort();
    return files;
}

// Runs `pass` until at least `minimum` ms have been spent (and at least `minPasses` times);
// returns the fastest pass in ms.
template<typename Pass>
double bestOf(Pass pass, qint64 minimum, int minPasses, int *passes)
{
    double best = std::numeric_limits<double>::max();
    QElapsedTimer total;
    total.start();
    *passes = 0;
    while (*passes < minPasses || total.elapsed() < minimum) {
        QElapsedTimer t;
        t.start();
        pass();
        best = std::min(best, t.nsecsElapsed() / 1e6);
        ++*passes;
    }
    return best;
}

double perSecond(qsizetype count, double ms) { return ms > 0 ? count * 1000.0 / ms : 0; }

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // QImageReader finds its plugins through the application
    const QString corpus = app.arguments().value(1, QStringLiteral(STILLS_CORPUS_DIR));
    const QStringList files = corpusJpegs(corpus + u"/photos");
    if (files.isEmpty()) {
        out() << "no JPEGs under " << corpus << "/photos\n";
        return 1;
    }
    qint64 bytes = 0;
    for (const QString &f : files)
        bytes += QFileInfo(f).size();
    out() << "corpus: " << files.size() << " JPEGs, " << QString::number(bytes / 1e6, 'f', 1)
          << " MB under " << corpus << "/photos\n";
    out().flush();

    // (a) exiv2 CLI, all files in one process, so process start-up is paid once.
    double cliMs = 0;
    const QString exiv2 = QStandardPaths::findExecutable(QStringLiteral("exiv2"));
    if (exiv2.isEmpty()) {
        out() << "exiv2 CLI: not installed, skipped\n";
    } else {
        int passes = 0;
        cliMs = bestOf([&] {
            QProcess p;
            p.setStandardOutputFile(QProcess::nullDevice());
            p.setStandardErrorFile(QProcess::nullDevice());
            p.start(exiv2, QStringList{QStringLiteral("-pa")} + files);
            p.waitForFinished(-1);
        }, 0, 3, &passes);
        out() << "exiv2 CLI   `exiv2 -pa <" << files.size() << " files>` one process, best of " << passes << ": "
              << QString::number(cliMs, 'f', 1) << " ms -> " << qRound(perSecond(files.size(), cliMs)) << " files/s\n";
        out().flush();
    }

    // (b) ExifReader in-process, one thread.
    int failures = 0;
    int passes = 0;
    const double readerMs = bestOf([&] {
        failures = 0;
        for (const QString &f : files) {
            if (!ExifReader::read(f))
                ++failures;
        }
    }, 1000, 3, &passes);
    out() << "ExifReader  read(path) 1 thread, best of " << passes << " passes: " << QString::number(readerMs, 'f', 1)
          << " ms -> " << qRound(perSecond(files.size(), readerMs)) << " files/s (" << failures
          << " files with unreadable EXIF)\n";
    if (cliMs > 0)
        out() << "ratio       stills/exiv2-cli: " << QString::number(cliMs / readerMs, 'f', 2) << "x\n";
    out().flush();

    // (c) The whole probe: hash, sniff, header size, integrity check, EXIF.
    int notOk = 0;
    const double probeMs = bestOf([&] {
        notOk = 0;
        for (const QString &f : files) {
            if (FileProber::probe(f).status != Shot::Status::Ok)
                ++notOk;
        }
    }, 1000, 3, &passes);
    out() << "FileProber  probe(path) 1 thread, best of " << passes << " passes: " << QString::number(probeMs, 'f', 1)
          << " ms -> " << qRound(perSecond(files.size(), probeMs)) << " files/s, "
          << QString::number(bytes / 1e3 / probeMs, 'f', 0) << " MB/s incl. BLAKE2b-256 (" << notOk
          << " files not Ok)\n";
    return 0;
}
