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
#include "importing/folderimporter.h"
#include "requireok.h"
#include "testcatalog.h"
#include "tinymodels.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
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
        InferenceClient client(options(QStringLiteral("moody.pt"), 1500));
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
        const QString roll = m_dir.filePath(QStringLiteral("Roll"));
        QVERIFY(QDir().mkpath(roll));
        for (const QString &path : {m_red, m_bright, m_dark})
            QVERIFY(QFile::copy(path, roll + u'/' + QFileInfo(path).fileName()));
        FolderImporter importer(catalog);
        ImportOptions importOptions;
        importOptions.path = roll;
        REQUIRE_OK(importer.run(importOptions));
        auto page = ShotRepository(catalog).page(0, 10);
        REQUIRE_OK(page);
        QHash<QString, qint64> shots;
        for (const Shot &s : std::as_const(*page))
            shots.insert(QFileInfo(s.path).fileName(), s.id);
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
        TorchScriptCaptionGenerator moody(options(QStringLiteral("moody.pt"), 1500));
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

    // Cancelling the generator stops the worker and ends the job as cancelled.
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
