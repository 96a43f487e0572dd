// The captioner: captions as new versions with their source, only-unedited, failures recorded in a
// persisted job, cancel and resume. Runs on SQLite and PostgreSQL.
#include "captioning/builtincaptiongenerator.h"
#include "captioning/captioner.h"
#include "captioning/openaicaptiongenerator.h"
#include "catalog/attributerepository.h"
#include "catalog/captionrepository.h"
#include "catalog/catalog.h"
#include "catalog/jobrepository.h"
#include "catalog/photosetrepository.h"
#include "catalog/shotrepository.h"
#include "catalog/tagrepository.h"
#include "common/settings.h"
#include "importing/folderimporter.h"
#include "chatserver.h"
#include "testcatalog.h"

#include <QDir>
#include <QFile>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "requireok.h"

using namespace stills;
using namespace stills::test;

namespace {

const QString kCorpus = QFileInfo(QStringLiteral(STILLS_CORPUS_DIR)).canonicalFilePath();

// Stands for a person typing a caption while the server is still writing one: the manual caption
// lands between the generator's start and the captioner storing the result.
class TypingWhileGenerating : public CaptionGenerator
{
public:
    TypingWhileGenerating(const Catalog &catalog, qint64 shotId) : m_catalog(catalog), m_shotId(shotId) {}
    QString name() const override { return m_builtin.name(); }
    QString model() const override { return {}; }
    Result<Caption> generate(const CaptionRequest &request, const PartialCallback &onPartial) override
    {
        if (request.shotId == m_shotId) {
            Caption typed;
            typed.shotId = m_shotId;
            typed.text = QStringLiteral("Typed while the generator ran.");
            if (auto added = CaptionRepository(m_catalog).add(typed); !added)
                return added.error();
        }
        return m_builtin.generate(request, onPartial);
    }

private:
    const Catalog &m_catalog;
    qint64 m_shotId;
    BuiltinCaptionGenerator m_builtin;
};

// Stands for a generator waiting on a server when the user cancels: it answers Cancelled, as the
// real ones do once their cancel flag is set.
class CancelledWhileWaiting : public CaptionGenerator
{
public:
    std::function<void()> whileWaiting;
    QString name() const override { return QStringLiteral("builtin"); }
    QString model() const override { return {}; }
    Result<Caption> generate(const CaptionRequest &, const PartialCallback &) override
    {
        if (whileWaiting)
            whileWaiting();
        if (isCancelled())
            return Error{Error::Code::Cancelled, QStringLiteral("cancelled")};
        return Error::io(QStringLiteral("the test expected a cancel"));
    }
};

} // namespace

