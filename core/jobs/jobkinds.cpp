#include "jobkinds.h"

#include "captioning/builtincaptiongenerator.h"
#include "captioning/captioner.h"
#include "captioning/openaicaptiongenerator.h"
#include "captioning/torchscriptcaptiongenerator.h"
#include "catalog/jobrepository.h"
#include "common/logging.h"
#include "common/paths.h"
#include "exporting/exporter.h"
#include "imaging/thumbnailbuilder.h"
#include "importing/folderimporter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

#include <mutex>

namespace stills {

namespace {

// This file's texts, under the context "Jobs" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Jobs)
};

int plural(qint64 n)
{
    return int(std::min<qint64>(n, INT_MAX));
}

// Passes a cancel to whatever the run is working with, also one that arrives before the worker
// object exists or while it resets itself at the start of its run.
template <typename T>
class CancelLink
{
public:
    void attach(T *target)
    {
        std::lock_guard lock(m_mutex);
        m_target = target;
        if (m_cancelled && m_target)
            m_target->cancel();
    }
    void detach()
    {
        std::lock_guard lock(m_mutex);
        m_target = nullptr;
    }
    void cancel()
    {
        std::lock_guard lock(m_mutex);
        m_cancelled = true;
        if (m_target)
            m_target->cancel();
    }
    // Called from the run's progress: a cancel that came while the worker reset itself counts.
    void repeat()
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled && m_target)
            m_target->cancel();
    }
    bool isCancelled() const
    {
        std::lock_guard lock(m_mutex);
        return m_cancelled;
    }

    // Runs `work` with `worker` reachable by cancel(), its progress passed to the reporter.
    template <typename Work>
    auto run(T &worker, const JobReporter &reporter, Work work)
    {
        worker.setProgressCallback([this, &reporter](qint64 done, qint64 total) {
            repeat();
            if (reporter.progress)
                reporter.progress(done, total);
        });
        attach(&worker);
        auto result = work();
        detach();
        return result;
    }

private:
    mutable std::mutex m_mutex;
    T *m_target = nullptr;
    bool m_cancelled = false;
};

QList<qint64> idList(const QJsonValue &value)
{
    QList<qint64> ids;
    const QJsonArray array = value.toArray();
    ids.reserve(array.size());
    for (const QJsonValue &v : array)
        ids.append(v.toInteger());
    return ids;
}

QJsonArray idArray(const QList<qint64> &ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return array;
}

// Records item failures as the job's errors; a failure to record is logged (the run goes on, the
// count still says how many failed).
void recordErrors(const Catalog &catalog, qint64 jobId, const QList<std::pair<QString, QString>> &failures)
{
    JobRepository jobs(catalog);
    for (const auto &[item, reason] : failures)
        if (auto added = jobs.addError(jobId, item, reason); !added)
            qCWarning(lcJobs) << "job" << jobId << "error not recorded:" << added.error().message;
}

class CaptionRunner : public JobRunner
{
public:
    explicit CaptionRunner(std::unique_ptr<CaptionGenerator> generator) : m_generator(std::move(generator)) {}

