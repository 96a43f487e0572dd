#pragma once

#include "catalog/catalog.h"
#include "importing/archiveimporter.h"

#include <QDialog>
#include <QPointer>
#include <QFutureWatcher>
#include <QThreadPool>

#include <memory>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace stills {

class JobQueue;

// File ▸ Import Archives…: an archive or a folder of archives, one photoset each, with a dry-run
// option, progress, Cancel and a log of every archive's outcome (refused entries with reasons).
// The import is a job of the window's queue ("archives"): the dialog follows its log and progress
// while open, Cancel stops it, and closed it goes on in the Jobs panel. A dry run (it writes
// nothing) runs on the dialog's own pool and stops when the dialog closes.
class ArchiveImportDialog : public QDialog
{
    Q_OBJECT

public:
    ArchiveImportDialog(CatalogPtr catalog, JobQueue *queue, QWidget *parent = nullptr);
    ~ArchiveImportDialog() override;

Q_SIGNALS:
    // Something was imported: the window refreshes its photosets.
    void imported();

protected:
    void reject() override;

private:
    void start();
    void dryRunFinished();
    void setRunning(bool running);

    CatalogPtr m_catalog;
    QPointer<JobQueue> m_queue;
    qint64 m_job = 0; // the import this dialog started and follows
    QLineEdit *m_path = nullptr;
    QLineEdit *m_storage = nullptr;
    QCheckBox *m_dryRun = nullptr;
    QProgressBar *m_progress = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QThreadPool m_pool;
    std::unique_ptr<ArchiveImporter> m_importer;
    QFutureWatcher<Result<ArchiveImportSummary>> m_watcher;
};

} // namespace stills
