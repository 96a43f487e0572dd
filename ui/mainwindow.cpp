#include "mainwindow.h"

#include "common/paths.h"
#include "curating/curator.h"
#include "archiveimportdialog.h"
#include "exportdialog.h"
#include "imaging/thumbnailcache.h"
#include "importing/folderimporter.h"
#include "inspectorpanel.h"
#include "photosetdelegate.h"
#include "models/photosetlistmodel.h"
#include "models/shotlistmodel.h"
#include "previewwidget.h"
#include "shoteditcommand.h"
#include "shotgridview.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace stills {

MainWindow::MainWindow(CatalogPtr catalog, const QString &cacheFolder, QWidget *parent)
    : QMainWindow(parent)
    , m_thumbnails(new ThumbnailCache(cacheFolder.isEmpty() ? paths::cacheFolder() : cacheFolder, this))
    , m_undo(new QUndoStack(this))
{
    setWindowTitle(tr("Stills"));
    m_editPool.setMaxThreadCount(1);
    m_editPool.setExpiryTimeout(-1);
    m_autoAdvance = QSettings().value(QStringLiteral("edit/autoAdvance"), false).toBool();
    buildPages();
    buildMenus();
    buildShotMenu();

    m_statusCounts = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(260);
    m_progress->setFormat(tr("Importing %v of %m"));
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setToolTip(tr("Stop the import after the current batch; what is done is kept"));
    m_cancel->hide();
    statusBar()->addWidget(m_statusCounts, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_importer)
            m_importer->cancel();
        m_cancel->setEnabled(false);
        statusBar()->showMessage(tr("Cancelling after the current batch…"));
    });
    connect(&m_importWatcher, &QFutureWatcher<QString>::finished, this, &MainWindow::onImportFinished);
    m_liveRefresh.setSingleShot(true);
    m_liveRefresh.setInterval(1200);
    // Thumbnails load in the background: the status bar shows how many are still coming.
    auto *statusTicker = new QTimer(this);
    statusTicker->setInterval(400);
    connect(statusTicker, &QTimer::timeout, this, &MainWindow::updateStatus);
    statusTicker->start();
    connect(&m_liveRefresh, &QTimer::timeout, this, [this] {
        m_photosets->refresh();
        m_shots->refresh();
    });

    setCatalog(std::move(catalog));

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1280, 800);
    if (!m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray()))
        m_splitter->setSizes({220, 800, 280});
    const int edge = settings.value(QStringLiteral("grid/tileEdge"), 192).toInt();
    m_sizeSlider->setValue(edge);
}

MainWindow::~MainWindow()
{
    if (m_importer)
        m_importer->cancel();
    m_importWatcher.waitForFinished();
    m_editPool.waitForDone();
    if (m_catalog) {
        const CatalogPtr catalog = m_catalog;
        m_editPool.start([catalog] { catalog->releaseThreadConnection(); });
        m_editPool.waitForDone();
    }
}

