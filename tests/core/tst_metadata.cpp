// ExifReader and FileProber against the shared corpus: real camera files compared with the exiv2
// command-line tool, every broken file in bad/ probed under a time bound, hashing, and the
// unreadable-path cases.

#include "metadata/exifreader.h"
#include "metadata/fileprobe.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <thread>
#include <vector>

using namespace stills;

namespace {

QString corpus(const QString &relative)
{
    return QStringLiteral(STILLS_CORPUS_DIR) + u'/' + relative;
}

QStringList filesUnder(const QString &relative)
{
    QStringList files;
    QDirIterator it(corpus(relative), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

QString relativeName(const QString &path)
{
    return path.mid(QStringLiteral(STILLS_CORPUS_DIR).size() + 1);
}

// "key   value" lines of `exiv2 -PEkv` (or -Pkv) as a map; the first occurrence of a key wins.
QHash<QString, QString> exiv2Values(const QStringList &arguments)
{
    QProcess p;
    p.start(QStandardPaths::findExecutable(QStringLiteral("exiv2")), arguments);
    p.waitForFinished(30000);
    QHash<QString, QString> values;
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n');
    static const QRegularExpression line(QStringLiteral("^(\\S+)\\s+(.*)$"));
    for (const QString &l : lines) {
        const auto m = line.match(l);
        if (m.hasMatch() && !values.contains(m.captured(1)))
            values.insert(m.captured(1), m.captured(2).trimmed());
    }
    return values;
}

// "Label : value" lines of `exiv2 -ps` (the summary, which uses exiv2's easy-access functions).
QHash<QString, QString> exiv2Summary(const QString &file)
{
    QProcess p;
    p.start(QStandardPaths::findExecutable(QStringLiteral("exiv2")), {QStringLiteral("-ps"), file});
    p.waitForFinished(30000);
    QHash<QString, QString> values;
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n');
    for (const QString &l : lines) {
        const qsizetype colon = l.indexOf(u':');
        if (colon > 0)
            values.insert(l.left(colon).trimmed(), l.mid(colon + 1).trimmed());
    }
    return values;
}

// "a/b" or "a" as a double; nullopt for a zero denominator or junk.
std::optional<double> rational(const QString &text)
{
    const QStringList parts = text.split(u'/');
    bool ok1 = false, ok2 = true;
    const double num = parts.value(0).toDouble(&ok1);
    const double den = parts.size() > 1 ? parts.value(1).toDouble(&ok2) : 1.0;
    if (!ok1 || !ok2 || den == 0)
        return std::nullopt;
    return num / den;
}

std::optional<double> gpsFromCli(const QHash<QString, QString> &v, const QString &key, const QString &refKey)
{
    if (!v.contains(key))
        return std::nullopt;
    const QStringList parts = v.value(key).split(u' ', Qt::SkipEmptyParts);
    double result = 0;
    double scale = 1;
    for (const QString &part : parts) {
        result += rational(part).value_or(0) / scale;
        scale *= 60;
    }
    const QString ref = v.value(refKey);
    if (ref == u"S" || ref == u"W")
        result = -result;
    return result;
}

bool near(std::optional<double> a, std::optional<double> b, double tolerance = 1e-9)
{
    if (!a || !b)
        return a.has_value() == b.has_value();
    return std::abs(*a - *b) <= tolerance * std::max(1.0, std::abs(*b));
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString blake2b(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Blake2b_256).toHex());
}

// --- A small TIFF/EXIF writer for hand-made garbage --------------------------------------------

struct Entry {
    quint16 tag;
    quint16 type; // 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 10 SRATIONAL
    quint32 count;
    QByteArray data; // little-endian payload
};

QByteArray le(quint32 v, int bytes)
{
    QByteArray b;
    for (int i = 0; i < bytes; ++i)
        b.append(char((v >> (8 * i)) & 0xFF));
    return b;
}

Entry ascii(quint16 tag, const QByteArray &text) { return {tag, 2, quint32(text.size()), text}; }
Entry shortValue(quint16 tag, quint16 v) { return {tag, 3, 1, le(v, 2)}; }
Entry byteValue(quint16 tag, quint8 v) { return {tag, 1, 1, le(v, 1)}; }
Entry rationals(quint16 tag, const QList<QPair<quint32, quint32>> &values)
{
    QByteArray data;
    for (const auto &[num, den] : values)
        data += le(num, 4) + le(den, 4);
    return {tag, 5, quint32(values.size()), data};
}

// A little-endian TIFF with IFD0 and optional Exif and GPS sub-IFDs, wrapped into a JPEG APP1.
QByteArray jpegWithExif(QList<Entry> ifd0, const QList<Entry> &exif, const QList<Entry> &gps)
{
    QByteArray tiff = QByteArrayLiteral("II*\0") + le(8, 4);
    // Sub-IFD pointers get patched once the sub-IFDs are laid out.
    if (!exif.isEmpty())
        ifd0.append({0x8769, 4, 1, le(0, 4)});
    if (!gps.isEmpty())
        ifd0.append({0x8825, 4, 1, le(0, 4)});
    auto writeIfd = [&tiff](QList<Entry> entries) {
        std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.tag < b.tag; });
        const qsizetype start = tiff.size();
        qsizetype dataAt = start + 2 + entries.size() * 12 + 4;
        QByteArray table = le(quint32(entries.size()), 2);
        QByteArray data;
        QHash<quint16, qsizetype> valueOffsets;
        for (const Entry &e : entries) {
            table += le(e.tag, 2) + le(e.type, 2) + le(e.count, 4);
            valueOffsets.insert(e.tag, start + table.size());
            if (e.data.size() <= 4) {
                table += e.data + QByteArray(4 - e.data.size(), '\0');
            } else {
                table += le(quint32(dataAt + data.size()), 4);
                data += e.data;
                if (data.size() % 2)
                    data += '\0';
            }
        }
        tiff += table + le(0, 4) + data;
        return valueOffsets;
    };
    const auto ifd0Offsets = writeIfd(ifd0);
    auto patch = [&tiff](qsizetype at, quint32 value) { tiff.replace(at, 4, le(value, 4)); };
    if (!exif.isEmpty()) {
        patch(ifd0Offsets.value(0x8769), quint32(tiff.size()));
        writeIfd(exif);
    }
    if (!gps.isEmpty()) {
        patch(ifd0Offsets.value(0x8825), quint32(tiff.size()));
        writeIfd(gps);
    }
    const QByteArray payload = QByteArrayLiteral("Exif\0\0") + tiff;
    QByteArray jpeg = QByteArrayLiteral("\xFF\xD8\xFF\xE1");
    jpeg += char((payload.size() + 2) >> 8);
    jpeg += char((payload.size() + 2) & 0xFF);
    return jpeg + payload + QByteArrayLiteral("\xFF\xD9");
}

} // namespace

