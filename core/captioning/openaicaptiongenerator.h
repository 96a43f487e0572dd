#pragma once

#include "captiongenerator.h"

#include <QJsonObject>
#include <QUrl>

namespace stills {

// Captions through an OpenAI-compatible chat server with a vision model: llama.cpp's
// llama-server, Ollama, vLLM, LM Studio, or OpenAI itself.
//
// Each shot is one POST to <url>/chat/completions with a user message of two content parts: the
// prompt (the template with its placeholders filled from the shot) and the image, downscaled and
// sent as a data:image/jpeg;base64 URL. The answer is asked for as a stream ("stream": true) and
// read as server-sent events as they arrive; every piece is passed on at once (PartialCallback).
// A server that ignores "stream" and answers with one JSON object is understood as well.
//
// Errors, per shot, each saying what happened: the server cannot be reached; it answered an
// HTTP error (with the message it gave); it sent nothing for `idleTimeoutSeconds`; it sent
// something that is not JSON or not a chat completion; it closed the stream before the end; the
// model refused or wrote nothing.
//
// Thread contract as CaptionGenerator: generate() runs its own event loop on the calling thread
// while it waits, with a network manager of that thread. Requests to a loopback address never go
// through a proxy.
class OpenAiCaptionGenerator : public CaptionGenerator
{
public:
    struct Options {
        // The server's base URL ("http://localhost:8080/v1") or its full chat completions URL.
        QString url;
        QString model;
        // The prompt, with placeholders replaced per shot (see fillPrompt()).
        QString promptTemplate;
        // Sent as "Authorization: Bearer <key>" when not empty. Read from the secrets file by the
        // caller; never stored with the caption.
        QString apiKey;
        // How long the server may stay silent (no byte at all) before the shot fails.
        int idleTimeoutSeconds = 120;
        int maxTokens = 300;
        double temperature = 0.2;
        // The long edge of the image sent; vision models scale down anyway, so sending more only
        // costs time.
        int imageEdge = 1024;
    };

    explicit OpenAiCaptionGenerator(Options options);

    QString name() const override { return QStringLiteral("openai"); }
    QString model() const override { return m_options.model; }
    Result<Caption> generate(const CaptionRequest &request, const PartialCallback &onPartial = {}) override;

    const Options &options() const { return m_options; }

    // The chat completions endpoint of `url`: "<url>/chat/completions" unless it ends so already.
    // An invalid URL (not http or https, no host) gives an invalid QUrl.
    static QUrl endpoint(const QString &url);

    // Replaces {tags}, {attributes}, {title} (the photoset's), {lens}, {camera} and {file} (the
    // image's file name) with what the request knows, "none" where it knows nothing. Other text,
    // including unknown {words}, is kept as it is.
    static QString fillPrompt(const QString &promptTemplate, const CaptionRequest &request);

    // What is stored as Caption::parameters: the endpoint (without user or password), token
    // limit, temperature, image size and the prompt template. Never the API key.
    QJsonObject parameters() const;

private:
    Options m_options;
};

} // namespace stills
