#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "domain/job.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace stills {

// What a running job tells the queue. Every callback is called on the job's thread.
struct JobReporter {
    std::function<void(qint64 done, qint64 total)> progress;
    // The text of one item as far as it is written (a caption streaming in), for a live view.
    std::function<void(qint64 item, const QString &text)> partial;
    // One item's result was stored (a caption, a thumbnail): views showing it may reload it.
    std::function<void(qint64 item)> itemDone;
};

// How a run ended.
struct JobOutcome {
    Job::State state = Job::State::Done;
    qint64 done = 0;
    qint64 total = 0;
    qint64 failed = 0;   // items that failed; each is recorded in the job's errors with its reason
    QString error;       // Failed: why the job as a whole could not go on
    QString summary;     // one sentence for people: what the run did
};

// Runs one job of one kind. Made by the kind's factory (on the queue's thread) for each run;
// run() is called once, on a worker thread, and blocks until the job ends or is cancelled.
//
// A run is also a resume and a retry: it is given the job's row as the catalog has it (maybe run
// before, interrupted by a crash, cancelled or finished with failures) and does only what is not
// done yet. Item failures are recorded by the runner as the job's errors (JobRepository::addError,
// after clearErrors: a run lists the failures of its own attempt).
class JobRunner
{
public:
    virtual ~JobRunner() = default;
    virtual JobOutcome run(const Catalog &catalog, const Job &job, const JobReporter &reporter) = 0;
    // Stops the run soon (after the item in progress); may be called from any thread.
    virtual void cancel() = 0;
};

// Makes the runner of a job, or says why it cannot run now (a generator that is not set up…).
using JobRunnerFactory = std::function<Result<std::unique_ptr<JobRunner>>(const Job &job)>;

// The window's background work: captioning, thumbnails, import and export as persisted jobs.
//
// A job is a row of the catalog's `jobs` table (kind, parameters, state, progress) with its item
// errors; enqueue() writes the row (queued) and runs it when its kind has a free lane. Each kind
// has its own lane of `lanes` threads (a caption model, an import or an export at a time by
// default); the runners use pools sized to the machine inside (QThread::idealThreadCount()).
// cancel() stops a running job after its current item or drops a queued one; retry() runs a
// finished, failed, cancelled or interrupted job again, which does only what is not done yet.
//
// After a restart (or a crash) the catalog still has the unfinished rows: jobs() lists them as
// interrupted when no running queue has touched them for kStaleMs, and retry() resumes them. A
// queue that is destroyed (the window closes) releases its unfinished jobs: they are interrupted
// for the next queue at once.
//
// Thread contract: a JobQueue lives on one thread with an event loop (the GUI thread) and is used
// there; its signals are emitted there. Runners run on the queue's pools and use their thread's
// catalog connection (released when the run ends). The destructor stops running jobs after their
// current item, and releases them and the queued ones (to be resumed), waiting for the runs to end.
class JobQueue : public QObject
{
    Q_OBJECT

public:
    // A queued or running row older than this, not run by this queue, is "interrupted".
    static constexpr qint64 kStaleMs = 2 * 60 * 1000;

    explicit JobQueue(CatalogPtr catalog, QObject *parent = nullptr);
    ~JobQueue() override;

    const CatalogPtr &catalog() const { return m_catalog; }

    void registerKind(const QString &kind, JobRunnerFactory factory, int lanes = 1);
    bool hasKind(const QString &kind) const { return m_kinds.contains(kind); }

    // Writes a queued job and starts it when its lane is free. InvalidInput for an unknown kind.
    Result<qint64> enqueue(const QString &kind, const QJsonObject &parameters, qint64 total = 0);
    // Cancels a running job (after its current item) or a queued one (at once). NotFound when the
    // job is not queued or running here.
    Status cancel(qint64 id);
    // Runs a job of the catalog again: one that failed, was cancelled, finished with failed items
    // or was interrupted. InvalidInput when it is queued or running (here or, recently, elsewhere).
    Status retry(qint64 id);
    void cancelAll();
    // Stops everything, waits for the running jobs to end and releases them and the queued ones
    // in the catalog, to be resumed by the next queue (the window closes, the catalog changes).
    void shutDown();

    // The jobs to show: this session's, the interrupted ones and the most recent others (newest
    // first), with live progress for the running ones.
    QList<Job> jobs() const;
    std::optional<Job> job(qint64 id) const;
    bool isActive(qint64 id) const { return m_running.contains(id) || m_pending.contains(id); }
    bool isInterrupted(qint64 id) const { return m_interrupted.contains(id); }
    // Jobs queued or running here, of one kind (empty: all).
    int activeCount(const QString &kind = {}) const;
    // What the last run of a job said when it ended (empty for jobs not run in this session).
    QString summary(qint64 id) const { return m_summaries.value(id); }
    // Reads the recent jobs again from the catalog (another user's, interrupted ones).
    Status reload();

    // A title for people ("Captioning 12 shots", "Importing /photos/rome"): from the kind and
    // parameters, translated.
    static QString title(const Job &job);
    static QString stateLabel(Job::State state, bool interrupted);

Q_SIGNALS:
    void jobAdded(qint64 id);
    void jobChanged(qint64 id); // state or progress (progress at most ~10 times a second)
    void jobFinished(qint64 id, const QString &kind, stills::Job::State state, const QString &summary);
    void partial(qint64 id, qint64 item, const QString &text);
    void itemDone(qint64 id, const QString &kind, qint64 item);

private:
    struct Kind {
        JobRunnerFactory factory;
        std::shared_ptr<QThreadPool> pool;
        int lanes = 1;
    };
    struct Running {
        std::shared_ptr<JobRunner> runner;
        bool cancelRequested = false;
    };

    void schedule();
    void startJob(const Job &job);
    void onProgress(qint64 id, qint64 done, qint64 total);
    void onEnded(qint64 id, const JobOutcome &outcome);
    void beat();

    CatalogPtr m_catalog;
    QHash<QString, Kind> m_kinds;
    QHash<qint64, Job> m_jobs;       // known jobs, live for the running ones
    QList<qint64> m_pending;         // queued here, in order
    QHash<qint64, Running> m_running;
    QSet<qint64> m_interrupted;
    QHash<qint64, QString> m_summaries;
    std::atomic_bool m_closing{false}; // shutDown(): a run stopped now is released, not cancelled
    QThreadPool m_bookkeeping;       // heartbeats: never on the GUI thread
    QTimer m_heartbeat;
};

} // namespace stills