class TestMetadata : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void exifMatchesCli_data();
    void exifMatchesCli();
    void orientation_data();
    void orientation();
    void gpsMatchesCli_data();
    void gpsMatchesCli();
    void memoryAndPathAgree();
    void garbageIsDropped();
    void noExifIsOk();
    void concurrentReadsAgree();

    void probePhotos_data();
    void probePhotos();
    void probeBadFiles_data();
    void probeBadFiles();
    void badFilesSummary();
    void truncatedFilesFail_data();
    void truncatedFilesFail();
    void truncatedGeneratedFiles_data();
    void truncatedGeneratedFiles();

    void hashMatchesQt();
    void hashOfEmptyFile();
    void unreadablePaths();

private:
    bool m_haveCli = false;
    QMap<Shot::Status, int> m_badCounts;
    QMap<QString, int> m_badReasons;
};

void TestMetadata::initTestCase()
{
    QVERIFY2(QFile::exists(corpus(QStringLiteral("README.md"))), "the shared corpus is missing");
    m_haveCli = !QStandardPaths::findExecutable(QStringLiteral("exiv2")).isEmpty();
}

void TestMetadata::exifMatchesCli_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("lens"); // expected lens, chosen by hand: the CLI has no single lens line

    QTest::newRow("Canon EOS 7D") << QStringLiteral("photos/mei/Canon_EOS_7D.jpg") << QString();
    QTest::newRow("Nikon D70 (ISO in maker note, orientation 6)")
            << QStringLiteral("photos/exiv2/exiv2-nikon-d70.jpg")
            << QStringLiteral("Nikon AF-S DX Zoom-Nikkor 18-70mm f/3.5-4.5G IF-ED");
    QTest::newRow("Canon EOS 20D (lens type n/a)") << QStringLiteral("photos/exiv2/exiv2-canon-eos-20d.jpg") << QString();
    QTest::newRow("Canon 40D") << QStringLiteral("photos/ianare/Canon_40D.jpg") << QString();
    QTest::newRow("Pentax K10D (space-padded strings)") << QStringLiteral("photos/ianare/Pentax_K10D.jpg") << QString();
    QTest::newRow("Nikon P6000 with GPS") << QStringLiteral("photos/ianare/gps_DSCN0010.jpg") << QString();
    QTest::newRow("Sony DSC-HX5V") << QStringLiteral("photos/mei/Sony_DSC-HX5V_2.jpg") << QString();
    QTest::newRow("Olympus E-20") << QStringLiteral("photos/mei/Olympus_E-20.jpg") << QString();
}

