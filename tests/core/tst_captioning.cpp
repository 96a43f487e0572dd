// Caption generators: the request they get, the built-in composer, the OpenAI-compatible client.
#include "captioning/builtincaptiongenerator.h"
#include "captioning/captiongenerator.h"
#include "captioning/imagetraits.h"
#include "captioning/openaicaptiongenerator.h"
#include "captioning/sseparser.h"
#include "metadata/exifreader.h"
#include "chatserver.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QPainter>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace stills;
using namespace stills::test;

namespace {

const QString kCorpus = QStringLiteral(STILLS_CORPUS_DIR);

// The built-in caption of a file, with EXIF lens and focal length read as the importer reads them.
Result<Caption> builtinCaption(const QString &path, CaptionRequest request = {})
{
    request.imagePath = path;
    if (auto exif = ExifReader::read(path)) {
        request.lens = exif->lens;
        request.focalLength = exif->focalLength;
    }
    BuiltinCaptionGenerator generator;
    return generator.generate(request);
}

// "a|b c" -> {"a", "b c"}
QStringList splitWords(const char *list)
{
    return QString::fromUtf8(list).split(u'|', Qt::SkipEmptyParts);
}


// Runs generate() on a pool thread, collecting the partial texts it reports.
struct Generation {
    QMutex mutex;
    QStringList partials;
    QFuture<Result<Caption>> future;

    void start(OpenAiCaptionGenerator &generator, const CaptionRequest &request)
    {
        future = QtConcurrent::run([this, &generator, request] {
            return generator.generate(request, [this](const QString &text) {
                QMutexLocker lock(&mutex);
                partials.append(text);
            });
        });
    }
    qsizetype partialCount()
    {
        QMutexLocker lock(&mutex);
        return partials.size();
    }
};

OpenAiCaptionGenerator::Options serverOptions(const ChatServer &server)
{
    OpenAiCaptionGenerator::Options options;
    options.url = server.url();
    options.model = QStringLiteral("llava-test");
    options.promptTemplate = QStringLiteral("Caption this still. Tags: {tags}. Known: {attributes}. Set: {title}. {unknown}");
    options.apiKey = QStringLiteral("sk-test-123");
    options.idleTimeoutSeconds = 10;
    options.imageEdge = 256;
    return options;
}

CaptionRequest photoRequest()
{
    CaptionRequest request;
    request.shotId = 42;
    request.imagePath = QStringLiteral(STILLS_CORPUS_DIR) + QStringLiteral("/photos/exiv2/FurnaceCreekInn.jpg");
    request.tags = {QStringLiteral("Places/Death Valley"), QStringLiteral("Signs")};
    request.attributes = {{QStringLiteral("time_of_day"), QStringLiteral("Time of day"), {QStringLiteral("Day")}}};
    request.photosetTitle = QStringLiteral("Road trip");
    return request;
}

} // namespace

