#pragma once

#include "captiongenerator.h"
#include "inferenceclient.h"

#include <QJsonObject>

#include <memory>

class QThread;

namespace stills {

// Captions with a TorchScript model run by the stills-infer worker process (InferenceClient): the
// caption is the text the model answers, or, for a tagger that answers labels with scores, its
// best labels joined ("harbour, boat, night"). The scores, the preprocessing (input size, mean,
// std) and the model file are stored in Caption::parameters.
//
// The worker is started by the first generate() (loading the model takes a while) and kept for
// the next shots; a worker that crashes, hangs past the timeout or is cancelled fails that one
// shot and a fresh one is started for the next.
//
// Thread contract as CaptionGenerator, with one addition: the worker belongs to the thread that
// started it (InferenceClient's contract). release() stops it and must be called on that thread
// before the generator is used from another thread or destroyed on another thread; Captioner calls
// it at the end of every run. generate() on another thread while a worker of a different thread is
// still running fails with InvalidInput instead of touching it.
class TorchScriptCaptionGenerator : public CaptionGenerator
{
public:
    explicit TorchScriptCaptionGenerator(InferenceOptions options);
    ~TorchScriptCaptionGenerator() override;

    QString name() const override { return QStringLiteral("torchscript"); }
    // The model's file name ("blip-base.pt").
    QString model() const override;
    Result<Caption> generate(const CaptionRequest &request, const PartialCallback &onPartial = {}) override;
    void release() override;

    const InferenceOptions &options() const { return m_options; }

    // The caption for a tagger's answer: the labels, best first, joined with ", "; labels that are
    // empty or said twice are left out.
    static QString captionFromTags(const QList<std::pair<QString, double>> &tags);

    // What is stored as Caption::parameters besides the tags: the preprocessing and the model file.
    QJsonObject parameters() const;

private:
    InferenceOptions m_options;
    std::unique_ptr<InferenceClient> m_client;
    QThread *m_clientThread = nullptr; // the thread that made m_client
};

} // namespace stills