void TestMetadata::exifMatchesCli()
{
    QFETCH(QString, file);
    QFETCH(QString, lens);
    if (!m_haveCli)
        QSKIP("the exiv2 command-line tool is not installed");

    const QString path = corpus(file);
    const Result<ExifInfo> read = ExifReader::read(path);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    const ExifInfo &info = read.value();
    const auto cli = exiv2Values({QStringLiteral("-PEkv"), path});
    const auto summary = exiv2Summary(path);
    QVERIFY(!cli.isEmpty());

    QCOMPARE(info.cameraMake, cli.value(QStringLiteral("Exif.Image.Make")));
    QCOMPARE(info.cameraModel, cli.value(QStringLiteral("Exif.Image.Model")));
    QCOMPARE(info.orientation, cli.value(QStringLiteral("Exif.Image.Orientation"), QStringLiteral("1")).toInt());
    QVERIFY(near(info.exposureTime, rational(cli.value(QStringLiteral("Exif.Photo.ExposureTime")))));
    QVERIFY(near(info.aperture, rational(cli.value(QStringLiteral("Exif.Photo.FNumber")))));
    QVERIFY(near(info.focalLength, rational(cli.value(QStringLiteral("Exif.Photo.FocalLength")))));
    // The summary's "ISO speed" comes from exiv2's isoSpeed(), maker-note fallbacks included.
    QVERIFY(info.iso);
    QCOMPARE(QString::number(*info.iso), summary.value(QStringLiteral("ISO speed")));
    const QDateTime original = QDateTime::fromString(cli.value(QStringLiteral("Exif.Photo.DateTimeOriginal")),
                                                     QStringLiteral("yyyy:MM:dd HH:mm:ss"));
    QVERIFY(original.isValid());
    QCOMPARE(info.takenAt, original);
    QCOMPARE(info.lens, lens);
}

void TestMetadata::orientation_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("orientation");
    // From `exiv2 -Pkv -g Exif.Image.Orientation photos/ianare/orientation_*.jpg`.
    for (int o = 1; o <= 8; ++o) {
        QTest::addRow("landscape %d", o) << QStringLiteral("photos/ianare/orientation_landscape_%1.jpg").arg(o) << o;
        QTest::addRow("portrait %d", o) << QStringLiteral("photos/ianare/orientation_portrait_%1.jpg").arg(o) << o;
    }
}

void TestMetadata::orientation()
{
    QFETCH(QString, file);
    QFETCH(int, orientation);
    const Result<ExifInfo> read = ExifReader::read(corpus(file));
    QVERIFY(read.ok());
    QCOMPARE(read->orientation, orientation);
    const FileProbe probe = FileProber::probe(corpus(file));
    QCOMPARE(probe.status, Shot::Status::Ok);
    QCOMPARE(probe.exif.orientation, orientation);
}

