// The curation dialogs and widgets, driven by keyboard and mouse (offscreen): tag completion, the
// attribute editor, the photoset dialog with its conflict dialog, and the tag manager with undo
// against a scratch catalog. STILLS_DIALOG_SHOTS=<folder> also saves a screenshot of each.
#include "attributeeditor.h"
#include "catalog/attributerepository.h"
#include "catalog/catalog.h"
#include "catalog/photosetrepository.h"
#include "catalog/shotrepository.h"
#include "catalog/tagrepository.h"
#include "conflictdialog.h"
#include "photoseteditdialog.h"
#include "tagcompleter.h"
#include "tageditdialog.h"
#include "tagmanagerdialog.h"
#include "testcatalog.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include "requireok.h"

using namespace stills;

namespace {

void screenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("STILLS_DIALOG_SHOTS");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    widget->grab().save(folder + u'/' + name + QStringLiteral(".png"));
}

QList<Attribute> smallVocabulary()
{
    Attribute time;
    time.key = QStringLiteral("time_of_day");
    time.label = QStringLiteral("Time of day");
    time.options = {{0, QStringLiteral("day"), QStringLiteral("Day")}, {0, QStringLiteral("night"), QStringLiteral("Night")}};
    Attribute lighting;
    lighting.key = QStringLiteral("lighting");
    lighting.label = QStringLiteral("Lighting");
    lighting.multiValued = true;
    lighting.options = {{0, QStringLiteral("soft"), QStringLiteral("Soft light")},
                        {0, QStringLiteral("hard"), QStringLiteral("Hard light")},
                        {0, QStringLiteral("backlight"), QStringLiteral("Backlight")}};
    return {time, lighting};
}

