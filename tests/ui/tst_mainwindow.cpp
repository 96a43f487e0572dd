// The main window on a catalog made from the corpus, offscreen: what a user sees and does.
#include "catalog/catalog.h"
#include "catalog/facets.h"
#include "catalog/savedsearchrepository.h"
#include "catalog/attributerepository.h"
#include "catalog/photosetrepository.h"
#include "catalog/searchindex.h"
#include "catalog/tagrepository.h"
#include "catalog/queryparser.h"
#include "curating/curator.h"
#include "facetpanel.h"
#include "attributeeditor.h"
#include "tageditdialog.h"
#include "curating/photosetedits.h"
#include "searchbar.h"
#include "imaging/imagedecoder.h"
#include "imaging/thumbnailcache.h"
#include "importing/folderimporter.h"
#include "inspectorpanel.h"
#include "metadata/xmpsidecar.h"
#include "mainwindow.h"
#include "models/photosetlistmodel.h"
#include "models/shotlistmodel.h"
#include "previewwidget.h"
#include "shotgridview.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QInputDialog>
#include <QTimer>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QListView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace stills;

namespace {

const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_photos;      // a folder of real photos and one broken file
    QString m_brokenPath;
    CatalogPtr m_catalog;
    qint64 m_files = 0;

    std::unique_ptr<MainWindow> makeWindow()
    {
        auto window = std::make_unique<MainWindow>(m_catalog, m_dir.filePath(QStringLiteral("cache")));
        window->resize(1200, 800);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qWarning("window not exposed");
        // Shortcuts only reach the active window.
        window->activateWindow();
        QApplication::setActiveWindow(window.get());
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("window not active");
        for (int i = 0; i < 500 && QGuiApplication::focusWindow() != window->windowHandle(); ++i)
            QTest::qWait(10);
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings and caches go to a test location
        QVERIFY(m_dir.isValid());
        m_photos = QFileInfo(m_dir.path()).canonicalFilePath() + QStringLiteral("/photos");
        QVERIFY(QDir().mkpath(m_photos));
        const QStringList names = QDir(kCorpus + QStringLiteral("/photos/exiv2")).entryList(QDir::Files, QDir::Name);
        for (const QString &name : names)
            QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/exiv2/") + name, m_photos + u'/' + name));
        // A broken file: a JPEG cut short. It sorts last ("zz").
        m_brokenPath = m_photos + QStringLiteral("/zz-broken.jpg");
        QVERIFY(QFile::copy(kCorpus + QStringLiteral("/bad/pillow/truncated_jpeg.jpg"), m_brokenPath));
        m_files = names.size() + 1;

        auto catalog = Catalog::open(CatalogUrl::sqlite(m_dir.filePath(QStringLiteral("catalog.db"))));
        QVERIFY(catalog.ok());
        m_catalog = *catalog;
        FolderImporter importer(*m_catalog);
        ImportOptions options;
        options.path = m_photos;
        auto summary = importer.run(options);
        QVERIFY(summary.ok());
        QCOMPARE(summary->scanned, m_files);
        QCOMPARE(summary->failed, qint64(1));
    }

    void cleanupTestCase()
    {
        // Everything above scrolled, selected, previewed and loaded thumbnails: none of it may
        // have decoded an image on the GUI thread.
        QCOMPARE(ImageDecoder::mainThreadDecodeCount(), 0);
        m_catalog.reset();
    }

    void welcomeOnEmptyCatalog()
    {
        QTemporaryDir empty;
        auto catalog = Catalog::open(CatalogUrl::sqlite(empty.filePath(QStringLiteral("empty.db"))));
        QVERIFY(catalog.ok());
        MainWindow window(*catalog, empty.filePath(QStringLiteral("cache")));
        window.show();
        QTRY_VERIFY(window.isShowingWelcome());
    }

