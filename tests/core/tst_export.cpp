// Export: round trip through an archive import, crops and captions, read back by Python's zipfile
// and `unzip -t` (third-party readers); cancel and failure leave nothing under the target name.
#include "catalog/captionrepository.h"
#include "catalog/catalog.h"
#include "catalog/croprepository.h"
#include "catalog/photosetrepository.h"
#include "catalog/shotrepository.h"
#include "catalog/tagrepository.h"
#include "exporting/exporter.h"
#include "exporting/exportrecipe.h"
#include "imaging/croprenderer.h"
#include "imaging/imagedecoder.h"
#include "importing/archiveimporter.h"
#include "archivemaker.h"
#include "catalog/savedsearchrepository.h"
#include "testcatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "requireok.h"

using namespace stills;
using stills::test::ArchiveEntry;

namespace {

const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Reads a ZIP with Python's zipfile: checks every CRC (testzip), extracts into `into`, and returns
// {"names": [...], "stored": true when every image entry is stored, "deflated": true when every
// text entry (captions, manifest) is deflated, "bad": first bad entry or null}.
QJsonObject readWithPython(const QString &zip, const QString &into, QString *error)
{
    const QString script = QStringLiteral(
        "import json, sys, zipfile\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "bad = z.testzip()\n"
        "z.extractall(sys.argv[2])\n"
        "print(json.dumps({'names': z.namelist(), 'bad': bad,\n"
        "                  'stored': all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist()\n"
        "                                if i.filename.lower().endswith(('.jpg', '.jpeg', '.png', '.webp'))),\n"
        "                  'deflated': all(i.compress_type == zipfile.ZIP_DEFLATED for i in z.infolist()\n"
        "                                  if i.filename.endswith(('.txt', '.caption', '.jsonl')))}))\n");
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), script, zip, into});
    if (!python.waitForFinished(120'000) || python.exitCode() != 0) {
        *error = QString::fromUtf8(python.readAllStandardError()) + python.errorString();
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void safeNames_data();
    void safeNames();
    void cropGeometry();
    void roundTripOriginals();
    void crops();
    void folderAndRefusals();
    void cancel();
    void recipes();
    void commandLine();

private:
    QTemporaryDir m_tree;
    std::unique_ptr<test::ScratchCatalog> m_scratch;
    std::shared_ptr<Catalog> m_catalog;
    QList<qint64> m_shots; // in photoset order
    QHash<qint64, QString> m_captions;
};

void TestExport::initTestCase()
{
    QVERIFY(m_tree.isValid());
    m_scratch = std::make_unique<test::ScratchCatalog>();
    QVERIFY2(m_scratch->isValid(), qPrintable(m_scratch->errorString()));
    auto catalog = Catalog::open(m_scratch->url());
    REQUIRE_OK(catalog);
    m_catalog = *catalog;

    // An archive of real photos; two of them share a base name in different folders and one has a
    // name that is not safe on Windows.
    const QDir mei(kCorpus + QStringLiteral("/photos/mei"));
    const QList<ArchiveEntry> entries = {
        {"set/Canon 7D.jpg", readFile(mei.filePath(QStringLiteral("Canon_EOS_7D.jpg"))), ArchiveEntry::Type::File, {}},
        {"set/a/dup.jpg", readFile(mei.filePath(QStringLiteral("Canon_EOS_30D_4.jpg"))), ArchiveEntry::Type::File, {}},
        {"set/b/DUP.jpg", readFile(mei.filePath(QStringLiteral("Canon_EOS_REBEL_T3i.jpg"))), ArchiveEntry::Type::File, {}},
        {"set/con.jpg", readFile(QDir(kCorpus).filePath(QStringLiteral("photos/ianare/Nikon_D70.jpg"))),
         ArchiveEntry::Type::File, {}},
    };
    for (const ArchiveEntry &e : entries)
        QVERIFY(!e.data.isEmpty());
    const QString zip = m_tree.filePath(QStringLiteral("Shoot 1.zip"));
    QCOMPARE(test::writeArchive(zip, QStringLiteral("zip"), entries), QString());
    ArchiveImporter importer(*m_catalog);
    ArchiveImportOptions options;
    options.path = zip;
    options.storageFolder = m_tree.filePath(QStringLiteral("storage"));
    auto imported = importer.run(options);
    REQUIRE_OK(imported);
    QCOMPARE(imported->archives.size(), 1);
    QCOMPARE(imported->archives.first().import->added, 4);

    auto set = PhotosetRepository(*m_catalog).findByName(QStringLiteral("Shoot 1"));
    REQUIRE_OK(set);
    QVERIFY(set->has_value());
    auto members = PhotosetRepository(*m_catalog).members((*set)->id);
    REQUIRE_OK(members);
    m_shots = *members;
    QCOMPARE(m_shots.size(), 4);

    CaptionRepository captions(*m_catalog);
    TagRepository tags(*m_catalog);
    auto tagId = tags.ensurePath(QStringLiteral("Lighting/Low key"));
    REQUIRE_OK(tagId);
    REQUIRE_OK(tags.tagShots(*tagId, {m_shots.at(0), m_shots.at(1)}));
    int n = 0;
    for (qint64 id : std::as_const(m_shots)) {
        if (n == 3)
            break; // the last shot has no caption: its sidecar is empty
        Caption c;
        c.shotId = id;
        c.text = QStringLiteral("a photo, number %1, «quoted» and ünïcode").arg(++n);
        c.source = QStringLiteral("manual");
        REQUIRE_OK(captions.add(c));
        m_captions.insert(id, c.text);
    }
}

void TestExport::safeNames_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "photo" << "photo";
    QTest::newRow("reserved chars") << "a<b>c:d\"e/f\\g|h?i*j" << "a_b_c_d_e_f_g_h_i_j";
    QTest::newRow("trailing dot and space") << "name. " << "name";
    QTest::newRow("leading dot") << ".hidden" << "hidden";
    QTest::newRow("device name") << "con" << "_con";
    QTest::newRow("device name with suffix") << "LPT1.old" << "_LPT1.old";
    QTest::newRow("control") << QStringLiteral("a\u0007b") << "a_b";
    QTest::newRow("empty") << "" << "image";
    QTest::newRow("nfc") << QStringLiteral("cafe\u0301") << QStringLiteral("caf\u00e9");
    QTest::newRow("long") << QString(300, u'x') << QString(100, u'x');
}

