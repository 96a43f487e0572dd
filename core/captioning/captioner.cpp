#include "captioner.h"

#include "catalog/attributerepository.h"
#include "catalog/captionrepository.h"
#include "catalog/jobrepository.h"
#include "catalog/shotrepository.h"
#include "catalog/sqlhelpers.h"
#include "catalog/tagrepository.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSet>

#include <climits>

namespace stills {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("stills::Captioner", text, disambiguation, n);
}

const QString kKind = QStringLiteral("caption");
const QString kJobKey = QStringLiteral("job");

Result<CaptionRequest> buildRequest(const Catalog &catalog, const Shot &shot, const QList<Attribute> &vocabulary)
{
    CaptionRequest request;
    request.shotId = shot.id;
    request.imagePath = shot.path;
    request.lens = shot.exif.lens;
    request.focalLength = shot.exif.focalLength;
    // "Canon" + "Canon EOS 20D" reads "Canon EOS 20D", not "Canon Canon EOS 20D".
    const QString make = shot.exif.cameraMake.trimmed();
    const QString model = shot.exif.cameraModel.trimmed();
    request.camera = (make.isEmpty() || model.startsWith(make, Qt::CaseInsensitive)) ? model
                     : model.isEmpty()                                                ? make
                                                                                      : make + u' ' + model;

    auto values = AttributeRepository(catalog).valuesOfShot(shot.id);
    if (!values)
        return values.error();
    for (const Attribute &attribute : vocabulary) {
        const QStringList keys = values->value(attribute.key);
        if (keys.isEmpty())
            continue;
        CaptionRequest::AttributeValue value{attribute.key, attribute.label, {}};
        for (const AttributeOption &option : attribute.options)
            if (keys.contains(option.value))
                value.values.append(option.label);
        if (!value.values.isEmpty())
            request.attributes.append(value);
    }

    auto tags = TagRepository(catalog).tagsOfShot(shot.id);
    if (!tags)
        return tags.error();
    request.tags = *tags;

    auto db = catalog.database();
    if (!db)
        return db.error();
    auto photoset = sql::run(*db,
                             QStringLiteral("SELECT p.title, p.name FROM photoset_shots ps JOIN photosets p "
                                            "ON p.id = ps.photoset_id WHERE ps.shot_id = ? ORDER BY p.id LIMIT 1"),
                             {shot.id});
    if (!photoset)
        return photoset.error();
    if (photoset->next()) {
        const QString title = photoset->value(0).toString().trimmed();
        request.photosetTitle = title.isEmpty() ? photoset->value(1).toString().trimmed() : title;
    }
    photoset->finish();
    return request;
}

// The shots job `jobId` has captioned already: their captions carry the job's id.
Result<QSet<qint64>> captionedBy(const Catalog &catalog, const Job &job, const QString &source)
{
    auto db = catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT shot_id, parameters FROM captions WHERE source = ? AND created_ms >= ?"),
                      {source, job.createdMs});
    if (!q)
        return q.error();
    QSet<qint64> shots;
    while (q->next()) {
        const QJsonObject parameters = QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object();
        if (parameters.value(kJobKey).toInteger() == job.id)
            shots.insert(q->value(0).toLongLong());
    }
    return shots;
}

} // namespace

Result<CaptionRequest> Captioner::requestFor(const Catalog &catalog, qint64 shotId)
{
    auto shot = ShotRepository(catalog).get(shotId);
    if (!shot)
        return shot.error();
    auto vocabulary = AttributeRepository(catalog).all();
    if (!vocabulary)
        return vocabulary.error();
    return buildRequest(catalog, *shot, *vocabulary);
}

QJsonObject Captioner::jobParameters(const CaptionRunOptions &options, const CaptionGenerator &generator)
{
    QJsonArray shots;
    for (qint64 id : options.shotIds)
        shots.append(id);
    return QJsonObject{{QStringLiteral("generator"), generator.name()},
                       {QStringLiteral("model"), generator.model()},
                       {QStringLiteral("onlyUnedited"), options.onlyUnedited},
                       {QStringLiteral("shots"), shots}};
}

Result<CaptionRunSummary> Captioner::run(const CaptionRunOptions &options)
{
    Job job;
    job.kind = kKind;
    job.total = options.shotIds.size();
    job.parameters = jobParameters(options, m_generator);
    JobRepository jobs(m_catalog);
    auto id = jobs.create(job);
    if (!id)
        return id.error();
    auto created = jobs.get(*id);
    if (!created)
        return created.error();
    return execute(*created);
}

Result<CaptionRunSummary> Captioner::resume(qint64 jobId)
{
    auto job = JobRepository(m_catalog).get(jobId);
    if (!job)
        return job.error();
    if (job->kind != kKind)
        return Error::invalid(tr("Job %1 is not a captioning job.").arg(jobId));
    const QString generator = job->parameters.value(QStringLiteral("generator")).toString();
    if (generator != m_generator.name())
        return Error::invalid(tr("Job %1 was started with the %2 generator, not %3; resume it with the same one.")
                                  .arg(jobId)
                                  .arg(generator, m_generator.name()));
    return execute(*job);
}

