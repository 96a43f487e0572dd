#include "inferenceclient.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>

namespace stills {

namespace {

// A named context that lupdate and the program agree on.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(InferenceClient)
};

} // namespace

InferenceClient::InferenceClient(InferenceOptions options) : m_options(std::move(options))
{
    if (m_options.program.isEmpty())
        m_options.program = defaultProgram();
}

InferenceClient::~InferenceClient()
{
    stop();
}

QString InferenceClient::defaultProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("STILLS_INFER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("stills-infer"));
    if (QFileInfo(beside).isExecutable())
        return beside;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("stills-infer"));
    return onPath.isEmpty() ? QStringLiteral("stills-infer") : onPath;
}

qint64 InferenceClient::workerProcessId() const
{
    return m_process && m_process->state() != QProcess::NotRunning ? m_process->processId() : 0;
}

void InferenceClient::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->write("{\"op\":\"quit\"}\n");
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(2000)) {
            m_process->kill();
            m_process->waitForFinished(2000);
        }
    }
    m_process.reset();
    m_pending.clear();
}

QString InferenceClient::workerOutput()
{
    if (!m_process)
        return {};
    const QString text = QString::fromUtf8(m_process->readAllStandardError()).trimmed();
    // The last lines say the most (libtorch and Qt print their reasons last).
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    return lines.mid(std::max<qsizetype>(0, lines.size() - 3)).join(u' ');
}

Status InferenceClient::start(const CancelCheck &cancelled)
{
    if (m_process && m_process->state() == QProcess::Running)
        return {};
    m_process = std::make_unique<QProcess>();
    m_pending.clear();
    m_process->setProgram(m_options.program);
    m_process->start(QIODevice::ReadWrite);
    if (!m_process->waitForStarted(10'000)) {
        const QString reason = m_process->errorString();
        m_process.reset();
        return Error::io(Tr::tr("The model worker %1 could not be started: %2. Is the stills-infer package installed?")
                             .arg(m_options.program, reason));
    }
    QJsonArray mean;
    QJsonArray std;
    for (double v : std::as_const(m_options.mean))
        mean.append(v);
    for (double v : std::as_const(m_options.std))
        std.append(v);
    auto loaded = request(QJsonObject{{QStringLiteral("op"), QStringLiteral("load")},
                                      {QStringLiteral("model"), m_options.modelPath},
                                      {QStringLiteral("size"), m_options.inputSize},
                                      {QStringLiteral("mean"), mean},
                                      {QStringLiteral("std"), std}},
                          cancelled);
    if (!loaded) {
        stop();
        return loaded.error();
    }
    return {};
}

Result<QJsonObject> InferenceClient::request(const QJsonObject &message, const CancelCheck &cancelled)
{
    m_process->write(QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n');
    const QDeadlineTimer deadline(m_options.timeoutMs);
    while (true) {
        if (const qsizetype end = m_pending.indexOf('\n'); end >= 0) {
            const QByteArray line = m_pending.left(end);
            m_pending.remove(0, end + 1);
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(line, &error);
            if (!document.isObject()) {
                stop();
                return Error::corrupt(Tr::tr("The model worker answered something that is not JSON (%1); it was stopped.")
                                          .arg(error.errorString()));
            }
            const QJsonObject reply = document.object();
            if (!reply.value(QStringLiteral("ok")).toBool())
                return Error::invalid(reply.value(QStringLiteral("error")).toString());
            return reply;
        }
        if (cancelled && cancelled()) {
            m_process->kill();
            m_process->waitForFinished(2000);
            m_process.reset();
            m_pending.clear();
            return Error{Error::Code::Cancelled, Tr::tr("Cancelled.")};
        }
        if (m_process->state() == QProcess::NotRunning) {
            const QString output = workerOutput();
            const QString how = m_process->exitStatus() == QProcess::CrashExit
                ? Tr::tr("The model worker stopped unexpectedly (it crashed or was killed).")
                : Tr::tr("The model worker quit with exit code %1.").arg(m_process->exitCode());
            m_process.reset();
            m_pending.clear();
            QString message = how;
            if (!output.isEmpty())
                message += u' ' + Tr::tr("It said: %1").arg(output);
            message += u' ' + Tr::tr("It will be restarted for the next shot.");
            return Error::io(message);
        }
        if (deadline.hasExpired()) {
            m_process->kill();
            m_process->waitForFinished(2000);
            m_process.reset();
            m_pending.clear();
            return Error::io(Tr::tr("The model worker did not answer within %1 s; it was stopped and will be restarted "
                                "for the next shot.")
                                 .arg(m_options.timeoutMs / 1000.0, 0, 'g', 3));
        }
        // Short waits, so that a cancel or a dead worker is noticed at once.
        m_process->waitForReadyRead(int(std::min<qint64>(200, std::max<qint64>(1, deadline.remainingTime()))));
        m_pending += m_process->readAllStandardOutput();
    }
}

Result<InferenceResult> InferenceClient::run(const QString &imagePath, const CancelCheck &cancelled)
{
    if (m_options.modelPath.isEmpty())
        return Error::invalid(Tr::tr("No TorchScript model is chosen. Choose one in Preferences, Captions."));
    if (!QFileInfo(m_options.modelPath).isFile())
        return Error::notFound(Tr::tr("The TorchScript model %1 does not exist.").arg(m_options.modelPath));
    if (auto started = start(cancelled); !started)
        return started.error();
    auto reply = request(QJsonObject{{QStringLiteral("op"), QStringLiteral("run")},
                                     {QStringLiteral("image"), imagePath},
                                     {QStringLiteral("top"), m_options.topTags}},
                         cancelled);
    if (!reply)
        return reply.error();
    InferenceResult result;
    result.caption = reply->value(QStringLiteral("caption")).toString();
    const QJsonArray tags = reply->value(QStringLiteral("tags")).toArray();
    for (const QJsonValue &tag : tags) {
        const QJsonArray pair = tag.toArray();
        result.tags.append({pair.at(0).toString(), pair.at(1).toDouble()});
    }
    return result;
}

} // namespace stills
