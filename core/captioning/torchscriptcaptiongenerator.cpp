#include "torchscriptcaptiongenerator.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QSet>
#include <QThread>

namespace stills {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("stills::TorchScriptCaptionGenerator", text);
}

QJsonArray numbers(const QList<double> &values)
{
    QJsonArray array;
    for (double value : values)
        array.append(value);
    return array;
}

} // namespace

TorchScriptCaptionGenerator::TorchScriptCaptionGenerator(InferenceOptions options) : m_options(std::move(options)) {}

TorchScriptCaptionGenerator::~TorchScriptCaptionGenerator() = default;

QString TorchScriptCaptionGenerator::model() const
{
    return QFileInfo(m_options.modelPath).fileName();
}

QJsonObject TorchScriptCaptionGenerator::parameters() const
{
    return QJsonObject{{QStringLiteral("modelPath"), m_options.modelPath},
                       {QStringLiteral("inputSize"), m_options.inputSize},
                       {QStringLiteral("mean"), numbers(m_options.mean)},
                       {QStringLiteral("std"), numbers(m_options.std)}};
}

QString TorchScriptCaptionGenerator::captionFromTags(const QList<std::pair<QString, double>> &tags)
{
    QStringList labels;
    QSet<QString> seen;
    for (const auto &[label, score] : tags) {
        const QString text = label.trimmed();
        if (text.isEmpty() || seen.contains(text.toCaseFolded()))
            continue;
        seen.insert(text.toCaseFolded());
        labels.append(text);
    }
    return labels.join(QStringLiteral(", "));
}

void TorchScriptCaptionGenerator::release()
{
    if (m_client && m_clientThread == QThread::currentThread())
        m_client.reset();
}

Result<Caption> TorchScriptCaptionGenerator::generate(const CaptionRequest &request, const PartialCallback &onPartial)
{
    if (isCancelled())
        return Error{Error::Code::Cancelled, tr("Captioning was cancelled.")};
    if (request.imagePath.isEmpty())
        return Error::invalid(tr("The shot has no image file to caption."));
    if (m_client && m_clientThread != QThread::currentThread()) {
        if (m_client->workerProcessId() != 0)
            return Error::invalid(tr("The model is still running for another captioning run; wait for it to finish."));
        m_client.reset(); // nothing runs: the client holds no process to hand over
    }
    if (!m_client) {
        m_client = std::make_unique<InferenceClient>(m_options);
        m_clientThread = QThread::currentThread();
    }

    auto answer = m_client->run(request.imagePath, [this] { return isCancelled(); });
    if (!answer)
        return answer.error();

    Caption caption;
    caption.shotId = request.shotId;
    caption.source = name();
    caption.model = model();
    caption.parameters = parameters();
    if (!answer->caption.trimmed().isEmpty()) {
        caption.text = answer->caption.trimmed();
    } else {
        caption.text = captionFromTags(answer->tags);
        QJsonArray tags;
        for (const auto &[label, score] : std::as_const(answer->tags))
            tags.append(QJsonObject{{QStringLiteral("label"), label}, {QStringLiteral("score"), score}});
        caption.parameters.insert(QStringLiteral("tags"), tags);
    }
    if (caption.text.isEmpty())
        return Error::invalid(tr("The model answered neither a caption nor any tag for this image."));
    if (onPartial)
        onPartial(caption.text);
    return caption;
}

} // namespace stills