void TestMetadata::gpsMatchesCli_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("N/E, no altitude") << QStringLiteral("photos/ianare/gps_DSCN0010.jpg");
    QTest::newRow("N/W with altitude") << QStringLiteral("photos/ianare/hdr_iphone_hdr_YES.jpg");
    QTest::newRow("S/E, decimal minutes") << QStringLiteral("photos/ianare/Kodak_CX7530.jpg");
    QTest::newRow("N/W, Nokia") << QStringLiteral("photos/mei/Nokia_Lumia_800.jpg");
}

void TestMetadata::gpsMatchesCli()
{
    QFETCH(QString, file);
    if (!m_haveCli)
        QSKIP("the exiv2 command-line tool is not installed");
    const QString path = corpus(file);
    const Result<ExifInfo> read = ExifReader::read(path);
    QVERIFY(read.ok());
    const auto cli = exiv2Values({QStringLiteral("-PEkv"), QStringLiteral("-g"), QStringLiteral("GPSInfo"), path});

    const auto latitude = gpsFromCli(cli, QStringLiteral("Exif.GPSInfo.GPSLatitude"), QStringLiteral("Exif.GPSInfo.GPSLatitudeRef"));
    const auto longitude = gpsFromCli(cli, QStringLiteral("Exif.GPSInfo.GPSLongitude"), QStringLiteral("Exif.GPSInfo.GPSLongitudeRef"));
    QVERIFY(latitude && longitude);
    QVERIFY2(near(read->gpsLatitude, latitude), qPrintable(QString::number(read->gpsLatitude.value_or(999), 'g', 12)));
    QVERIFY2(near(read->gpsLongitude, longitude), qPrintable(QString::number(read->gpsLongitude.value_or(999), 'g', 12)));

    std::optional<double> altitude = rational(cli.value(QStringLiteral("Exif.GPSInfo.GPSAltitude")));
    if (altitude && cli.value(QStringLiteral("Exif.GPSInfo.GPSAltitudeRef")) == u"1")
        *altitude = -*altitude;
    QVERIFY(near(read->gpsAltitude, altitude));
}

void TestMetadata::memoryAndPathAgree()
{
    for (const QString &file : {QStringLiteral("photos/exiv2/exiv2-nikon-d70.jpg"),
                                QStringLiteral("photos/other-formats/tiff/ianare_Arbitro.tiff"),
                                QStringLiteral("photos/other-formats/webp/mei_Nikon_D1X.webp")}) {
        const QByteArray bytes = fileBytes(corpus(file));
        QVERIFY(!bytes.isEmpty());
        const Result<ExifInfo> fromMemory = ExifReader::read(bytes.constData(), bytes.size());
        const Result<ExifInfo> fromPath = ExifReader::read(corpus(file));
        QVERIFY(fromMemory.ok() && fromPath.ok());
        QVERIFY2(fromMemory.value() == fromPath.value(), qPrintable(file));
    }
    QVERIFY(!ExifReader::read(nullptr, 0).ok());
}

