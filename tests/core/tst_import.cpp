// Folder import on the real corpus; run against SQLite and PostgreSQL.
#include "catalog/catalog.h"
#include "catalog/healthcheck.h"
#include "catalog/jobrepository.h"
#include "catalog/photosetrepository.h"
#include "catalog/shotrepository.h"
#include "catalog/sqlhelpers.h"
#include "importing/folderimporter.h"
#include "testcatalog.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTest>

#include "requireok.h"

using namespace stills;

namespace {

// Canonical: the importer stores canonical paths, and shared/ may be reached through a link.
const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();

QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

bool copyFile(const QString &from, const QString &to)
{
    QDir().mkpath(QFileInfo(to).absolutePath());
    QFile::remove(to);
    if (!QFile::copy(from, to))
        return false;
    // Copies of read-only corpus files stay writable so that the test can change them.
    return QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
}

Result<ImportSummary> importPath(const Catalog &catalog, const QString &path, bool dryRun = false,
                                 const QString &photoset = {})
{
    FolderImporter importer(catalog);
    ImportOptions options;
    options.path = path;
    options.dryRun = dryRun;
    options.photosetName = photoset;
    options.batchSize = 37; // several batches even on small folders
    return importer.run(options);
}

qint64 count(const Catalog &catalog, const QString &statement)
{
    auto db = catalog.database();
    if (!db)
        return -1;
    auto n = sql::scalar(*db, statement);
    return n ? *n : -1;
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::ScratchCatalog> m_scratch;
    CatalogPtr m_catalog;

private Q_SLOTS:
    void init()
    {
        m_scratch = std::make_unique<test::ScratchCatalog>();
        QVERIFY2(m_scratch->isValid(), qPrintable(m_scratch->errorString()));
        auto opened = Catalog::open(m_scratch->url());
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
        m_catalog = *opened;
    }

    void cleanup()
    {
        m_catalog.reset();
        m_scratch.reset();
    }

    void corpusPhotosTwice()
    {
        const QString root = kCorpus + QStringLiteral("/photos");
        const qint64 files = filesUnder(root).size();
        QVERIFY(files > 100);

        auto first = importPath(*m_catalog, root);
        REQUIRE_OK(first);
        QCOMPARE(first->scanned, files);
        QCOMPARE(first->added + first->failed + first->unsupported, files);
        QVERIFY(first->added > 200);
        QVERIFY(first->photosetCreated);
        QCOMPARE(first->photosetName, QStringLiteral("photos"));
        // Every HEIC is recorded as unsupported, with the reason.
        qint64 heic = 0;
        for (const ImportItem &item : first->problems) {
            QVERIFY2(!item.detail.isEmpty(), qPrintable(item.path));
            const QString suffix = QFileInfo(item.path).suffix().toLower();
            if (suffix == u"heic" || suffix == u"heif") {
                QCOMPARE(item.action, ImportItem::Action::Unsupported);
                QVERIFY(item.detail.contains(QStringLiteral("HEIC")));
                ++heic;
            }
        }
        QCOMPARE(heic, qint64(7));
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM shots")), files);
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM photoset_shots")), files);
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM shots WHERE status = 'unsupported' AND error <> ''")),
                 first->unsupported);

        // Stored facts of a known file.
        auto shot = ShotRepository(*m_catalog).findByPath(root + QStringLiteral("/other-formats/png/Altai_5120x2880.png"));
        REQUIRE_OK(shot);
        QVERIFY(shot->has_value());
        QCOMPARE((*shot)->width, 5120);
        QCOMPARE((*shot)->height, 2880);
        QCOMPARE((*shot)->format, QStringLiteral("png"));
        QCOMPARE((*shot)->contentHash.size(), 64);
        QCOMPARE((*shot)->byteSize, QFileInfo((*shot)->path).size());

        // The job is recorded and finished.
        auto jobs = JobRepository(*m_catalog).recent(5);
        REQUIRE_OK(jobs);
        QCOMPARE(jobs->size(), 1);
        QCOMPARE(jobs->first().state, Job::State::Done);
        QCOMPARE(jobs->first().done, files);

        // Idempotent: the second run adds, updates and moves nothing.
        auto second = importPath(*m_catalog, root);
        REQUIRE_OK(second);
        QCOMPARE(second->added, qint64(0));
        QCOMPARE(second->updated, qint64(0));
        QCOMPARE(second->moved, qint64(0));
        QCOMPARE(second->unchanged, first->added);
        QCOMPARE(second->failed, first->failed);
        QCOMPARE(second->unsupported, first->unsupported);
        QVERIFY(!second->photosetCreated);
        QCOMPARE(second->photosetId, first->photosetId);
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM shots")), files);
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM photoset_shots")), files);
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM photosets")), qint64(1));
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT MAX(version) FROM shots")), qint64(1));
    }