// Every tag path with the shots and photosets carrying it.
QMap<QString, std::pair<QList<qint64>, QList<qint64>>> tagState(const Catalog &catalog)
{
    TagRepository tags(catalog);
    QMap<QString, std::pair<QList<qint64>, QList<qint64>>> state;
    const QList<Tag> all = *tags.all();
    for (const Tag &t : all)
        state.insert(t.path, {*tags.shotsCarrying(t.id), *tags.photosetsCarrying(t.id)});
    return state;
}

} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseTags_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("levels") << QStringLiteral(" Lighting / Low key ,Places/Paris")
                                << QStringList{QStringLiteral("Lighting/Low key"), QStringLiteral("Places/Paris")};
        QTest::newRow("empty entries") << QStringLiteral(", ,a,,") << QStringList{QStringLiteral("a")};
        QTest::newRow("existing spelling") << QStringLiteral("lighting/low KEY")
                                           << QStringList{QStringLiteral("Lighting/Low key")};
        QTest::newRow("duplicates once") << QStringLiteral("Night, night,NIGHT") << QStringList{QStringLiteral("Night")};
    }

    void parseTags()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(TagCompleter::parse(text, {QStringLiteral("Lighting/Low key")}), expected);
    }

    void completerOffersAnyLevel()
    {
        const QStringList paths = {QStringLiteral("Lighting/Low key"), QStringLiteral("Lighting/High key"),
                                   QStringLiteral("Places/Paris"), QStringLiteral("Keyframes")};
        TagEditDialog dialog(paths, 12, TagEditDialog::Mode::Add);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QLineEdit *edit = dialog.lineEdit();
        edit->setFocus();
        QVERIFY(!dialog.canAccept());

        QTest::keyClicks(edit, QStringLiteral("low K"));
        QCOMPARE(dialog.completer()->completionCount(), 1);
        QCOMPARE(dialog.completer()->currentCompletion(), QStringLiteral("Lighting/Low key"));
        QTRY_VERIFY(dialog.completer()->popup()->isVisible());
        screenshot(&dialog, QStringLiteral("tageditdialog"));
        screenshot(dialog.completer()->popup(), QStringLiteral("tagcompleter-popup"));
        QTest::keyClick(dialog.completer()->popup(), Qt::Key_Down);
        QTest::keyClick(dialog.completer()->popup(), Qt::Key_Return);
        QCOMPARE(edit->text(), QStringLiteral("Lighting/Low key"));

        // The next entry completes on its own, the first stays.
        QTest::keyClicks(edit, QStringLiteral(", KEY"));
        QCOMPARE(dialog.completer()->completionCount(), 3); // Low key, High key, Keyframes
        QTest::keyClicks(edit, QStringLiteral("f"));
        QCOMPARE(dialog.completer()->completionCount(), 1);
        QTest::keyClick(dialog.completer()->popup(), Qt::Key_Down);
        QTest::keyClick(dialog.completer()->popup(), Qt::Key_Return);
        QCOMPARE(edit->text(), QStringLiteral("Lighting/Low key, Keyframes"));
        QTest::keyClicks(edit, QStringLiteral(", New/Tag"));
        QCOMPARE(dialog.paths(), (QStringList{QStringLiteral("Lighting/Low key"), QStringLiteral("Keyframes"),
                                              QStringLiteral("New/Tag")}));
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(dialog.canAccept());
    }

    void removeModeAcceptsOnlyCarriedTags()
    {
        TagEditDialog dialog({QStringLiteral("Places/Paris")}, 3, TagEditDialog::Mode::Remove);
        QTest::keyClicks(dialog.lineEdit(), QStringLiteral("places/paris, Places/Rome"));
        QVERIFY(dialog.problem().contains(QStringLiteral("Places/Rome")));
        QVERIFY(!dialog.canAccept());
        dialog.lineEdit()->clear();
        QTest::keyClicks(dialog.lineEdit(), QStringLiteral("places/paris"));
        QCOMPARE(dialog.paths(), QStringList{QStringLiteral("Places/Paris")});
        QVERIFY(dialog.canAccept());
        QTest::keyClicks(dialog.lineEdit(), QStringLiteral(", ///"));
        QCOMPARE(dialog.paths(), QStringList{QStringLiteral("Places/Paris")});
    }

    void attributeSingleValued()
    {
        AttributeEditor editor;
        editor.setVocabulary(smallVocabulary());
        QSignalSpy edited(&editor, &AttributeEditor::attributeEdited);
        QComboBox *combo = editor.comboFor(QStringLiteral("time_of_day"));
        QVERIFY(combo);
        QVERIFY(!editor.isEnabled()); // nothing selected

        // One shot at night: choose Day by keyboard.
        editor.setValues({{QStringLiteral("time_of_day"), {{QStringLiteral("night")}}}}, 1);
        QCOMPARE(combo->currentText(), QStringLiteral("Night"));
        QTest::keyClick(combo, Qt::Key_Up);
        QCOMPARE(combo->currentText(), QStringLiteral("Day"));
        QCOMPARE(edited.size(), 1);
        QCOMPARE(edited.at(0).at(0).toString(), QStringLiteral("time_of_day"));
        QCOMPARE(edited.at(0).at(1).toStringList(), QStringList{QStringLiteral("day")});
        QCOMPARE(edited.at(0).at(2).toStringList(), QStringList());

        // Two shots, day and night: "(mixed)"; moving to "—" clears the value on both.
        editor.setValues({{QStringLiteral("time_of_day"), {{QStringLiteral("day")}, {QStringLiteral("night")}}}}, 2);
        QCOMPARE(combo->currentText(), QStringLiteral("(mixed)"));
        QCOMPARE(edited.size(), 1); // setting values emits nothing
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentText(), QStringLiteral("\u2014"));
        QCOMPARE(edited.size(), 2);
        QCOMPARE(edited.at(1).at(1).toStringList(), QStringList());
        QCOMPARE(combo->findText(QStringLiteral("(mixed)")), -1);

        // One of two shots has a value: mixed too, and "—" is not what it shows.
        editor.setCounts({{QStringLiteral("time_of_day"), {{QStringLiteral("day"), 1}}}}, 2);
        QCOMPARE(combo->currentText(), QStringLiteral("(mixed)"));
        editor.setCounts({{QStringLiteral("time_of_day"), {{QStringLiteral("day"), 2}}}}, 2);
        QCOMPARE(combo->currentText(), QStringLiteral("Day"));

        // The wheel over a combo box the user is not in scrolls the pane, it sets nothing.
        combo->clearFocus();
        QWheelEvent wheel(QPointF(5, 5), combo->mapToGlobal(QPointF(5, 5)), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(combo, &wheel);
        QCOMPARE(combo->currentText(), QStringLiteral("Day"));
        QCOMPARE(edited.size(), 2);
    }

    void attributeMultiValuedMixed()
    {
        AttributeEditor editor;
        editor.setVocabulary(smallVocabulary());
        editor.resize(300, 400);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QSignalSpy edited(&editor, &AttributeEditor::attributeEdited);
        const QString key = QStringLiteral("lighting");
        editor.setValues({{key, {{QStringLiteral("soft"), QStringLiteral("hard")}, {QStringLiteral("soft")}}}}, 2);
        QCheckBox *soft = editor.checkFor(key, QStringLiteral("soft"));
        QCheckBox *hard = editor.checkFor(key, QStringLiteral("hard"));
        QCheckBox *back = editor.checkFor(key, QStringLiteral("backlight"));
        QVERIFY(soft && hard && back);
        QCOMPARE(soft->checkState(), Qt::Checked);
        QCOMPARE(hard->checkState(), Qt::PartiallyChecked);
        QCOMPARE(back->checkState(), Qt::Unchecked);
        QToolButton *header = editor.headerFor(key);
        QVERIFY(header->text().contains(QStringLiteral("Soft light")));
        QVERIFY(header->text().contains(QStringLiteral("Hard light*")));

        // Open the list with the keyboard, tick Backlight: Hard stays as each shot had it.
        QVERIFY(!back->isVisible());
        header->setFocus();
        QTest::keyClick(header, Qt::Key_Space);
        QTRY_VERIFY(back->isVisible());
        screenshot(&editor, QStringLiteral("attributeeditor-small"));
        back->setFocus();
        QTest::keyClick(back, Qt::Key_Space);
        QCOMPARE(edited.size(), 1);
        QCOMPARE(edited.at(0).at(0).toString(), key);
        QCOMPARE(edited.at(0).at(1).toStringList(), (QStringList{QStringLiteral("soft"), QStringLiteral("backlight")}));
        QCOMPARE(edited.at(0).at(2).toStringList(), QStringList{QStringLiteral("hard")});
        QCOMPARE(AttributeEditor::resolve({QStringLiteral("soft"), QStringLiteral("hard")}, {QStringLiteral("soft"), QStringLiteral("backlight")},
                                          {QStringLiteral("hard")}),
                 (QStringList{QStringLiteral("soft"), QStringLiteral("backlight"), QStringLiteral("hard")}));
        QCOMPARE(AttributeEditor::resolve({QStringLiteral("soft")}, {QStringLiteral("soft"), QStringLiteral("backlight")},
                                          {QStringLiteral("hard")}),
                 (QStringList{QStringLiteral("soft"), QStringLiteral("backlight")}));

        // A click on the mixed one sets it for everyone; another click takes it off everyone.
        QTest::mouseClick(hard, Qt::LeftButton, {}, QPoint(8, hard->height() / 2));
        QCOMPARE(hard->checkState(), Qt::Checked);
        QCOMPARE(edited.size(), 2);
        QCOMPARE(edited.at(1).at(1).toStringList(),
                 (QStringList{QStringLiteral("soft"), QStringLiteral("hard"), QStringLiteral("backlight")}));
        QCOMPARE(edited.at(1).at(2).toStringList(), QStringList());
        QTest::mouseClick(hard, Qt::LeftButton, {}, QPoint(8, hard->height() / 2));
        QCOMPARE(hard->checkState(), Qt::Unchecked);
        QCOMPARE(edited.at(2).at(1).toStringList(), (QStringList{QStringLiteral("soft"), QStringLiteral("backlight")}));
    }

    void attributeEditorFitsThePane()
    {
        auto vocabulary = AttributeRepository::builtinVocabulary();
        REQUIRE_OK(vocabulary);
        QCOMPARE(vocabulary->size(), 24);
        AttributeEditor editor;
        editor.setVocabulary(*vocabulary);
        editor.setCounts({{QStringLiteral("lighting"), {{QStringLiteral("soft-light"), 2}, {QStringLiteral("low-key"), 3}}},
                         {QStringLiteral("time_of_day"), {{QStringLiteral("night"), 3}}}},
                        3);
        editor.resize(300, 700);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *scroll = editor.findChild<QScrollArea *>();
        QVERIFY(scroll);
        QCOMPARE(editor.headerFor(QStringLiteral("lighting"))->text(), QStringLiteral("Lighting: Soft light*, Low key"));
        editor.headerFor(QStringLiteral("lighting"))->click();
        QCoreApplication::processEvents(); // the scroll area takes the new height on its layout request
        QCheckBox *soft = editor.checkFor(QStringLiteral("lighting"), QStringLiteral("soft-light"));
        QCheckBox *high = editor.checkFor(QStringLiteral("lighting"), QStringLiteral("high-contrast"));
        QVERIFY(soft->isVisible());
        QVERIFY2(high->geometry().top() >= soft->geometry().bottom(), "the check boxes overlap");
        // No sideways scrolling in a 300 px pane, and the collapsed attributes fit in one screen.
        QVERIFY2(scroll->widget()->minimumSizeHint().width() <= 300,
                 qPrintable(QString::number(scroll->widget()->minimumSizeHint().width())));
        QVERIFY2(scroll->widget()->sizeHint().height() <= 760, qPrintable(QString::number(scroll->widget()->sizeHint().height())));
        screenshot(&editor, QStringLiteral("attributeeditor-24"));
    }

    void photosetValidation_data()
    {
        QTest::addColumn<QString>("year");
        QTest::addColumn<QString>("date");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("problem"); // a word of the expected message, or "" for valid
        QTest::newRow("valid") << QStringLiteral("1962") << QStringLiteral("1962-04-27")
                               << QStringLiteral("https://example.com/film") << QString();
        QTest::newRow("all empty") << QString() << QString() << QString() << QString();
        QTest::newRow("year too early") << QStringLiteral("1700") << QString() << QString() << QStringLiteral("year");
        QTest::newRow("year not a number") << QStringLiteral("19x2") << QString() << QString() << QStringLiteral("year");
        QTest::newRow("year in the future") << QStringLiteral("2999") << QString() << QString() << QStringLiteral("year");
        QTest::newRow("no such day") << QString() << QStringLiteral("1962-02-30") << QString() << QStringLiteral("date");
        QTest::newRow("date and year disagree") << QStringLiteral("1961") << QStringLiteral("1962-04-27") << QString()
                                                << QStringLiteral("1961");
        QTest::newRow("url without scheme") << QString() << QString() << QStringLiteral("example.com/film")
                                            << QStringLiteral("URL");
        QTest::newRow("url ftp") << QString() << QString() << QStringLiteral("ftp://example.com/x") << QStringLiteral("URL");
        QTest::newRow("url no host") << QString() << QString() << QStringLiteral("https://") << QStringLiteral("URL");
    }

    void photosetValidation()
    {
        QFETCH(QString, year);
        QFETCH(QString, date);
        QFETCH(QString, url);
        QFETCH(QString, problem);
        PhotosetEdit edit;
        edit.photoset.id = 7;
        edit.photoset.name = QStringLiteral("Night walk");
        PhotosetEditDialog dialog(edit, {}, {});
        QTest::keyClicks(dialog.yearEdit(), year);
        QTest::keyClicks(dialog.dateEdit(), date);
        QTest::keyClicks(dialog.urlEdit(), url);
        const QStringList problems = dialog.problems();
        if (qstrcmp(QTest::currentDataTag(), "date and year disagree") == 0)
            screenshot(&dialog, QStringLiteral("photoseteditdialog-invalid"));
        QPushButton *save = dialog.buttons()->button(QDialogButtonBox::Save);
        if (problem.isEmpty()) {
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
            QVERIFY(save->isEnabled());
        } else {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.first().contains(problem), qPrintable(problems.first()));
            QVERIFY(!save->isEnabled());
        }
    }

    void photosetNewModeReturnsTheFields()
    {
        PhotosetEditDialog dialog(PhotosetEdit{}, {QStringLiteral("Places/Paris")},
                                  {QStringLiteral("Drama"), QStringLiteral("Film noir")});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.isNew());
        QCOMPARE(dialog.windowTitle(), QStringLiteral("New Photoset"));
        QPushButton *create = dialog.buttons()->button(QDialogButtonBox::Save);
        QCOMPARE(create->text(), QStringLiteral("Create"));
        QVERIFY(!create->isEnabled()); // no name yet
        dialog.nameEdit()->setFocus();
        QTest::keyClicks(dialog.nameEdit(), QStringLiteral("Le Samourai"));
        QTest::keyClick(dialog.nameEdit(), Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("Le Samourai (1967)"));
        QTest::keyClicks(dialog.yearEdit(), QStringLiteral("1967"));
        QTest::keyClicks(dialog.urlEdit(), QStringLiteral("https://example.com/samourai"));
        QTest::keyClicks(dialog.peopleEdit(), QStringLiteral("Jean-Pierre Melville, Alain Delon,  ,Alain Delon"));
        QTest::keyClicks(dialog.tagsEdit(), QStringLiteral("places/paris, Mood/Cold"));
        dialog.genreBox()->setCurrentText(QStringLiteral("Film noir"));
        QTest::keyClicks(dialog.descriptionEdit(), QStringLiteral("A hired killer."));
        QVERIFY(create->isEnabled());
        screenshot(&dialog, QStringLiteral("photoseteditdialog"));

        const PhotosetEdit edit = dialog.edit();
        QCOMPARE(edit.photoset.name, QStringLiteral("Le Samourai"));
        QCOMPARE(edit.photoset.title, QStringLiteral("Le Samourai (1967)"));
        QCOMPARE(edit.photoset.year, 1967);
        QCOMPARE(edit.photoset.sourceUrl, QStringLiteral("https://example.com/samourai"));
        QCOMPARE(edit.photoset.people, (QStringList{QStringLiteral("Jean-Pierre Melville"), QStringLiteral("Alain Delon")}));
        QCOMPARE(edit.tags, (QStringList{QStringLiteral("Places/Paris"), QStringLiteral("Mood/Cold")}));
        QCOMPARE(edit.genre, QStringLiteral("Film noir"));
        QCOMPARE(edit.photoset.description, QStringLiteral("A hired killer."));
        QCOMPARE(PhotosetEdits::tagPaths(edit).last(), QStringLiteral("Genre/Film noir"));
        QTest::keyClick(create, Qt::Key_Space);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }

    void photosetConflict_data()
    {
        QTest::addColumn<bool>("overwrite");
        QTest::newRow("overwrite with mine") << true;
        QTest::newRow("keep theirs") << false;
    }

    void photosetConflict()
    {
        QFETCH(bool, overwrite);
        test::ScratchCatalog scratch;
        QVERIFY2(scratch.isValid(), qPrintable(scratch.errorString()));
        auto catalog = Catalog::open(scratch.url());
        REQUIRE_OK(catalog);
        PhotosetEdit created;
        created.photoset.name = QStringLiteral("Night walk");
        created.genre = QStringLiteral("Drama");
        auto id = PhotosetEdits::save(**catalog, created);
        REQUIRE_OK(id);

        auto mine = PhotosetEdits::load(**catalog, *id);
        REQUIRE_OK(mine);
        QCOMPARE(mine->genre, QStringLiteral("Drama"));
        PhotosetEdit theirs = *mine;
        theirs.photoset.title = QStringLiteral("Their title");
        theirs.tags = {QStringLiteral("Places/Rome")};
        REQUIRE_OK(PhotosetEdits::save(**catalog, theirs));
        mine->photoset.title = QStringLiteral("My title");
        mine->genre = QStringLiteral("Comedy");

        // A plain save refuses; the helper asks.
        QCOMPARE(PhotosetEdits::save(**catalog, *mine).error().code, Error::Code::Conflict);
        QStringList shown;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<ConflictDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            screenshot(dialog, QStringLiteral("conflictdialog"));
            for (int row = 0; row < dialog->table()->rowCount(); ++row)
                shown << dialog->table()->item(row, 0)->text() + u'|' + dialog->table()->item(row, 1)->text() + u'|'
                             + dialog->table()->item(row, 2)->text();
            const QString button = overwrite ? QStringLiteral("Overwrite with Mine") : QStringLiteral("Keep Theirs");
            for (QPushButton *b : dialog->findChildren<QPushButton *>())
                if (b->text() == button)
                    QTest::mouseClick(b, Qt::LeftButton);
        });
        auto saved = PhotosetEditDialog::saveResolvingConflicts(nullptr, **catalog, *mine);
        QCOMPARE(shown, (QStringList{QStringLiteral("Title|Their title|My title"), QStringLiteral("Genre|Drama|Comedy"),
                                     QStringLiteral("Tags|Places/Rome|(empty)")}));
        auto now = PhotosetEdits::load(**catalog, *id);
        REQUIRE_OK(now);
        if (overwrite) {
            REQUIRE_OK(saved);
            QCOMPARE(now->photoset.title, QStringLiteral("My title"));
            QCOMPARE(now->genre, QStringLiteral("Comedy"));
            QCOMPARE(now->tags, QStringList());
            QCOMPARE(*TagRepository(**catalog).tagsOfPhotoset(*id), QStringList{QStringLiteral("Genre/Comedy")});
        } else {
            QCOMPARE(saved.error().code, Error::Code::Cancelled);
            QCOMPARE(now->photoset.title, QStringLiteral("Their title"));
            QCOMPARE(now->genre, QStringLiteral("Drama"));
            QCOMPARE(now->tags, QStringList{QStringLiteral("Places/Rome")});
        }
    }

    void tagManagerEditsWithUndo()
    {
        test::ScratchCatalog scratch;
        QVERIFY2(scratch.isValid(), qPrintable(scratch.errorString()));
        auto opened = Catalog::open(scratch.url());
        REQUIRE_OK(opened);
        const CatalogPtr catalog = *opened;
        QList<qint64> shots;
        for (int i = 0; i < 4; ++i) {
            Shot s;
            s.path = QStringLiteral("/nowhere/frame-%1.jpg").arg(i);
            auto id = ShotRepository(*catalog).insert(s);
            REQUIRE_OK(id);
            shots << *id;
        }
        TagRepository tags(*catalog);
        REQUIRE_OK(tags.tagShots(*tags.ensurePath(QStringLiteral("Lighting/Low key")), {shots[0]}));
        REQUIRE_OK(tags.tagShots(*tags.ensurePath(QStringLiteral("Light/Low key")), {shots[1]}));
        REQUIRE_OK(tags.tagShots(*tags.ensurePath(QStringLiteral("Light/Soft")), {shots[2]}));
        REQUIRE_OK(tags.tagShots(*tags.ensurePath(QStringLiteral("Places/Paris")), {shots[3], shots[0]}));
        const auto initial = tagState(*catalog);

        // The window's pattern: one single-thread edit pool, results back on the GUI thread.
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QObject context;
        QStringList failures;
        int finished = 0;
        TagEditCommand::Runner runner = [&](TagEditCommand::Work work) {
            QtConcurrent::run(&pool, [catalog, work] { return work(*catalog); })
                .then(&context, [&](const Result<CurationReport> &report) {
                    ++finished;
                    if (!report)
                        failures << report.error().message;
                });
        };
        QUndoStack undo;
        {
            TagManagerDialog dialog(catalog, &pool, &undo, runner);
            QStringList questions;
            dialog.setConfirm([&](const QString &q) {
                questions << q;
                return true;
            });
            dialog.setChooseTarget([](const QString &, const QStringList &candidates, const QString &preselected) {
                return candidates.contains(preselected) ? std::optional<QString>(preselected) : std::nullopt;
            });
            dialog.show();
            dialog.activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(&dialog));
            QTRY_VERIFY(!dialog.isBusy());
            QCOMPARE(dialog.paths().size(), 7);
            QTreeView *view = dialog.view();
            QCOMPARE(dialog.indexOfPath(QStringLiteral("Places/Paris")).siblingAtColumn(1).data().toString(),
                     QStringLiteral("2"));

            // The filter matches any level and keeps the parents.
            QTest::keyClicks(dialog.filterEdit(), QStringLiteral("soft"));
            QVERIFY(dialog.indexOfPath(QStringLiteral("Light/Soft")).isValid());
            QVERIFY(dialog.indexOfPath(QStringLiteral("Light")).isValid());
            QVERIFY(!dialog.indexOfPath(QStringLiteral("Places")).isValid());
            screenshot(&dialog, QStringLiteral("tagmanager-filter"));
            dialog.filterEdit()->clear();
            QVERIFY(view->isExpanded(dialog.indexOfPath(QStringLiteral("Places"))));

            // Rename in place: F2, type, Return.
            view->setFocus();
            view->setCurrentIndex(dialog.indexOfPath(QStringLiteral("Light/Soft")));
            QTest::keyClick(view, Qt::Key_F2);
            auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
            QVERIFY(editor);
            editor->selectAll();
            QTest::keyClicks(editor, QStringLiteral("Diffuse"));
            QTest::keyClick(editor, Qt::Key_Return);
            QTRY_VERIFY(dialog.paths().contains(QStringLiteral("Light/Diffuse")));
            QTRY_VERIFY(!dialog.isBusy());
            QCOMPARE(undo.count(), 1);

            // A rename onto an existing sibling is refused up front, nothing pushed.
            dialog.renameTag(QStringLiteral("Light/Diffuse"), QStringLiteral("low KEY"));
            QCOMPARE(undo.count(), 1);
            QVERIFY(dialog.findChildren<QLabel *>().constLast()->text().contains(QStringLiteral("Merge")));

            // Merge: select Light and Lighting, "Merge Into…" (the other selected tag is offered).
            view->clearSelection();
            view->selectionModel()->setCurrentIndex(dialog.indexOfPath(QStringLiteral("Light")),
                                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
            view->selectionModel()->select(dialog.indexOfPath(QStringLiteral("Lighting")),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
            auto *merge = dialog.findChildren<QPushButton *>().at(1);
            QVERIFY(merge->text().contains(QStringLiteral("Merge")));
            QVERIFY(merge->isEnabled());
            QTest::mouseClick(merge, Qt::LeftButton);
            QTRY_VERIFY(!dialog.paths().contains(QStringLiteral("Light")));
            QTRY_VERIFY(!dialog.isBusy());
            QVERIFY(dialog.paths().contains(QStringLiteral("Lighting/Diffuse")));
            QCOMPARE(dialog.indexOfPath(QStringLiteral("Lighting/Low key")).siblingAtColumn(1).data().toString(),
                     QStringLiteral("2"));
            QCOMPARE(undo.count(), 2);

            // Merging into a descendant is refused.
            dialog.mergeTag(QStringLiteral("Lighting"), QStringLiteral("Lighting/Diffuse"));
            QCOMPARE(undo.count(), 2);

            // Drag "Places/Paris" onto "Lighting/Low key": a merge, undone right away.
            {
                const QModelIndex source = dialog.indexOfPath(QStringLiteral("Places/Paris"));
                const QModelIndex target = dialog.indexOfPath(QStringLiteral("Lighting/Low key"));
                QVERIFY(source.isValid() && target.isValid());
                std::unique_ptr<QMimeData> data(view->model()->mimeData({source, source.siblingAtColumn(1)}));
                const QPoint at = view->visualRect(target).center();
                QDragEnterEvent enter(at, Qt::CopyAction | Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
                QApplication::sendEvent(view->viewport(), &enter);
                QVERIFY(enter.isAccepted());
                QDragMoveEvent move(at, Qt::CopyAction | Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
                QApplication::sendEvent(view->viewport(), &move);
                QVERIFY(move.isAccepted());
                QDropEvent drop(at, Qt::CopyAction | Qt::MoveAction, data.get(), Qt::LeftButton, Qt::NoModifier);
                QApplication::sendEvent(view->viewport(), &drop);
                QCOMPARE(drop.dropAction(), Qt::CopyAction);
                QTRY_VERIFY(!dialog.paths().contains(QStringLiteral("Places/Paris")));
                QTRY_VERIFY(!dialog.isBusy());
                QCOMPARE(undo.count(), 3);
                QCOMPARE(undo.undoText(), QStringLiteral("Merge Tag \u201cPlaces/Paris\u201d into \u201cLighting/Low key\u201d"));
                QCOMPARE(*TagRepository(*catalog).tagsOfShot(shots[3]), QStringList{QStringLiteral("Lighting/Low key")});
                undo.undo();
                QTRY_VERIFY(dialog.paths().contains(QStringLiteral("Places/Paris")));
                QTRY_VERIFY(!dialog.isBusy());
                QCOMPARE(*TagRepository(*catalog).tagsOfShot(shots[3]), QStringList{QStringLiteral("Places/Paris")});
                // Dropping a tag on itself does nothing.
                QDropEvent self(view->visualRect(dialog.indexOfPath(QStringLiteral("Places/Paris"))).center(),
                                Qt::CopyAction, data.get(), Qt::LeftButton, Qt::NoModifier);
                QApplication::sendEvent(view->viewport(), &self);
                QCOMPARE(undo.count(), 3);
                QCOMPARE(undo.index(), 2);
            }

            // Delete with the Delete key: it says how many shots carry the tag.
            view->clearSelection();
            view->selectionModel()->setCurrentIndex(dialog.indexOfPath(QStringLiteral("Places")),
                                                    QItemSelectionModel::Select | QItemSelectionModel::Rows);
            QTest::keyClick(view, Qt::Key_Delete);
            QTRY_VERIFY(!dialog.paths().contains(QStringLiteral("Places")));
            QTRY_VERIFY(!dialog.isBusy());
            QCOMPARE(questions.size(), 1);
            QVERIFY2(questions.first().contains(QStringLiteral("2 shot(s) carry \"Places\"")), qPrintable(questions.first()));
            QCOMPARE(undo.count(), 3); // the undone drag-merge made way for the delete
            screenshot(&dialog, QStringLiteral("tagmanager"));
            const auto edited = tagState(*catalog);

            // Undo all three with the keyboard, in the dialog.
            for (int i = 0; i < 3; ++i)
                QTest::keySequence(&dialog, QKeySequence::Undo);
            QTRY_COMPARE(finished, 8);
            QTRY_VERIFY(!dialog.isBusy());
            QCOMPARE(tagState(*catalog), initial);
            QCOMPARE(dialog.paths().size(), 7);
            QVERIFY(dialog.paths().contains(QStringLiteral("Light/Soft")));

            for (int i = 0; i < 3; ++i)
                undo.redo();
            QTRY_COMPARE(finished, 11);
            QTRY_VERIFY(!dialog.isBusy());
            QCOMPARE(tagState(*catalog), edited);
            QVERIFY(failures.isEmpty());
        }
        // Still undoable from the window after the dialog is gone.
        undo.undo();
        QTRY_COMPARE(finished, 12);
        QVERIFY(TagRepository(*catalog).findPath(QStringLiteral("Places/Paris"))->has_value());
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
        pool.start([catalog] { catalog->releaseThreadConnection(); });
        pool.waitForDone();
    }
};

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
