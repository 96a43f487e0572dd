#include "exportdialog.h"

#include "catalog/jobrepository.h"
#include "jobs/jobkinds.h"
#include "jobs/jobqueue.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace stills {

ExportDialog::ExportDialog(CatalogPtr catalog, JobQueue *queue, QList<qint64> selectedShots, QWidget *parent)
    : QDialog(parent), m_catalog(std::move(catalog)), m_queue(queue), m_selected(std::move(selectedShots))
{
    setWindowTitle(tr("Export"));

    auto *form = new QFormLayout;
    m_useSelection = new QRadioButton(tr("The %n selected shot(s)", nullptr, int(m_selected.size())), this);
    m_useQuery = new QRadioButton(tr("Shots matching:"), this);
    m_query = new QLineEdit(this);
    m_query->setPlaceholderText(tr("photoset:NAME, tag:…, rating>=3 … (empty: every shot)"));
    (m_selected.isEmpty() ? m_useQuery : m_useSelection)->setChecked(true);
    m_useSelection->setEnabled(!m_selected.isEmpty());
    auto *queryRow = new QHBoxLayout;
    queryRow->addWidget(m_useQuery);
    queryRow->addWidget(m_query, 1);
    form->addRow(tr("What:"), m_useSelection);
    form->addRow(QString(), queryRow);

    m_target = new QLineEdit(this);
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setPlaceholderText(tr("export.zip, or a new folder"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_target, 1);
    targetRow->addWidget(browse);
    form->addRow(tr("To:"), targetRow);

    m_recipeBox = new QComboBox(this);
    m_recipeBox->addItem(tr("(current choices)"));
    m_recipeBox->addItems(m_recipes.names());
    auto *saveRecipe = new QPushButton(tr("Save as Recipe…"), this);
    connect(saveRecipe, &QPushButton::clicked, this, &ExportDialog::saveRecipe);
    connect(m_recipeBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index > 0)
            loadRecipe(m_recipeBox->currentText());
    });
    auto *recipeRow = new QHBoxLayout;
    recipeRow->addWidget(m_recipeBox, 1);
    recipeRow->addWidget(saveRecipe);
    form->addRow(tr("Recipe:"), recipeRow);

    m_images = new QComboBox(this);
    m_images->setObjectName(QStringLiteral("images"));
    m_images->addItem(tr("Originals"));
    m_images->addItem(tr("Crops"));
    m_cropName = new QLineEdit(this);
    m_cropName->setPlaceholderText(tr("every named crop"));
    auto *imagesRow = new QHBoxLayout;
    imagesRow->addWidget(m_images);
    imagesRow->addWidget(new QLabel(tr("Crop:"), this));
    imagesRow->addWidget(m_cropName, 1);
    form->addRow(tr("Images:"), imagesRow);

    m_maxEdge = new QSpinBox(this);
    m_maxEdge->setRange(0, 65535);
    m_maxEdge->setSpecialValueText(tr("full size"));
    m_maxEdge->setSuffix(tr(" px"));
    form->addRow(tr("Longest edge:"), m_maxEdge);
    m_trainingSize = new QSpinBox(this);
    m_trainingSize->setRange(0, 65535);
    m_trainingSize->setSpecialValueText(tr("off"));
    m_trainingSize->setSuffix(tr(" px square"));
    form->addRow(tr("Training size:"), m_trainingSize);
    m_format = new QComboBox(this);
    m_format->addItem(tr("Keep (JPEG when rendered)"), QString());
    m_format->addItem(QStringLiteral("JPEG"), QStringLiteral("jpeg"));
    m_format->addItem(QStringLiteral("PNG"), QStringLiteral("png"));
    m_format->addItem(QStringLiteral("WebP"), QStringLiteral("webp"));
    form->addRow(tr("Format:"), m_format);
    m_quality = new QSpinBox(this);
    m_quality->setRange(1, 100);
    form->addRow(tr("Quality:"), m_quality);
    m_caption = new QComboBox(this);
    m_caption->addItem(tr("None"));
    m_caption->addItem(tr(".txt beside each image"));
    m_caption->addItem(tr(".caption beside each image"));
    form->addRow(tr("Captions:"), m_caption);
    m_manifest = new QCheckBox(tr("metadata.jsonl (tags, attributes, caption, crop, source hash)"), this);
    form->addRow(tr("Manifest:"), m_manifest);

    m_progress = new QProgressBar(this);
    m_progress->setFormat(tr("%v of %m shots"));
    m_progress->setValue(0);
    m_log = new QPlainTextEdit(this);
    m_log->setObjectName(QStringLiteral("log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);

    m_buttons = new QDialogButtonBox(this);
    m_exportButton = m_buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setObjectName(QStringLiteral("export"));
    m_cancelButton = m_buttons->addButton(QDialogButtonBox::Close);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &ExportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_log, 1);
    layout->addWidget(m_buttons);

    showRecipe(ExportRecipe{});
    if (m_queue) {
        connect(m_queue, &JobQueue::jobChanged, this, [this](qint64 id) {
            if (id != m_job)
                return;
            const std::optional<Job> job = m_queue->job(id);
            if (!job)
                return;
            m_progress->setMaximum(int(std::min<qint64>(job->total, INT_MAX)));
            m_progress->setValue(int(std::min<qint64>(job->done, INT_MAX)));
        });
        connect(m_queue, &JobQueue::jobFinished, this, [this](qint64 id, const QString &, Job::State, const QString &summary) {
            if (id == m_job)
                finished(summary);
        });
    }
}

