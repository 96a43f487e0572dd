#pragma once

#include "captiongenerator.h"
#include "catalog/catalog.h"
#include "domain/attribute.h"
#include "domain/job.h"

#include <QJsonObject>
#include <QList>

#include <atomic>
#include <functional>

namespace stills {

struct CaptionRunOptions {
    QList<qint64> shotIds; // in the order they are captioned
    // Leave alone the shots whose current caption was typed (or edited) by hand.
    bool onlyUnedited = false;
};

struct CaptionFailure {
    qint64 shotId = 0;
    QString path;
    QString reason;
};

struct CaptionRunSummary {
    qint64 jobId = 0;
    qint64 shots = 0;         // in the job
    qint64 captioned = 0;     // new caption versions stored by this run
    qint64 skippedEdited = 0; // only-unedited: their caption was typed by hand
    qint64 skippedDone = 0;   // captioned by this job in an earlier run (resume)
    qint64 failed = 0;        // each in failures
    bool cancelled = false;
    Job::State state = Job::State::Done;
    QList<CaptionFailure> failures;
};

// Captions a list of shots with one generator, as a persisted, resumable "caption" job.
//
// Each caption is stored as a new version (CaptionRepository::add: the history is kept, the new
// one becomes current) with its source: the generator's name, model, prompt and parameters, and
// the job's id in the parameters. A shot that fails is recorded with its reason as an error of the
// job and the run goes on; the job ends done (failures listed), failed (nothing could be
// captioned, or the catalog stopped answering) or cancelled.
//
// Resumable: resume(jobId) runs a job again, skipping the shots it captioned already, so an
// interrupted or cancelled run goes on where it stopped and a finished one retries its failures.
//
// Thread contract: run() and resume() block (call them from a worker thread, or from a command-line
// tool's main thread) and use the calling thread's catalog connection; the callbacks are called on
// that thread; the generator's release() is called on it at the end of every run. cancel() may be
// called from any thread and from a signal handler.
class Captioner
{
public:
    using ProgressCallback = std::function<void(qint64 done, qint64 total)>;
    using PartialCallback = std::function<void(qint64 shotId, const QString &textSoFar)>;
    using CaptionCallback = std::function<void(const Caption &stored)>;

    Captioner(const Catalog &catalog, CaptionGenerator &generator) : m_catalog(catalog), m_generator(generator) {}

    void setProgressCallback(ProgressCallback callback) { m_onProgress = std::move(callback); }
    // The caption of the shot being captioned, as far as the generator has written it.
    void setPartialCallback(PartialCallback callback) { m_onPartial = std::move(callback); }
    // Each caption once it is stored (its id set).
    void setCaptionCallback(CaptionCallback callback) { m_onCaption = std::move(callback); }

    // Stops the running (or the next) run after the shot in progress; the generator is cancelled
    // too, so a slow server is not waited for.
    void cancel()
    {
        m_cancelled.store(true);
        m_generator.cancel();
    }

    // Creates the job and runs it. An error only when the job could not be created or the catalog
    // failed; per-shot problems are in the summary (and the job's errors).
    Result<CaptionRunSummary> run(const CaptionRunOptions &options);
    // Runs job `jobId` (kind "caption") again with the same shots and options. InvalidInput when
    // the job was made with another generator than this one.
    Result<CaptionRunSummary> resume(qint64 jobId);

    // The parameters of a caption job (kind "caption") over options' shots with `generator`: what
    // run() stores, for a job made by someone else (the job queue) and run with resume().
    static QJsonObject jobParameters(const CaptionRunOptions &options, const CaptionGenerator &generator);
    static constexpr const char *kJobKind = "caption";

    // What the catalog knows about a shot, as a generator's request: image path, attributes (as
    // labels, in the vocabulary's order), tags, EXIF lens, focal length and camera, the title of its
    // first photoset.
    static Result<CaptionRequest> requestFor(const Catalog &catalog, qint64 shotId);

private:
    Result<CaptionRunSummary> execute(const Job &job);

    const Catalog &m_catalog;
    CaptionGenerator &m_generator;
    ProgressCallback m_onProgress;
    PartialCallback m_onPartial;
    CaptionCallback m_onCaption;
    std::atomic_bool m_cancelled{false};
};

} // namespace stills
