// Archive import (hostile archives made here, RAR 4 and RAR 5 built byte by byte, damaged archives
// imported again) and JSON metadata import. Runs on SQLite and PostgreSQL: the archive's import
// record lives in the catalog.
#include "catalog/catalog.h"
#include "catalog/photosetrepository.h"
#include "catalog/tagrepository.h"
#include "importing/archiveimporter.h"
#include "importing/metadataimporter.h"
#include "archivemaker.h"
#include "testcatalog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
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

QByteArray photo(int i)
{
    static const QStringList names = {QStringLiteral("photos/mei/Canon_EOS_7D.jpg"),
                                      QStringLiteral("photos/mei/Canon_EOS_30D_4.jpg"),
                                      QStringLiteral("photos/mei/Canon_EOS_REBEL_T3i.jpg")};
    return readFile(QDir(kCorpus).filePath(names.at(i % names.size())));
}

ArchiveEntry file(const char *name, const QByteArray &data)
{
    return {QByteArray(name), data, ArchiveEntry::Type::File, {}};
}

bool anyReason(const QList<ArchiveEntryNote> &notes, const QString &name, const QString &reasonPart)
{
    return std::any_of(notes.cbegin(), notes.cend(), [&](const ArchiveEntryNote &n) {
        return n.name == name && n.reason.contains(reasonPart, Qt::CaseInsensitive);
    });
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.flush();
}

QString describe(const ArchiveResult &r)
{
    QString s = ArchiveResult::stateName(r.state) + QStringLiteral(": ") + r.message;
    for (const auto &n : r.extraction.refused)
        s += QStringLiteral("\n refused ") + n.name + QStringLiteral(" — ") + n.reason;
    return s;
}

} // namespace

class TestArchive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void safePaths_data();
    void safePaths();
    void hostileArchives();
    void corruptRar();
    void rar5();
    void rarCutAnywhere();
    void damagedArchiveRerun();
    void idempotentAndDryRun();
    void metadata();

private:
    ArchiveResult importOne(const QString &archive, const ArchiveLimits &limits = {}, bool dryRun = false);

    QTemporaryDir m_tree; // everything this test writes: archives/, storage/, outside/
    std::unique_ptr<test::ScratchCatalog> m_scratch;
    std::shared_ptr<Catalog> m_catalog;
    QString m_archives, m_storage, m_outside;
};

void TestArchive::initTestCase()
{
    QVERIFY(m_tree.isValid());
    QVERIFY2(!photo(0).isEmpty(), "corpus photo missing");
    m_scratch = std::make_unique<test::ScratchCatalog>();
    QVERIFY2(m_scratch->isValid(), qPrintable(m_scratch->errorString()));
    auto catalog = Catalog::open(m_scratch->url());
    REQUIRE_OK(catalog);
    m_catalog = *catalog;
    m_archives = m_tree.filePath(QStringLiteral("archives"));
    m_storage = m_tree.filePath(QStringLiteral("storage"));
    m_outside = m_tree.filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(m_archives));
}

ArchiveResult TestArchive::importOne(const QString &archive, const ArchiveLimits &limits, bool dryRun)
{
    ArchiveImporter importer(*m_catalog);
    ArchiveImportOptions options;
    options.path = archive;
    options.storageFolder = m_storage;
    options.limits = limits;
    options.dryRun = dryRun;
    auto summary = importer.run(options);
    if (!summary) {
        ArchiveResult failed;
        failed.state = ArchiveResult::State::Failed;
        failed.message = summary.error().message;
        return failed;
    }
    return summary->archives.value(0);
}

void TestArchive::safePaths_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected"); // empty: refused

    QTest::newRow("plain") << "a/b.jpg" << "a/b.jpg";
    QTest::newRow("dot") << "./a/./b.jpg" << "a/b.jpg";
    QTest::newRow("double slash") << "a//b.jpg" << "a/b.jpg";
    QTest::newRow("unicode") << QStringLiteral("фото/日本.jpg") << QStringLiteral("фото/日本.jpg");
    QTest::newRow("control char") << QStringLiteral("a\u0001b.jpg") << "a_b.jpg";
    QTest::newRow("dotdot") << "../evil.jpg" << "";
    QTest::newRow("dotdot inside") << "a/../../evil.jpg" << "";
    QTest::newRow("dotdot that stays inside") << "a/b/../c.jpg" << "";
    QTest::newRow("backslash dotdot") << "..\\evil.jpg" << "";
    QTest::newRow("mixed separators") << "a\\..\\../evil.jpg" << "";
    QTest::newRow("windows trims dots") << "a/... /evil.jpg" << "";
    QTest::newRow("absolute") << "/etc/evil.jpg" << "";
    QTest::newRow("absolute backslash") << "\\evil.jpg" << "";
    QTest::newRow("unc") << "\\\\server\\share\\evil.jpg" << "";
    QTest::newRow("drive") << "C:\\evil.jpg" << "";
    QTest::newRow("drive relative") << "c:evil.jpg" << "";
    QTest::newRow("too deep") << QString(QStringLiteral("d/").repeated(40) + QStringLiteral("x.jpg")) << "";
    QTest::newRow("long component") << QString(QString(300, u'x') + QStringLiteral(".jpg")) << "";
    QTest::newRow("empty") << "" << "";
}

