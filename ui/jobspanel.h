#pragma once

#include "domain/job.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTimer;
class QTreeWidgetItem;

namespace stills {

class JobQueue;

// View ▸ Jobs: the background jobs of the catalog (captioning, import, export, thumbnails) with
// their state and a progress bar each; Cancel (Delete) for a queued or running job, Retry Failed
// for one that ended with failures, failed or was cancelled, Resume for one a crash or a closed
// window interrupted; below, the failed items of the selected job with their reasons.
//
// Thread contract: GUI thread. It reads the jobs from the queue and the item errors from the
// queue's catalog (a bounded read, on selection).
class JobsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit JobsPanel(QWidget *parent = nullptr);

    // The queue of the open catalog (nullptr: none).
    void setQueue(JobQueue *queue);
    // Selects the row of a job (and shows its failures).
    void selectJob(qint64 id);
    qint64 selectedJob() const;

    // For tests.
    QTreeWidget *jobList() const { return m_jobs; }
    QTreeWidget *errorList() const { return m_errors; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *retryButton() const { return m_retry; }

Q_SIGNALS:
    // Something to tell the user in the status bar (a retry refused, and why).
    void message(const QString &text);

protected:
    // While shown, the list is read again from the catalog every half minute: jobs of other
    // windows or users, and jobs that became interrupted.
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void rebuild();
    void updateRow(qint64 id);
    void fillRow(QTreeWidgetItem *item, const Job &job);
    void updateButtons();
    void showErrors();
    void cancelSelected();
    void retrySelected();

    QPointer<JobQueue> m_queue;
    QTreeWidget *m_jobs;
    QTreeWidget *m_errors;
    QLabel *m_errorsTitle;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QHash<qint64, QTreeWidgetItem *> m_rows;
    QTimer *m_reload;
};

} // namespace stills
