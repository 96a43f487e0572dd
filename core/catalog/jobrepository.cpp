#include "jobrepository.h"

#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

const QString kColumns = QStringLiteral(
    "id, kind, parameters, state, done, total, failed, error, created_ms, COALESCE(started_ms, 0), "
    "COALESCE(finished_ms, 0), COALESCE(heartbeat_ms, 0)");

Job fromRow(const QSqlQuery &q)
{
    Job j;
    j.id = q.value(0).toLongLong();
    j.kind = q.value(1).toString();
    j.parameters = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    j.state = Job::stateFromName(q.value(3).toString());
    j.done = q.value(4).toLongLong();
    j.total = q.value(5).toLongLong();
    j.failed = q.value(6).toLongLong();
    j.error = q.value(7).toString();
    j.createdMs = q.value(8).toLongLong();
    j.startedMs = q.value(9).toLongLong();
    j.finishedMs = q.value(10).toLongLong();
    j.heartbeatMs = q.value(11).toLongLong();
    return j;
}

Result<QList<Job>> jobs(const QSqlDatabase &db, const QString &where, const QVariantList &values)
{
    auto q = sql::run(db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM jobs ") + where, values);
    if (!q)
        return q.error();
    QList<Job> list;
    while (q->next())
        list.append(fromRow(*q));
    return list;
}

} // namespace

Result<qint64> JobRepository::create(const Job &job)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::insert(*db,
                       QStringLiteral("INSERT INTO jobs (kind, parameters, state, total, created_ms) VALUES (?, ?, ?, ?, ?)"),
                       {job.kind, QString::fromUtf8(QJsonDocument(job.parameters).toJson(QJsonDocument::Compact)),
                        Job::stateName(job.state), job.total, sql::nowMs()});
}

Result<Job> JobRepository::get(qint64 id)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto list = jobs(*db, QStringLiteral("WHERE id = ?"), {id});
    if (!list)
        return list.error();
    if (list->isEmpty())
        return Error::notFound(Tr::tr("There is no job %1.").arg(id));
    return list->first();
}

Result<QList<Job>> JobRepository::unfinished()
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return jobs(*db, QStringLiteral("WHERE state IN ('queued', 'running') ORDER BY id"), {});
}

Result<QList<Job>> JobRepository::recent(int limit)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return jobs(*db, QStringLiteral("ORDER BY id DESC LIMIT ?"), {limit});
}

Status JobRepository::start(qint64 id, qint64 total)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    const qint64 now = sql::nowMs();
    return sql::exec(*db,
                     QStringLiteral("UPDATE jobs SET state = 'running', total = ?, started_ms = COALESCE(started_ms, ?), "
                                    "heartbeat_ms = ? WHERE id = ?"),
                     {total, now, now, id});
}

Status JobRepository::setParameters(qint64 id, const QJsonObject &parameters)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("UPDATE jobs SET parameters = ? WHERE id = ?"),
                     {QString::fromUtf8(QJsonDocument(parameters).toJson(QJsonDocument::Compact)), id});
}

Status JobRepository::progress(qint64 id, qint64 done, qint64 failed, qint64 total)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db,
                     QStringLiteral("UPDATE jobs SET done = ?, failed = ?, total = CASE WHEN CAST(? AS BIGINT) < 0 THEN total ELSE CAST(? AS BIGINT) END, "
                                    "heartbeat_ms = ? WHERE id = ?"),
                     {done, failed, total, total, sql::nowMs(), id});
}

Status JobRepository::finish(qint64 id, Job::State state, const QString &error)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("UPDATE jobs SET state = ?, error = ?, finished_ms = ? WHERE id = ?"),
                     {Job::stateName(state), error, sql::nowMs(), id});
}

Status JobRepository::addError(qint64 jobId, const QString &item, const QString &message)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("INSERT INTO job_errors (job_id, item, message) VALUES (?, ?, ?)"),
                     {jobId, item, message});
}

Status JobRepository::clearErrors(qint64 jobId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("DELETE FROM job_errors WHERE job_id = ?"), {jobId});
}

Result<QList<JobRepository::ItemError>> JobRepository::errors(qint64 jobId, int limit)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT item, message FROM job_errors WHERE job_id = ? ORDER BY id LIMIT ?"),
                      {jobId, limit});
    if (!q)
        return q.error();
    QList<ItemError> list;
    while (q->next())
        list.append({q->value(0).toString(), q->value(1).toString()});
    return list;
}

Status JobRepository::requeue(qint64 id, qint64 staleBeforeMs)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    // One statement: of two people resuming the same interrupted job, one claims it.
    auto q = sql::run(*db,
                      QStringLiteral("UPDATE jobs SET state = 'queued', error = '', finished_ms = NULL, heartbeat_ms = ? "
                                     "WHERE id = ? AND (state NOT IN ('queued', 'running') "
                                     "OR heartbeat_ms = -1 OR COALESCE(heartbeat_ms, started_ms, created_ms) < ?)"),
                      {sql::nowMs(), id, staleBeforeMs});
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1) {
        auto job = get(id);
        if (!job)
            return job.error();
        return Error::conflict(Tr::tr("Job %1 is running somewhere else (or was just resumed by someone else).").arg(id));
    }
    return {};
}

Status JobRepository::release(qint64 id)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("UPDATE jobs SET state = 'queued', finished_ms = NULL, heartbeat_ms = -1 WHERE id = ?"),
                     {id});
}

Status JobRepository::heartbeat(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return {};
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db,
                     QStringLiteral("UPDATE jobs SET heartbeat_ms = ? WHERE id IN (") + sql::placeholders(ids.size())
                         + u')',
                     [&] {
                         QVariantList values{sql::nowMs()};
                         for (qint64 id : ids)
                             values.append(id);
                         return values;
                     }());
}

} // namespace stills