void ExportDialog::setQueryText(const QString &text)
{
    m_query->setText(text);
}

// A running export is the queue's: it goes on (View ▸ Jobs) when the dialog closes.
ExportDialog::~ExportDialog() = default;

ExportRecipe ExportDialog::recipeFromForm() const
{
    ExportRecipe r;
    r.images = m_images->currentIndex() == 1 ? ExportRecipe::Images::Crops : ExportRecipe::Images::Originals;
    r.cropName = m_cropName->text().trimmed();
    r.maxEdge = m_maxEdge->value();
    r.trainingSize = m_trainingSize->value();
    r.format = m_format->currentData().toString();
    r.quality = m_quality->value();
    r.caption = static_cast<ExportRecipe::Caption>(m_caption->currentIndex());
    r.manifest = m_manifest->isChecked();
    return r;
}

void ExportDialog::showRecipe(const ExportRecipe &r)
{
    m_images->setCurrentIndex(r.images == ExportRecipe::Images::Crops ? 1 : 0);
    m_cropName->setText(r.cropName);
    m_maxEdge->setValue(r.maxEdge);
    m_trainingSize->setValue(r.trainingSize);
    m_format->setCurrentIndex(std::max(0, m_format->findData(r.format)));
    m_quality->setValue(r.quality);
    m_caption->setCurrentIndex(int(r.caption));
    m_manifest->setChecked(r.manifest);
}

void ExportDialog::saveRecipe()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save Export Recipe"), tr("Name:"), QLineEdit::Normal,
                                               m_recipeBox->currentIndex() > 0 ? m_recipeBox->currentText() : QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    if (m_recipes.names().contains(name.trimmed())
        && QMessageBox::question(this, tr("Replace Recipe"), tr("Replace the recipe \"%1\"?").arg(name.trimmed()))
               != QMessageBox::Yes)
        return;
    ExportRecipe recipe = recipeFromForm();
    recipe.name = name.trimmed();
    if (auto saved = m_recipes.save(recipe); !saved) {
        QMessageBox::warning(this, tr("Recipe Not Saved"), saved.error().message);
        return;
    }
    const QSignalBlocker blocker(m_recipeBox);
    if (m_recipeBox->findText(recipe.name) < 0)
        m_recipeBox->addItem(recipe.name);
    m_recipeBox->setCurrentText(recipe.name);
}

void ExportDialog::loadRecipe(const QString &name)
{
    auto recipe = m_recipes.load(name);
    if (!recipe) {
        m_log->appendPlainText(recipe.error().message);
        return;
    }
    showRecipe(*recipe);
}

void ExportDialog::browse()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export To"), m_target->text(),
                                                      tr("ZIP archives (*.zip);;Folder (any other name)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty())
        m_target->setText(file);
}

void ExportDialog::setRunning(bool running)
{
    m_exportButton->setEnabled(!running);
    m_cancelButton->setText(running ? tr("Cancel") : tr("Close"));
}

void ExportDialog::start()
{
    const QString target = m_target->text().trimmed();
    if (target.isEmpty()) {
        m_log->appendPlainText(tr("Choose where to export to."));
        return;
    }
    const ExportRecipe recipe = recipeFromForm();
    if (auto valid = recipe.validate(); !valid) {
        m_log->appendPlainText(valid.error().message);
        return;
    }
    if (!m_queue) {
        m_log->appendPlainText(tr("No catalog is open."));
        return;
    }
    const QJsonObject parameters = m_useSelection->isChecked()
                                       ? jobkinds::exportParameters(target, recipe, m_selected)
                                       : jobkinds::exportParameters(target, recipe, {}, m_query->text().isNull() ? QStringLiteral("") : m_query->text());
    auto id = m_queue->enqueue(QStringLiteral("export"), parameters);
    if (!id) {
        m_log->appendPlainText(tr("The export cannot start: %1").arg(id.error().message));
        return;
    }
    m_job = *id;
    m_progress->setValue(0);
    m_log->appendPlainText(m_queue->isActive(m_job) && m_queue->job(m_job)->state == Job::State::Queued
                               ? tr("Export to %1 queued after the one running; it goes on in the Jobs panel if you close this.")
                                     .arg(target)
                               : tr("Exporting to %1… (closing this window leaves it running; see View ▸ Jobs)").arg(target));
    setRunning(true);
}

void ExportDialog::finished(const QString &summary)
{
    setRunning(false);
    const qint64 id = std::exchange(m_job, 0);
    auto problems = JobRepository(*m_catalog).errors(id, 1000);
    if (problems) {
        for (const JobRepository::ItemError &p : std::as_const(*problems))
            m_log->appendPlainText(tr("Skipped %1: %2").arg(p.item, p.message));
    }
    m_log->appendPlainText(summary);
}

void ExportDialog::reject()
{
    if (m_job && m_queue && m_queue->isActive(m_job)) {
        // First press cancels; the dialog stays to show that nothing was written.
        (void)m_queue->cancel(m_job);
        return;
    }
    QDialog::reject();
}

} // namespace stills
