// The crop editor in the window, offscreen, on a catalog made from corpus photos: a crop made with
// the keyboard lands in the catalog, presets hold the aspect, named crops, undo, Suggest, the grid's
// overlays. STILLS_DIALOG_SHOTS=<folder> also saves screenshots of the editor and the grid.
#include "catalog/catalog.h"
#include "catalog/croprepository.h"
#include "cropcanvas.h"
#include "cropeditor.h"
#include "cropoverlays.h"
#include "imaging/cropgeometry.h"
#include "imaging/croprenderer.h"
#include "imaging/imagedecoder.h"
#include "importing/folderimporter.h"
#include "mainwindow.h"
#include "models/shotlistmodel.h"
#include "shotgridview.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QInputDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include "requireok.h"

using namespace stills;

namespace {

const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();

void screenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("STILLS_DIALOG_SHOTS");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // labels whose text just changed
    widget->grab().save(folder + u'/' + name + QStringLiteral(".png"));
}

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance;
}

// Answers the next QInputDialog with `text` once it is open.
void answerNextInput(const QString &text)
{
    QTimer::singleShot(0, [text] {
        for (int i = 0; i < 200; ++i) {
            if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
                dialog->setTextValue(text);
                dialog->accept();
                return;
            }
            QTest::qWait(10);
        }
        qWarning("no input dialog appeared");
    });
}

} // namespace

