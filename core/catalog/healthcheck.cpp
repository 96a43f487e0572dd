#include "healthcheck.h"

#include "jobrepository.h"
#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QSqlQuery>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

Result<HealthReport> HealthCheck::run(const Catalog &catalog, bool checkFiles, const Progress &progress)
{
    auto dbResult = catalog.database();
    if (!dbResult)
        return dbResult.error();
    const QSqlDatabase db = *dbResult;
    HealthReport report;
    report.schemaVersion = catalog.schemaVersion();

    if (catalog.isSqlite()) {
        auto q = sql::run(db, QStringLiteral("PRAGMA integrity_check"));
        if (!q)
            return q.error();
        while (q->next()) {
            const QString line = q->value(0).toString();
            if (line != u"ok")
                report.integrityProblems.append(line);
        }
        auto fk = sql::run(db, QStringLiteral("PRAGMA foreign_key_check"));
        if (!fk)
            return fk.error();
        while (fk->next())
            report.integrityProblems.append(Tr::tr("a row of %1 points to a missing %2 row")
                                                .arg(fk->value(0).toString(), fk->value(2).toString()));
    }
    // Checks both dialects share: membership order and tag hierarchy.
    auto orphanTags = sql::scalar(db, QStringLiteral("SELECT COUNT(*) FROM tags t WHERE t.parent_id IS NOT NULL AND "
                                                     "NOT EXISTS (SELECT 1 FROM tags p WHERE p.id = t.parent_id)"));
    if (!orphanTags)
        return orphanTags.error();
    if (*orphanTags > 0)
        report.integrityProblems.append(Tr::tr("%1 tags have a missing parent").arg(*orphanTags));
    auto doubleCurrent = sql::scalar(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT shot_id FROM captions WHERE is_current = 1 "
                                                        "GROUP BY shot_id HAVING COUNT(*) > 1) x"));
    if (!doubleCurrent)
        return doubleCurrent.error();
    if (*doubleCurrent > 0)
        report.integrityProblems.append(Tr::tr("%1 shots have more than one current caption").arg(*doubleCurrent));

    struct Count {
        qint64 *target;
        QString statement;
    };
    const Count counts[] = {
        {&report.photosets, QStringLiteral("SELECT COUNT(*) FROM photosets")},
        {&report.shots, QStringLiteral("SELECT COUNT(*) FROM shots")},
        {&report.shotsOk, QStringLiteral("SELECT COUNT(*) FROM shots WHERE status = 'ok'")},
        {&report.shotsFailed, QStringLiteral("SELECT COUNT(*) FROM shots WHERE status = 'failed'")},
        {&report.shotsUnsupported, QStringLiteral("SELECT COUNT(*) FROM shots WHERE status = 'unsupported'")},
        {&report.tags, QStringLiteral("SELECT COUNT(*) FROM tags")},
        {&report.captions, QStringLiteral("SELECT COUNT(*) FROM captions")},
        {&report.crops, QStringLiteral("SELECT COUNT(*) FROM crops")},
    };
    for (const Count &c : counts) {
        auto value = sql::scalar(db, c.statement);
        if (!value)
            return value.error();
        *c.target = *value;
    }

    auto jobs = JobRepository(catalog).unfinished();
    if (!jobs)
        return jobs.error();
    for (const Job &job : std::as_const(*jobs)) {
        const QString what = job.parameters.value(u"path").toString();
        // The kind (import, migrate) and state (running, ...) are the catalog's own words.
        // One arg() pass each: a path with "%3" in it stays as it is.
        const QString subject = what.isEmpty()
            ? Tr::tr("%1 #%2").arg(job.kind, QString::number(job.id))
            : Tr::tr("%1 #%2 of %3").arg(job.kind, QString::number(job.id), what);
        report.interruptedJobs.append(
            Tr::tr("%1: %2, %3 of %4 done, started %5")
                .arg(subject, Job::stateName(job.state), QString::number(job.done), QString::number(job.total),
                     QDateTime::fromMSecsSinceEpoch(job.startedMs ? job.startedMs : job.createdMs).toString(Qt::ISODate)));
    }

    if (checkFiles) {
        // Keyset over ids so that a large catalog streams instead of loading every path at once.
        qint64 afterId = 0;
        qint64 done = 0;
        const qint64 total = report.shots;
        for (;;) {
            auto q = sql::run(db, QStringLiteral("SELECT id, path FROM shots WHERE id > ? ORDER BY id LIMIT 2000"), {afterId});
            if (!q)
                return q.error();
            int rows = 0;
            while (q->next()) {
                ++rows;
                afterId = q->value(0).toLongLong();
                const QString path = q->value(1).toString();
                if (!QFileInfo::exists(path))
                    report.missingFiles.append(path);
                ++done;
            }
            report.filesChecked = done;
            if (rows == 0)
                break;
            if (progress && !progress(done, total))
                break;
        }
    }
    return report;
}

} // namespace stills