void TestExport::safeNames()
{
    QFETCH(QString, base);
    QFETCH(QString, expected);
    QCOMPARE(Exporter::safeBaseName(base), expected);
    QSet<QString> taken;
    QCOMPARE(Exporter::uniqueName(QStringLiteral("a"), QStringLiteral("jpg"), taken), QStringLiteral("a.jpg"));
    QCOMPARE(Exporter::uniqueName(QStringLiteral("A"), QStringLiteral("jpg"), taken), QStringLiteral("A-2.jpg"));
}

void TestExport::cropGeometry()
{
    // Four coloured quadrants: where each lands tells the cut and the turn apart.
    QImage image(200, 100, QImage::Format_RGB32);
    QPainter p(&image);
    p.fillRect(0, 0, 100, 50, Qt::red);
    p.fillRect(100, 0, 100, 50, Qt::green);
    p.fillRect(0, 50, 100, 50, Qt::blue);
    p.fillRect(100, 50, 100, 50, Qt::yellow);
    p.end();
    Crop crop;
    crop.name = QStringLiteral("left half");
    crop.rect = QRectF(0, 0, 0.5, 1);
    auto cut = CropRenderer::apply(image, crop);
    REQUIRE_OK(cut);
    QCOMPARE(cut->size(), QSize(100, 100));
    QCOMPARE(QColor(cut->pixel(10, 10)), QColor(Qt::red));
    QCOMPARE(QColor(cut->pixel(10, 90)), QColor(Qt::blue));
    crop.rotation = 90; // clockwise: the bottom-left (blue) goes to the top-left
    cut = CropRenderer::apply(image, crop);
    REQUIRE_OK(cut);
    QCOMPARE(QColor(cut->pixel(10, 10)), QColor(Qt::blue));
    QCOMPARE(QColor(cut->pixel(90, 10)), QColor(Qt::red));
    crop.rect = QRectF(0.5, 0.5, 0.5, 0.5);
    crop.rotation = 180;
    cut = CropRenderer::apply(image, crop);
    REQUIRE_OK(cut);
    QCOMPARE(cut->size(), QSize(100, 50));
    QCOMPARE(QColor(cut->pixel(50, 25)), QColor(Qt::yellow));
    crop.rect = QRectF(0.5, 0.5, 0.8, 0.5); // outside the image
    QVERIFY(!CropRenderer::apply(image, crop));
}

