#include "openaicaptiongenerator.h"

#include "imaging/imagedecoder.h"
#include "sseparser.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPainter>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace stills {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("stills::OpenAiCaptionGenerator", text, disambiguation, n);
}

// An answer that is not streamed is read whole; more than this is not a caption.
constexpr qsizetype MaxAnswerBytes = 8 * 1024 * 1024;

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// At most `limit` characters of `text` on one line, for quoting a server in a message.
QString excerpt(const QString &text, qsizetype limit = 300)
{
    const QString line = text.simplified();
    return line.size() > limit ? line.left(limit) + QStringLiteral("…") : line;
}

// What an error body says in the server's own words: OpenAI's {"error": {"message": …}}, llama.cpp's
// and Ollama's {"error": "…"}, FastAPI's (vLLM) {"detail": …}, {"message": …}; else the text itself.
QString serverMessage(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        const QJsonValue error = object.value(QStringLiteral("error"));
        if (error.isObject()) {
            const QString message = error.toObject().value(QStringLiteral("message")).toString();
            if (!message.isEmpty())
                return excerpt(message);
        }
        for (const QJsonValue &value : {error, object.value(QStringLiteral("message")), object.value(QStringLiteral("detail"))}) {
            if (value.isString() && !value.toString().isEmpty())
                return excerpt(value.toString());
            if (value.isArray() || value.isObject())
                return excerpt(QString::fromUtf8(value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
        }
    }
    return excerpt(QString::fromUtf8(body));
}

// The usual openings of a model declining a request. A caption never starts like this.
bool soundsLikeRefusal(QString text)
{
    text = text.trimmed().replace(QChar(0x2019), u'\'');
    static const QStringList openings = {QStringLiteral("I'm sorry"),   QStringLiteral("I am sorry"),
                                         QStringLiteral("Sorry, "),      QStringLiteral("I can't"),
                                         QStringLiteral("I cannot"),     QStringLiteral("I can not"),
                                         QStringLiteral("I'm unable"),   QStringLiteral("I am unable"),
                                         QStringLiteral("I'm not able"), QStringLiteral("I won't")};
    return std::any_of(openings.cbegin(), openings.cend(),
                       [&](const QString &opening) { return text.startsWith(opening, Qt::CaseInsensitive); });
}

// What has arrived of the answer so far.
struct Answer {
    QString text;
    QString refusal;
    QString finishReason;
    QString model;
    bool done = false; // "[DONE]" seen
    std::optional<Error> failure;
};

// Takes one chat completion object: a streamed chunk (choices[0].delta) or a whole answer
// (choices[0].message). Returns false when the object is not one.
bool takeCompletion(const QJsonObject &object, bool streamed, Answer &answer)
{
    if (object.contains(QStringLiteral("error"))) {
        answer.failure = Error::io(tr("The caption server reported an error: %1")
                                       .arg(serverMessage(QJsonDocument(object).toJson(QJsonDocument::Compact))));
        return true;
    }
    if (!object.value(QStringLiteral("choices")).isArray())
        return false;
    if (const QString model = object.value(QStringLiteral("model")).toString(); !model.isEmpty())
        answer.model = model;
    const QJsonArray choices = object.value(QStringLiteral("choices")).toArray();
    if (choices.isEmpty())
        return true; // a chunk with usage figures only
    const QJsonObject choice = choices.first().toObject();
    const QJsonObject part = choice.value(streamed ? QStringLiteral("delta") : QStringLiteral("message")).toObject();
    const QJsonValue content = part.value(QStringLiteral("content"));
    if (content.isString()) {
        answer.text += content.toString();
    } else if (content.isArray()) { // content parts, as some servers answer
        const QJsonArray parts = content.toArray();
        for (const QJsonValue &piece : parts)
            if (piece.toObject().value(QStringLiteral("type")).toString() == u"text")
                answer.text += piece.toObject().value(QStringLiteral("text")).toString();
    }
    if (const QJsonValue refusal = part.value(QStringLiteral("refusal")); refusal.isString())
        answer.refusal += refusal.toString();
    if (const QJsonValue reason = choice.value(QStringLiteral("finish_reason")); reason.isString())
        answer.finishReason = reason.toString();
    return true;
}

Result<QByteArray> jpegOf(const QString &path, int longEdge)
{
    auto decoded = ImageDecoder::decodeScaled(path, longEdge);
    if (!decoded)
        return Error{decoded.error().code, tr("The image could not be read: %1").arg(decoded.error().message)};
    QImage image = *decoded;
    if (image.hasAlphaChannel()) { // JPEG has no transparency: flatten onto white, as viewers show it
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter(&flat).drawImage(0, 0, image);
        image = flat;
    }
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    if (!buffer.open(QIODevice::WriteOnly) || !image.save(&buffer, "JPEG", 90))
        return Error::unsupported(tr("The image could not be converted to JPEG for the caption server."));
    return jpeg;
}

} // namespace