void TestMetadata::garbageIsDropped()
{
    // Every value here is broken the way fuzzed or buggy files break them.
    const QByteArray broken = jpegWithExif(
            {ascii(0x010f, QByteArrayLiteral("  Canon\0garbage\x01")), ascii(0x0110, QByteArrayLiteral("\x07Model X \0")),
             shortValue(0x0112, 9)},
            {rationals(0x829a, {{0, 0}}),          // ExposureTime 0/0
             rationals(0x829d, {{28, 0}}),         // FNumber x/0: fall back to ApertureValue
             rationals(0x9202, {{5, 1}}),          // ApertureValue 5 (APEX) = f/5.66
             shortValue(0x8827, 0),                // ISO 0 = unknown
             ascii(0x9003, QByteArrayLiteral("0000:00:00 00:00:00\0")),
             ascii(0x9004, QByteArrayLiteral("2020:02:29 23:59:59\0")),
             rationals(0x920a, {{0xFFFFFFFFu, 1}})}, // FocalLength 4e9 mm
            {ascii(0x0001, QByteArrayLiteral("S\0")), rationals(0x0002, {{45, 1}, {30, 1}, {0, 0}}),
             ascii(0x0003, QByteArrayLiteral("W\0")), rationals(0x0004, {{200, 1}, {0, 1}, {0, 1}}),
             byteValue(0x0005, 1), rationals(0x0006, {{10, 1}})});
    const Result<ExifInfo> read = ExifReader::read(broken.constData(), broken.size());
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
    const ExifInfo &info = read.value();
    QCOMPARE(info.orientation, 1);
    QCOMPARE(info.cameraMake, QStringLiteral("Canon"));
    QCOMPARE(info.cameraModel, QStringLiteral("Model X"));
    QVERIFY(!info.exposureTime);
    QVERIFY(info.aperture && std::abs(*info.aperture - std::pow(2.0, 2.5)) < 1e-9);
    QVERIFY(!info.iso);
    QVERIFY(!info.focalLength);
    QCOMPARE(info.takenAt, QDateTime(QDate(2020, 2, 29), QTime(23, 59, 59)));
    // Longitude 200° is impossible, so neither coordinate is kept; the altitude stands alone.
    QVERIFY(!info.gpsLatitude && !info.gpsLongitude);
    QVERIFY(info.gpsAltitude && *info.gpsAltitude == -10);

    const QByteArray southWest = jpegWithExif(
            {}, {}, {ascii(0x0001, QByteArrayLiteral("S\0")), rationals(0x0002, {{45, 1}, {30, 1}, {0, 0}}),
                     ascii(0x0003, QByteArrayLiteral("W\0")), rationals(0x0004, {{12, 1}, {15, 1}, {36, 1}})});
    const Result<ExifInfo> sw = ExifReader::read(southWest.constData(), southWest.size());
    QVERIFY(sw.ok());
    QVERIFY(near(sw->gpsLatitude, -45.5));
    QVERIFY(near(sw->gpsLongitude, -(12 + 15 / 60.0 + 36 / 3600.0)));
    QVERIFY(!sw->gpsAltitude);
}

void TestMetadata::noExifIsOk()
{
    const QString png = corpus(QStringLiteral("photos/other-formats/png/Canopee_3840x2160.png"));
    const Result<ExifInfo> read = ExifReader::read(png);
    QVERIFY(read.ok());
    QVERIFY(read.value() == ExifInfo{});
    const QByteArray bare = QByteArrayLiteral("\xFF\xD8\xFF\xDB\x00\x02\xFF\xD9");
    const Result<ExifInfo> fromMemory = ExifReader::read(bare.constData(), bare.size());
    QVERIFY(fromMemory.ok());
    QCOMPARE(fromMemory->orientation, 1);
    const QByteArray notAnImage = QByteArrayLiteral("hello, world");
    const Result<ExifInfo> unknown = ExifReader::read(notAnImage.constData(), notAnImage.size());
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, Error::Code::Unsupported);
}

