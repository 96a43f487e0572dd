#pragma once

// How to wire ("Tags ▸ Manage Tags…"):
//     auto *dialog = new TagManagerDialog(m_catalog, &m_editPool, m_undo, runner, this);
//     dialog->setAttribute(Qt::WA_DeleteOnClose); dialog->show();
// `runner` is the one ShotEditCommand uses (it reports failures and refreshes the shot model);
// `pool` must be the single-thread pool that runner executes on, so the dialog's reads queue
// behind the edits. Edits are TagEditCommands pushed on `undoStack`; they stay undoable from the
// window after the dialog is closed.

#include "catalog/catalog.h"
#include "domain/tag.h"
#include "tageditcommand.h"

#include <QDialog>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QThreadPool;
class QTreeView;
class QUndoStack;

namespace stills {

// The tag hierarchy with per-tag shot counts: rename in place (F2), merge ("Merge Into…" or drag a
// tag onto another), move ("Move To…"), delete (after saying how many shots carry it), a filter.
// Every edit is an undoable TagEditCommand; no SQL runs on the GUI thread (reads and edits go
// through `pool`; the tree is rebuilt when they finish, latest read wins).
class TagManagerDialog : public QDialog
{
    Q_OBJECT

public:
    using Confirm = std::function<bool(const QString &question)>;
    using ChooseTarget =
        std::function<std::optional<QString>(const QString &title, const QStringList &candidates, const QString &preselected)>;

    enum Roles { PathRole = Qt::UserRole + 1, IdRole };

    TagManagerDialog(CatalogPtr catalog, QThreadPool *pool, QUndoStack *undoStack, TagEditCommand::Runner runner,
                     QWidget *parent = nullptr);

    // Reads the tags again (off the GUI thread); `refreshed` follows.
    void refresh();
    bool isBusy() const { return m_pendingReads > 0 || m_pendingChecks > 0; }

    // The edits behind the buttons, for the window's actions and tests. Invalid requests (a name
    // clash, a merge into a sub-tag) are refused with a message and push nothing.
    void renameTag(const QString &path, const QString &newName);
    void mergeTag(const QString &fromPath, const QString &intoPath);
    void moveTag(const QString &path, const QString &newParentPath);
    // Counts the shots carrying the tag (off the GUI thread), asks, then deletes.
    void deleteTag(const QString &path);

    // Replace the question boxes (tests, scripted use). Defaults: QMessageBox / QInputDialog.
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setChooseTarget(ChooseTarget choose) { m_chooseTarget = std::move(choose); }

    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QStandardItemModel *model() const { return m_model; }
    // The view (proxy) index of a tag path; invalid when not shown.
    QModelIndex indexOfPath(const QString &path) const;
    QStringList paths() const { return m_paths; }
    QString statusText() const;

Q_SIGNALS:
    void refreshed();
    void editFailed(const QString &message);

private:
    void rebuild(const QList<Tag> &tags);
    void itemChanged(QStandardItem *item);
    void mergeSelected();
    void moveSelected();
    void deleteSelected();
    void updateButtons();
    void showMessage(const QString &message, bool error);
    void push(const TagEdit &edit);
    QString selectedPath() const;
    QStringList selectedPaths() const;
    bool isInside(const QString &path, const QString &ancestor) const;
    QSet<QString> expandedPaths() const;

    CatalogPtr m_catalog;
    QThreadPool *m_pool;
    QPointer<QUndoStack> m_undo;
    TagEditCommand::Runner m_runner;
    Confirm m_confirm;
    ChooseTarget m_chooseTarget;

    QLineEdit *m_filter;
    QTreeView *m_view;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QPushButton *m_rename;
    QPushButton *m_merge;
    QPushButton *m_move;
    QPushButton *m_delete;
    QLabel *m_status;

    QList<Tag> m_tags;
    QStringList m_paths;
    QSet<QString> m_expandedBeforeFilter;
    quint64 m_generation = 0;
    int m_pendingReads = 0;
    int m_pendingChecks = 0;
    bool m_building = false;
    bool m_loadedOnce = false;
};

} // namespace stills
