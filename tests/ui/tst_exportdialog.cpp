// The export dialog: runs an export off the GUI thread, reports it, refuses to overwrite.
#include "catalog/catalog.h"
#include "exportdialog.h"
#include "jobs/jobkinds.h"
#include "jobs/jobqueue.h"
#include "importing/folderimporter.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace stills;

class TestExportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportsSelection();
};

void TestExportDialog::exportsSelection()
{
    QTemporaryDir dir;
    const QString photos = dir.filePath(QStringLiteral("photos"));
    QVERIFY(QDir().mkpath(photos));
    for (const char *name : {"Canon_EOS_7D.jpg", "Canon_EOS_30D_4.jpg"})
        QVERIFY(QFile::copy(QStringLiteral(STILLS_CORPUS_DIR "/photos/mei/") + QString::fromLatin1(name),
                            photos + u'/' + QString::fromLatin1(name)));
    auto catalog = Catalog::open(CatalogUrl::sqlite(dir.filePath(QStringLiteral("c.db"))));
    QVERIFY(catalog);
    ImportOptions options;
    options.path = photos;
    auto imported = FolderImporter(**catalog).run(options);
    QVERIFY(imported);
    QCOMPARE(imported->added, 2);

    JobQueue queue(*catalog);
    jobkinds::registerAll(queue, [] { return CaptionSettings{}; });
    ExportDialog dialog(*catalog, &queue, {1, 2});
    dialog.show();
    auto *target = dialog.findChild<QLineEdit *>(QStringLiteral("target"));
    auto *button = dialog.findChild<QPushButton *>(QStringLiteral("export"));
    auto *log = dialog.findChild<QPlainTextEdit *>(QStringLiteral("log"));
    QVERIFY(target && button && log);
    const QString zip = dir.filePath(QStringLiteral("out.zip"));
    target->setText(zip);
    button->click();
    QTRY_VERIFY_WITH_TIMEOUT(log->toPlainText().contains(QStringLiteral("Exported 2 images")), 30000);
    QVERIFY(QFile::exists(zip));
    QVERIFY(button->isEnabled());

    // Again to the same name: refused, the file stays as it was.
    const qint64 size = QFileInfo(zip).size();
    button->click();
    QTRY_VERIFY_WITH_TIMEOUT(log->toPlainText().contains(QStringLiteral("exists already")), 30000);
    QCOMPARE(QFileInfo(zip).size(), size);
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