void TestMetadata::concurrentReadsAgree()
{
    // Pool threads call ExifReader at once; exiv2's one-time set-up and the XMP toolkit must cope.
    QStringList files;
    for (const QString &path : filesUnder(QStringLiteral("photos"))) {
        if (!path.contains(u"/heic/"))
            files.append(path);
    }
    QList<ExifInfo> expected;
    for (const QString &f : files) {
        const Result<ExifInfo> r = ExifReader::read(f);
        expected.append(r.ok() ? r.value() : ExifInfo{});
    }

    constexpr int threadCount = 4;
    std::vector<QList<ExifInfo>> results(threadCount);
    std::vector<std::thread> threads;
    for (int t = 0; t < threadCount; ++t) {
        threads.emplace_back([&files, &results, t] {
            for (qsizetype i = 0; i < files.size(); ++i) {
                // Each thread starts elsewhere so that different parsers overlap.
                const QString &f = files.at((i + t * files.size() / threadCount) % files.size());
                const Result<ExifInfo> r = ExifReader::read(f);
                results[t].append(r.ok() ? r.value() : ExifInfo{});
                FileProber::probe(f);
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    for (int t = 0; t < threadCount; ++t) {
        for (qsizetype i = 0; i < files.size(); ++i) {
            const qsizetype index = (i + t * files.size() / threadCount) % files.size();
            QVERIFY2(results[t].at(i) == expected.at(index), qPrintable(files.at(index)));
        }
    }
}

void TestMetadata::probePhotos_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : filesUnder(QStringLiteral("photos")))
        QTest::newRow(qPrintable(relativeName(path))) << path;
}

void TestMetadata::probePhotos()
{
    QFETCH(QString, path);
    const FileProbe probe = FileProber::probe(path);
    QCOMPARE(probe.path, path);
    QCOMPARE(probe.byteSize, QFileInfo(path).size());
    QVERIFY(probe.modifiedMs > 0);
    QCOMPARE(probe.contentHash.size(), 64);

    if (path.contains(u"/heic/")) {
        QCOMPARE(probe.format, QStringLiteral("heic"));
        QCOMPARE(probe.status, Shot::Status::Unsupported);
        QVERIFY(probe.error.contains(u"HEIC"));
        return;
    }
    // Pillow ships this UltraHDR sample cut off right after the scan header: there is no pixel
    // data at all, and decoders would show a grey rectangle. Reporting it is the point.
    if (path.endsWith(u"odd/pillow_ultrahdr.jpg")) {
        QCOMPARE(probe.status, Shot::Status::Failed);
        QVERIFY2(probe.error.contains(u"truncated"), qPrintable(probe.error));
        return;
    }
    // libjpeg-turbo as Qt uses it decodes 8-bit JPEG only; Qt itself cannot read this one either.
    if (path.endsWith(u"odd/ljt_monkey12.jpg")) {
        QVERIFY(!QImageReader(path).size().isValid());
        QCOMPARE(probe.status, Shot::Status::Unsupported);
        QVERIFY2(probe.error.contains(u"12-bit"), qPrintable(probe.error));
        return;
    }
    QVERIFY2(probe.status == Shot::Status::Ok, qPrintable(probe.error));
    QVERIFY(probe.error.isEmpty());
    static const QStringList decodable = {QStringLiteral("jpeg"), QStringLiteral("png"), QStringLiteral("webp"),
                                          QStringLiteral("tiff")};
    QVERIFY2(decodable.contains(probe.format), qPrintable(probe.format));
    const QSize expected = QImageReader(path).size();
    QVERIFY(expected.isValid());
    QCOMPARE(QSize(probe.width, probe.height), expected);
}

void TestMetadata::probeBadFiles_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : filesUnder(QStringLiteral("bad")))
        QTest::newRow(qPrintable(relativeName(path))) << path;
}

