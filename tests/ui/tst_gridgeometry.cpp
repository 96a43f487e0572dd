#include "gridgeometry.h"

#include <QTest>

using namespace stills;

class TestGridGeometry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void imageRect_data()
    {
        QTest::addColumn<int>("edge");
        QTest::addColumn<QSize>("image");
        QTest::addColumn<QRect>("expected");
        // tileEdge 100, padding 6: the image area is (6, 6, 100, 100).
        QTest::newRow("landscape") << 100 << QSize(400, 200) << QRect(6, 31, 100, 50);
        QTest::newRow("portrait") << 100 << QSize(200, 400) << QRect(31, 6, 50, 100);
        QTest::newRow("square") << 100 << QSize(256, 256) << QRect(6, 6, 100, 100);
        QTest::newRow("tiny preview not blown up") << 100 << QSize(20, 10) << QRect(36, 46, 40, 20);
        QTest::newRow("empty image takes the area") << 100 << QSize() << QRect(6, 6, 100, 100);
    }

    void imageRect()
    {
        QFETCH(int, edge);
        QFETCH(QSize, image);
        QFETCH(QRect, expected);
        GridGeometry g;
        g.tileEdge = edge;
        QCOMPARE(g.imageRect(image), expected);
        QVERIFY(g.imageArea().contains(g.imageRect(image)));
    }

    void thumbnailSize_data()
    {
        QTest::addColumn<int>("edge");
        QTest::addColumn<qreal>("dpr");
        QTest::addColumn<int>("expected");
        QTest::newRow("small") << 96 << 1.0 << 256;
        QTest::newRow("default") << 192 << 1.0 << 256;
        QTest::newRow("hidpi") << 192 << 2.0 << 512;
        QTest::newRow("large") << 400 << 1.0 << 512;
        QTest::newRow("large hidpi") << 512 << 2.0 << 1024;
    }

    void thumbnailSize()
    {
        QFETCH(int, edge);
        QFETCH(qreal, dpr);
        QFETCH(int, expected);
        GridGeometry g;
        g.tileEdge = edge;
        QCOMPARE(g.thumbnailSizeFor(dpr), expected);
    }

    void tileHoldsImageAndLabel()
    {
        GridGeometry g;
        const QRect tile(QPoint(0, 0), g.tileSize());
        QVERIFY(tile.contains(g.imageArea()));
        QVERIFY(tile.contains(g.labelRect()));
        QVERIFY(!g.imageArea().intersects(g.labelRect()));
    }
};

QTEST_GUILESS_MAIN(TestGridGeometry)
#include "tst_gridgeometry.moc"
