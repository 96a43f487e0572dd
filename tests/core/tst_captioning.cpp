// Caption generators: the request they get, the built-in composer, the OpenAI-compatible client.
#include "captioning/builtincaptiongenerator.h"
#include "captioning/captiongenerator.h"
#include "captioning/imagetraits.h"
#include "metadata/exifreader.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace stills;

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
};

QTEST_GUILESS_MAIN(TestCaptioning)
#include "tst_captioning.moc"