void TestExport::roundTripOriginals()
{
    const QString target = m_tree.filePath(QStringLiteral("originals.zip"));
    Exporter exporter(*m_catalog);
    ExportOptions options;
    options.shotIds = m_shots;
    options.target = target;
    auto summary = exporter.run(options);
    REQUIRE_OK(summary);
    QCOMPARE(summary->images, 4);
    QCOMPARE(summary->sidecars, 4);

    QString error;
    const QString out = m_tree.filePath(QStringLiteral("originals-read"));
    const QJsonObject read = readWithPython(target, out, &error);
    QVERIFY2(!read.isEmpty(), qPrintable(error));
    QVERIFY(read.value(u"bad").isNull());
    QVERIFY(read.value(u"stored").toBool());   // JPEGs stored (nothing to gain, time to lose)
    QVERIFY(read.value(u"deflated").toBool()); // sidecars and manifest deflated
    QStringList names;
    for (const QJsonValue &v : read.value(u"names").toArray())
        names.append(v.toString());
    QCOMPARE(names.size(), 9); // 4 images, 4 sidecars, the manifest
    QVERIFY(names.contains(QStringLiteral("metadata.jsonl")));
    QVERIFY(names.contains(QStringLiteral("_con.jpg")));
    QSet<QString> folded;
    for (const QString &name : std::as_const(names))
        folded.insert(name.toCaseFolded());
    QCOMPARE(folded.size(), names.size()); // unique even where case does not count

    // unzip -t: another reader, another CRC check.
    if (!QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty()) {
        QProcess unzip;
        unzip.start(QStringLiteral("unzip"), {QStringLiteral("-t"), target});
        QVERIFY(unzip.waitForFinished(60'000));
        QVERIFY2(unzip.exitCode() == 0, unzip.readAllStandardOutput().constData());
    } else {
        QFAIL("unzip is not installed (tools/dev.sh lists it for the tests)");
    }

    // The manifest matches the catalog, the files match the originals byte for byte.
    const QList<QByteArray> lines = readFile(out + QStringLiteral("/metadata.jsonl")).trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    ShotRepository shots(*m_catalog);
    for (int i = 0; i < lines.size(); ++i) {
        const QJsonObject line = QJsonDocument::fromJson(lines.at(i)).object();
        auto shot = shots.get(m_shots.at(i));
        REQUIRE_OK(shot);
        const QString file = line.value(u"file").toString();
        QCOMPARE(readFile(out + u'/' + file), readFile(shot->path));
        QCOMPARE(line.value(u"source_hash").toString(), shot->contentHash);
        QCOMPARE(line.value(u"photoset").toString(), QStringLiteral("Shoot 1"));
        QCOMPARE(line.value(u"caption").toString(), m_captions.value(shot->id));
        const QString sidecar = line.value(u"caption_file").toString();
        QCOMPARE(sidecar, QFileInfo(file).completeBaseName() + QStringLiteral(".txt"));
        QCOMPARE(QString::fromUtf8(readFile(out + u'/' + sidecar)), m_captions.value(shot->id));
        const QJsonArray tags = line.value(u"tags").toArray();
        QCOMPARE(tags.contains(QStringLiteral("Lighting/Low key")), i < 2);
        QVERIFY(line.value(u"crop").isNull());
    }
}

void TestExport::crops()
{
    CropRepository crops(*m_catalog);
    Crop square;
    square.shotId = m_shots.at(0);
    square.name = QStringLiteral("square");
    square.rect = QRectF(0.25, 0, 0.5, 1);
    REQUIRE_OK(crops.save(square));
    Crop turned;
    turned.shotId = m_shots.at(0);
    turned.name = QStringLiteral("face");
    turned.rect = QRectF(0, 0, 0.5, 0.5);
    turned.rotation = 90;
    REQUIRE_OK(crops.save(turned));
    auto shot = ShotRepository(*m_catalog).get(m_shots.at(0));
    REQUIRE_OK(shot);
    auto upright = ImageDecoder::decodeScaled(shot->path, 1 << 20);
    REQUIRE_OK(upright);
    const QSize size = upright->size();

    ExportOptions options;
    options.shotIds = {m_shots.at(0), m_shots.at(1)};
    options.target = m_tree.filePath(QStringLiteral("crops.zip"));
    options.recipe.images = ExportRecipe::Images::Crops;
    options.recipe.caption = ExportRecipe::Caption::Caption;
    options.recipe.format = QStringLiteral("png");
    auto summary = Exporter(*m_catalog).run(options);
    REQUIRE_OK(summary);
    QCOMPARE(summary->images, 3); // two crops of the first shot, the second shot whole
    QString error;
    const QString out = m_tree.filePath(QStringLiteral("crops-read"));
    const QJsonObject read = readWithPython(options.target, out, &error);
    QVERIFY2(!read.isEmpty(), qPrintable(error));
    QVERIFY(read.value(u"bad").isNull());
    const QList<QByteArray> lines = readFile(out + QStringLiteral("/metadata.jsonl")).trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QHash<QString, QJsonObject> byCrop;
    for (const QByteArray &l : lines) {
        const QJsonObject o = QJsonDocument::fromJson(l).object();
        byCrop.insert(o.value(u"crop").toObject().value(u"name").toString(), o);
        QVERIFY(QFileInfo::exists(out + u'/' + o.value(u"caption_file").toString()));
        QVERIFY(o.value(u"caption_file").toString().endsWith(QStringLiteral(".caption")));
    }
    const QImage sq(out + u'/' + byCrop.value(QStringLiteral("square")).value(u"file").toString());
    QCOMPARE(sq.size(), QSize(int(std::lround(size.width() * 0.75)) - int(std::lround(size.width() * 0.25)), size.height()));
    const QImage face(out + u'/' + byCrop.value(QStringLiteral("face")).value(u"file").toString());
    QCOMPARE(face.size(), QSize(int(std::lround(size.height() * 0.5)), int(std::lround(size.width() * 0.5))));
    QVERIFY(byCrop.value(QString()).value(u"file").toString().endsWith(QStringLiteral(".png")));

    // One chosen crop, resized to a training size.
    options.target = m_tree.filePath(QStringLiteral("train.zip"));
    options.recipe.cropName = QStringLiteral("square");
    options.recipe.trainingSize = 256;
    options.recipe.format = QStringLiteral("jpeg");
    summary = Exporter(*m_catalog).run(options);
    REQUIRE_OK(summary);
    QCOMPARE(summary->images, 2);
    const QString trainOut = m_tree.filePath(QStringLiteral("train-read"));
    QVERIFY2(!readWithPython(options.target, trainOut, &error).isEmpty(), qPrintable(error));
    QDir dir(trainOut);
    const QStringList jpegs = dir.entryList({QStringLiteral("*.jpg")}, QDir::Files);
    QCOMPARE(jpegs.size(), 2);
    for (const QString &name : jpegs)
        QCOMPARE(QImage(dir.filePath(name)).size(), QSize(256, 256));
}

void TestExport::folderAndRefusals()
{
    // To a folder.
    ExportOptions options;
    options.shotIds = m_shots;
    options.target = m_tree.filePath(QStringLiteral("folder-export"));
    options.recipe.maxEdge = 300;
    auto summary = Exporter(*m_catalog).run(options);
    REQUIRE_OK(summary);
    QCOMPARE(summary->images, 4);
    const QDir dir(options.target);
    const QStringList images = dir.entryList({QStringLiteral("*.jpg")}, QDir::Files);
    QCOMPARE(images.size(), 4);
    for (const QString &name : images) {
        const QImage image(dir.filePath(name));
        QVERIFY(std::max(image.width(), image.height()) <= 300);
    }
    QVERIFY(!QFileInfo::exists(options.target + QStringLiteral(".partial")));

    // An existing target is never overwritten.
    auto again = Exporter(*m_catalog).run(options);
    QVERIFY(!again);
    QVERIFY(again.error().message.contains(QStringLiteral("exists already")));
    const QString zip = m_tree.filePath(QStringLiteral("existing.zip"));
    {
        QFile f(zip);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("keep me");
    }
    options.target = zip;
    again = Exporter(*m_catalog).run(options);
    QVERIFY(!again);
    QCOMPARE(readFile(zip), QByteArray("keep me"));

    // A missing original is skipped and named; the rest is exported.
    auto shot = ShotRepository(*m_catalog).get(m_shots.at(3));
    REQUIRE_OK(shot);
    const QString moved = shot->path + QStringLiteral(".away");
    QVERIFY(QFile::rename(shot->path, moved));
    options.target = m_tree.filePath(QStringLiteral("missing.zip"));
    options.recipe = ExportRecipe{};
    summary = Exporter(*m_catalog).run(options);
    QVERIFY(QFile::rename(moved, shot->path));
    REQUIRE_OK(summary);
    QCOMPARE(summary->images, 3);
    QCOMPARE(summary->skipped, 1);
    QCOMPARE(summary->problems.first().path, shot->path);
}

void TestExport::cancel()
{
    const QString folder = m_tree.filePath(QStringLiteral("cancel"));
    QVERIFY(QDir().mkpath(folder));
    for (const QString &name : {QStringLiteral("c.zip"), QStringLiteral("c-folder")}) {
        Exporter exporter(*m_catalog);
        exporter.setProgressCallback([&](qint64 done, qint64) {
            if (done > 0)
                exporter.cancel();
        });
        ExportOptions options;
        // Enough shots for several chunks: the same shots again and again.
        for (int i = 0; i < 40; ++i)
            options.shotIds += m_shots;
        options.target = QDir(folder).filePath(name);
        options.recipe.maxEdge = 64; // rendered: chunks of a few images
        auto summary = exporter.run(options);
        QVERIFY(!summary);
        QCOMPARE(summary.error().code, Error::Code::Cancelled);
        QVERIFY2(QDir(folder).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 qPrintable(test::listTree(folder).join(u' ')));
    }
}

void TestExport::recipes()
{
    const QString ini = m_tree.filePath(QStringLiteral("settings.ini"));
    ExportRecipeStore store(ini);
    ExportRecipe recipe;
    recipe.name = QStringLiteral("LoRA 1024/sq");
    recipe.images = ExportRecipe::Images::Crops;
    recipe.cropName = QStringLiteral("square");
    recipe.trainingSize = 1024;
    recipe.format = QStringLiteral("png");
    recipe.caption = ExportRecipe::Caption::Caption;
    REQUIRE_OK(store.save(recipe));
    QCOMPARE(ExportRecipeStore(ini).names(), QStringList{recipe.name});
    auto loaded = ExportRecipeStore(ini).load(recipe.name);
    REQUIRE_OK(loaded);
    QCOMPARE(loaded->toJson(), recipe.toJson());
    QVERIFY(!store.load(QStringLiteral("nope")));
    ExportRecipe bad = recipe;
    bad.format = QStringLiteral("gifx");
    QVERIFY(!store.save(bad));
    REQUIRE_OK(store.remove(recipe.name));
    QVERIFY(store.names().isEmpty());
}

// `stills migrate` then `stills export`, as a user would run them (exit codes, JSON, no overwrite).
void TestExport::commandLine()
{
    if (test::usingPostgres())
        QSKIP("the command line is tested once, on SQLite");
    QTemporaryDir dir;
    const QString archives = dir.filePath(QStringLiteral("archives"));
    const QString metadata = dir.filePath(QStringLiteral("metadata"));
    QVERIFY(QDir().mkpath(archives) && QDir().mkpath(metadata));
    const QByteArray jpeg = readFile(kCorpus + QStringLiteral("/photos/mei/Canon_EOS_7D.jpg"));
    QCOMPARE(test::writeArchive(archives + QStringLiteral("/alpha.zip"), QStringLiteral("zip"),
                                {{"a.jpg", jpeg, ArchiveEntry::Type::File, {}}, {"../escape.jpg", jpeg, ArchiveEntry::Type::File, {}}}),
             QString());
    {
        QFile f(metadata + QStringLiteral("/alpha.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"url": "https://example.org/alpha", "tags": ["cli"]})");
    }
    auto run = [&](const QStringList &args, QByteArray *output = nullptr) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(STILLS_BINARY),
                QStringList{QStringLiteral("--catalog"), dir.filePath(QStringLiteral("c.db"))} + args);
        if (!p.waitForFinished(120'000))
            return -1;
        if (output)
            *output = p.readAllStandardOutput();
        return p.exitCode();
    };
    QByteArray output;
    const QStringList migrate = {QStringLiteral("migrate"), QStringLiteral("--archives"), archives, QStringLiteral("--metadata"),
                                 metadata, QStringLiteral("--storage"), dir.filePath(QStringLiteral("storage")),
                                 QStringLiteral("--json"), QStringLiteral("-q")};
    // Exit code 1: the archive had an entry that was refused (the escape), which is reported.
    QCOMPARE(run(migrate, &output), 1);
    QJsonObject report = QJsonDocument::fromJson(output).object();
    QCOMPARE(report.value(u"archives").toArray().first().toObject().value(u"state").toString(), QStringLiteral("imported"));
    QCOMPARE(report.value(u"archives").toArray().first().toObject().value(u"refusedEntries").toArray().size(), 1);
    QCOMPARE(report.value(u"metadata").toArray().first().toObject().value(u"state").toString(), QStringLiteral("applied"));
    QVERIFY(report.value(u"healthy").toBool());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("escape.jpg"))));
    // Resumed / rerun: skipped, nothing new.
    QCOMPARE(run(migrate, &output), 0);
    report = QJsonDocument::fromJson(output).object();
    QCOMPARE(report.value(u"archives").toArray().first().toObject().value(u"state").toString(), QStringLiteral("skipped"));

    const QString zip = dir.filePath(QStringLiteral("out.zip"));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("photoset:alpha"), QStringLiteral("--to"), zip, QStringLiteral("--json"),
                  QStringLiteral("-q"), QStringLiteral("--save-recipe"), QStringLiteral("mine"), QStringLiteral("--caption"),
                  QStringLiteral("caption")},
                 &output),
             0);
    QCOMPARE(QJsonDocument::fromJson(output).object().value(u"images").toInt(), 1);
    QVERIFY(QFileInfo::exists(zip));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("photoset:alpha"), QStringLiteral("--to"), zip, QStringLiteral("-q")}), 2);
    const QString again = dir.filePath(QStringLiteral("again"));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral(""), QStringLiteral("--to"), again, QStringLiteral("--recipe"),
                  QStringLiteral("mine"), QStringLiteral("-q")}),
             0);
    QVERIFY(QFileInfo::exists(again + QStringLiteral("/a.caption")));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral(""), QStringLiteral("--to"), dir.filePath(QStringLiteral("x.zip")),
                  QStringLiteral("--recipe"), QStringLiteral("nope"), QStringLiteral("-q")}),
             2);

    // A saved search (smart photoset) exports what it matches now; an unknown name is a usage error.
    {
        auto catalog = Catalog::open(CatalogUrl::sqlite(dir.filePath(QStringLiteral("c.db"))));
        REQUIRE_OK(catalog);
        REQUIRE_OK(SavedSearchRepository(**catalog).create(QStringLiteral("Alpha set"), QStringLiteral("photoset:alpha")));
    }
    const QString saved = dir.filePath(QStringLiteral("saved.zip"));
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--saved-search"), QStringLiteral("Alpha set"), QStringLiteral("--to"),
                  saved, QStringLiteral("--json"), QStringLiteral("-q")},
                 &output),
             0);
    QCOMPARE(QJsonDocument::fromJson(output).object().value(u"images").toInt(), 1);
    QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--saved-search"), QStringLiteral("Nope"), QStringLiteral("--to"),
                  dir.filePath(QStringLiteral("n.zip")), QStringLiteral("-q")}),
             2);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("n.zip"))));
}

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
