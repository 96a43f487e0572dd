#include "tagmanagerdialog.h"

#include "catalog/tagrepository.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QThreadPool>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace stills {

namespace {

// What a dragged tag carries: its path (one per line), so a drop names the tags it merges.
const QString kTagPathsMime = QStringLiteral("application/x-stills-tag-paths");

class TagItemModel : public QStandardItemModel
{
public:
    using QStandardItemModel::QStandardItemModel;

    QStringList mimeTypes() const override { return {kTagPathsMime}; }
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }

    QMimeData *mimeData(const QModelIndexList &indexes) const override
    {
        QStringList paths;
        for (const QModelIndex &index : indexes) {
            const QString path = index.data(TagManagerDialog::PathRole).toString();
            if (!path.isEmpty() && !paths.contains(path))
                paths << path;
        }
        auto *data = new QMimeData;
        data->setData(kTagPathsMime, paths.join(u'\n').toUtf8());
        return data;
    }
};

QStringList draggedPaths(const QMimeData *data)
{
    if (!data || !data->hasFormat(kTagPathsMime))
        return {};
    return QString::fromUtf8(data->data(kTagPathsMime)).split(u'\n', Qt::SkipEmptyParts);
}

// Dropping a tag onto another merges it there; the model itself never moves rows.
class TagTreeView : public QTreeView
{
public:
    std::function<void(const QString &sourcePath, const QString &targetPath)> dropped;
    std::function<void()> deletePressed;

    using QTreeView::QTreeView;

protected:
    void keyPressEvent(QKeyEvent *event) override
    {
        if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && state() != EditingState
            && deletePressed) {
            deletePressed();
            event->accept();
            return;
        }
        QTreeView::keyPressEvent(event);
    }

    void dragEnterEvent(QDragEnterEvent *event) override
    {
        if (draggedPaths(event->mimeData()).isEmpty()) {
            event->ignore();
            return;
        }
        QTreeView::dragEnterEvent(event);
        event->setDropAction(Qt::CopyAction);
        event->accept();
    }

    void dragMoveEvent(QDragMoveEvent *event) override
    {
        QTreeView::dragMoveEvent(event); // auto-scroll and auto-expand
        const QString target = indexAt(event->position().toPoint()).data(TagManagerDialog::PathRole).toString();
        const QStringList sources = draggedPaths(event->mimeData());
        if (!target.isEmpty() && !sources.isEmpty() && !sources.contains(target)) {
            event->setDropAction(Qt::CopyAction);
            event->accept();
        } else {
            event->ignore();
        }
    }

    void dropEvent(QDropEvent *event) override
    {
        const QString target = indexAt(event->position().toPoint()).data(TagManagerDialog::PathRole).toString();
        const QStringList sources = draggedPaths(event->mimeData());
        // Copy, not Move: a Move would make the view remove the dragged rows itself.
        event->setDropAction(Qt::CopyAction);
        event->accept();
        stopAutoScroll();
        setState(NoState);
        if (target.isEmpty() || !dropped)
            return;
        for (const QString &source : sources)
            if (source != target)
                dropped(source, target);
    }
};

QString slugPath(const QString &path)
{
    QStringList slugs;
    for (const QString &part : TagRepository::splitPath(path))
        slugs << TagRepository::slugify(part);
    return slugs.join(u'/');
}

} // namespace

