#include "captionrun.h"

#include "captioning/builtincaptiongenerator.h"
#include "captioning/openaicaptiongenerator.h"
#include "captioning/torchscriptcaptiongenerator.h"
#include "common/settings.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace stills {

namespace {

int clampedInt(qint64 n)
{
    return int(std::min<qint64>(n, INT_MAX));
}

} // namespace

CaptionRun::CaptionRun(QStatusBar *bar, QWidget *window)
    : QObject(window)
    , m_bar(bar)
    , m_window(window)
    , m_progress(new QProgressBar(bar))
    , m_cancel(new QPushButton(tr("Cancel Captioning"), bar))
{
    m_pool.setMaxThreadCount(1);
    m_progress->setMaximumWidth(260);
    m_progress->setFormat(tr("Captioning %v of %m"));
    m_progress->hide();
    m_cancel->setToolTip(tr("Stop after the shot being captioned; the captions stored so far are kept"));
    m_cancel->hide();
    bar->addPermanentWidget(m_progress);
    bar->addPermanentWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, &CaptionRun::cancel);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &CaptionRun::onFinished);
}

CaptionRun::~CaptionRun()
{
    cancelAndWait();
}

bool CaptionRun::start(CatalogPtr catalog, const QList<qint64> &shotIds, bool onlyUnedited, const CaptionSettings &settings)
{
    if (isRunning()) {
        m_bar->showMessage(tr("Shots are being captioned already; wait for that to finish or cancel it."), 10000);
        return false;
    }
    if (shotIds.isEmpty()) {
        m_bar->showMessage(tr("Select the shots to caption first."), 10000);
        return false;
    }
    QString with;
    if (settings.generator == CaptionSettings::Generator::OpenAiServer) {
        OpenAiCaptionGenerator::Options options;
        options.url = settings.serverUrl;
        options.model = settings.model;
        options.promptTemplate = settings.promptTemplate;
        if (!OpenAiCaptionGenerator::endpoint(options.url).isValid()) {
            m_bar->showMessage(tr("The caption server \"%1\" in Preferences is not an http:// or https:// address.")
                                   .arg(options.url),
                               15000);
            return false;
        }
        auto key = Settings::captionApiKey();
        if (!key) {
            m_bar->showMessage(key.error().message, 15000);
            return false;
        }
        options.apiKey = *key;
        m_generator = std::make_unique<OpenAiCaptionGenerator>(options);
        //: %1 the model, %2 the server's address
        with = settings.model.isEmpty() ? settings.serverUrl : tr("%1 at %2").arg(settings.model, settings.serverUrl);
    } else if (settings.generator == CaptionSettings::Generator::TorchScript) {
        InferenceOptions options;
        options.modelPath = settings.torchModelPath;
        options.inputSize = settings.inputSize;
        options.mean = settings.mean;
        options.std = settings.std;
        if (options.modelPath.trimmed().isEmpty() || !QFileInfo(options.modelPath).isFile()) {
            m_bar->showMessage(options.modelPath.trimmed().isEmpty()
                                   ? tr("No TorchScript model is chosen. Choose one in Preferences, Captions.")
                                   : tr("The TorchScript model %1 does not exist.").arg(options.modelPath),
                               15000);
            return false;
        }
        // Run by the stills-infer worker process, never in this one.
        m_generator = std::make_unique<TorchScriptCaptionGenerator>(options);
        with = QFileInfo(options.modelPath).fileName();
    } else {
        m_generator = std::make_unique<BuiltinCaptionGenerator>();
        with = tr("the built-in captioner");
    }
    m_catalog = std::move(catalog);
    m_captioner = std::make_unique<Captioner>(*m_catalog, *m_generator);
    // Called on the job's thread: each is handed to the GUI thread.
    m_captioner->setProgressCallback([this](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(this, [this, done, total] {
            m_progress->setMaximum(clampedInt(total));
            m_progress->setValue(clampedInt(done));
        });
    });
    m_captioner->setPartialCallback([this](qint64 shotId, const QString &text) {
        QMetaObject::invokeMethod(this, [this, shotId, text] { Q_EMIT partial(shotId, text); });
    });
    m_captioner->setCaptionCallback([this](const Caption &caption) {
        const qint64 shotId = caption.shotId;
        QMetaObject::invokeMethod(this, [this, shotId] { Q_EMIT captionStored(shotId); });
    });

    m_progress->setMaximum(clampedInt(shotIds.size()));
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->setEnabled(true);
    m_cancel->show();
    const int count = clampedInt(shotIds.size());
    //: %1 the generator ("the built-in captioner", or a model at a server)
    m_bar->showMessage(tr("Captioning %n shot(s) with %1…", nullptr, count).arg(with));

    Captioner *captioner = m_captioner.get();
    const CatalogPtr held = m_catalog;
    const CaptionRunOptions options{shotIds, onlyUnedited};
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [captioner, held, options] {
        auto summary = captioner->run(options);
        held->releaseThreadConnection(); // this thread's connection belongs to the job
        return summary;
    }));
    return true;
}

void CaptionRun::cancel()
{
    if (!m_captioner || !isRunning())
        return;
    m_captioner->cancel();
    m_cancel->setEnabled(false);
    m_bar->showMessage(tr("Cancelling after the shot being captioned…"));
}

void CaptionRun::cancelAndWait()
{
    if (m_captioner)
        m_captioner->cancel();
    m_watcher.waitForFinished();
    m_pool.waitForDone();
}

void CaptionRun::onFinished()
{
    m_progress->hide();
    m_cancel->hide();
    const Result<CaptionRunSummary> result = m_watcher.result();
    QString message;
    if (!result) {
        message = tr("Captioning failed: %1").arg(result.error().message);
    } else {
        const CaptionRunSummary &s = *result;
        const int captioned = clampedInt(s.captioned);
        const int skipped = clampedInt(s.skippedEdited);
        const int failed = clampedInt(s.failed);
        QStringList parts;
        parts.append(s.cancelled ? tr("Captioning cancelled: %n caption(s) stored", nullptr, captioned)
                                 : tr("Captioned %n shot(s)", nullptr, captioned));
        if (skipped > 0)
            parts.append(tr("%n left alone (typed by hand)", nullptr, skipped));
        if (failed > 0)
            parts.append(tr("%n failed", nullptr, failed));
        message = parts.join(QStringLiteral(", ")) + u'.';
        if (!s.failures.isEmpty()) {
            QStringList lines;
            for (const CaptionFailure &failure : s.failures)
                lines.append(QStringLiteral("%1: %2").arg(failure.path.isEmpty() ? QString::number(failure.shotId) : failure.path,
                                                          failure.reason));
            // Not modal: the window goes on; the list stays until read.
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Some Shots Were Not Captioned"),
                                        tr("%n shot(s) could not be captioned:", nullptr, failed) + u'\n' + u'\n'
                                            + lines.mid(0, 10).join(u'\n'),
                                        QMessageBox::Ok, m_window);
            box->setObjectName(QStringLiteral("captionFailures"));
            if (lines.size() > 10)
                box->setDetailedText(lines.join(u'\n'));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    }
    m_lastMessage = message;
    m_bar->showMessage(message, 20000);
    m_captioner.reset();
    m_generator.reset();
    m_catalog.reset();
    Q_EMIT finished(message);
}

} // namespace stills