class TestCropEditor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CatalogPtr m_catalog;

    std::unique_ptr<MainWindow> makeWindow()
    {
        auto window = std::make_unique<MainWindow>(m_catalog, m_dir.filePath(QStringLiteral("cache")));
        window->resize(1200, 800);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qWarning("window not exposed");
        window->activateWindow();
        QApplication::setActiveWindow(window.get());
        if (!QTest::qWaitForWindowActive(window.get()))
            qWarning("window not active");
        return window;
    }

    // Makes the shot whose file is `name` current in the grid; returns its id.
    qint64 select(MainWindow *window, const QString &name)
    {
        ShotListModel *model = window->shotModel();
        for (int i = 0; i < 500 && model->rowCount() == 0; ++i)
            QTest::qWait(10);
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int i = 0; i < 500 && !model->isLoaded(row); ++i)
                QTest::qWait(10);
            if (QFileInfo(model->shotAt(row).path).fileName() == name) {
                window->grid()->setCurrentIndex(model->index(row, 0));
                window->grid()->setFocus();
                return model->shotAt(row).id;
            }
        }
        return 0;
    }

    // Opens the editor with R on the grid and waits for the image and the crops.
    bool openEditor(MainWindow *window)
    {
        QTest::keyClick(window->grid(), Qt::Key_R);
        if (!QTest::qWaitFor([&] { return window->isShowingCropEditor(); }, 5000))
            return false;
        CropEditor *editor = window->cropEditor();
        return QTest::qWaitFor([&] { return !editor->isBusy(); }, 10000);
    }

    QList<Crop> cropsOf(qint64 shotId)
    {
        auto crops = CropRepository(*m_catalog).ofShot(shotId);
        return crops ? *crops : QList<Crop>();
    }

    static void click(QWidget *editor, const QString &text)
    {
        for (QPushButton *button : editor->findChildren<QPushButton *>())
            if (button->text() == text) {
                button->click();
                return;
            }
        QFAIL(qPrintable(QStringLiteral("no button %1").arg(text)));
    }

    static void keys(QWidget *widget, Qt::Key key, int times, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        for (int i = 0; i < times; ++i)
            QTest::keyClick(widget, key, modifiers);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        const QString photos = m_dir.filePath(QStringLiteral("photos"));
        QVERIFY(QDir().mkpath(photos));
        for (const char *file : {"photos/exiv2/FurnaceCreekInn.jpg", "photos/exiv2/Reagan.jpg",
                                 "photos/ianare/orientation_landscape_6.jpg", "photos/exiv2/DSC_3079.jpg"}) {
            const QString from = kCorpus + u'/' + QLatin1String(file);
            QVERIFY2(QFile::copy(from, photos + u'/' + QFileInfo(from).fileName()), qPrintable(from));
        }
        auto catalog = Catalog::open(CatalogUrl::sqlite(m_dir.filePath(QStringLiteral("catalog.db"))));
        REQUIRE_OK(catalog);
        m_catalog = *catalog;
        FolderImporter importer(*m_catalog);
        ImportOptions options;
        options.path = photos;
        auto summary = importer.run(options);
        REQUIRE_OK(summary);
        QCOMPARE(summary->scanned, qint64(4));
    }

    void cleanupTestCase()
    {
        QCOMPARE(ImageDecoder::mainThreadDecodeCount(), 0); // decodes and suggestions ran off the GUI thread
        m_catalog.reset();
    }

    void keyboardCropIsSaved()
    {
        auto window = makeWindow();
        const qint64 shot = select(window.get(), QStringLiteral("FurnaceCreekInn.jpg"));
        QVERIFY(shot != 0);
        QVERIFY(cropsOf(shot).isEmpty());
        QVERIFY(openEditor(window.get()));
        CropEditor *editor = window->cropEditor();
        QCOMPARE(editor->shotId(), shot);
        QVERIFY(editor->cropNames().isEmpty()); // a draft of the whole image until applied
        CropCanvas *canvas = editor->canvas();
        QTRY_VERIFY(canvas->hasFocus());
        QCOMPARE(canvas->crop().rect, QRectF(0, 0, 1, 1));

        // Shift+Left narrows by 1 % a step, Shift+Up lowers, arrows move; nothing leaves the image.
        keys(canvas, Qt::Key_Left, 20, Qt::ShiftModifier);
        keys(canvas, Qt::Key_Up, 10, Qt::ShiftModifier);
        keys(canvas, Qt::Key_Right, 5);
        keys(canvas, Qt::Key_Down, 30); // stops at the bottom edge
        const QRectF expected(0.05, 0.1, 0.8, 0.9);
        const QRectF shown = canvas->crop().rect;
        QVERIFY2(near(shown.x(), expected.x()) && near(shown.y(), expected.y()) && near(shown.width(), expected.width())
                     && near(shown.height(), expected.height()),
                 qPrintable(QStringLiteral("%1 %2 %3 %4").arg(shown.x()).arg(shown.y()).arg(shown.width()).arg(shown.height())));
        QVERIFY(editor->isDirty());
        screenshot(window.get(), QStringLiteral("cropeditor-keyboard"));

        // Enter applies: saved on the edit thread, the window back on the grid.
        QSignalSpy edited(window.get(), &MainWindow::editFinished);
        QTest::keyClick(canvas, Qt::Key_Return);
        QVERIFY(!window->isShowingCropEditor());
        QVERIFY(window->grid()->hasFocus());
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 1, 10000);
        QCOMPARE(edited.first().first().toString(), QString()); // no error
        const QList<Crop> saved = cropsOf(shot);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().name, QStringLiteral("default"));
        QVERIFY(near(saved.first().rect.x(), 0.05) && near(saved.first().rect.width(), 0.8));
        QVERIFY(near(saved.first().rect.y(), 0.1) && near(saved.first().rect.height(), 0.9));

        // The grid shows it over the tile.
        QTRY_VERIFY(window->cropOverlays()->cropsOf(shot) && window->cropOverlays()->cropsOf(shot)->size() == 1);
        screenshot(window.get(), QStringLiteral("cropeditor-grid-overlay"));

        // Undo removes the new crop, redo brings it back (each through the edit thread).
        window->undoStack()->undo();
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 2, 10000);
        QVERIFY(cropsOf(shot).isEmpty());
        window->undoStack()->redo();
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 3, 10000);
        QCOMPARE(cropsOf(shot).size(), 1);

        // Escape drops unsaved changes.
        window->grid()->setFocus();
        QVERIFY(openEditor(window.get()));
        QCOMPARE(editor->cropNames(), QStringList({QStringLiteral("default")}));
        QVERIFY(near(canvas->crop().rect.x(), 0.05));
        keys(canvas, Qt::Key_Left, 3);
        QVERIFY(editor->isDirty());
        QTest::keyClick(canvas, Qt::Key_Escape);
        QTRY_VERIFY(!window->isShowingCropEditor());
        QTest::qWait(100);
        QVERIFY(near(cropsOf(shot).first().rect.x(), 0.05));
        QVERIFY(!window->isEditing());
    }

    void presetHoldsTheAspect()
    {
        auto window = makeWindow();
        const qint64 shot = select(window.get(), QStringLiteral("DSC_3079.jpg"));
        QVERIFY(shot != 0);
        QVERIFY(openEditor(window.get()));
        CropEditor *editor = window->cropEditor();
        CropCanvas *canvas = editor->canvas();
        const QSizeF source = canvas->sourceSize();
        QVERIFY(!source.isEmpty());
        const auto ratioOf = [&](const Crop &crop) {
            const QRectF pixels = CropGeometry::toPixels(crop.rect, source);
            return pixels.width() / pixels.height();
        };

        // Choose 16:9 from the keyboard in the aspect box.
        QComboBox *aspect = editor->aspectBox();
        const int sixteenNine = aspect->findData(QStringLiteral("16:9"));
        QVERIFY(sixteenNine > 0);
        aspect->setFocus();
        keys(aspect, Qt::Key_Down, sixteenNine - aspect->currentIndex());
        QCOMPARE(aspect->currentData().toString(), QStringLiteral("16:9"));
        QCOMPARE(canvas->crop().aspect, QStringLiteral("16:9"));
        QVERIFY2(near(ratioOf(canvas->crop()), 16.0 / 9), qPrintable(QString::number(ratioOf(canvas->crop()))));
        QTRY_VERIFY(canvas->hasFocus()); // back to the canvas after choosing

        // Resizing and moving keep it; a quarter turn keeps the output's 16:9 (the upright cut is 9:16).
        keys(canvas, Qt::Key_Left, 15, Qt::ShiftModifier);
        keys(canvas, Qt::Key_Up, 4, Qt::ShiftModifier);
        keys(canvas, Qt::Key_Right, 3);
        QVERIFY(near(ratioOf(canvas->crop()), 16.0 / 9));
        QTest::keyClick(canvas, Qt::Key_BracketRight);
        QCOMPARE(canvas->crop().rotation, 90);
        QVERIFY(near(ratioOf(canvas->crop()), 9.0 / 16));
        const QSizeF out = CropGeometry::outputSize(canvas->crop(), source);
        QVERIFY(near(out.width() / out.height(), 16.0 / 9));
        keys(canvas, Qt::Key_Down, 2, Qt::ShiftModifier);
        QVERIFY(near(ratioOf(canvas->crop()), 9.0 / 16));

        // A training size larger than the crop warns; a small enough one does not.
        const int big = aspect->findData(QStringLiteral("1024x1024"));
        aspect->setCurrentIndex(big);
        Q_EMIT aspect->activated(big);
        QVERIFY(near(ratioOf(canvas->crop()), 1.0));
        QVERIFY2(editor->warningText().contains(QStringLiteral("1024 × 1024")), qPrintable(editor->warningText()));
        screenshot(window.get(), QStringLiteral("cropeditor-warning"));
        const int small = aspect->findData(QStringLiteral("512x512"));
        aspect->setCurrentIndex(small);
        Q_EMIT aspect->activated(small);
        canvas->reset();
        QCOMPARE(editor->warningText(), QString());

        // Straightening from the slider; saved with the crop.
        editor->straightenSlider()->setValue(35);
        QCOMPARE(canvas->crop().straighten, 3.5);
        screenshot(window.get(), QStringLiteral("cropeditor-straightened"));
        QSignalSpy edited(window.get(), &MainWindow::editFinished);
        QTest::keyClick(canvas, Qt::Key_Enter);
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 1, 10000);
        const QList<Crop> saved = cropsOf(shot);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().aspect, QStringLiteral("512x512"));
        QCOMPARE(saved.first().rotation, 90);
        QCOMPARE(saved.first().straighten, 3.5);
        QVERIFY(near(ratioOf(saved.first()), 1.0));
        // What the editor showed is what renders: a square of the size it announced.
        const QString path = window->shotModel()->shotAt(window->grid()->currentIndex().row()).path;
        const Crop savedCrop = saved.first();
        // Polled, not waited for: a blocking wait may run the task on this (the GUI) thread.
        QFuture<Result<QImage>> rendering = QtConcurrent::run([path, savedCrop] { return CropRenderer::render(path, savedCrop); });
        QTRY_VERIFY_WITH_TIMEOUT(rendering.isFinished(), 10000);
        auto rendered = rendering.result();
        REQUIRE_OK(rendered);
        const QSizeF announced = CropGeometry::outputSize(saved.first(), source);
        QVERIFY(std::abs(rendered->width() - announced.width()) <= 1 && rendered->width() == rendered->height());
        if (const QString folder = qEnvironmentVariable("STILLS_DIALOG_SHOTS"); !folder.isEmpty())
            rendered->save(folder + QStringLiteral("/cropeditor-rendered.png"));
    }

    void namedCrops()
    {
        auto window = makeWindow();
        const qint64 shot = select(window.get(), QStringLiteral("orientation_landscape_6.jpg"));
        QVERIFY(shot != 0);
        QVERIFY(openEditor(window.get()));
        CropEditor *editor = window->cropEditor();
        CropCanvas *canvas = editor->canvas();
        // The stored pixels are portrait; the crop is drawn on the upright (landscape) image.
        QVERIFY(canvas->sourceSize().width() > canvas->sourceSize().height());
        QSignalSpy edited(window.get(), &MainWindow::editFinished);

        // New: saved at once, under the name given (the untouched draft goes).
        answerNextInput(QStringLiteral("wide"));
        click(editor, CropEditor::tr("New…"));
        QCOMPARE(editor->cropNames(), QStringList({QStringLiteral("wide")}));
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 1, 10000);
        QCOMPARE(cropsOf(shot).size(), 1);

        // A second one, made square; switching back saves the change to the one left.
        answerNextInput(QStringLiteral("square"));
        click(editor, CropEditor::tr("New…"));
        QCOMPARE(editor->cropNames().size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 2, 10000);
        QCOMPARE(cropsOf(shot).size(), 2);
        const int square = editor->aspectBox()->findData(QStringLiteral("1:1"));
        editor->aspectBox()->setCurrentIndex(square);
        Q_EMIT editor->aspectBox()->activated(square);
        QVERIFY(editor->isDirty());
        QTRY_COMPARE(editor->cropNames(), QStringList({QStringLiteral("square"), QStringLiteral("wide")})); // reloaded
        QVERIFY(editor->isDirty()); // the reload kept the unsaved change
        Q_EMIT editor->cropBox()->activated(editor->cropNames().indexOf(QStringLiteral("wide")));
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 3, 10000);
        QList<Crop> saved = cropsOf(shot);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(0).name, QStringLiteral("square"));
        QCOMPARE(saved.at(0).aspect, QStringLiteral("1:1"));
        QCOMPARE(editor->cropBox()->currentText(), QStringLiteral("wide"));

        // Rename, delete, and undo the delete.
        answerNextInput(QStringLiteral("panorama"));
        click(editor, CropEditor::tr("Rename…"));
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 4, 10000);
        QTRY_COMPARE(editor->cropNames(), QStringList({QStringLiteral("panorama"), QStringLiteral("square")}));
        click(editor, CropEditor::tr("Delete"));
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 5, 10000);
        QTRY_COMPARE(editor->cropNames(), QStringList({QStringLiteral("square")}));
        QCOMPARE(cropsOf(shot).size(), 1);
        window->undoStack()->undo();
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 6, 10000);
        QTRY_COMPARE(editor->cropNames(), QStringList({QStringLiteral("panorama"), QStringLiteral("square")}));
        QCOMPARE(cropsOf(shot).size(), 2);
        // The crop brought back has a new row; the rename before it still undoes (the slot follows it).
        window->undoStack()->undo();
        QTRY_COMPARE_WITH_TIMEOUT(edited.count(), 7, 10000);
        QTRY_COMPARE(editor->cropNames(), QStringList({QStringLiteral("square"), QStringLiteral("wide")}));
        QCOMPARE(edited.last().first().toString(), QString());

        // Suggest places a square on what stands out; the crop stays 1:1.
        Q_EMIT editor->cropBox()->activated(editor->cropNames().indexOf(QStringLiteral("square")));
        QSignalSpy suggested(editor, &CropEditor::suggested);
        editor->suggest();
        QTRY_COMPARE_WITH_TIMEOUT(suggested.count(), 1, 10000); // (it may even arrive within suggest())
        const QRectF pixels = CropGeometry::toPixels(canvas->crop().rect, canvas->sourceSize());
        QVERIFY(near(pixels.width() / pixels.height(), 1.0));
        screenshot(window.get(), QStringLiteral("cropeditor-suggested"));
        QTest::keyClick(canvas, Qt::Key_Escape);
        QTRY_VERIFY(!window->isShowingCropEditor());
    }

    void mouseDrawsAndResizes()
    {
        // The canvas on its own: drawing a rectangle, then dragging its right edge, with 4:3 held.
        CropCanvas canvas;
        canvas.resize(832, 632); // 800 × 600 inside the 16 px margin: one widget pixel per source pixel
        QImage image(400, 300, QImage::Format_RGB32);
        image.fill(Qt::darkGreen);
        canvas.setImage(image, QSize(800, 600));
        Crop crop;
        crop.name = QStringLiteral("drawn");
        crop.rect = QRectF(0, 0, 1, 1);
        crop.aspect = QStringLiteral("free");
        canvas.setCrop(crop);
        canvas.show();
        QVERIFY(QTest::qWaitForWindowExposed(&canvas));
        QSignalSpy changed(&canvas, &CropCanvas::cropChanged);
        // Press outside the current rectangle's handles (it fills the image, so press inside a
        // smaller one first: shrink to a corner).
        canvas.setRect(QRectF(0, 0, 0.1, 0.1));
        QTest::mousePress(&canvas, Qt::LeftButton, {}, QPoint(16 + 200, 16 + 150));
        QTest::mouseMove(&canvas, QPoint(16 + 600, 16 + 450));
        QTest::mouseRelease(&canvas, Qt::LeftButton, {}, QPoint(16 + 600, 16 + 450));
        QVERIFY(changed.count() >= 2);
        QRectF r = CropGeometry::toPixels(canvas.crop().rect, QSizeF(800, 600));
        QVERIFY2(near(r.x(), 200, 1) && near(r.y(), 150, 1) && near(r.width(), 400, 1) && near(r.height(), 300, 1),
                 qPrintable(QStringLiteral("%1 %2 %3 %4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height())));
        // The right edge dragged 100 px right with 4:3: the height follows about the centre.
        canvas.setAspect(QStringLiteral("4:3"));
        QTest::mousePress(&canvas, Qt::LeftButton, {}, QPoint(16 + 600, 16 + 300));
        QTest::mouseMove(&canvas, QPoint(16 + 700, 16 + 300));
        QTest::mouseRelease(&canvas, Qt::LeftButton, {}, QPoint(16 + 700, 16 + 300));
        r = CropGeometry::toPixels(canvas.crop().rect, QSizeF(800, 600));
        QVERIFY2(near(r.x(), 200, 1) && near(r.width(), 500, 1) && near(r.height(), 375, 1),
                 qPrintable(QStringLiteral("%1 %2 %3 %4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height())));
        // Dragging the inside moves it, stopping at the edge.
        QTest::mousePress(&canvas, Qt::LeftButton, {}, QPoint(16 + 450, 16 + 300));
        QTest::mouseMove(&canvas, QPoint(16 + 1000, 16 + 300));
        QTest::mouseRelease(&canvas, Qt::LeftButton, {}, QPoint(16 + 1000, 16 + 300));
        r = CropGeometry::toPixels(canvas.crop().rect, QSizeF(800, 600));
        QVERIFY(near(r.right(), 800, 1) && near(r.width(), 500, 1));
    }
};

QTEST_MAIN(TestCropEditor)
#include "tst_cropeditor.moc"
