#pragma once

#include "catalog/catalog.h"
#include "importing/archiveimporter.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QThreadPool>

#include <memory>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace stills {

// File ▸ Import Archives…: an archive or a folder of archives, one photoset each, with a dry-run
// option, progress, Cancel and a log of every archive's outcome (refused entries with reasons).
// The import runs on the dialog's own pool; closing it while it runs cancels and waits.
class ArchiveImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ArchiveImportDialog(CatalogPtr catalog, QWidget *parent = nullptr);
    ~ArchiveImportDialog() override;

Q_SIGNALS:
    // Something was imported: the window refreshes its photosets.
    void imported();

protected:
    void reject() override;

private:
    void start();
    void finished();
    void report(const ArchiveResult &result);

    CatalogPtr m_catalog;
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
