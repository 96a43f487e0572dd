#include "mainwindow.h"

#include "captioncommands.h"
#include "captioneditor.h"
#include "captionreplacedialog.h"
#include "jobspanel.h"
#include "jobs/jobkinds.h"
#include "jobs/jobqueue.h"

#include "aboutdialog.h"
#include "common/paths.h"
#include "common/settings.h"
#include "curating/curator.h"
#include "archiveimportdialog.h"
#include "exportdialog.h"
#include "exporting/exporter.h"
#include "imaging/thumbnailcache.h"
#include "imaging/thumbnaildiskcache.h"
#include "importing/folderimporter.h"
#include "catalog/attributerepository.h"
#include "catalog/queryparser.h"
#include "catalog/savedsearchrepository.h"
#include "catalog/shotrepository.h"
#include "catalogcommand.h"
#include "catalog/photosetrepository.h"
#include "catalog/tagrepository.h"
#include "editcommands.h"
#include "attributeeditor.h"
#include "curating/photosetedits.h"
#include "photoseteditdialog.h"
#include "tageditdialog.h"
#include "tagmanagerdialog.h"
#include "facetpanel.h"
#include "inspectorpanel.h"
#include "searchbar.h"
#include "photosetdelegate.h"
#include "preferencesdialog.h"
#include "models/photosetlistmodel.h"
#include "models/shotlistmodel.h"
#include "previewwidget.h"
#include "cropeditor.h"
#include "cropoverlays.h"
#include "shoteditcommand.h"
#include "shotgridview.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
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
    , m_cacheFolder(cacheFolder.isEmpty() ? paths::cacheFolder() : cacheFolder)
    , m_thumbnails(new ThumbnailCache(m_cacheFolder, this))
    , m_undo(new QUndoStack(this))
{
    setWindowTitle(tr("Stills"));
    m_editPool.setMaxThreadCount(1);
    m_editPool.setExpiryTimeout(-1);
    m_facetPool.setMaxThreadCount(1);
    m_facetPool.setExpiryTimeout(-1);
    m_autoAdvance = QSettings().value(QStringLiteral("edit/autoAdvance"), false).toBool();
    buildPages();
    m_jobsPanel = new JobsPanel(this);
    m_jobsDock = new QDockWidget(tr("Jobs"), this);
    m_jobsDock->setObjectName(QStringLiteral("jobsDock"));
    m_jobsDock->setWidget(m_jobsPanel);
    m_jobsDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    m_jobsDock->hide();
    connect(m_jobsPanel, &JobsPanel::message, this, [this](const QString &text) { statusBar()->showMessage(text, 15000); });
    buildMenus();
    buildShotMenu();
    buildPhotosetMenu();
    buildHelpMenu();
    applySettings(Settings::load());

    m_statusCounts = new QLabel(this);
    // Background jobs: how many run and how far they are; a click opens the Jobs panel.
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("jobsProgress"));
    m_progress->setMaximumWidth(200);
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_jobsButton = new QPushButton(this);
    m_jobsButton->setObjectName(QStringLiteral("jobsButton"));
    m_jobsButton->setFlat(true);
    m_jobsButton->setToolTip(tr("Show the background jobs: progress, cancel, failures (View ▸ Jobs)"));
    m_jobsButton->hide();
    m_sidecarWarning = new QPushButton(this);
    m_sidecarWarning->setFlat(true);
    m_sidecarWarning->setToolTip(tr("Some XMP sidecars could not be written; click to see them and retry"));
    m_sidecarWarning->hide();
    connect(m_sidecarWarning, &QPushButton::clicked, this, &MainWindow::showUnwrittenSidecars);
    statusBar()->addWidget(m_statusCounts, 1);
    statusBar()->addPermanentWidget(m_sidecarWarning);
    statusBar()->addPermanentWidget(m_jobsButton);
    statusBar()->addPermanentWidget(m_progress);
    connect(m_jobsButton, &QPushButton::clicked, this, [this] { showJobs(0); });
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
    // Running jobs stop after their current item; queued ones stay queued in the catalog and are
    // offered for resuming on the next start.
    if (m_jobs)
        m_jobs->shutDown();
    delete m_jobs;
    m_editPool.waitForDone();
    m_facetGeneration->fetch_add(1);
    m_facetPool.waitForDone();
    if (m_catalog) {
        const CatalogPtr catalog = m_catalog;
        m_editPool.start([catalog] { catalog->releaseThreadConnection(); });
        m_editPool.waitForDone();
        m_facetPool.start([catalog] { catalog->releaseThreadConnection(); });
        m_facetPool.waitForDone();
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
    // Left: photosets, saved searches (smart photosets), facets.
    m_leftSplitter = new QSplitter(Qt::Vertical, m_splitter);
    m_leftSplitter->setChildrenCollapsible(false);
    auto titled = [this](const QString &title, QWidget *content) {
        auto *box = new QWidget(m_leftSplitter);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->setContentsMargins(0, 2, 0, 0);
        boxLayout->setSpacing(2);
        auto *heading = new QLabel(title, box);
        heading->setContentsMargins(6, 0, 0, 0);
        QFont bold = heading->font();
        bold.setBold(true);
        heading->setFont(bold);
        boxLayout->addWidget(heading);
        content->setParent(box);
        boxLayout->addWidget(content, 1);
        heading->setBuddy(content);
        return box;
    };
    m_photosetView = new QListView;
    m_photosetView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_photosetView->setUniformItemSizes(true);
    m_photosetView->setItemDelegate(new PhotosetDelegate(m_photosetView));
    m_photosetView->setAccessibleName(tr("Photosets"));
    m_photosetView->setAcceptDrops(true);
    m_photosetView->viewport()->setAcceptDrops(true);
    m_photosetView->setDropIndicatorShown(true);
    m_photosetView->viewport()->installEventFilter(this);
    m_photosetView->setContextMenuPolicy(Qt::ActionsContextMenu);
    titled(tr("&Photosets"), m_photosetView);
    m_savedSearchView = new QListWidget;
    m_savedSearchView->setAccessibleName(tr("Saved searches"));
    m_savedSearchView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_savedSearchView->setToolTip(tr("Saved searches: click to show what matches now. Save one with \"Save Search…\" "
                                     "above the grid; right-click to rename or delete."));
    titled(tr("Sa&ved Searches"), m_savedSearchView);
    m_facets = new FacetPanel;
    titled(tr("&Filter"), m_facets);
    m_leftSplitter->setStretchFactor(0, 2);
    m_leftSplitter->setStretchFactor(1, 1);
    m_leftSplitter->setStretchFactor(2, 4);

    auto *centre = new QWidget(m_splitter);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(2);
    m_searchBar = new SearchBar(m_facets, centre);
    centreLayout->addWidget(m_searchBar);
    m_grid = new ShotGridView(m_thumbnails, centre);
    centreLayout->addWidget(m_grid, 1);
    connect(m_searchBar, &SearchBar::queryChanged, this, [this](const ShotQuery &query) {
        if (m_shots)
            m_shots->setFilter(query);
        scheduleFacetCounts();
    });
    connect(m_searchBar, &SearchBar::saveRequested, this, &MainWindow::saveSearch);
    connect(m_searchBar->field(), &QLineEdit::returnPressed, m_grid, qOverload<>(&QWidget::setFocus));
    connect(m_savedSearchView, &QListWidget::itemActivated, this, &MainWindow::openSavedSearch);
    connect(m_savedSearchView, &QListWidget::itemClicked, this, &MainWindow::openSavedSearch);
    connect(m_savedSearchView, &QWidget::customContextMenuRequested, this, &MainWindow::savedSearchMenu);
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

    // Right: what is known of the shot, then its attributes (editable for a whole selection).
    auto *right = new QSplitter(Qt::Vertical, m_splitter);
    right->setChildrenCollapsible(false);
    auto *inspectorScroll = new QScrollArea(right);
    inspectorScroll->setWidgetResizable(true);
    inspectorScroll->setFrameShape(QFrame::NoFrame);
    m_inspector = new InspectorPanel(inspectorScroll);
    inspectorScroll->setWidget(m_inspector);
    m_attributes = new AttributeEditor(right);
    m_attributes->setEnabled(false);
    m_attributes->setToolTip(tr("Attributes of the selected shots; a change applies to the whole selection (Ctrl+Z undoes it)"));
    m_captions = new CaptionEditor(right);
    // The file facts take what they need (they scroll when a shot has many EXIF fields); height
    // beyond that goes to the attributes and the caption, which use it.
    right->setStretchFactor(0, 0);
    right->setStretchFactor(1, 1);
    right->setStretchFactor(2, 1);
    right->setSizes({200, 320, 340});
    connect(m_attributes, &AttributeEditor::attributeEdited, this, &MainWindow::onAttributeEdited);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);

    m_preview = new PreviewWidget(m_stack);
    connect(m_preview, &PreviewWidget::closeRequested, this, &MainWindow::closePreview);
    connect(m_preview, &PreviewWidget::nextRequested, this, [this] { stepPreview(1); });
    connect(m_preview, &PreviewWidget::previousRequested, this, [this] { stepPreview(-1); });
    connect(m_grid, &ShotGridView::activatedForPreview, this, &MainWindow::showPreview);
    connect(m_grid, &ShotGridView::reorderRequested, this, &MainWindow::moveInPhotoset);

    // Crops: the editor page, and the crops shown over the grid's tiles; both follow every edit.
    m_cropOverlays = new CropOverlays(this);
    m_grid->setCropOverlays(m_cropOverlays);
    m_cropEditor = new CropEditor(m_undo, editRunner(), m_stack);
    connect(m_cropEditor, &CropEditor::closed, this, [this] {
        QWidget *back = m_beforeCrop ? m_beforeCrop : m_splitter;
        m_stack->setCurrentWidget(back);
        (back == m_preview ? static_cast<QWidget *>(m_preview) : m_grid)->setFocus();
    });
    connect(this, &MainWindow::editFinished, this, [this] {
        m_cropOverlays->invalidate();
        if (isShowingCropEditor())
            m_cropEditor->reloadCrops();
    });

    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_splitter);
    m_stack->addWidget(m_preview);
    m_stack->addWidget(m_cropEditor);
    setCentralWidget(m_stack);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *import = file->addAction(tr("&Import Folder…"), this, &MainWindow::chooseFolder);
    import->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    file->addAction(tr("Import &Archives…"), this, [this] {
        auto *dialog = new ArchiveImportDialog(m_catalog, m_jobs, this);
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
        auto *dialog = new ExportDialog(m_catalog, m_jobs, ids, this);
        dialog->setQueryText(gridScopeQuery());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    exportAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    file->addAction(tr("Make &Thumbnails"), this, &MainWindow::buildThumbnails)
        ->setToolTip(tr("Make the thumbnails of the whole catalog ahead of time, in the background"));
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
    edit->addSeparator();
    QAction *preferences = edit->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setShortcut(QKeySequence(tr("Ctrl+,")));
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *find = view->addAction(tr("&Find…"), this, [this] {
        m_searchBar->field()->setFocus(Qt::ShortcutFocusReason);
        m_searchBar->field()->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    QAction *clearSearch = view->addAction(tr("&Clear Search and Filters"), this, [this] { m_searchBar->clearAll(); });
    clearSearch->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
    view->addSeparator();
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
    view->addSeparator();
    QAction *jobs = m_jobsDock->toggleViewAction();
    jobs->setText(tr("&Jobs"));
    jobs->setShortcut(QKeySequence(tr("Ctrl+J")));
    jobs->setToolTip(tr("Background jobs: progress, cancel, retry failed, resume interrupted"));
    view->addAction(jobs);
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
        else if (key == Qt::Key_B) {
            if (m_targetPhotoset == 0 || photosetName(m_targetPhotoset).isEmpty())
                askAddToPhotoset();
            else
                addSelectionToPhotoset(m_targetPhotoset);
        } else if (key == Qt::Key_Delete || key == Qt::Key_Backspace)
            removeSelectionFromPhotoset();
    };
    connect(m_grid, &ShotGridView::curationKeyPressed, this, onKey);
    connect(m_preview, &PreviewWidget::curationKeyPressed, this, onKey);
    QAction *addTags = menu->addAction(tr("&Add Tags…"), this, [this] { askTags(false); });
    addTags->setShortcut(QKeySequence(tr("Ctrl+T")));
    QAction *removeTags = menu->addAction(tr("Remo&ve Tags…"), this, [this] { askTags(true); });
    removeTags->setShortcut(QKeySequence(tr("Ctrl+Shift+T")));
    QAction *manage = menu->addAction(tr("&Manage Tags…"), this, &MainWindow::openTagManager);
    manage->setShortcut(QKeySequence(tr("Ctrl+Shift+M")));
    menu->addSeparator();
    QAction *crop = menu->addAction(tr("C&rop…"), this, &MainWindow::openCropEditor);
    crop->setShortcut(QKeySequence(tr("R")));
    crop->setToolTip(tr("Edit the crops of the current shot"));
    QAction *caption = menu->addAction(tr("&Caption Selected"), this, [this] { captionSelection(false); });
    caption->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    caption->setToolTip(tr("Caption the selected shots with the generator chosen in Preferences; each caption is a new version"));
    QAction *regenerate = menu->addAction(tr("Re&generate Unedited Captions"), this, [this] { captionSelection(true); });
    regenerate->setToolTip(tr("Caption the selected shots again, leaving alone those whose caption was typed by hand"));
    QAction *replace = menu->addAction(tr("Find and Re&place in Captions…"), this, &MainWindow::askReplaceInCaptions);
    replace->setShortcut(QKeySequence(tr("Ctrl+Shift+H")));
    menu->addSeparator();
    QAction *advance = menu->addAction(tr("&Auto-Advance"));
    advance->setCheckable(true);
    advance->setChecked(m_autoAdvance);
    advance->setToolTip(tr("Move to the next shot after rating or flagging one"));
    connect(advance, &QAction::toggled, this, [this](bool on) {
        m_autoAdvance = on;
        QSettings().setValue(QStringLiteral("edit/autoAdvance"), on);
    });
}

void MainWindow::buildHelpMenu()
{
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Stills"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::showPreferences()
{
    Settings before = Settings::load();
    before.catalogLocation = m_catalog->url().toString(); // the one open now
    PreferencesDialog dialog(before, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Settings after = dialog.settings();
    applySettings(after);
    QStringList later;
    if (after.language != before.language)
        later.append(tr("The new language is used when Stills is started again."));
    if (after.effectiveCacheFolder() != m_cacheFolder)
        later.append(tr("The new thumbnail cache folder is used when Stills is started again."));
    if (!later.isEmpty())
        statusBar()->showMessage(later.join(u' '), 15000);
    if (after.catalogLocation != before.catalogLocation)
        openCatalog(after.catalogLocation.isEmpty() ? paths::defaultCatalogLocation() : after.catalogLocation);
}

void MainWindow::applySettings(const Settings &settings)
{
    m_thumbnails->setWorkerCount(settings.effectiveWorkerCount());
    if (settings.cacheLimitMiB > 0) {
        const QString folder = m_cacheFolder;
        const qint64 limit = qint64(settings.cacheLimitMiB) * 1024 * 1024;
        QtConcurrent::run([folder, limit] { return ThumbnailDiskCache::trim(folder, limit); })
            .then(this, [this](const Result<ThumbnailDiskCache::Usage> &trimmed) {
                if (!trimmed)
                    statusBar()->showMessage(tr("The thumbnail cache could not be trimmed to its size limit: %1")
                                                 .arg(trimmed.error().message),
                                             15000);
            });
    }
}

void MainWindow::editSelection(int field, int value)
{
    QModelIndexList rows = m_grid->selectionModel() ? m_grid->selectionModel()->selectedIndexes() : QModelIndexList();
    if (rows.isEmpty() && m_grid->currentIndex().isValid())
        rows.append(m_grid->currentIndex());
    if (rows.isEmpty())
        return;
    QHash<qint64, int> before;
    const auto f = static_cast<ShotEditCommand::Field>(field);
    for (const QModelIndex &index : std::as_const(rows)) {
        if (!m_shots->isLoaded(index.row())) {
            // All of a grid larger than what is loaded: the values read for it in the background.
            if (allIdsCover(rows.size())) {
                before.clear();
                for (auto it = m_allMarks.cbegin(); it != m_allMarks.cend(); ++it)
                    before.insert(it.key(), f == ShotEditCommand::Field::Rating ? it->rating
                                                : f == ShotEditCommand::Field::Flag ? it->flag
                                                                                     : it->colorLabel);
                break;
            }
            statusBar()->showMessage(tr("Some selected shots are still loading; nothing was changed. Try again in a "
                                        "moment."),
                                     8000);
            return;
        }
        const Shot shot = m_shots->shotAt(index.row());
        before.insert(shot.id, f == ShotEditCommand::Field::Rating ? shot.rating
                                   : f == ShotEditCommand::Field::Flag ? int(shot.flag)
                                                                       : shot.colorLabel);
    }
    auto runner = editRunner();
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

QList<qint64> MainWindow::selectedShotIds(bool quiet) const
{
    QModelIndexList rows = m_grid->selectionModel() ? m_grid->selectionModel()->selectedIndexes() : QModelIndexList();
    if (rows.isEmpty() && m_grid->currentIndex().isValid())
        rows.append(m_grid->currentIndex());
    QList<qint64> ids;
    ids.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows)) {
        if (!m_shots->isLoaded(index.row())) {
            // All of a grid larger than what is loaded: the ids read for it in the background.
            if (allIdsCover(rows.size()))
                return m_allIds;
            if (!quiet)
                statusBar()->showMessage(
                    tr("Some selected shots are still loading; nothing was changed. Try again in a moment."), 8000);
            return {};
        }
        ids << m_shots->shotAt(index.row()).id;
    }
    if (ids.isEmpty() && !quiet)
        statusBar()->showMessage(tr("Select one or more shots first."), 5000);
    return ids;
}

qint64 MainWindow::currentPhotosetId() const
{
    return m_shots ? m_shots->photoset() : 0;
}

QString MainWindow::photosetName(qint64 photosetId) const
{
    for (int row = 0; row < m_photosets->rowCount(); ++row) {
        const QModelIndex index = m_photosets->index(row, 0);
        if (index.data(PhotosetListModel::PhotosetIdRole).toLongLong() == photosetId)
            return index.data(PhotosetListModel::NameRole).toString();
    }
    return {};
}

bool MainWindow::tagSelection(const QStringList &add, const QStringList &remove)
{
    const QList<qint64> ids = selectedShotIds();
    if (ids.isEmpty() || (add.isEmpty() && remove.isEmpty()))
        return false;
    m_undo->push(commands::tagShots(ids, add, remove, editRunner()));
    return true;
}

bool MainWindow::setSelectionAttribute(const QString &key, const QStringList &values)
{
    const QList<qint64> ids = selectedShotIds();
    if (ids.isEmpty())
        return false;
    QString label = key;
    for (const Attribute &a : std::as_const(m_vocabulary))
        if (a.key == key)
            label = a.label;
    m_undo->push(commands::setAttribute(ids, key, label, values, editRunner()));
    return true;
}

bool MainWindow::addSelectionToPhotoset(qint64 photosetId)
{
    const QList<qint64> ids = selectedShotIds();
    if (ids.isEmpty() || photosetId == 0)
        return false;
    m_targetPhotoset = photosetId;
    m_undo->push(commands::addToPhotoset(photosetId, photosetName(photosetId), ids,
        editRunner()));
    statusBar()->showMessage(tr("Added to \"%1\". B adds the next selection there too.").arg(photosetName(photosetId)), 5000);
    return true;
}

bool MainWindow::removeSelectionFromPhotoset()
{
    const qint64 photoset = currentPhotosetId();
    if (photoset == 0) {
        statusBar()->showMessage(tr("Shots are removed from a photoset, not from the library: open a photoset first."), 6000);
        return false;
    }
    const QList<qint64> ids = selectedShotIds();
    if (ids.isEmpty())
        return false;
    m_undo->push(commands::removeFromPhotoset(photoset, photosetName(photoset), ids,
        editRunner()));
    return true;
}

void MainWindow::createPhotoset(const QString &name, bool withSelection)
{
    QList<qint64> ids;
    if (withSelection) {
        ids = selectedShotIds();
        if (ids.isEmpty())
            return;
    }
    Photoset photoset;
    photoset.name = name.trimmed();
    photoset.title = photoset.name;
    auto created = std::make_shared<qint64>(0);
    m_undo->push(commands::createPhotoset(photoset, ids, editRunner(), created));
}

void MainWindow::deletePhotoset(qint64 photosetId)
{
    if (photosetId == 0)
        return;
    m_undo->push(commands::deletePhotoset(photosetId, photosetName(photosetId),
        editRunner()));
}

void MainWindow::renamePhotoset(qint64 photosetId, const QString &newName)
{
    // Read now: the version read here guards against overwriting someone else's rename.
    auto current = PhotosetRepository(*m_catalog).get(photosetId);
    if (!current) {
        QMessageBox::warning(this, tr("Rename Photoset"), current.error().message);
        return;
    }
    Photoset after = *current;
    after.name = newName.trimmed();
    if (after.title == current->name)
        after.title = after.name;
    m_undo->push(commands::updatePhotoset(*current, after, editRunner()));
}

void MainWindow::moveInPhotoset(const QList<qint64> &shotIds, qint64 beforeShotId)
{
    const qint64 photoset = currentPhotosetId();
    if (photoset == 0 || shotIds.isEmpty())
        return;
    m_undo->push(commands::moveInPhotoset(photoset, shotIds, beforeShotId, editRunner()));
}

void MainWindow::buildPhotosetMenu()
{
    QMenu *menu = menuBar()->addMenu(tr("&Photoset"));
    QAction *create = menu->addAction(tr("&New Photoset…"), this, [this] { askNewPhotoset(false); });
    create->setShortcut(QKeySequence::New);
    QAction *fromSelection = menu->addAction(tr("New Photoset from &Selection…"), this, [this] { askNewPhotoset(true); });
    fromSelection->setShortcut(QKeySequence(tr("Ctrl+Shift+N")));
    menu->addSeparator();
    QAction *add = menu->addAction(tr("&Add Selection to Photoset…"), this, &MainWindow::askAddToPhotoset);
    add->setShortcut(QKeySequence(tr("Ctrl+B")));
    menu->addAction(tr("Add Selection to the &Last Photoset\tB"), this, [this] {
        if (m_targetPhotoset == 0)
            askAddToPhotoset();
        else
            addSelectionToPhotoset(m_targetPhotoset);
    });
    menu->addAction(tr("&Remove Selection from This Photoset\tDel"), this, &MainWindow::removeSelectionFromPhotoset);
    menu->addSeparator();
    QAction *fields = menu->addAction(tr("&Edit Photoset…"), this, [this] {
        editPhotoset(m_photosetView->currentIndex().data(PhotosetListModel::PhotosetIdRole).toLongLong());
    });
    fields->setShortcut(QKeySequence(tr("Ctrl+Alt+E")));
    QAction *rename = menu->addAction(tr("Re&name Photoset…"), this, &MainWindow::askRenamePhotoset);
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    rename->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction *remove = menu->addAction(tr("&Delete Photoset…"), this, &MainWindow::askDeletePhotoset);
    // The photoset list's own menu: the same actions, F2 works while it has the focus.
    m_photosetView->addAction(fields);
    m_photosetView->addAction(rename);
    m_photosetView->addAction(remove);
    m_photosetView->addAction(create);
}

void MainWindow::askNewPhotoset(bool withSelection)
{
    if (withSelection && selectedShotIds().isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, withSelection ? tr("New Photoset from Selection") : tr("New Photoset"),
        tr("Name:"), QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    if (name.trimmed().isEmpty()) {
        statusBar()->showMessage(tr("A photoset needs a name; nothing was created."), 6000);
        return;
    }
    createPhotoset(name, withSelection);
}

void MainWindow::askAddToPhotoset()
{
    if (selectedShotIds().isEmpty())
        return;
    QStringList names;
    QList<qint64> ids;
    for (int row = 1; row < m_photosets->rowCount(); ++row) { // row 0 is the library
        const QModelIndex index = m_photosets->index(row, 0);
        names << index.data(PhotosetListModel::NameRole).toString();
        ids << index.data(PhotosetListModel::PhotosetIdRole).toLongLong();
    }
    const int last = int(ids.indexOf(m_targetPhotoset));
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Add to Photoset"),
        tr("Add %n selected shot(s) to the photoset (type a new name to create one):", nullptr,
            int(selectedShotIds(true).size())),
        names, std::max(0, last), true, &ok);
    if (!ok || chosen.trimmed().isEmpty())
        return;
    const int index = int(names.indexOf(chosen));
    if (index >= 0) {
        addSelectionToPhotoset(ids.at(index));
    } else {
        createPhotoset(chosen, true);
    }
}

void MainWindow::askRenamePhotoset()
{
    const qint64 id = m_photosetView->currentIndex().data(PhotosetListModel::PhotosetIdRole).toLongLong();
    if (id == 0) {
        statusBar()->showMessage(tr("Choose a photoset to rename (the library has no name to change)."), 6000);
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename Photoset"), tr("New name:"), QLineEdit::Normal,
        photosetName(id), &ok);
    if (!ok || name.trimmed().isEmpty() || name.trimmed() == photosetName(id))
        return;
    renamePhotoset(id, name);
}

void MainWindow::askDeletePhotoset()
{
    const QModelIndex index = m_photosetView->currentIndex();
    const qint64 id = index.data(PhotosetListModel::PhotosetIdRole).toLongLong();
    if (id == 0)
        return;
    const qint64 count = index.data(PhotosetListModel::CountRole).toLongLong();
    const auto answer = QMessageBox::question(this, tr("Delete Photoset"),
        tr("Delete the photoset \"%1\"? Its %n shot(s) stay in the library; Undo brings the photoset back.", nullptr,
            int(std::min<qint64>(count, INT_MAX)))
            .arg(photosetName(id)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_photosetView->setCurrentIndex(m_photosets->index(0, 0));
    deletePhotoset(id);
}

void MainWindow::askTags(bool remove)
{
    const QList<qint64> ids = selectedShotIds();
    if (ids.isEmpty())
        return;
    // The paths to offer: every tag for adding; for removing, those the selection carries.
    QStringList paths;
    if (remove) {
        QSet<QString> carried;
        TagRepository repository(*m_catalog);
        for (qint64 id : std::as_const(ids)) {
            auto of = repository.tagsOfShot(id);
            if (of)
                for (const QString &path : std::as_const(*of))
                    carried.insert(path);
        }
        paths = QStringList(carried.cbegin(), carried.cend());
        paths.sort(Qt::CaseInsensitive);
        if (paths.isEmpty()) {
            statusBar()->showMessage(tr("The selected shots carry no tags."), 5000);
            return;
        }
    } else {
        auto all = TagRepository(*m_catalog).all();
        if (all)
            for (const Tag &tag : std::as_const(*all))
                paths << tag.path;
    }
    const auto chosen = TagEditDialog::ask(this, paths, ids.size(),
        remove ? TagEditDialog::Mode::Remove : TagEditDialog::Mode::Add);
    if (!chosen || chosen->isEmpty())
        return;
    const QStringList tags = *chosen;
    if (remove)
        tagSelection({}, tags);
    else
        tagSelection(tags, {});
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Shots dropped on a photoset in the left pane are added to it.
    if (watched == m_photosetView->viewport()
        && (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove || event->type() == QEvent::Drop)) {
        auto *drop = static_cast<QDropEvent *>(event);
        const QModelIndex target = m_photosetView->indexAt(drop->position().toPoint());
        const qint64 id = target.data(PhotosetListModel::PhotosetIdRole).toLongLong();
        const bool shots = drop->mimeData()->hasFormat(ShotListModel::mimeType());
        if (event->type() == QEvent::DragEnter) {
            if (shots)
                drop->acceptProposedAction();
            else
                drop->ignore();
            return true;
        }
        if (!shots || id == 0) {
            drop->ignore();
            return true;
        }
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        if (event->type() == QEvent::Drop) {
            const QList<qint64> ids = ShotListModel::shotIdsFromMime(drop->mimeData());
            if (!ids.isEmpty()) {
                m_targetPhotoset = id;
                m_undo->push(commands::addToPhotoset(id, photosetName(id), ids,
                    editRunner()));
            }
        }
        return true;
    }
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::allIdsCover(qsizetype selectedRows) const
{
    return m_allIdsReady && selectedRows == m_shots->rowCount() && m_allIds.size() == selectedRows;
}

void MainWindow::forgetAllIds()
{
    ++m_allIdsGeneration;
    m_allIdsReady = false;
    m_allIds.clear();
    m_allMarks.clear();
}

void MainWindow::readAllIdsIfAllSelected()
{
    const qint64 rows = m_shots ? m_shots->rowCount() : 0;
    if (rows == 0 || selectedCount() != rows || m_allIdsReady || m_allIdsReading == m_allIdsGeneration)
        return;
    // Ctrl+A on a grid whose rows are not all loaded: the edits that follow need every id. They are
    // read on the edit thread (in order before any edit made afterwards), by the grid's query.
    const quint64 generation = m_allIdsGeneration;
    m_allIdsReading = generation;
    const CatalogPtr catalog = m_catalog;
    const QString scope = gridScopeQuery();
    QPointer<MainWindow> self(this);
    m_editPool.start([self, catalog, scope, generation] {
        // The ids, and their rating, flag and label (what an undo of a rating puts back).
        auto ids = Exporter::resolveQuery(*catalog, scope);
        auto marks = ids ? ShotRepository(*catalog).marks(*ids) : Result<QHash<qint64, ShotRepository::Marks>>(ids.error());
        QMetaObject::invokeMethod(self, [self, ids, marks, generation] {
            if (!self || generation != self->m_allIdsGeneration)
                return; // the grid changed meanwhile
            self->m_allIdsReading = 0;
            if (!marks) {
                self->statusBar()->showMessage(tr("The selected shots could not be listed: %1").arg(marks.error().message), 15000);
                return;
            }
            self->m_allIds = *ids;
            self->m_allMarks = *marks;
            self->m_allIdsReady = true;
        });
    });
}

QString MainWindow::gridScopeQuery() const
{
    // The open photoset and the search (a saved search once opened).
    QString scope = m_searchBar->combinedText();
    if (const qint64 photoset = currentPhotosetId(); photoset != 0)
        scope = QString(QStringLiteral("photoset:#%1 ").arg(photoset) + scope).trimmed();
    return scope;
}

bool MainWindow::captionSelection(bool onlyUnedited)
{
    const CaptionSettings settings = Settings::load().caption;
    const QList<qint64> ids = selectedShotIds(true);
    const qint64 rows = m_shots ? m_shots->rowCount() : 0;
    const bool wholeGrid = ids.isEmpty() && rows > 0 && selectedCount() == rows;
    if (ids.isEmpty() && !wholeGrid) {
        (void)selectedShotIds(); // says why in the status bar
        return false;
    }
    // Everything in the grid selected but not all of it loaded (a large photoset): the job
    // captions what the grid shows, read when it starts.
    const Result<QJsonObject> parameters = wholeGrid
                                               ? jobkinds::captionQueryParameters(gridScopeQuery(), onlyUnedited, settings)
                                               : jobkinds::captionParameters(ids, onlyUnedited, settings);
    if (!parameters) {
        statusBar()->showMessage(parameters.error().message, 15000);
        return false;
    }
    const qint64 count = ids.isEmpty() ? rows : ids.size();
    auto id = m_jobs->enqueue(QStringLiteral("caption"), *parameters, count);
    if (!id) {
        statusBar()->showMessage(tr("Captioning cannot start: %1").arg(id.error().message), 15000);
        return false;
    }
    //: %1 the generator ("the built-in captioner", or a model at a server)
    statusBar()->showMessage(tr("Captioning %n shot(s) with %1…", nullptr, int(std::min<qint64>(count, INT_MAX)))
                                 .arg(jobkinds::describeGenerator(settings)),
                             10000);
    return true;
}

bool MainWindow::replaceInSelectionCaptions(const QString &find, const QString &replace, Qt::CaseSensitivity sensitivity)
{
    const QList<qint64> ids = selectedShotIds();
    if (ids.isEmpty() || find.isEmpty())
        return false;
    // The count is told once the edit ran (runEdit only speaks up for errors). The window waits for
    // the edit thread before it goes, so it is there when the work posts the message.
    // Told once, for the replacement itself (not for its undo and redo).
    auto told = std::make_shared<std::atomic_bool>(false);
    auto run = [this, told, runner = editRunner()](CatalogCommand::Work work) {
        runner([this, told, work](const Catalog &catalog) -> Result<CurationReport> {
            auto report = work(catalog);
            if (report && !told->exchange(true)) {
                const int changed = int(std::min<qint64>(report->changed, INT_MAX));
                QMetaObject::invokeMethod(this, [this, changed] {
                    statusBar()->showMessage(tr("Find and replace: %n caption(s) changed.", nullptr, changed), 15000);
                });
            }
            return report;
        });
    };
    m_undo->push(captioncommands::replaceInCaptions(ids, find, replace, sensitivity, run));
    return true;
}

void MainWindow::askReplaceInCaptions()
{
    const QList<qint64> ids = selectedShotIds();
    if (ids.isEmpty())
        return;
    CaptionReplaceDialog dialog(ids.size(), this);
    if (dialog.exec() == QDialog::Accepted)
        replaceInSelectionCaptions(dialog.findText(), dialog.replaceText(), dialog.sensitivity());
}

CatalogCommand::Runner MainWindow::editRunner()
{
    return [this](CatalogCommand::Work work) { runEdit(work); };
}

void MainWindow::runEdit(const std::function<Result<CurationReport>(const Catalog &)> &work)
{
    ++m_editsRunning;
    const CatalogPtr catalog = m_catalog;
    QtConcurrent::run(&m_editPool, [catalog, work] { return work(*catalog); })
        .then(this, [this](const Result<CurationReport> &report) {
            --m_editsRunning;
            QString message;
            if (!report) {
                message = report.error().code == Error::Code::Conflict
                    ? tr("Not changed: %1 Refresh (F5) to see the current values, then edit again.").arg(report.error().message)
                    : tr("The edit failed: %1").arg(report.error().message);
                // Not modal: the window goes on; the message stays until read.
                auto *box = new QMessageBox(QMessageBox::Warning, tr("Edit not made"), message, QMessageBox::Ok, this);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->open();
            } else if (report->conflicts > 0) {
                message = tr("%n shot(s) were changed by someone else after this edit and were left as they are.", nullptr,
                             int(std::min<qint64>(report->conflicts, INT_MAX)));
            }
            if (report && !report->sidecarFailures.isEmpty()) {
                // Kept in the "not yet written" list until a retry writes them.
                for (const auto &failure : report->sidecarFailures) {
                    auto same = [&](const std::pair<QString, QString> &f) { return f.first == failure.first; };
                    m_unwrittenSidecars.erase(std::remove_if(m_unwrittenSidecars.begin(), m_unwrittenSidecars.end(), same),
                        m_unwrittenSidecars.end());
                    m_unwrittenSidecars.append(failure);
                }
                message = tr("%n XMP sidecar(s) could not be written (the catalog has the change): %1", nullptr,
                             int(report->sidecarFailures.size()))
                              .arg(report->sidecarFailures.first().first + QStringLiteral(": ")
                                   + report->sidecarFailures.first().second);
                updateSidecarWarning();
            }
            if (!message.isEmpty())
                statusBar()->showMessage(message, 20000);
            m_shots->refresh();
            m_photosets->refresh();
            reloadSavedSearches();
            scheduleFacetCounts();
            updateInspector();
            Q_EMIT editFinished(message);
        });
}

void MainWindow::loadVocabulary()
{
    // 24 attributes and their options: a small read, done once per catalog.
    auto vocabulary = AttributeRepository(*m_catalog).all();
    if (!vocabulary) {
        statusBar()->showMessage(tr("Could not read the attribute vocabulary: %1").arg(vocabulary.error().message), 15000);
        return;
    }
    m_vocabulary = *vocabulary;
    m_facets->setVocabulary(m_vocabulary);
    m_searchBar->setVocabulary(m_vocabulary);
    m_attributes->setVocabulary(m_vocabulary);
}

void MainWindow::scheduleFacetCounts()
{
    if (!m_catalog || !m_shots)
        return;
    ShotQuery query = m_searchBar->query();
    if (const qint64 photoset = m_shots->photoset(); photoset != 0)
        query.photosetIds.append(photoset);
    const quint64 generation = ++*m_facetGeneration;
    const auto live = m_facetGeneration;
    const CatalogPtr catalog = m_catalog;
    ++m_facetsRunning;
    m_facets->setCounting(true);
    // Newest request wins: a request overtaken before it starts is skipped, one overtaken while
    // running is dropped when it arrives.
    QtConcurrent::run(&m_facetPool, [catalog, query, generation, live]() -> std::optional<Result<QList<FacetCount>>> {
        if (live->load() != generation)
            return std::nullopt;
        return Facets::compute(*catalog, query);
    }).then(this, [this, generation](const std::optional<Result<QList<FacetCount>>> &counts) {
        --m_facetsRunning;
        if (!counts || generation != m_facetGeneration->load())
            return;
        if (!*counts) {
            m_facets->setCounting(false);
            statusBar()->showMessage(tr("Could not count the facets: %1").arg(counts->error().message), 15000);
            return;
        }
        m_facets->setCounts(**counts);
        Q_EMIT facetsCounted();
    });
}

void MainWindow::reloadSavedSearches()
{
    auto searches = SavedSearchRepository(*m_catalog).list();
    if (!searches) {
        statusBar()->showMessage(tr("Could not read the saved searches: %1").arg(searches.error().message), 15000);
        return;
    }
    const QString current = m_savedSearchView->currentItem() ? m_savedSearchView->currentItem()->text() : QString();
    const QSignalBlocker blocker(m_savedSearchView);
    m_savedSearchView->clear();
    for (const SavedSearch &search : std::as_const(*searches)) {
        auto *item = new QListWidgetItem(QStringLiteral("⌕ ") + search.name, m_savedSearchView);
        item->setData(Qt::UserRole, search.id);
        item->setData(Qt::UserRole + 1, search.query);
        item->setData(Qt::UserRole + 2, search.name);
        item->setToolTip(search.query);
        if (item->text() == current)
            m_savedSearchView->setCurrentItem(item);
    }
    Q_EMIT savedSearchesLoaded();
}

void MainWindow::saveSearch(const QString &queryText)
{
    if (queryText.trimmed().isEmpty()) {
        statusBar()->showMessage(tr("Type a search or choose facet values first: there is nothing to save."), 8000);
        return;
    }
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Search"),
        tr("Name for the search \"%1\":").arg(queryText), QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    saveSearchAs(name, queryText);
}

void MainWindow::saveSearchAs(const QString &name, const QString &queryText)
{
    auto created = std::make_shared<qint64>(0);
    const QString trimmed = name.trimmed();
    m_undo->push(new CatalogCommand(tr("Save Search \"%1\"").arg(trimmed),
        [created, trimmed, queryText](const Catalog &catalog) -> Result<CurationReport> {
            auto id = SavedSearchRepository(catalog).create(trimmed, queryText);
            if (!id)
                return id.error();
            *created = *id;
            return CurationReport {};
        },
        [created](const Catalog &catalog) -> Result<CurationReport> {
            if (auto removed = SavedSearchRepository(catalog).remove(*created); !removed)
                return removed.error();
            return CurationReport {};
        },
        editRunner()));
}

void MainWindow::openSavedSearch(QListWidgetItem *item)
{
    if (!item)
        return;
    // A smart photoset: the whole library narrowed by the saved query, as it matches now.
    const QModelIndex library = m_photosets->index(0, 0);
    if (library.isValid() && m_photosetView->currentIndex() != library)
        m_photosetView->setCurrentIndex(library);
    m_searchBar->setQueryText(item->data(Qt::UserRole + 1).toString());
}

void MainWindow::savedSearchMenu(const QPoint &pos)
{
    QListWidgetItem *item = m_savedSearchView->itemAt(pos);
    if (!item)
        return;
    SavedSearch search;
    search.id = item->data(Qt::UserRole).toLongLong();
    search.name = item->data(Qt::UserRole + 2).toString();
    search.query = item->data(Qt::UserRole + 1).toString();
    auto runner = editRunner();
    QMenu menu(this);
    menu.addAction(tr("&Rename…"), this, [this, search, runner] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename Saved Search"), tr("New name:"), QLineEdit::Normal,
            search.name, &ok);
        if (!ok || name.trimmed().isEmpty() || name.trimmed() == search.name)
            return;
        auto rename = [id = search.id](const QString &from, const QString &to) {
            return [id, from, to](const Catalog &catalog) -> Result<CurationReport> {
                SavedSearchRepository repository(catalog);
                auto current = repository.get(id);
                if (!current)
                    return current.error();
                if (current->name != from)
                    return Error::conflict(MainWindow::tr("The saved search was renamed to \"%1\" by someone else.").arg(current->name));
                current->name = to;
                if (auto updated = repository.update(*current); !updated)
                    return updated.error();
                return CurationReport {};
            };
        };
        m_undo->push(new CatalogCommand(tr("Rename Saved Search \"%1\"").arg(search.name),
            rename(search.name, name.trimmed()), rename(name.trimmed(), search.name), runner));
    });
    menu.addAction(tr("Replace with the &Current Search"), this, [this, search, runner] {
        const QString now = m_searchBar->combinedText();
        auto change = [id = search.id](const QString &to) {
            return [id, to](const Catalog &catalog) -> Result<CurationReport> {
                SavedSearchRepository repository(catalog);
                auto current = repository.get(id);
                if (!current)
                    return current.error();
                current->query = to;
                if (auto updated = repository.update(*current); !updated)
                    return updated.error();
                return CurationReport {};
            };
        };
        m_undo->push(new CatalogCommand(tr("Change Saved Search \"%1\"").arg(search.name), change(now),
            change(search.query), runner));
    });
    menu.addSeparator();
    menu.addAction(tr("&Delete"), this, [this, search, runner] {
        auto id = std::make_shared<qint64>(search.id);
        m_undo->push(new CatalogCommand(tr("Delete Saved Search \"%1\"").arg(search.name),
            [id](const Catalog &catalog) -> Result<CurationReport> {
                if (auto removed = SavedSearchRepository(catalog).remove(*id); !removed)
                    return removed.error();
                return CurationReport {};
            },
            [id, search](const Catalog &catalog) -> Result<CurationReport> {
                auto created = SavedSearchRepository(catalog).create(search.name, search.query);
                if (!created)
                    return created.error();
                *id = *created; // a redo deletes the re-created row
                return CurationReport {};
            },
            runner));
    });
    menu.exec(m_savedSearchView->viewport()->mapToGlobal(pos));
}

void MainWindow::updateSidecarWarning()
{
    m_sidecarWarning->setVisible(!m_unwrittenSidecars.isEmpty());
    m_sidecarWarning->setText(tr("⚠ %n sidecar(s) not yet written", nullptr, int(m_unwrittenSidecars.size())));
}

void MainWindow::showUnwrittenSidecars()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Sidecars Not Yet Written"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *intro = new QLabel(tr("The catalog has these edits, but their XMP sidecars could not be written, so other "
                                "programs do not see them yet. Fix the cause (a read-only folder, a full disk) and retry."),
        &dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *list = new QListWidget(&dialog);
    for (const auto &[path, reason] : std::as_const(m_unwrittenSidecars))
        list->addItem(path + QStringLiteral(" — ") + reason);
    layout->addWidget(list, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QPushButton *retry = buttons->addButton(tr("&Retry"), QDialogButtonBox::AcceptRole);
    connect(retry, &QPushButton::clicked, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(640, 360);
    if (dialog.exec() == QDialog::Accepted)
        retryUnwrittenSidecars();
}

void MainWindow::retryUnwrittenSidecars()
{
    if (m_unwrittenSidecars.isEmpty())
        return;
    QStringList paths;
    for (const auto &failure : std::as_const(m_unwrittenSidecars))
        paths << failure.first;
    m_unwrittenSidecars.clear();
    updateSidecarWarning();
    // A retry is not an edit: it writes what the catalog already has. Failures come back into the list.
    runEdit([paths](const Catalog &catalog) -> Result<CurationReport> {
        ShotRepository shots(catalog);
        QList<qint64> ids;
        CurationReport report;
        for (const QString &sidecar : paths) {
            // The list holds sidecar paths ("photo.jpg.xmp"): the shot is the image beside it.
            const QString path = sidecar.endsWith(QLatin1String(".xmp")) ? sidecar.chopped(4) : sidecar;
            auto shot = shots.findByPath(path);
            if (!shot)
                return shot.error();
            if (*shot)
                ids << (*shot)->id;
            else
                report.sidecarFailures.append({ sidecar, QStringLiteral("the shot is no longer in the catalog") });
        }
        Curator curator(catalog);
        curator.setWriteSidecars(Settings::load().writeSidecars);
        if (auto written = curator.writeSidecars(ids, report); !written)
            return written.error();
        return report;
    });
}

void MainWindow::setCatalog(CatalogPtr catalog)
{
    m_captions->keepTyped(); // into the catalog it was typed for
    if (m_jobs) {
        // Its jobs write to the catalog being closed; queued ones stay queued there.
        m_jobsPanel->setQueue(nullptr);
        m_jobs->shutDown();
        delete m_jobs;
        m_jobs = nullptr;
    }
    m_editPool.waitForDone();
    m_facetGeneration->fetch_add(1);
    m_facetPool.waitForDone();
    if (m_catalog) {
        // The edit and facet threads' connections belong to the catalog being closed.
        const CatalogPtr old = m_catalog;
        m_editPool.start([old] { old->releaseThreadConnection(); });
        m_editPool.waitForDone();
        m_facetPool.start([old] { old->releaseThreadConnection(); });
        m_facetPool.waitForDone();
    }
    m_unwrittenSidecars.clear();
    updateSidecarWarning();
    m_undo->clear(); // edits of another catalog cannot be undone here
    m_grid->setModel(nullptr);
    m_photosetView->setModel(nullptr);
    delete m_shots;
    delete m_photosets;
    m_catalog = std::move(catalog);
    if (isShowingCropEditor())
        m_stack->setCurrentWidget(m_splitter);
    m_cropEditor->setCatalog(m_catalog);
    m_cropOverlays->setCatalog(m_catalog);
    m_shots = new ShotListModel(m_catalog, this);
    m_photosets = new PhotosetListModel(m_catalog, this);
    m_grid->setShotModel(m_shots);
    m_photosetView->setModel(m_photosets);
    m_inspector->clear();
    m_captions->setEditPath(m_catalog, &m_editPool, m_undo, editRunner());
    setUpJobs();
    loadVocabulary();
    m_shots->setFilter(m_searchBar->query());
    reloadSavedSearches();
    scheduleFacetCounts();

    connect(m_shots, &ShotListModel::countChanged, this, [this] {
        forgetAllIds();
        updateStatus();
    });
    connect(m_shots, &QAbstractItemModel::modelReset, this, &MainWindow::forgetAllIds);
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
        readAllIdsIfAllSelected();
    });
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::updateInspector);
    connect(m_photosetView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &index) {
        m_shots->setPhotoset(index.data(PhotosetListModel::PhotosetIdRole).toLongLong());
        m_inspector->clear();
        scheduleFacetCounts();
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

bool MainWindow::jobsProgressShown() const
{
    return m_progress->isVisible();
}

bool MainWindow::isImporting() const
{
    return m_jobs && m_jobs->activeCount(QStringLiteral("import")) > 0;
}

bool MainWindow::isShowingWelcome() const
{
    return m_stack->currentWidget() == m_welcome;
}

bool MainWindow::isShowingPreview() const
{
    return m_stack->currentWidget() == m_preview;
}

bool MainWindow::isShowingCropEditor() const
{
    return m_stack->currentWidget() == m_cropEditor;
}

void MainWindow::openCropEditor()
{
    if (isShowingCropEditor() || isShowingWelcome())
        return;
    const QModelIndex index = m_grid->currentIndex();
    if (!index.isValid() || !m_shots->isLoaded(index.row())) {
        statusBar()->showMessage(tr("Choose a shot to crop first."), 5000);
        return;
    }
    const Shot shot = m_shots->shotAt(index.row());
    if (shot.status != Shot::Status::Ok) {
        statusBar()->showMessage(tr("%1 cannot be read, so it cannot be cropped.").arg(QFileInfo(shot.path).fileName()),
                                 8000);
        return;
    }
    m_beforeCrop = m_stack->currentWidget();
    const QImage standIn = isShowingPreview() && !m_preview->image().isNull()
        ? m_preview->image()
        : m_thumbnails->request(shot.contentHash, shot.path, 1024, INT_MAX);
    m_stack->setCurrentWidget(m_cropEditor);
    m_cropEditor->openShot(shot, standIn);
}

void MainWindow::updatePage()
{
    if (isShowingPreview() || isShowingCropEditor())
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
    loadSelectionAttributes();
    const qint64 selected = selectedCount();
    if (selected > 1) {
        m_inspector->showSelectionCount(int(std::min<qint64>(selected, INT_MAX)));
        m_captions->showSelection(selected);
        return;
    }
    const QModelIndex current = selected == 1 ? QModelIndex(m_grid->selectionModel()->selection().first().topLeft())
                                              : m_grid->currentIndex();
    if (!current.isValid() || !m_shots->isLoaded(current.row())) {
        m_inspector->clear();
        m_captions->showSelection(0);
        return;
    }
    const Shot shot = m_shots->shotAt(current.row());
    m_inspector->showShot(shot, m_thumbnails->failureReason(shot.contentHash));
    m_captions->setShot(shot.id);
}

void MainWindow::loadSelectionAttributes()
{
    // At most this many shots are read for the editor; a bigger selection is edited from the
    // facets and the command line (it would be one edit of them all, but not shown value by value).
    constexpr qsizetype MaxShown = 20000;
    const quint64 generation = ++m_attributeGeneration;
    QList<qint64> ids = selectedShotIds(true);
    if (ids.isEmpty() || ids.size() > MaxShown) {
        m_attributeShots.clear();
        m_attributeValues.clear();
        m_attributes->clearValues();
        m_attributes->setEnabled(false);
        return;
    }
    const CatalogPtr catalog = m_catalog;
    QStringList keys;
    for (const Attribute &a : std::as_const(m_vocabulary))
        keys << a.key;
    ++m_attributesLoading;
    using Values = QHash<QString, QHash<qint64, QStringList>>;
    QtConcurrent::run(&m_facetPool, [catalog, ids, keys]() -> Result<Values> {
        Curator curator(*catalog);
        Values values;
        for (const QString &key : keys) {
            auto one = curator.attributeValues(ids, key);
            if (!one)
                return one.error();
            if (!one->isEmpty())
                values.insert(key, *one);
        }
        return values;
    }).then(this, [this, generation, ids](const Result<Values> &values) {
        --m_attributesLoading;
        if (generation != m_attributeGeneration)
            return; // the selection moved on
        if (!values) {
            m_attributes->setEnabled(false);
            statusBar()->showMessage(tr("Could not read the attributes of the selection: %1").arg(values.error().message), 15000);
            return;
        }
        m_attributeShots = ids;
        m_attributeValues = *values;
        QHash<QString, QList<QStringList>> perShot;
        for (auto it = values->cbegin(); it != values->cend(); ++it) {
            QList<QStringList> lists;
            lists.reserve(ids.size());
            for (qint64 id : ids)
                lists.append(it.value().value(id));
            perShot.insert(it.key(), lists);
        }
        m_attributes->setValues(perShot, int(ids.size()));
        m_attributes->setEnabled(true);
    });
}

void MainWindow::onAttributeEdited(const QString &key, const QStringList &values, const QStringList &keepAsIs)
{
    if (m_attributeShots.isEmpty())
        return;
    QString label = key;
    for (const Attribute &a : std::as_const(m_vocabulary))
        if (a.key == key)
            label = a.label;
    auto runner = editRunner();
    if (keepAsIs.isEmpty()) {
        m_undo->push(commands::setAttribute(m_attributeShots, key, label, values, runner));
        return;
    }
    // Options still mixed stay as each shot had them: one batch per resulting set of values.
    QHash<QStringList, QList<qint64>> groups;
    const QHash<qint64, QStringList> current = m_attributeValues.value(key);
    for (qint64 id : std::as_const(m_attributeShots))
        groups[AttributeEditor::resolve(current.value(id), values, keepAsIs)].append(id);
    m_undo->beginMacro(tr("Set %1 (%n shot(s))", nullptr, int(m_attributeShots.size())).arg(label));
    for (auto it = groups.cbegin(); it != groups.cend(); ++it)
        m_undo->push(commands::setAttribute(it.value(), key, label, it.key(), runner));
    m_undo->endMacro();
}

void MainWindow::openTagManager()
{
    auto *dialog = new TagManagerDialog(m_catalog, &m_editPool, m_undo,
        editRunner(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TagManagerDialog::editFailed, this, [this](const QString &message) {
        statusBar()->showMessage(message, 15000);
    });
    dialog->show();
}

void MainWindow::editPhotoset(qint64 photosetId)
{
    if (photosetId == 0) {
        statusBar()->showMessage(tr("Choose a photoset to edit (the library itself has no fields)."), 6000);
        return;
    }
    // Small reads on the GUI thread: one photoset, the tag paths, the genres.
    auto loaded = PhotosetEdits::load(*m_catalog, photosetId);
    if (!loaded) {
        QMessageBox::warning(this, tr("Edit Photoset"), loaded.error().message);
        return;
    }
    auto tags = TagRepository(*m_catalog).all();
    QStringList paths;
    if (tags)
        for (const Tag &tag : std::as_const(*tags))
            paths << tag.path;
    QStringList genres;
    for (const Attribute &a : std::as_const(m_vocabulary))
        if (a.key == QLatin1String("genre"))
            for (const AttributeOption &o : a.options)
                genres << o.label;
    const auto edited = PhotosetEditDialog::ask(this, *loaded, paths, genres);
    if (!edited)
        return;
    // Saved now, with a conflict (someone else changed it since it was read) settled by the user.
    auto saved = PhotosetEditDialog::saveResolvingConflicts(this, *m_catalog, *edited);
    if (!saved) {
        if (saved.error().code != Error::Code::Conflict) // a conflict the user cancelled needs no box
            QMessageBox::warning(this, tr("Edit Photoset"), saved.error().message);
        return;
    }
    auto after = PhotosetEdits::load(*m_catalog, photosetId);
    if (!after) {
        QMessageBox::warning(this, tr("Edit Photoset"), after.error().message);
        return;
    }
    // Undo and redo put one state back over the other, refusing if someone changed it meanwhile.
    auto same = [](const PhotosetEdit &a, const PhotosetEdit &b) {
        const Photoset &x = a.photoset, &y = b.photoset;
        return x.name == y.name && x.title == y.title && x.year == y.year && x.date == y.date
            && x.sourceUrl == y.sourceUrl && x.description == y.description && x.people == y.people
            && x.extra == y.extra && a.tags == b.tags && a.genre == b.genre;
    };
    auto swap = [same](PhotosetEdit expected, PhotosetEdit target) {
        return [same, expected, target](const Catalog &catalog) -> Result<CurationReport> {
            auto current = PhotosetEdits::load(catalog, target.photoset.id);
            if (!current)
                return current.error();
            if (!same(*current, expected))
                return Error::conflict(MainWindow::tr("The photoset \"%1\" was changed by someone else since; nothing was overwritten.")
                                           .arg(current->photoset.name));
            PhotosetEdit next = target;
            next.photoset.version = current->photoset.version;
            auto saved = PhotosetEdits::save(catalog, next);
            if (!saved)
                return saved.error();
            return CurationReport {};
        };
    };
    auto first = std::make_shared<bool>(true);
    auto redo = swap(*loaded, *after);
    m_undo->push(new CatalogCommand(tr("Edit Photoset \"%1\"").arg(after->photoset.name),
        [first, redo](const Catalog &catalog) -> Result<CurationReport> {
            if (*first) { // already saved above
                *first = false;
                return CurationReport {};
            }
            return redo(catalog);
        },
        swap(*after, *loaded), editRunner()));
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
    m_captions->keepTyped(); // a caption typed and not saved is not lost (the edit runs before the window goes)
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
    if (m_jobs && m_jobs->activeCount() > 0) {
        QMessageBox::information(this, tr("Jobs Running"),
                                 tr("Background jobs are running on this catalog. Wait for them to finish, or cancel "
                                    "them in the Jobs panel (View ▸ Jobs), first."));
        showJobs(0);
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
    auto id = m_jobs->enqueue(QStringLiteral("import"), jobkinds::importParameters(path));
    if (!id) {
        statusBar()->showMessage(tr("The import cannot start: %1").arg(id.error().message), 15000);
        return;
    }
    statusBar()->showMessage(m_jobs->activeCount(QStringLiteral("import")) > 1 ? tr("Import of %1 queued after the one running.").arg(path)
                                                                               : tr("Importing %1…").arg(path),
                             10000);
    updatePage();
}

void MainWindow::buildThumbnails()
{
    auto id = m_jobs->enqueue(QStringLiteral("thumbnails"), jobkinds::thumbnailParameters(ThumbnailCache::Sizes[0], m_cacheFolder,
                                                                                      Settings::load().workerCount));
    if (!id) {
        statusBar()->showMessage(tr("Thumbnails cannot be made: %1").arg(id.error().message), 15000);
        return;
    }
    statusBar()->showMessage(tr("Making the thumbnails of the whole catalog in the background…"), 10000);
}

void MainWindow::showJobs(qint64 jobId)
{
    m_jobsDock->show();
    m_jobsDock->raise();
    if (jobId)
        m_jobsPanel->selectJob(jobId);
}

void MainWindow::setUpJobs()
{
    m_jobs = new JobQueue(m_catalog);
    jobkinds::registerAll(*m_jobs, [] { return Settings::load().caption; });
    m_jobsPanel->setQueue(m_jobs);
    connect(m_jobs, &JobQueue::partial, this, [this](qint64, qint64 shotId, const QString &text) {
        m_captions->showPartial(shotId, text);
    });
    connect(m_jobs, &JobQueue::itemDone, this, [this](qint64, const QString &kind, qint64 shotId) {
        if (kind == u"caption" && shotId == m_captions->shotId())
            m_captions->setShot(shotId);
    });
    connect(m_jobs, &JobQueue::jobChanged, this, [this](qint64 id) {
        const std::optional<Job> job = m_jobs->job(id);
        // While importing, the grid and counts catch up every second or so.
        if (job && job->kind == u"import" && job->done > 0 && !m_liveRefresh.isActive())
            m_liveRefresh.start();
        updateJobsStatus();
    });
    connect(m_jobs, &JobQueue::jobFinished, this, &MainWindow::onJobFinished);
    updateJobsStatus();
    const QList<Job> jobs = m_jobs->jobs();
    const auto interrupted = std::count_if(jobs.begin(), jobs.end(), [this](const Job &j) { return m_jobs->isInterrupted(j.id); });
    if (interrupted > 0) {
        statusBar()->showMessage(tr("%n job(s) were interrupted (the window was closed or the program stopped); "
                                    "resume them in the Jobs panel.",
                                    nullptr, int(interrupted)),
                                 30000);
        showJobs(0);
    }
}

void MainWindow::updateJobsStatus()
{
    qint64 done = 0;
    qint64 total = 0;
    const int active = m_jobs ? m_jobs->activeCount() : 0;
    if (m_jobs) {
        for (const Job &job : m_jobs->jobs()) {
            if (!m_jobs->isActive(job.id))
                continue;
            done += std::min(job.done, job.total);
            total += job.total;
        }
    }
    m_jobsButton->setVisible(active > 0);
    m_progress->setVisible(active > 0);
    m_jobsButton->setText(tr("%n job(s) running", nullptr, active));
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(done * 1000 / total));
    } else {
        m_progress->setRange(0, 0); // busy until the jobs know their size
    }
}

void MainWindow::onJobFinished(qint64 id, const QString &kind, Job::State state, const QString &summary)
{
    updateJobsStatus();
    const std::optional<Job> job = m_jobs->job(id);
    QString message = summary;
    if (job && job->failed > 0 && state != Job::State::Failed)
        message += u' ' + tr("The failures are listed in the Jobs panel.");
    statusBar()->showMessage(message, 20000);
    if (state == Job::State::Failed || (job && job->failed > 0 && kind != u"import"))
        showJobs(id); // what failed, and why, without a modal box
    if (kind == u"import") {
        m_liveRefresh.stop();
        m_photosets->refresh();
        m_shots->refresh();
        updatePage();
        Q_EMIT importFinished(summary);
    } else if (kind == u"caption") {
        m_shots->refresh();
        if (m_captions->shotId())
            m_captions->setShot(m_captions->shotId());
    }
    Q_EMIT jobFinished(id, summary);
}

} // namespace stills
