// The main window on a catalog made from the corpus, offscreen: what a user sees and does.
#include "catalog/catalog.h"
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