    void changedAndMovedFiles()
    {
        QTemporaryDir dir;
        const QString root = QFileInfo(dir.path()).canonicalFilePath() + QStringLiteral("/shoot");
        const QString a = root + QStringLiteral("/a.jpg");
        const QString b = root + QStringLiteral("/sub/b.jpg");
        const QString c = root + QStringLiteral("/c.jpg");
        QVERIFY(copyFile(kCorpus + QStringLiteral("/photos/exiv2/exiv2-canon-powershot-s40.jpg"), a));
        QVERIFY(copyFile(kCorpus + QStringLiteral("/photos/exiv2/exiv2-fujifilm-finepix-s2pro.jpg"), b));
        QVERIFY(copyFile(kCorpus + QStringLiteral("/photos/exiv2/exiv2-kodak-dc210.jpg"), c));
        auto first = importPath(*m_catalog, root, false, QStringLiteral("My shoot"));
        REQUIRE_OK(first);
        QCOMPARE(first->added, qint64(3));
        QCOMPARE(first->photosetName, QStringLiteral("My shoot"));
        ShotRepository shots(*m_catalog);
        const Shot before = **shots.findByPath(a);
        const Shot movedBefore = **shots.findByPath(b);

        // Change a's content; move b to another folder under the same root.
        QVERIFY(copyFile(kCorpus + QStringLiteral("/photos/exiv2/exiv2-nikon-d70.jpg"), a));
        QFile touched(a);
        QVERIFY(touched.open(QIODevice::ReadWrite));
        QVERIFY(touched.setFileTime(QDateTime::currentDateTime().addSecs(60), QFileDevice::FileModificationTime));
        touched.close();
        const QString bMoved = root + QStringLiteral("/elsewhere/b-renamed.jpg");
        QDir().mkpath(QFileInfo(bMoved).absolutePath());
        QVERIFY(QFile::rename(b, bMoved));

        // The dry run predicts it, and writes nothing.
        auto dry = importPath(*m_catalog, root, true, QStringLiteral("My shoot"));
        REQUIRE_OK(dry);
        QCOMPARE(dry->updated, qint64(1));
        QCOMPARE(dry->moved, qint64(1));
        QCOMPARE(dry->unchanged, qint64(1));
        QCOMPARE((*shots.findByPath(a))->contentHash, before.contentHash);

        auto second = importPath(*m_catalog, root, false, QStringLiteral("My shoot"));
        REQUIRE_OK(second);
        QCOMPARE(second->added, qint64(0));
        QCOMPARE(second->updated, qint64(1));
        QCOMPARE(second->moved, qint64(1));
        QCOMPARE(second->unchanged, qint64(1));
        const Shot after = **shots.findByPath(a);
        QCOMPARE(after.id, before.id);
        QVERIFY(after.contentHash != before.contentHash);
        QCOMPARE(after.exif.cameraMake, QStringLiteral("NIKON CORPORATION"));
        QCOMPARE(after.version, before.version + 1);
        auto movedAfter = shots.findByPath(bMoved);
        REQUIRE_OK(movedAfter);
        QVERIFY(movedAfter->has_value());
        QCOMPARE((*movedAfter)->id, movedBefore.id); // same shot: tags, captions and crops follow the file
        QVERIFY(!shots.findByPath(b)->has_value());
        QCOMPARE(*shots.count(), qint64(3));
        QCOMPARE(*PhotosetRepository(*m_catalog).memberCount(first->photosetId), qint64(3));
    }

