#include "jobspanel.h"

#include "catalog/jobrepository.h"
#include "jobs/jobkinds.h"
#include "jobs/jobqueue.h"

#include <QApplication>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stills {

namespace {

enum Column { TitleColumn, StateColumn, ProgressColumn, FailedColumn, StartedColumn };
constexpr int kIdRole = Qt::UserRole;
constexpr int kDoneRole = Qt::UserRole + 1;
constexpr int kTotalRole = Qt::UserRole + 2;
constexpr int kBusyRole = Qt::UserRole + 3; // running without a known total yet
constexpr int kShownErrors = 1000;

// Draws the progress column as a progress bar of the style.
class ProgressDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const qint64 total = index.data(kTotalRole).toLongLong();
        const qint64 done = index.data(kDoneRole).toLongLong();
        const bool busy = index.data(kBusyRole).toBool();
        if (total <= 0 && !busy) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 2, -2, -2);
        bar.state = option.state | QStyle::State_Horizontal;
        bar.minimum = 0;
        // Scaled to fit an int: a progress bar counts in ints.
        bar.maximum = total > 0 ? 10000 : 0;
        bar.progress = total > 0 ? int(std::min<qint64>(done, total) * 10000 / total) : 0;
        bar.text = total > 0 ? QStringLiteral("%1 / %2").arg(QLocale().toString(done), QLocale().toString(total)) : QString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

} // namespace