TagManagerDialog::TagManagerDialog(CatalogPtr catalog, QThreadPool *pool, QUndoStack *undoStack,
                                   TagEditCommand::Runner runner, QWidget *parent)
    : QDialog(parent)
    , m_catalog(std::move(catalog))
    , m_pool(pool)
    , m_undo(undoStack)
    , m_runner(std::move(runner))
    , m_filter(new QLineEdit(this))
    , m_view(new TagTreeView(this))
    , m_model(new TagItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_rename(new QPushButton(tr("&Rename"), this))
    , m_merge(new QPushButton(tr("&Merge Into\u2026"), this))
    , m_move(new QPushButton(tr("Mo&ve To\u2026"), this))
    , m_delete(new QPushButton(tr("&Delete\u2026"), this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Manage Tags"));
    m_confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Delete Tag"), question, QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel)
               == QMessageBox::Yes;
    };
    m_chooseTarget = [this](const QString &title, const QStringList &candidates,
                            const QString &preselected) -> std::optional<QString> {
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, title, tr("Tag:"), candidates,
                                                     std::max<qsizetype>(0, candidates.indexOf(preselected)), false, &ok);
        if (!ok)
            return std::nullopt;
        return chosen;
    };

    auto *layout = new QVBoxLayout(this);
    m_filter->setPlaceholderText(tr("Filter tags"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);

    m_model->setHorizontalHeaderLabels({tr("Tag"), tr("Shots")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(0);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->setDefaultDropAction(Qt::CopyAction);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    static_cast<TagTreeView *>(m_view)->dropped = [this](const QString &source, const QString &target) {
        mergeTag(source, target);
    };
    layout->addWidget(m_view, 1);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_rename, m_merge, m_move, m_delete}) {
        b->setAutoDefault(false);
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(close);

    if (m_undo) {
        QAction *undo = m_undo->createUndoAction(this);
        undo->setShortcut(QKeySequence::Undo);
        QAction *redo = m_undo->createRedoAction(this);
        redo->setShortcut(QKeySequence::Redo);
        addAction(undo);
        addAction(redo);
    }
    static_cast<TagTreeView *>(m_view)->deletePressed = [this] { deleteSelected(); };

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        // Filtering expands everything; clearing the filter gives back the branches the user had open.
        const bool wasFiltered = !m_proxy->filterRegularExpression().pattern().isEmpty();
        if (!wasFiltered)
            m_expandedBeforeFilter = expandedPaths();
        m_proxy->setFilterFixedString(text.trimmed());
        if (!text.trimmed().isEmpty()) {
            m_view->expandAll();
        } else {
            for (const QString &path : std::as_const(m_expandedBeforeFilter))
                if (const QModelIndex index = indexOfPath(path); index.isValid())
                    m_view->expand(index);
        }
    });
    connect(m_model, &QStandardItemModel::itemChanged, this, &TagManagerDialog::itemChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TagManagerDialog::updateButtons);
    connect(m_rename, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_view->currentIndex().siblingAtColumn(0);
        if (current.isValid())
            m_view->edit(current);
    });
    connect(m_merge, &QPushButton::clicked, this, &TagManagerDialog::mergeSelected);
    connect(m_move, &QPushButton::clicked, this, &TagManagerDialog::moveSelected);
    connect(m_delete, &QPushButton::clicked, this, &TagManagerDialog::deleteSelected);

    resize(460, 520);
    updateButtons();
    refresh();
}

void TagManagerDialog::refresh()
{
    const quint64 generation = ++m_generation;
    ++m_pendingReads;
    const CatalogPtr catalog = m_catalog;
    QtConcurrent::run(m_pool, [catalog] { return TagRepository(*catalog).all(); })
        .then(this, [this, generation](const Result<QList<Tag>> &tags) {
            --m_pendingReads;
            if (generation != m_generation)
                return; // a newer read is on its way
            if (!tags)
                showMessage(tr("Could not read the tags: %1").arg(tags.error().message), true);
            else
                rebuild(*tags);
            Q_EMIT refreshed();
        });
}

void TagManagerDialog::rebuild(const QList<Tag> &tags)
{
    // Keep what the user sees: expanded branches, the current tag, the selection.
    const QSet<QString> expanded = m_filter->text().trimmed().isEmpty() ? expandedPaths() : m_expandedBeforeFilter;
    const QString current = m_view->currentIndex().data(PathRole).toString();
    const QStringList selected = selectedPaths();

    m_building = true;
    m_model->removeRows(0, m_model->rowCount());
    m_tags = tags;
    m_paths.clear();
    QHash<qint64, QStandardItem *> items;
    // Parents sort before their children by path, so a parent item exists when its child comes.
    for (const Tag &tag : tags) {
        auto *name = new QStandardItem(tag.name);
        name->setData(tag.path, PathRole);
        name->setData(tag.id, IdRole);
        name->setToolTip(tag.path);
        name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemIsDragEnabled
                       | Qt::ItemIsDropEnabled);
        auto *count = new QStandardItem(QLocale().toString(tag.usageCount));
        count->setData(tag.path, PathRole);
        count->setData(tag.id, IdRole);
        count->setData(int(Qt::AlignRight | Qt::AlignVCenter), Qt::TextAlignmentRole);
        count->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemIsDropEnabled);
        QStandardItem *parent = items.value(tag.parentId, m_model->invisibleRootItem());
        parent->appendRow({name, count});
        items.insert(tag.id, name);
        m_paths.append(tag.path);
    }
    m_building = false;

    if (!m_loadedOnce) {
        m_loadedOnce = true;
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            m_view->expand(m_proxy->index(row, 0));
    } else {
        for (const QString &path : std::as_const(expanded))
            if (const QModelIndex index = indexOfPath(path); index.isValid())
                m_view->expand(index);
    }
    if (!m_filter->text().trimmed().isEmpty())
        m_view->expandAll();
    for (const QString &path : selected)
        if (const QModelIndex index = indexOfPath(path); index.isValid())
            m_view->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    if (const QModelIndex index = indexOfPath(current); index.isValid())
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
    if (m_status->property("error").toBool() == false)
        m_status->setText(statusText());
    updateButtons();
}