    JobOutcome run(const Catalog &catalog, const Job &job, const JobReporter &reporter) override
    {
        if (!job.parameters.contains(QStringLiteral("shots"))) {
            // Made from a query: the shots it matches now are the job's, for this run and its resumes.
            auto ids = Exporter::resolveQuery(catalog, job.parameters.value(QStringLiteral("query")).toString());
            QJsonObject parameters = job.parameters;
            parameters.insert(QStringLiteral("shots"), idArray(ids ? *ids : QList<qint64>{}));
            const Status fixed = ids ? JobRepository(catalog).setParameters(job.id, parameters) : Status(ids.error());
            if (!fixed) {
                JobOutcome outcome;
                outcome.state = Job::State::Failed;
                outcome.error = Tr::tr("Captioning failed: %1").arg(fixed.error().message);
                return outcome;
            }
        }
        Captioner captioner(catalog, *m_generator);
        captioner.setPartialCallback([&](qint64 shotId, const QString &text) {
            if (reporter.partial)
                reporter.partial(shotId, text);
        });
        captioner.setCaptionCallback([&](const Caption &caption) {
            if (reporter.itemDone)
                reporter.itemDone(caption.shotId);
        });
        const auto result = m_link.run(captioner, reporter, [&] { return captioner.resume(job.id); });

        JobOutcome outcome;
        if (!result) {
            outcome.state = Job::State::Failed;
            outcome.error = Tr::tr("Captioning failed: %1").arg(result.error().message);
            return outcome;
        }
        const CaptionRunSummary &s = *result;
        outcome.state = s.state;
        outcome.total = s.shots;
        outcome.done = s.captioned + s.skippedEdited + s.skippedDone + s.failed;
        outcome.failed = s.failed;
        QStringList parts;
        parts.append(s.cancelled ? Tr::tr("Captioning cancelled: %n caption(s) stored", nullptr, plural(s.captioned))
                                 : Tr::tr("Captioned %n shot(s)", nullptr, plural(s.captioned)));
        if (s.skippedEdited > 0)
            parts.append(Tr::tr("%n left alone (typed by hand)", nullptr, plural(s.skippedEdited)));
        if (s.skippedDone > 0)
            parts.append(Tr::tr("%n captioned before", nullptr, plural(s.skippedDone)));
        if (s.failed > 0)
            parts.append(Tr::tr("%n failed", nullptr, plural(s.failed)));
        outcome.summary = parts.join(QStringLiteral(", ")) + u'.';
        return outcome;
    }
    void cancel() override { m_link.cancel(); }

private:
    std::unique_ptr<CaptionGenerator> m_generator;
    CancelLink<Captioner> m_link;
};

class ImportRunner : public JobRunner
{
public:
    JobOutcome run(const Catalog &catalog, const Job &job, const JobReporter &reporter) override
    {
        FolderImporter importer(catalog);
        ImportOptions options;
        options.path = job.parameters.value(QStringLiteral("path")).toString();
        options.photosetName = job.parameters.value(QStringLiteral("photoset")).toString();
        options.jobId = job.id;
        const auto result = m_link.run(importer, reporter, [&] { return importer.run(options); });

        JobOutcome outcome;
        if (!result) {
            outcome.state = m_link.isCancelled() ? Job::State::Cancelled : Job::State::Failed;
            outcome.error = Tr::tr("Import failed: %1").arg(result.error().message);
            return outcome;
        }
        const ImportSummary &s = *result;
        outcome.state = s.cancelled ? Job::State::Cancelled : Job::State::Done;
        outcome.total = s.scanned;
        outcome.done = s.added + s.updated + s.moved + s.unchanged + s.failed + s.unsupported;
        outcome.failed = s.failed + s.unsupported;
        outcome.summary = Tr::tr("%1 “%2”: %3 added, %4 updated, %5 moved, %6 unchanged, %7 failed, %8 unsupported.")
                              .arg(s.cancelled ? Tr::tr("Import cancelled, kept what was done in") : Tr::tr("Imported into"),
                                   s.photosetName)
                              .arg(s.added)
                              .arg(s.updated)
                              .arg(s.moved)
                              .arg(s.unchanged)
                              .arg(s.failed)
                              .arg(s.unsupported);
        return outcome;
    }
    void cancel() override { m_link.cancel(); }

private:
    CancelLink<FolderImporter> m_link;
};

