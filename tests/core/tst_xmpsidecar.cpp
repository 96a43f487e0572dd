// XmpSidecar: round trips, what exiftool makes of our sidecars, sidecars written by Lightroom,
// digiKam and exiftool, merging with other tools' data, and the failure paths (damaged sidecar,
// read-only folder) that must never pass silently.

#include "metadata/xmpsidecar.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <QtConcurrent>

#include <unistd.h>

using namespace stills;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(stills::SidecarData)

namespace {

constexpr auto exiftoolMissing = "exiftool is not installed (Debian: libimage-exiftool-perl); CI installs it";

QString errorText(const Error &e)
{
    return QStringLiteral("code %1: %2").arg(int(e.code)).arg(e.message);
}

// QVERIFY2 evaluates its message even on success, and error() is only valid on failure.
#define VERIFY_OK(result)                                                                                    \
    do {                                                                                                     \
        if (!(result).ok())                                                                                  \
            QFAIL(qPrintable(errorText((result).error())));                                                  \
    } while (false)

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList listing(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

// A JSON value from exiftool as strings: a list stays a list, a scalar becomes one item
// (exiftool prints one-item lists as scalars and numeric-looking strings as numbers).
QStringList strings(const QJsonValue &v)
{
    QStringList out;
    if (v.isArray()) {
        for (const QJsonValue &item : v.toArray())
            out.append(item.toVariant().toString());
    } else if (!v.isUndefined() && !v.isNull()) {
        out.append(v.toVariant().toString());
    }
    return out;
}

// The value of a simple property (written as an attribute or as an element) in the
// rdf:Description elements of a packet; exiftool does not know every namespace by name.
QString simpleProperty(const QByteArray &xml, const QString &ns, const QString &name)
{
    QXmlStreamReader r(xml);
    while (!r.atEnd()) {
        if (r.readNext() != QXmlStreamReader::StartElement)
            continue;
        for (const QXmlStreamAttribute &a : r.attributes()) {
            if (a.namespaceUri() == ns && a.name() == name)
                return a.value().toString();
        }
        if (r.namespaceUri() == ns && r.name() == name)
            return r.readElementText(QXmlStreamReader::IncludeChildElements);
    }
    return {};
}

SidecarData make(QStringList tags, QString title, QString description, int rating, bool rejected, QString label)
{
    SidecarData d;
    d.tags = std::move(tags);
    d.title = std::move(title);
    d.description = std::move(description);
    d.rating = rating;
    d.rejected = rejected;
    d.label = std::move(label);
    return d;
}

// Sidecars as other tools write them, defined at the end of the file: moc misreads "//" inside a
// multi-line raw string and would then miss the test class.
extern const char lightroomSidecar[];
extern const char digikamSidecar[];
extern const char foreignSidecar[];
extern const char flatSidecar[];

} // namespace

class TestXmpSidecar : public QObject
{
    Q_OBJECT

private:
    QString m_exiftool;