    void gridShowsTheCatalog()
    {
        auto window = makeWindow();
        QTRY_VERIFY(!window->isShowingWelcome());
        QTRY_COMPARE(window->shotModel()->rowCount(), int(m_files));
        QCOMPARE(window->photosetModel()->rowCount(), 2); // Library + the imported folder
        QTRY_VERIFY(window->shotModel()->isLoaded(0));
        QTRY_COMPARE(window->photosetModel()->index(1, 0).data(PhotosetListModel::CountRole).toLongLong(), m_files);

        // Choosing the photoset shows its shots in folder order.
        window->photosetView()->setCurrentIndex(window->photosetModel()->index(1, 0));
        QTRY_COMPARE(window->shotModel()->photoset(), window->photosetModel()->index(1, 0).data(PhotosetListModel::PhotosetIdRole).toLongLong());
        QTRY_VERIFY(window->shotModel()->isLoaded(int(m_files) - 1));
        QCOMPARE(window->shotModel()->shotAt(int(m_files) - 1).path, m_brokenPath);
    }

    void selectingFillsTheInspector()
    {
        auto window = makeWindow();
        QTRY_VERIFY(window->shotModel()->rowCount() > 0 && window->shotModel()->isLoaded(0));
        ShotGridView *grid = window->grid();
        grid->setFocus();
        grid->setCurrentIndex(window->shotModel()->index(0, 0));
        const Shot shot = window->shotModel()->shotAt(0);
        QVERIFY(!shot.path.isEmpty());
        QTRY_COMPARE(window->inspector()->fieldText(QStringLiteral("Format")), shot.format.toUpper());
        QVERIFY(window->inspector()->fieldText(QStringLiteral("Dimensions")).contains(QString::number(shot.width)));
        QVERIFY(!window->inspector()->fieldText(QStringLiteral("Camera")).isEmpty());
    }

    void keyboardNavigation()
    {
        auto window = makeWindow();
        QTRY_VERIFY(window->shotModel()->rowCount() > 3 && window->shotModel()->isLoaded(3));
        ShotGridView *grid = window->grid();
        grid->setFocus();
        grid->setCurrentIndex(window->shotModel()->index(0, 0));
        QTest::keyClick(grid, Qt::Key_Right);
        QCOMPARE(grid->currentIndex().row(), 1);
        QTest::keyClick(grid, Qt::Key_Right);
        QCOMPARE(grid->currentIndex().row(), 2);
        QTest::keyClick(grid, Qt::Key_Left);
        QCOMPARE(grid->currentIndex().row(), 1);
        QTest::keyClick(grid, Qt::Key_End);
        QCOMPARE(grid->currentIndex().row(), int(m_files) - 1);
        QTest::keyClick(grid, Qt::Key_Home);
        QCOMPARE(grid->currentIndex().row(), 0);

        // Space opens the large preview, Escape goes back to the grid.
        QTest::keyClick(grid, Qt::Key_Space);
        QVERIFY(window->isShowingPreview());
        QSignalSpy loaded(window->preview(), &PreviewWidget::loaded);
        QVERIFY(loaded.wait(20000) || !window->preview()->isLoading());
        QVERIFY(!window->preview()->image().isNull());
        QVERIFY(window->preview()->image().width() > 256 || window->preview()->image().height() > 256);
        QTest::keyClick(window->preview(), Qt::Key_Right); // next shot in the preview
        QCOMPARE(grid->currentIndex().row(), 1);
        QTest::keyClick(window->preview(), Qt::Key_Escape);
        QVERIFY(!window->isShowingPreview());

        // Ctrl++ and Ctrl+- zoom the grid.
        const int before = grid->tileEdge();
        QTest::keyClick(window.get(), Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(grid->tileEdge() < before);
    }

    void rateFlagUndoFromTheKeyboard()
    {
        auto window = makeWindow();
        QTRY_VERIFY(window->shotModel()->rowCount() > 3 && window->shotModel()->isLoaded(3));
        ShotGridView *grid = window->grid();
        grid->setFocus();
        QTRY_VERIFY(grid->hasFocus());
        grid->setCurrentIndex(window->shotModel()->index(0, 0));
        const qint64 firstId = window->shotModel()->shotAt(0).id;
        auto shotOf = [&](int row) { return window->shotModel()->shotAt(row); };

        QSignalSpy edits(window.get(), &MainWindow::editFinished);
        QTest::keyClick(grid, Qt::Key_4);
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 1, 10000);
        QTRY_COMPARE(shotOf(0).rating, 4);
        QCOMPARE(shotOf(0).id, firstId);
        QCOMPARE(window->undoStack()->undoText(), QStringLiteral("Rate 4 Stars"));
        QTest::keyClick(grid, Qt::Key_P);
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 2, 10000);
        QTRY_COMPARE(shotOf(0).flag, Shot::Flag::Picked);