class ExportRunner : public JobRunner
{
public:
    JobOutcome run(const Catalog &catalog, const Job &job, const JobReporter &reporter) override
    {
        JobOutcome outcome;
        outcome.state = Job::State::Failed;
        const QJsonObject &p = job.parameters;
        auto recipe = ExportRecipe::fromJson(p.value(QStringLiteral("recipe")).toObject());
        if (!recipe) {
            outcome.error = recipe.error().message;
            return outcome;
        }
        ExportOptions options;
        options.target = p.value(QStringLiteral("target")).toString();
        options.recipe = *recipe;
        if (p.contains(QStringLiteral("query"))) {
            auto ids = Exporter::resolveQuery(catalog, p.value(QStringLiteral("query")).toString());
            if (!ids) {
                outcome.error = ids.error().message;
                return outcome;
            }
            options.shotIds = *ids;
        } else {
            options.shotIds = idList(p.value(QStringLiteral("shots")));
        }
        outcome.total = options.shotIds.size();
        if (auto cleared = JobRepository(catalog).clearErrors(job.id); !cleared) {
            outcome.error = cleared.error().message;
            return outcome;
        }
        Exporter exporter(catalog);
        const auto result = m_link.run(exporter, reporter, [&] { return exporter.run(options); });
        if (!result) {
            // Nothing was written under the target name.
            outcome.state = m_link.isCancelled() ? Job::State::Cancelled : Job::State::Failed;
            outcome.error = result.error().message;
            outcome.summary = m_link.isCancelled() ? Tr::tr("Export cancelled; nothing was written.") : result.error().message;
            return outcome;
        }
        const ExportSummary &s = *result;
        QList<std::pair<QString, QString>> failures;
        for (const ExportProblem &problem : s.problems)
            failures.append({problem.path, problem.reason});
        recordErrors(catalog, job.id, failures);
        outcome.state = Job::State::Done;
        outcome.done = s.shots;
        outcome.failed = s.skipped;
        outcome.summary = Tr::tr("Exported %1 images (%2 caption files) from %3 shots to %4; %5 skipped.")
                              .arg(s.images)
                              .arg(s.sidecars)
                              .arg(s.shots)
                              .arg(s.target)
                              .arg(s.skipped);
        return outcome;
    }
    void cancel() override { m_link.cancel(); }

private:
    CancelLink<Exporter> m_link;
};

class ArchivesRunner : public JobRunner
{
public:
    JobOutcome run(const Catalog &catalog, const Job &job, const JobReporter &reporter) override
    {
        JobOutcome outcome;
        if (auto cleared = JobRepository(catalog).clearErrors(job.id); !cleared) {
            outcome.state = Job::State::Failed;
            outcome.error = cleared.error().message;
            return outcome;
        }
        ArchiveImporter importer(catalog);
        qint64 line = 0;
        importer.setArchiveCallback([&](const ArchiveResult &result) {
            // The log, line by line, for a window following the job; what went wrong, as errors.
            for (const QString &text : jobkinds::describeArchive(result))
                if (reporter.partial)
                    reporter.partial(line++, text);
            QList<std::pair<QString, QString>> failures;
            if (result.state == ArchiveResult::State::Refused || result.state == ArchiveResult::State::Failed
                || result.state == ArchiveResult::State::Partial)
                failures.append({result.archive, result.message});
            for (const ArchiveEntryNote &note : result.extraction.refused)
                failures.append({result.archive + QStringLiteral(" ▸ ") + note.name, note.reason});
            if (result.import)
                for (const ImportItem &item : result.import->problems)
                    failures.append({item.path, item.detail});
            outcome.failed += failures.size();
            recordErrors(catalog, job.id, failures);
        });
        ArchiveImportOptions options;
        options.path = job.parameters.value(QStringLiteral("path")).toString();
        options.storageFolder = job.parameters.value(QStringLiteral("storage")).toString();
        options.parentJob = job.id;
        const auto result = m_link.run(importer, reporter, [&] { return importer.run(options); });
        if (!result) {
            outcome.state = m_link.isCancelled() ? Job::State::Cancelled : Job::State::Failed;
            outcome.error = result.error().message;
            return outcome;
        }
        const ArchiveImportSummary &s = *result;
        outcome.state = s.cancelled ? Job::State::Cancelled : Job::State::Done;
        outcome.total = s.archives.size();
        outcome.done = s.archives.size();
        outcome.summary = Tr::tr("Archives: %1 imported, %2 skipped, %3 partial, %4 refused, %5 failed%6.")
                              .arg(s.count(ArchiveResult::State::Imported))
                              .arg(s.count(ArchiveResult::State::Skipped))
                              .arg(s.count(ArchiveResult::State::Partial))
                              .arg(s.count(ArchiveResult::State::Refused))
                              .arg(s.count(ArchiveResult::State::Failed))
                              .arg(s.cancelled ? Tr::tr(" (cancelled; run it again to resume)") : QString());
        return outcome;
    }
    void cancel() override { m_link.cancel(); }

private:
    CancelLink<ArchiveImporter> m_link;
};

