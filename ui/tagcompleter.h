#pragma once

// How to wire: `new TagCompleter(existingPaths, lineEdit)` — the line edit then completes tag
// paths, comma-separated, matching any level ("key" offers "Lighting/Low key"). Call setPaths()
// when the tag list changes. TagCompleter::parse() turns the text into clean paths.

#include <QCompleter>
#include <QStringList>

class QLineEdit;
class QStringListModel;

namespace stills {

// A completer over tag paths for a line edit holding several comma-separated tags: it completes
// the entry being typed (after the last comma), case-insensitively, matching any part of a path,
// and keeps the entries before it. GUI thread only.
class TagCompleter : public QCompleter
{
    Q_OBJECT

public:
    // Installs itself on `edit` (which owns it).
    TagCompleter(const QStringList &paths, QLineEdit *edit);

    void setPaths(const QStringList &paths);
    QStringList paths() const;

    QStringList splitPath(const QString &path) const override;
    QString pathFromIndex(const QModelIndex &index) const override;

    // "Lighting / low key, , places/Paris" -> {"Lighting/Low key", "Places/Paris"}: trimmed, empty
    // levels dropped, duplicates (same slugs) once, and an entry that names an existing tag takes
    // that tag's spelling from `known`.
    static QStringList parse(const QString &text, const QStringList &known = {});

private:
    QLineEdit *m_edit;
    QStringListModel *m_model;
};

} // namespace stills
