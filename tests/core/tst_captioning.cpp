// Caption generators: the request they get, the built-in composer, the OpenAI-compatible client.
#include "captioning/captiongenerator.h"

#include <QTest>

using namespace stills;

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
};

QTEST_GUILESS_MAIN(TestCaptioning)
#include "tst_captioning.moc"