Result<CaptionRunSummary> Captioner::execute(const Job &job)
{
    // A model worker kept between shots is not kept between runs (the next may be on another thread).
    const auto releaseGenerator = qScopeGuard([this] { m_generator.release(); });
    JobRepository jobs(m_catalog);
    ShotRepository shotRepository(m_catalog);
    CaptionRepository captions(m_catalog);
    if (!m_cancelled.load())
        m_generator.resetCancel();

    QList<qint64> ids;
    const QJsonArray shots = job.parameters.value(QStringLiteral("shots")).toArray();
    for (const QJsonValue &value : shots)
        ids.append(value.toInteger());
    const bool onlyUnedited = job.parameters.value(QStringLiteral("onlyUnedited")).toBool();

    CaptionRunSummary summary;
    summary.jobId = job.id;
    summary.shots = ids.size();
    // A fatal error ends the job as failed, with the reason, before it is returned.
    const auto fail = [&](const Error &error) -> Result<CaptionRunSummary> {
        (void)jobs.finish(job.id, Job::State::Failed, error.message);
        return error;
    };

    auto vocabulary = AttributeRepository(m_catalog).all();
    if (!vocabulary)
        return fail(vocabulary.error());
    auto already = captionedBy(m_catalog, job, m_generator.name());
    if (!already)
        return fail(already.error());
    // A run lists the failures of its own attempt: those of an earlier run are retried now.
    if (auto cleared = jobs.clearErrors(job.id); !cleared)
        return fail(cleared.error());
    if (auto started = jobs.start(job.id, ids.size()); !started)
        return fail(started.error());

    qint64 done = 0;
    QElapsedTimer sinceSaved;
    sinceSaved.start();
    const auto advance = [&] {
        ++done;
        if (m_onProgress)
            m_onProgress(done, ids.size());
        // The job row shows progress to other windows; a write per shot would be too many for the
        // built-in generator, which takes milliseconds.
        if (sinceSaved.elapsed() >= 500 || done == ids.size()) {
            (void)jobs.progress(job.id, done, summary.failed);
            sinceSaved.restart();
        }
    };
    // Is the shot's current caption one typed by hand (only-unedited leaves those alone)?
    const auto typedByHand = [&](qint64 shotId) -> Result<bool> {
        auto current = captions.current(shotId);
        if (!current)
            return current.error();
        return current->has_value() && (*current)->editedByHand;
    };
    // Only-unedited: true (counted and passed) when the shot's caption is one typed by hand.
    const auto skipIfTyped = [&](qint64 shotId) -> Result<bool> {
        auto byHand = typedByHand(shotId);
        if (!byHand)
            return byHand.error();
        if (*byHand) {
            ++summary.skippedEdited;
            advance();
        }
        return *byHand;
    };

    for (qint64 shotId : std::as_const(ids)) {
        if (m_cancelled.load()) {
            summary.cancelled = true;
            break;
        }
        if (already->contains(shotId)) {
            ++summary.skippedDone;
            advance();
            continue;
        }
        auto shot = shotRepository.get(shotId);
        if (!shot && shot.error().code != Error::Code::NotFound)
            return fail(shot.error());
        const QString item = shot ? shot->path : tr("shot %1").arg(shotId);
        const auto recordFailure = [&](const QString &reason) -> Status {
            summary.failures.append({shotId, item, reason});
            ++summary.failed;
            return jobs.addError(job.id, item, reason);
        };
        if (!shot) {
            if (auto recorded = recordFailure(tr("The shot is no longer in the catalog.")); !recorded)
                return fail(recorded.error());
            advance();
            continue;
        }
        if (onlyUnedited) {
            auto skip = skipIfTyped(shotId);
            if (!skip)
                return fail(skip.error());
            if (*skip)
                continue;
        }
        auto request = buildRequest(m_catalog, *shot, *vocabulary);
        if (!request)
            return fail(request.error());
        auto generated = m_generator.generate(*request, [&](const QString &textSoFar) {
            if (m_onPartial)
                m_onPartial(shotId, textSoFar);
        });
        if (!generated) {
            if (generated.error().code == Error::Code::Cancelled) {
                summary.cancelled = true;
                break;
            }
            if (auto recorded = recordFailure(generated.error().message); !recorded)
                return fail(recorded.error());
            advance();
            continue;
        }
        Caption caption = *generated;
        caption.shotId = shotId;
        caption.source = m_generator.name();
        caption.editedByHand = false;
        caption.parameters.insert(kJobKey, job.id);
        if (onlyUnedited) {
            // A server can take a while: someone may have typed a caption in the meantime.
            auto skip = skipIfTyped(shotId);
            if (!skip)
                return fail(skip.error());
            if (*skip)
                continue;
        }
        auto stored = captions.add(caption);
        if (!stored)
            return fail(stored.error());
        caption.id = *stored;
        caption.current = true;
        ++summary.captioned;
        if (m_onCaption)
            m_onCaption(caption);
        advance();
    }

    if (summary.cancelled)
        summary.state = Job::State::Cancelled;
    else if (summary.failed > 0 && summary.captioned == 0 && summary.skippedDone == 0)
        summary.state = Job::State::Failed;
    else
        summary.state = Job::State::Done;
    const int failedCount = int(std::min<qint64>(summary.failed, INT_MAX));
    const QString error = failedCount > 0 ? tr("%n shot(s) could not be captioned.", nullptr, failedCount) : QString();
    if (auto saved = jobs.progress(job.id, done, summary.failed); !saved)
        return saved.error();
    if (auto finished = jobs.finish(job.id, summary.state, error); !finished)
        return finished.error();
    return summary;
}

} // namespace stills