class TestCaptioner : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tree;
    std::unique_ptr<test::ScratchCatalog> m_scratch;
    CatalogPtr m_catalog;
    qint64 m_photoset = 0;
    QHash<QString, qint64> m_shots; // file name -> shot id
    QList<qint64> m_all;            // every shot, ascending

    qint64 shot(const char *name) const { return m_shots.value(QString::fromUtf8(name)); }

    // Gives the shot a manual caption (typed by hand).
    void typeCaption(qint64 shotId, const QString &text)
    {
        Caption caption;
        caption.shotId = shotId;
        caption.text = text;
        REQUIRE_OK(CaptionRepository(*m_catalog).add(caption));
    }

    QList<Caption> history(qint64 shotId)
    {
        auto list = CaptionRepository(*m_catalog).history(shotId);
        return list ? *list : QList<Caption>{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tree.isValid());
        m_scratch = std::make_unique<ScratchCatalog>();
        QVERIFY2(m_scratch->isValid(), qPrintable(m_scratch->errorString()));
        auto catalog = Catalog::open(m_scratch->url());
        REQUIRE_OK(catalog);
        m_catalog = *catalog;

        // Real photos, and one that is cut off after its first 300 bytes.
        const QString roll = m_tree.filePath(QStringLiteral("Roll"));
        QVERIFY(QDir().mkpath(roll));
        for (const char *name : {"ianare/tests_87_OSError.jpg", "ianare/xmp_BlueSquare.jpg", "ianare/Canon_40D.jpg",
                                 "exiv2/FurnaceCreekInn.jpg"})
            QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/") + QLatin1String(name),
                                roll + u'/' + QFileInfo(QLatin1String(name)).fileName()));
        QFile whole(roll + QStringLiteral("/Canon_40D.jpg"));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        QFile cut(roll + QStringLiteral("/cut.jpg"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(whole.read(300));
        cut.close();

        FolderImporter importer(*m_catalog);
        ImportOptions options;
        options.path = roll;
        auto imported = importer.run(options);
        REQUIRE_OK(imported);
        m_photoset = imported->photosetId;
        auto page = ShotRepository(*m_catalog).page(0, 100);
        REQUIRE_OK(page);
        for (const Shot &s : std::as_const(*page)) {
            m_shots.insert(QFileInfo(s.path).fileName(), s.id);
            m_all.append(s.id);
        }
        QCOMPARE(m_all.size(), 5);

        auto set = PhotosetRepository(*m_catalog).get(m_photoset);
        REQUIRE_OK(set);
        set->title = QStringLiteral("Concrete and Sky");
        REQUIRE_OK(PhotosetRepository(*m_catalog).update(*set));
        AttributeRepository attributes(*m_catalog);
        REQUIRE_OK(attributes.setShotValues(shot("tests_87_OSError.jpg"), QStringLiteral("lighting"),
                                            {QStringLiteral("silhouette"), QStringLiteral("low-key")}));
        REQUIRE_OK(attributes.setShotValues(shot("tests_87_OSError.jpg"), QStringLiteral("time_of_day"), {QStringLiteral("dusk")}));
        TagRepository tags(*m_catalog);
        auto tag = tags.ensurePath(QStringLiteral("Architecture/Tower blocks"));
        REQUIRE_OK(tag);
        REQUIRE_OK(tags.tagShots(*tag, {shot("tests_87_OSError.jpg")}));
    }

    // What a generator is told about a shot comes from the catalog.
    void requestFromCatalog()
    {
        auto request = Captioner::requestFor(*m_catalog, shot("tests_87_OSError.jpg"));
        REQUIRE_OK(request);
        QVERIFY(request->imagePath.endsWith(QStringLiteral("/Roll/tests_87_OSError.jpg")));
        // Time of day and lighting as set; aspect ratio and orientation derived by the catalog from the pixels.
        QCOMPARE(request->attributesText(),
                 QStringLiteral("Time of day: Dusk; Lighting: Low key, Silhouette; Aspect ratio: 9:16; Orientation: Portrait"));
        QCOMPARE(request->tags, QStringList{QStringLiteral("Architecture/Tower blocks")});
        QCOMPARE(request->lens, QStringLiteral("18.0-70.0 mm f/3.5-4.5"));
        QVERIFY(request->focalLength.has_value());
        QCOMPARE(*request->focalLength, 60.0);
        QCOMPARE(request->photosetTitle, QStringLiteral("Concrete and Sky"));
        QVERIFY(!request->camera.isEmpty());

        QVERIFY(!Captioner::requestFor(*m_catalog, 999999));
    }

    // Every shot gets a new current version with its source; earlier versions stay; the broken
    // file is the job's error, with its reason, and the rest goes on.
    void captionsAllKeepingHistory()
    {
        const qint64 typed = shot("xmp_BlueSquare.jpg");
        typeCaption(typed, QStringLiteral("Blue square, typed by hand."));

        BuiltinCaptionGenerator generator;
        Captioner captioner(*m_catalog, generator);
        QList<std::pair<qint64, qint64>> progress;
        QHash<qint64, QString> partial;
        QList<Caption> stored;
        captioner.setProgressCallback([&](qint64 done, qint64 total) { progress.append({done, total}); });
        captioner.setPartialCallback([&](qint64 shotId, const QString &text) { partial.insert(shotId, text); });
        captioner.setCaptionCallback([&](const Caption &caption) { stored.append(caption); });
        auto summary = captioner.run({m_all, false});
        REQUIRE_OK(summary);
        QCOMPARE(summary->shots, 5);
        QCOMPARE(summary->captioned, 4);
        QCOMPARE(summary->failed, 1);
        QCOMPARE(summary->skippedEdited, 0);
        QCOMPARE(summary->state, Job::State::Done);
        QVERIFY(!summary->cancelled);
        QCOMPARE(progress.size(), 5);
        QCOMPARE(progress.last(), (std::pair<qint64, qint64>{5, 5}));
        QCOMPARE(stored.size(), 4);

        QCOMPARE(summary->failures.size(), 1);
        const CaptionFailure failure = summary->failures.first();
        QCOMPARE(failure.shotId, shot("cut.jpg"));
        QVERIFY(failure.path.endsWith(QStringLiteral("/Roll/cut.jpg")));
        QVERIFY2(failure.reason.startsWith(QStringLiteral("The image could not be analysed")), qPrintable(failure.reason));

        // The job, as another window (or `stills check`) would read it.
        JobRepository jobs(*m_catalog);
        auto job = jobs.get(summary->jobId);
        REQUIRE_OK(job);
        QCOMPARE(job->kind, QStringLiteral("caption"));
        QCOMPARE(job->state, Job::State::Done);
        QCOMPARE(job->total, 5);
        QCOMPARE(job->done, 5);
        QCOMPARE(job->failed, 1);
        QCOMPARE(job->parameters.value(u"generator").toString(), QStringLiteral("builtin"));
        QCOMPARE(job->parameters.value(u"shots").toArray().size(), 5);
        auto errors = jobs.errors(summary->jobId);
        REQUIRE_OK(errors);
        QCOMPARE(errors->size(), 1);
        QCOMPARE(errors->first().item, failure.path);
        QCOMPARE(errors->first().message, failure.reason);

        // The captions: current, with their source; the typed one kept in the history.
        for (const Caption &caption : std::as_const(stored)) {
            auto current = CaptionRepository(*m_catalog).current(caption.shotId);
            REQUIRE_OK(current);
            QVERIFY(current->has_value());
            const Caption &c = **current;
            QCOMPARE(c.id, caption.id);
            QCOMPARE(c.text, partial.value(caption.shotId));
            QCOMPARE(c.source, QStringLiteral("builtin"));
            QVERIFY(!c.editedByHand);
            QCOMPARE(c.parameters.value(u"job").toInteger(), summary->jobId);
            QCOMPARE(c.parameters.value(u"version").toInt(), BuiltinCaptionGenerator::Version);
        }
        auto withContext = CaptionRepository(*m_catalog).current(shot("tests_87_OSError.jpg"));
        REQUIRE_OK(withContext);
        QCOMPARE((*withContext)->text,
                 QStringLiteral("A dark, low-key portrait frame with black and grey tones. Time of day: Dusk; Lighting: Low key, "
                                "Silhouette; Aspect ratio: 9:16. Tags: Tower blocks. Shot with 18.0-70.0 mm f/3.5-4.5 at 60 mm. "
                                "From \u201CConcrete and Sky\u201D."));
        QList<Caption> versions = history(typed);
        QCOMPARE(versions.size(), 2);
        QCOMPARE(versions.at(0).source, QStringLiteral("builtin"));
        QVERIFY(versions.at(0).current);
        QCOMPARE(versions.at(1).text, QStringLiteral("Blue square, typed by hand."));
        QVERIFY(versions.at(1).editedByHand);
        QVERIFY(!versions.at(1).current);

        // Captioning again adds versions; it never rewrites one.
        BuiltinCaptionGenerator again;
        auto second = Captioner(*m_catalog, again).run({{typed}, false});
        REQUIRE_OK(second);
        QCOMPARE(second->captioned, 1);
        versions = history(typed);
        QCOMPARE(versions.size(), 3);
        QCOMPARE(versions.at(0).parameters.value(u"job").toInteger(), second->jobId);
        QCOMPARE(versions.at(1).parameters.value(u"job").toInteger(), summary->jobId);
    }

    // Only-unedited leaves the shots whose current caption was typed by hand; generated ones and
    // shots without a caption are captioned.
    void onlyUnedited()
    {
        const qint64 typed = shot("Canon_40D.jpg");
        const qint64 generated = shot("FurnaceCreekInn.jpg"); // captioned by the test before
        typeCaption(typed, QStringLiteral("An iguana, typed by hand."));
        const qsizetype typedVersions = history(typed).size();
        const qsizetype generatedVersions = history(generated).size();
        QVERIFY(generatedVersions >= 1);
        QVERIFY(!history(generated).first().editedByHand);

        BuiltinCaptionGenerator generator;
        auto summary = Captioner(*m_catalog, generator).run({{typed, generated}, true});
        REQUIRE_OK(summary);
        QCOMPARE(summary->skippedEdited, 1);
        QCOMPARE(summary->captioned, 1);
        QCOMPARE(history(typed).size(), typedVersions);
        QCOMPARE(history(typed).first().text, QStringLiteral("An iguana, typed by hand."));
        QVERIFY(history(typed).first().current);
        QCOMPARE(history(generated).size(), generatedVersions + 1);

        auto job = JobRepository(*m_catalog).get(summary->jobId);
        REQUIRE_OK(job);
        QCOMPARE(job->parameters.value(u"onlyUnedited").toBool(), true);
    }

    // A caption typed while the generator ran is not buried under the generated one.
    void onlyUneditedTypedMeanwhile()
    {
        const qint64 target = shot("FurnaceCreekInn.jpg");
        TypingWhileGenerating generator(*m_catalog, target);
        auto summary = Captioner(*m_catalog, generator).run({{target}, true});
        REQUIRE_OK(summary);
        QCOMPARE(summary->skippedEdited, 1);
        QCOMPARE(summary->captioned, 0);
        auto current = CaptionRepository(*m_catalog).current(target);
        REQUIRE_OK(current);
        QCOMPARE((*current)->text, QStringLiteral("Typed while the generator ran."));

        // Without only-unedited the generated caption becomes current, the typed one stays in the history.
        TypingWhileGenerating overwriting(*m_catalog, target);
        auto replaced = Captioner(*m_catalog, overwriting).run({{target}, false});
        REQUIRE_OK(replaced);
        QCOMPARE(replaced->captioned, 1);
        const QList<Caption> versions = history(target);
        QCOMPARE(versions.at(0).source, QStringLiteral("builtin"));
        QCOMPARE(versions.at(1).text, QStringLiteral("Typed while the generator ran."));
    }

    // Nothing could be captioned: the job failed, each shot's reason listed.
    void failuresListed()
    {
        const QString missingPath = m_tree.filePath(QStringLiteral("Roll/gone.jpg"));
        QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/exiv2/FurnaceCreekInn.jpg"), missingPath));
        FolderImporter importer(*m_catalog);
        ImportOptions options;
        options.path = missingPath;
        options.photosetName = QStringLiteral("Gone");
        REQUIRE_OK(importer.run(options));
        auto gone = ShotRepository(*m_catalog).findByPath(QFileInfo(missingPath).absoluteFilePath());
        REQUIRE_OK(gone);
        QVERIFY(gone->has_value());
        QFile::setPermissions(missingPath, QFile::ReadOwner | QFile::WriteOwner);
        QVERIFY(QFile::remove(missingPath));

        BuiltinCaptionGenerator generator;
        auto summary = Captioner(*m_catalog, generator).run({{shot("cut.jpg"), (*gone)->id, 999999}, false});
        REQUIRE_OK(summary);
        QCOMPARE(summary->captioned, 0);
        QCOMPARE(summary->failed, 3);
        QCOMPARE(summary->state, Job::State::Failed);
        auto errors = JobRepository(*m_catalog).errors(summary->jobId);
        REQUIRE_OK(errors);
        QCOMPARE(errors->size(), 3);
        QVERIFY(errors->at(0).item.endsWith(QStringLiteral("cut.jpg")));
        QVERIFY2(errors->at(0).message.contains(QStringLiteral("could not be decoded")), qPrintable(errors->at(0).message));
        QCOMPARE(errors->at(1).item, (*gone)->path);
        QVERIFY2(errors->at(1).message.contains(QStringLiteral("No such file")), qPrintable(errors->at(1).message));
        QCOMPARE(errors->at(2).item, QStringLiteral("shot 999999"));
        QCOMPARE(errors->at(2).message, QStringLiteral("The shot is no longer in the catalog."));
        auto job = JobRepository(*m_catalog).get(summary->jobId);
        REQUIRE_OK(job);
        QCOMPARE(job->state, Job::State::Failed);
        QCOMPARE(job->failed, 3);
        QVERIFY(job->error.contains(QStringLiteral("3")));
    }

    // Cancel stops after the shot in progress; resuming the job captions the rest, never the same
    // shot twice, and a finished job run again retries only what failed.
    void cancelAndResume()
    {
        BuiltinCaptionGenerator generator;
        Captioner captioner(*m_catalog, generator);
        captioner.setCaptionCallback([&](const Caption &) { captioner.cancel(); });
        auto first = captioner.run({m_all, false});
        REQUIRE_OK(first);
        QVERIFY(first->cancelled);
        QCOMPARE(first->state, Job::State::Cancelled);
        QCOMPARE(first->captioned, 1);
        JobRepository jobs(*m_catalog);
        auto job = jobs.get(first->jobId);
        REQUIRE_OK(job);
        QCOMPARE(job->state, Job::State::Cancelled);
        QCOMPARE(job->done, first->captioned + first->failed); // the broken file may come first

        const auto captionsOfJob = [&](qint64 jobId) {
            int count = 0;
            for (qint64 id : std::as_const(m_all))
                for (const Caption &c : history(id))
                    count += c.parameters.value(u"job").toInteger() == jobId;
            return count;
        };
        QCOMPARE(captionsOfJob(first->jobId), 1);

        BuiltinCaptionGenerator fresh;
        Captioner resumer(*m_catalog, fresh);
        auto resumed = resumer.resume(first->jobId);
        REQUIRE_OK(resumed);
        QCOMPARE(resumed->jobId, first->jobId);
        QCOMPARE(resumed->skippedDone, 1);
        QCOMPARE(resumed->captioned, 3);
        QCOMPARE(resumed->failed, 1); // cut.jpg
        QCOMPARE(resumed->state, Job::State::Done);
        QCOMPARE(captionsOfJob(first->jobId), 4);

        // Run once more: the four are done; only the broken file is tried (and fails again), and the
        // job lists the failure once.
        auto rerun = Captioner(*m_catalog, fresh).resume(first->jobId);
        REQUIRE_OK(rerun);
        QCOMPARE(rerun->skippedDone, 4);
        QCOMPARE(rerun->captioned, 0);
        QCOMPARE(rerun->failed, 1);
        QCOMPARE(rerun->state, Job::State::Done);
        QCOMPARE(captionsOfJob(first->jobId), 4);
        auto errors = jobs.errors(first->jobId);
        REQUIRE_OK(errors);
        QCOMPARE(errors->size(), 1);

        // A job is resumed with the generator it was made with.
        OpenAiCaptionGenerator other(OpenAiCaptionGenerator::Options{});
        auto refused = Captioner(*m_catalog, other).resume(first->jobId);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, Error::Code::InvalidInput);
        QVERIFY(Captioner(*m_catalog, fresh).resume(999999).error().code == Error::Code::NotFound);
    }

    // Cancelled before it starts: nothing is captioned, the job says cancelled.
    void cancelBeforeStart()
    {
        BuiltinCaptionGenerator generator;
        Captioner captioner(*m_catalog, generator);
        captioner.cancel();
        auto summary = captioner.run({m_all, false});
        REQUIRE_OK(summary);
        QVERIFY(summary->cancelled);
        QCOMPARE(summary->captioned, 0);
        QCOMPARE(summary->failed, 0);
        QCOMPARE(summary->state, Job::State::Cancelled);
    }

    // A generator cancelled while it waits (a slow server) ends the run as cancelled, and the shot
    // it was on is not a failure.
    void cancelDuringGeneration()
    {
        CancelledWhileWaiting generator;
        Captioner captioner(*m_catalog, generator);
        generator.whileWaiting = [&] { captioner.cancel(); };
        auto summary = captioner.run({m_all, false});
        REQUIRE_OK(summary);
        QVERIFY(summary->cancelled);
        QCOMPARE(summary->captioned, 0);
        QCOMPARE(summary->failed, 0);
        auto errors = JobRepository(*m_catalog).errors(summary->jobId);
        REQUIRE_OK(errors);
        QVERIFY(errors->isEmpty());
        auto job = JobRepository(*m_catalog).get(summary->jobId);
        REQUIRE_OK(job);
        QCOMPARE(job->state, Job::State::Cancelled);
    }

    // `stills caption`: the same engine from the command line, with the built-in generator and with
    // an OpenAI-compatible server (a loopback one) whose key comes from the secrets file.
    void commandLine()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        REQUIRE_OK(Settings::setCaptionApiKey(QStringLiteral("sk-cli-secret"), home.filePath(QStringLiteral("config/Stills/secrets.conf"))));
        struct Run {
            int exitCode = -1;
            QByteArray out;
            QByteArray err;
        };
        // Runs the binary without blocking this thread's event loop (the chat server lives on it).
        const auto stills = [&](const QStringList &arguments) {
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("STILLS_CATALOG"));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
            env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
            env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(STILLS_BINARY), QStringList{QStringLiteral("--catalog"), m_scratch->url().toString(),
                                                                     QStringLiteral("caption")} + arguments);
            Run run;
            if (!process.waitForStarted())
                return run;
            QElapsedTimer clock;
            clock.start();
            while (process.state() != QProcess::NotRunning && clock.elapsed() < 120'000)
                QTest::qWait(20);
            if (process.state() != QProcess::NotRunning || process.exitStatus() != QProcess::NormalExit)
                return run;
            run.exitCode = process.exitCode();
            run.out = process.readAllStandardOutput();
            run.err = process.readAllStandardError();
            return run;
        };
        const QString roll = QStringLiteral("photoset:Roll");

        // Built-in: the broken file is listed, the rest captioned; exit code 1 (some items failed).
        Run r = stills({roll, QStringLiteral("--json"), QStringLiteral("-q")});
        QCOMPARE(r.exitCode, 1);
        QJsonObject summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(u"generator").toString(), QStringLiteral("builtin"));
        QCOMPARE(summary.value(u"state").toString(), QStringLiteral("done"));
        QCOMPARE(summary.value(u"shots").toInt(), 5);
        QCOMPARE(summary.value(u"captioned").toInt(), 4);
        QCOMPARE(summary.value(u"failed").toInt(), 1);
        QVERIFY(summary.value(u"failures").toArray().first().toObject().value(u"path").toString().endsWith(QStringLiteral("cut.jpg")));
        const qint64 builtinJob = summary.value(u"job").toInteger();
        QCOMPARE(CaptionRepository(*m_catalog).current(shot("FurnaceCreekInn.jpg"))->value().parameters.value(u"job").toInteger(),
                 builtinJob);

        // Resumed: the four are skipped, the broken file tried again; text output with progress on stderr.
        r = stills({QStringLiteral("--resume"), QString::number(builtinJob)});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("failed      "), r.out.constData());
        const QByteArray line = "Captioned 0 of 5 shots with builtin (job " + QByteArray::number(builtinJob)
            + "): 1 failed, 0 left alone (typed by hand), 4 captioned by this job before.";
        QVERIFY2(r.out.contains(line), r.out.constData());
        QVERIFY2(r.err.contains("Captioning: 5/5 (100%)"), r.err.constData());

        // Only unedited: a shot with a typed caption keeps it.
        typeCaption(shot("Canon_40D.jpg"), QStringLiteral("Typed for the command line."));
        r = stills({QStringLiteral("photoset:Roll -cut"), QStringLiteral("--only-unedited"), QStringLiteral("--json"), QStringLiteral("-q")});
        QCOMPARE(r.exitCode, 0);
        summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(u"skippedEdited").toInt(), 1);
        QCOMPARE(summary.value(u"captioned").toInt(), 3);
        QCOMPARE(CaptionRepository(*m_catalog).current(shot("Canon_40D.jpg"))->value().text, QStringLiteral("Typed for the command line."));

        // OpenAI-compatible server: one streamed request per readable shot, with the key from the
        // secrets file; the captions carry the model and the prompt, never the key.
        ChatServer server;
        QVERIFY(server.listen());
        server.pieces = {contentEvent(QStringLiteral("A caption")), contentEvent(QStringLiteral(" from the server.")),
                         finishEvent("stop") + doneEvent()};
        r = stills({roll, QStringLiteral("--generator"), QStringLiteral("openai"), QStringLiteral("--url"), server.url(),
                    QStringLiteral("--model"), QStringLiteral("vision-1"), QStringLiteral("--prompt"), QStringLiteral("Tags: {tags}."),
                    QStringLiteral("--json"), QStringLiteral("-q")});
        QCOMPARE(r.exitCode, 1); // cut.jpg cannot be sent
        summary = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(summary.value(u"generator").toString(), QStringLiteral("openai"));
        QCOMPARE(summary.value(u"model").toString(), QStringLiteral("vision-1"));
        QCOMPARE(summary.value(u"captioned").toInt(), 4);
        QCOMPARE(server.requests().size(), 4);
        for (const ChatServer::Request &request : server.requests()) {
            QCOMPARE(request.header("authorization"), QByteArrayLiteral("Bearer sk-cli-secret"));
            QCOMPARE(request.json().value(u"model").toString(), QStringLiteral("vision-1"));
        }
        auto current = CaptionRepository(*m_catalog).current(shot("tests_87_OSError.jpg"));
        REQUIRE_OK(current);
        QCOMPARE((*current)->text, QStringLiteral("A caption from the server."));
        QCOMPARE((*current)->source, QStringLiteral("openai"));
        QCOMPARE((*current)->model, QStringLiteral("vision-1"));
        QCOMPARE((*current)->prompt, QStringLiteral("Tags: Tower blocks."));
        const qint64 openAiJob = summary.value(u"job").toInteger();
        auto job = JobRepository(*m_catalog).get(openAiJob);
        REQUIRE_OK(job);
        QVERIFY(!QJsonDocument(job->parameters).toJson().contains("sk-cli-secret"));
        QVERIFY(!QJsonDocument((*current)->parameters).toJson().contains("sk-cli-secret"));

        // The server failing: every shot listed with the server's own words.
        ChatServer failing;
        QVERIFY(failing.listen());
        failing.answer = ChatServer::Answer::Whole;
        failing.status = 503;
        failing.reason = "Service Unavailable";
        failing.contentType = "application/json";
        failing.pieces = {QByteArrayLiteral("{\"error\":{\"message\":\"Loading model\"}}")};
        r = stills({roll, QStringLiteral("--generator"), QStringLiteral("openai"), QStringLiteral("--url"), failing.url(),
                    QStringLiteral("-q")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.out.count("The caption server answered HTTP 503 Service Unavailable: Loading model"), 4);
        QVERIFY2(r.out.contains("Captioned 0 of 5 shots with openai"), r.out.constData());

        // SIGTERM (or Ctrl+C) while the server is thinking: the job is cancelled, resumable, and says so.
        ChatServer silent;
        QVERIFY(silent.listen());
        silent.answer = ChatServer::Answer::Silent;
        {
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(STILLS_BINARY),
                          {QStringLiteral("--catalog"), m_scratch->url().toString(), QStringLiteral("caption"), roll,
                           QStringLiteral("--generator"), QStringLiteral("openai"), QStringLiteral("--url"), silent.url(),
                           QStringLiteral("--json"), QStringLiteral("-q")});
            QTRY_VERIFY_WITH_TIMEOUT(silent.requestComplete(), 30000);
            process.terminate();
            QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 10000);
            QCOMPARE(process.exitStatus(), QProcess::NormalExit);
            QCOMPARE(process.exitCode(), 1);
            summary = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
            QCOMPARE(summary.value(u"state").toString(), QStringLiteral("cancelled"));
            QCOMPARE(summary.value(u"failed").toInt(), summary.value(u"failures").toArray().size());
            auto cancelled = JobRepository(*m_catalog).get(summary.value(u"job").toInteger());
            REQUIRE_OK(cancelled);
            QCOMPARE(cancelled->state, Job::State::Cancelled);
        }

        // Usage errors say what is wrong and change nothing.
        for (const QStringList &arguments : {QStringList{}, QStringList{roll, QStringLiteral("--generator"), QStringLiteral("torch")},
                                             QStringList{roll, QStringLiteral("--model"), QStringLiteral("x")},
                                             QStringList{QStringLiteral("--resume"), QStringLiteral("abc")},
                                             QStringList{roll, QStringLiteral("--generator"), QStringLiteral("openai"),
                                                         QStringLiteral("--url"), QStringLiteral("ftp://x")}}) {
            r = stills(arguments);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith("stills caption: "), r.err.constData());
        }
        r = stills({QStringLiteral("--resume"), QString::number(openAiJob), QStringLiteral("--generator"), QStringLiteral("builtin")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("was started with the openai generator"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCaptioner)
#include "tst_captioner.moc"
