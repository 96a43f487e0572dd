// The job queue (core/jobs): captioning, import, export and thumbnails as persisted jobs with
// progress, per-item errors, cancel, retry of failures and resume of a job a crash interrupted.
// Runs on SQLite and PostgreSQL.
#include "captioning/builtincaptiongenerator.h"
#include "captioning/captioner.h"
#include "catalog/captionrepository.h"
#include "catalog/catalog.h"
#include "catalog/jobrepository.h"
#include "catalog/shotrepository.h"
#include "importing/folderimporter.h"
#include "jobs/jobkinds.h"
#include "jobs/jobqueue.h"
#include "testcatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

#include "requireok.h"

using namespace stills;
using namespace stills::test;

namespace {

const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();

// A test kind: `items` steps of `stepMs`, stopping at a cancel; counts how many run at once.
struct SlowKind {
    std::atomic_int running{0};
    std::atomic_int mostAtOnce{0};
    std::atomic_int runs{0};
};

class SlowRunner : public JobRunner
{
public:
    SlowRunner(SlowKind &kind, int items, int stepMs) : m_kind(kind), m_items(items), m_stepMs(stepMs) {}
    JobOutcome run(const Catalog &, const Job &, const JobReporter &reporter) override
    {
        ++m_kind.runs;
        const int now = ++m_kind.running;
        int most = m_kind.mostAtOnce.load();
        while (now > most && !m_kind.mostAtOnce.compare_exchange_weak(most, now)) {
        }
        JobOutcome outcome;
        outcome.total = m_items;
        for (int i = 0; i < m_items && !m_cancelled.load(); ++i) {
            QThread::msleep(m_stepMs);
            outcome.done = i + 1;
            reporter.progress(outcome.done, m_items);
        }
        outcome.state = m_cancelled.load() ? Job::State::Cancelled : Job::State::Done;
        outcome.summary = QStringLiteral("%1 steps").arg(outcome.done);
        --m_kind.running;
        return outcome;
    }
    void cancel() override { m_cancelled.store(true); }

private:
    SlowKind &m_kind;
    int m_items;
    int m_stepMs;
    std::atomic_bool m_cancelled{false};
};

// Cancels the captioner after `after` shots: the captions stored until then stay.
class StopsAfter : public CaptionGenerator
{
public:
    StopsAfter(int after, std::function<void()> stop) : m_after(after), m_stop(std::move(stop)) {}
    QString name() const override { return m_builtin.name(); }
    QString model() const override { return m_builtin.model(); }
    Result<Caption> generate(const CaptionRequest &request, const PartialCallback &onPartial) override
    {
        if (++m_count == m_after)
            m_stop();
        return m_builtin.generate(request, onPartial);
    }

private:
    int m_after;
    int m_count = 0;
    std::function<void()> m_stop;
    BuiltinCaptionGenerator m_builtin;
};

} // namespace