JobsPanel::JobsPanel(QWidget *parent)
    : QWidget(parent)
    , m_jobs(new QTreeWidget(this))
    , m_errors(new QTreeWidget(this))
    , m_errorsTitle(new QLabel(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_retry(new QPushButton(tr("Retry Failed"), this))
    , m_reload(new QTimer(this))
{
    m_reload->setInterval(30 * 1000);
    connect(m_reload, &QTimer::timeout, this, [this] {
        if (!m_queue)
            return;
        if (auto read = m_queue->reload(); !read)
            Q_EMIT message(tr("The job list could not be read again: %1").arg(read.error().message));
        rebuild();
    });
    setObjectName(QStringLiteral("jobsPanel"));
    m_jobs->setObjectName(QStringLiteral("jobList"));
    m_jobs->setRootIsDecorated(false);
    m_jobs->setUniformRowHeights(true);
    m_jobs->setHeaderLabels({tr("Job"), tr("State"), tr("Progress"), tr("Failed"), tr("Started")});
    m_jobs->setItemDelegateForColumn(ProgressColumn, new ProgressDelegate(m_jobs));
    m_jobs->header()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_jobs->header()->setStretchLastSection(false);
    m_jobs->setColumnWidth(ProgressColumn, 200);
    for (const Column column : {StateColumn, FailedColumn, StartedColumn})
        m_jobs->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_errors->setObjectName(QStringLiteral("jobErrors"));
    m_errors->setRootIsDecorated(false);
    m_errors->setHeaderLabels({tr("Item"), tr("Why it failed")});
    m_errors->setColumnWidth(0, 260);
    m_errors->setTextElideMode(Qt::ElideMiddle); // a long path keeps its file name in sight
    m_cancel->setObjectName(QStringLiteral("cancelJob"));
    m_cancel->setToolTip(tr("Stop the selected job after its current item (Delete); what is done is kept"));
    m_retry->setObjectName(QStringLiteral("retryJob"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addStretch(1);
    auto *errorsBox = new QWidget(this);
    auto *errorsLayout = new QVBoxLayout(errorsBox);
    errorsLayout->setContentsMargins(0, 0, 0, 0);
    errorsLayout->addWidget(m_errorsTitle);
    errorsLayout->addWidget(m_errors);
    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *jobsBox = new QWidget(split);
    auto *jobsLayout = new QVBoxLayout(jobsBox);
    jobsLayout->setContentsMargins(0, 0, 0, 0);
    jobsLayout->addWidget(m_jobs);
    jobsLayout->addLayout(buttons);
    split->addWidget(jobsBox);
    split->addWidget(errorsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    auto *cancelKey = new QShortcut(QKeySequence::Delete, m_jobs, nullptr, nullptr, Qt::WidgetShortcut);
    connect(cancelKey, &QShortcut::activated, this, &JobsPanel::cancelSelected);
    connect(m_cancel, &QPushButton::clicked, this, &JobsPanel::cancelSelected);
    connect(m_retry, &QPushButton::clicked, this, &JobsPanel::retrySelected);
    connect(m_jobs, &QTreeWidget::currentItemChanged, this, [this] {
        updateButtons();
        showErrors();
    });
    updateButtons();
    showErrors();
}

void JobsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_reload->start();
}

void JobsPanel::hideEvent(QHideEvent *event)
{
    m_reload->stop();
    QWidget::hideEvent(event);
}

void JobsPanel::setQueue(JobQueue *queue)
{
    if (m_queue)
        disconnect(m_queue, nullptr, this, nullptr);
    m_queue = queue;
    if (m_queue) {
        connect(m_queue, &JobQueue::jobAdded, this, &JobsPanel::updateRow);
        connect(m_queue, &JobQueue::jobChanged, this, &JobsPanel::updateRow);
        connect(m_queue, &JobQueue::jobFinished, this, [this](qint64 id) {
            updateRow(id);
            if (id == selectedJob())
                showErrors();
        });
    }
    rebuild();
}

void JobsPanel::selectJob(qint64 id)
{
    if (QTreeWidgetItem *item = m_rows.value(id))
        m_jobs->setCurrentItem(item);
}

qint64 JobsPanel::selectedJob() const
{
    const QTreeWidgetItem *item = m_jobs->currentItem();
    return item ? item->data(TitleColumn, kIdRole).toLongLong() : 0;
}

void JobsPanel::rebuild()
{
    const qint64 selected = selectedJob();
    m_jobs->clear();
    m_rows.clear();
    if (m_queue) {
        for (const Job &job : m_queue->jobs()) {
            auto *item = new QTreeWidgetItem(m_jobs);
            m_rows.insert(job.id, item);
            fillRow(item, job);
        }
    }
    if (selected)
        selectJob(selected);
    updateButtons();
    showErrors();
}

void JobsPanel::updateRow(qint64 id)
{
    if (!m_queue)
        return;
    const std::optional<Job> job = m_queue->job(id);
    if (!job)
        return;
    QTreeWidgetItem *item = m_rows.value(id);
    if (!item) {
        // Newest first: a new job goes on top.
        item = new QTreeWidgetItem;
        m_jobs->insertTopLevelItem(0, item);
        m_rows.insert(id, item);
    }
    fillRow(item, *job);
    if (id == selectedJob())
        updateButtons();
}

void JobsPanel::fillRow(QTreeWidgetItem *item, const Job &job)
{
    const bool interrupted = m_queue && m_queue->isInterrupted(job.id);
    item->setData(TitleColumn, kIdRole, job.id);
    item->setText(TitleColumn, JobQueue::title(job));
    const QString summary = m_queue ? m_queue->summary(job.id) : QString();
    item->setToolTip(TitleColumn, summary.isEmpty() ? job.error : summary);
    item->setText(StateColumn, JobQueue::stateLabel(job.state, interrupted));
    item->setToolTip(StateColumn, job.error);
    item->setData(ProgressColumn, kDoneRole, job.done);
    item->setData(ProgressColumn, kTotalRole, job.total);
    item->setData(ProgressColumn, kBusyRole, job.state == Job::State::Running && !interrupted);
    item->setText(FailedColumn, job.failed > 0 ? QLocale().toString(job.failed) : QString());
    const qint64 startedMs = job.startedMs > 0 ? job.startedMs : job.createdMs;
    const QDateTime started = QDateTime::fromMSecsSinceEpoch(startedMs);
    // Today's jobs by their time; older ones with the date.
    item->setText(StartedColumn, started.date() == QDate::currentDate() ? QLocale().toString(started.time(), QLocale::ShortFormat)
                                                                        : QLocale().toString(started, QLocale::ShortFormat));
    item->setToolTip(StartedColumn, QLocale().toString(started, QLocale::LongFormat));
}

void JobsPanel::updateButtons()
{
    const qint64 id = selectedJob();
    const std::optional<Job> job = (m_queue && id) ? m_queue->job(id) : std::nullopt;
    m_cancel->setEnabled(job && m_queue->isActive(id));
    const bool interrupted = job && m_queue->isInterrupted(id);
    // A job that stopped before its end goes on; one that ended runs again for what failed.
    const bool resumes = interrupted || (job && job->state == Job::State::Cancelled);
    m_retry->setText(resumes ? tr("Resume") : tr("Retry Failed"));
    m_retry->setToolTip(resumes ? tr("Run the job again from where it stopped")
                                : tr("Run the job again; what it did already is not done twice"));
    m_retry->setEnabled(job && !m_queue->isActive(id) && jobkinds::canRetry(*job, interrupted));
}

void JobsPanel::showErrors()
{
    m_errors->clear();
    const qint64 id = selectedJob();
    if (!m_queue || !id) {
        m_errorsTitle->setText(tr("Select a job to see what failed."));
        return;
    }
    const std::optional<Job> job = m_queue->job(id);
    auto errors = JobRepository(*m_queue->catalog()).errors(id, kShownErrors);
    if (!errors) {
        m_errorsTitle->setText(tr("The failures of this job cannot be read: %1").arg(errors.error().message));
        return;
    }
    for (const JobRepository::ItemError &error : std::as_const(*errors)) {
        auto *item = new QTreeWidgetItem(m_errors, {error.item, error.message});
        item->setToolTip(0, error.item);
        item->setToolTip(1, error.message);
    }
    QString title;
    if (job && !job->error.isEmpty())
        title = tr("The job failed: %1").arg(job->error);
    else if (errors->isEmpty())
        title = tr("Nothing failed.");
    else
        title = tr("%n item(s) failed:", nullptr, int(std::min<qint64>(std::max<qint64>(job ? job->failed : 0, errors->size()), INT_MAX)));
    m_errorsTitle->setText(title);
}

void JobsPanel::cancelSelected()
{
    const qint64 id = selectedJob();
    if (!m_queue || !id || !m_queue->isActive(id))
        return;
    if (auto cancelled = m_queue->cancel(id); !cancelled)
        Q_EMIT message(cancelled.error().message);
    else
        Q_EMIT message(tr("Cancelling “%1” after its current item…").arg(JobQueue::title(*m_queue->job(id))));
    updateButtons();
}

void JobsPanel::retrySelected()
{
    const qint64 id = selectedJob();
    if (!m_queue || !id)
        return;
    if (auto retried = m_queue->retry(id); !retried)
        Q_EMIT message(tr("The job cannot be run again: %1").arg(retried.error().message));
    updateRow(id);
    updateButtons();
    showErrors();
}

} // namespace stills