    QJsonObject exiftool(const QString &sidecar, QString *error, const QStringList &options = {})
    {
        QProcess p;
        p.start(m_exiftool, QStringList{u"-j"_s, u"-XMP:all"_s} + options + QStringList{sidecar});
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *error = QStringLiteral("exiftool failed: %1 %2").arg(p.errorString(), QString::fromUtf8(p.readAllStandardError()));
            return {};
        }
        const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput());
        if (!doc.isArray() || doc.array().isEmpty()) {
            *error = QStringLiteral("exiftool printed no JSON array");
            return {};
        }
        return doc.array().first().toObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_exiftool = QStandardPaths::findExecutable(QStringLiteral("exiftool"));
    }

    void paths_data()
    {
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("sidecar");
        QTest::addColumn<QStringList>("candidates");
        QTest::newRow("jpeg") << u"/p/photo.jpg"_s << u"/p/photo.jpg.xmp"_s
                              << QStringList{u"/p/photo.jpg.xmp"_s, u"/p/photo.xmp"_s};
        QTest::newRow("two dots") << u"/p/a.b.NEF"_s << u"/p/a.b.NEF.xmp"_s
                                  << QStringList{u"/p/a.b.NEF.xmp"_s, u"/p/a.b.xmp"_s};
        QTest::newRow("no suffix") << u"/p.d/photo"_s << u"/p.d/photo.xmp"_s << QStringList{u"/p.d/photo.xmp"_s};
        QTest::newRow("relative") << u"photo.png"_s << u"photo.png.xmp"_s
                                  << QStringList{u"photo.png.xmp"_s, u"photo.xmp"_s};
    }

    void paths()
    {
        QFETCH(QString, image);
        QFETCH(QString, sidecar);
        QFETCH(QStringList, candidates);
        QCOMPARE(XmpSidecar::sidecarPath(image), sidecar);
        QCOMPARE(XmpSidecar::candidatePaths(image), candidates);
    }

    void roundTrip_data()
    {
        QTest::addColumn<SidecarData>("data");
        QTest::newRow("empty") << SidecarData{};
        QTest::newRow("flat tags") << make({u"sea"_s, u"boat"_s}, {}, {}, 0, false, {});
        QTest::newRow("hierarchical tags")
            << make({u"Lighting/Low key"_s, u"Places/France/Paris"_s, u"Places/Texas/Paris"_s, u"Mood"_s},
                    u"T"_s, {}, 2, false, {});
        QTest::newRow("unicode") << make({u"場所/日本語"_s, u"Café/Crème brûlée"_s, u"emoji/🐈‍⬛ 🎉"_s},
                                         u"日本語のタイトル é 🎞️"_s, u"Ünïcödé\nsecond line 😀"_s, 4, false, u"Green"_s);
        QTest::newRow("markup characters")
            << make({u"A & B/<c>"_s, u"\"quoted\""_s}, u"Tom's \"best\" <shot> & more"_s,
                    u"a < b && c > d; 'single' \"double\" &amp; </rdf:li>"_s, 1, false, {});
        QTest::newRow("lang= prefix is text") << make({}, u"lang=\"de\" not a language"_s, {}, 0, false, {});
        for (int rating = 0; rating <= 5; ++rating)
            QTest::addRow("rating %d", rating) << make({}, {}, {}, rating, false, {});
        QTest::newRow("rejected") << make({u"x"_s}, {}, {}, 0, true, {});
        for (const QString &label : {u"Red"_s, u"Yellow"_s, u"Green"_s, u"Blue"_s, u"Purple"_s})
            QTest::addRow("label %s", qPrintable(label)) << make({}, {}, {}, 0, false, label);
    }

    void roundTrip()
    {
        QFETCH(SidecarData, data);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString image = dir.filePath(u"shot.jpg"_s);
        const QByteArray imageBytes("not really a jpeg, and it must stay as it is");
        QVERIFY(writeBytes(image, imageBytes));

        const Status written = XmpSidecar::write(image, data);
        VERIFY_OK(written);
        QVERIFY(QFileInfo::exists(dir.filePath(u"shot.jpg.xmp"_s)));
        QCOMPARE(readBytes(image), imageBytes);
        QCOMPARE(listing(dir.path()), (QStringList{u"shot.jpg"_s, u"shot.jpg.xmp"_s}));

        const Result<SidecarData> back = XmpSidecar::read(image);
        VERIFY_OK(back);
        QCOMPARE(back->tags, data.tags);
        QCOMPARE(back->title, data.title);
        QCOMPARE(back->description, data.description);
        QCOMPARE(back->rating, data.rating);
        QCOMPARE(back->rejected, data.rejected);
        QCOMPARE(back->label, data.label);
        QVERIFY(*back == data);

        // Writing what was read changes nothing.
        const QByteArray first = readBytes(XmpSidecar::sidecarPath(image));
        QVERIFY(XmpSidecar::write(image, *back).ok());
        QCOMPARE(readBytes(XmpSidecar::sidecarPath(image)), first);
    }

    void normalisesTags()
    {
        QTemporaryDir dir;
        const QString image = dir.filePath(u"a.jpg"_s);
        SidecarData in;
        in.tags = {u" Lighting / Low key "_s, u"Lighting/Low key"_s, u"/Lead//Trail/"_s, u"  "_s, u"Other/Low key"_s};
        QVERIFY(XmpSidecar::write(image, in).ok());
        const auto back = XmpSidecar::read(image);
        QVERIFY(back.ok());
        QCOMPARE(back->tags, (QStringList{u"Lighting/Low key"_s, u"Lead/Trail"_s, u"Other/Low key"_s}));
        // dc:subject holds each leaf once.
        if (m_exiftool.isEmpty())
            QFAIL(exiftoolMissing);
        QString error;
        const QJsonObject json = exiftool(XmpSidecar::sidecarPath(image), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(strings(json.value(u"Subject"_s)), (QStringList{u"Low key"_s, u"Trail"_s}));
    }

    void exiftoolReadsOurSidecars_data()
    {
        QTest::addColumn<SidecarData>("data");
        QTest::addColumn<QString>("rating"); // as exiftool prints it
        QTest::newRow("everything") << make({u"Lighting/Low key"_s, u"Places/France/Paris"_s, u"Mood"_s},
                                            u"Title & <more>"_s, u"A \"quoted\" description"_s, 5, false, u"Red"_s)
                                    << u"5"_s;
        QTest::newRow("unicode") << make({u"場所/日本語"_s, u"Café/é"_s, u"🐈"_s}, u"日本語 é 🎞️"_s,
                                         u"line one\nline two 😀"_s, 3, false, u"Purple"_s)
                                 << u"3"_s;
        QTest::newRow("single tag") << make({u"Only/One"_s}, u"T"_s, {}, 0, false, u"Yellow"_s) << u"0"_s;
        QTest::newRow("rejected") << make({u"a"_s, u"b"_s}, {}, u"D"_s, 0, true, {}) << u"-1"_s;
    }

    void exiftoolReadsOurSidecars()
    {
        QFETCH(SidecarData, data);
        QFETCH(QString, rating);
        if (m_exiftool.isEmpty())
            QFAIL(exiftoolMissing);
        QTemporaryDir dir;
        const QString image = dir.filePath(u"shot.jpg"_s);
        QVERIFY(XmpSidecar::write(image, data).ok());

        QString error;
        const QJsonObject json = exiftool(XmpSidecar::sidecarPath(image), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        QStringList leaves, lightroom;
        for (const QString &tag : data.tags) {
            leaves.append(tag.section(u'/', -1));
            lightroom.append(QString(tag).replace(u'/', u'|'));
        }
        QCOMPARE(strings(json.value(u"Subject"_s)), leaves);
        QCOMPARE(strings(json.value(u"HierarchicalSubject"_s)), lightroom);
        QCOMPARE(strings(json.value(u"TagsList"_s)), data.tags);
        QCOMPARE(json.value(u"Title"_s).toString(), data.title);
        QCOMPARE(json.value(u"Description"_s).toString(), data.description);
        QCOMPARE(json.value(u"Rating"_s).toVariant().toString(), rating);
        QCOMPARE(json.value(u"Label"_s).toString(), data.label);
    }

    void readsOtherTools_data()
    {
        QTest::addColumn<QString>("fileName"); // next to "photo.jpg"
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<SidecarData>("expected");
        QTest::newRow("Lightroom (photo.xmp)")
            << u"photo.xmp"_s << QByteArray(lightroomSidecar)
            << make({u"Lighting/Low key"_s, u"Places/France/Paris"_s, u"loose keyword"_s}, u"Café at night"_s, {},
                    0, true, u"Red"_s);
        QTest::newRow("digiKam (photo.jpg.xmp)")
            << u"photo.jpg.xmp"_s << QByteArray(digikamSidecar)
            << make({u"People/Family/Anna"_s, u"Genre/Portrait"_s}, {}, u"Anna & the \"big\" dog <3"_s, 3, false, {});
        QTest::newRow("flat dc:subject only, title in one language, real rating")
            << u"photo.jpg.xmp"_s
            << QByteArray(flatSidecar)
            << make({u"sea"_s, u"boat"_s}, u"Harbour"_s, {}, 4, false, u"Purple"_s);
        QTest::newRow("empty file") << u"photo.jpg.xmp"_s << QByteArray() << SidecarData{};
    }

    void readsOtherTools()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, xml);
        QFETCH(SidecarData, expected);
        QTemporaryDir dir;
        QVERIFY(writeBytes(dir.filePath(fileName), xml));
        const auto data = XmpSidecar::read(dir.filePath(u"photo.jpg"_s));
        VERIFY_OK(data);
        QCOMPARE(data->tags, expected.tags);
        QCOMPARE(data->title, expected.title);
        QCOMPARE(data->description, expected.description);
        QCOMPARE(data->rating, expected.rating);
        QCOMPARE(data->rejected, expected.rejected);
        QCOMPARE(data->label, expected.label);
    }

    void prefersFileDotXmp()
    {
        QTemporaryDir dir;
        QVERIFY(writeBytes(dir.filePath(u"photo.xmp"_s), lightroomSidecar));
        QVERIFY(writeBytes(dir.filePath(u"photo.jpg.xmp"_s), digikamSidecar));
        const auto data = XmpSidecar::read(dir.filePath(u"photo.jpg"_s));
        QVERIFY(data.ok());
        QCOMPARE(data->rating, 3);
    }

    void readsExiftoolSidecar()
    {
        if (m_exiftool.isEmpty())
            QFAIL(exiftoolMissing);
        QTemporaryDir dir;
        const QString sidecar = dir.filePath(u"made.jpg.xmp"_s);
        QProcess p;
        p.start(m_exiftool, {u"-o"_s, sidecar, u"-XMP-dc:Subject=Sea"_s, u"-XMP-dc:Subject=Low key"_s,
                             u"-XMP-lr:HierarchicalSubject=Lighting|Low key"_s, u"-XMP:Rating=4"_s,
                             u"-XMP-dc:Title=Tïtle & <co>"_s, u"-XMP-dc:Description=Désc"_s, u"-XMP-xmp:Label=Blue"_s});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(QFileInfo::exists(sidecar));

        const auto data = XmpSidecar::read(dir.filePath(u"made.jpg"_s));
        VERIFY_OK(data);
        QCOMPARE(data->tags, (QStringList{u"Lighting/Low key"_s, u"Sea"_s}));
        QCOMPARE(data->title, u"Tïtle & <co>"_s);
        QCOMPARE(data->description, u"Désc"_s);
        QCOMPARE(data->rating, 4);
        QVERIFY(!data->rejected);
        QCOMPARE(data->label, u"Blue"_s);
    }

    void mergeKeepsForeignProperties()
    {
        QTemporaryDir dir;
        const QString image = dir.filePath(u"photo.jpg"_s);
        const QString sidecar = XmpSidecar::sidecarPath(image);
        QVERIFY(writeBytes(sidecar, foreignSidecar));

        const SidecarData ours = make({u"New/Tag"_s}, u"New title"_s, u"Described"_s, 2, false, {});
        const Status written = XmpSidecar::write(image, ours);
        VERIFY_OK(written);

        const auto back = XmpSidecar::read(image);
        QVERIFY(back.ok());
        QCOMPARE(*back, ours); // old tag, rating 5 and label Blue replaced

        const QByteArray xml = readBytes(sidecar);
        const QString xmpNs = u"http://ns.adobe.com/xap/1.0/"_s;
        const QString dtNs = u"http://darktable.sf.net/"_s;
        QCOMPARE(simpleProperty(xml, xmpNs, u"CreatorTool"_s), u"darktable 4.2.1"_s);
        QCOMPARE(simpleProperty(xml, xmpNs, u"Label"_s), QString());
        QCOMPARE(simpleProperty(xml, u"http://example.com/ns/other/1.0/"_s, u"Thing"_s), u"keep me"_s);
        QCOMPARE(simpleProperty(xml, dtNs, u"xmp_version"_s), u"5"_s);
        QCOMPARE(simpleProperty(xml, dtNs, u"history_end"_s), u"2"_s);
        QVERIFY(xml.contains("exposure"));
        QVERIFY(xml.contains("colorin"));
        QVERIFY(!xml.contains("old tag"));
        QVERIFY(!xml.contains("Old title"));
        QVERIFY(xml.contains("Alter Titel")); // another language of the title is not ours to drop

        // exiftool's view of everything we do not manage is the same as before the write.
        if (m_exiftool.isEmpty())
            QFAIL(exiftoolMissing);
        const QString original = dir.filePath(u"original.xmp"_s);
        QVERIFY(writeBytes(original, foreignSidecar));
        QString error;
        QJsonObject before = exiftool(original, &error, {u"-struct"_s});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QJsonObject after = exiftool(sidecar, &error, {u"-struct"_s});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(after.value(u"Title"_s).toString(), u"New title"_s);
        QCOMPARE(after.value(u"History"_s).toArray().size(), 2);
        for (const QString &managed : {u"SourceFile"_s, u"Subject"_s, u"HierarchicalSubject"_s, u"TagsList"_s,
                                       u"Title"_s, u"Description"_s, u"Rating"_s, u"Label"_s}) {
            before.remove(managed);
            after.remove(managed);
        }
        QCOMPARE(after, before);

        // Clearing the title clears every language of it.
        QVERIFY(XmpSidecar::write(image, make({}, {}, {}, 0, false, {})).ok());
        QVERIFY(!readBytes(sidecar).contains("Alter Titel"));
        QCOMPARE(simpleProperty(readBytes(sidecar), xmpNs, u"CreatorTool"_s), u"darktable 4.2.1"_s);
    }

    void corrupt_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not XML") << QByteArray("this is not XML at all\n") << u"not well-formed XML"_s;
        QTest::newRow("binary") << QByteArray("\xff\xd8\xff\xe0\x00\x10JFIF\x00", 11) << u"not well-formed XML"_s;
        QTest::newRow("truncated") << QByteArray(lightroomSidecar).left(700) << u"not well-formed XML"_s;
        QTest::newRow("XML without RDF") << QByteArray("<html><body>hi</body></html>") << u"no rdf:RDF"_s;
        QTest::newRow("DTD") << QByteArray("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>")
                             << u"DTD"_s;
    }

    void corrupt()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);

        const auto parsed = XmpSidecar::parse(bytes);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, Error::Code::Corrupt);
        QVERIFY2(parsed.error().message.contains(reason), qPrintable(parsed.error().message));

        QTemporaryDir dir;
        const QString image = dir.filePath(u"bad.jpg"_s);
        const QString sidecar = XmpSidecar::sidecarPath(image);
        QVERIFY(writeBytes(sidecar, bytes));
        const auto read = XmpSidecar::read(image);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, Error::Code::Corrupt);
        QVERIFY2(read.error().message.contains(sidecar), qPrintable(read.error().message));
        QVERIFY2(read.error().message.contains(reason), qPrintable(read.error().message));

        // A sidecar we cannot read may hold another tool's data: it is reported, not overwritten.
        const Status written = XmpSidecar::write(image, make({u"t"_s}, {}, {}, 3, false, {}));
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, Error::Code::Corrupt);
        QVERIFY2(written.error().message.contains(sidecar), qPrintable(written.error().message));
        QCOMPARE(readBytes(sidecar), bytes);
        QCOMPARE(listing(dir.path()), QStringList{u"bad.jpg.xmp"_s});
    }

    void notFound()
    {
        QTemporaryDir dir;
        const auto data = XmpSidecar::read(dir.filePath(u"photo.jpg"_s));
        QVERIFY(!data.ok());
        QCOMPARE(data.error().code, Error::Code::NotFound);
    }

    void writeFailure_data()
    {
        QTest::addColumn<bool>("readOnlyFolder"); // else the folder is a regular file
        QTest::addColumn<bool>("existingSidecar");
        QTest::newRow("read-only folder") << true << false;
        QTest::newRow("read-only folder, sidecar exists") << true << true;
        QTest::newRow("parent is a regular file") << false << false;
    }

    void writeFailure()
    {
        QFETCH(bool, readOnlyFolder);
        QFETCH(bool, existingSidecar);
        QTemporaryDir dir;
        QString folder = dir.filePath(u"photos"_s);
        const QByteArray old(digikamSidecar);
        if (readOnlyFolder) {
            QVERIFY(QDir().mkpath(folder));
            if (existingSidecar)
                QVERIFY(writeBytes(folder + u"/photo.jpg.xmp"_s, old));
            QVERIFY(QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner));
            // Root (and CAP_DAC_OVERRIDE) writes regardless of the mode bits.
            QFile probe(folder + u"/probe"_s);
            if (probe.open(QIODevice::WriteOnly)) {
                probe.remove();
                QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
                QSKIP("running with privileges that ignore folder permissions (root?)");
            }
        } else {
            QVERIFY(writeBytes(folder, "a file where a folder should be"));
        }
        const QStringList before = listing(readOnlyFolder ? folder : dir.path());
        const QString image = folder + u"/photo.jpg"_s;

        const Status written = XmpSidecar::write(image, make({u"t"_s}, u"x"_s, {}, 1, false, u"Red"_s));
        if (readOnlyFolder)
            QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, Error::Code::Io);
        QVERIFY2(written.error().message.contains(XmpSidecar::sidecarPath(image)), qPrintable(written.error().message));
        qInfo("%s", qPrintable(written.error().message));
        // Nothing half-written: no temporary file, and an old sidecar unchanged.
        QCOMPARE(listing(readOnlyFolder ? folder : dir.path()), before);
        if (existingSidecar)
            QCOMPARE(readBytes(folder + u"/photo.jpg.xmp"_s), old);
    }

    void concurrentWritesAndReads()
    {
        QTemporaryDir dir;
        QList<int> jobs;
        for (int i = 0; i < 64; ++i)
            jobs.append(i);
        const QList<QString> failures = QtConcurrent::blockingMapped(jobs, [&dir](int i) {
            const QString image = dir.filePath(QStringLiteral("img%1.jpg").arg(i));
            const SidecarData data = make({QStringLiteral("Batch/%1").arg(i), u"Shared/日本"_s},
                                          QStringLiteral("Title %1").arg(i), {}, i % 6, false, {});
            for (int round = 0; round < 5; ++round) {
                if (const Status s = XmpSidecar::write(image, data); !s.ok())
                    return s.error().message;
                const auto back = XmpSidecar::read(image);
                if (!back.ok())
                    return back.error().message;
                if (!(*back == data))
                    return QStringLiteral("img%1 read back different data").arg(i);
            }
            return QString();
        });
        for (const QString &failure : failures)
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
};