void MainWindow::buildPages()
{
    m_stack = new QStackedWidget(this);

    // Welcome: a first start on an empty catalog says what to do.
    m_welcome = new QWidget(m_stack);
    auto *welcomeLayout = new QVBoxLayout(m_welcome);
    welcomeLayout->addStretch(1);
    m_welcomeText = new QLabel(m_welcome);
    m_welcomeText->setAlignment(Qt::AlignCenter);
    m_welcomeText->setTextFormat(Qt::RichText);
    m_welcomeText->setWordWrap(true);
    welcomeLayout->addWidget(m_welcomeText);
    auto *importButton = new QPushButton(tr("Import a Folder…"), m_welcome);
    importButton->setMinimumWidth(240);
    importButton->setDefault(true);
    connect(importButton, &QPushButton::clicked, this, &MainWindow::chooseFolder);
    welcomeLayout->addSpacing(12);
    welcomeLayout->addWidget(importButton, 0, Qt::AlignHCenter);
    welcomeLayout->addStretch(2);

    // Browser: photosets | grid | inspector.
    m_splitter = new QSplitter(Qt::Horizontal, m_stack);
    m_photosetView = new QListView(m_splitter);
    m_photosetView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_photosetView->setUniformItemSizes(true);
    m_photosetView->setItemDelegate(new PhotosetDelegate(m_photosetView));

    auto *centre = new QWidget(m_splitter);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(2);
    m_grid = new ShotGridView(m_thumbnails, centre);
    centreLayout->addWidget(m_grid, 1);
    auto *sizeRow = new QHBoxLayout;
    sizeRow->setContentsMargins(6, 0, 6, 2);
    sizeRow->addStretch(1);
    sizeRow->addWidget(new QLabel(tr("Size"), centre));
    m_sizeSlider = new QSlider(Qt::Horizontal, centre);
    m_sizeSlider->setRange(GridGeometry::MinEdge, GridGeometry::MaxEdge);
    m_sizeSlider->setSingleStep(16);
    m_sizeSlider->setPageStep(64);
    m_sizeSlider->setMaximumWidth(200);
    m_sizeSlider->setToolTip(tr("Thumbnail size (Ctrl++ / Ctrl+-)"));
    m_sizeSlider->setFocusPolicy(Qt::NoFocus);
    sizeRow->addWidget(m_sizeSlider);
    centreLayout->addLayout(sizeRow);
    connect(m_sizeSlider, &QSlider::valueChanged, m_grid, &ShotGridView::setTileEdge);

    auto *inspectorScroll = new QScrollArea(m_splitter);
    inspectorScroll->setWidgetResizable(true);
    inspectorScroll->setFrameShape(QFrame::NoFrame);
    m_inspector = new InspectorPanel(inspectorScroll);
    inspectorScroll->setWidget(m_inspector);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);

    m_preview = new PreviewWidget(m_stack);
    connect(m_preview, &PreviewWidget::closeRequested, this, &MainWindow::closePreview);
    connect(m_preview, &PreviewWidget::nextRequested, this, [this] { stepPreview(1); });
    connect(m_preview, &PreviewWidget::previousRequested, this, [this] { stepPreview(-1); });
    connect(m_grid, &ShotGridView::activatedForPreview, this, &MainWindow::showPreview);

    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_preview);
    setCentralWidget(m_stack);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *import = file->addAction(tr("&Import Folder…"), this, &MainWindow::chooseFolder);
    import->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    file->addAction(tr("Import &Archives…"), this, [this] {
        auto *dialog = new ArchiveImportDialog(m_catalog, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ArchiveImportDialog::imported, this, [this] {
            m_photosets->refresh();
            m_shots->refresh();
        });
        dialog->show();
    });
    QAction *exportAction = file->addAction(tr("&Export…"), this, [this] {
        // The loaded selected rows; a selection still loading can be exported as a query instead.
        QList<qint64> ids;
        const QModelIndexList rows = m_grid->selectionModel() ? m_grid->selectionModel()->selectedIndexes() : QModelIndexList();
        for (const QModelIndex &index : rows)
            if (m_shots->isLoaded(index.row()))
                ids.append(m_shots->shotAt(index.row()).id);
        auto *dialog = new ExportDialog(m_catalog, ids, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    exportAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    file->addSeparator();
    QAction *open = file->addAction(tr("&Open Catalog File…"), this, &MainWindow::chooseCatalogFile);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("Connect to Catalog &URL…"), this, &MainWindow::enterCatalogUrl);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_undo->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undo->createRedoAction(this, tr("&Redo"));
    // The platform's Redo key differs (Ctrl+Y, Ctrl+Shift+Z): accept both everywhere.
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *selectAll = edit->addAction(tr("Select &All"), m_grid, &QAbstractItemView::selectAll);
    selectAll->setShortcut(QKeySequence::SelectAll);
    QAction *selectNone = edit->addAction(tr("Select &None"), m_grid, &QAbstractItemView::clearSelection);
    selectNone->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *zoomIn = view->addAction(tr("Zoom &In"), this, [this] { zoom(1); });
    zoomIn->setShortcuts({QKeySequence::ZoomIn, QKeySequence(tr("Ctrl+="))});
    QAction *zoomOut = view->addAction(tr("Zoom &Out"), this, [this] { zoom(-1); });
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    view->addSeparator();
    QAction *preview = view->addAction(tr("&Preview"), this, [this] {
        if (isShowingPreview())
            closePreview();
        else
            showPreview(m_grid->currentIndex());
    });
    preview->setShortcut(QKeySequence(Qt::Key_F11));
    preview->setToolTip(tr("Space or Enter in the grid; Escape goes back"));
    QAction *refresh = view->addAction(tr("&Refresh"), this, [this] {
        m_photosets->refresh();
        m_shots->refresh();
    });
    refresh->setShortcut(QKeySequence::Refresh);
}

void MainWindow::buildShotMenu()
{
    // Lightroom's keys: 0–5 rating, P pick, X reject, U unflag, 6–9 colour labels. They act on the
    // grid's selection (and on the shot in the preview).
    QMenu *menu = menuBar()->addMenu(tr("&Shot"));
    // The keys are handled by the grid and the preview (curationKeyPressed); the menu shows them.
    auto add = [&](const QString &text, const QString &key, int field, int value) {
        menu->addAction(key.isEmpty() ? text : text + u'\t' + key, this, [this, field, value] { editSelection(field, value); });
    };
    const int rating = int(ShotEditCommand::Field::Rating);
    const int flag = int(ShotEditCommand::Field::Flag);
    const int label = int(ShotEditCommand::Field::Label);
    for (int stars = 0; stars <= 5; ++stars)
        add(stars == 0 ? tr("Clear Rating") : stars == 1 ? tr("Rate 1 Star") : tr("Rate %1 Stars").arg(stars),
            QString::number(stars), rating, stars);
    menu->addSeparator();
    add(tr("Flag as &Pick"), QStringLiteral("P"), flag, 1);
    add(tr("Flag as Re&jected"), QStringLiteral("X"), flag, -1);
    add(tr("&Unflag"), QStringLiteral("U"), flag, 0);
    menu->addSeparator();
    const QStringList labels = {tr("Red"), tr("Yellow"), tr("Green"), tr("Blue")};
    for (int i = 0; i < labels.size(); ++i)
        add(tr("Label %1").arg(labels.at(i)), QString::number(6 + i), label, i + 1);
    add(tr("Remove Colour Label"), QString(), label, 0);
    menu->addSeparator();
    auto onKey = [this, rating, flag, label](int key) {
        if (key >= Qt::Key_0 && key <= Qt::Key_5)
            editSelection(rating, key - Qt::Key_0);
        else if (key >= Qt::Key_6 && key <= Qt::Key_9)
            editSelection(label, key - Qt::Key_6 + 1);
        else if (key == Qt::Key_P)
            editSelection(flag, 1);
        else if (key == Qt::Key_X)
            editSelection(flag, -1);
        else if (key == Qt::Key_U)
            editSelection(flag, 0);
    };
    connect(m_grid, &ShotGridView::curationKeyPressed, this, onKey);
    connect(m_preview, &PreviewWidget::curationKeyPressed, this, onKey);
    QAction *advance = menu->addAction(tr("&Auto-Advance"));
    advance->setCheckable(true);
    advance->setChecked(m_autoAdvance);
    advance->setToolTip(tr("Move to the next shot after rating or flagging one"));
    connect(advance, &QAction::toggled, this, [this](bool on) {
        m_autoAdvance = on;
        QSettings().setValue(QStringLiteral("edit/autoAdvance"), on);
    });
}

void MainWindow::editSelection(int field, int value)
{
    QModelIndexList rows = m_grid->selectionModel() ? m_grid->selectionModel()->selectedIndexes() : QModelIndexList();
    if (rows.isEmpty() && m_grid->currentIndex().isValid())
        rows.append(m_grid->currentIndex());
    if (rows.isEmpty())
        return;
    QHash<qint64, int> before;
    for (const QModelIndex &index : std::as_const(rows)) {
        if (!m_shots->isLoaded(index.row())) {
            statusBar()->showMessage(tr("Some selected shots are still loading; nothing was changed. Try again in a "
                                        "moment."),
                                     8000);
            return;
        }
        const Shot shot = m_shots->shotAt(index.row());
        const auto f = static_cast<ShotEditCommand::Field>(field);
        before.insert(shot.id, f == ShotEditCommand::Field::Rating ? shot.rating
                                   : f == ShotEditCommand::Field::Flag ? int(shot.flag)
                                                                       : shot.colorLabel);
    }
    auto runner = [this](ShotEditCommand::Work work) {
        ++m_editsRunning;
        const CatalogPtr catalog = m_catalog;
        QtConcurrent::run(&m_editPool, [catalog, work] { return work(*catalog); })
            .then(this, [this](const Result<CurationReport> &report) {
                --m_editsRunning;
                QString message;
                if (!report)
                    message = tr("The edit failed: %1").arg(report.error().message);
                else if (!report->sidecarFailures.isEmpty())
                    message = tr("%n XMP sidecar(s) could not be written (the catalog has the change): %1", nullptr,
                                 int(report->sidecarFailures.size()))
                                  .arg(report->sidecarFailures.first().first + QStringLiteral(": ")
                                       + report->sidecarFailures.first().second);
                if (!message.isEmpty())
                    statusBar()->showMessage(message, 20000);
                m_shots->refresh();
                Q_EMIT editFinished(message);
            });
    };
    m_undo->push(new ShotEditCommand(m_catalog, static_cast<ShotEditCommand::Field>(field), value, before, runner));
    if (m_autoAdvance && rows.size() == 1 && static_cast<ShotEditCommand::Field>(field) != ShotEditCommand::Field::Label) {
        const int next = m_grid->currentIndex().row() + 1;
        if (next < m_shots->rowCount()) {
            m_grid->setCurrentIndex(m_shots->index(next, 0));
            if (isShowingPreview())
                showPreview(m_grid->currentIndex());
        }
    }
}

void MainWindow::setCatalog(CatalogPtr catalog)
{
    if (m_importWatcher.isRunning())
        return;
    m_editPool.waitForDone();
    if (m_catalog) {
        // The edit thread's connection belongs to the catalog being closed.
        const CatalogPtr old = m_catalog;
        m_editPool.start([old] { old->releaseThreadConnection(); });
        m_editPool.waitForDone();
    }
    m_undo->clear(); // edits of another catalog cannot be undone here
    m_grid->setModel(nullptr);
    m_photosetView->setModel(nullptr);
    delete m_shots;
    delete m_photosets;
    m_catalog = std::move(catalog);
    m_shots = new ShotListModel(m_catalog, this);
    m_photosets = new PhotosetListModel(m_catalog, this);
    m_grid->setShotModel(m_shots);
    m_photosetView->setModel(m_photosets);
    m_inspector->clear();

    connect(m_shots, &ShotListModel::countChanged, this, &MainWindow::updateStatus);
    connect(m_shots, &ShotListModel::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(message, 15000); });
    connect(m_shots, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int current = m_grid->currentIndex().row();
        if (current >= from.row() && current <= to.row())
            updateInspector();
    });
    connect(m_photosets, &QAbstractItemModel::modelReset, this, &MainWindow::updatePage);
    connect(m_photosets, &QAbstractItemModel::dataChanged, this, &MainWindow::updatePage);
    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateInspector();
        updateStatus();
    });
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::updateInspector);
    connect(m_photosetView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &index) {
        m_shots->setPhotoset(index.data(PhotosetListModel::PhotosetIdRole).toLongLong());
        m_inspector->clear();
    });
    connect(m_thumbnails, &ThumbnailCache::thumbnailFailed, this, [this](const QString &hash) {
        if (m_grid->currentIndex().data(ShotListModel::ContentHashRole).toString() == hash)
            updateInspector();
    });

    m_welcomeText->setText(tr("<h1>Welcome to Stills</h1>"
                              "<p>Your catalog is empty. Import a folder of images to start: Stills reads them "
                              "where they are, and never changes them.</p><p style='color:gray'>Catalog: %1</p>")
                               .arg(m_catalog->url().toDisplayString().toHtmlEscaped()));
    setWindowTitle(tr("Stills — %1").arg(m_catalog->url().toDisplayString()));
    updatePage();
    updateStatus();
}

