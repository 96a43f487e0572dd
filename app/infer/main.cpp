// stills-infer: the TorchScript worker. Stills starts it on demand (core/captioning/inferenceclient)
// and talks to it over a pipe: one JSON request per line on stdin, one JSON answer per line on
// stdout, one request at a time. libtorch lives only in this process (DESIGN.md).
//
// Requests:  {"op": "load", "model": PATH, "size": 224, "mean": [r, g, b], "std": [r, g, b]}
//            {"op": "run", "image": PATH, "top": 10}
//            {"op": "ping"}
// Answers:   {"ok": true, ...} or {"ok": false, "error": "what went wrong, for the user"}
//            run answers {"ok": true, "caption": "..."} or {"ok": true, "tags": [["label", score], ...]}

#include "common/buildinfo.h"
#include "common/languages.h"
#include "imaging/imagedecoder.h"
#include "torchmodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

namespace {

using stills::inference::TorchModel;

// Messages go back to Stills, which shows them to the user: in the user's language (the worker
// inherits the app's environment). Text from libtorch itself stays as libtorch wrote it.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(InferenceWorker)
};

struct Preprocessing {
    int size = 224;
    double mean[3] = {0.485, 0.456, 0.406};
    double std[3] = {0.229, 0.224, 0.225};
};

void answer(const QJsonObject &reply)
{
    const QByteArray line = QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

QJsonObject failure(const QString &message)
{
    return QJsonObject{{QStringLiteral("ok"), false}, {QStringLiteral("error"), message}};
}

// Upright, shorter side scaled to `size`, centre square cut, RGB planes normalised.
std::vector<float> prepare(const QString &path, const Preprocessing &pre)
{
    auto decoded = stills::ImageDecoder::decodeScaled(path, pre.size * 3);
    if (!decoded)
        throw std::runtime_error(decoded.error().message.toStdString());
    QImage image = decoded->convertToFormat(QImage::Format_RGB888);
    image = image.scaled(pre.size, pre.size, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
    image = image.copy((image.width() - pre.size) / 2, (image.height() - pre.size) / 2, pre.size, pre.size);
    const size_t plane = size_t(pre.size) * size_t(pre.size);
    std::vector<float> pixels(plane * 3);
    for (int y = 0; y < pre.size; ++y) {
        const uchar *row = image.constScanLine(y);
        for (int x = 0; x < pre.size; ++x) {
            const size_t at = size_t(y) * size_t(pre.size) + size_t(x);
            for (int c = 0; c < 3; ++c)
                pixels[plane * size_t(c) + at] = float((row[x * 3 + c] / 255.0 - pre.mean[c]) / pre.std[c]);
        }
    }
    return pixels;
}

QString describe(const stills::inference::ModelError &e)
{
    using Kind = stills::inference::ModelError::Kind;
    const QString file = QString::fromStdString(e.file);
    const QString detail = QString::fromStdString(e.detail);
    switch (e.kind) {
    case Kind::NotTorchScript:
        return Tr::tr("\"%1\" could not be loaded as a TorchScript model: %2").arg(file, detail);
    case Kind::NoForward:
        return Tr::tr("\"%1\" has no forward() method to run.").arg(file);
    case Kind::BadLabels:
        return Tr::tr("The labels() method of \"%1\" does not return a list of strings: %2").arg(file, detail);
    case Kind::BadInput:
        return Tr::tr("The image was not prepared at the model's input size.");
    case Kind::RunFailed:
        return Tr::tr("The model failed on this image: %1").arg(detail);
    case Kind::BadOutput:
        return Tr::tr("The model answered a %1; Stills understands a string (a caption) or a tensor of scores (tags).")
            .arg(detail);
    case Kind::NoScores:
        return Tr::tr("The model answered no scores.");
    }
    return detail;
}

QJsonObject handle(const QJsonObject &request, std::unique_ptr<TorchModel> &model, Preprocessing &pre)
{
    const QString op = request.value(QStringLiteral("op")).toString();
    if (op == u"ping")
        return {{QStringLiteral("ok"), true}, {QStringLiteral("torch"), QString::fromStdString(TorchModel::torchVersion())}};
    if (op == u"load") {
        Preprocessing next;
        next.size = request.value(QStringLiteral("size")).toInt(224);
        if (next.size < 8 || next.size > 4096)
            return failure(Tr::tr("The model input size must be 8 to 4096 pixels, not %1.").arg(next.size));
        const QJsonArray mean = request.value(QStringLiteral("mean")).toArray();
        const QJsonArray std = request.value(QStringLiteral("std")).toArray();
        for (int c = 0; c < 3; ++c) {
            next.mean[c] = mean.size() == 3 ? mean.at(c).toDouble() : next.mean[c];
            next.std[c] = std.size() == 3 ? std.at(c).toDouble() : next.std[c];
            if (next.std[c] == 0)
                return failure(Tr::tr("The normalisation std must not be 0."));
        }
        const QString path = request.value(QStringLiteral("model")).toString();
        if (path.isEmpty())
            return failure(Tr::tr("No model file is set."));
        model = TorchModel::load(path.toStdString()); // throws with the reason
        pre = next;
        return {{QStringLiteral("ok"), true}};
    }
    if (op == u"run") {
        if (!model)
            return failure(Tr::tr("No model is loaded."));
        const QString image = request.value(QStringLiteral("image")).toString();
        const std::vector<float> pixels = prepare(image, pre);
        const auto prediction = model->run(pixels, pre.size, request.value(QStringLiteral("top")).toInt(10));
        QJsonObject reply{{QStringLiteral("ok"), true}};
        if (!prediction.tags.empty()) {
            QJsonArray tags;
            for (const auto &[label, score] : prediction.tags)
                tags.append(QJsonArray{QString::fromStdString(label), score});
            reply.insert(QStringLiteral("tags"), tags);
        } else {
            reply.insert(QStringLiteral("caption"), QString::fromStdString(prediction.caption));
        }
        return reply;
    }
    return failure(Tr::tr("Unknown request \"%1\".").arg(op));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("stills-infer"));
    QCoreApplication::setApplicationVersion(stills::buildinfo::version());
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The TorchScript worker of Stills. Stills starts it by itself; it reads one JSON request per line "
        "on standard input and answers one JSON line per request on standard output."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.process(app);
    stills::languages::install(QString()); // the environment's language, as the command line

    std::unique_ptr<TorchModel> model;
    Preprocessing pre;
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(line), &error);
        if (!document.isObject()) {
            answer(failure(Tr::tr("The request is not a JSON object: %1").arg(error.errorString())));
            continue;
        }
        const QJsonObject request = document.object();
        if (request.value(QStringLiteral("op")).toString() == u"quit")
            break;
        try {
            answer(handle(request, model, pre));
        } catch (const stills::inference::ModelError &e) {
            answer(failure(describe(e)));
        } catch (const std::exception &e) {
            // Every failure is answered with its reason; the worker stays up for the next request.
            answer(failure(QString::fromStdString(e.what())));
        }
    }
    return 0;
}