class ThumbnailRunner : public JobRunner
{
public:
    JobOutcome run(const Catalog &catalog, const Job &job, const JobReporter &reporter) override
    {
        JobOutcome outcome;
        const int size = job.parameters.value(QStringLiteral("size")).toInt(256);
        QString cache = job.parameters.value(QStringLiteral("cache")).toString();
        if (cache.isEmpty())
            cache = paths::cacheFolder();
        if (auto cleared = JobRepository(catalog).clearErrors(job.id); !cleared) {
            outcome.state = Job::State::Failed;
            outcome.error = cleared.error().message;
            return outcome;
        }
        ThumbnailBuilder builder(catalog);
        const auto result = m_link.run(builder, reporter, [&] {
            return builder.run(cache, size, false, job.parameters.value(QStringLiteral("workers")).toInt());
        });
        if (!result) {
            outcome.state = Job::State::Failed;
            outcome.error = result.error().message;
            return outcome;
        }
        const ThumbnailBuildSummary &s = *result;
        recordErrors(catalog, job.id, s.failures);
        outcome.state = s.cancelled ? Job::State::Cancelled : Job::State::Done;
        outcome.total = s.total;
        outcome.done = s.built + s.cached + s.failed;
        outcome.failed = s.failed;
        outcome.summary = (s.cancelled ? Tr::tr("Thumbnails cancelled: %1 made, %2 already there, %3 failed.")
                                       : Tr::tr("Thumbnails: %1 made, %2 already there, %3 failed."))
                              .arg(s.built)
                              .arg(s.cached)
                              .arg(s.failed);
        return outcome;
    }
    void cancel() override { m_link.cancel(); }

private:
    CancelLink<ThumbnailBuilder> m_link;
};

} // namespace

