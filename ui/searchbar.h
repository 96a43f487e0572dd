#pragma once

#include "catalog/shotquery.h"
#include "domain/attribute.h"

#include <QTimer>
#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QToolButton;

namespace stills {

class FacetPanel;

// Above the grid: the search field (QueryParser's syntax), the active facet choices as removable
// chips, "Clear" and "Save Search…". It combines the text and the facet panel's choices into one
// ShotQuery and announces it (debounced while typing; at once on Enter or a chip).
//
// A text that does not parse keeps the last good query in force and says what is wrong and where,
// under the field; the field is marked until the text parses again.
class SearchBar : public QWidget
{
    Q_OBJECT

public:
    explicit SearchBar(FacetPanel *facets, QWidget *parent = nullptr);

    void setVocabulary(const QList<Attribute> &attributes);
    QLineEdit *field() const { return m_field; }

    QString text() const;
    // Replaces the text and clears the facet choices (opening a saved search).
    void setQueryText(const QString &text);
    // The whole search as text QueryParser reads back (the field and the facet choices).
    QString combinedText() const;
    ShotQuery query() const { return m_query; }
    QString errorText() const;
    int chipCount() const;
    void clearAll();

Q_SIGNALS:
    void queryChanged(const ShotQuery &query);
    void saveRequested(const QString &queryText);

private:
    void reparse();
    void rebuildChips();

    FacetPanel *m_facets;
    QLineEdit *m_field;
    QToolButton *m_clear;
    QToolButton *m_save;
    QLabel *m_error;
    QWidget *m_chips;
    QHBoxLayout *m_chipLayout;
    QList<QToolButton *> m_chipButtons;
    QTimer m_debounce;
    QList<Attribute> m_vocabulary;
    ShotQuery m_textQuery; // the last text that parsed
    ShotQuery m_query;     // text + facets, what is in force
    bool m_textValid = true;
};

} // namespace stills
