// The caption editor in the inspector, Caption Selected and find-and-replace, on a window over a
// catalog made from corpus photos, offscreen.
#include "captioneditor.h"
#include "jobs/jobqueue.h"
#include "catalog/captionrepository.h"
#include "catalog/catalog.h"
#include "common/settings.h"
#include "importing/folderimporter.h"
#include "mainwindow.h"
#include "models/shotlistmodel.h"
#include "requireok.h"
#include "shotgridview.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace stills;

namespace {

const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();

} // namespace

class TestCaptionEditor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    CatalogPtr m_catalog;
    std::unique_ptr<MainWindow> m_window;

    QList<qint64> shotIds(int count) const
    {
        QList<qint64> ids;
        for (int row = 0; row < count; ++row)
            ids.append(m_window->shotModel()->shotAt(row).id);
        return ids;
    }

    void selectRows(int first, int last)
    {
        auto *grid = m_window->grid();
        grid->setCurrentIndex(m_window->shotModel()->index(first, 0));
        grid->selectionModel()->select(QItemSelection(m_window->shotModel()->index(first, 0), m_window->shotModel()->index(last, 0)),
                                       QItemSelectionModel::ClearAndSelect);
    }

    // Waits for every edit and read of the window to be done.
    void settle()
    {
        QTRY_VERIFY(!m_window->isEditing());
        QTRY_VERIFY(!m_window->captionEditor()->isLoading());
    }

    QString currentText(qint64 shotId)
    {
        auto current = CaptionRepository(*m_catalog).current(shotId);
        if (!current || !current->has_value())
            return {};
        return (*current)->text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // The generator of Preferences: the built-in one (another test may have chosen a server).
        Settings settings = Settings::load();
        settings.caption.generator = CaptionSettings::Generator::BuiltIn;
        QSettings stored;
        settings.save(stored);
        stored.sync();
        QCOMPARE(Settings::load().caption.generator, CaptionSettings::Generator::BuiltIn);

        const QString photos = QFileInfo(m_dir.path()).canonicalFilePath() + QStringLiteral("/photos");
        QVERIFY(QDir().mkpath(photos));
        for (const QString &name : {QStringLiteral("DSC_3079.jpg"), QStringLiteral("FurnaceCreekInn.jpg"),
                                    QStringLiteral("Reagan.jpg"), QStringLiteral("exiv2-nikon-d70.jpg")})
            QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/exiv2/") + name, photos + u'/' + name));
        auto catalog = Catalog::open(CatalogUrl::sqlite(m_dir.filePath(QStringLiteral("catalog.db"))));
        REQUIRE_OK(catalog);
        m_catalog = *catalog;
        FolderImporter importer(*m_catalog);
        ImportOptions options;
        options.path = photos;
        auto summary = importer.run(options);
        REQUIRE_OK(summary);
        QCOMPARE(summary->added, qint64(4));

        m_window = std::make_unique<MainWindow>(m_catalog, m_dir.filePath(QStringLiteral("cache")));
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE(m_window->shotModel()->rowCount(), 4);
        QTRY_VERIFY(m_window->shotModel()->isLoaded(3));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_catalog.reset();
    }

    void countText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("words");
        QTest::addColumn<int>("tokens");
        QTest::newRow("empty") << QString() << 0 << 2;
        QTest::newRow("one word") << QStringLiteral("harbour") << 1 << 4;               // 2 + ceil(1.3)
        QTest::newRow("punctuation") << QStringLiteral("A dark, wet night.") << 4 << 10; // 2 + ceil(5.2) + 2
        QTest::newRow("apostrophe") << QStringLiteral("The boat's lights") << 3 << 6;   // 2 + ceil(3.9)
    }

    void countText()
    {
        QFETCH(QString, text);
        QFETCH(int, words);
        QFETCH(int, tokens);
        const CaptionEditor::TextCount count = CaptionEditor::countText(text);
        QCOMPARE(count.words, words);
        QCOMPARE(count.tokens, tokens);
    }

    void typeSaveHistoryRestore()
    {
        CaptionEditor *editor = m_window->captionEditor();
        const qint64 shot = m_window->shotModel()->shotAt(0).id;
        selectRows(0, 0);
        QTRY_COMPARE(editor->shotId(), shot);
        QVERIFY(editor->isEnabled());
        settle();
        QVERIFY(editor->history().isEmpty());

        // Typed, then saved with Ctrl+Return.
        editor->textEdit()->setFocus();
        QTest::keyClicks(editor->textEdit(), QStringLiteral("A harbour at night."));
        QVERIFY(editor->isModified());
        QVERIFY(editor->countLabel()->text().contains(QStringLiteral("4 word(s)")));
        QTest::keyClick(editor->textEdit(), Qt::Key_Return, Qt::ControlModifier);
        settle();
        QTRY_COMPARE(editor->history().size(), 1);
        QCOMPARE(currentText(shot), QStringLiteral("A harbour at night."));
        QVERIFY(editor->history().first().editedByHand);
        QCOMPARE(editor->history().first().source, QStringLiteral("manual"));
        QVERIFY(!editor->isModified());

        // A second version: the history lists both, newest first, "typed".
        editor->textEdit()->selectAll();
        QTest::keyClicks(editor->textEdit(), QStringLiteral("Boats in a dark harbour."));
        QVERIFY(editor->save());
        settle();
        QTRY_COMPARE(editor->history().size(), 2);
        QCOMPARE(editor->history().at(0).text, QStringLiteral("Boats in a dark harbour."));
        QVERIFY(editor->history().at(0).current);
        QCOMPARE(editor->historyView()->count(), 2);
        QVERIFY(editor->historyView()->item(0)->text().contains(QStringLiteral("typed")));
        QVERIFY(editor->historyView()->item(1)->text().contains(QStringLiteral("A harbour at night.")));
        QCOMPARE(editor->textEdit()->toPlainText(), QStringLiteral("Boats in a dark harbour."));

        // Restore the older one.
        editor->historyView()->setCurrentRow(1);
        QVERIFY(editor->restoreChosen());
        settle();
        QTRY_COMPARE(currentText(shot), QStringLiteral("A harbour at night."));
        QTRY_COMPARE(editor->textEdit()->toPlainText(), QStringLiteral("A harbour at night."));
        QCOMPARE(editor->history().size(), 2); // restoring stores nothing new

        // Both are undoable: restore, then the second save.
        m_window->undoStack()->undo();
        settle();
        QTRY_COMPARE(currentText(shot), QStringLiteral("Boats in a dark harbour."));
        m_window->undoStack()->undo();
        settle();
        QTRY_COMPARE(currentText(shot), QStringLiteral("A harbour at night."));
        m_window->undoStack()->redo();
        settle();
        QTRY_COMPARE(currentText(shot), QStringLiteral("Boats in a dark harbour."));
        QCOMPARE(CaptionRepository(*m_catalog).history(shot)->size(), 2); // redo made no copy
        QTRY_COMPARE(editor->textEdit()->toPlainText(), QStringLiteral("Boats in a dark harbour."));

        // The first caption undone: the shot has none again, its versions stay.
        m_window->undoStack()->undo();
        m_window->undoStack()->undo();
        settle();
        QTRY_COMPARE(currentText(shot), QString());
        QCOMPARE(CaptionRepository(*m_catalog).history(shot)->size(), 2);
        m_window->undoStack()->redo();
        m_window->undoStack()->redo();
        settle();
        QTRY_COMPARE(currentText(shot), QStringLiteral("Boats in a dark harbour."));

        // A newer version from elsewhere (a caption run, another user): undo leaves it current.
        Caption generated;
        generated.shotId = shot;
        generated.text = QStringLiteral("A generated caption.");
        generated.source = QStringLiteral("builtin");
        REQUIRE_OK(CaptionRepository(*m_catalog).add(generated));
        QSignalSpy edits(m_window.get(), &MainWindow::editFinished);
        m_window->undoStack()->undo();
        QTRY_COMPARE(edits.size(), 1);
        settle();
        QCOMPARE(currentText(shot), QStringLiteral("A generated caption."));
        QVERIFY2(edits.first().first().toString().contains(QLatin1String("changed by someone else")),
                 qPrintable(edits.first().first().toString()));
        m_window->undoStack()->redo(); // back in step with the stack; the generated version stays
        settle();
        QTRY_COMPARE(currentText(shot), QStringLiteral("A generated caption."));
        // The typed version current again, as the tests below expect.
        auto versions = CaptionRepository(*m_catalog).history(shot);
        REQUIRE_OK(versions);
        for (const Caption &version : std::as_const(*versions))
            if (version.text == QStringLiteral("Boats in a dark harbour."))
                REQUIRE_OK(CaptionRepository(*m_catalog).makeCurrent(version.id));
        m_window->undoStack()->clear();
        QCOMPARE(currentText(shot), QStringLiteral("Boats in a dark harbour."));
    }

    void tokenWarning()
    {
        CaptionEditor *editor = m_window->captionEditor();
        selectRows(1, 1);
        QTRY_COMPARE(editor->shotId(), m_window->shotModel()->shotAt(1).id);
        settle();
        editor->textEdit()->setPlainText(QStringLiteral("A short caption."));
        QVERIFY(editor->countLabel()->styleSheet().isEmpty());
        QVERIFY(editor->countLabel()->text().contains(QStringLiteral("of 77")));
        QString longText;
        for (int i = 0; i < 60; ++i)
            longText += QStringLiteral("word ");
        editor->textEdit()->setPlainText(longText);
        QVERIFY(!editor->countLabel()->styleSheet().isEmpty());
        QVERIFY(editor->countLabel()->text().contains(QStringLiteral("over 77")));
        // Choosing another shot keeps what was typed: a new version typed by hand, undoable.
        const qint64 typedOn = m_window->shotModel()->shotAt(1).id;
        const QString before = currentText(typedOn);
        const int versions = int(CaptionRepository(*m_catalog).history(typedOn)->size());
        selectRows(2, 2);
        QTRY_COMPARE(editor->shotId(), m_window->shotModel()->shotAt(2).id);
        settle();
        QCOMPARE(editor->textEdit()->toPlainText(), currentText(m_window->shotModel()->shotAt(2).id));
        QTRY_COMPARE(currentText(typedOn), longText.trimmed());
        QCOMPARE(int(CaptionRepository(*m_catalog).history(typedOn)->size()), versions + 1);
        QVERIFY(CaptionRepository(*m_catalog).current(typedOn)->value().editedByHand);
        m_window->undoStack()->undo();
        settle();
        QTRY_COMPARE(currentText(typedOn), before);
        // Undo makes the earlier version current; the history keeps the typed one. Forget it, as
        // the tests below count versions.
        auto db = m_catalog->database();
        REQUIRE_OK(db);
        QSqlQuery forget(*db);
        QVERIFY(forget.exec(QStringLiteral("DELETE FROM captions WHERE shot_id = %1 AND is_current = 0 AND text = '%2'")
                                .arg(typedOn)
                                .arg(longText.trimmed())));
        m_window->undoStack()->clear();
        QCOMPARE(int(CaptionRepository(*m_catalog).history(typedOn)->size()), versions);
    }

    void severalSelectedDisablesTheEditor()
    {
        selectRows(0, 2);
        QTRY_VERIFY(!m_window->captionEditor()->isEnabled());
        QCOMPARE(m_window->captionEditor()->shotId(), qint64(0));
    }

    void captionSelected()
    {
        const QList<qint64> ids = shotIds(4);
        selectRows(1, 3);
        QSignalSpy finished(m_window.get(), &MainWindow::jobFinished);
        QVERIFY(m_window->captionSelection(false));
        QCOMPARE(m_window->jobQueue()->activeCount(QStringLiteral("caption")), 1);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 60000);
        const QString first = finished.at(0).at(1).toString();
        QVERIFY2(first.contains(QStringLiteral("Captioned 3 shot(s)")), qPrintable(first));
        QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("Captioned 3 shot(s)")),
                 qPrintable(m_window->statusBar()->currentMessage()));
        for (int row = 1; row <= 3; ++row) {
            auto current = CaptionRepository(*m_catalog).current(ids.at(row));
            REQUIRE_OK(current);
            QVERIFY(current->has_value());
            QCOMPARE((*current)->source, QStringLiteral("builtin"));
            QVERIFY(!(*current)->editedByHand);
            QVERIFY(!(*current)->text.isEmpty());
        }
        // The first shot was not selected: its typed caption is as it was.
        QCOMPARE(currentText(ids.at(0)), QStringLiteral("Boats in a dark harbour."));

        // Regenerate Unedited over all four leaves the typed one alone.
        selectRows(0, 3);
        QVERIFY(m_window->captionSelection(true));
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 2, 60000);
        const QString second = finished.at(1).at(1).toString();
        QVERIFY2(second.contains(QStringLiteral("1 left alone")), qPrintable(second));
        QCOMPARE(currentText(ids.at(0)), QStringLiteral("Boats in a dark harbour."));
        QCOMPARE(CaptionRepository(*m_catalog).history(ids.at(1))->size(), 2);

        // The editor shows the generated caption of a shot chosen afterwards, marked built-in.
        selectRows(2, 2);
        settle();
        QTRY_COMPARE(m_window->captionEditor()->textEdit()->toPlainText(), currentText(ids.at(2)));
        QVERIFY(m_window->captionEditor()->historyView()->item(0)->text().contains(QStringLiteral("built-in")));
    }

    void findAndReplace()
    {
        const QList<qint64> ids = shotIds(4);
        CaptionRepository captions(*m_catalog);
        const QStringList texts = {QStringLiteral("A red car by a Red wall."), QStringLiteral("A red door."),
                                   QStringLiteral("Nothing to change.")};
        for (int i = 0; i < 3; ++i) {
            Caption c;
            c.shotId = ids.at(i);
            c.text = texts.at(i);
            c.source = QStringLiteral("builtin");
            REQUIRE_OK(captions.add(c));
        }
        selectRows(0, 2);
        QSignalSpy edits(m_window.get(), &MainWindow::editFinished);
        QVERIFY(m_window->replaceInSelectionCaptions(QStringLiteral("red"), QStringLiteral("blue"), Qt::CaseSensitive));
        QTRY_VERIFY_WITH_TIMEOUT(edits.size() >= 1, 20000); // it may finish before any wait starts
        settle();
        QCOMPARE(currentText(ids.at(0)), QStringLiteral("A blue car by a Red wall."));
        QCOMPARE(currentText(ids.at(1)), QStringLiteral("A blue door."));
        QCOMPARE(currentText(ids.at(2)), QStringLiteral("Nothing to change."));
        QVERIFY((*captions.current(ids.at(0)))->editedByHand);
        QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("2 caption(s) changed")));

        // Ignoring case, and undone.
        QVERIFY(m_window->replaceInSelectionCaptions(QStringLiteral("RED"), QStringLiteral("green"), Qt::CaseInsensitive));
        QTRY_VERIFY_WITH_TIMEOUT(edits.size() >= 2, 20000);
        settle();
        QCOMPARE(currentText(ids.at(0)), QStringLiteral("A blue car by a green wall."));
        QTRY_VERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("1 caption(s) changed")));
        m_window->undoStack()->undo();
        settle();
        QTRY_COMPARE(currentText(ids.at(0)), QStringLiteral("A blue car by a Red wall."));
        m_window->undoStack()->undo();
        settle();
        QTRY_COMPARE(currentText(ids.at(0)), texts.at(0));
        QTRY_COMPARE(currentText(ids.at(1)), texts.at(1));
    }

    void screenshot()
    {
        selectRows(0, 0);
        settle();
        QTRY_VERIFY(m_window->captionEditor()->history().size() >= 2);
        m_window->captionEditor()->historyView()->setCurrentRow(1);
        QCoreApplication::processEvents(); // the layout makes room for the chosen version's text
        const QImage image = m_window->grab().toImage();
        QVERIFY(!image.isNull());
        const QString out = qEnvironmentVariable("STILLS_SCREENSHOT_DIR");
        if (!out.isEmpty())
            QVERIFY(image.save(QDir(out).filePath(QStringLiteral("captioneditor.png"))));
    }

    // Closing the window with a caption typed and not saved stores it (last: it closes the window).
    void closingKeepsTypedText()
    {
        selectRows(3, 3);
        const qint64 shot = m_window->shotModel()->shotAt(3).id;
        QTRY_COMPARE(m_window->captionEditor()->shotId(), shot);
        settle();
        m_window->captionEditor()->textEdit()->setPlainText(QStringLiteral("Typed just before closing."));
        QVERIFY(m_window->close());
        m_window.reset(); // waits for the edit thread
        QCOMPARE(currentText(shot), QStringLiteral("Typed just before closing."));
    }
};

QTEST_MAIN(TestCaptionEditor)
#include "tst_captioneditor.moc"