namespace {

// How Lightroom Classic writes a sidecar (photo.xmp next to photo.jpg): ancestors in dc:subject,
// full paths with '|' in lr:hierarchicalSubject, -1 for a rejected photo, develop settings.
const char lightroomSidecar[] = R"xmp(<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 7.0-c000 1.000000, 0000/00/00-00:00:00        ">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
    xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
   xmp:Rating="-1"
   xmp:Label="Red"
   xmp:CreatorTool="Adobe Photoshop Lightroom Classic 12.0 (Macintosh)"
   crs:Exposure2012="+0.35">
   <dc:title>
    <rdf:Alt>
     <rdf:li xml:lang="x-default">Café at night</rdf:li>
    </rdf:Alt>
   </dc:title>
   <dc:subject>
    <rdf:Bag>
     <rdf:li>Lighting</rdf:li>
     <rdf:li>Low key</rdf:li>
     <rdf:li>Places</rdf:li>
     <rdf:li>France</rdf:li>
     <rdf:li>Paris</rdf:li>
     <rdf:li>loose keyword</rdf:li>
    </rdf:Bag>
   </dc:subject>
   <lr:hierarchicalSubject>
    <rdf:Bag>
     <rdf:li>Lighting|Low key</rdf:li>
     <rdf:li>Places|France|Paris</rdf:li>
    </rdf:Bag>
   </lr:hierarchicalSubject>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
)xmp";

