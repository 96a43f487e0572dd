#include "archiveimportdialog.h"

#include "common/paths.h"
#include "jobs/jobkinds.h"
#include "jobs/jobqueue.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace stills {

ArchiveImportDialog::ArchiveImportDialog(CatalogPtr catalog, JobQueue *queue, QWidget *parent)
    : QDialog(parent), m_catalog(std::move(catalog)), m_queue(queue)
{
    setWindowTitle(tr("Import Archives"));
    m_pool.setMaxThreadCount(1);
    auto *form = new QFormLayout;
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setPlaceholderText(tr("a .zip, .rar or .7z file, or a folder of them"));
    auto *file = new QPushButton(tr("Archive…"), this);
    file->setObjectName(QStringLiteral("chooseArchive"));
    auto *folder = new QPushButton(tr("Folder…"), this);
    folder->setObjectName(QStringLiteral("chooseFolder"));
    connect(file, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import an Archive"), QString(),
                                                          tr("Archives (*.zip *.cbz *.rar *.cbr *.7z *.cb7 *.tar)"));
        if (!path.isEmpty())
            m_path->setText(path);
    });
    connect(folder, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("Import a Folder of Archives"));
        if (!path.isEmpty())
            m_path->setText(path);
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(file);
    pathRow->addWidget(folder);
    form->addRow(tr("Import:"), pathRow);
    m_storage = new QLineEdit(paths::storageFolder(), this);
    m_storage->setObjectName(QStringLiteral("storage"));
    m_storage->setToolTip(tr("Images are unpacked here, one folder per archive; nothing is written anywhere else."));
    form->addRow(tr("Unpack into:"), m_storage);
    m_dryRun = new QCheckBox(tr("Dry run: report what would happen, change nothing"), this);
    m_dryRun->setObjectName(QStringLiteral("dryRun"));
    form->addRow(QString(), m_dryRun);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setFormat(tr("%v of %m archives"));
    m_progress->setValue(0);
    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    auto *buttons = new QDialogButtonBox(this);
    m_importButton = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setObjectName(QStringLiteral("import"));
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    connect(m_importButton, &QPushButton::clicked, this, &ArchiveImportDialog::start);
    connect(m_closeButton, &QPushButton::clicked, this, &ArchiveImportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_log, 1);
    layout->addWidget(buttons);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ArchiveImportDialog::dryRunFinished);
    if (m_queue) {
        connect(m_queue, &JobQueue::partial, this, [this](qint64 id, qint64, const QString &line) {
            if (id == m_job)
                m_log->appendPlainText(line);
        });
        connect(m_queue, &JobQueue::jobChanged, this, [this](qint64 id) {
            const std::optional<Job> job = id == m_job ? m_queue->job(id) : std::nullopt;
            if (!job || job->total <= 0)
                return;
            m_progress->setRange(0, int(std::min<qint64>(job->total, INT_MAX)));
            m_progress->setValue(int(std::min<qint64>(job->done, INT_MAX)));
        });
        connect(m_queue, &JobQueue::jobFinished, this, [this](qint64 id, const QString &, Job::State state, const QString &summary) {
            if (id != m_job)
                return;
            m_job = 0;
            setRunning(false);
            if (state == Job::State::Failed)
                m_progress->setRange(0, 1);
            m_log->appendPlainText(summary);
            Q_EMIT imported();
        });
    }
}

void ArchiveImportDialog::setRunning(bool running)
{
    m_importButton->setEnabled(!running);
    m_closeButton->setText(running ? tr("Cancel") : tr("Close"));
}

// A running import is the queue's: it goes on (View ▸ Jobs) when the dialog closes. A dry run is
// the dialog's own, and stops with it.
ArchiveImportDialog::~ArchiveImportDialog()
{
    if (m_importer)
        m_importer->cancel();
    m_watcher.waitForFinished();
}

void ArchiveImportDialog::start()
{
    const QString path = m_path->text().trimmed();
    const QString storage = m_storage->text().trimmed();
    if (path.isEmpty()) {
        m_log->appendPlainText(tr("Choose an archive or a folder of archives."));
        return;
    }
    m_progress->setRange(0, 0); // busy until the archives are counted
    if (!m_dryRun->isChecked()) {
        if (!m_queue) {
            m_log->appendPlainText(tr("No catalog is open."));
            return;
        }
        auto id = m_queue->enqueue(QStringLiteral("archives"), jobkinds::archiveParameters(path, storage));
        if (!id) {
            m_progress->setRange(0, 1);
            m_log->appendPlainText(tr("The import cannot start: %1").arg(id.error().message));
            return;
        }
        m_job = *id;
        setRunning(true);
        return;
    }

    // A dry run writes nothing, the catalog included: it runs here, not as a job.
    ArchiveImportOptions options;
    options.path = path;
    options.storageFolder = storage;
    options.dryRun = true;
    m_importer = std::make_unique<ArchiveImporter>(*m_catalog);
    ArchiveImporter *importer = m_importer.get();
    importer->setProgressCallback([this](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(this, [this, done, total] {
            m_progress->setMaximum(int(total));
            m_progress->setValue(int(done));
        });
    });
    importer->setArchiveCallback([this](const ArchiveResult &result) {
        const QStringList lines = jobkinds::describeArchive(result);
        QMetaObject::invokeMethod(this, [this, lines] {
            for (const QString &line : lines)
                m_log->appendPlainText(line);
        });
    });
    setRunning(true);
    const CatalogPtr catalog = m_catalog;
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [catalog, importer, options] {
        auto result = importer->run(options);
        catalog->releaseThreadConnection(); // pool threads outlive the import
        return result;
    }));
}

void ArchiveImportDialog::dryRunFinished()
{
    setRunning(false);
    const Result<ArchiveImportSummary> result = m_watcher.result();
    if (!result) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_log->appendPlainText(result.error().message);
        return;
    }
    m_log->appendPlainText(tr("Dry run: %1 would be imported, %2 skipped, %3 partial, %4 refused, %5 failed%6.")
                               .arg(result->count(ArchiveResult::State::Imported))
                               .arg(result->count(ArchiveResult::State::Skipped))
                               .arg(result->count(ArchiveResult::State::Partial))
                               .arg(result->count(ArchiveResult::State::Refused))
                               .arg(result->count(ArchiveResult::State::Failed))
                               .arg(result->cancelled ? tr(" (cancelled)") : QString()));
}

void ArchiveImportDialog::reject()
{
    if (m_watcher.isRunning()) {
        if (m_importer)
            m_importer->cancel();
        return;
    }
    if (m_job && m_queue && m_queue->isActive(m_job)) {
        // First press cancels; the dialog stays to show what was kept.
        (void)m_queue->cancel(m_job);
        return;
    }
    QDialog::reject();
}

} // namespace stills
