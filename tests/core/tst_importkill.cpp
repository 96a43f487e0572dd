// An import killed with SIGKILL part-way leaves a sound catalog, and a rerun completes it
// without duplicates. Runs the real `stills` binary as a child process.
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

namespace {

const QString kCorpus = QStringLiteral(STILLS_CORPUS_DIR);
const QString kStills = QStringLiteral(STILLS_BINARY);

// Opens the catalog file with a plain connection of its own, as a third-party reader would.
class RawDb
{
public:
    explicit RawDb(const QString &path, bool readOnly = true)
        : m_name(QStringLiteral("raw-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        if (readOnly)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        m_ok = db.open();
    }
    ~RawDb()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QStringList column(const QString &statement)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        QStringList values;
        if (!q.exec(statement))
            return {QStringLiteral("ERROR: ") + q.lastError().text()};
        while (q.next())
            values << q.value(0).toString();
        return values;
    }
    qint64 scalar(const QString &statement)
    {
        const QStringList v = column(statement);
        return v.isEmpty() || v.first().startsWith(u"ERROR") ? -1 : v.first().toLongLong();
    }

private:
    QString m_name;
    bool m_ok = false;
};

} // namespace

class TestImportKill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedImportResumesCleanly()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A large folder: the corpus photos several times over, as symbolic links (cheap, and each
        // link is a separate file path for the importer).
        const QString library = dir.filePath(QStringLiteral("library"));
        QStringList sources;
        QDirIterator it(kCorpus + QStringLiteral("/photos"), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            sources << it.next();
        QVERIFY(sources.size() > 100);
        const int copies = 12;
        qint64 expected = 0;
        for (int copy = 0; copy < copies; ++copy) {
            const QString folder = library + QStringLiteral("/roll%1").arg(copy, 2, 10, QLatin1Char('0'));
            QVERIFY(QDir().mkpath(folder));
            for (int i = 0; i < sources.size(); ++i) {
                const QString link = folder + QStringLiteral("/%1-%2").arg(i, 4, 10, QLatin1Char('0')).arg(QFileInfo(sources[i]).fileName());
                QVERIFY(QFile::link(sources[i], link));
                ++expected;
            }
        }
        const QString dbPath = dir.filePath(QStringLiteral("catalog.db"));
        const QString catalog = QStringLiteral("sqlite://") + dbPath + QStringLiteral("?synchronous=full");

        QProcess import;
        import.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        import.start(kStills, {QStringLiteral("--catalog"), catalog, QStringLiteral("import"), library,
                               QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--quiet")});
        QVERIFY(import.waitForStarted());

        // Wait until some batches are committed, then kill it mid-way, without warning.
        QElapsedTimer timer;
        timer.start();
        qint64 committed = 0;
        while (timer.elapsed() < 120000 && import.state() == QProcess::Running) {
            if (QFile::exists(dbPath)) {
                RawDb db(dbPath);
                if (db.ok())
                    committed = std::max<qint64>(0, db.scalar(QStringLiteral("SELECT COUNT(*) FROM shots")));
            }
            if (committed >= 300)
                break;
            QTest::qWait(5);
        }
        QVERIFY2(import.state() == QProcess::Running,
                 "the import finished before it could be killed; make the test folder larger");
        ::kill(pid_t(import.processId()), SIGKILL);
        QVERIFY(import.waitForFinished(10000));
        QCOMPARE(import.exitStatus(), QProcess::CrashExit);

        {
            RawDb db(dbPath, false);
            QVERIFY(db.ok());
            QCOMPARE(db.column(QStringLiteral("PRAGMA integrity_check")), QStringList{QStringLiteral("ok")});
            QVERIFY(db.column(QStringLiteral("PRAGMA foreign_key_check")).isEmpty());
            const qint64 shots = db.scalar(QStringLiteral("SELECT COUNT(*) FROM shots"));
            QVERIFY2(shots >= committed && shots < expected, qPrintable(QString::number(shots)));
            // Whole batches only: shots and memberships were committed together.
            QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM photoset_shots")), shots);
            QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM jobs WHERE state = 'running'")), qint64(1));
        }

        // `stills check` notices the interrupted import.
        QProcess check;
        check.start(kStills, {QStringLiteral("--catalog"), catalog, QStringLiteral("check"), QStringLiteral("--quiet")});
        QVERIFY(check.waitForFinished(60000));
        QCOMPARE(check.exitCode(), 1);
        QVERIFY(check.readAllStandardOutput().contains("Interrupted"));

        // The rerun completes: every file once, no duplicates, the job resumed and done.
        QProcess rerun;
        rerun.start(kStills, {QStringLiteral("--catalog"), catalog, QStringLiteral("import"), library, QStringLiteral("--quiet"),
                              QStringLiteral("--json")});
        QVERIFY(rerun.waitForFinished(300000));
        QCOMPARE(rerun.exitStatus(), QProcess::NormalExit);
        QVERIFY2(rerun.exitCode() == 0 || rerun.exitCode() == 1, rerun.readAllStandardError().constData());
        RawDb db(dbPath);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM shots")), expected);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(DISTINCT path) FROM shots")), expected);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM photoset_shots")), expected);
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM photosets")), qint64(1));
        QCOMPARE(db.scalar(QStringLiteral("SELECT COUNT(*) FROM jobs")), qint64(1));
        QCOMPARE(db.column(QStringLiteral("SELECT state FROM jobs")), QStringList{QStringLiteral("done")});
        QCOMPARE(db.column(QStringLiteral("PRAGMA integrity_check")), QStringList{QStringLiteral("ok")});

        QProcess checkAgain;
        checkAgain.start(kStills, {QStringLiteral("--catalog"), catalog, QStringLiteral("check"), QStringLiteral("--quiet")});
        QVERIFY(checkAgain.waitForFinished(60000));
        QCOMPARE(checkAgain.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestImportKill)
#include "tst_importkill.moc"