bool MainWindow::isShowingWelcome() const
{
    return m_stack->currentWidget() == m_welcome;
}

bool MainWindow::isShowingPreview() const
{
    return m_stack->currentWidget() == m_preview;
}

void MainWindow::updatePage()
{
    if (isShowingPreview())
        return;
    const QModelIndex library = m_photosets->index(0, 0);
    const bool empty = !library.isValid() || library.data(PhotosetListModel::CountRole).toLongLong() == 0;
    const bool wasWelcome = isShowingWelcome();
    m_stack->setCurrentWidget(empty && !isImporting() ? m_welcome : static_cast<QWidget *>(m_splitter));
    if (!m_photosetView->currentIndex().isValid() && library.isValid())
        m_photosetView->setCurrentIndex(library);
    if (wasWelcome && !isShowingWelcome())
        m_grid->setFocus();
}

void MainWindow::updateStatus()
{
    const qint64 count = m_shots ? m_shots->totalCount() : 0;
    const qint64 selected = selectedCount();
    QString text = tr("%n shot(s)", nullptr, int(std::min<qint64>(count, INT_MAX)));
    if (selected > 0)
        text += tr(" · %n selected", nullptr, int(std::min<qint64>(selected, INT_MAX)));
    const int pending = m_thumbnails->pendingCount();
    if (pending > 0)
        text += tr(" · loading %n thumbnail(s)…", nullptr, pending);
    m_statusCounts->setText(text);
}