void TestArchive::safePaths()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QString reason;
    const auto safe = ArchiveImporter::safeRelativePath(name, ArchiveLimits{}, &reason);
    if (expected.isEmpty()) {
        QVERIFY2(!safe, qPrintable(QStringLiteral("accepted as ") + safe.value_or(QString())));
        QVERIFY(!reason.isEmpty());
    } else {
        QVERIFY2(safe, qPrintable(reason));
        QCOMPARE(*safe, expected);
    }
}

void TestArchive::hostileArchives()
{
    const QString good = QStringLiteral("good.jpg");
    // 1. Path traversal in several spellings, absolute paths, drive letters.
    const QString traversal = QDir(m_archives).filePath(QStringLiteral("traversal.zip"));
    QCOMPARE(test::writeArchive(traversal, QStringLiteral("zip"),
                                {file("../../outside/evil1.jpg", photo(1)), file("..\\..\\outside\\evil2.jpg", photo(1)),
                                 file("a/../../../outside/evil3.jpg", photo(1)),
                                 file(QFile::encodeName(m_outside + QStringLiteral("/evil4.jpg")).constData(), photo(1)),
                                 file("C:/outside/evil5.jpg", photo(1)), file("good.jpg", photo(0))}),
             QString());
    ArchiveResult r = importOne(traversal);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QCOMPARE(r.extraction.taken, 1);
    QCOMPARE(r.extraction.refused.size(), 5);
    for (const auto &note : std::as_const(r.extraction.refused))
        QVERIFY2(note.reason.contains(QStringLiteral("outside the storage folder")), qPrintable(note.reason));
    QVERIFY(r.import && r.import->added == 1);

    // 2. A symbolic link, then a file "through" it: the link is refused, the file lands in a real folder.
    const QString links = QDir(m_archives).filePath(QStringLiteral("symlink.zip"));
    QCOMPARE(test::writeArchive(links, QStringLiteral("zip"),
                                {{"link", {}, ArchiveEntry::Type::Symlink, QFile::encodeName(m_outside)},
                                 {"abs", {}, ArchiveEntry::Type::Symlink, "/etc/passwd"},
                                 file("link/evil.jpg", photo(1))}),
             QString());
    r = importOne(links);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QVERIFY(anyReason(r.extraction.refused, QStringLiteral("link"), QStringLiteral("symbolic link")));
    QVERIFY(anyReason(r.extraction.refused, QStringLiteral("abs"), QStringLiteral("symbolic link")));
    QCOMPARE(r.extraction.taken, 1);
    QVERIFY(QFileInfo(r.extraction.folder + QStringLiteral("/link")).isDir());
    QVERIFY(!QFileInfo(r.extraction.folder + QStringLiteral("/link")).isSymLink());

    // 3. A hard link (tar: ZIP cannot express one).
    const QString hard = QDir(m_archives).filePath(QStringLiteral("hardlink.tar"));
    QCOMPARE(test::writeArchive(hard, QStringLiteral("tar"),
                                {file("a.jpg", photo(2)), {"b.jpg", {}, ArchiveEntry::Type::Hardlink, "a.jpg"},
                                 {"c.jpg", {}, ArchiveEntry::Type::Hardlink, "/etc/passwd"}}),
             QString());
    r = importOne(hard);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QVERIFY(anyReason(r.extraction.refused, QStringLiteral("b.jpg"), QStringLiteral("hard link")));
    QVERIFY(anyReason(r.extraction.refused, QStringLiteral("c.jpg"), QStringLiteral("hard link")));
    QCOMPARE(r.extraction.taken, 1);

    // 4. A ZIP bomb: 1 GiB of zeros deflated to about 1 MB, named like a photo.
    const QString bomb = QDir(m_archives).filePath(QStringLiteral("bomb.zip"));
    QCOMPARE(test::writeArchive(bomb, QStringLiteral("zip"),
                                {file("good.jpg", photo(0)), file("bomb.jpg", QByteArray(1 << 30, '\0'))}),
             QString());
    QVERIFY(QFileInfo(bomb).size() < (8 << 20));
    QElapsedTimer timer;
    timer.start();
    r = importOne(bomb);
    qInfo("ZIP bomb (%lld bytes packed) refused in %lld ms: %s", QFileInfo(bomb).size(), timer.elapsed(),
          qPrintable(r.message));
    QVERIFY2(r.state == ArchiveResult::State::Refused, qPrintable(describe(r)));
    QVERIFY(r.message.contains(QStringLiteral("ZIP bomb")));
    QVERIFY(!r.import);

    // Over the total size limit, with a ratio that looks innocent (a lower limit stands for "too big").
    ArchiveLimits small;
    small.maxTotalBytes = 100'000;
    const QString big = QDir(m_archives).filePath(QStringLiteral("big.zip"));
    QCOMPARE(test::writeArchive(big, QStringLiteral("zip"), {file("x.jpg", photo(0)), file("y.jpg", photo(1))}, true), QString());
    r = importOne(big, small);
    QVERIFY2(r.state == ArchiveResult::State::Refused, qPrintable(describe(r)));
    QVERIFY(r.message.contains(QStringLiteral("more than")));

    // 5. Nested: an archive inside the archive is not opened; a path 40 folders deep is refused.
    const QString innerPath = m_tree.filePath(QStringLiteral("inner.zip"));
    QCOMPARE(test::writeArchive(innerPath, QStringLiteral("zip"), {file("deep.jpg", photo(1))}), QString());
    const QByteArray deepName = QByteArray("d/").repeated(40) + "deep.jpg";
    const QString nested = QDir(m_archives).filePath(QStringLiteral("nested.zip"));
    QCOMPARE(test::writeArchive(nested, QStringLiteral("zip"),
                                {file("inner.zip", readFile(innerPath)), {deepName, photo(1), ArchiveEntry::Type::File, {}},
                                 file("top.jpg", photo(2))}),
             QString());
    QFile::remove(innerPath);
    r = importOne(nested);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QVERIFY(anyReason(r.extraction.skipped, QStringLiteral("inner.zip"), QStringLiteral("archive inside")));
    QVERIFY(anyReason(r.extraction.refused, QString::fromUtf8(deepName), QStringLiteral("folders deep")));
    QCOMPARE(r.extraction.taken, 1);

    // 6. 10,000 empty entries: each skipped as empty, quickly; over an entry limit, refused.
    QList<ArchiveEntry> empties;
    for (int i = 0; i < 10'000; ++i)
        empties.append({QByteArray("empty/e") + QByteArray::number(i) + QByteArray(".jpg"), {}, ArchiveEntry::Type::File, {}});
    empties.append(file("real.jpg", photo(0)));
    const QString many = QDir(m_archives).filePath(QStringLiteral("many.zip"));
    QCOMPARE(test::writeArchive(many, QStringLiteral("zip"), empties), QString());
    timer.restart();
    r = importOne(many);
    qInfo("10,000 empty entries read in %lld ms", timer.elapsed());
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QCOMPARE(r.extraction.skipped.size(), 10'000);
    QVERIFY(r.extraction.skipped.first().reason.contains(QStringLiteral("empty")));
    QCOMPARE(r.extraction.taken, 1);
    ArchiveLimits fewEntries;
    fewEntries.maxEntries = 5000;
    const QString many2 = QDir(m_archives).filePath(QStringLiteral("many2.zip"));
    empties.append(file("another.txt", "a different archive, so another content hash"));
    QCOMPARE(test::writeArchive(many2, QStringLiteral("zip"), empties), QString());
    r = importOne(many2, fewEntries);
    QVERIFY2(r.state == ArchiveResult::State::Refused, qPrintable(describe(r)));
    QVERIFY(r.message.contains(QStringLiteral("more than 5000 entries")));

    // 7. Names: UTF-8, code page 437 without the UTF-8 flag (old Windows ZIPs), and Latin-1 bytes
    // wrongly flagged as UTF-8 (cannot be named: refused with the reason, the rest goes on).
    const QString names = QDir(m_archives).filePath(QStringLiteral("names.zip"));
    QCOMPARE(test::writeArchive(names, QStringLiteral("zip"),
                                {file("bad-caf\xe9.jpg", photo(0)), file("\xe5\x86\x99\xe7\x9c\x9f/\xd1\x84.jpg", photo(1))}),
             QString());
    r = importOne(names);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QVERIFY2(r.extraction.taken == 1, qPrintable(describe(r) + test::listTree(r.extraction.folder).join(u' ')));
    QVERIFY(QFileInfo::exists(r.extraction.folder + QStringLiteral("/写真/ф.jpg")));
    QCOMPARE(r.extraction.refused.size(), 1);
    QVERIFY(r.extraction.refused.first().reason.contains(QStringLiteral("name cannot be read")));
    const QString dos = QDir(m_archives).filePath(QStringLiteral("dos.zip"));
    QCOMPARE(test::writeArchive(dos, QStringLiteral("zip"), {file("caf\xc3\xa9 \xc3\x84.jpg", photo(2))}, false, "CP437"),
             QString());
    r = importOne(dos);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QVERIFY2(QFileInfo::exists(r.extraction.folder + QStringLiteral("/café Ä.jpg")),
             qPrintable(test::listTree(r.extraction.folder).join(u' ')));
    const QString seven = QDir(m_archives).filePath(QStringLiteral("seven.7z"));
    QCOMPARE(test::writeArchive(seven, QStringLiteral("7z"), {file("s/one.jpg", photo(0)), file("../seven-evil.jpg", photo(1))}),
             QString());
    r = importOne(seven);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QCOMPARE(r.extraction.taken, 1);
    QCOMPARE(r.extraction.refused.size(), 1);

    // Nothing was written outside the storage folder: list the whole temporary tree.
    const QStringList tree = test::listTree(m_tree.path());
    QStringList outside;
    for (const QString &path : tree)
        if (!path.startsWith(QStringLiteral("storage/")) && !path.startsWith(QStringLiteral("archives/")))
            outside.append(path);
    QVERIFY2(outside.isEmpty(), qPrintable(outside.join(u'\n')));
    for (const QString &path : tree)
        QVERIFY2(!path.contains(QStringLiteral("evil")) || path.endsWith(QStringLiteral("link/evil.jpg"))
                     || path.startsWith(QStringLiteral("archives/")),
                 qPrintable(path));
    QVERIFY(!QFileInfo::exists(m_outside));
    // No bomb leftovers, no partial folders.
    for (const QString &path : tree)
        QVERIFY2(path.startsWith(QStringLiteral("archives/"))
                     || (!path.contains(QStringLiteral("bomb")) && !path.contains(QStringLiteral(".partial"))),
                 qPrintable(path));
}

void TestArchive::corruptRar()
{
    const QByteArray one = photo(0);
    const QByteArray two = photo(1);
    // A complete RAR 4 first: proves the byte-by-byte writer makes archives libarchive accepts.
    const QByteArray rar = test::rar4Stored({file("set/one.jpg", one), file("set/two.jpg", two)});
    const QString whole = QDir(m_archives).filePath(QStringLiteral("whole.rar"));
    {
        QFile f(whole);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(rar);
    }
    ArchiveResult r = importOne(whole);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QCOMPARE(r.extraction.taken, 2);
    QCOMPARE(readFile(r.extraction.folder + QStringLiteral("/set/two.jpg")), two);

    // Truncated in the middle of the second file's data.
    const QString truncated = QDir(m_archives).filePath(QStringLiteral("truncated.rar"));
    {
        QFile f(truncated);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(rar.left(rar.size() - 7 - two.size() / 2));
    }
    r = importOne(truncated);
    QVERIFY2(r.state == ArchiveResult::State::Partial, qPrintable(describe(r)));
    QCOMPARE(r.extraction.taken, 1);
    QVERIFY(r.import && r.import->added == 1);
    QVERIFY(anyReason(r.extraction.refused, QStringLiteral("set/two.jpg"), QStringLiteral("cannot be read")));
    QVERIFY(r.message.contains(QStringLiteral("damaged")));
    QVERIFY(!QFileInfo::exists(r.extraction.folder + QStringLiteral("/set/two.jpg")));
    QCOMPARE(readFile(r.extraction.folder + QStringLiteral("/set/one.jpg")), one);

    // Not an archive at all.
    const QString junk = QDir(m_archives).filePath(QStringLiteral("junk.rar"));
    {
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("Rar!\x1a\x07\x00 this is not a rar file", 30));
    }
    r = importOne(junk);
    QVERIFY2(r.state == ArchiveResult::State::Refused, qPrintable(describe(r)));
    QVERIFY(!r.message.isEmpty());
}

void TestArchive::rar5()
{
    const QByteArray one = photo(0);
    const QByteArray two = photo(1);
    constexpr int kEndHeader = 8; // CRC-32, size 3, type 5, flags 0, archive end flags 0

    // Complete: two real photos, one photoset.
    const QByteArray rar = test::rar5Stored({file("set/one.jpg", one), file("set/two.jpg", two)});
    QVERIFY(rar.startsWith(QByteArray::fromHex("526172211a070100")));
    const QString whole = QDir(m_archives).filePath(QStringLiteral("whole5.rar"));
    QVERIFY(writeFile(whole, rar));
    ArchiveResult r = importOne(whole);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QVERIFY2(r.extraction.complete, qPrintable(r.extraction.error));
    QCOMPARE(r.extraction.taken, 2);
    QVERIFY(r.extraction.refused.isEmpty());
    QCOMPARE(readFile(r.extraction.folder + QStringLiteral("/set/one.jpg")), one);
    QCOMPARE(readFile(r.extraction.folder + QStringLiteral("/set/two.jpg")), two);
    // The archive's date is kept on the files (what a photo's date falls back to).
    QCOMPARE(QFileInfo(r.extraction.folder + QStringLiteral("/set/one.jpg")).lastModified().toSecsSinceEpoch(), 1705320000);
    QVERIFY(r.import && r.import->added == 2);
    PhotosetRepository photosets(*m_catalog);
    auto set = photosets.get(r.import->photosetId);
    REQUIRE_OK(set);
    QCOMPARE(set->name, QStringLiteral("whole5"));
    QCOMPARE(set->kind, Photoset::Kind::Archive);
    QCOMPARE(*photosets.memberCount(set->id), 2);

    // Truncated in the middle of the second photo's data.
    const QString truncated = QDir(m_archives).filePath(QStringLiteral("truncated5.rar"));
    QVERIFY(writeFile(truncated, rar.left(rar.size() - kEndHeader - two.size() / 2)));
    r = importOne(truncated);
    QVERIFY2(r.state == ArchiveResult::State::Partial, qPrintable(describe(r)));
    QCOMPARE(r.extraction.taken, 1);
    QVERIFY(r.import && r.import->added == 1);
    QVERIFY(anyReason(r.extraction.refused, QStringLiteral("set/two.jpg"), QStringLiteral("cannot be read")));
    QVERIFY(r.message.contains(QStringLiteral("damaged")));
    QVERIFY2(r.message.contains(QStringLiteral("1 image")), qPrintable(r.message));
    QVERIFY(!QFileInfo::exists(r.extraction.folder + QStringLiteral("/set/two.jpg")));
    QCOMPARE(readFile(r.extraction.folder + QStringLiteral("/set/one.jpg")), one);

    // Cut off right after the first photo, where the second file header would start: libarchive
    // alone takes this for the end of a complete archive.
    const int boundary = int(test::rar5Stored({file("set/one.jpg", one)}).size()) - kEndHeader;
    QCOMPARE(rar.left(boundary), test::rar5Stored({file("set/one.jpg", one)}).left(boundary));
    const QString cut = QDir(m_archives).filePath(QStringLiteral("cut5.rar"));
    QVERIFY(writeFile(cut, rar.left(boundary)));
    r = importOne(cut);
    QVERIFY2(r.state == ArchiveResult::State::Partial, qPrintable(describe(r)));
    QCOMPARE(r.extraction.taken, 1);
    QVERIFY2(r.extraction.error.contains(QStringLiteral("cut off after 1 entry")), qPrintable(r.extraction.error));
    QVERIFY(r.message.contains(QStringLiteral("damaged")));

    // One byte of a stored photo changed: its CRC-32 no longer matches (libarchive does not check
    // the CRC of stored RAR files), so that photo is not taken.
    QByteArray flipped = rar;
    flipped[rar.size() - kEndHeader - two.size() / 2] = char(flipped.at(rar.size() - kEndHeader - two.size() / 2) ^ 0x55);
    const QString bitrot = QDir(m_archives).filePath(QStringLiteral("bitrot5.rar"));
    QVERIFY(writeFile(bitrot, flipped));
    r = importOne(bitrot);
    QVERIFY2(r.state == ArchiveResult::State::Partial, qPrintable(describe(r)));
    QCOMPARE(r.extraction.taken, 1);
    QVERIFY(anyReason(r.extraction.refused, QStringLiteral("set/two.jpg"), QStringLiteral("checksum")));
    QVERIFY(!QFileInfo::exists(r.extraction.folder + QStringLiteral("/set/two.jpg")));

    // Hostile names: climbing out with "..", an absolute path, a Windows absolute path.
    const QByteArray absolute = QFile::encodeName(m_outside + QStringLiteral("/evil-abs5.jpg"));
    const QString hostile = QDir(m_archives).filePath(QStringLiteral("hostile5.rar"));
    QVERIFY(writeFile(hostile, test::rar5Stored({file("../evil5.jpg", two), file("../../outside/evil5b.jpg", two),
                                                 {absolute, two, ArchiveEntry::Type::File, {}},
                                                 file("C:\\outside\\evil5c.jpg", two), file("kept.jpg", one)})));
    r = importOne(hostile);
    QVERIFY2(r.state == ArchiveResult::State::Imported, qPrintable(describe(r)));
    QVERIFY2(r.extraction.complete, qPrintable(r.extraction.error));
    QCOMPARE(r.extraction.taken, 1);
    QCOMPARE(r.extraction.refused.size(), 4);
    QVERIFY(anyReason(r.extraction.refused, QStringLiteral("../evil5.jpg"), QStringLiteral("climbs out")));
    QVERIFY(anyReason(r.extraction.refused, QString::fromUtf8(absolute), QStringLiteral("absolute path")));
    for (const auto &note : std::as_const(r.extraction.refused))
        QVERIFY2(note.reason.contains(QStringLiteral("outside the storage folder")), qPrintable(note.reason));
    QCOMPARE(readFile(r.extraction.folder + QStringLiteral("/kept.jpg")), one);
    QVERIFY(r.import && r.import->added == 1);
    QVERIFY(!QFileInfo::exists(m_outside));
    for (const QString &path : test::listTree(m_tree.path()))
        QVERIFY2(!path.contains(QStringLiteral("evil")) || path.startsWith(QStringLiteral("archives/"))
                     || path.endsWith(QStringLiteral("link/evil.jpg")),
                 qPrintable(path));
}

void TestArchive::rarCutAnywhere()
{
    // Every way a download can stop short: each prefix of a small archive must be reported as
    // damaged (or not be opened at all), never as a complete archive.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QList<ArchiveEntry> entries = {file("a.jpg", QByteArray(40, 'a')), file("b/c.jpg", QByteArray(30, 'c'))};
    const QString path = dir.filePath(QStringLiteral("cut.rar"));
    auto acceptedLengths = [&](const QByteArray &rar) {
        QList<int> accepted;
        for (int length = 0; length <= rar.size(); ++length) {
            if (!writeFile(path, rar.left(length)))
                return QList<int>{-1};
            auto r = ArchiveImporter::extract(path, dir.filePath(QStringLiteral("out")), ArchiveLimits{}, true);
            if (r && r->complete)
                accepted.append(length);
        }
        return accepted;
    };
    const QByteArray rar5 = test::rar5Stored(entries);
    QCOMPARE(acceptedLengths(rar5), QList<int>{int(rar5.size())});
    auto full = ArchiveImporter::extract(path, dir.filePath(QStringLiteral("out")), ArchiveLimits{}, true);
    REQUIRE_OK(full);
    QCOMPARE(full->taken, 2);

    // RAR 4 has the same checks, but archives from before RAR 3.0 end without an end-of-archive
    // block, so a cut exactly after a file's data cannot be told from such an archive.
    const QByteArray rar4 = test::rar4Stored(entries);
    constexpr int kEndBlock = 7;
    const QList<int> boundaries = {int(test::rar4Stored({entries.at(0)}).size()) - kEndBlock,
                                   int(rar4.size()) - kEndBlock, int(rar4.size())};
    QCOMPARE(acceptedLengths(rar4), boundaries);
}

void TestArchive::damagedArchiveRerun()
{
    const QByteArray one = photo(0);
    const QByteArray two = photo(1);
    const QByteArray rar = test::rar5Stored({file("one.jpg", one), file("two.jpg", two), file("three.jpg", photo(2))});
    const QString damaged = QDir(m_archives).filePath(QStringLiteral("rerun.rar"));
    QVERIFY(writeFile(damaged, rar.left(rar.size() - 8 - photo(2).size() / 2)));
    PhotosetRepository photosets(*m_catalog);

    ArchiveResult first = importOne(damaged);
    QVERIFY2(first.state == ArchiveResult::State::Partial, qPrintable(describe(first)));
    QCOMPARE(first.extraction.taken, 2);
    QVERIFY(first.import && first.import->added == 2);
    const qint64 setId = first.import->photosetId;
    auto record = photosets.get(setId);
    REQUIRE_OK(record);
    QCOMPARE(record->extra.value(u"archive").toString(), QFileInfo(damaged).canonicalFilePath());
    QCOMPARE(record->extra.value(u"archive_complete").toBool(true), false);
    QVERIFY(record->extra.value(u"archive_damage").toString().contains(QStringLiteral("three.jpg")));

    // A dry run says what a rerun would find, and changes nothing.
    ArchiveResult dry = importOne(damaged, {}, true);
    QVERIFY2(dry.state == ArchiveResult::State::Partial, qPrintable(describe(dry)));
    QVERIFY(anyReason(dry.extraction.refused, QStringLiteral("three.jpg"), QStringLiteral("cannot be read")));

    // The rerun is not "skipped": the archive is read again and the damage reported again, and
    // the two photos imported the first time are not imported twice.
    ArchiveResult second = importOne(damaged);
    QVERIFY2(second.state == ArchiveResult::State::Partial, qPrintable(describe(second)));
    QVERIFY2(second.message.contains(QStringLiteral("still damaged")), qPrintable(second.message));
    QVERIFY2(second.message.contains(QStringLiteral("0 new")), qPrintable(second.message));
    QCOMPARE(second.extraction.taken, 2);
    QVERIFY(anyReason(second.extraction.refused, QStringLiteral("three.jpg"), QStringLiteral("cannot be read")));
    QVERIFY(second.import && second.import->added == 0 && second.import->unchanged == 2);
    QCOMPARE(second.import->photosetId, setId);
    QCOMPARE(*photosets.memberCount(setId), 2);
    QCOMPARE(test::listTree(second.extraction.folder), (QStringList{QStringLiteral("one.jpg"), QStringLiteral("two.jpg")}));
    QVERIFY(!QFileInfo::exists(QFileInfo(second.extraction.folder).absolutePath() + QStringLiteral("/.partial-rerun")));
    ArchiveImportSummary summary;
    summary.archives.append(second);
    QVERIFY(summary.hasProblems());

    // An archive unpacked by a run that stopped before its record was written (or by an older
    // Stills) is read again once, puts back what is missing from its folder, and is done.
    const QString complete = QDir(m_archives).filePath(QStringLiteral("recordless.rar"));
    QVERIFY(writeFile(complete, test::rar5Stored({file("one.jpg", one), file("two.jpg", two)})));
    ArchiveResult imported = importOne(complete);
    QVERIFY2(imported.state == ArchiveResult::State::Imported, qPrintable(describe(imported)));
    auto unrecorded = photosets.get(imported.import->photosetId);
    REQUIRE_OK(unrecorded);
    QCOMPARE(unrecorded->extra.value(u"archive_complete").toBool(), true);
    unrecorded->extra.remove(QStringLiteral("archive_complete"));
    REQUIRE_OK(photosets.update(*unrecorded));
    QVERIFY(QFile::remove(imported.extraction.folder + QStringLiteral("/two.jpg")));
    ArchiveResult again = importOne(complete);
    QVERIFY2(again.state == ArchiveResult::State::Skipped, qPrintable(describe(again)));
    QCOMPARE(again.extraction.taken, 2); // read again
    QCOMPARE(readFile(again.extraction.folder + QStringLiteral("/two.jpg")), two);
    QCOMPARE(*photosets.memberCount(imported.import->photosetId), 2);
    auto recorded = photosets.get(imported.import->photosetId);
    REQUIRE_OK(recorded);
    QCOMPARE(recorded->extra.value(u"archive_complete").toBool(), true);
    ArchiveResult third = importOne(complete);
    QVERIFY2(third.state == ArchiveResult::State::Skipped, qPrintable(describe(third)));
    QCOMPARE(third.extraction.taken, 0); // done: not read again
}

void TestArchive::idempotentAndDryRun()
{
    const QString folder = m_tree.filePath(QStringLiteral("batch"));
    QVERIFY(QDir().mkpath(folder + QStringLiteral("/sub")));
    QCOMPARE(test::writeArchive(folder + QStringLiteral("/one.zip"), QStringLiteral("zip"), {file("p1.jpg", photo(0))}),
             QString());
    QCOMPARE(test::writeArchive(folder + QStringLiteral("/sub/two.zip"), QStringLiteral("zip"),
                                {file("p2.jpg", photo(1)), file("p3.jpg", photo(2))}),
             QString());
    const QString dryStorage = m_tree.filePath(QStringLiteral("dry-storage"));
    ArchiveImporter importer(*m_catalog);
    ArchiveImportOptions options;
    options.path = folder;
    options.storageFolder = dryStorage;
    options.dryRun = true;
    auto dry = importer.run(options);
    REQUIRE_OK(dry);
    QCOMPARE(dry->archives.size(), 2);
    QCOMPARE(dry->archives.at(1).extraction.taken, 2);
    QVERIFY(!QFileInfo::exists(dryStorage));

    options.dryRun = false;
    options.storageFolder = m_storage;
    auto first = importer.run(options);
    REQUIRE_OK(first);
    QCOMPARE(first->count(ArchiveResult::State::Imported), 2);
    auto set = PhotosetRepository(*m_catalog).findByName(QStringLiteral("two"));
    REQUIRE_OK(set);
    QVERIFY(set->has_value());
    QCOMPARE((*set)->kind, Photoset::Kind::Archive);
    QCOMPARE((*set)->extra.value(u"archive").toString(), QFileInfo(folder + QStringLiteral("/sub/two.zip")).canonicalFilePath());
    auto members = PhotosetRepository(*m_catalog).memberCount((*set)->id);
    REQUIRE_OK(members);
    QCOMPARE(*members, 2);

    auto second = importer.run(options);
    REQUIRE_OK(second);
    QCOMPARE(second->count(ArchiveResult::State::Skipped), 2);
    members = PhotosetRepository(*m_catalog).memberCount((*set)->id);
    QCOMPARE(*members, 2);

    // A new archive in the folder: imported, the others skipped.
    const QString three = folder + QStringLiteral("/three.zip");
    QCOMPARE(test::writeArchive(three, QStringLiteral("zip"), {file("p4.jpg", photo(2))}), QString());
    auto third = importer.run(options);
    REQUIRE_OK(third);
    QCOMPARE(third->count(ArchiveResult::State::Imported), 1);
    QCOMPARE(third->count(ArchiveResult::State::Skipped), 2);
}

void TestArchive::metadata()
{
    PhotosetRepository photosets(*m_catalog);
    Photoset p;
    p.name = QStringLiteral("summer set");
    auto id = photosets.create(p);
    REQUIRE_OK(id);
    Photoset other;
    other.name = QStringLiteral("winter");
    auto otherId = photosets.create(other);
    REQUIRE_OK(otherId);

    QTemporaryDir dir;
    auto write = [&](const QString &name, const QByteArray &json) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
    };
    write(QStringLiteral("summer set.json"),
          R"({"url": "https://example.org/s", "date": "2024-01-15", "year": 2024, "original_filename": "set.zip",
              "actors": ["Ann", "Bo"], "tags": ["beach", "Light/Golden"], "rating_source": 4.5, "studio": "X"})");
    // Malformed: valid JSON, bad date. Nothing of it may be applied (its url and tags are fine).
    write(QStringLiteral("winter.json"), R"({"url": "https://example.org/w", "tags": ["snow"], "date": "15.01.2024"})");
    write(QStringLiteral("broken.json"), R"({"url": )");
    write(QStringLiteral("nobody.json"), R"({"url": "https://example.org/n"})");
    // Matched by original_filename when the file name matches nothing.
    write(QStringLiteral("0042.json"), R"({"original_filename": "winter.rar", "year": "2019"})");

    MetadataImporter importer(*m_catalog);
    auto dry = importer.run(dir.path(), true);
    REQUIRE_OK(dry);
    auto unchangedSet = photosets.get(*id);
    REQUIRE_OK(unchangedSet);
    QVERIFY(unchangedSet->sourceUrl.isEmpty());

    auto summary = importer.run(dir.path());
    REQUIRE_OK(summary);
    QCOMPARE(summary->files.size(), 5);
    QHash<QString, MetadataResult> byFile;
    for (const MetadataResult &r : std::as_const(summary->files))
        byFile.insert(QFileInfo(r.file).fileName(), r);
    QCOMPARE(byFile.value(QStringLiteral("summer set.json")).state, MetadataResult::State::Applied);
    QCOMPARE(byFile.value(QStringLiteral("winter.json")).state, MetadataResult::State::Malformed);
    QVERIFY(byFile.value(QStringLiteral("winter.json")).message.contains(QStringLiteral("date")));
    QCOMPARE(byFile.value(QStringLiteral("broken.json")).state, MetadataResult::State::Malformed);
    QCOMPARE(byFile.value(QStringLiteral("nobody.json")).state, MetadataResult::State::Unmatched);
    QCOMPARE(byFile.value(QStringLiteral("0042.json")).state, MetadataResult::State::Applied);

    auto set = photosets.get(*id);
    REQUIRE_OK(set);
    QCOMPARE(set->sourceUrl, QStringLiteral("https://example.org/s"));
    QCOMPARE(set->date, QDate(2024, 1, 15));
    QCOMPARE(set->year, 2024);
    QCOMPARE(set->people, (QStringList{QStringLiteral("Ann"), QStringLiteral("Bo")}));
    QCOMPARE(set->extra.value(u"studio").toString(), QStringLiteral("X"));
    QCOMPARE(set->extra.value(u"rating_source").toDouble(), 4.5);
    QCOMPARE(set->extra.value(u"original_filename").toString(), QStringLiteral("set.zip"));
    auto tags = TagRepository(*m_catalog).tagsOfPhotoset(*id);
    REQUIRE_OK(tags);
    QStringList sortedTags = *tags;
    sortedTags.sort();
    QCOMPARE(sortedTags, (QStringList{QStringLiteral("Light/Golden"), QStringLiteral("beach")}));

    auto winter = photosets.get(*otherId);
    REQUIRE_OK(winter);
    QVERIFY(winter->sourceUrl.isEmpty()); // the malformed file's url was not applied
    QCOMPARE(winter->year, 2019);         // from 0042.json
    auto winterTags = TagRepository(*m_catalog).tagsOfPhotoset(*otherId);
    REQUIRE_OK(winterTags);
    QVERIFY(winterTags->isEmpty());

    auto again = importer.run(dir.path());
    REQUIRE_OK(again);
    QCOMPARE(again->count(MetadataResult::State::Applied), 0);
    QCOMPARE(again->count(MetadataResult::State::Unchanged), 2);
}

QTEST_GUILESS_MAIN(TestArchive)
#include "tst_archive.moc"