        // A batch over three shots, then undo puts back each shot's own value.
        grid->selectionModel()->select(QItemSelection(window->shotModel()->index(0, 0), window->shotModel()->index(2, 0)),
                                       QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(grid, Qt::Key_2);
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 3, 10000);
        QTRY_VERIFY(shotOf(0).rating == 2 && shotOf(1).rating == 2 && shotOf(2).rating == 2);
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 4, 10000);
        QTRY_VERIFY(shotOf(0).rating == 4 && shotOf(1).rating == 0 && shotOf(2).rating == 0);
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier); // the flag
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 5, 10000);
        QTRY_COMPARE(shotOf(0).flag, Shot::Flag::None);
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier); // the rating
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 6, 10000);
        QTRY_COMPARE(shotOf(0).rating, 0);
        // Redo brings the rating back, and the sidecar says so.
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 7, 10000);
        QTRY_COMPARE(shotOf(0).rating, 4);
        QCOMPARE(XmpSidecar::read(shotOf(0).path)->rating, 4);
        // Leave the catalog as the other tests expect it.
        grid->selectionModel()->select(window->shotModel()->index(0, 0), QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(grid, Qt::Key_0);
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 8, 10000);
        QTRY_COMPARE(shotOf(0).rating, 0);

        // Someone else (another user of a shared catalog) rates the shot after our edit: undoing
        // ours keeps their value and says so.
        QTest::keyClick(grid, Qt::Key_5);
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 9, 10000);
        {
            Curator other(*m_catalog);
            other.setWriteSidecars(false);
            QVERIFY(other.rate({ firstId }, 2).ok());
        }
        window->undoStack()->undo();
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 10, 10000);
        QVERIFY2(edits.last().first().toString().contains(QLatin1String("someone else")),
            qPrintable(edits.last().first().toString()));
        window->shotModel()->refresh();
        QTRY_COMPARE(shotOf(0).rating, 2);
        QVERIFY(Curator(*m_catalog).rate({ firstId }, 0).ok());
        window->shotModel()->refresh();
        QTRY_COMPARE(shotOf(0).rating, 0);
    }

    // Search field, facets with live counts and chips, saved searches: all from the keyboard or
    // the panel, the grid follows.
    void searchFacetsAndSavedSearches()
    {
        auto window = makeWindow();
        ShotListModel *shots = window->shotModel();
        QTRY_COMPARE(shots->rowCount(), int(m_files));
        QSignalSpy counted(window.get(), &MainWindow::facetsCounted);
        QTRY_VERIFY(!window->isCountingFacets());

        // Ctrl+F, type, the grid narrows to the matching file names.
        int canon = 0;
        for (const QString &name : QDir(m_photos).entryList(QDir::Files))
            canon += name.contains(QLatin1String("canon")) ? 1 : 0;
        QVERIFY(canon >= 2);
        window->grid()->setFocus();
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QLineEdit *field = window->searchBar()->field();
        QTRY_VERIFY(field->hasFocus());
        QTest::keyClicks(field, QStringLiteral("canon"));
        QTRY_COMPARE_WITH_TIMEOUT(shots->rowCount(), canon, 5000);
        QTRY_VERIFY(shots->isLoaded(0));
        QVERIFY(shots->shotAt(0).path.contains(QLatin1String("canon")));
        // Enter goes back to the grid.
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_VERIFY(window->grid()->hasFocus());

        // A mistake is named and the last good search stays in force.
        field->setText(QStringLiteral("canon rating>>2"));
        QTRY_VERIFY(!window->searchBar()->errorText().isEmpty());
        QVERIFY(window->searchBar()->errorText().contains(QLatin1String("character 13")));
        QCOMPARE(shots->rowCount(), canon);
        window->searchBar()->clearAll();
        QTRY_COMPARE(shots->rowCount(), int(m_files));
        QVERIFY(window->searchBar()->errorText().isEmpty());

        // Facets: two shots made night-time; choosing "Night" narrows the grid, shows a chip, and
        // the counts follow the filter.
        Curator curator(*m_catalog);
        curator.setWriteSidecars(false);
        QVERIFY(shots->isLoaded(1));
        const QList<qint64> night = { shots->shotAt(0).id, shots->shotAt(1).id };
        QVERIFY(curator.setAttribute(night, QStringLiteral("time_of_day"), { QStringLiteral("night") }).ok());
        counted.clear();
        window->facetPanel()->toggle(QStringLiteral("time_of_day"), QStringLiteral("night"));
        QTRY_COMPARE_WITH_TIMEOUT(shots->rowCount(), 2, 5000);
        QCOMPARE(window->searchBar()->chipCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(counted.count() >= 1 && !window->isCountingFacets(), 5000);
        FacetPanel *facets = window->facetPanel();
        QCOMPARE(facets->countOf(QStringLiteral("time_of_day"), QStringLiteral("night")), qint64(2));
        QCOMPARE(facets->countOf(QStringLiteral("time_of_day"), QStringLiteral("day")), qint64(0));
        QCOMPARE(facets->countOf(QStringLiteral("rating"), QStringLiteral("0")), qint64(2));
        // The panel shows what the catalog computes for the same query.
        ShotQuery query = window->searchBar()->query();
        auto expected = Facets::compute(*m_catalog, query);
        QVERIFY(expected.ok());
        for (const FacetCount &c : std::as_const(*expected))
            QCOMPARE(facets->countOf(c.facet, c.value), c.count);

        // Saved: listed in the left pane; undo removes it, redo brings it back.
        QCOMPARE(window->searchBar()->combinedText(), QStringLiteral("time_of_day:night"));
        QSignalSpy edits(window.get(), &MainWindow::editFinished);
        window->saveSearchAs(QStringLiteral("Night shots"), window->searchBar()->combinedText());
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 1, 10000);
        QCOMPARE(window->savedSearchView()->count(), 1);
        QCOMPARE(window->undoStack()->undoText(), QStringLiteral("Save Search \"Night shots\""));
        window->undoStack()->undo();
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 2, 10000);
        QCOMPARE(window->savedSearchView()->count(), 0);
        window->undoStack()->redo();
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 3, 10000);
        QCOMPARE(window->savedSearchView()->count(), 1);

        // Opening it later shows what matches now.
        window->searchBar()->clearAll();
        QTRY_COMPARE(shots->rowCount(), int(m_files));
        QCOMPARE(window->searchBar()->chipCount(), 0);
        QListWidgetItem *item = window->savedSearchView()->item(0);
        Q_EMIT window->savedSearchView()->itemClicked(item);
        QTRY_COMPARE_WITH_TIMEOUT(shots->rowCount(), 2, 5000);
        QCOMPARE(field->text(), QStringLiteral("time_of_day:night"));

        // Leave the catalog as the other tests expect it.
        window->searchBar()->clearAll();
        QVERIFY(curator.setAttribute(night, QStringLiteral("time_of_day"), {}).ok());
        auto saved = SavedSearchRepository(*m_catalog).list();
        QVERIFY(saved.ok());
        for (const SavedSearch &search : std::as_const(*saved))
            QVERIFY(SavedSearchRepository(*m_catalog).remove(search.id).ok());
    }

    // A sidecar that cannot be written is listed, not lost; a retry writes it once the cause is gone.
    void unwrittenSidecarsAreListedAndRetried()
    {
        auto window = makeWindow();
        ShotListModel *shots = window->shotModel();
        QTRY_VERIFY(shots->rowCount() > 1 && shots->isLoaded(0));
        const QString path = shots->shotAt(0).path;
        const QString blocked = XmpSidecar::sidecarPath(path);
        QFile::remove(blocked);
        QVERIFY(QDir().mkpath(blocked)); // a folder where the file should go: fails also as root
        ShotGridView *grid = window->grid();
        grid->setFocus();
        grid->setCurrentIndex(shots->index(0, 0));
        grid->selectionModel()->select(shots->index(0, 0), QItemSelectionModel::ClearAndSelect);
        QSignalSpy edits(window.get(), &MainWindow::editFinished);
        QTest::keyClick(grid, Qt::Key_3);
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 1, 10000);
        QCOMPARE(window->unwrittenSidecars().size(), 1);
        QCOMPARE(window->unwrittenSidecars().first().first, blocked);
        QVERIFY(!edits.first().first().toString().isEmpty()); // said in the status bar too
        QTRY_COMPARE(shots->shotAt(0).rating, 3);             // the catalog has the edit

        QVERIFY(QDir(blocked).removeRecursively());
        window->retryUnwrittenSidecars();
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 2, 10000);
        QVERIFY(window->unwrittenSidecars().isEmpty());
        QCOMPARE(XmpSidecar::read(path)->rating, 3);

        QTest::keyClick(grid, Qt::Key_0);
        QTRY_COMPARE_WITH_TIMEOUT(edits.count(), 3, 10000);
        QTRY_COMPARE(shots->shotAt(0).rating, 0);
    }

    // Photosets, tags and attributes over a selection, each undone and redone; the keyboard path
    // for tags (Ctrl+T), adding (B) and removing (Delete).
    void photosetsTagsAttributesWithUndo()
    {
        auto window = makeWindow();
        ShotListModel *shots = window->shotModel();
        QTRY_VERIFY(shots->rowCount() > 5 && shots->isLoaded(5));
        ShotGridView *grid = window->grid();
        grid->setFocus();
        QTRY_VERIFY(grid->hasFocus());
        QSignalSpy edits(window.get(), &MainWindow::editFinished);
        int done = 0;
        auto waitEdit = [&] {
            ++done;
            return QTest::qWaitFor([&] { return edits.count() >= done && !window->isEditing(); }, 10000);
        };
        const QList<qint64> ids = { shots->shotAt(0).id, shots->shotAt(1).id, shots->shotAt(2).id };
        grid->setCurrentIndex(shots->index(0, 0));
        grid->selectionModel()->select(QItemSelection(shots->index(0, 0), shots->index(2, 0)), QItemSelectionModel::ClearAndSelect);

        // Tags from the keyboard: Ctrl+T, type, Enter.
        QTimer::singleShot(0, this, [] {
            auto *dialog = qobject_cast<TagEditDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            QTest::keyClicks(dialog->lineEdit(), QStringLiteral("Lighting/Low key, Night"));
            QTest::keyClick(dialog->lineEdit(), Qt::Key_Return);
        });
        QTest::keyClick(grid, Qt::Key_T, Qt::ControlModifier);
        QVERIFY(waitEdit());
        TagRepository tags(*m_catalog);
        for (qint64 id : ids)
            QCOMPARE(*tags.tagsOfShot(id), QStringList({ QStringLiteral("Lighting/Low key"), QStringLiteral("Night") }));
        QCOMPARE(*SearchIndex::count(*m_catalog, *QueryParser::parse(QStringLiteral("tag:Lighting"))), qint64(3));
        QCOMPARE(window->undoStack()->undoText(), QStringLiteral("Add 2 Tags (3 shot(s))"));
        // Only the shot that had none loses it on undo: give shot 1 a tag first... here all three lacked them.
        // (The dialog took the activation: undo through the stack, the keys are tested above.)
        window->undoStack()->undo();
        QVERIFY(waitEdit());
        for (qint64 id : ids)
            QVERIFY(tags.tagsOfShot(id)->isEmpty());
        window->undoStack()->redo();
        QVERIFY(waitEdit());
        QCOMPARE(tags.tagsOfShot(ids[2])->size(), 2);
        // The sidecar carries the hierarchical tag.
        QVERIFY(XmpSidecar::read(shots->shotAt(0).path)->tags.contains(QStringLiteral("Lighting/Low key")));

        // Someone else tags the third shot meanwhile: undo leaves that shot as they made it, and says so.
        {
            Curator someoneElse(*m_catalog);
            someoneElse.setWriteSidecars(false);
            QVERIFY(someoneElse.tag({ ids[2] }, { QStringLiteral("Reviewed") }, {}).ok());
            window->undoStack()->undo();
            QVERIFY(waitEdit());
            QVERIFY(tags.tagsOfShot(ids[0])->isEmpty());
            QCOMPARE(*tags.tagsOfShot(ids[2]),
                     QStringList({ QStringLiteral("Lighting/Low key"), QStringLiteral("Night"), QStringLiteral("Reviewed") }));
            QVERIFY2(edits.last().first().toString().contains(QLatin1String("changed by someone else")),
                     qPrintable(edits.last().first().toString()));
            window->undoStack()->redo();
            QVERIFY(waitEdit());
            QVERIFY(someoneElse.tag({ ids[2] }, {}, { QStringLiteral("Reviewed") }).ok());
            for (qint64 id : ids)
                QCOMPARE(tags.tagsOfShot(id)->size(), 2);
        }

        // An attribute over the selection; undo gives each shot its own earlier value back.
        AttributeRepository attributes(*m_catalog);
        Curator curator(*m_catalog);
        curator.setWriteSidecars(false);
        QVERIFY(curator.setAttribute({ ids[0] }, QStringLiteral("time_of_day"), { QStringLiteral("day") }).ok());
        // The inspector's attribute editor shows the mixed selection, and a choice there sets all three.
        window->updateInspectorForTests();
        QTRY_VERIFY(window->attributeEditor()->isEnabled() && !window->isLoadingAttributes());
        QComboBox *timeOfDay = window->attributeEditor()->comboFor(QStringLiteral("time_of_day"));
        QVERIFY(timeOfDay);
        QVERIFY(timeOfDay->currentText().contains(QLatin1String("mixed")));
        const int dusk = timeOfDay->findData(QStringLiteral("dusk"));
        QVERIFY(dusk >= 0);
        timeOfDay->setCurrentIndex(dusk);
        Q_EMIT timeOfDay->activated(dusk); // what choosing it from the popup sends
        QVERIFY(waitEdit());
        for (qint64 id : ids)
            QCOMPARE(attributes.valuesOfShot(id)->value(QStringLiteral("time_of_day")), QStringList { QStringLiteral("dusk") });
        window->undoStack()->undo();
        QVERIFY(waitEdit());
        QCOMPARE(attributes.valuesOfShot(ids[0])->value(QStringLiteral("time_of_day")), QStringList { QStringLiteral("day") });
        QVERIFY(attributes.valuesOfShot(ids[1])->value(QStringLiteral("time_of_day")).isEmpty());
        QVERIFY(window->setSelectionAttribute(QStringLiteral("time_of_day"), { QStringLiteral("night") }));
        QVERIFY(waitEdit());
        QCOMPARE(attributes.valuesOfShot(ids[2])->value(QStringLiteral("time_of_day")), QStringList { QStringLiteral("night") });
        window->undoStack()->undo();
        QVERIFY(waitEdit());

        // A new photoset from the selection; undo deletes it, redo brings it back with its id.
        PhotosetRepository sets(*m_catalog);
        window->createPhotoset(QStringLiteral("Favourites"), true);
        QVERIFY(waitEdit());
        auto favourites = sets.findByName(QStringLiteral("Favourites"));
        QVERIFY(favourites.ok() && favourites->has_value());
        const qint64 setId = (*favourites)->id;
        QCOMPARE(*sets.members(setId), ids);
        window->undoStack()->undo();
        QVERIFY(waitEdit());
        QVERIFY(!sets.findByName(QStringLiteral("Favourites"))->has_value());
        window->undoStack()->redo();
        QVERIFY(waitEdit());
        QCOMPARE(sets.get(setId)->name, QStringLiteral("Favourites"));
        QCOMPARE(*sets.members(setId), ids);

        // B adds the next selection to the same photoset.
        grid->setCurrentIndex(shots->index(4, 0));
        grid->selectionModel()->select(shots->index(4, 0), QItemSelectionModel::ClearAndSelect);
        QVERIFY(window->addSelectionToPhotoset(setId));
        QVERIFY(waitEdit());
        window->activateWindow();
        QApplication::setActiveWindow(window.get());
        grid->setFocus();
        grid->setCurrentIndex(shots->index(5, 0));
        grid->selectionModel()->select(shots->index(5, 0), QItemSelectionModel::ClearAndSelect);
        const qint64 fifth = shots->shotAt(4).id, sixth = shots->shotAt(5).id;
        QTest::keyClick(grid, Qt::Key_B);
        QVERIFY(waitEdit());
        QCOMPARE(*sets.members(setId), QList<qint64>({ ids[0], ids[1], ids[2], fifth, sixth }));

        // Open it: reorder (what a drag does), remove with Delete, undo each.
        QTRY_VERIFY(window->photosetModel()->rowCount() >= 3);
        for (int row = 0; row < window->photosetModel()->rowCount(); ++row)
            if (window->photosetModel()->index(row, 0).data(PhotosetListModel::PhotosetIdRole).toLongLong() == setId)
                window->photosetView()->setCurrentIndex(window->photosetModel()->index(row, 0));
        QTRY_COMPARE(shots->photoset(), setId);
        QTRY_VERIFY(shots->rowCount() == 5 && shots->isLoaded(4));
        window->moveInPhotoset({ sixth }, ids[0]);
        QVERIFY(waitEdit());
        QCOMPARE(*sets.members(setId), QList<qint64>({ sixth, ids[0], ids[1], ids[2], fifth }));
        QTRY_COMPARE(shots->shotAt(0).id, sixth); // the grid follows
        window->undoStack()->undo();
        QVERIFY(waitEdit());
        QCOMPARE(*sets.members(setId), QList<qint64>({ ids[0], ids[1], ids[2], fifth, sixth }));
        QTRY_VERIFY(shots->isLoaded(1) && shots->shotAt(1).id == ids[1]);
        grid->setFocus();
        grid->setCurrentIndex(shots->index(1, 0));
        grid->selectionModel()->select(shots->index(1, 0), QItemSelectionModel::ClearAndSelect);
        QTest::keyClick(grid, Qt::Key_Delete);
        QVERIFY(waitEdit());
        QCOMPARE(*sets.members(setId), QList<qint64>({ ids[0], ids[2], fifth, sixth }));
        QTRY_COMPARE(shots->rowCount(), 4);
        QVERIFY(window->shotModel()->photoset() == setId);
        window->undoStack()->undo();
        QVERIFY(waitEdit());
        QCOMPARE(*sets.members(setId), QList<qint64>({ ids[0], ids[1], ids[2], fifth, sixth }));

        // Rename and delete, both undone; the shots never leave the library.
        window->renamePhotoset(setId, QStringLiteral("Best of"));
        QVERIFY(waitEdit());
        QCOMPARE(sets.get(setId)->name, QStringLiteral("Best of"));
        QCOMPARE(window->undoStack()->undoText(), QStringLiteral("Rename Photoset \"Favourites\" to \"Best of\""));
        window->undoStack()->undo();
        QVERIFY(waitEdit());
        QCOMPARE(sets.get(setId)->name, QStringLiteral("Favourites"));
        // Fields edited (what the photoset dialog saves), undone with the conflict check.
        {
            auto edit = PhotosetEdits::load(*m_catalog, setId);
            QVERIFY(edit.ok());
            PhotosetEdit changed = *edit;
            changed.photoset.year = 1999;
            changed.genre = QStringLiteral("Drama");
            QVERIFY(PhotosetEdits::save(*m_catalog, changed).ok());
            QCOMPARE(sets.get(setId)->year, 1999);
        }
        QVERIFY(tags.tagPhotoset(*tags.ensurePath(QStringLiteral("Kept")), setId).ok());
        window->deletePhotoset(setId);
        QVERIFY(waitEdit());
        QVERIFY(!sets.get(setId).ok());
        QCOMPARE(*SearchIndex::count(*m_catalog, ShotQuery {}), m_files);
        window->undoStack()->undo();
        QVERIFY(waitEdit());
        QCOMPARE(sets.get(setId)->name, QStringLiteral("Favourites"));
        QCOMPARE(*sets.members(setId), QList<qint64>({ ids[0], ids[1], ids[2], fifth, sixth }));
        QCOMPARE(*tags.tagsOfPhotoset(setId), QStringList({ QStringLiteral("Genre/Drama"), QStringLiteral("Kept") }));
        QCOMPARE(sets.get(setId)->year, 1999);

        // Leave the catalog as the other tests expect it.
        window->photosetView()->setCurrentIndex(window->photosetModel()->index(0, 0));
        QVERIFY(sets.remove(setId).ok());
        auto lighting = tags.findPath(QStringLiteral("Lighting"));
        QVERIFY(tags.remove(**lighting).ok());
        QVERIFY(tags.remove(**tags.findPath(QStringLiteral("Night"))).ok());
        QVERIFY(tags.remove(**tags.findPath(QStringLiteral("Genre"))).ok());
        QVERIFY(tags.remove(**tags.findPath(QStringLiteral("Kept"))).ok());
        QVERIFY(curator.setAttribute(ids, QStringLiteral("time_of_day"), {}).ok());
    }

    void thumbnailsArrive()
    {
        auto window = makeWindow();
        QSignalSpy ready(window->thumbnails(), &ThumbnailCache::thumbnailReady);
        QTRY_VERIFY(window->shotModel()->rowCount() > 0 && window->shotModel()->isLoaded(0));
        QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 3, 30000);
        const Shot first = window->shotModel()->shotAt(0);
        QTRY_VERIFY(!window->thumbnails()->request(first.contentHash, first.path, 256, 0).isNull());
        QCOMPARE(window->grid()->grab().isNull(), false);
    }

    void brokenFileShowsItsReason()
    {
        auto window = makeWindow();
        const int last = int(m_files) - 1;
        QTRY_VERIFY(window->shotModel()->rowCount() == int(m_files));
        window->grid()->scrollToBottom();
        QTRY_VERIFY(window->shotModel()->isLoaded(last));
        const Shot broken = window->shotModel()->shotAt(last);
        QCOMPARE(broken.path, m_brokenPath);
        QCOMPARE(broken.status, Shot::Status::Failed);
        window->grid()->setCurrentIndex(window->shotModel()->index(last, 0));
        auto reasonShown = [&] {
            for (QLabel *label : window->inspector()->findChildren<QLabel *>())
                if (label->isVisibleTo(window->inspector()) && label->text().contains(broken.error)
                    && label->text().contains(QStringLiteral("cannot be read")))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(reasonShown(), 10000);
        // The tile is painted (a "cannot read" tile, no crash) and no decode was attempted for it.
        QVERIFY(!window->grid()->grab().isNull());
        QVERIFY(!window->thumbnails()->hasFailed(broken.contentHash));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