qint64 MainWindow::selectedCount() const
{
    // From the ranges, not selectedIndexes(): Select All over a million shots is one range, and this
    // runs on every selection change and status tick.
    qint64 count = 0;
    if (m_grid->selectionModel()) {
        const QItemSelection selection = m_grid->selectionModel()->selection();
        for (const QItemSelectionRange &range : selection)
            count += range.height();
    }
    return count;
}

void MainWindow::updateInspector()
{
    const qint64 selected = selectedCount();
    if (selected > 1) {
        m_inspector->showSelectionCount(int(std::min<qint64>(selected, INT_MAX)));
        return;
    }
    const QModelIndex current = selected == 1 ? QModelIndex(m_grid->selectionModel()->selection().first().topLeft())
                                              : m_grid->currentIndex();
    if (!current.isValid() || !m_shots->isLoaded(current.row())) {
        m_inspector->clear();
        return;
    }
    const Shot shot = m_shots->shotAt(current.row());
    m_inspector->showShot(shot, m_thumbnails->failureReason(shot.contentHash));
}

void MainWindow::showPreview(const QModelIndex &index)
{
    if (!index.isValid() || !m_shots->isLoaded(index.row()))
        return;
    const Shot shot = m_shots->shotAt(index.row());
    const QImage standIn = m_thumbnails->request(shot.contentHash, shot.path, 1024, INT_MAX);
    m_preview->showShot(shot.path, standIn);
    m_stack->setCurrentWidget(m_preview);
    m_preview->setFocus();
}

