// The window's grid on a large catalog: how long until the first screen shows loaded rows, and how
// long the GUI thread is blocked at worst while the user scrolls from top to bottom.
// Usage: QT_QPA_PLATFORM=offscreen bench_grid CATALOG_URL [STEPS]
//   (make a million-shot catalog first: gen_catalog /tmp/million.db 1000000)
#include "catalog/catalog.h"
#include "mainwindow.h"
#include "models/shotlistmodel.h"
#include "shotgridview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace stills;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_grid CATALOG_URL [STEPS]\n");
        return 2;
    }
    const int steps = argc > 2 ? std::atoi(argv[2]) : 400;
    auto url = CatalogUrl::parse(QString::fromLocal8Bit(argv[1]));
    if (!url) {
        std::fprintf(stderr, "%s\n", qPrintable(url.error().message));
        return 2;
    }
    QElapsedTimer total;
    total.start();
    auto catalog = Catalog::open(*url);
    if (!catalog) {
        std::fprintf(stderr, "%s\n", qPrintable(catalog.error().message));
        return 2;
    }
    const double openMs = total.nsecsElapsed() / 1e6;
    QTemporaryDir cache;
    MainWindow window(*catalog, cache.path());
    window.resize(1400, 900);
    window.show();
    ShotListModel *model = window.shotModel();
    ShotGridView *grid = window.grid();

    // A watchdog on the GUI thread: the longest gap between two 5 ms ticks is the worst stall.
    QElapsedTimer tick;
    tick.start();
    qint64 worstGapNs = 0;
    int gapsOver33 = 0; // ticks that came more than two frames late
    QTimer watchdog;
    watchdog.setInterval(5);
    QObject::connect(&watchdog, &QTimer::timeout, [&] {
        worstGapNs = std::max(worstGapNs, tick.nsecsElapsed());
        if (tick.nsecsElapsed() > 33'000'000)
            ++gapsOver33;
        tick.restart();
    });
    watchdog.start();

    // First screen: rows counted and the first row loaded.
    while (!(model->rowCount() > 0 && model->isLoaded(0)) && total.elapsed() < 60000)
        app.processEvents(QEventLoop::AllEvents, 5);
    const double firstScreenMs = total.nsecsElapsed() / 1e6;
    std::printf("catalog open (migrations checked)     %8.1f ms\n", openMs);
    std::printf("first screen (count + first page)     %8.1f ms   target < 1000 ms   rows: %d\n", firstScreenMs,
                model->rowCount());

    // Let the view settle: QListView lays the million rows out once after the count arrives.
    worstGapNs = 0;
    tick.restart();
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 500)
        app.processEvents(QEventLoop::AllEvents, 5);
    std::printf("worst GUI-thread stall while settling   %8.1f ms   (QListView's one-time layout of all rows)\n",
                worstGapNs / 1e6);

    // Scroll from top to bottom in equal steps, letting the event loop run ~16 ms per step (a frame).
    worstGapNs = 0;
    gapsOver33 = 0;
    tick.restart();
    QScrollBar *bar = grid->verticalScrollBar();
    QElapsedTimer sweep;
    sweep.start();
    for (int i = 0; i <= steps; ++i) {
        bar->setValue(int(qint64(bar->maximum()) * i / steps));
        QElapsedTimer frame;
        frame.start();
        while (frame.elapsed() < 16)
            app.processEvents(QEventLoop::AllEvents, 16);
    }
    const double sweepMs = sweep.nsecsElapsed() / 1e6;
    const qint64 worstDuringSweep = worstGapNs;
    const int last = model->rowCount() - 1;
    QElapsedTimer lastPage;
    lastPage.start();
    while (!model->isLoaded(last) && lastPage.elapsed() < 30000)
        app.processEvents(QEventLoop::AllEvents, 5);
    std::printf("scroll sweep, %d steps of a frame      %8.1f ms\n", steps, sweepMs);
    std::printf("worst GUI-thread stall while scrolling %8.1f ms   (a frame is 16 ms); stalls over 33 ms: %d\n",
                worstDuringSweep / 1e6, gapsOver33);
    std::printf("last page loaded after the sweep      %8.1f ms   loaded: %s\n", lastPage.nsecsElapsed() / 1e6,
                model->isLoaded(last) ? "yes" : "NO");
    return 0;
}