QSet<QString> TagManagerDialog::expandedPaths() const
{
    QSet<QString> expanded;
    for (const Tag &tag : m_tags) {
        const QModelIndex index = indexOfPath(tag.path);
        if (index.isValid() && m_view->isExpanded(index))
            expanded.insert(tag.path);
    }
    return expanded;
}

QString TagManagerDialog::statusText() const
{
    return tr("%n tag(s)", nullptr, int(m_tags.size()));
}

QModelIndex TagManagerDialog::indexOfPath(const QString &path) const
{
    if (path.isEmpty())
        return {};
    const QModelIndexList found =
        m_model->match(m_model->index(0, 0), PathRole, path, 1, Qt::MatchExactly | Qt::MatchRecursive);
    if (found.isEmpty())
        return {};
    return m_proxy->mapFromSource(found.first());
}

QString TagManagerDialog::selectedPath() const
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid() && m_view->selectionModel()->isSelected(current.siblingAtColumn(0)))
        return current.data(PathRole).toString();
    const QStringList all = selectedPaths();
    return all.isEmpty() ? QString() : all.first();
}

QStringList TagManagerDialog::selectedPaths() const
{
    QStringList paths;
    if (!m_view->selectionModel())
        return paths;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(0);
    for (const QModelIndex &index : rows)
        paths << index.data(PathRole).toString();
    return paths;
}

bool TagManagerDialog::isInside(const QString &path, const QString &ancestor) const
{
    const QString p = slugPath(path);
    const QString a = slugPath(ancestor);
    return p == a || p.startsWith(a + u'/');
}

void TagManagerDialog::updateButtons()
{
    const int n = int(selectedPaths().size());
    m_rename->setEnabled(n == 1);
    m_merge->setEnabled(n >= 1 && n <= 2 && m_paths.size() > 1);
    m_move->setEnabled(n == 1);
    m_delete->setEnabled(n == 1);
}

void TagManagerDialog::showMessage(const QString &message, bool error)
{
    m_status->setProperty("error", error);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b3261e;") : QString());
    m_status->setText(message);
}

void TagManagerDialog::push(const TagEdit &edit)
{
    if (!m_undo) {
        showMessage(tr("Tags cannot be edited here: there is no undo history to record the change in."), true);
        return;
    }
    showMessage(TagEdits::describe(edit) + QStringLiteral("\u2026"), false);
    m_status->setProperty("error", false);
    const QPointer<TagManagerDialog> self(this);
    const TagEditCommand::Runner outer = m_runner;
    TagEditCommand::Runner runner = [outer, self](TagEditCommand::Work work) {
        outer([work, self](const Catalog &catalog) -> Result<CurationReport> {
            auto report = work(catalog);
            if (!report) {
                const QString message = report.error().message;
                QMetaObject::invokeMethod(
                    qApp,
                    [self, message] {
                        if (self) {
                            self->showMessage(message, true);
                            Q_EMIT self->editFailed(message);
                        }
                    },
                    Qt::QueuedConnection);
            }
            return report;
        });
        if (self)
            self->refresh(); // queued behind the edit on the same single-thread pool
    };
    m_undo->push(new TagEditCommand(edit, runner));
}

void TagManagerDialog::itemChanged(QStandardItem *item)
{
    if (m_building || item->column() != 0)
        return;
    const QString path = item->data(PathRole).toString();
    const QString newName = item->text().simplified();
    const QString oldName = TagEdits::leafName(path);
    if (newName == oldName)
        return;
    auto restore = [&] {
        m_building = true;
        item->setText(oldName);
        m_building = false;
    };
    if (newName.contains(u'/')) {
        restore();
        showMessage(tr("A tag name cannot contain '/'; use Move To\u2026 to change its level."), true);
        return;
    }
    if (TagRepository::slugify(newName).isEmpty()) {
        restore();
        showMessage(tr("A tag name needs at least one letter or digit."), true);
        return;
    }
    renameTag(path, newName);
}

void TagManagerDialog::renameTag(const QString &path, const QString &newName)
{
    const QString parent = TagEdits::parentPath(path);
    const QString target = parent.isEmpty() ? newName.simplified() : parent + u'/' + newName.simplified();
    for (const QString &other : std::as_const(m_paths)) {
        if (slugPath(other) == slugPath(target) && slugPath(other) != slugPath(path)) {
            showMessage(tr("There is already a tag \"%1\". To put both together, use Merge Into\u2026").arg(other), true);
            refresh();
            return;
        }
    }
    TagEdit edit;
    edit.kind = TagEdit::Kind::Rename;
    edit.path = path;
    edit.newName = newName.simplified();
    push(edit);
}