class TestJobQueue : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tree;
    std::unique_ptr<ScratchCatalog> m_scratch;
    CatalogPtr m_catalog;
    QList<qint64> m_shots;    // 4 readable photos and one cut off
    QList<qint64> m_readable; // the 4
    QString m_roll;

    // Waits for job `id` to end in `queue` and returns its row as the catalog has it.
    Job waitFor(JobQueue &queue, qint64 id, int timeoutMs = 60000)
    {
        QElapsedTimer timer;
        timer.start();
        while (queue.isActive(id) && timer.elapsed() < timeoutMs)
            QTest::qWait(20);
        auto job = JobRepository(*m_catalog).get(id);
        return job ? *job : Job{};
    }

    QStringList errorItems(qint64 jobId)
    {
        QStringList items;
        auto errors = JobRepository(*m_catalog).errors(jobId);
        if (errors)
            for (const auto &e : *errors)
                items.append(QFileInfo(e.item).fileName() + QStringLiteral(": ") + e.message);
        return items;
    }

    static CaptionSettings builtin() { return {}; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tree.isValid());
        m_scratch = std::make_unique<ScratchCatalog>();
        QVERIFY2(m_scratch->isValid(), qPrintable(m_scratch->errorString()));
        auto catalog = Catalog::open(m_scratch->url());
        REQUIRE_OK(catalog);
        m_catalog = *catalog;
        m_roll = m_tree.filePath(QStringLiteral("Roll"));
        QVERIFY(QDir().mkpath(m_roll));
        for (const char *name : {"ianare/Canon_40D.jpg", "ianare/xmp_BlueSquare.jpg", "exiv2/FurnaceCreekInn.jpg",
                                 "mei/Canon_EOS_7D.jpg"})
            QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/") + QLatin1String(name),
                                m_roll + u'/' + QFileInfo(QLatin1String(name)).fileName()));
        QFile whole(m_roll + QStringLiteral("/Canon_40D.jpg"));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        QFile cut(m_roll + QStringLiteral("/cut.jpg"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(whole.read(300));
    }

    void cleanupTestCase()
    {
        m_catalog.reset();
        m_scratch.reset();
    }

    // An import through the queue: progress, the photoset, and the file that cannot be read
    // listed with its reason in the job's errors.
    void importJob()
    {
        JobQueue queue(m_catalog);
        jobkinds::registerAll(queue, &builtin);
        QSignalSpy finished(&queue, &JobQueue::jobFinished);
        auto id = queue.enqueue(QStringLiteral("import"), jobkinds::importParameters(m_roll));
        REQUIRE_OK(id);
        QVERIFY(queue.isActive(*id));
        QCOMPARE(queue.activeCount(QStringLiteral("import")), 1);
        const Job job = waitFor(queue, *id);
        QCOMPARE(job.state, Job::State::Done);
        QCOMPARE(job.total, 5);
        QCOMPARE(job.done, 5);
        QCOMPARE(job.failed, 1);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toLongLong(), *id);
        QVERIFY2(queue.summary(*id).contains(QStringLiteral("4 added")), qPrintable(queue.summary(*id)));
        const QStringList errors = errorItems(*id);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(QStringLiteral("cut.jpg: ")), qPrintable(errors.first()));
        QVERIFY(errors.first().size() > 12); // a reason, not just the name
        QVERIFY(QueueTitle(queue, *id).contains(QStringLiteral("Importing")));

        auto page = ShotRepository(*m_catalog).page(0, 100);
        REQUIRE_OK(page);
        for (const Shot &s : std::as_const(*page)) {
            m_shots.append(s.id);
            if (!s.path.endsWith(QStringLiteral("/cut.jpg")))
                m_readable.append(s.id);
        }
        QCOMPARE(m_readable.size(), 4);
        QCOMPARE(m_shots.size(), 5);
    }

    // Captions through the queue: stored with their source, each announced as it is stored.
    void captionJob()
    {
        JobQueue queue(m_catalog);
        jobkinds::registerAll(queue, &builtin);
        QSignalSpy stored(&queue, &JobQueue::itemDone);
        auto parameters = jobkinds::captionParameters(m_shots, false, builtin());
        REQUIRE_OK(parameters);
        auto id = queue.enqueue(QStringLiteral("caption"), *parameters, m_shots.size());
        REQUIRE_OK(id);
        const Job job = waitFor(queue, *id);
        QCOMPARE(job.state, Job::State::Done);
        QCOMPARE(job.total, 5);
        QCOMPARE(job.failed, 1); // the cut-off file
        QTRY_COMPARE(stored.size(), 4);
        for (qint64 shot : std::as_const(m_readable)) {
            auto current = CaptionRepository(*m_catalog).current(shot);
            REQUIRE_OK(current);
            QVERIFY(current->has_value());
            QCOMPARE((*current)->source, QStringLiteral("builtin"));
        }
        QVERIFY2(queue.summary(*id).contains(QStringLiteral("Captioned 4 shot(s)")), qPrintable(queue.summary(*id)));
        QCOMPARE(errorItems(*id).size(), 1);
        QVERIFY(jobkinds::canRetry(job, false));
    }

    // A caption job made from a query (all of a large photoset selected): the shots it matches
    // when it starts become the job's, so that a resume captions the same ones.
    void captionJobFromQuery()
    {
        JobQueue queue(m_catalog);
        jobkinds::registerAll(queue, &builtin);
        auto parameters = jobkinds::captionQueryParameters(QStringLiteral("Canon_40D"), true, builtin());
        REQUIRE_OK(parameters);
        QVERIFY(!parameters->contains(QStringLiteral("shots")));
        auto id = queue.enqueue(QStringLiteral("caption"), *parameters);
        REQUIRE_OK(id);
        QVERIFY2(JobQueue::title(*queue.job(*id)).contains(QStringLiteral("“Canon_40D”")), qPrintable(JobQueue::title(*queue.job(*id))));
        const Job job = waitFor(queue, *id);
        QCOMPARE(job.state, Job::State::Done);
        QCOMPARE(job.total, 1);
        const QJsonArray shots = job.parameters.value(QStringLiteral("shots")).toArray();
        QCOMPARE(shots.size(), 1);
        auto shot = ShotRepository(*m_catalog).get(shots.at(0).toInteger());
        REQUIRE_OK(shot);
        QVERIFY(shot->path.endsWith(QStringLiteral("/Canon_40D.jpg")));

        // A query the parser refuses fails the job with the reason.
        auto bad = jobkinds::captionQueryParameters(QStringLiteral("rating>=9"), false, builtin());
        REQUIRE_OK(bad);
        auto badId = queue.enqueue(QStringLiteral("caption"), *bad);
        REQUIRE_OK(badId);
        const Job failed = waitFor(queue, *badId);
        QCOMPARE(failed.state, Job::State::Failed);
        QVERIFY2(failed.error.startsWith(QStringLiteral("Captioning failed: ")), qPrintable(failed.error));
    }

    // Thumbnails: a file damaged since the import fails with its reason; once it is readable
    // again, "retry failed" makes only that one (the others are on disk already).
    void thumbnailsRetryFailed()
    {
        QTemporaryDir cache;
        const QString damaged = m_roll + QStringLiteral("/FurnaceCreekInn.jpg");
        const QString kept = m_tree.filePath(QStringLiteral("FurnaceCreekInn.jpg"));
        QVERIFY(QFile::copy(damaged, kept));
        QVERIFY(QFile::resize(damaged, 300));
        JobQueue queue(m_catalog);
        jobkinds::registerAll(queue, &builtin);
        auto id = queue.enqueue(QStringLiteral("thumbnails"), jobkinds::thumbnailParameters(256, cache.path()));
        REQUIRE_OK(id);
        Job job = waitFor(queue, *id);
        QCOMPARE(job.state, Job::State::Done);
        QCOMPARE(job.failed, 1);
        const QStringList errors = errorItems(*id);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(QStringLiteral("FurnaceCreekInn.jpg: ")), qPrintable(errors.first()));
        QVERIFY2(queue.summary(*id).contains(QStringLiteral("3 made")), qPrintable(queue.summary(*id)));
        QVERIFY(jobkinds::canRetry(job, false));

        QVERIFY(QFile::remove(damaged));
        QVERIFY(QFile::copy(kept, damaged));
        REQUIRE_OK(queue.retry(*id));
        QVERIFY(queue.isActive(*id));
        QVERIFY2(!queue.retry(*id).ok(), "a job cannot be run twice at once");
        job = waitFor(queue, *id);
        QCOMPARE(job.state, Job::State::Done);
        QCOMPARE(job.failed, 0);
        QCOMPARE(errorItems(*id), QStringList());
        QVERIFY2(queue.summary(*id).contains(QStringLiteral("1 made, 3 already there")), qPrintable(queue.summary(*id)));
        QVERIFY(!jobkinds::canRetry(job, false));
    }

    // An export job writes the ZIP; the same target again is refused and the file is left alone.
    void exportJob()
    {
        const QString zip = m_tree.filePath(QStringLiteral("out.zip"));
        JobQueue queue(m_catalog);
        jobkinds::registerAll(queue, &builtin);
        auto id = queue.enqueue(QStringLiteral("export"), jobkinds::exportParameters(zip, ExportRecipe{}, m_shots.mid(0, 2)));
        REQUIRE_OK(id);
        Job job = waitFor(queue, *id);
        QCOMPARE(job.state, Job::State::Done);
        QVERIFY(QFileInfo(zip).size() > 0);
        QVERIFY2(queue.summary(*id).contains(QStringLiteral("Exported 2 images")), qPrintable(queue.summary(*id)));
        QVERIFY(!jobkinds::canRetry(job, false));
        const qint64 size = QFileInfo(zip).size();

        auto again = queue.enqueue(QStringLiteral("export"),
                                   jobkinds::exportParameters(zip, ExportRecipe{}, {}, QStringLiteral("")));
        REQUIRE_OK(again);
        job = waitFor(queue, *again);
        QCOMPARE(job.state, Job::State::Failed);
        QVERIFY2(job.error.contains(QStringLiteral("exists")), qPrintable(job.error));
        QCOMPARE(QFileInfo(zip).size(), size);
    }

    // A generator that cannot be set up fails its job with the reason; nothing else happens.
    void generatorNotSetUp()
    {
        JobQueue queue(m_catalog);
        CaptionSettings torch;
        torch.generator = CaptionSettings::Generator::TorchScript;
        torch.torchModelPath = m_tree.filePath(QStringLiteral("missing.pt"));
        jobkinds::registerAll(queue, [torch] { return torch; });
        QVERIFY(!jobkinds::captionParameters(m_shots, false, torch).ok());
        auto parameters = jobkinds::captionParameters(m_shots, false, builtin());
        REQUIRE_OK(parameters);
        auto id = queue.enqueue(QStringLiteral("caption"), *parameters);
        REQUIRE_OK(id);
        const Job job = waitFor(queue, *id);
        QCOMPARE(job.state, Job::State::Failed);
        QVERIFY2(job.error.contains(QStringLiteral("missing.pt")), qPrintable(job.error));
        QVERIFY(!queue.enqueue(QStringLiteral("no such kind"), {}).ok());
    }

    // One lane per kind: jobs of a kind wait for each other, other kinds run beside them. A
    // running job stops at cancel after its current step; a queued one never starts.
    void lanesAndCancel()
    {
        SlowKind slow;
        SlowKind other;
        JobQueue queue(m_catalog);
        queue.registerKind(QStringLiteral("slow"), [&slow](const Job &) -> Result<std::unique_ptr<JobRunner>> {
            return std::unique_ptr<JobRunner>(std::make_unique<SlowRunner>(slow, 400, 5));
        });
        queue.registerKind(QStringLiteral("other"), [&other](const Job &) -> Result<std::unique_ptr<JobRunner>> {
            return std::unique_ptr<JobRunner>(std::make_unique<SlowRunner>(other, 20, 5));
        });
        QSignalSpy changed(&queue, &JobQueue::jobChanged);
        auto first = queue.enqueue(QStringLiteral("slow"), {});
        auto second = queue.enqueue(QStringLiteral("slow"), {});
        auto beside = queue.enqueue(QStringLiteral("other"), {});
        REQUIRE_OK(first);
        REQUIRE_OK(second);
        REQUIRE_OK(beside);
        QCOMPARE(queue.job(*second)->state, Job::State::Queued);
        // The other kind finishes while the first slow job still runs.
        QCOMPARE(waitFor(queue, *beside).state, Job::State::Done);
        QVERIFY(queue.isActive(*first));
        QTRY_VERIFY(queue.job(*first)->done > 0); // live progress
        REQUIRE_OK(queue.cancel(*second));
        REQUIRE_OK(queue.cancel(*first));
        const Job cancelled = waitFor(queue, *first);
        QCOMPARE(cancelled.state, Job::State::Cancelled);
        QVERIFY(cancelled.done < 400);
        QCOMPARE(waitFor(queue, *second).state, Job::State::Cancelled);
        QCOMPARE(slow.runs.load(), 1);
        QCOMPARE(slow.mostAtOnce.load(), 1);
        QVERIFY(changed.size() >= 3);
        QVERIFY(!queue.cancel(*first).ok()); // not running any more
    }

    // What a crash leaves: a caption job "running" that nobody has touched for a while. A new
    // queue (the restarted window) lists it as interrupted; resuming captions only the shots the
    // first run had not done.
    void resumeAfterRestart()
    {
        // Fresh captions for a clean count: the first run stores two, then the process "dies".
        const QList<qint64> shots = m_readable;
        Captioner *running = nullptr;
        StopsAfter generator(2, [&running] { running->cancel(); });
        Captioner captioner(*m_catalog, generator);
        running = &captioner;
        auto first = captioner.run(CaptionRunOptions{shots, false});
        REQUIRE_OK(first);
        QCOMPARE(first->captioned, 2);
        QMap<qint64, int> versions;
        for (qint64 shot : shots)
            versions.insert(shot, CaptionRepository(*m_catalog).history(shot)->size());
        // The killed process never wrote its end: the row is still running, its last sign of life old.
        QVERIFY(m_scratch->execRaw(QStringLiteral("UPDATE jobs SET state = 'running', finished_ms = NULL, "
                                                  "heartbeat_ms = 1000, started_ms = 1000, created_ms = 1000 WHERE id = %1")
                                       .arg(first->jobId)));

        JobQueue restarted(m_catalog);
        jobkinds::registerAll(restarted, &builtin);
        QVERIFY(restarted.isInterrupted(first->jobId));
        QVERIFY(restarted.job(first->jobId).has_value());
        QVERIFY(jobkinds::canRetry(*restarted.job(first->jobId), true));
        REQUIRE_OK(restarted.retry(first->jobId));
        QVERIFY(!restarted.isInterrupted(first->jobId));
        const Job resumed = waitFor(restarted, first->jobId);
        QCOMPARE(resumed.state, Job::State::Done);
        QVERIFY2(restarted.summary(first->jobId).contains(QStringLiteral("Captioned 2 shot(s)"))
                     && restarted.summary(first->jobId).contains(QStringLiteral("2 captioned before")),
                 qPrintable(restarted.summary(first->jobId)));
        int added = 0;
        for (qint64 shot : shots)
            added += CaptionRepository(*m_catalog).history(shot)->size() - versions.value(shot);
        QCOMPARE(added, 2);

        // A job another window is running right now (fresh sign of life) is not taken over.
        QVERIFY(m_scratch->execRaw(QStringLiteral("UPDATE jobs SET state = 'running', finished_ms = NULL, "
                                                  "heartbeat_ms = %1 WHERE id = %2")
                                       .arg(QDateTime::currentMSecsSinceEpoch())
                                       .arg(first->jobId)));
        JobQueue another(m_catalog);
        jobkinds::registerAll(another, &builtin);
        QVERIFY(!another.isInterrupted(first->jobId));
        const Status refused = another.retry(first->jobId);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, Error::Code::Conflict);
    }

    // Closing the window: the running job stops after its current step; it and the queued one are
    // released in the catalog, and the next queue (the next start) offers both for resuming at
    // once. Resumed, the first goes on (here: a new run of the test kind) and ends.
    void shutdownReleasesJobs()
    {
        SlowKind slow;
        auto slowKind = [&slow](int items) {
            return [&slow, items](const Job &) -> Result<std::unique_ptr<JobRunner>> {
                return std::unique_ptr<JobRunner>(std::make_unique<SlowRunner>(slow, items, 5));
            };
        };
        qint64 running = 0;
        qint64 waiting = 0;
        {
            JobQueue queue(m_catalog);
            queue.registerKind(QStringLiteral("slow"), slowKind(1000));
            running = *queue.enqueue(QStringLiteral("slow"), {});
            waiting = *queue.enqueue(QStringLiteral("slow"), {});
            QTRY_VERIFY(slow.running.load() == 1);
            QSignalSpy finished(&queue, &JobQueue::jobFinished);
            queue.shutDown();
            QCOMPARE(finished.size(), 0); // stopped for closing, not cancelled by the user
            QVERIFY(!queue.isActive(running));
        }
        QCOMPARE(slow.runs.load(), 1);
        for (qint64 id : {running, waiting}) {
            auto row = JobRepository(*m_catalog).get(id);
            REQUIRE_OK(row);
            QCOMPARE(row->state, Job::State::Queued);
            QCOMPARE(row->heartbeatMs, qint64(-1));
        }
        QVERIFY(JobRepository(*m_catalog).get(running)->done > 0);

        JobQueue next(m_catalog);
        next.registerKind(QStringLiteral("slow"), slowKind(3));
        QVERIFY(next.isInterrupted(running));
        QVERIFY(next.isInterrupted(waiting));
        REQUIRE_OK(next.retry(running));
        QCOMPARE(waitFor(next, running).state, Job::State::Done);
        QCOMPARE(slow.runs.load(), 2);
    }

private:
    static QString QueueTitle(JobQueue &queue, qint64 id) { return JobQueue::title(*queue.job(id)); }
};

QTEST_GUILESS_MAIN(TestJobQueue)
#include "tst_jobqueue.moc"