namespace jobkinds {

Result<std::unique_ptr<CaptionGenerator>> createCaptionGenerator(const CaptionSettings &settings)
{
    if (settings.generator == CaptionSettings::Generator::OpenAiServer) {
        OpenAiCaptionGenerator::Options options;
        options.url = settings.serverUrl;
        options.model = settings.model;
        options.promptTemplate = settings.promptTemplate;
        if (!OpenAiCaptionGenerator::endpoint(options.url).isValid())
            return Error::invalid(Tr::tr("The caption server \"%1\" in Preferences is not an http:// or https:// address.")
                                      .arg(options.url));
        auto key = Settings::captionApiKey();
        if (!key)
            return key.error();
        options.apiKey = *key;
        return std::unique_ptr<CaptionGenerator>(std::make_unique<OpenAiCaptionGenerator>(options));
    }
    if (settings.generator == CaptionSettings::Generator::TorchScript) {
        InferenceOptions options;
        options.modelPath = settings.torchModelPath;
        options.inputSize = settings.inputSize;
        options.mean = settings.mean;
        options.std = settings.std;
        if (options.modelPath.trimmed().isEmpty())
            return Error::invalid(Tr::tr("No TorchScript model is chosen. Choose one in Preferences, Captions."));
        if (!QFileInfo(options.modelPath).isFile())
            return Error::notFound(Tr::tr("The TorchScript model %1 does not exist.").arg(options.modelPath));
        // Run by the stills-infer worker process, never in this one.
        return std::unique_ptr<CaptionGenerator>(std::make_unique<TorchScriptCaptionGenerator>(options));
    }
    return std::unique_ptr<CaptionGenerator>(std::make_unique<BuiltinCaptionGenerator>());
}

QString describeGenerator(const CaptionSettings &settings)
{
    switch (settings.generator) {
    case CaptionSettings::Generator::OpenAiServer:
        //: %1 the model, %2 the server's address
        return settings.model.isEmpty() ? settings.serverUrl : Tr::tr("%1 at %2").arg(settings.model, settings.serverUrl);
    case CaptionSettings::Generator::TorchScript:
        return QFileInfo(settings.torchModelPath).fileName();
    case CaptionSettings::Generator::BuiltIn:
        break;
    }
    return Tr::tr("the built-in captioner");
}

Result<QJsonObject> captionParameters(const QList<qint64> &shotIds, bool onlyUnedited, const CaptionSettings &settings)
{
    auto generator = createCaptionGenerator(settings);
    if (!generator)
        return generator.error();
    QJsonObject parameters = Captioner::jobParameters(CaptionRunOptions{shotIds, onlyUnedited}, **generator);
    parameters.insert(QStringLiteral("with"), describeGenerator(settings));
    return parameters;
}

Result<QJsonObject> captionQueryParameters(const QString &query, bool onlyUnedited, const CaptionSettings &settings)
{
    auto parameters = captionParameters({}, onlyUnedited, settings);
    if (!parameters)
        return parameters;
    parameters->remove(QStringLiteral("shots"));
    parameters->insert(QStringLiteral("query"), query);
    return parameters;
}

QJsonObject importParameters(const QString &path, const QString &photosetName)
{
    QJsonObject p{{QStringLiteral("path"), path}};
    if (!photosetName.isEmpty())
        p.insert(QStringLiteral("photoset"), photosetName);
    return p;
}

QJsonObject exportParameters(const QString &target, const ExportRecipe &recipe, const QList<qint64> &shotIds,
                             const QString &query)
{
    QJsonObject p{{QStringLiteral("target"), target}, {QStringLiteral("recipe"), recipe.toJson()}};
    if (!query.isNull())
        p.insert(QStringLiteral("query"), query);
    else
        p.insert(QStringLiteral("shots"), idArray(shotIds));
    return p;
}

QJsonObject archiveParameters(const QString &path, const QString &storageFolder)
{
    QJsonObject p{{QStringLiteral("path"), path}};
    if (!storageFolder.isEmpty())
        p.insert(QStringLiteral("storage"), storageFolder);
    return p;
}

QStringList describeArchive(const ArchiveResult &r)
{
    QStringList lines;
    //: %1 the archive, %2 what happened to it (imported, skipped…), %3 the details
    lines.append(Tr::tr("%1 — %2: %3").arg(r.archive, ArchiveResult::stateLabel(r.state), r.message));
    for (const ArchiveEntryNote &n : r.extraction.refused)
        lines.append(Tr::tr("    refused %1: %2").arg(n.name, n.reason));
    if (r.import)
        for (const ImportItem &item : r.import->problems)
            lines.append(Tr::tr("    %1 %2: %3").arg(ImportItem::actionName(item.action), item.path, item.detail));
    return lines;
}

QJsonObject thumbnailParameters(int size, const QString &cacheFolder, int workers)
{
    QJsonObject p{{QStringLiteral("size"), size}};
    if (workers > 0)
        p.insert(QStringLiteral("workers"), workers);
    if (!cacheFolder.isEmpty())
        p.insert(QStringLiteral("cache"), cacheFolder);
    return p;
}

void registerAll(JobQueue &queue, std::function<CaptionSettings()> captionSettings)
{
    queue.registerKind(QString::fromLatin1(Captioner::kJobKind),
                       [captionSettings](const Job &) -> Result<std::unique_ptr<JobRunner>> {
                           auto generator = createCaptionGenerator(captionSettings());
                           if (!generator)
                               return generator.error();
                           return std::unique_ptr<JobRunner>(std::make_unique<CaptionRunner>(std::move(*generator)));
                       });
    queue.registerKind(QStringLiteral("import"), [](const Job &) -> Result<std::unique_ptr<JobRunner>> {
        return std::unique_ptr<JobRunner>(std::make_unique<ImportRunner>());
    });
    queue.registerKind(QStringLiteral("export"), [](const Job &) -> Result<std::unique_ptr<JobRunner>> {
        return std::unique_ptr<JobRunner>(std::make_unique<ExportRunner>());
    });
    queue.registerKind(QStringLiteral("archives"), [](const Job &) -> Result<std::unique_ptr<JobRunner>> {
        return std::unique_ptr<JobRunner>(std::make_unique<ArchivesRunner>());
    });
    queue.registerKind(QStringLiteral("thumbnails"), [](const Job &) -> Result<std::unique_ptr<JobRunner>> {
        return std::unique_ptr<JobRunner>(std::make_unique<ThumbnailRunner>());
    });
}

bool canRetry(const Job &job, bool interrupted)
{
    if (interrupted)
        return true;
    switch (job.state) {
    case Job::State::Queued:
    case Job::State::Running:
        return false;
    case Job::State::Failed:
    case Job::State::Cancelled:
        return true;
    case Job::State::Done:
        return job.failed > 0 && job.kind != u"export";
    }
    return false;
}

} // namespace jobkinds

} // namespace stills