void TagManagerDialog::mergeTag(const QString &fromPath, const QString &intoPath)
{
    if (fromPath.isEmpty() || intoPath.isEmpty())
        return;
    if (isInside(intoPath, fromPath)) {
        showMessage(slugPath(intoPath) == slugPath(fromPath)
                        ? tr("A tag cannot be merged into itself.")
                        : tr("\"%1\" cannot be merged into \"%2\", which is inside it.").arg(fromPath, intoPath),
                    true);
        return;
    }
    TagEdit edit;
    edit.kind = TagEdit::Kind::Merge;
    edit.path = fromPath;
    edit.targetPath = intoPath;
    push(edit);
}

void TagManagerDialog::moveTag(const QString &path, const QString &newParentPath)
{
    if (!newParentPath.isEmpty() && isInside(newParentPath, path)) {
        showMessage(tr("\"%1\" cannot be moved into \"%2\", which is inside it.").arg(path, newParentPath), true);
        return;
    }
    const QString target = newParentPath.isEmpty() ? TagEdits::leafName(path)
                                                   : newParentPath + u'/' + TagEdits::leafName(path);
    if (slugPath(target) == slugPath(path))
        return;
    for (const QString &other : std::as_const(m_paths)) {
        if (slugPath(other) == slugPath(target)) {
            showMessage(tr("There is already a tag \"%1\". To put both together, use Merge Into\u2026").arg(other), true);
            return;
        }
    }
    TagEdit edit;
    edit.kind = TagEdit::Kind::Move;
    edit.path = path;
    edit.targetPath = newParentPath;
    push(edit);
}

void TagManagerDialog::deleteTag(const QString &path)
{
    qint64 id = 0;
    for (const Tag &tag : std::as_const(m_tags))
        if (tag.path == path)
            id = tag.id;
    if (id == 0)
        return;
    ++m_pendingChecks;
    const CatalogPtr catalog = m_catalog;
    QtConcurrent::run(m_pool,
                      [catalog, id]() -> Result<std::pair<qsizetype, qsizetype>> {
                          TagRepository tags(*catalog);
                          auto shots = tags.shotsCarrying(id, true);
                          if (!shots)
                              return shots.error();
                          auto sets = tags.photosetsCarrying(id, true);
                          if (!sets)
                              return sets.error();
                          return std::pair{shots->size(), sets->size()};
                      })
        .then(this, [this, path](const Result<std::pair<qsizetype, qsizetype>> &carriers) {
            --m_pendingChecks;
            if (!carriers) {
                showMessage(tr("Could not count the shots carrying \"%1\": %2").arg(path, carriers.error().message), true);
                return;
            }
            const int shots = int(carriers->first);
            const int sets = int(carriers->second);
            QString question = shots == 0 ? tr("No shot carries \"%1\" or its sub-tags.").arg(path)
                                          : tr("%n shot(s) carry \"%1\" or one of its sub-tags.", nullptr, shots).arg(path);
            if (sets > 0)
                question += u' ' + tr("%n photoset(s) too.", nullptr, sets);
            question += QStringLiteral("\n\n") + tr("Delete the tag and its sub-tags? Edit \u25b8 Undo brings them back.");
            if (m_confirm && m_confirm(question)) {
                TagEdit edit;
                edit.kind = TagEdit::Kind::Delete;
                edit.path = path;
                push(edit);
            }
        });
}

void TagManagerDialog::mergeSelected()
{
    const QStringList selected = selectedPaths();
    const QString from = selectedPath();
    if (from.isEmpty())
        return;
    QString preselected;
    for (const QString &path : selected)
        if (path != from)
            preselected = path;
    QStringList candidates;
    for (const QString &path : std::as_const(m_paths))
        if (!isInside(path, from))
            candidates << path;
    if (candidates.isEmpty())
        return;
    if (!m_chooseTarget)
        return;
    if (auto into = m_chooseTarget(tr("Merge \u201c%1\u201d Into").arg(from), candidates, preselected))
        mergeTag(from, *into);
}

void TagManagerDialog::moveSelected()
{
    const QString path = selectedPath();
    if (path.isEmpty() || !m_chooseTarget)
        return;
    const QString top = tr("(top level)");
    QStringList candidates{top};
    for (const QString &other : std::as_const(m_paths))
        if (!isInside(other, path) && other != TagEdits::parentPath(path))
            candidates << other;
    if (auto parent = m_chooseTarget(tr("Move \u201c%1\u201d To").arg(path), candidates, QString()))
        moveTag(path, *parent == top ? QString() : *parent);
}

void TagManagerDialog::deleteSelected()
{
    const QString path = selectedPath();
    if (!path.isEmpty())
        deleteTag(path);
}

} // namespace stills
