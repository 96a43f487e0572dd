#pragma once

// How to wire: when a version-checked save returns Error::Conflict, re-read the row, list the
// fields that differ and ask:
//     switch (ConflictDialog::ask(this, tr("photoset \"%1\"").arg(name), fields)) { ... }
// KeepTheirs: reload; OverwriteMine: save again with the re-read row's version; Cancel: keep editing.
// PhotosetEditDialog::resolveConflict() does this for photosets; a shot's fields work the same way.

#include <QDialog>
#include <QList>
#include <QString>

class QTableWidget;

namespace stills {

// "Someone else changed this …": shows each differing field with their value and mine, and returns
// what the user chose. GUI thread only; no catalog access.
class ConflictDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Choice { KeepTheirs, OverwriteMine, Cancel };

    struct Field {
        QString name;   // shown, already translated ("Title")
        QString theirs; // the value now in the catalog
        QString mine;   // the value this user wants to save
    };

    // `what` names the edited thing in a sentence ("the photoset “Night walk”").
    ConflictDialog(const QString &what, const QList<Field> &fields, QWidget *parent = nullptr);

    static Choice ask(QWidget *parent, const QString &what, const QList<Field> &fields);

    Choice choice() const { return m_choice; }
    QTableWidget *table() const { return m_table; }

    // The fields whose values differ, in order (helper for callers building the list).
    static QList<Field> differing(const QList<Field> &fields);

private:
    QTableWidget *m_table;
    Choice m_choice = Choice::Cancel;
};

} // namespace stills