void TestMetadata::probeBadFiles()
{
    QFETCH(QString, path);
    QElapsedTimer timer;
    timer.start();
    const Result<ExifInfo> exif = ExifReader::read(path); // exiv2 on the raw file, whatever the probe decides
    if (!exif.ok())
        QVERIFY(!exif.error().message.isEmpty());
    const FileProbe probe = FileProber::probe(path);
    const qint64 ms = timer.elapsed();
    QVERIFY2(ms < 5000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
    QVERIFY(probe.status == Shot::Status::Ok || probe.status == Shot::Status::Failed
            || probe.status == Shot::Status::Unsupported);
    if (probe.status != Shot::Status::Ok) {
        QVERIFY(!probe.error.isEmpty());
        QVERIFY(probe.width == 0 && probe.height == 0);
        // The reason without the numbers, to group them in the summary.
        static const QRegularExpression digits(QStringLiteral("\\d+"));
        QString reason = probe.error;
        m_badReasons[Shot::statusName(probe.status) + u": " + reason.replace(digits, QStringLiteral("N"))] += 1;
    } else {
        QVERIFY(probe.width > 0 && probe.height > 0);
    }
    QCOMPARE(probe.contentHash.size(), 64);
    m_badCounts[probe.status] += 1;
}

void TestMetadata::badFilesSummary()
{
    int total = 0;
    for (int n : std::as_const(m_badCounts))
        total += n;
    qInfo("bad/: %d files: %d ok, %d failed, %d unsupported", total, m_badCounts.value(Shot::Status::Ok),
          m_badCounts.value(Shot::Status::Failed), m_badCounts.value(Shot::Status::Unsupported));
    for (auto it = m_badReasons.cbegin(); it != m_badReasons.cend(); ++it)
        qInfo("  %3d x %s", it.value(), qPrintable(it.key()));
    QCOMPARE(total, filesUnder(QStringLiteral("bad")).size());
}

void TestMetadata::truncatedFilesFail_data()
{
    QTest::addColumn<QString>("file");
    // Files cut off in the image data (no end-of-image marker after the scan) or inside a header
    // segment; libjpeg would decode most of them with a grey bottom and only a warning.
    const char *files[] = {
        "bad/pillow/truncated_jpeg.jpg",
        "bad/imagetestsuite/32d08f4a5eb10332506ebedbb9bc7257.jpg",
        "bad/imagetestsuite/3ea649db8e81a46ca4f92fb3238f78ff.jpg",
        "bad/imagetestsuite/8a9cc8eeed66aeb423a91c44111d9450.jpg",
        "bad/imagetestsuite/fd44dc63fa7bdd12ee34fc602231ef02.jpg",
        "bad/exiv2-poc/issue_3455_sigma_print0x0008_empty.jpg",
        "bad/exiv2-poc/issue_853_poc.jpg",
    };
    for (const char *file : files)
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestMetadata::truncatedFilesFail()
{
    QFETCH(QString, file);
    const FileProbe probe = FileProber::probe(corpus(file));
    QCOMPARE(probe.status, Shot::Status::Failed);
    QVERIFY2(probe.error.startsWith(u"The file is truncated"), qPrintable(probe.error));
}

void TestMetadata::truncatedGeneratedFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QSize>("size");

    // The corpus has no GIF or BMP and no cut-off PNG, WebP or TIFF: written here, then cut.
    QImage image(64, 48, QImage::Format_RGB32);
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            image.setPixel(x, y, qRgb((x * 37) % 256, (y * 91) % 256, (x * y) % 256));
    }
    for (const char *format : {"jpeg", "png", "webp", "tiff", "bmp"}) {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QVERIFY2(image.save(&buffer, format), format);
        QTest::newRow(format) << buffer.data() << image.size();
    }
    // A 1×1 GIF (Qt writes no GIF).
    QTest::newRow("gif") << QByteArrayLiteral("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
                                              "!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00"
                                              "\x00\x02\x02" "D\x01\x00;")
                         << QSize(1, 1);
}

void TestMetadata::truncatedGeneratedFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QSize, size);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto write = [&dir](const QString &name, const QByteArray &content) {
        const QString path = dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            return QString();
        return path;
    };

    const FileProbe whole = FileProber::probe(write(QStringLiteral("whole"), bytes));
    QVERIFY2(whole.status == Shot::Status::Ok, qPrintable(whole.error));
    QCOMPARE(whole.format, QString::fromLatin1(QTest::currentDataTag()));
    QCOMPARE(QSize(whole.width, whole.height), size);

    // Cut at several places, but never so early that the signature itself is gone.
    for (const double keep : {0.9, 0.6, 0.3}) {
        const qsizetype length = std::max<qsizetype>(16, qsizetype(bytes.size() * keep));
        if (length >= bytes.size())
            continue;
        const FileProbe cut = FileProber::probe(write(QStringLiteral("cut"), bytes.left(length)));
        QCOMPARE(cut.status, Shot::Status::Failed);
        QVERIFY2(cut.error.startsWith(u"The file is truncated"), qPrintable(cut.error));
    }
}

