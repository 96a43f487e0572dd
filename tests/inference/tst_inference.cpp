// The TorchScript back end: stills-infer run through InferenceClient with tiny modules the test
// builds itself; a file that is not TorchScript; a hung model (timeout) and a killed worker, after
// which the next shot gets a fresh worker. The TorchScript caption generator in a caption job.
#include "captioning/captioner.h"
#include "captioning/inferenceclient.h"
#include "captioning/torchscriptcaptiongenerator.h"
#include "catalog/catalog.h"
#include "catalog/captionrepository.h"
#include "catalog/jobrepository.h"
#include "catalog/shotrepository.h"
#include "common/settings.h"
#include "importing/folderimporter.h"
#include "requireok.h"
#include "testcatalog.h"
#include "tinymodels.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSettings>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

#include <csignal>
#include <stdexcept>
#include <sys/types.h>
#include <unistd.h>

using namespace stills;

namespace {

// Process ids of this process's children running `name` (read from /proc: Linux only).
QList<qint64> childProcesses(const QString &name)
{
    QList<qint64> found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool number = false;
        const qint64 pid = entry.toLongLong(&number);
        if (!number)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = stat.readAll();
        // pid (comm) state ppid ...: comm may hold spaces, so read from the last ')'.
        const qsizetype close = text.lastIndexOf(')');
        const qsizetype open = text.indexOf('(');
        if (close < 0 || open < 0)
            continue;
        const QString comm = QString::fromUtf8(text.mid(open + 1, close - open - 1));
        const QList<QByteArray> rest = text.mid(close + 2).split(' ');
        if (rest.size() > 1 && rest.at(1).toLongLong() == qint64(::getpid()) && name.startsWith(comm))
            found.append(pid);
    }
    return found;
}

} // namespace

