// The window while 1,000 captions run as a background job: how late the GUI thread's 5 ms ticks
// come and how long a key press in the grid takes to be handled, measured side by side with the
// same window and the same user actions while nothing runs (the reference).
// Usage: QT_QPA_PLATFORM=offscreen bench_jobs [SHOTS]   (default 1000)
//   Makes SHOTS distinct JPEGs from the corpus photos in a temporary folder, imports them into a
//   SQLite catalog there, then runs the two phases.
#include "catalog/catalog.h"
#include "catalog/jobrepository.h"
#include "chatserver.h"
#include "common/settings.h"
#include "importing/folderimporter.h"
#include "jobs/jobkinds.h"
#include "jobs/jobqueue.h"
#include "mainwindow.h"
#include "models/shotlistmodel.h"
#include "shotgridview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QKeyEvent>
#include <QPainter>
#include <QThread>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace stills;

namespace {

struct Phase {
    QList<qint64> gapsNs;    // between two 5 ms watchdog ticks
    QList<qint64> keysNs;    // a key press in the grid: sent until handled (current row moved)
    double seconds = 0;

    static double percentile(QList<qint64> values, double p)
    {
        if (values.isEmpty())
            return 0;
        std::sort(values.begin(), values.end());
        return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size()))) / 1e6;
    }
    double worst(const QList<qint64> &values) const
    {
        return values.isEmpty() ? 0 : *std::max_element(values.begin(), values.end()) / 1e6;
    }
};

// The same user actions in both phases: a key press every 40 ms walking the grid right (and back
// at the end of the rows), which moves the current shot, updates the inspector and the caption
// editor; the watchdog samples the event loop throughout. Runs until `until()` or `maxMs`.
Phase interact(QApplication &app, MainWindow &window, const std::function<bool()> &until, qint64 maxMs)
{
    Phase phase;
    ShotGridView *grid = window.grid();
    QElapsedTimer tick;
    tick.start();
    QTimer watchdog;
    watchdog.setInterval(5);
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        phase.gapsNs.append(tick.nsecsElapsed());
        tick.restart();
    });
    watchdog.start();
    QElapsedTimer clock;
    clock.start();
    int direction = 1;
    while (!until() && clock.elapsed() < maxMs) {
        const int row = grid->currentIndex().row();
        const int rows = window.shotModel()->rowCount();
        if ((direction > 0 && row >= rows - 1) || (direction < 0 && row <= 0))
            direction = -direction;
        QElapsedTimer key;
        key.start();
        QKeyEvent press(QEvent::KeyPress, direction > 0 ? Qt::Key_Right : Qt::Key_Left, Qt::NoModifier);
        QApplication::sendEvent(grid, &press);
        QKeyEvent release(QEvent::KeyRelease, direction > 0 ? Qt::Key_Right : Qt::Key_Left, Qt::NoModifier);
        QApplication::sendEvent(grid, &release);
        // Handled: the view moved and what follows the move (inspector, caption editor) was posted
        // and processed.
        app.processEvents(QEventLoop::AllEvents);
        phase.keysNs.append(key.nsecsElapsed());
        QElapsedTimer frame;
        frame.start();
        while (frame.elapsed() < 40)
            app.processEvents(QEventLoop::AllEvents, 40);
    }
    phase.seconds = clock.elapsed() / 1000.0;
    return phase;
}