void TestMetadata::hashMatchesQt()
{
    const QString path = corpus(QStringLiteral("photos/exiv2/exiv2-nikon-d70.jpg"));
    const QByteArray bytes = fileBytes(path);
    QVERIFY(!bytes.isEmpty());
    const QString expected = blake2b(bytes);
    QCOMPARE(expected.size(), 64);

    const Result<QString> streamed = FileProber::hashFile(path);
    QVERIFY(streamed.ok());
    QCOMPARE(streamed.value(), expected);
    QCOMPARE(FileProber::probe(path).contentHash, expected);

    // Same bytes elsewhere: same hash; one byte changed: a different one.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("copy.jpg"));
    QVERIFY(QFile::copy(path, copy));
    QCOMPARE(FileProber::hashFile(copy).value(), expected);
    QCOMPARE(FileProber::probe(copy).contentHash, expected);
    QByteArray changed = bytes;
    changed[changed.size() / 2] = char(changed[changed.size() / 2] ^ 1);
    const QString other = dir.filePath(QStringLiteral("changed.jpg"));
    QFile f(other);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(changed);
    f.close();
    QVERIFY(FileProber::hashFile(other).value() != expected);

    // Bigger than one read chunk, to exercise the streaming loop.
    const QString big = dir.filePath(QStringLiteral("big.bin"));
    QFile b(big);
    QVERIFY(b.open(QIODevice::WriteOnly));
    QByteArray bigBytes;
    for (int i = 0; i < 3; ++i)
        bigBytes += bytes;
    while (bigBytes.size() < (3 << 20))
        bigBytes += bigBytes;
    b.write(bigBytes);
    b.close();
    QCOMPARE(FileProber::hashFile(big).value(), blake2b(bigBytes));
}

void TestMetadata::hashOfEmptyFile()
{
    QTemporaryDir dir;
    const QString empty = dir.filePath(QStringLiteral("empty.jpg"));
    QFile f(empty);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const QString expected = blake2b({});
    QCOMPARE(FileProber::hashFile(empty).value(), expected);

    const FileProbe probe = FileProber::probe(empty);
    QCOMPARE(probe.status, Shot::Status::Failed);
    QVERIFY(probe.error.contains(u"empty"));
    QCOMPARE(probe.byteSize, 0);
    QCOMPARE(probe.contentHash, expected);
    QVERIFY(!ExifReader::read(empty).ok());
}

void TestMetadata::unreadablePaths()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // A folder.
    const FileProbe folder = FileProber::probe(dir.path());
    QCOMPARE(folder.status, Shot::Status::Failed);
    QVERIFY(!folder.error.isEmpty());
    QVERIFY(folder.contentHash.isEmpty());
    QVERIFY(!FileProber::hashFile(dir.path()).ok());
    QVERIFY(!ExifReader::read(dir.path()).ok());

    // Special files: a pipe would block the open, /dev/zero would never end.
    const QString fifo = dir.filePath(QStringLiteral("pipe.jpg"));
    QCOMPARE(QProcess::execute(QStringLiteral("mkfifo"), {fifo}), 0);
    for (const QString &special : {fifo, QStringLiteral("/dev/zero")}) {
        const FileProbe probe = FileProber::probe(special);
        QCOMPARE(probe.status, Shot::Status::Failed);
        QVERIFY(!probe.error.isEmpty());
        QVERIFY(!FileProber::hashFile(special).ok());
        QVERIFY(!ExifReader::read(special).ok());
    }

    // A path that does not exist.
    const QString gone = dir.filePath(QStringLiteral("gone.jpg"));
    QCOMPARE(FileProber::probe(gone).status, Shot::Status::Missing);
    QVERIFY(!FileProber::hashFile(gone).ok());
    QCOMPARE(ExifReader::read(gone).error().code, Error::Code::Io);

    // A file without read permission.
    const QString locked = dir.filePath(QStringLiteral("locked.jpg"));
    QVERIFY(QFile::copy(corpus(QStringLiteral("photos/exiv2/exiv2-nikon-d70.jpg")), locked));
    QVERIFY(QFile::setPermissions(locked, QFileDevice::Permissions{}));
    QFile probeOpen(locked);
    if (probeOpen.open(QIODevice::ReadOnly))
        QSKIP("running with privileges that ignore file permissions (root?); the unreadable case cannot be made");
    const FileProbe denied = FileProber::probe(locked);
    QCOMPARE(denied.status, Shot::Status::Failed);
    QVERIFY2(denied.error.contains(u"could not be opened"), qPrintable(denied.error));
    QVERIFY(denied.contentHash.isEmpty());
    QVERIFY(!FileProber::hashFile(locked).ok());
    QCOMPARE(ExifReader::read(locked).error().code, Error::Code::Io);
}

QTEST_GUILESS_MAIN(TestMetadata)

#include "tst_metadata.moc"