class TestInference : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_red;
    QString m_dark;
    QString m_bright;

    InferenceOptions options(const QString &model, int timeoutMs = 60'000)
    {
        InferenceOptions o;
        o.program = QStringLiteral(STILLS_INFER_BINARY);
        o.modelPath = m_dir.filePath(model);
        o.inputSize = 32;
        o.mean = {0, 0, 0};
        o.std = {1, 1, 1};
        o.timeoutMs = timeoutMs;
        return o;
    }

    QString image(const QString &name, const QColor &colour)
    {
        QImage picture(96, 64, QImage::Format_RGB32);
        picture.fill(colour);
        const QString path = m_dir.filePath(name);
        return picture.save(path, "PNG") ? path : QString();
    }

    // A catalog of red.png, bright.png and dark.png in the folder `name`: file name -> shot id.
    QHash<QString, qint64> importImages(const Catalog &catalog, const QString &name)
    {
        QHash<QString, qint64> shots;
        const QString roll = m_dir.filePath(name);
        if (!QDir().mkpath(roll))
            return shots;
        for (const QString &path : {m_red, m_bright, m_dark})
            if (!QFile::copy(path, roll + u'/' + QFileInfo(path).fileName()))
                return shots;
        FolderImporter importer(catalog);
        ImportOptions importOptions;
        importOptions.path = roll;
        if (!importer.run(importOptions))
            return shots;
        auto page = ShotRepository(catalog).page(0, 10);
        if (page)
            for (const Shot &s : std::as_const(*page))
                shots.insert(QFileInfo(s.path).fileName(), s.id);
        return shots;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        try {
            test::writeTinyModels(m_dir.path().toStdString());
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
        m_red = image(QStringLiteral("red.png"), Qt::red);
        m_dark = image(QStringLiteral("dark.png"), QColor(10, 10, 10));
        m_bright = image(QStringLiteral("bright.png"), Qt::white);
        QVERIFY(!m_red.isEmpty() && !m_dark.isEmpty() && !m_bright.isEmpty());
        QVERIFY(QFileInfo(QStringLiteral(STILLS_INFER_BINARY)).isExecutable());
    }

    void tagsWithScores()
    {
        InferenceClient client(options(QStringLiteral("tagger.pt")));
        auto red = client.run(m_red);
        REQUIRE_OK(red);
        QCOMPARE(red->tags.size(), 3);
        QCOMPARE(red->tags.first().first, QStringLiteral("red"));
        QVERIFY(qAbs(red->tags.first().second - 1.0) < 1e-3); // red plane all 1 (mean 0, std 1)
        QVERIFY(qAbs(red->tags.at(1).second) < 1e-3);
        // The same worker answers the next image: a real photo, decoded upright in the worker.
        const QString photo = QStringLiteral(STILLS_CORPUS_DIR "/photos/exiv2/exiv2-nikon-d70.jpg");
        QVERIFY(QFileInfo::exists(photo));
        const qint64 worker = client.workerProcessId();
        QVERIFY(worker > 0);
        auto real = client.run(photo);
        REQUIRE_OK(real);
        QCOMPARE(real->tags.size(), 3);
        QVERIFY(real->tags.first().second >= real->tags.last().second);
        QCOMPARE(client.workerProcessId(), worker);
        // A broken image is that shot's error; the worker stays up.
        QFile junk(m_dir.filePath(QStringLiteral("junk.jpg")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("\xff\xd8 this is no JPEG");
        junk.close();
        auto broken = client.run(junk.fileName());
        QVERIFY(!broken.ok());
        QVERIFY(!broken.error().message.isEmpty());
        QCOMPARE(client.workerProcessId(), worker);
    }

    void caption()
    {
        InferenceClient client(options(QStringLiteral("captioner.pt")));
        auto said = client.run(m_dark);
        REQUIRE_OK(said);
        QCOMPARE(said->caption, QStringLiteral("a still of 32 pixels")); // the input size from the options
        QVERIFY(said->tags.isEmpty());
    }

    void notTorchScript()
    {
        QFile fake(m_dir.filePath(QStringLiteral("fake.pt")));
        QVERIFY(fake.open(QIODevice::WriteOnly));
        fake.write("PK\x03\x04 not really a TorchScript archive");
        fake.close();
        InferenceClient client(options(QStringLiteral("fake.pt")));
        auto refused = client.run(m_red);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("could not be loaded as a TorchScript model")),
                 qPrintable(refused.error().message));
        QCOMPARE(client.workerProcessId(), 0);

        InferenceClient missing(options(QStringLiteral("nowhere.pt")));
        QCOMPARE(missing.run(m_red).error().code, Error::Code::NotFound);

        InferenceOptions noWorker = options(QStringLiteral("tagger.pt"));
        noWorker.program = m_dir.filePath(QStringLiteral("no-such-worker"));
        auto absent = InferenceClient(noWorker).run(m_red);
        QVERIFY(!absent.ok());
        QVERIFY2(absent.error().message.contains(QStringLiteral("could not be started")), qPrintable(absent.error().message));
    }

    void hungWorkerIsStoppedAndReplaced()
    {
        InferenceClient client(options(QStringLiteral("moody.pt"), 6000)); // loading the model counts too
        auto hung = client.run(m_bright);
        QVERIFY(!hung.ok());
        QVERIFY2(hung.error().message.contains(QStringLiteral("did not answer")), qPrintable(hung.error().message));
        QCOMPARE(client.workerProcessId(), 0);
        QVERIFY(childProcesses(QStringLiteral("stills-infer")).isEmpty()); // killed, not left running
        auto next = client.run(m_dark);
        REQUIRE_OK(next);
        QCOMPARE(next->caption, QStringLiteral("dark"));
    }

    void killedWorkerFailsOneShot()
    {
        // The client is used by one thread at a time (its worker belongs to the thread that started it).
        InferenceClient client(options(QStringLiteral("moody.pt")));
        auto running = QtConcurrent::run([&] {
            auto first = client.run(m_dark); // a worker is up and answering
            return first.ok() ? client.run(m_bright) : first;
        });
        QList<qint64> workers;
        QTRY_VERIFY_WITH_TIMEOUT(!(workers = childProcesses(QStringLiteral("stills-infer"))).isEmpty(), 10000);
        QTest::qWait(300); // in the middle of the image
        for (qint64 pid : std::as_const(workers))
            ::kill(pid_t(pid), SIGKILL);
        running.waitForFinished();
        auto killed = running.result();
        QVERIFY(!killed.ok());
        QVERIFY2(killed.error().message.contains(QStringLiteral("stopped unexpectedly")), qPrintable(killed.error().message));
        auto next = client.run(m_dark);
        REQUIRE_OK(next);
        QCOMPARE(next->caption, QStringLiteral("dark"));
    }

    void cancelStopsTheWorker()
    {
        InferenceClient client(options(QStringLiteral("moody.pt")));
        std::atomic_bool cancel = false;
        auto running = QtConcurrent::run([&] { return client.run(m_bright, [&] { return cancel.load(); }); });
        QTRY_VERIFY_WITH_TIMEOUT(!childProcesses(QStringLiteral("stills-infer")).isEmpty(), 10000);
        QTest::qWait(300);
        cancel = true;
        running.waitForFinished();
        QCOMPARE(running.result().error().code, Error::Code::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(childProcesses(QStringLiteral("stills-infer")).isEmpty(), 5000);
    }

    void captionFromTags()
    {
        QCOMPARE(TorchScriptCaptionGenerator::captionFromTags({{QStringLiteral("harbour"), 0.9},
                                                               {QStringLiteral(" boat "), 0.7},
                                                               {QString(), 0.5},
                                                               {QStringLiteral("Harbour"), 0.4},
                                                               {QStringLiteral("night"), 0.2}}),
                 QStringLiteral("harbour, boat, night"));
        QCOMPARE(TorchScriptCaptionGenerator::captionFromTags({}), QString());
    }

    // A caption job with the TorchScript generator: a tagger's labels and a captioner's text are
    // stored as captions of source "torchscript"; a hung model fails its shot with the timeout's
    // reason and the next shot is captioned by a fresh worker.
    void captionerRunsTheModel()
    {
        test::ScratchCatalog scratch;
        QVERIFY2(scratch.isValid(), qPrintable(scratch.errorString()));
        auto opened = Catalog::open(scratch.url());
        REQUIRE_OK(opened);
        const Catalog &catalog = **opened;
        const QHash<QString, qint64> shots = importImages(catalog, QStringLiteral("Roll"));
        QCOMPARE(shots.size(), 3);
        const qint64 red = shots.value(QStringLiteral("red.png"));
        const qint64 bright = shots.value(QStringLiteral("bright.png"));
        const qint64 dark = shots.value(QStringLiteral("dark.png"));
        CaptionRepository captions(catalog);

        // The tagger: the best labels make the caption, the scores and preprocessing are kept.
        TorchScriptCaptionGenerator tagger(options(QStringLiteral("tagger.pt")));
        QCOMPARE(tagger.model(), QStringLiteral("tagger.pt"));
        Captioner taggerRun(catalog, tagger);
        auto tagged = taggerRun.run({{red, bright}, false});
        REQUIRE_OK(tagged);
        QCOMPARE(tagged->captioned, 2);
        QCOMPARE(tagged->failed, 0);
        QVERIFY(childProcesses(QStringLiteral("stills-infer")).isEmpty()); // released with the run
        auto redCaption = captions.current(red);
        REQUIRE_OK(redCaption);
        QVERIFY(redCaption->has_value());
        const Caption &c = **redCaption;
        QCOMPARE(c.source, QStringLiteral("torchscript"));
        QCOMPARE(c.model, QStringLiteral("tagger.pt"));
        QVERIFY2(c.text.startsWith(QStringLiteral("red, ")), qPrintable(c.text));
        QCOMPARE(c.text.split(QStringLiteral(", ")).size(), 3);
        const QJsonArray tags = c.parameters.value(u"tags").toArray();
        QCOMPARE(tags.size(), 3);
        QCOMPARE(tags.first().toObject().value(u"label").toString(), QStringLiteral("red"));
        QVERIFY(qAbs(tags.first().toObject().value(u"score").toDouble() - 1.0) < 1e-3);
        QCOMPARE(c.parameters.value(u"inputSize").toInt(), 32);
        QCOMPARE(c.parameters.value(u"std").toArray().size(), 3);
        QCOMPARE(c.parameters.value(u"job").toInteger(), tagged->jobId);

        // The captioner: its text is the caption, with no tags stored.
        TorchScriptCaptionGenerator writer(options(QStringLiteral("captioner.pt")));
        Captioner writerRun(catalog, writer);
        auto written = writerRun.run({{dark}, false});
        REQUIRE_OK(written);
        QCOMPARE(written->captioned, 1);
        auto darkCaption = captions.current(dark);
        REQUIRE_OK(darkCaption);
        QVERIFY(darkCaption->has_value());
        QCOMPARE((*darkCaption)->text, QStringLiteral("a still of 32 pixels"));
        QCOMPARE((*darkCaption)->source, QStringLiteral("torchscript"));
        QVERIFY(!(*darkCaption)->parameters.contains(u"tags"));

        // The hung model: the bright shot fails with the timeout, the dark one after it is captioned.
        TorchScriptCaptionGenerator moody(options(QStringLiteral("moody.pt"), 6000)); // time to load the model on a busy machine
        Captioner moodyRun(catalog, moody);
        auto mixed = moodyRun.run({{bright, dark}, false});
        REQUIRE_OK(mixed);
        QCOMPARE(mixed->captioned, 1);
        QCOMPARE(mixed->failed, 1);
        QCOMPARE(mixed->state, Job::State::Done);
        QCOMPARE(mixed->failures.first().shotId, bright);
        QVERIFY2(mixed->failures.first().reason.contains(QStringLiteral("did not answer")),
                 qPrintable(mixed->failures.first().reason));
        auto errors = JobRepository(catalog).errors(mixed->jobId);
        REQUIRE_OK(errors);
        QCOMPARE(errors->size(), 1);
        auto afterHang = captions.current(dark);
        REQUIRE_OK(afterHang);
        QCOMPARE((*afterHang)->text, QStringLiteral("dark"));
        auto brightCaption = captions.current(bright);
        REQUIRE_OK(brightCaption);
        QVERIFY(brightCaption->has_value());
        QCOMPARE((*brightCaption)->model, QStringLiteral("tagger.pt")); // the failed run left it alone
        QVERIFY(childProcesses(QStringLiteral("stills-infer")).isEmpty());
    }

    // `stills caption --generator torchscript`: the model and its preprocessing from Preferences,
    // --model-file to use another; a hung model fails its shot and the command says so.
    void commandLine()
    {
        test::ScratchCatalog scratch;
        QVERIFY2(scratch.isValid(), qPrintable(scratch.errorString()));
        auto opened = Catalog::open(scratch.url());
        REQUIRE_OK(opened);
        const Catalog &catalog = **opened;
        const QHash<QString, qint64> shots = importImages(catalog, QStringLiteral("Cli"));
        QCOMPARE(shots.size(), 3);

        QTemporaryDir home;
        QVERIFY(home.isValid());
        {
            Settings preferences;
            preferences.caption.generator = CaptionSettings::Generator::TorchScript;
            preferences.caption.torchModelPath = m_dir.filePath(QStringLiteral("tagger.pt"));
            preferences.caption.inputSize = 32;
            preferences.caption.mean = {0, 0, 0};
            preferences.caption.std = {1, 1, 1};
            QSettings file(home.filePath(QStringLiteral("config/Stills/Stills.conf")), QSettings::IniFormat);
            preferences.save(file);
            file.sync();
            QCOMPARE(file.status(), QSettings::NoError);
        }
        struct Run {
            int exitCode = -1;
            QByteArray out;
            QByteArray err;
        };
        const auto stills = [&](const QStringList &arguments) {
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("STILLS_CATALOG"));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
            env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
            env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
            env.insert(QStringLiteral("STILLS_INFER"), QStringLiteral(STILLS_INFER_BINARY));
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(STILLS_BINARY),
                          QStringList{QStringLiteral("--catalog"), scratch.url().toString(), QStringLiteral("caption")} + arguments);
            Run run;
            if (!process.waitForFinished(120'000) || process.exitStatus() != QProcess::NormalExit)
                return run;
            run.exitCode = process.exitCode();
            run.out = process.readAllStandardOutput();
            run.err = process.readAllStandardError();
            return run;
        };
        const QString all = QString();
        const QString torchscript = QStringLiteral("torchscript");
        CaptionRepository captions(catalog);

        // The tagger chosen in Preferences, at the input size chosen there.
        Run r = stills({all, QStringLiteral("--generator"), torchscript, QStringLiteral("--json"), QStringLiteral("-q")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(u"generator").toString(), torchscript);
        QCOMPARE(summary.value(u"model").toString(), QStringLiteral("tagger.pt"));
        QCOMPARE(summary.value(u"captioned").toInt(), 3);
        auto red = captions.current(shots.value(QStringLiteral("red.png")));
        REQUIRE_OK(red);
        QVERIFY(red->has_value());
        QVERIFY2((*red)->text.startsWith(QStringLiteral("red, ")), qPrintable((*red)->text));
        QCOMPARE((*red)->source, torchscript);
        QCOMPARE((*red)->parameters.value(u"inputSize").toInt(), 32);

        // Another model file; the input size still from Preferences.
        r = stills({all, QStringLiteral("--generator"), torchscript, QStringLiteral("--model-file"),
                    m_dir.filePath(QStringLiteral("captioner.pt")), QStringLiteral("--print"), QStringLiteral("-q")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.count("\ta still of 32 pixels\n"), 3);
        QVERIFY2(r.out.contains("Captioned 3 of 3 shots with torchscript (captioner.pt) (job "), r.out.constData());

        // The hung model: the bright shot fails after the timeout, the dark one is captioned.
        r = stills({all, QStringLiteral("--generator"), torchscript, QStringLiteral("--model-file"),
                    m_dir.filePath(QStringLiteral("moody.pt")), QStringLiteral("--timeout"), QStringLiteral("6"),
                    QStringLiteral("-q")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("bright.png: The model worker did not answer within 6 s"), r.out.constData());
        QVERIFY2(r.out.contains("to try the failed ones again."), r.out.constData());
        auto dark = captions.current(shots.value(QStringLiteral("dark.png")));
        REQUIRE_OK(dark);
        QCOMPARE((*dark)->text, QStringLiteral("dark"));
        QCOMPARE((*dark)->model, QStringLiteral("moody.pt"));
        QVERIFY(childProcesses(QStringLiteral("stills-infer")).isEmpty());

        // Usage errors say what is wrong.
        const QList<std::pair<QStringList, QByteArray>> usage = {
            {{all, QStringLiteral("--generator"), torchscript, QStringLiteral("--model-file"), m_dir.filePath(QStringLiteral("nowhere.pt"))},
             "does not exist"},
            {{all, QStringLiteral("--model-file"), m_dir.filePath(QStringLiteral("tagger.pt"))},
             "--model-file is for --generator torchscript"},
            {{all, QStringLiteral("--generator"), torchscript, QStringLiteral("--url"), QStringLiteral("http://localhost:1/v1")},
             "--url, --model and --prompt are for --generator openai"},
            {{all, QStringLiteral("--generator"), QStringLiteral("torch")}, "--generator is builtin, openai or torchscript"},
        };
        for (const auto &[arguments, expected] : usage) {
            r = stills(arguments);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(expected), r.err.constData());
        }
    }

    // Cancelling the generator stops its worker at once.
    void cancelledGenerator()
    {
        TorchScriptCaptionGenerator moody(options(QStringLiteral("moody.pt")));
        CaptionRequest request;
        request.imagePath = m_bright;
        auto running = QtConcurrent::run([&] {
            auto caption = moody.generate(request);
            moody.release();
            return caption;
        });
        QTRY_VERIFY_WITH_TIMEOUT(!childProcesses(QStringLiteral("stills-infer")).isEmpty(), 10000);
        moody.cancel();
        running.waitForFinished();
        QCOMPARE(running.result().error().code, Error::Code::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(childProcesses(QStringLiteral("stills-infer")).isEmpty(), 5000);
    }
};

QTEST_GUILESS_MAIN(TestInference)
#include "tst_inference.moc"
