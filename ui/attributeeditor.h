#pragma once

// How to wire (inspector): attributeEditor->setVocabulary(AttributeRepository::all()) once;
// on selection change, setValues() with each selected shot's values of every attribute
// (AttributeRepository::valuesOfShot, read off the GUI thread); connect
//     attributeEdited(key, values, keepAsIs)
// to an undo command that runs, per shot, Curator::setAttribute(ids, key,
// AttributeEditor::resolve(shotValues, values, keepAsIs)) — when keepAsIs is empty (always for a
// single-valued attribute) that is one Curator::setAttribute(allIds, key, values).

#include "domain/attribute.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QCheckBox;
class QScrollArea;
class QToolButton;
class QVBoxLayout;

namespace stills {

// Edits the attribute vocabulary's values for one shot or a selection, compact enough for a
// ~300 px pane (a scroll area inside). Single-valued attributes are combo boxes with "—" (none) and,
// for a mixed selection, "(mixed)"; multi-valued attributes are a collapsible two-column check list
// whose boxes are partly checked when only some of the selected shots carry the option.
// GUI thread only; no catalog access.
class AttributeEditor : public QWidget
{
    Q_OBJECT

public:
    explicit AttributeEditor(QWidget *parent = nullptr);

    void setVocabulary(const QList<Attribute> &attributes);
    // key -> one list of option values per selected shot (all lists the same length: the number of
    // selected shots; a key that is missing means no shot has a value).
    void setValues(const QHash<QString, QList<QStringList>> &perShot, int shotCount);
    // The same from counts: key -> option value -> how many of the `shotCount` shots carry it.
    void setCounts(const QHash<QString, QHash<QString, int>> &counts, int shotCount);
    void clearValues() { setCounts({}, 0); }

    // A shot's new values after an edit: `values` for everyone, plus those of `keepAsIs` it had.
    static QStringList resolve(const QStringList &shotValues, const QStringList &values, const QStringList &keepAsIs);

    // For tests and the inspector: the editor of one attribute (nullptr when unknown or of the other kind).
    QComboBox *comboFor(const QString &key) const;
    QCheckBox *checkFor(const QString &key, const QString &value) const;
    QToolButton *headerFor(const QString &key) const;

Q_SIGNALS:
    // The user changed `key`: every selected shot gets `values` (option values); the options in
    // `keepAsIs` are still mixed, each shot keeps whether it had them.
    void attributeEdited(const QString &key, const QStringList &values, const QStringList &keepAsIs);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Row {
        Attribute attribute;
        QComboBox *combo = nullptr;          // single-valued
        QToolButton *header = nullptr;       // multi-valued
        QWidget *panel = nullptr;            // multi-valued: the check boxes
        QList<QCheckBox *> checks;           // in option order
    };

    void singleChanged(int rowIndex);
    void checkToggled(int rowIndex);
    void updateHeader(Row &row);
    void emitMulti(Row &row);

    QList<Row> m_rows;
    QHash<QString, int> m_byKey;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_content;
    QVBoxLayout *m_layout;
    int m_shotCount = 0;
    bool m_updating = false;
};

} // namespace stills