void print(const char *what, const Phase &reference, const Phase &busy, bool keys)
{
    const QList<qint64> &a = keys ? reference.keysNs : reference.gapsNs;
    const QList<qint64> &b = keys ? busy.keysNs : busy.gapsNs;
    const double p99a = Phase::percentile(a, 0.99), p99b = Phase::percentile(b, 0.99);
    const double worstA = reference.worst(a), worstB = busy.worst(b);
    std::printf("%-34s idle p50 %6.2f p99 %6.2f worst %7.2f ms | captioning p50 %6.2f p99 %6.2f worst %7.2f ms | "
                "p99 ratio %.2f\n",
                what, Phase::percentile(a, 0.5), p99a, worstA, Phase::percentile(b, 0.5), p99b, worstB,
                p99a > 0 ? p99b / p99a : 0.0);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Stills"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_jobs"));
    QStandardPaths::setTestModeEnabled(true); // the user's settings stay untouched
    const int shots = argc > 1 ? std::max(10, std::atoi(argv[1])) : 1000;
    QTemporaryDir dir;
    const QString photos = dir.filePath(QStringLiteral("photos"));
    QDir().mkpath(photos);

    // Distinct images (the import recognises identical files as one): corpus photos at 1024 px,
    // each with its number drawn in a corner.
    QList<QImage> sources;
    for (const char *name : {"ianare/Canon_40D.jpg", "exiv2/FurnaceCreekInn.jpg", "mei/Canon_EOS_7D.jpg",
                             "ianare/xmp_BlueSquare.jpg"}) {
        QImage image(QStringLiteral(STILLS_CORPUS_DIR "/photos/") + QLatin1String(name));
        if (image.isNull()) {
            std::fprintf(stderr, "cannot read corpus photo %s\n", name);
            return 2;
        }
        sources.append(image.scaled(1024, 1024, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    }
    QElapsedTimer setup;
    setup.start();
    for (int i = 0; i < shots; ++i) {
        QImage image = sources.at(i % sources.size()).convertToFormat(QImage::Format_RGB32);
        QPainter painter(&image);
        painter.setPen(Qt::white);
        painter.setFont(QFont(QStringLiteral("Sans"), 28));
        painter.drawText(QPoint(20, 50), QString::number(i));
        painter.end();
        if (!image.save(QStringLiteral("%1/still-%2.jpg").arg(photos).arg(i, 5, 10, QLatin1Char('0')), "JPEG", 85)) {
            std::fprintf(stderr, "cannot write the test images\n");
            return 2;
        }
    }
    auto catalog = Catalog::open(CatalogUrl::sqlite(dir.filePath(QStringLiteral("catalog.db"))));
    if (!catalog) {
        std::fprintf(stderr, "%s\n", qPrintable(catalog.error().message));
        return 2;
    }
    ImportOptions options;
    options.path = photos;
    auto imported = FolderImporter(**catalog).run(options);
    if (!imported || imported->added != shots) {
        std::fprintf(stderr, "the import did not add %d shots\n", shots);
        return 2;
    }
    std::printf("setup: %d JPEGs made and imported in %.1f s\n", shots, setup.elapsed() / 1000.0);

    MainWindow window(*catalog, dir.filePath(QStringLiteral("cache")));
    window.resize(1400, 900);
    window.show();
    QElapsedTimer wait;
    wait.start();
    while (!(window.shotModel()->rowCount() == shots && window.shotModel()->isLoaded(0)) && wait.elapsed() < 60000)
        app.processEvents(QEventLoop::AllEvents, 10);
    window.grid()->setCurrentIndex(window.shotModel()->index(0, 0));
    // Let thumbnails of the first screen load, so that both phases start from the same state.
    while (wait.elapsed() < 3000)
        app.processEvents(QEventLoop::AllEvents, 10);

    // Reference: the same window and actions, nothing running in the background.
    const Phase idle = interact(app, window, [] { return false; }, 8000);

    // Stills: Edit ▸ Select All, then Shot ▸ Caption Selected (the window's own path: with rows of
    // the selection not loaded yet it makes the job from the grid's query), while the user goes on.
    // One caption job of all shots with `settings` (saved as Preferences, where the window's
    // queue reads its generator), measured while the user goes on.
    auto captionPhase = [&](const char *label, const CaptionSettings &settings) -> std::optional<Phase> {
        Settings preferences = Settings::load();
        preferences.caption = settings;
        if (auto saved = preferences.save(); !saved) {
            std::fprintf(stderr, "cannot save the preferences: %s\n", qPrintable(saved.error().message));
            return std::nullopt;
        }
        window.grid()->selectAll();
        app.processEvents();
        const QList<Job> before = window.jobQueue()->jobs();
        if (!window.captionSelection(false) || window.jobQueue()->jobs().size() != before.size() + 1) {
            std::fprintf(stderr, "Caption Selected did not start a job\n");
            return std::nullopt;
        }
        const qint64 jobId = window.jobQueue()->jobs().first().id;
        window.grid()->setCurrentIndex(window.shotModel()->index(0, 0)); // the user walks from the top again
        QElapsedTimer captioning;
        captioning.start();
        const Phase busy = interact(app, window, [&] { return !window.jobQueue()->isActive(jobId); }, 900000);
        const double captionSeconds = captioning.elapsed() / 1000.0;
        auto job = JobRepository(**catalog).get(jobId);
        if (!job || job->state != Job::State::Done || job->done != shots || job->failed != 0) {
            std::fprintf(stderr, "the caption job did not finish: %s\n",
                         job ? qPrintable(Job::stateName(job->state) + QStringLiteral(" done ") + QString::number(job->done)
                                          + QStringLiteral(" failed ") + QString::number(job->failed) + u' ' + job->error)
                             : "unknown");
            return std::nullopt;
        }
        std::printf("\n%s: %d captions in %.1f s (%.0f per second); %d key presses idle, %d while captioning; "
                    "the job was made from %s\n",
                    label, shots, captionSeconds, shots / captionSeconds, int(idle.keysNs.size()), int(busy.keysNs.size()),
                    job->parameters.contains(QStringLiteral("query")) ? "the grid's query (rows not all loaded)"
                                                                     : "the selected ids");
        print("event-loop gap (5 ms ticks)", idle, busy, false);
        print("key press in the grid handled", idle, busy, true);
        const double p99 = Phase::percentile(busy.gapsNs, 0.99);
        const double worst = busy.worst(busy.gapsNs);
        std::printf("target: while captioning, event-loop gaps p99 < 33 ms (two frames) and worst < 100 ms: %s\n",
                    p99 < 33 && worst < 100 ? "met" : "NOT MET");
        return busy;
    };

    if (!captionPhase("built-in generator", CaptionSettings{}))
        return 1;

    // An OpenAI-compatible server on loopback (its own thread) streaming 24 tokens per caption:
    // each token reaches the window as a partial caption, as with a real model server.
    QThread serverThread;
    serverThread.start();
    test::ChatServer *server = nullptr;
    QObject anchor;
    anchor.moveToThread(&serverThread);
    QString serverUrl;
    QMetaObject::invokeMethod(
        &anchor,
        [&] {
            server = new test::ChatServer;
            server->keepRequests = false;
            server->pieces.clear();
            for (int i = 0; i < 24; ++i)
                server->pieces.append(test::contentEvent(QStringLiteral("word%1 ").arg(i)));
            server->pieces.append(test::finishEvent("stop"));
            server->pieces.append(test::doneEvent());
            if (server->listen())
                serverUrl = server->url();
        },
        Qt::BlockingQueuedConnection);
    CaptionSettings remote;
    remote.generator = CaptionSettings::Generator::OpenAiServer;
    remote.serverUrl = serverUrl;
    remote.model = QStringLiteral("bench");
    const bool ok = !serverUrl.isEmpty() && captionPhase("OpenAI-compatible server on loopback, 24 streamed tokens each", remote);
    QMetaObject::invokeMethod(&anchor, [&] { delete server; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
    if (!ok)
        return 1;
    return 0;
}
