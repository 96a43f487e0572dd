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
    Status progress(qint64 id, qint64 done, qint64 failed);
    Status finish(qint64 id, Job::State state, const QString &error = {});
    Status addError(qint64 jobId, const QString &item, const QString &message);
    Result<QList<ItemError>> errors(qint64 jobId);
    // Forgets the job's item errors (a job run again lists those of its new attempt).
    Status clearErrors(qint64 jobId);

private:
    const Catalog &m_catalog;
};

} // namespace stills
