#include "jobqueue.h"

#include "catalog/jobrepository.h"
#include "catalog/sqlhelpers.h"
#include "common/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>

namespace stills {

namespace {

// This file's texts, under the context "Jobs" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Jobs)
};

constexpr int kHeartbeatMs = 30 * 1000;
constexpr int kRecentJobs = 50;

int plural(qint64 n)
{
    return int(std::min<qint64>(n, INT_MAX));
}

} // namespace

JobQueue::JobQueue(CatalogPtr catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(std::move(catalog))
{
    m_bookkeeping.setMaxThreadCount(1);
    m_heartbeat.setInterval(kHeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &JobQueue::beat);
    m_heartbeat.start();
    if (auto loaded = reload(); !loaded)
        qCWarning(lcJobs) << "cannot read the jobs:" << loaded.error().message;
}

JobQueue::~JobQueue()
{
    shutDown();
    const CatalogPtr catalog = m_catalog;
    m_bookkeeping.start([catalog] { catalog->releaseThreadConnection(); });
    m_bookkeeping.waitForDone();
}

void JobQueue::registerKind(const QString &kind, JobRunnerFactory factory, int lanes)
{
    Kind k;
    k.factory = std::move(factory);
    k.lanes = std::max(1, lanes);
    k.pool = std::make_shared<QThreadPool>();
    k.pool->setMaxThreadCount(k.lanes);
    // A lane waits for the next job instead of ending its thread: a worker process or model a
    // runner keeps per thread is not restarted between jobs.
    k.pool->setExpiryTimeout(-1);
    m_kinds.insert(kind, std::move(k));
}

Result<qint64> JobQueue::enqueue(const QString &kind, const QJsonObject &parameters, qint64 total)
{
    if (!m_kinds.contains(kind))
        return Error::invalid(Tr::tr("There is no kind of job called \"%1\".").arg(kind));
    Job job;
    job.kind = kind;
    job.parameters = parameters;
    job.total = total;
    JobRepository repository(*m_catalog);
    auto id = repository.create(job);
    if (!id)
        return id.error();
    auto stored = repository.get(*id);
    if (!stored)
        return stored.error();
    m_jobs.insert(*id, *stored);
    m_pending.append(*id);
    Q_EMIT jobAdded(*id);
    schedule();
    return *id;
}

Status JobQueue::cancel(qint64 id)
{
    if (m_pending.contains(id)) {
        m_pending.removeAll(id);
        Job &job = m_jobs[id];
        job.state = Job::State::Cancelled;
        job.finishedMs = sql::nowMs();
        m_summaries.insert(id, Tr::tr("Cancelled before it started."));
        Status written = JobRepository(*m_catalog).finish(id, Job::State::Cancelled);
        Q_EMIT jobChanged(id);
        Q_EMIT jobFinished(id, job.kind, job.state, m_summaries.value(id));
        return written;
    }
    auto running = m_running.find(id);
    if (running == m_running.end())
        return Error::notFound(Tr::tr("Job %1 is not running here.").arg(id));
    running->cancelRequested = true;
    running->runner->cancel();
    Q_EMIT jobChanged(id);
    return {};
}

Status JobQueue::retry(qint64 id)
{
    if (isActive(id))
        return Error::invalid(Tr::tr("Job %1 is running already.").arg(id));
    JobRepository repository(*m_catalog);
    auto job = repository.get(id);
    if (!job)
        return job.error();
    if (!m_kinds.contains(job->kind))
        return Error::invalid(Tr::tr("Jobs of the kind \"%1\" cannot be run from here.").arg(job->kind));
    if (auto claimed = repository.requeue(id, sql::nowMs() - kStaleMs); !claimed)
        return claimed;
    auto requeued = repository.get(id);
    if (!requeued)
        return requeued.error();
    m_interrupted.remove(id);
    m_summaries.remove(id);
    m_jobs.insert(id, *requeued);
    m_pending.append(id);
    Q_EMIT jobChanged(id);
    schedule();
    return {};
}

void JobQueue::cancelAll()
{
    const QList<qint64> pending = m_pending;
    for (qint64 id : pending)
        (void)cancel(id);
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        it->cancelRequested = true;
        it->runner->cancel();
    }
}

