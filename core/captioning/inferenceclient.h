#pragma once

#include "common/result.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <utility>

class QProcess;
class QJsonObject;

namespace stills {

// What the TorchScript model said about one image.
struct InferenceResult {
    QString caption;                       // the model answered text
    QList<std::pair<QString, double>> tags; // or scores, best first
};

struct InferenceOptions {
    QString program;   // the worker; empty: InferenceClient::defaultProgram()
    QString modelPath; // the TorchScript file
    int inputSize = 224;
    QList<double> mean{0.485, 0.456, 0.406};
    QList<double> std{0.229, 0.224, 0.225};
    int timeoutMs = 120'000; // per image (and for loading the model)
    int topTags = 10;
};

// Runs a TorchScript model in the stills-infer worker process: started on the first request,
// given the model once, then one image per request. The app process never loads libtorch or a
// model file (TorchScript files are code).
//
// A worker that crashes, is killed, or does not answer within the timeout (it is then killed)
// fails that one request with a message saying so; the next request starts a fresh worker.
//
// Thread contract: use from one thread only (the one that made it; typically a pool thread). All
// calls block that thread; none needs an event loop.
class InferenceClient
{
public:
    explicit InferenceClient(InferenceOptions options);
    ~InferenceClient();
    InferenceClient(const InferenceClient &) = delete;
    InferenceClient &operator=(const InferenceClient &) = delete;

    // Asked while waiting (every 200 ms at most): true stops the worker and returns
    // Error::Code::Cancelled. Called on the calling thread.
    using CancelCheck = std::function<bool()>;

    Result<InferenceResult> run(const QString &imagePath, const CancelCheck &cancelled = {});

    // The worker's process id while one runs, else 0 (tests kill it to prove the recovery).
    qint64 workerProcessId() const;
    void stop();

    // $STILLS_INFER, else stills-infer next to the running executable, else stills-infer on PATH.
    static QString defaultProgram();

private:
    Status start(const CancelCheck &cancelled);
    Result<QJsonObject> request(const QJsonObject &message, const CancelCheck &cancelled);
    QString workerOutput();

    InferenceOptions m_options;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_pending; // stdout received beyond the last full line
};

} // namespace stills
