#pragma once

#include "catalog/catalog.h"
#include "catalog/facets.h"
#include "catalog/shotrepository.h"
#include "domain/attribute.h"
#include "domain/job.h"
#include "curating/curator.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

class QDockWidget;
class QLabel;
class QListView;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QSlider;
class QSplitter;
class QStackedWidget;
class QUndoStack;

namespace stills {

class AttributeEditor;
class CropEditor;
class CropOverlays;
class CaptionEditor;
class FacetPanel;
class JobQueue;
class JobsPanel;
class InspectorPanel;
class SearchBar;
class PhotosetListModel;
class PreviewWidget;
class ShotGridView;
class ShotListModel;
class ThumbnailCache;
struct Settings;

// The main window: photosets on the left, the grid of shots in the centre, the inspector on the
// right, background work in the status bar; a welcome page while the catalog is empty, and a large
// preview (Space/Enter, Escape back). It wires models and views; the work happens in core.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `cacheFolder` empty = the user's cache folder.
    explicit MainWindow(CatalogPtr catalog, const QString &cacheFolder = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Imports a folder as a background job (progress in the status bar and the Jobs panel).
    void importFolder(const QString &path);
    // File ▸ Make Thumbnails: the grid's thumbnails of the whole catalog, made ahead as a job.
    void buildThumbnails();
    // View ▸ Jobs: shows the Jobs panel, with job `jobId` selected (0: as it was).
    void showJobs(qint64 jobId);
    JobQueue *jobQueue() const { return m_jobs; }
    JobsPanel *jobsPanel() const { return m_jobsPanel; }
    QDockWidget *jobsDock() const { return m_jobsDock; }
    bool jobsProgressShown() const; // the status bar's jobs progress
    // Replaces the open catalog; the old one stays open when the new one cannot be opened.
    bool openCatalog(const QString &location);

    // For tests and scripting of the UI.
    ShotGridView *grid() const { return m_grid; }
    ShotListModel *shotModel() const { return m_shots; }
    PhotosetListModel *photosetModel() const { return m_photosets; }
    InspectorPanel *inspector() const { return m_inspector; }
    AttributeEditor *attributeEditor() const { return m_attributes; }
    bool isLoadingAttributes() const { return m_attributesLoading > 0; }
    void openTagManager();
    void updateInspectorForTests() { updateInspector(); }
    void editPhotoset(qint64 photosetId);
    PreviewWidget *preview() const { return m_preview; }
    // Shot ▸ Crop (R): the crop editor on the current shot; back to the grid or preview when done.
    void openCropEditor();
    CropEditor *cropEditor() const { return m_cropEditor; }
    CropOverlays *cropOverlays() const { return m_cropOverlays; }
    bool isShowingCropEditor() const;
    ThumbnailCache *thumbnails() const { return m_thumbnails; }
    QListView *photosetView() const { return m_photosetView; }
    bool isShowingWelcome() const;
    bool isShowingPreview() const;
    bool isImporting() const;
    QUndoStack *undoStack() const { return m_undo; }
    FacetPanel *facetPanel() const { return m_facets; }
    SearchBar *searchBar() const { return m_searchBar; }
    QListWidget *savedSearchView() const { return m_savedSearchView; }
    bool isCountingFacets() const { return m_facetsRunning > 0; }
    // Sidecars the edits could not write (path, reason), kept until a retry writes them.
    const QList<std::pair<QString, QString>> &unwrittenSidecars() const { return m_unwrittenSidecars; }
    void retryUnwrittenSidecars();

    // Curating actions on the selection (also reached from menus and keys), undoable. They return
    // false and say why in the status bar when they cannot run (nothing selected, rows loading).
    bool tagSelection(const QStringList &add, const QStringList &remove);
    bool setSelectionAttribute(const QString &key, const QStringList &values);
    bool addSelectionToPhotoset(qint64 photosetId);
    bool removeSelectionFromPhotoset();
    void createPhotoset(const QString &name, bool withSelection);
    void deletePhotoset(qint64 photosetId);
    void renamePhotoset(qint64 photosetId, const QString &newName);
    void moveInPhotoset(const QList<qint64> &shotIds, qint64 beforeShotId);
    QList<qint64> selectedShotIds(bool quiet = false) const;
    qint64 currentPhotosetId() const;
    // Saves the current search under `name` (undoable); the left pane lists it.
    void saveSearchAs(const QString &name, const QString &queryText);
    // Rating (0..5), flag (-1, 0, 1) or colour label (0..5) on the selected shots, undoable.
    void editSelection(int field, int value);
    bool isEditing() const { return m_editsRunning > 0; }

    // Captions (Shot menu). Caption Selected / Regenerate Unedited Captions run a caption job over
    // the selection with the generator of Preferences (a job: progress, Cancel and failures in the
    // Jobs panel);
    // find-and-replace stores each changed caption as a new version typed by hand (undoable).
    CaptionEditor *captionEditor() const { return m_captions; }
    // With all of a large grid selected (rows not loaded), the job is made from the grid's query.
    bool captionSelection(bool onlyUnedited);
    // What the grid shows as a query: the open photoset and the search.
    QString gridScopeQuery() const;
    // Every id of the grid has been read (after Ctrl+A on a grid larger than what is loaded).
    bool hasAllIds() const { return m_allIdsReady; }
    bool replaceInSelectionCaptions(const QString &find, const QString &replace, Qt::CaseSensitivity sensitivity);
    void askReplaceInCaptions();

    // Edit ▸ Preferences (Ctrl+,) and Help ▸ About.
    void showPreferences();
    void showAbout();
    // Applies what can change while running: background workers, the cache's disk budget (trimmed
    // off the GUI thread). XMP sidecar writing is read by each edit; the catalog is reopened by
    // showPreferences(); language and cache folder take effect on the next start.
    void applySettings(const Settings &settings);

Q_SIGNALS:
    void importFinished(const QString &message);
    // Any background job ended; `summary` is what the status bar said.
    void jobFinished(qint64 id, const QString &summary);
    void editFinished(const QString &message);
    void facetsCounted();
    void savedSearchesLoaded();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildPages();
    void setCatalog(CatalogPtr catalog);
    void chooseFolder();
    void chooseCatalogFile();
    void enterCatalogUrl();
    void setUpJobs();
    void forgetAllIds();
    bool allIdsCover(qsizetype selectedRows) const; // the ids read cover a selection of all rows
    void readAllIdsIfAllSelected();
    void updateJobsStatus();
    void onJobFinished(qint64 id, const QString &kind, stills::Job::State state, const QString &summary);
    void updatePage();
    void updateStatus();
    void updateInspector();
    qint64 selectedCount() const;
    void showPreview(const QModelIndex &index);
    void closePreview();
    void stepPreview(int delta);
    void zoom(int steps);
    void buildShotMenu();
    // Runs an edit's work on the edit thread, then reports it (errors, unwritten sidecars) and
    // refreshes what shows it.
    void runEdit(const std::function<Result<CurationReport>(const Catalog &)> &work);
    // What undo commands run their work through: runEdit on the edit pool.
    std::function<void(std::function<Result<CurationReport>(const Catalog &)>)> editRunner();
    void loadVocabulary();
    void scheduleFacetCounts();
    void reloadSavedSearches();
    void saveSearch(const QString &queryText);
    void openSavedSearch(QListWidgetItem *item);
    void savedSearchMenu(const QPoint &pos);
    void showUnwrittenSidecars();
    void buildPhotosetMenu();
    void loadSelectionAttributes();
    void onAttributeEdited(const QString &key, const QStringList &values, const QStringList &keepAsIs);
    void askTags(bool remove);
    void askAddToPhotoset();
    void askNewPhotoset(bool withSelection);
    void askRenamePhotoset();
    void askDeletePhotoset();
    bool eventFilter(QObject *watched, QEvent *event) override;
    QString photosetName(qint64 photosetId) const;
    void updateSidecarWarning();
    void buildHelpMenu();

    CatalogPtr m_catalog;
    QString m_cacheFolder;
    ThumbnailCache *m_thumbnails = nullptr;
    PhotosetListModel *m_photosets = nullptr;
    ShotListModel *m_shots = nullptr;

    QStackedWidget *m_stack = nullptr;
    QWidget *m_welcome = nullptr;
    QLabel *m_welcomeText = nullptr;
    QSplitter *m_splitter = nullptr;
    QSplitter *m_leftSplitter = nullptr;
    QListView *m_photosetView = nullptr;
    QListWidget *m_savedSearchView = nullptr;
    FacetPanel *m_facets = nullptr;
    SearchBar *m_searchBar = nullptr;
    QPushButton *m_sidecarWarning = nullptr;
    QList<std::pair<QString, QString>> m_unwrittenSidecars;
    QList<Attribute> m_vocabulary;
    AttributeEditor *m_attributes = nullptr;
    CaptionEditor *m_captions = nullptr;
    JobQueue *m_jobs = nullptr; // the open catalog's background jobs
    QList<qint64> m_allIds;     // every id of the grid, read when all of it is selected
    QHash<qint64, ShotRepository::Marks> m_allMarks; // and their rating, flag and label
    bool m_allIdsReady = false;
    quint64 m_allIdsGeneration = 1; // changes whenever the grid's rows may have changed
    quint64 m_allIdsReading = 0;    // the generation being read (0: none)
    JobsPanel *m_jobsPanel = nullptr;
    QDockWidget *m_jobsDock = nullptr;
    QList<qint64> m_attributeShots;                          // the shots the editor shows
    QHash<QString, QHash<qint64, QStringList>> m_attributeValues; // key -> shot -> values
    quint64 m_attributeGeneration = 0;
    int m_attributesLoading = 0;
    qint64 m_targetPhotoset = 0; // "B" adds the selection here (the last photoset added to)
    QThreadPool m_facetPool; // one thread: facet counts, newest request wins
    std::shared_ptr<std::atomic<quint64>> m_facetGeneration = std::make_shared<std::atomic<quint64>>(0);
    int m_facetsRunning = 0;
    ShotGridView *m_grid = nullptr;
    QSlider *m_sizeSlider = nullptr;
    InspectorPanel *m_inspector = nullptr;
    PreviewWidget *m_preview = nullptr;
    CropEditor *m_cropEditor = nullptr;
    CropOverlays *m_cropOverlays = nullptr;
    QWidget *m_beforeCrop = nullptr; // the page the crop editor returns to

    QLabel *m_statusCounts = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_jobsButton = nullptr;
    QTimer m_liveRefresh;
    QUndoStack *m_undo = nullptr;
    QThreadPool m_editPool; // one thread: edits run in the order they were made
    int m_editsRunning = 0;
    bool m_autoAdvance = false; // while importing, the grid and counts catch up every second or so
};

} // namespace stills