void JobQueue::shutDown()
{
    m_closing.store(true);
    JobRepository repository(*m_catalog);
    for (qint64 id : std::as_const(m_pending))
        if (auto released = repository.release(id); !released)
            qCWarning(lcJobs) << "job" << id << "not released:" << released.error().message;
    m_pending.clear();
    for (auto it = m_running.begin(); it != m_running.end(); ++it) {
        it->cancelRequested = true;
        it->runner->cancel();
    }
    for (const Kind &kind : std::as_const(m_kinds))
        kind.pool->waitForDone();
    // The runs' ends were posted to this object; take them now so the rows and views agree.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

QList<Job> JobQueue::jobs() const
{
    QList<Job> list = m_jobs.values();
    std::sort(list.begin(), list.end(), [](const Job &a, const Job &b) { return a.id > b.id; });
    return list;
}

std::optional<Job> JobQueue::job(qint64 id) const
{
    auto it = m_jobs.constFind(id);
    if (it == m_jobs.constEnd())
        return std::nullopt;
    return *it;
}

int JobQueue::activeCount(const QString &kind) const
{
    int n = 0;
    for (qint64 id : m_pending)
        n += kind.isEmpty() || m_jobs.value(id).kind == kind;
    for (auto it = m_running.constBegin(); it != m_running.constEnd(); ++it)
        n += kind.isEmpty() || m_jobs.value(it.key()).kind == kind;
    return n;
}

Status JobQueue::reload()
{
    JobRepository repository(*m_catalog);
    auto recent = repository.recent(kRecentJobs);
    if (!recent)
        return recent.error();
    auto unfinished = repository.unfinished();
    if (!unfinished)
        return unfinished.error();
    const qint64 staleBefore = sql::nowMs() - kStaleMs;
    for (const QList<Job> *list : {&*recent, &*unfinished}) {
        for (const Job &job : *list) {
            if (isActive(job.id))
                continue; // ours: the live numbers are newer
            if (job.parameters.contains(QStringLiteral("parent")))
                continue; // a part of another job (an archive's folder import), shown as that job
            m_jobs.insert(job.id, job);
            const bool open = job.state == Job::State::Queued || job.state == Job::State::Running;
            const qint64 lastSign = std::max({job.heartbeatMs, job.startedMs, job.createdMs});
            if (open && (job.heartbeatMs == -1 || lastSign < staleBefore))
                m_interrupted.insert(job.id);
            else
                m_interrupted.remove(job.id);
        }
    }
    return {};
}

void JobQueue::schedule()
{
    const QList<qint64> pending = m_pending;
    for (qint64 id : pending) {
        const Job job = m_jobs.value(id);
        const Kind &kind = m_kinds[job.kind];
        int busy = 0;
        for (auto it = m_running.constBegin(); it != m_running.constEnd(); ++it)
            busy += m_jobs.value(it.key()).kind == job.kind;
        if (busy >= kind.lanes)
            continue; // waits for a lane of its kind
        m_pending.removeAll(id);
        startJob(job);
    }
}

void JobQueue::startJob(const Job &queued)
{
    const qint64 id = queued.id;
    Kind &kind = m_kinds[queued.kind];
    auto made = kind.factory(queued);
    if (!made) {
        JobOutcome outcome;
        outcome.state = Job::State::Failed;
        outcome.error = made.error().message;
        outcome.summary = made.error().message;
        (void)JobRepository(*m_catalog).finish(id, Job::State::Failed, outcome.error);
        onEnded(id, outcome);
        return;
    }
    std::shared_ptr<JobRunner> runner(std::move(*made));
    m_running.insert(id, Running{runner, false});
    Job &job = m_jobs[id];
    job.state = Job::State::Running;
    job.startedMs = sql::nowMs();
    job.heartbeatMs = job.startedMs;
    Q_EMIT jobChanged(id);

    const CatalogPtr catalog = m_catalog;
    kind.pool->start([this, runner, catalog, queued, id] {
        JobReporter reporter;
        QElapsedTimer sincePost;
        reporter.progress = [this, id, &sincePost](qint64 done, qint64 total) {
            // The window needs a few updates a second, not one per item.
            if (sincePost.isValid() && sincePost.elapsed() < 100 && done < total)
                return;
            sincePost.start();
            QMetaObject::invokeMethod(this, [this, id, done, total] { onProgress(id, done, total); }, Qt::QueuedConnection);
        };
        reporter.partial = [this, id](qint64 item, const QString &text) {
            QMetaObject::invokeMethod(this, [this, id, item, text] { Q_EMIT partial(id, item, text); }, Qt::QueuedConnection);
        };
        reporter.itemDone = [this, id, kind = queued.kind](qint64 item) {
            QMetaObject::invokeMethod(this, [this, id, kind, item] { Q_EMIT itemDone(id, kind, item); }, Qt::QueuedConnection);
        };
        JobRepository jobs(*catalog);
        JobOutcome outcome;
        if (auto started = jobs.start(id, queued.total); !started) {
            outcome.state = Job::State::Failed;
            outcome.error = started.error().message;
        } else {
            outcome = runner->run(*catalog, queued, reporter);
        }
        if (outcome.summary.isEmpty() && !outcome.error.isEmpty())
            outcome.summary = outcome.error;
        // The runner may have written these already; the row ends as the outcome says either way.
        if (auto saved = jobs.progress(id, outcome.done, outcome.failed, outcome.total > 0 ? outcome.total : -1); !saved)
            qCWarning(lcJobs) << "job" << id << "progress not saved:" << saved.error().message;
        if (m_closing.load() && outcome.state == Job::State::Cancelled) {
            // Stopped because the window closes, not by the user: the next start resumes it.
            if (auto released = jobs.release(id); !released)
                qCWarning(lcJobs) << "job" << id << "not released:" << released.error().message;
        } else if (auto finished = jobs.finish(id, outcome.state, outcome.error); !finished) {
            qCWarning(lcJobs) << "job" << id << "end not saved:" << finished.error().message;
        }
        catalog->releaseThreadConnection(); // the next job on this lane may be for another catalog
        QMetaObject::invokeMethod(this, [this, id, outcome] { onEnded(id, outcome); }, Qt::QueuedConnection);
    });
}

void JobQueue::onProgress(qint64 id, qint64 done, qint64 total)
{
    if (!m_running.contains(id))
        return;
    Job &job = m_jobs[id];
    job.done = done;
    job.total = total;
    Q_EMIT jobChanged(id);
}

void JobQueue::onEnded(qint64 id, const JobOutcome &outcome)
{
    m_running.remove(id);
    Job &job = m_jobs[id];
    if (m_closing.load() && outcome.state == Job::State::Cancelled) {
        // Released for the next start (see startJob); nothing to tell a window that is closing.
        job.state = Job::State::Queued;
        job.done = outcome.done;
        m_interrupted.insert(id);
        return;
    }
    job.state = outcome.state;
    job.done = outcome.done;
    if (outcome.total > 0)
        job.total = outcome.total;
    job.failed = outcome.failed;
    job.error = outcome.error;
    job.finishedMs = sql::nowMs();
    m_summaries.insert(id, outcome.summary);
    Q_EMIT jobChanged(id);
    Q_EMIT jobFinished(id, job.kind, job.state, outcome.summary);
    schedule();
}

void JobQueue::beat()
{
    QList<qint64> ids = m_running.keys();
    if (ids.isEmpty())
        return;
    const CatalogPtr catalog = m_catalog;
    m_bookkeeping.start([catalog, ids] {
        if (auto written = JobRepository(*catalog).heartbeat(ids); !written)
            qCWarning(lcJobs) << "job heartbeat not saved:" << written.error().message;
    });
}

QString JobQueue::title(const Job &job)
{
    const QJsonObject &p = job.parameters;
    const QString described = p.value(QStringLiteral("title")).toString();
    if (!described.isEmpty())
        return described;
    if (job.kind == u"caption") {
        const qint64 shots = p.value(QStringLiteral("shots")).toArray().size();
        const QString with = p.value(QStringLiteral("with")).toString();
        if (!p.contains(QStringLiteral("shots")))
            //: %1 a search ("photoset:#3 tag:Night"), %2 the generator
            return Tr::tr("Captioning the shots matching “%1” with %2").arg(p.value(QStringLiteral("query")).toString(), with);
        if (!with.isEmpty())
            //: %1 the generator ("the built-in captioner", a model at a server, a model file)
            return p.value(QStringLiteral("onlyUnedited")).toBool()
                       ? Tr::tr("Regenerating unedited captions of %n shot(s) with %1", nullptr, plural(shots)).arg(with)
                       : Tr::tr("Captioning %n shot(s) with %1", nullptr, plural(shots)).arg(with);
        return p.value(QStringLiteral("onlyUnedited")).toBool()
                   ? Tr::tr("Regenerating unedited captions of %n shot(s)", nullptr, plural(shots))
                   : Tr::tr("Captioning %n shot(s)", nullptr, plural(shots));
    }
    if (job.kind == u"import")
        return Tr::tr("Importing %1").arg(QDir::toNativeSeparators(p.value(QStringLiteral("path")).toString()));
    if (job.kind == u"export")
        return Tr::tr("Exporting to %1").arg(QFileInfo(p.value(QStringLiteral("target")).toString()).fileName());
    if (job.kind == u"archives")
        return Tr::tr("Importing archives from %1").arg(QDir::toNativeSeparators(p.value(QStringLiteral("path")).toString()));
    if (job.kind == u"thumbnails")
        return Tr::tr("Making %1 px thumbnails").arg(p.value(QStringLiteral("size")).toInt());
    return job.kind;
}

QString JobQueue::stateLabel(Job::State state, bool interrupted)
{
    if (interrupted)
        return Tr::tr("interrupted");
    switch (state) {
    case Job::State::Queued: return Tr::tr("queued");
    case Job::State::Running: return Tr::tr("running");
    case Job::State::Done: return Tr::tr("done");
    case Job::State::Failed: return Tr::tr("failed");
    case Job::State::Cancelled: return Tr::tr("cancelled");
    }
    return {};
}

} // namespace stills
