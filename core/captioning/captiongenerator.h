#pragma once

#include "common/result.h"
#include "domain/caption.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace stills {

// Everything a generator may use to caption one shot: the image and what the catalog knows.
// A plain value, filled by Captioner::requestFor() (or by hand in tests); every field but
// imagePath may be empty.
struct CaptionRequest {
    // One attribute of the shot as the user reads it: labels, not stored keys.
    struct AttributeValue {
        QString key;          // "time_of_day"
        QString label;        // "Time of day"
        QStringList values;   // option labels: {"Night"}
    };

    qint64 shotId = 0;
    QString imagePath;
    QList<AttributeValue> attributes; // in the vocabulary's order
    QStringList tags;                 // full paths ("Lighting/Low key"), sorted
    QString lens;                     // EXIF lens model
    std::optional<double> focalLength; // EXIF focal length, mm
    QString camera;                   // EXIF make and model
    QString photosetTitle;            // the title (else name) of the shot's first photoset

    // "Time of day: Night; Lighting: Low key, Silhouette" (empty when there are none).
    QString attributesText() const;
    // "Lighting/Low key, Night" (empty when there are none).
    QString tagsText() const;
    // "EF 24-70mm f/2.8L at 35 mm", "35 mm", or empty.
    QString lensText() const;
};

// One way of captioning a shot: the built-in composer, an OpenAI-compatible server, a model.
//
// Thread contract: generate() blocks until the caption is ready, failed or was cancelled, so it is
// meant for a worker thread (it also works on a thread with no event loop running, and on the main
// thread of a command-line tool: a generator that needs an event loop runs its own while it waits).
// One generate() at a time per object; the object may be used from different threads one after
// the other. cancel() may be called from any thread, and from a signal handler (it only stores an
// atomic flag).
//
// Errors are per shot and meant to be shown next to it: a message a user can read that says what
// went wrong (the file, the server, the answer). Error::Code::Cancelled after cancel().
class CaptionGenerator
{
public:
    // Told, on the thread that called generate(), the caption as far as it has arrived (the whole
    // text so far, not the last piece), each time a piece arrives. Generators that do not stream
    // call it once with the whole caption.
    using PartialCallback = std::function<void(const QString &textSoFar)>;

    virtual ~CaptionGenerator() = default;

    // Stored as Caption::source: "builtin", "openai", "torchscript".
    virtual QString name() const = 0;
    // Stored as Caption::model; empty when there is none.
    virtual QString model() const = 0;

    // A caption for the shot (text, source, model, prompt and parameters filled; shotId from the
    // request; not stored anywhere: that is the caller's business).
    virtual Result<Caption> generate(const CaptionRequest &request, const PartialCallback &onPartial = {}) = 0;

    // Frees what the generator keeps between shots (a model worker process), on the thread that
    // called generate(); the next generate() starts afresh. Captioner calls it after every run.
    virtual void release() {}

    // Stops the running generate() (it returns Error::Code::Cancelled soon) and every later one
    // until resetCancel().
    void cancel() { m_cancelled.store(true); }
    void resetCancel() { m_cancelled.store(false); }
    bool isCancelled() const { return m_cancelled.load(); }

protected:
    CaptionGenerator() = default;

private:
    std::atomic_bool m_cancelled{false};
};

} // namespace stills
