#include "tagcompleter.h"

#include "catalog/tagrepository.h"

#include <QHash>
#include <QLineEdit>
#include <QSet>
#include <QStringListModel>

namespace stills {

namespace {

QString slugPath(const QString &path)
{
    QStringList slugs;
    for (const QString &part : TagRepository::splitPath(path))
        slugs << TagRepository::slugify(part);
    return slugs.join(u'/');
}

} // namespace

TagCompleter::TagCompleter(const QStringList &paths, QLineEdit *edit)
    : QCompleter(edit)
    , m_edit(edit)
    , m_model(new QStringListModel(paths, this))
{
    setModel(m_model);
    setCaseSensitivity(Qt::CaseInsensitive);
    setFilterMode(Qt::MatchContains);
    setCompletionMode(QCompleter::PopupCompletion);
    setMaxVisibleItems(12);
    edit->setCompleter(this);
}

void TagCompleter::setPaths(const QStringList &paths)
{
    m_model->setStringList(paths);
}

QStringList TagCompleter::paths() const
{
    return m_model->stringList();
}

QStringList TagCompleter::splitPath(const QString &path) const
{
    // Only the entry being typed takes part in the completion.
    return {path.mid(path.lastIndexOf(u',') + 1).trimmed()};
}

QString TagCompleter::pathFromIndex(const QModelIndex &index) const
{
    const QString completion = QCompleter::pathFromIndex(index);
    const QString text = m_edit->text();
    const qsizetype comma = text.lastIndexOf(u',');
    if (comma < 0)
        return completion;
    return text.left(comma + 1) + u' ' + completion;
}

QStringList TagCompleter::parse(const QString &text, const QStringList &known)
{
    QHash<QString, QString> spelling;
    for (const QString &path : known)
        spelling.insert(slugPath(path), path);
    QStringList result;
    QSet<QString> seen;
    for (const QString &entry : text.split(u',')) {
        const QStringList parts = TagRepository::splitPath(entry);
        if (parts.isEmpty())
            continue;
        const QString path = parts.join(u'/');
        const QString slug = slugPath(path);
        if (seen.contains(slug))
            continue;
        seen.insert(slug);
        result << spelling.value(slug, path);
    }
    return result;
}

} // namespace stills
