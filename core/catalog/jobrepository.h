#pragma once

#include "catalog.h"
#include "domain/job.h"

#include <QList>

namespace stills {

// Persisted background jobs and their per-item errors. Thread contract as ShotRepository.
class JobRepository
{
public:
    explicit JobRepository(const Catalog &catalog) : m_catalog(catalog) {}

    struct ItemError {
        QString item;
        QString message;
    };

    Result<qint64> create(const Job &job);
    Result<Job> get(qint64 id);
    // Jobs that are queued or running: after a crash, these are the ones to resume.
    Result<QList<Job>> unfinished();
    Result<QList<Job>> recent(int limit);

    Status start(qint64 id, qint64 total);
    // Replaces the job's parameters (a runner fixing what a query resolved to, for its resumes).
    Status setParameters(qint64 id, const QJsonObject &parameters);
    // total < 0: as it was.
    Status progress(qint64 id, qint64 done, qint64 failed, qint64 total = -1);
    Status finish(qint64 id, Job::State state, const QString &error = {});
    Status addError(qint64 jobId, const QString &item, const QString &message);
    // The first `limit` item errors, in the order they were recorded.
    Result<QList<ItemError>> errors(qint64 jobId, int limit = 100000);
    // Claims a job to run it again: state queued, error and end cleared. Only a job that has ended
    // or (queued or running) shows no sign of life since `staleBeforeMs`; Conflict otherwise (it
    // is running somewhere, or someone else claimed it first).
    Status requeue(qint64 id, qint64 staleBeforeMs);
    // A job its queue stopped before it ended (the window closed): queued again, with no sign of
    // life (heartbeat -1), so the next start offers to resume it at once.
    Status release(qint64 id);
    // Marks the jobs as alive (JobQueue, every half minute while they run).
    Status heartbeat(const QList<qint64> &ids);
    // Forgets the job's item errors (a job run again lists those of its new attempt).
    Status clearErrors(qint64 jobId);

private:
    const Catalog &m_catalog;
};

} // namespace stills
