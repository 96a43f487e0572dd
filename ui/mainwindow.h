#pragma once

#include "catalog/catalog.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace stills {

class FolderImporter;
struct ImportSummary;

// The main window. For now: a welcome page with the catalog's contents and "Import a folder…",
// the import running on a worker thread with progress and cancel in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(CatalogPtr catalog, QWidget *parent = nullptr);
    ~MainWindow() override;

    void importFolder(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void chooseFolder();
    void refresh();
    void importFinished();

    CatalogPtr m_catalog;
    QLabel *m_welcome = nullptr;
    QLabel *m_counts = nullptr;
    QPushButton *m_importButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    std::unique_ptr<FolderImporter> m_importer;
    QFutureWatcher<QString> m_importWatcher;
};

} // namespace stills