void MainWindow::closePreview()
{
    m_preview->clear();
    m_stack->setCurrentWidget(m_splitter);
    m_grid->setFocus();
    m_grid->scrollTo(m_grid->currentIndex());
}

void MainWindow::stepPreview(int delta)
{
    const int row = m_grid->currentIndex().row() + delta;
    if (row < 0 || row >= m_shots->rowCount())
        return;
    const QModelIndex next = m_shots->index(row, 0);
    m_grid->setCurrentIndex(next);
    showPreview(next);
}

void MainWindow::zoom(int steps)
{
    m_sizeSlider->setValue(m_sizeSlider->value() + steps * 32);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("grid/tileEdge"), m_grid->tileEdge());
    settings.setValue(QStringLiteral("catalog/location"), m_catalog->url().toString());
    QMainWindow::closeEvent(event);
}

void MainWindow::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import a Folder"));
    if (!folder.isEmpty())
        importFolder(folder);
}

bool MainWindow::openCatalog(const QString &location)
{
    if (m_importWatcher.isRunning()) {
        QMessageBox::information(this, tr("Import Running"), tr("Wait for the import to finish, or cancel it, first."));
        return false;
    }
    auto url = CatalogUrl::parse(location);
    auto opened = url ? Catalog::open(*url) : Result<CatalogPtr>(url.error());
    if (!opened) {
        QMessageBox::warning(this, tr("Cannot Open Catalog"),
                             tr("The catalog could not be opened; the current one stays open.\n\n%1").arg(opened.error().message));
        return false;
    }
    setCatalog(*opened);
    return true;
}

