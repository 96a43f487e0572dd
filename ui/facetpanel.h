#pragma once

#include "catalog/facets.h"
#include "catalog/shotquery.h"
#include "domain/attribute.h"

#include <QMap>
#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace stills {

// The facet panel: every attribute of the vocabulary, then rating, flag and colour label, each with
// its values and the number of shots that would match if the value were chosen (Facets' disjunctive
// counts). Checking values narrows the grid; values of one facet are OR-ed, facets AND-ed.
//
// The panel only shows and edits a selection; the window computes the counts off the GUI thread
// and hands them in with setCounts(). Expansion, scroll position and checks survive a refresh.
class FacetPanel : public QWidget
{
    Q_OBJECT

public:
    using Selection = QMap<QString, QStringList>; // facet key -> chosen values (in vocabulary order)

    explicit FacetPanel(QWidget *parent = nullptr);

    void setVocabulary(const QList<Attribute> &attributes);
    void setCounts(const QList<FacetCount> &counts);
    // While counts are being recomputed the numbers are shown dimmed.
    void setCounting(bool counting);

    Selection selection() const { return m_selection; }
    void setSelection(const Selection &selection); // emits selectionChanged when it differs
    void toggle(const QString &facet, const QString &value);
    void clearSelection();

    // What a facet key and value are called for the user ("Time of day", "Night").
    QString facetLabel(const QString &facet) const;
    QString valueLabel(const QString &facet, const QString &value) const;
    qint64 countOf(const QString &facet, const QString &value) const; // -1 when unknown

    // The selection applied to `query` (attributes, rating range, flags, colour labels), and as
    // query text that QueryParser reads back to the same conditions (for saved searches).
    static void applyTo(const Selection &selection, ShotQuery &query);
    static QString toQueryText(const Selection &selection);

Q_SIGNALS:
    void selectionChanged();

private:
    void rebuild();
    void updateItem(QTreeWidgetItem *item);
    void applyFilterText();

    QTreeWidget *m_tree;
    QLineEdit *m_find;
    QList<Attribute> m_vocabulary;
    QHash<QString, qint64> m_counts; // "facet\nvalue" -> count
    Selection m_selection;
    bool m_counting = false;
    bool m_updating = false;
};

} // namespace stills