    void dryRunWritesNothing()
    {
        const QString root = kCorpus + QStringLiteral("/photos/exiv2");
        const qint64 files = filesUnder(root).size();
        auto dry = importPath(*m_catalog, root, true);
        REQUIRE_OK(dry);
        QCOMPARE(dry->scanned, files);
        QCOMPARE(dry->added + dry->failed + dry->unsupported, files);
        QVERIFY(dry->photosetCreated);
        QCOMPARE(dry->photosetId, qint64(0));
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM shots")), qint64(0));
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM photosets")), qint64(0));
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM jobs")), qint64(0));
        // A read-only catalog cannot be imported into, but can be dry-run against.
        auto ro = Catalog::open(m_scratch->url(), Catalog::OpenMode::ReadOnly);
        REQUIRE_OK(ro);
        QVERIFY(!importPath(**ro, root).ok());
        REQUIRE_OK(importPath(**ro, root, true));
    }

    void badCorpusIsReportedNotFatal()
    {
        const QString root = kCorpus + QStringLiteral("/bad");
        const QStringList files = filesUnder(root);
        FolderImporter importer(*m_catalog);
        QStringList seen;
        importer.setItemCallback([&](const ImportItem &item) { seen << item.path; });
        ImportOptions options;
        options.path = root;
        auto summary = importer.run(options);
        REQUIRE_OK(summary);
        // Only files with image suffixes are candidates; every candidate is accounted for.
        QCOMPARE(seen.size(), summary->scanned);
        QCOMPARE(summary->added + summary->failed + summary->unsupported, summary->scanned);
        QVERIFY(summary->failed > 0);
        for (const ImportItem &item : summary->problems)
            QVERIFY2(!item.detail.isEmpty(), qPrintable(item.path));
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM shots")), summary->scanned);
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM shots WHERE status <> 'ok' AND error = ''")),
                 qint64(0));
        auto jobs = JobRepository(*m_catalog).recent(1);
        REQUIRE_OK(jobs);
        QCOMPARE(JobRepository(*m_catalog).errors(jobs->first().id)->size(),
                 summary->failed + summary->unsupported);
        qInfo("bad corpus: %lld candidates of %lld files: %lld ok, %lld failed, %lld unsupported", summary->scanned,
              qint64(files.size()), summary->added, summary->failed, summary->unsupported);

        // Every file of bad/, whatever its name, goes through the prober without a crash when
        // imported one by one (names like *.fuzzed are not picked up by a folder scan).
        qint64 handled = 0;
        for (const QString &file : files) {
            auto one = importPath(*m_catalog, file);
            REQUIRE_OK(one);
            QCOMPARE(one->scanned, qint64(1));
            ++handled;
        }
        QCOMPARE(handled, qint64(files.size()));
    }

    void missingFolderIsAnError()
    {
        auto result = importPath(*m_catalog, QStringLiteral("/no/such/folder"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().code, Error::Code::NotFound);
        QVERIFY(result.error().message.contains(QStringLiteral("/no/such/folder")));
    }

    void cancelKeepsFinishedBatches()
    {
        FolderImporter importer(*m_catalog);
        int batches = 0;
        importer.setProgressCallback([&](qint64 done, qint64) {
            if (done > 0 && ++batches == 2)
                importer.cancel();
        });
        ImportOptions options;
        options.path = kCorpus + QStringLiteral("/photos");
        options.batchSize = 20;
        auto summary = importer.run(options);
        REQUIRE_OK(summary);
        QVERIFY(summary->cancelled);
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM shots")), qint64(40));
        auto jobs = JobRepository(*m_catalog).recent(1);
        QCOMPARE(jobs->first().state, Job::State::Cancelled);
        // The rerun finishes the rest.
        auto rest = importPath(*m_catalog, options.path);
        REQUIRE_OK(rest);
        QCOMPARE(rest->unchanged + rest->failed + rest->unsupported + rest->added, rest->scanned);
        QCOMPARE(count(*m_catalog, QStringLiteral("SELECT COUNT(*) FROM shots")), rest->scanned);
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