class TestCaptioning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestTexts()
    {
        CaptionRequest request;
        QCOMPARE(request.attributesText(), QString());
        QCOMPARE(request.tagsText(), QString());
        QCOMPARE(request.lensText(), QString());

        request.attributes = {{QStringLiteral("time_of_day"), QStringLiteral("Time of day"), {QStringLiteral("Night")}},
                              {QStringLiteral("genre"), QStringLiteral("Genre"), {}},
                              {QStringLiteral("lighting"), QStringLiteral("Lighting"),
                               {QStringLiteral("Low key"), QStringLiteral("Silhouette")}}};
        QCOMPARE(request.attributesText(), QStringLiteral("Time of day: Night; Lighting: Low key, Silhouette"));

        request.tags = {QStringLiteral("Boats"), QStringLiteral("People/Anna"), QStringLiteral("Places/anna"),
                        QStringLiteral("Places/Harbour/")};
        QCOMPARE(request.tagsText(), QStringLiteral("Boats, Anna"));
    }

    void lensText_data()
    {
        QTest::addColumn<QString>("lens");
        QTest::addColumn<double>("focalLength"); // 0 = unknown
        QTest::addColumn<QString>("expected");
        QTest::newRow("nothing") << QString() << 0.0 << QString();
        QTest::newRow("focal only") << QString() << 35.0 << QStringLiteral("35 mm");
        QTest::newRow("phone focal") << QString() << 4.6 << QStringLiteral("4.6 mm");
        QTest::newRow("lens only") << QStringLiteral("EF 50mm f/1.8") << 0.0 << QStringLiteral("EF 50mm f/1.8");
        QTest::newRow("both") << QStringLiteral(" 18.0-70.0 mm f/3.5-4.5 ") << 70.0
                              << QStringLiteral("18.0-70.0 mm f/3.5-4.5 at 70 mm");
    }

    void lensText()
    {
        QFETCH(QString, lens);
        QFETCH(double, focalLength);
        QFETCH(QString, expected);
        CaptionRequest request;
        request.lens = lens;
        if (focalLength > 0)
            request.focalLength = focalLength;
        QCOMPARE(request.lensText(), expected);
    }

    void colourNames_data()
    {
        QTest::addColumn<QColor>("colour");
        QTest::addColumn<QString>("name");
        QTest::newRow("red") << QColor(255, 0, 0) << "red";
        QTest::newRow("dark red") << QColor(139, 0, 0) << "red";
        QTest::newRow("maroon") << QColor(90, 10, 10) << "brown";
        QTest::newRow("orange") << QColor(255, 165, 0) << "orange";
        QTest::newRow("saddle brown") << QColor(139, 69, 19) << "brown";
        QTest::newRow("beige") << QColor(225, 198, 153) << "beige";
        QTest::newRow("yellow") << QColor(255, 255, 0) << "yellow";
        QTest::newRow("olive") << QColor(100, 100, 0) << "olive";
        QTest::newRow("green") << QColor(0, 128, 0) << "green";
        QTest::newRow("teal") << QColor(0, 128, 128) << "teal";
        QTest::newRow("blue") << QColor(0, 0, 255) << "blue";
        QTest::newRow("sky") << QColor(110, 160, 220) << "blue";
        QTest::newRow("purple") << QColor(128, 0, 128) << "purple";
        QTest::newRow("pink") << QColor(255, 192, 203) << "pink";
        QTest::newRow("hot pink") << QColor(255, 105, 180) << "pink";
        QTest::newRow("black") << QColor(10, 10, 10) << "black";
        QTest::newRow("grey") << QColor(128, 128, 128) << "grey";
        QTest::newRow("bluish grey") << QColor(120, 124, 132) << "grey";
        QTest::newRow("white") << QColor(250, 250, 250) << "white";
        QTest::newRow("warm white") << QColor(245, 245, 220) << "white";
    }

    void colourNames()
    {
        QFETCH(QColor, colour);
        QFETCH(QString, name);
        QCOMPARE(ImageTraits::colourName(colour.red(), colour.green(), colour.blue()), name);
    }

    // Synthetic images, saved as files and captioned like any shot: what the pixels say.
    void builtinSynthetic_data()
    {
        QTest::addColumn<QImage>("image");
        QTest::addColumn<QStringList>("words");   // each must be in the caption
        QTest::addColumn<QStringList>("absent");  // none of these may be

        const auto filled = [](int w, int h, QColor colour) {
            QImage image(w, h, QImage::Format_RGB32);
            image.fill(colour);
            return image;
        };
        QTest::newRow("red") << filled(320, 200, QColor(200, 20, 30)) << splitWords("red|landscape frame")
                             << splitWords("dark|bright|blue|black-and-white");
        QTest::newRow("dark") << filled(200, 300, QColor(25, 22, 30))
                              << splitWords("dark|low-key|portrait frame") << splitWords("bright|high-key|red");
        QTest::newRow("bright") << filled(300, 300, QColor(235, 235, 240)) << splitWords("bright|high-key|square frame")
                                << splitWords("dark|low-key");

        QImage halves = filled(300, 200, Qt::black);
        QPainter(&halves).fillRect(150, 0, 150, 200, Qt::white);
        QTest::newRow("black and white halves") << halves << splitWords("high-contrast|black-and-white landscape frame")
                                                << splitWords("tones|low-contrast");

        QImage greenRed = filled(300, 300, QColor(30, 160, 40));
        QPainter(&greenRed).fillRect(0, 150, 300, 150, QColor(210, 30, 30));
        QTest::newRow("green over red") << greenRed << splitWords("with green and red tones") << splitWords("blue");

        QImage sky(800, 300, QImage::Format_RGB32); // a wide gradient of blues
        for (int y = 0; y < sky.height(); ++y)
            for (int x = 0; x < sky.width(); ++x)
                sky.setPixelColor(x, y, QColor(60 + y / 6, 110 + y / 5, 200 + y / 8));
        QTest::newRow("widescreen sky") << sky << splitWords("widescreen frame|blue") << splitWords("red|dark|panoramic");
        QTest::newRow("panoramic sky") << sky.scaled(900, 300) << splitWords("panoramic frame|blue") << splitWords("red|dark");
    }

    void builtinSynthetic()
    {
        QFETCH(QImage, image);
        QFETCH(QStringList, words);
        QFETCH(QStringList, absent);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("synthetic.png"));
        QVERIFY(image.save(path));
        QStringList partials;
        BuiltinCaptionGenerator generator;
        CaptionRequest request;
        request.shotId = 7;
        request.imagePath = path;
        auto caption = generator.generate(request, [&](const QString &text) { partials << text; });
        QVERIFY2(caption, qPrintable(caption ? QString() : caption.error().message));
        for (const QString &word : words)
            QVERIFY2(caption->text.contains(word), qPrintable(caption->text + QStringLiteral(" lacks ") + word));
        for (const QString &word : absent)
            QVERIFY2(!caption->text.contains(word), qPrintable(caption->text + QStringLiteral(" has ") + word));
        QCOMPARE(partials, QStringList{caption->text});
        QCOMPARE(caption->shotId, 7);
        QCOMPARE(caption->source, QStringLiteral("builtin"));
        QCOMPARE(caption->parameters.value(u"version").toInt(), BuiltinCaptionGenerator::Version);
        QVERIFY(!caption->editedByHand);
    }

    // A real photo: the caption is exactly this, every time, wherever the file lies.
    void builtinCorpusPhoto()
    {
        const QString photo = kCorpus + QStringLiteral("/photos/ianare/tests_87_OSError.jpg");
        auto plain = builtinCaption(photo);
        QVERIFY2(plain, qPrintable(plain ? QString() : plain.error().message));
        QCOMPARE(plain->text, QStringLiteral("A dark, low-key portrait frame with black and grey tones. "
                                             "Shot with 18.0-70.0 mm f/3.5-4.5 at 60 mm."));

        CaptionRequest request;
        request.attributes = {{QStringLiteral("time_of_day"), QStringLiteral("Time of day"), {QStringLiteral("Dusk")}},
                              {QStringLiteral("orientation"), QStringLiteral("Orientation"), {QStringLiteral("Portrait")}},
                              {QStringLiteral("location_type"), QStringLiteral("Location type"), {QStringLiteral("City")}}};
        request.tags = {QStringLiteral("Architecture/Tower blocks"), QStringLiteral("Places/Milan")};
        request.photosetTitle = QStringLiteral("Concrete");
        const QString expected = QStringLiteral(
            "A dark, low-key portrait frame with black and grey tones. Time of day: Dusk; Location type: City. "
            "Tags: Tower blocks, Milan. Shot with 18.0-70.0 mm f/3.5-4.5 at 60 mm. From \u201CConcrete\u201D.");
        auto full = builtinCaption(photo, request);
        QVERIFY(full);
        QCOMPARE(full->text, expected);

        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("elsewhere.jpg"));
        QVERIFY(QFile::copy(photo, copy));
        auto again = builtinCaption(copy, request);
        QVERIFY(again);
        QCOMPARE(again->text, expected);
    }

    // The shape is the upright image's: a portrait taken with the camera turned says "portrait".
    void builtinOrientation_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("shape");
        for (int orientation = 1; orientation <= 8; ++orientation) {
            QTest::addRow("landscape %d", orientation)
                << QStringLiteral("orientation_landscape_%1.jpg").arg(orientation) << QStringLiteral("landscape frame");
            QTest::addRow("portrait %d", orientation)
                << QStringLiteral("orientation_portrait_%1.jpg").arg(orientation) << QStringLiteral("portrait frame");
        }
    }

    void builtinOrientation()
    {
        QFETCH(QString, file);
        QFETCH(QString, shape);
        auto caption = builtinCaption(kCorpus + QStringLiteral("/photos/ianare/") + file);
        QVERIFY2(caption, qPrintable(caption ? QString() : caption.error().message));
        QVERIFY2(caption->text.contains(shape), qPrintable(caption->text));
    }

    // A file that cannot be read is that shot's error, in words; a cancelled generator does nothing.
    void builtinErrors()
    {
        BuiltinCaptionGenerator generator;
        CaptionRequest request;
        request.imagePath = QStringLiteral("/no/such/file.jpg");
        auto missing = generator.generate(request);
        QVERIFY(!missing);
        QVERIFY2(missing.error().message.startsWith(QStringLiteral("The image could not be analysed")),
                 qPrintable(missing.error().message));

        QTemporaryDir dir;
        const QString truncated = dir.filePath(QStringLiteral("truncated.jpg"));
        QFile source(kCorpus + QStringLiteral("/photos/ianare/tests_87_OSError.jpg"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QFile out(truncated);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(source.read(300));
        out.close();
        request.imagePath = truncated;
        auto broken = generator.generate(request);
        QVERIFY(!broken);
        QCOMPARE(broken.error().code, Error::Code::Corrupt);

        request.imagePath = kCorpus + QStringLiteral("/photos/ianare/tests_87_OSError.jpg");
        generator.cancel();
        auto cancelled = generator.generate(request);
        QVERIFY(!cancelled);
        QCOMPARE(cancelled.error().code, Error::Code::Cancelled);
        generator.resetCancel();
        QVERIFY(generator.generate(request));
    }

    // The event stream parser gets the same events whatever the pieces the bytes arrive in.
    void sseParser()
    {
        const QByteArray stream = QByteArrayLiteral(": keep-alive\r\n\r\n"
                                                    "data: {\"a\":1}\r\n\r\n"
                                                    "event: error\ndata: first line\ndata:second line\n\n"
                                                    "id: 7\nretry: 100\ndata:  two spaces\n\n"
                                                    "data: [DONE]");
        const auto describe = [](const QList<SseParser::Event> &events) {
            QStringList list;
            for (const SseParser::Event &event : events)
                list << QString::fromUtf8(event.name + '|' + event.data);
            return list;
        };
        const QStringList expected = {QStringLiteral("|{\"a\":1}"), QStringLiteral("error|first line\nsecond line"),
                                      QStringLiteral("| two spaces"), QStringLiteral("|[DONE]")};
        for (qsizetype step : {qsizetype(1), qsizetype(2), qsizetype(5), stream.size()}) {
            SseParser parser;
            QList<SseParser::Event> events;
            for (qsizetype i = 0; i < stream.size(); i += step)
                events += parser.feed(stream.mid(i, step));
            QCOMPARE(events.size(), 3); // the last one has no blank line yet
            events += parser.finish();
            QCOMPARE(describe(events), expected);
        }
    }

    void promptPlaceholders()
    {
        CaptionRequest request = photoRequest();
        request.lens = QStringLiteral("EF 50mm");
        request.focalLength = 50.0;
        QCOMPARE(OpenAiCaptionGenerator::fillPrompt(
                     QStringLiteral("{file}: {tags} / {attributes} / {title} / {lens} / {camera} / {nope} {tags"), request),
                 QStringLiteral("FurnaceCreekInn.jpg: Death Valley, Signs / Time of day: Day / Road trip / EF 50mm at 50 mm / "
                                "none / {nope} {tags"));
        request.tags = {QStringLiteral("{title}")}; // a value is not expanded again
        QCOMPARE(OpenAiCaptionGenerator::fillPrompt(QStringLiteral("{tags}"), request), QStringLiteral("{title}"));
    }

    void endpoint_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("base") << "http://localhost:8080/v1" << "http://localhost:8080/v1/chat/completions";
        QTest::newRow("slash") << "http://localhost:11434/v1/" << "http://localhost:11434/v1/chat/completions";
        QTest::newRow("full") << "https://api.example.org/v1/chat/completions" << "https://api.example.org/v1/chat/completions";
        QTest::newRow("no scheme") << "127.0.0.1:8000/v1" << "http://127.0.0.1:8000/v1/chat/completions";
        QTest::newRow("ftp") << "ftp://example.org/v1" << "";
        QTest::newRow("empty") << "" << "";
    }

    void endpoint()
    {
        QFETCH(QString, url);
        QFETCH(QString, expected);
        const QUrl endpoint = OpenAiCaptionGenerator::endpoint(url);
        QCOMPARE(endpoint.isValid() ? endpoint.toString() : QString(), expected);
    }

    // The caption arrives piece by piece, each passed on before the server sends the next; the
    // request is a chat completion with the prompt and the image as a data URL.
    void openAiStreams_data()
    {
        QTest::addColumn<int>("answer");
        QTest::newRow("chunked") << int(ChatServer::Answer::ChunkedStream);
        QTest::newRow("close-delimited") << int(ChatServer::Answer::ClosedStream);
    }

    void openAiStreams()
    {
        QFETCH(int, answer);
        ChatServer server;
        QVERIFY(server.listen());
        server.answer = ChatServer::Answer(answer);
        server.stepwise = true;
        const QByteArray split = contentEvent(QStringLiteral(" on a sunny day."));
        server.pieces = {": ping\n\n" + contentEvent(QStringLiteral("A stone")), contentEvent(QStringLiteral(" sign")),
                         split.left(17), split.mid(17), finishEvent("stop") + doneEvent()};
        OpenAiCaptionGenerator generator(serverOptions(server));
        Generation generation;
        generation.start(generator, photoRequest());
        QTRY_VERIFY(server.requestComplete());

        server.sendNext();
        QTRY_COMPARE(generation.partialCount(), 1);
        server.sendNext();
        QTRY_COMPARE(generation.partialCount(), 2);
        server.sendNext(); // half an event: nothing to pass on yet
        QTest::qWait(100);
        QCOMPARE(generation.partialCount(), 2);
        server.sendNext();
        QTRY_COMPARE(generation.partialCount(), 3);
        server.sendNext();
        QTRY_VERIFY(generation.future.isFinished());

        const Result<Caption> caption = generation.future.result();
        QVERIFY2(caption, qPrintable(caption ? QString() : caption.error().message));
        QCOMPARE(generation.partials, (QStringList{QStringLiteral("A stone"), QStringLiteral("A stone sign"),
                                                   QStringLiteral("A stone sign on a sunny day.")}));
        QCOMPARE(caption->text, QStringLiteral("A stone sign on a sunny day."));
        QCOMPARE(caption->shotId, 42);
        QCOMPARE(caption->source, QStringLiteral("openai"));
        QCOMPARE(caption->model, QStringLiteral("llava-test"));
        const QString prompt = QStringLiteral("Caption this still. Tags: Death Valley, Signs. Known: Time of day: Day. "
                                              "Set: Road trip. {unknown}");
        QCOMPARE(caption->prompt, prompt);
        QCOMPARE(caption->parameters.value(u"endpoint").toString(), server.url() + QStringLiteral("/chat/completions"));
        QCOMPARE(caption->parameters.value(u"finish_reason").toString(), QStringLiteral("stop"));
        QVERIFY(!QJsonDocument(caption->parameters).toJson().contains("sk-test-123"));

        // What the server received.
        QCOMPARE(server.lastRequest().requestLine(), QByteArrayLiteral("POST /v1/chat/completions HTTP/1.1"));
        QCOMPARE(server.lastRequest().header("authorization"), QByteArrayLiteral("Bearer sk-test-123"));
        QVERIFY(server.lastRequest().header("content-type").startsWith("application/json"));
        const QJsonObject body = server.lastRequest().json();
        QCOMPARE(body.value(u"model").toString(), QStringLiteral("llava-test"));
        QCOMPARE(body.value(u"stream").toBool(), true);
        const QJsonArray messages = body.value(u"messages").toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.at(0).toObject().value(u"role").toString(), QStringLiteral("user"));
        const QJsonArray content = messages.at(0).toObject().value(u"content").toArray();
        QCOMPARE(content.size(), 2);
        QCOMPARE(content.at(0).toObject().value(u"type").toString(), QStringLiteral("text"));
        QCOMPARE(content.at(0).toObject().value(u"text").toString(), prompt);
        QCOMPARE(content.at(1).toObject().value(u"type").toString(), QStringLiteral("image_url"));
        const QString dataUrl = content.at(1).toObject().value(u"image_url").toObject().value(u"url").toString();
        const QString prefix = QStringLiteral("data:image/jpeg;base64,");
        QVERIFY2(dataUrl.startsWith(prefix), qPrintable(dataUrl.left(40)));
        const QImage sent = QImage::fromData(QByteArray::fromBase64(dataUrl.mid(prefix.size()).toLatin1()), "JPEG");
        QVERIFY(!sent.isNull());
        QCOMPARE(sent.width(), 256); // the long edge asked for, the photo's aspect kept (400 x 300)
        QCOMPARE(sent.height(), 192);
    }

    // A server that ignores "stream" and answers with one JSON object is understood too.
    void openAiWholeAnswer()
    {
        ChatServer server;
        QVERIFY(server.listen());
        server.answer = ChatServer::Answer::Whole;
        server.contentType = "application/json";
        server.pieces = {QByteArrayLiteral("{\"model\":\"served-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                                           "\"assistant\",\"content\":\"  A desert hotel sign. \"},\"finish_reason\":\"stop\"}]}")};
        OpenAiCaptionGenerator::Options options = serverOptions(server);
        options.model.clear();
        options.apiKey.clear();
        OpenAiCaptionGenerator generator(options);
        Generation generation;
        generation.start(generator, photoRequest());
        QTRY_VERIFY(generation.future.isFinished());
        const Result<Caption> caption = generation.future.result();
        QVERIFY2(caption, qPrintable(caption ? QString() : caption.error().message));
        QCOMPARE(caption->text, QStringLiteral("A desert hotel sign."));
        QCOMPARE(caption->model, QStringLiteral("served-model"));
        QCOMPARE(generation.partials, QStringList{caption->text});
        QVERIFY(server.lastRequest().header("authorization").isEmpty());
    }

    // Each way a server can fail is that shot's error, saying what happened.
    void openAiFailures_data()
    {
        QTest::addColumn<int>("answer");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");

        const int io = int(Error::Code::Io), corrupt = int(Error::Code::Corrupt), invalid = int(Error::Code::InvalidInput);
        const int chunked = int(ChatServer::Answer::ChunkedStream), whole = int(ChatServer::Answer::Whole),
                  closed = int(ChatServer::Answer::ClosedStream);
        QTest::newRow("HTTP 500 with OpenAI error")
            << whole << 500 << QByteArray("application/json")
            << QByteArray("{\"error\":{\"message\":\"model 'llava-test' is not loaded\",\"type\":\"server_error\"}}") << io
            << "The caption server answered HTTP 500 Internal Server Error: model 'llava-test' is not loaded";
        QTest::newRow("HTTP 401 plain text") << whole << 401 << QByteArray("text/plain") << QByteArray("Invalid API key\n") << io
                                             << "HTTP 401 Unauthorized: Invalid API key";
        QTest::newRow("HTTP 400 FastAPI detail")
            << whole << 400 << QByteArray("application/json") << QByteArray("{\"detail\":\"image too large\"}") << io
            << "HTTP 400 Bad Request: image too large";
        QTest::newRow("malformed JSON in stream")
            << chunked << 200 << QByteArray("text/event-stream")
            << QByteArray(contentEvent(QStringLiteral("A sign")) + "data: {\"choices\": [{\"delta\": \n\n") << corrupt
            << "The caption server sent a part of its answer that is not valid JSON";
        QTest::newRow("not a chat completion") << chunked << 200 << QByteArray("text/event-stream")
                                               << QByteArray("data: {\"hello\": 1}\n\n") << corrupt << "not a chat completion";
        QTest::newRow("malformed whole answer") << whole << 200 << QByteArray("application/json") << QByteArray("{\"choices\": [")
                                                << corrupt << "The caption server's answer is not valid JSON";
        QTest::newRow("error in stream")
            << chunked << 200 << QByteArray("text/event-stream")
            << QByteArray("data: {\"error\":{\"code\":500,\"message\":\"out of memory\"}}\n\n") << io
            << "The caption server reported an error: out of memory";
        QTest::newRow("empty answer") << chunked << 200 << QByteArray("text/event-stream")
                                      << QByteArray(contentEvent(QStringLiteral("  ")) + finishEvent("stop") + doneEvent()) << invalid
                                      << "The model answered with an empty caption.";
        QTest::newRow("token limit") << chunked << 200 << QByteArray("text/event-stream")
                                     << QByteArray(finishEvent("length") + doneEvent()) << invalid
                                     << "The model reached its limit of 300 token"; // "tokens" once the English plural forms are loaded
        QTest::newRow("refusal field")
            << chunked << 200 << QByteArray("text/event-stream")
            << QByteArray("data: {\"choices\":[{\"delta\":{\"refusal\":\"I can't help with that.\"}}]}\n\n" + finishEvent("stop") + doneEvent())
            << invalid << "The model refused to caption this shot: I can't help with that.";
        QTest::newRow("refusal words")
            << chunked << 200 << QByteArray("text/event-stream")
            << QByteArray(contentEvent(QStringLiteral("I\u2019m sorry, but I can\u2019t describe this image.")) + doneEvent()) << invalid
            << "The model refused to caption this shot: I’m sorry";
        QTest::newRow("content filter") << chunked << 200 << QByteArray("text/event-stream")
                                        << QByteArray(contentEvent(QStringLiteral("A")) + finishEvent("content_filter") + doneEvent())
                                        << invalid << "content filter";
        QTest::newRow("stream cut short") << closed << 200 << QByteArray("text/event-stream")
                                          << contentEvent(QStringLiteral("A stone sign")) << io
                                          << "The caption server ended its answer before the caption was complete.";
    }

    void openAiFailures()
    {
        QFETCH(int, answer);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        QFETCH(QString, message);
        ChatServer server;
        QVERIFY(server.listen());
        server.answer = ChatServer::Answer(answer);
        server.status = status;
        server.reason = status == 500 ? "Internal Server Error" : status == 401 ? "Unauthorized" : status == 400 ? "Bad Request" : "OK";
        server.contentType = contentType;
        server.pieces = {body};
        OpenAiCaptionGenerator generator(serverOptions(server));
        Generation generation;
        generation.start(generator, photoRequest());
        QTRY_VERIFY(generation.future.isFinished());
        const Result<Caption> caption = generation.future.result();
        QVERIFY2(!caption, qPrintable(caption ? caption->text : QString()));
        QVERIFY2(caption.error().message.contains(message), qPrintable(caption.error().message));
        QCOMPARE(int(caption.error().code), code);
    }

    // A server that accepts and never answers fails the shot after the idle timeout, not later.
    void openAiTimeout()
    {
        ChatServer server;
        QVERIFY(server.listen());
        server.answer = ChatServer::Answer::Silent;
        OpenAiCaptionGenerator::Options options = serverOptions(server);
        options.idleTimeoutSeconds = 1;
        OpenAiCaptionGenerator generator(options);
        QElapsedTimer clock;
        clock.start();
        Generation generation;
        generation.start(generator, photoRequest());
        QTRY_VERIFY_WITH_TIMEOUT(generation.future.isFinished(), 10000);
        const qint64 elapsed = clock.elapsed();
        QVERIFY(server.requestComplete());
        const Result<Caption> caption = generation.future.result();
        QVERIFY(!caption);
        QCOMPARE(caption.error().code, Error::Code::Io);
        QVERIFY2(caption.error().message.contains(QStringLiteral("sent nothing for 1 second")), qPrintable(caption.error().message));
        QVERIFY2(elapsed >= 900 && elapsed < 5000, qPrintable(QString::number(elapsed)));
    }

    // cancel() from another thread ends a request the server is sitting on.
    void openAiCancel()
    {
        ChatServer server;
        QVERIFY(server.listen());
        server.answer = ChatServer::Answer::Silent;
        OpenAiCaptionGenerator generator(serverOptions(server)); // a 10 s idle timeout
        Generation generation;
        generation.start(generator, photoRequest());
        QTRY_VERIFY(server.requestComplete());
        QElapsedTimer clock;
        clock.start();
        generator.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(generation.future.isFinished(), 3000);
        QVERIFY(clock.elapsed() < 2000);
        const Result<Caption> caption = generation.future.result();
        QVERIFY(!caption);
        QCOMPARE(caption.error().code, Error::Code::Cancelled);
    }

    void openAiUnreachable()
    {
        quint16 port = 0;
        {
            QTcpServer closed; // a port that was free a moment ago and has nobody listening now
            QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
            port = closed.serverPort();
        }
        OpenAiCaptionGenerator::Options options;
        options.url = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
        OpenAiCaptionGenerator generator(options);
        const Result<Caption> caption = generator.generate(photoRequest());
        QVERIFY(!caption);
        QVERIFY2(caption.error().message.startsWith(QStringLiteral("The caption server at %1/chat/completions could not be reached")
                                                        .arg(options.url)),
                 qPrintable(caption.error().message));

        options.url = QStringLiteral("gopher://example.org");
        const Result<Caption> invalid = OpenAiCaptionGenerator(options).generate(photoRequest());
        QVERIFY(!invalid);
        QCOMPARE(invalid.error().code, Error::Code::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestCaptioning)
#include "tst_captioning.moc"
