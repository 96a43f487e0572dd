#include "mainwindow.h"

#include "catalog/healthcheck.h"
#include "importing/folderimporter.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace stills {

MainWindow::MainWindow(CatalogPtr catalog, QWidget *parent)
    : QMainWindow(parent)
    , m_catalog(std::move(catalog))
{
    setWindowTitle(tr("Stills"));

    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    m_welcome = new QLabel(page);
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setTextFormat(Qt::RichText);
    layout->addWidget(m_welcome);
    m_counts = new QLabel(page);
    m_counts->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_counts);
    m_importButton = new QPushButton(tr("Import a folder…"), page);
    m_importButton->setMinimumWidth(220);
    layout->addWidget(m_importButton, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    setCentralWidget(page);

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *importAction = fileMenu->addAction(tr("&Import Folder…"), this, &MainWindow::chooseFolder);
    importAction->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    fileMenu->addSeparator();
    auto *quitAction = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quitAction->setShortcut(QKeySequence::Quit);
    connect(m_importButton, &QPushButton::clicked, this, &MainWindow::chooseFolder);

    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->hide();
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_importer)
            m_importer->cancel();
        m_cancel->setEnabled(false);
    });
    connect(&m_importWatcher, &QFutureWatcher<QString>::finished, this, &MainWindow::importFinished);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 720);
    refresh();
}

MainWindow::~MainWindow()
{
    if (m_importer)
        m_importer->cancel();
    m_importWatcher.waitForFinished();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::refresh()
{
    auto report = HealthCheck::run(*m_catalog, false);
    m_welcome->setText(tr("<h1>Stills</h1><p>Catalog: %1</p>").arg(m_catalog->url().toDisplayString().toHtmlEscaped()));
    if (!report) {
        m_counts->setText(report.error().message);
        return;
    }
    m_counts->setText(report->shots == 0
                          ? tr("Your catalog is empty. Import a folder of images to begin.")
                          : tr("%n shot(s) in %1 photoset(s).", nullptr, int(report->shots)).arg(report->photosets));
}

void MainWindow::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Import a Folder"));
    if (!folder.isEmpty())
        importFolder(folder);
}

void MainWindow::importFolder(const QString &path)
{
    if (m_importWatcher.isRunning())
        return;
    m_importer = std::make_unique<FolderImporter>(*m_catalog);
    m_importer->setProgressCallback([this](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(this, [this, done, total] {
            m_progress->setMaximum(int(std::min<qint64>(total, INT_MAX)));
            m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
        });
    });
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->setEnabled(true);
    m_cancel->show();
    m_importButton->setEnabled(false);
    statusBar()->showMessage(tr("Importing %1…").arg(path));
    FolderImporter *importer = m_importer.get();
    const Catalog *catalog = m_catalog.get();
    m_importWatcher.setFuture(QtConcurrent::run([importer, catalog, path]() -> QString {
        ImportOptions options;
        options.path = path;
        auto summary = importer->run(options);
        catalog->releaseThreadConnection();
        if (!summary)
            return summary.error().message;
        return tr("Imported %1: %2 added, %3 updated, %4 moved, %5 failed, %6 unsupported.")
            .arg(summary->photosetName)
            .arg(summary->added)
            .arg(summary->updated)
            .arg(summary->moved)
            .arg(summary->failed)
            .arg(summary->unsupported);
    }));
}

void MainWindow::importFinished()
{
    m_progress->hide();
    m_cancel->hide();
    m_importButton->setEnabled(true);
    statusBar()->showMessage(m_importWatcher.result(), 15000);
    m_importer.reset();
    refresh();
}

} // namespace stills
