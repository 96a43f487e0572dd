#pragma once

#include "captioning/captioner.h"
#include "catalog/catalog.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <memory>

class QProgressBar;
class QPushButton;
class QStatusBar;
class QWidget;

namespace stills {

struct CaptionSettings;

// One caption job of the window at a time: a Captioner over shots with the generator chosen in
// Preferences, on a thread of its own, its progress and a Cancel button in the status bar, and at
// the end a note of what it did and, when shots failed, a non-modal message listing each one with
// its reason.
//
// Generators: "OpenAI-compatible server" is the OpenAiCaptionGenerator with the server, model and
// prompt of Preferences (API key from the secrets file). "Built-in model (TorchScript)" has no
// caption generator yet, so it captions with the built-in composer (BuiltinCaptionGenerator).
//
// Thread contract: created and used on the GUI thread. The Captioner runs on m_pool's thread; its
// callbacks are passed to the GUI thread as queued calls on this object. The destructor (and
// cancelAndWait) stops the job and waits for it, so the catalog may be closed afterwards.
class CaptionRun : public QObject
{
    Q_OBJECT

public:
    // `bar` gets the progress bar and the Cancel button; messages are shown over `window`.
    CaptionRun(QStatusBar *bar, QWidget *window);
    ~CaptionRun() override;

    // Starts captioning `shotIds` (in this order); false, with the reason in the status bar, when
    // one is running already, nothing is given or the generator cannot be set up.
    bool start(CatalogPtr catalog, const QList<qint64> &shotIds, bool onlyUnedited, const CaptionSettings &settings);
    bool isRunning() const { return m_watcher.isRunning(); }
    void cancel();
    void cancelAndWait();

    // The message shown when the last run finished (for tests).
    QString lastMessage() const { return m_lastMessage; }

Q_SIGNALS:
    void partial(qint64 shotId, const QString &textSoFar);
    void captionStored(qint64 shotId);
    void finished(const QString &message);

private:
    void onFinished();

    QStatusBar *m_bar;
    QWidget *m_window;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QThreadPool m_pool; // one thread: the job
    std::unique_ptr<CaptionGenerator> m_generator;
    std::unique_ptr<Captioner> m_captioner;
    CatalogPtr m_catalog;
    QFutureWatcher<Result<CaptionRunSummary>> m_watcher;
    QString m_lastMessage;
};

} // namespace stills