// How digiKam writes photo.jpg.xmp: digiKam:TagsList with '/', a description, its own extras.
const char digikamSidecar[] = R"xmp(<?xml version="1.0" encoding="UTF-8"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:digiKam="http://www.digikam.org/ns/1.0/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:MicrosoftPhoto="http://ns.microsoft.com/photo/1.0/"
   xmp:Rating="3"
   digiKam:ColorLabel="4"
   MicrosoftPhoto:Rating="50">
   <digiKam:TagsList>
    <rdf:Seq>
     <rdf:li>People/Family/Anna</rdf:li>
     <rdf:li>Genre/Portrait</rdf:li>
    </rdf:Seq>
   </digiKam:TagsList>
   <dc:subject>
    <rdf:Bag>
     <rdf:li>Anna</rdf:li>
     <rdf:li>Portrait</rdf:li>
    </rdf:Bag>
   </dc:subject>
   <dc:description>
    <rdf:Alt>
     <rdf:li xml:lang="x-default">Anna &amp; the "big" dog &lt;3</rdf:li>
    </rdf:Alt>
   </dc:description>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
)xmp";

// A sidecar another program owns most of: darktable's history and a made-up namespace must
// survive our writes; our old values must not.
const char foreignSidecar[] = R"xmp(<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 4.4.0-Exiv2">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:darktable="http://darktable.sf.net/"
    xmlns:other="http://example.com/ns/other/1.0/"
   xmp:CreatorTool="darktable 4.2.1"
   xmp:Rating="5"
   xmp:Label="Blue"
   darktable:xmp_version="5"
   darktable:history_end="2"
   other:Thing="keep me">
   <dc:title>
    <rdf:Alt>
     <rdf:li xml:lang="x-default">Old title</rdf:li>
     <rdf:li xml:lang="de-DE">Alter Titel</rdf:li>
    </rdf:Alt>
   </dc:title>
   <dc:subject>
    <rdf:Bag>
     <rdf:li>old tag</rdf:li>
    </rdf:Bag>
   </dc:subject>
   <darktable:history>
    <rdf:Seq>
     <rdf:li darktable:operation="exposure" darktable:enabled="1" darktable:num="0"/>
     <rdf:li darktable:operation="colorin" darktable:enabled="1" darktable:num="1"/>
    </rdf:Seq>
   </darktable:history>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>
)xmp";

// A tool that writes flat keywords only, a title in one language and a real-valued rating.
const char flatSidecar[] = R"xmp(<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:Rating="4.0" xmp:Label="purple">
<dc:subject><rdf:Bag><rdf:li>sea</rdf:li><rdf:li>boat</rdf:li><rdf:li>sea</rdf:li></rdf:Bag></dc:subject>
<dc:title><rdf:Alt><rdf:li xml:lang="en-US">Harbour</rdf:li></rdf:Alt></dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>)xmp";

} // namespace

QTEST_GUILESS_MAIN(TestXmpSidecar)
#include "tst_xmpsidecar.moc"
