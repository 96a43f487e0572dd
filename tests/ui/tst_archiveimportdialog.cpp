// File ▸ Import Archives…, offscreen: a folder of archives made here is chosen with the Folder…
// button, a dry run reports what would be imported and changes nothing, the import adds the
// photoset and shows its progress and result, and a hostile archive's refusals are shown with
// their reasons. STILLS_DIALOG_SHOTS=<folder> also saves a screenshot.
#include "archiveimportdialog.h"
#include "archivemaker.h"
#include "catalog/catalog.h"
#include "catalog/jobrepository.h"
#include "catalog/photosetrepository.h"
#include "jobs/jobkinds.h"
#include "jobs/jobqueue.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "requireok.h"

using namespace stills;
using stills::test::ArchiveEntry;

namespace {

QByteArray corpusPhoto(const char *name)
{
    QFile f(QStringLiteral(STILLS_CORPUS_DIR "/photos/mei/") + QString::fromLatin1(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ArchiveEntry file(const QByteArray &name, const QByteArray &data)
{
    return {name, data, ArchiveEntry::Type::File, {}};
}

void screenshot(QWidget *widget, const QString &name)
{
    const QString folder = qEnvironmentVariable("STILLS_DIALOG_SHOTS");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    widget->grab().save(folder + u'/' + name + QStringLiteral(".png"));
}

} // namespace

class TestArchiveImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dryRunImportAndRefusals();
};

void TestArchiveImportDialog::dryRunImportAndRefusals()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray one = corpusPhoto("Canon_EOS_7D.jpg");
    const QByteArray two = corpusPhoto("Canon_EOS_30D_4.jpg");
    QVERIFY2(!one.isEmpty() && !two.isEmpty(), "corpus photos missing");
    const QString incoming = dir.filePath(QStringLiteral("incoming"));
    QVERIFY(QDir().mkpath(incoming));
    QCOMPARE(test::writeArchive(incoming + QStringLiteral("/holiday.zip"), QStringLiteral("zip"),
                                {file("holiday/one.jpg", one), file("holiday/two.jpg", two)}),
             QString());
    const QString storage = dir.filePath(QStringLiteral("storage"));
    auto catalog = Catalog::open(CatalogUrl::sqlite(dir.filePath(QStringLiteral("catalog.db"))));
    REQUIRE_OK(catalog);
    PhotosetRepository photosets(**catalog);

    // The import is a job of the window's queue; the dialog follows it.
    JobQueue queue(*catalog);
    jobkinds::registerAll(queue, [] { return CaptionSettings{}; });
    ArchiveImportDialog dialog(*catalog, &queue);
    dialog.show();
    auto *path = dialog.findChild<QLineEdit *>(QStringLiteral("path"));
    auto *storageEdit = dialog.findChild<QLineEdit *>(QStringLiteral("storage"));
    auto *chooseFolder = dialog.findChild<QPushButton *>(QStringLiteral("chooseFolder"));
    auto *dryRun = dialog.findChild<QCheckBox *>(QStringLiteral("dryRun"));
    auto *importButton = dialog.findChild<QPushButton *>(QStringLiteral("import"));
    auto *progress = dialog.findChild<QProgressBar *>(QStringLiteral("progress"));
    auto *log = dialog.findChild<QPlainTextEdit *>(QStringLiteral("log"));
    QVERIFY(path && storageEdit && chooseFolder && dryRun && importButton && progress && log);
    storageEdit->setText(storage);
    QSignalSpy imported(&dialog, &ArchiveImportDialog::imported);

    // Choose the folder in the file dialog the Folder… button opens.
    bool chosen = false;
    QTimer::singleShot(0, this, [&] {
        auto *fileDialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        QVERIFY(fileDialog);
        QCOMPARE(fileDialog->fileMode(), QFileDialog::Directory);
        fileDialog->setDirectory(incoming);
        static_cast<QDialog *>(fileDialog)->accept(); // QFileDialog::accept, as the Choose button does
        chosen = true;
    });
    QTest::mouseClick(chooseFolder, Qt::LeftButton);
    QVERIFY(chosen);
    QCOMPARE(QDir(path->text()).canonicalPath(), QDir(incoming).canonicalPath());

    // Dry run: what would be imported, and nothing changes.
    auto runAndRead = [&] {
        const qsizetype before = log->toPlainText().size();
        QTest::mouseClick(importButton, Qt::LeftButton);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(importButton->isEnabled(), 60000); }();
        return log->toPlainText().mid(before);
    };
    dryRun->setChecked(true);
    QString text = runAndRead();
    QVERIFY2(text.contains(QStringLiteral("holiday.zip")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("would import 2 image")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("as the photoset \"holiday\"")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Dry run: 1 would be imported, 0 skipped")), qPrintable(text));
    QVERIFY(queue.jobs().isEmpty()); // a dry run is not a job
    QCOMPARE(progress->maximum(), 1);
    QCOMPARE(progress->value(), 1);
    QCOMPARE(imported.count(), 0);
    QVERIFY(photosets.list()->isEmpty());
    QVERIFY(!QFileInfo::exists(storage));

    // The import: the photoset is in the catalog, the dialog says so.
    dryRun->setChecked(false);
    text = runAndRead();
    screenshot(&dialog, QStringLiteral("archiveimportdialog"));
    QVERIFY2(text.contains(QStringLiteral("holiday.zip — imported: 2 image")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Archives: 1 imported, 0 skipped, 0 partial, 0 refused, 0 failed.")),
             qPrintable(text));
    QCOMPARE(queue.jobs().size(), 1); // the archive's folder import is a part of it, not a job of its own
    QCOMPARE(queue.jobs().first().kind, QStringLiteral("archives"));
    QCOMPARE(queue.jobs().first().state, Job::State::Done);
    QCOMPARE(progress->maximum(), 1);
    QCOMPARE(progress->value(), 1);
    QCOMPARE(imported.count(), 1);
    auto set = photosets.findByName(QStringLiteral("holiday"));
    REQUIRE_OK(set);
    QVERIFY(set->has_value());
    QCOMPARE((*set)->kind, Photoset::Kind::Archive);
    QCOMPARE(*photosets.memberCount((*set)->id), 2);

    // Again: skipped, and said so.
    text = runAndRead();
    QVERIFY2(text.contains(QStringLiteral("holiday.zip — skipped: imported before")), qPrintable(text));
    QCOMPARE(*photosets.memberCount((*set)->id), 2);

    // Hostile archives: every refusal with its reason, nothing written outside the storage folder.
    const QString hostile = dir.filePath(QStringLiteral("hostile"));
    const QString outside = dir.filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(hostile));
    QCOMPARE(test::writeArchive(hostile + QStringLiteral("/evil.zip"), QStringLiteral("zip"),
                                {file("../evil.jpg", two),
                                 file(QFile::encodeName(outside + QStringLiteral("/abs.jpg")), two), file("good.jpg", one)}),
             QString());
    {
        QFile junk(hostile + QStringLiteral("/junk.zip"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("PK\x03\x04 not really a zip file at all");
    }
    path->setText(hostile);
    text = runAndRead();
    screenshot(&dialog, QStringLiteral("archiveimportdialog-hostile"));
    QVERIFY2(text.contains(QStringLiteral("refused ../evil.jpg: a path that climbs out with \"..\" (it would be written "
                                          "outside the storage folder)")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("refused ") + outside
                           + QStringLiteral("/abs.jpg: an absolute path (it would be written outside the storage "
                                            "folder)")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("junk.zip — refused: "))
                 && text.contains(QStringLiteral("nothing could be read")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Archives: 1 imported, 0 skipped, 0 partial, 1 refused, 0 failed.")),
             qPrintable(text));
    // The refusals are the job's failed items, as the Jobs panel lists them.
    const qint64 hostileJob = queue.jobs().first().id;
    auto errors = JobRepository(**catalog).errors(hostileJob);
    REQUIRE_OK(errors);
    QStringList items;
    for (const auto &e : std::as_const(*errors))
        items.append(e.item + QStringLiteral(": ") + e.message);
    QCOMPARE(items.size(), 3);
    QVERIFY2(items.filter(QStringLiteral("evil.zip ▸ ../evil.jpg: a path that climbs out")).size() == 1, qPrintable(items.join(u'\n')));
    QVERIFY2(items.filter(QStringLiteral("junk.zip: ")).size() == 1, qPrintable(items.join(u'\n')));
    QCOMPARE(queue.jobs().first().failed, 3);
    QCOMPARE(progress->maximum(), 2);
    QCOMPARE(progress->value(), 2);
    QVERIFY(!QFileInfo::exists(outside));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("evil.jpg"))));
    for (const QString &p : test::listTree(dir.path()))
        QVERIFY2(!p.endsWith(QStringLiteral("evil.jpg")) && !p.endsWith(QStringLiteral("abs.jpg")), qPrintable(p));
}

QTEST_MAIN(TestArchiveImportDialog)
#include "tst_archiveimportdialog.moc"
