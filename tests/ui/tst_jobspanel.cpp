// The window's background jobs: an import and captions run as jobs of the queue, the Jobs panel
// shows their state, progress and failed items; Cancel and Delete stop a job; a job the last
// session left unfinished is offered for resuming after a restart, and resumes.
#include "catalog/catalog.h"
#include "catalog/jobrepository.h"
#include "catalog/photosetrepository.h"
#include "common/settings.h"
#include "jobs/jobkinds.h"
#include "jobs/jobqueue.h"
#include "jobspanel.h"
#include "mainwindow.h"
#include "models/shotlistmodel.h"
#include "requireok.h"
#include "shotgridview.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTreeWidget>
#include <QUndoStack>

#include <atomic>

using namespace stills;

namespace {

const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();

// A test kind: many short steps until cancelled.
class Steps : public JobRunner
{
public:
    JobOutcome run(const Catalog &, const Job &, const JobReporter &reporter) override
    {
        JobOutcome outcome;
        outcome.total = 100000;
        while (!m_cancelled.load() && outcome.done < outcome.total) {
            QThread::msleep(2);
            reporter.progress(++outcome.done, outcome.total);
        }
        outcome.state = m_cancelled.load() ? Job::State::Cancelled : Job::State::Done;
        outcome.summary = QStringLiteral("stopped after %1 steps").arg(outcome.done);
        return outcome;
    }
    void cancel() override { m_cancelled.store(true); }

private:
    std::atomic_bool m_cancelled{false};
};

} // namespace

class TestJobsPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_photos;
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

    static QTreeWidgetItem *rowOf(JobsPanel *panel, qint64 id)
    {
        QTreeWidget *list = panel->jobList();
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            if (list->topLevelItem(i)->data(0, Qt::UserRole).toLongLong() == id)
                return list->topLevelItem(i);
        return nullptr;
    }

    static void registerSteps(MainWindow &window)
    {
        window.jobQueue()->registerKind(QStringLiteral("steps"), [](const Job &) -> Result<std::unique_ptr<JobRunner>> {
            return std::unique_ptr<JobRunner>(std::make_unique<Steps>());
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("Stills"));
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_photos = QFileInfo(m_dir.path()).canonicalFilePath() + QStringLiteral("/photos");
        QVERIFY(QDir().mkpath(m_photos));
        for (const char *name : {"ianare/Canon_40D.jpg", "exiv2/FurnaceCreekInn.jpg", "mei/Canon_EOS_7D.jpg"})
            QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/") + QLatin1String(name),
                                m_photos + u'/' + QFileInfo(QLatin1String(name)).fileName()));
        QVERIFY(QFile::copy(kCorpus + QStringLiteral("/bad/pillow/truncated_jpeg.jpg"), m_photos + QStringLiteral("/zz-broken.jpg")));
        auto catalog = Catalog::open(CatalogUrl::sqlite(m_dir.filePath(QStringLiteral("catalog.db"))));
        REQUIRE_OK(catalog);
        m_catalog = *catalog;
    }

    void cleanupTestCase() { m_catalog.reset(); }

    // File ▸ Import Folder runs as a job: the grid fills, the panel lists the job as done with
    // the broken file and its reason, and Retry Failed is offered.
    void importIsAJob()
    {
        auto window = makeWindow();
        QSignalSpy imported(window.get(), &MainWindow::importFinished);
        window->importFolder(m_photos);
        QVERIFY(window->isImporting());
        QTRY_VERIFY_WITH_TIMEOUT(imported.size() == 1, 60000);
        QVERIFY2(imported.at(0).at(0).toString().contains(QStringLiteral("3 added")), qPrintable(imported.at(0).at(0).toString()));
        QVERIFY(!window->isImporting());
        QTRY_COMPARE(window->shotModel()->rowCount(), 4);

        JobsPanel *panel = window->jobsPanel();
        QCOMPARE(panel->jobList()->topLevelItemCount(), 1);
        QTreeWidgetItem *row = panel->jobList()->topLevelItem(0);
        QVERIFY2(row->text(0).startsWith(QStringLiteral("Importing ")), qPrintable(row->text(0)));
        QCOMPARE(row->text(1), QStringLiteral("done"));
        QCOMPARE(row->text(3), QStringLiteral("1"));
        panel->jobList()->setCurrentItem(row);
        QCOMPARE(panel->errorList()->topLevelItemCount(), 1);
        QVERIFY(panel->errorList()->topLevelItem(0)->text(0).endsWith(QStringLiteral("zz-broken.jpg")));
        QVERIFY(!panel->errorList()->topLevelItem(0)->text(1).isEmpty());
        QVERIFY(panel->retryButton()->isEnabled());
        QCOMPARE(panel->retryButton()->text(), QStringLiteral("Retry Failed"));
        QVERIFY(!panel->cancelButton()->isEnabled());

        // Retry: the file is still broken, so it is listed again (not read again: unchanged).
        panel->retryButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(imported.size() == 2, 60000);
        QCOMPARE(panel->jobList()->topLevelItemCount(), 1);
        QCOMPARE(row->text(1), QStringLiteral("done"));
        QCOMPARE(row->text(3), QStringLiteral("1"));
        QTRY_COMPARE(panel->errorList()->topLevelItemCount(), 1);
        QVERIFY(panel->errorList()->topLevelItem(0)->text(0).endsWith(QStringLiteral("zz-broken.jpg")));
        QCOMPARE(window->shotModel()->rowCount(), 4);
    }

    // Caption Selected: a job whose failures open the panel on it, listed with reasons; the
    // window's status bar tells how it went. Ctrl+J hides and shows the panel.
    void captionFailuresInThePanel()
    {
        // A photo damaged since the import cannot be captioned.
        const QString damaged = m_photos + QStringLiteral("/Canon_EOS_7D.jpg");
        const QString kept = m_dir.filePath(QStringLiteral("kept.jpg"));
        QVERIFY(QFile::copy(damaged, kept));
        QVERIFY(QFile::resize(damaged, 300));
        auto restore = qScopeGuard([&] {
            QFile::remove(damaged);
            QFile::copy(kept, damaged);
        });
        auto window = makeWindow();
        QTRY_COMPARE(window->shotModel()->rowCount(), 4);
        QTRY_VERIFY(window->shotModel()->isLoaded(3));
        window->grid()->setFocus();
        window->grid()->selectAll();
        QTRY_COMPARE(window->selectedShotIds(true).size(), 4);
        QSignalSpy finished(window.get(), &MainWindow::jobFinished);
        QVERIFY(window->captionSelection(false));
        QVERIFY(window->jobsProgressShown());
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 60000);
        const qint64 id = finished.at(0).at(0).toLongLong();
        QVERIFY2(finished.at(0).at(1).toString().contains(QStringLiteral("Captioned 3 shot(s), 1 failed")),
                 qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("Jobs panel")));
        QTRY_VERIFY(window->jobsDock()->isVisible());
        JobsPanel *panel = window->jobsPanel();
        QCOMPARE(panel->selectedJob(), id);
        QCOMPARE(panel->errorList()->topLevelItemCount(), 1);
        QVERIFY(panel->errorList()->topLevelItem(0)->text(0).endsWith(QStringLiteral("Canon_EOS_7D.jpg")));
        QVERIFY(!panel->errorList()->topLevelItem(0)->text(1).isEmpty());
        QVERIFY(!window->jobsProgressShown());

        QTest::keyClick(window.get(), Qt::Key_J, Qt::ControlModifier);
        QTRY_VERIFY(!window->jobsDock()->isVisible());
        QTest::keyClick(window.get(), Qt::Key_J, Qt::ControlModifier);
        QTRY_VERIFY(window->jobsDock()->isVisible());
    }

    // Cancel (the button) and Delete (the key) stop the selected job after its current step;
    // the live progress shows in its row meanwhile.
    void cancelFromThePanel()
    {
        auto window = makeWindow();
        registerSteps(*window);
        window->showJobs(0);
        JobsPanel *panel = window->jobsPanel();
        auto first = window->jobQueue()->enqueue(QStringLiteral("steps"), {});
        REQUIRE_OK(first);
        panel->selectJob(*first);
        QTRY_VERIFY(rowOf(panel, *first)->data(2, Qt::UserRole + 1).toLongLong() > 10);
        QCOMPARE(rowOf(panel, *first)->text(1), QStringLiteral("running"));
        QVERIFY(panel->cancelButton()->isEnabled());
        QVERIFY(!panel->retryButton()->isEnabled());
        panel->cancelButton()->click();
        QTRY_COMPARE(rowOf(panel, *first)->text(1), QStringLiteral("cancelled"));
        QCOMPARE(JobRepository(*m_catalog).get(*first)->state, Job::State::Cancelled);
        QVERIFY(panel->retryButton()->isEnabled());
        QCOMPARE(panel->retryButton()->text(), QStringLiteral("Resume"));

        auto second = window->jobQueue()->enqueue(QStringLiteral("steps"), {});
        REQUIRE_OK(second);
        panel->selectJob(*second);
        QTRY_COMPARE(rowOf(panel, *second)->text(1), QStringLiteral("running"));
        panel->jobList()->setFocus();
        QTest::keyClick(panel->jobList(), Qt::Key_Delete);
        QTRY_COMPARE(rowOf(panel, *second)->text(1), QStringLiteral("cancelled"));
    }

    // Ctrl+A on a grid larger than what is loaded: the ids are read in the background, then a
    // rating (and its undo) and Caption Selected act on every shot, not on the loaded pages.
    void selectAllOfALargeGrid()
    {
        QTemporaryDir dir;
        auto opened = Catalog::open(CatalogUrl::sqlite(dir.filePath(QStringLiteral("large.db"))));
        REQUIRE_OK(opened);
        const CatalogPtr large = *opened;
        constexpr int kShots = 1500; // pages of 256: most are not loaded until scrolled to
        REQUIRE_OK(large->transaction([&](QSqlDatabase &db) -> Status {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO shots (path, content_hash, byte_size, width, height, format, status, "
                                     "imported_ms, updated_ms) VALUES (?, ?, 1000, 4000, 3000, 'jpeg', 'ok', 1, 1)"));
            for (int i = 0; i < kShots; ++i) {
                q.bindValue(0, dir.filePath(QStringLiteral("missing/frame-%1.jpg").arg(i, 5, 10, QLatin1Char('0'))));
                q.bindValue(1, QStringLiteral("%1").arg(i, 64, 16, QLatin1Char('0')));
                if (!q.exec())
                    return Error::database(q.lastError().text());
            }
            return {};
        }));
        Settings settings = Settings::load();
        settings.writeSidecars = false; // the files do not exist
        REQUIRE_OK(settings.save());
        auto restore = qScopeGuard([] {
            Settings back = Settings::load();
            back.writeSidecars = true;
            (void)back.save();
        });

        auto window = std::make_unique<MainWindow>(large, dir.filePath(QStringLiteral("cache")));
        window->resize(1000, 700);
        window->show();
        QTRY_COMPARE(window->shotModel()->rowCount(), kShots);
        QTRY_VERIFY(window->shotModel()->isLoaded(0));
        QVERIFY(!window->shotModel()->isLoaded(kShots - 1));
        window->grid()->setFocus();
        window->grid()->selectAll();
        QTRY_VERIFY(window->hasAllIds());
        const QList<qint64> ids = window->selectedShotIds(true);
        QCOMPARE(ids.size(), kShots);

        auto rated = [&](int stars) {
            auto db = large->database();
            QSqlQuery q(*db);
            q.exec(QStringLiteral("SELECT COUNT(*) FROM shots WHERE rating = %1").arg(stars));
            return q.next() ? q.value(0).toInt() : -1;
        };
        window->editSelection(0, 4);
        QTRY_VERIFY(!window->isEditing());
        QTRY_COMPARE(rated(4), kShots);
        window->undoStack()->undo();
        QTRY_VERIFY(!window->isEditing());
        QTRY_COMPARE(rated(4), 0);

        // Caption Selected over all of it: one job of every shot (each fails: the files are missing).
        QSignalSpy finished(window.get(), &MainWindow::jobFinished);
        QVERIFY(window->captionSelection(false));
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 60000);
        const Job job = *window->jobQueue()->job(finished.at(0).at(0).toLongLong());
        QCOMPARE(job.total, kShots);
        QCOMPARE(job.failed, kShots);
    }

    // What a crash leaves (an import job "running", its last sign of life long ago): the next
    // window says so, shows it as interrupted, and Resume runs it to the end.
    void resumeAfterRestart()
    {
        const QString more = QFileInfo(m_dir.path()).canonicalFilePath() + QStringLiteral("/more");
        QVERIFY(QDir().mkpath(more));
        QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/ianare/xmp_BlueSquare.jpg"), more + QStringLiteral("/blue.jpg")));
        JobRepository jobs(*m_catalog);
        Job crashed;
        crashed.kind = QStringLiteral("import");
        crashed.parameters = jobkinds::importParameters(more);
        auto id = jobs.create(crashed);
        REQUIRE_OK(id);
        REQUIRE_OK(jobs.start(*id, 1));
        auto db = m_catalog->database();
        REQUIRE_OK(db);
        QSqlQuery old(*db);
        QVERIFY(old.exec(QStringLiteral("UPDATE jobs SET created_ms = 1000, started_ms = 1000, heartbeat_ms = 1000 WHERE id = %1").arg(*id)));

        auto window = makeWindow();
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("interrupted")),
                 qPrintable(window->statusBar()->currentMessage()));
        QTRY_VERIFY(window->jobsDock()->isVisible());
        JobsPanel *panel = window->jobsPanel();
        QTreeWidgetItem *row = rowOf(panel, *id);
        QVERIFY(row);
        QCOMPARE(row->text(1), QStringLiteral("interrupted"));
        panel->selectJob(*id);
        QCOMPARE(panel->retryButton()->text(), QStringLiteral("Resume"));
        QVERIFY(panel->retryButton()->isEnabled());
        QSignalSpy imported(window.get(), &MainWindow::importFinished);
        panel->retryButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(imported.size() == 1, 60000);
        QCOMPARE(rowOf(panel, *id)->text(1), QStringLiteral("done"));
        QCOMPARE(JobRepository(*m_catalog).get(*id)->state, Job::State::Done);
        auto set = PhotosetRepository(*m_catalog).findBySource(more);
        REQUIRE_OK(set);
        QVERIFY(set->has_value());
        QTRY_COMPARE(window->shotModel()->rowCount(), 5);
    }
};

QTEST_MAIN(TestJobsPanel)
#include "tst_jobspanel.moc"