OpenAiCaptionGenerator::OpenAiCaptionGenerator(Options options) : m_options(std::move(options))
{
}

QUrl OpenAiCaptionGenerator::endpoint(const QString &url)
{
    QUrl parsed = QUrl::fromUserInput(url.trimmed());
    if (!parsed.isValid() || parsed.host().isEmpty()
        || (parsed.scheme() != u"http" && parsed.scheme() != u"https"))
        return {};
    QString path = parsed.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (!path.endsWith(QStringLiteral("/chat/completions")))
        path += QStringLiteral("/chat/completions");
    parsed.setPath(path);
    return parsed;
}

QString OpenAiCaptionGenerator::fillPrompt(const QString &promptTemplate, const CaptionRequest &request)
{
    const auto orNone = [](const QString &text) { return text.trimmed().isEmpty() ? QStringLiteral("none") : text.trimmed(); };
    const QList<std::pair<QString, QString>> values = {
        {QStringLiteral("{tags}"), orNone(request.tagsText())},
        {QStringLiteral("{attributes}"), orNone(request.attributesText())},
        {QStringLiteral("{title}"), orNone(request.photosetTitle)},
        {QStringLiteral("{lens}"), orNone(request.lensText())},
        {QStringLiteral("{camera}"), orNone(request.camera)},
        {QStringLiteral("{file}"), orNone(QFileInfo(request.imagePath).fileName())},
    };
    // One pass from left to right, so that a value containing "{tags}" is not replaced again.
    QString prompt;
    qsizetype i = 0;
    while (i < promptTemplate.size()) {
        bool replaced = false;
        if (promptTemplate.at(i) == u'{') {
            for (const auto &[placeholder, value] : values) {
                if (QStringView(promptTemplate).mid(i).startsWith(placeholder)) {
                    prompt += value;
                    i += placeholder.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced)
            prompt += promptTemplate.at(i++);
    }
    return prompt;
}

QJsonObject OpenAiCaptionGenerator::parameters() const
{
    return QJsonObject{{QStringLiteral("endpoint"), endpoint(m_options.url).toString(QUrl::RemoveUserInfo)},
                       {QStringLiteral("promptTemplate"), m_options.promptTemplate},
                       {QStringLiteral("max_tokens"), m_options.maxTokens},
                       {QStringLiteral("temperature"), m_options.temperature},
                       {QStringLiteral("imageEdge"), m_options.imageEdge}};
}

Result<Caption> OpenAiCaptionGenerator::generate(const CaptionRequest &request, const PartialCallback &onPartial)
{
    const Error cancelled{Error::Code::Cancelled, tr("Captioning was cancelled.")};
    if (isCancelled())
        return cancelled;
    const QUrl url = endpoint(m_options.url);
    if (!url.isValid())
        return Error::invalid(tr("The caption server address \"%1\" is not an http:// or https:// URL.").arg(m_options.url));
    const QString server = url.toString(QUrl::RemoveUserInfo);
    if (request.imagePath.isEmpty())
        return Error::invalid(tr("The shot has no image file to caption."));
    auto jpeg = jpegOf(request.imagePath, m_options.imageEdge);
    if (!jpeg)
        return jpeg.error();

    const QString prompt = fillPrompt(m_options.promptTemplate, request);
    const QJsonObject imagePart{
        {QStringLiteral("type"), QStringLiteral("image_url")},
        {QStringLiteral("image_url"),
         QJsonObject{{QStringLiteral("url"), QString(QStringLiteral("data:image/jpeg;base64,") + QString::fromLatin1(jpeg->toBase64()))}}}};
    const QJsonObject body{
        {QStringLiteral("model"), m_options.model},
        {QStringLiteral("stream"), true},
        {QStringLiteral("max_tokens"), m_options.maxTokens},
        {QStringLiteral("temperature"), m_options.temperature},
        {QStringLiteral("messages"),
         QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                {QStringLiteral("content"),
                                 QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                        {QStringLiteral("text"), prompt}},
                                            imagePart}}}}}};

    QNetworkAccessManager network;
    if (isLoopback(url))
        network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest httpRequest(url);
    httpRequest.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    httpRequest.setRawHeader("Accept", "text/event-stream, application/json");
    if (!m_options.apiKey.isEmpty())
        httpRequest.setRawHeader("Authorization", "Bearer " + m_options.apiKey.toUtf8());

    // Our own loop, timers and flags: this runs on whatever thread called generate().
    enum class Stop { No, TimedOut, Cancelled, Failed, Done };
    Stop stop = Stop::No;
    Answer answer;
    SseParser parser;
    QByteArray whole; // the body when it is not an event stream (an HTTP error, a plain JSON answer)
    bool headersSeen = false;
    bool streamed = false;
    QEventLoop loop;
    QTimer idle;
    idle.setSingleShot(true);
    idle.setInterval(std::max(1, m_options.idleTimeoutSeconds) * 1000);
    QTimer cancelPoll;
    cancelPoll.setInterval(50);
    QNetworkReply *reply = network.post(httpRequest, QJsonDocument(body).toJson(QJsonDocument::Compact));

    const auto stopWith = [&](Stop why) {
        if (stop == Stop::No)
            stop = why;
        loop.quit();
    };
    const auto takeEvents = [&](const QList<SseParser::Event> &events) {
        for (const SseParser::Event &event : events) {
            if (stop != Stop::No)
                return;
            const QByteArray data = event.data.trimmed();
            if (data == "[DONE]") {
                answer.done = true;
                stopWith(Stop::Done);
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
            if (event.name == "error") {
                answer.failure = Error::io(tr("The caption server reported an error: %1").arg(serverMessage(data)));
            } else if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                answer.failure = Error::corrupt(tr("The caption server sent a part of its answer that is not valid JSON (%1): %2")
                                                    .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                                                      : tr("not an object"),
                                                         excerpt(QString::fromUtf8(data), 120)));
            } else {
                const qsizetype before = answer.text.size();
                if (!takeCompletion(document.object(), true, answer))
                    answer.failure = Error::corrupt(tr("The caption server sent something that is not a chat completion: %1")
                                                        .arg(excerpt(QString::fromUtf8(data), 120)));
                else if (answer.text.size() != before && onPartial)
                    onPartial(answer.text);
            }
            if (answer.failure) {
                stopWith(Stop::Failed);
                return;
            }
        }
    };
    const auto readAvailable = [&] {
        const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!headersSeen && statusAttribute.isValid()) {
            headersSeen = true;
            const int status = statusAttribute.toInt();
            streamed = status < 400
                && reply->header(QNetworkRequest::ContentTypeHeader).toString().contains(QStringLiteral("text/event-stream"),
                                                                                         Qt::CaseInsensitive);
        }
        const QByteArray bytes = reply->readAll();
        if (!streamed) {
            whole += bytes;
            if (whole.size() > MaxAnswerBytes) {
                answer.failure = Error{Error::Code::TooLarge, tr("The caption server's answer is larger than 8 MB; that is not a caption.")};
                stopWith(Stop::Failed);
            }
            return;
        }
        takeEvents(parser.feed(bytes));
        if (parser.overflowed() && stop == Stop::No) {
            answer.failure = Error::corrupt(tr("The caption server sent a line of more than 16 MB; that is not an event stream."));
            stopWith(Stop::Failed);
        }
    };

    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        idle.start();
        readAvailable();
    });
    QObject::connect(reply, &QNetworkReply::uploadProgress, &loop, [&] { idle.start(); });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&idle, &QTimer::timeout, &loop, [&] { stopWith(Stop::TimedOut); });
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (isCancelled())
            stopWith(Stop::Cancelled);
    });
    idle.start();
    cancelPoll.start();
    if (!reply->isFinished())
        loop.exec();
    idle.stop();
    cancelPoll.stop();
    if (stop == Stop::No) {
        // Finished: what is left in the buffer, then the last event if the server closed without
        // its blank line.
        readAvailable();
        if (streamed && stop == Stop::No)
            takeEvents(parser.finish());
    }
    const bool finished = reply->isFinished();
    reply->disconnect();
    if (!finished)
        reply->abort();

    if (stop == Stop::Cancelled || isCancelled())
        return cancelled;
    if (stop == Stop::TimedOut) {
        const int seconds = std::max(1, m_options.idleTimeoutSeconds);
        return Error::io(tr("The caption server at %1 sent nothing for %n second(s); it may be stuck or overloaded.", nullptr, seconds)
                             .arg(server));
    }
    if (answer.failure)
        return *answer.failure;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400) {
        const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        const QString message = serverMessage(whole);
        const QString what = reason.isEmpty() ? QString::number(status) : QStringLiteral("%1 %2").arg(status).arg(reason);
        return Error::io(message.isEmpty() ? tr("The caption server answered HTTP %1.").arg(what)
                                           : tr("The caption server answered HTTP %1: %2").arg(what, message));
    }
    if (!answer.done && reply->error() != QNetworkReply::NoError) {
        if (headersSeen)
            return Error::io(tr("The connection to the caption server broke before the caption was complete: %1")
                                 .arg(reply->errorString()));
        return Error::io(tr("The caption server at %1 could not be reached: %2").arg(server, reply->errorString()));
    }
    if (!streamed) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(whole, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return Error::corrupt(tr("The caption server's answer is not valid JSON (%1): %2")
                                      .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString() : tr("not an object"),
                                           excerpt(QString::fromUtf8(whole), 120)));
        if (!takeCompletion(document.object(), false, answer))
            return Error::corrupt(tr("The caption server's answer is not a chat completion: %1")
                                      .arg(excerpt(QString::fromUtf8(whole), 120)));
        if (answer.failure)
            return *answer.failure;
        if (onPartial && !answer.text.trimmed().isEmpty())
            onPartial(answer.text.trimmed());
    } else if (!answer.done && answer.finishReason.isEmpty()) {
        return Error::io(tr("The caption server ended its answer before the caption was complete."));
    }

    const QString text = answer.text.trimmed();
    if (!answer.refusal.trimmed().isEmpty())
        return Error::invalid(tr("The model refused to caption this shot: %1").arg(excerpt(answer.refusal, 200)));
    if (answer.finishReason == u"content_filter")
        return Error::invalid(tr("The server's content filter stopped the caption."));
    if (text.isEmpty()) {
        if (answer.finishReason == u"length")
            return Error::invalid(tr("The model reached its limit of %n token(s) before writing a caption.", nullptr, m_options.maxTokens));
        return Error::invalid(tr("The model answered with an empty caption."));
    }
    if (soundsLikeRefusal(text))
        return Error::invalid(tr("The model refused to caption this shot: %1").arg(excerpt(text, 200)));

    Caption caption;
    caption.shotId = request.shotId;
    caption.text = text;
    caption.source = name();
    caption.model = m_options.model.isEmpty() ? answer.model : m_options.model;
    caption.prompt = prompt;
    caption.parameters = parameters();
    if (!answer.finishReason.isEmpty())
        caption.parameters.insert(QStringLiteral("finish_reason"), answer.finishReason);
    return caption;
}

} // namespace stills