void MainWindow::chooseCatalogFile()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Open or Create a Catalog"), QString(),
                                                      tr("Stills catalogs (*.db);;All files (*)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty())
        openCatalog(file);
}

void MainWindow::enterCatalogUrl()
{
    bool ok = false;
    const QString url = QInputDialog::getText(this, tr("Connect to Catalog"),
                                              tr("Catalog URL (postgresql://user@host:5432/database or sqlite:///path/catalog.db):"),
                                              QLineEdit::Normal, m_catalog->url().toDisplayString(), &ok);
    if (ok && !url.trimmed().isEmpty())
        openCatalog(url.trimmed());
}

void MainWindow::importFolder(const QString &path)
{
    if (m_importWatcher.isRunning())
        return;
    m_importer = std::make_unique<FolderImporter>(*m_catalog);
    m_importer->setProgressCallback([this](qint64 done, qint64 total) {
        // Called on the import thread: hand the numbers to the GUI thread.
        QMetaObject::invokeMethod(this, [this, done, total] {
            m_progress->setMaximum(int(std::min<qint64>(total, INT_MAX)));
            m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
            if (done > 0 && !m_liveRefresh.isActive())
                m_liveRefresh.start();
        });
    });
    m_progress->setValue(0);
    m_progress->setMaximum(0); // busy until the scan has counted the files
    m_progress->show();
    m_cancel->setEnabled(true);
    m_cancel->show();
    statusBar()->showMessage(tr("Importing %1…").arg(path));
    FolderImporter *importer = m_importer.get();
    const CatalogPtr catalog = m_catalog;
    m_importWatcher.setFuture(QtConcurrent::run([importer, catalog, path]() -> QString {
        ImportOptions options;
        options.path = path;
        auto summary = importer->run(options);
        catalog->releaseThreadConnection();
        if (!summary)
            return tr("Import failed: %1").arg(summary.error().message);
        return tr("%1 “%2”: %3 added, %4 updated, %5 moved, %6 unchanged, %7 failed, %8 unsupported.")
            .arg(summary->cancelled ? tr("Import cancelled, kept what was done in") : tr("Imported into"),
                 summary->photosetName)
            .arg(summary->added)
            .arg(summary->updated)
            .arg(summary->moved)
            .arg(summary->unchanged)
            .arg(summary->failed)
            .arg(summary->unsupported);
    }));
}

void MainWindow::onImportFinished()
{
    m_progress->hide();
    m_cancel->hide();
    const QString message = m_importWatcher.result();
    statusBar()->showMessage(message, 20000);
    m_importer.reset();
    m_liveRefresh.stop();
    m_photosets->refresh();
    m_shots->refresh();
    updatePage();
    Q_EMIT importFinished(message);
}

} // namespace stills
