#include "searchbar.h"

#include "catalog/queryparser.h"
#include "facetpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace stills {

SearchBar::SearchBar(FacetPanel *facets, QWidget *parent)
    : QWidget(parent)
    , m_facets(facets)
    , m_field(new QLineEdit(this))
    , m_clear(new QToolButton(this))
    , m_save(new QToolButton(this))
    , m_error(new QLabel(this))
    , m_chips(new QWidget(this))
    , m_chipLayout(new QHBoxLayout(m_chips))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 2);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->setSpacing(4);
    m_field->setPlaceholderText(tr("Search titles, captions, tags, files…  tag:  rating>=3  flag:pick  \"a phrase\"  -exclude"));
    m_field->setClearButtonEnabled(true);
    m_field->setAccessibleName(tr("Search"));
    m_field->setToolTip(tr("<p>Words must all be found in a shot's title, description, caption, tags, photosets or file name.</p>"
                           "<p><b>\"low key\"</b> a phrase · <b>-word</b> excludes · <b>tag:Lighting</b> a tag and its children · "
                           "<b>rating&gt;=3</b> · <b>flag:pick</b>|reject|none · <b>label:red</b> · <b>photoset:NAME</b> · "
                           "<b>time_of_day:night</b> any attribute · <b>-lighting:\"low key\"</b> excludes a value</p>"
                           "<p>Ctrl+F comes here; Escape goes back to the grid.</p>"));
    row->addWidget(m_field, 1);
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Clear the search and every facet choice"));
    m_clear->setAutoRaise(true);
    row->addWidget(m_clear);
    m_save->setText(tr("Save Search…"));
    m_save->setToolTip(tr("Keep this search in the left pane as a smart photoset"));
    m_save->setAutoRaise(true);
    row->addWidget(m_save);
    layout->addLayout(row);

    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_chipLayout->setContentsMargins(0, 0, 0, 0);
    m_chipLayout->setSpacing(4);
    m_chips->hide();
    layout->addWidget(m_chips);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(250);
    connect(&m_debounce, &QTimer::timeout, this, &SearchBar::reparse);
    connect(m_field, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        m_debounce.stop();
        reparse();
    });
    connect(m_clear, &QToolButton::clicked, this, &SearchBar::clearAll);
    connect(m_save, &QToolButton::clicked, this, [this] {
        if (!m_textValid) {
            m_field->setFocus();
            return;
        }
        Q_EMIT saveRequested(combinedText());
    });
    connect(m_facets, &FacetPanel::selectionChanged, this, [this] {
        rebuildChips();
        reparse();
    });
    reparse();
}

void SearchBar::setVocabulary(const QList<Attribute> &attributes)
{
    m_vocabulary = attributes;
    reparse();
}

QString SearchBar::text() const
{
    return m_field->text();
}

void SearchBar::setQueryText(const QString &text)
{
    const QSignalBlocker blocker(m_facets);
    m_facets->clearSelection();
    rebuildChips();
    m_field->setText(text);
    m_debounce.stop();
    reparse();
}

QString SearchBar::combinedText() const
{
    const QString facets = FacetPanel::toQueryText(m_facets->selection());
    const QString typed = m_field->text().trimmed();
    if (facets.isEmpty())
        return typed;
    return typed.isEmpty() ? facets : typed + u' ' + facets;
}

QString SearchBar::errorText() const
{
    return m_error->isVisible() || !m_textValid ? m_error->text() : QString();
}

int SearchBar::chipCount() const
{
    return int(m_chipButtons.size());
}

void SearchBar::clearAll()
{
    {
        const QSignalBlocker blocker(m_facets);
        m_facets->clearSelection();
    }
    rebuildChips();
    m_field->clear();
    m_debounce.stop();
    reparse();
}

void SearchBar::reparse()
{
    auto parsed = m_vocabulary.isEmpty() ? QueryParser::parse(m_field->text())
                                         : QueryParser::parse(m_field->text(), m_vocabulary);
    if (parsed) {
        m_textQuery = *parsed;
        m_textValid = true;
        m_error->clear();
        m_error->hide();
        m_field->setStyleSheet(QString());
    } else {
        // The last good text stays in force; the mistake is shown where it is.
        m_textValid = false;
        m_error->setText(parsed.error().message);
        m_error->show();
        m_field->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c0392b; }"));
    }
    ShotQuery combined = m_textQuery;
    FacetPanel::applyTo(m_facets->selection(), combined);
    if (combined == m_query)
        return;
    m_query = combined;
    Q_EMIT queryChanged(m_query);
}

void SearchBar::rebuildChips()
{
    // deleteLater: a chip's own click may be what is rebuilding the row.
    for (QToolButton *chip : std::as_const(m_chipButtons)) {
        chip->hide();
        chip->deleteLater();
    }
    m_chipButtons.clear();
    while (QLayoutItem *item = m_chipLayout->takeAt(0))
        delete item;
    const FacetPanel::Selection selection = m_facets->selection();
    for (auto it = selection.cbegin(); it != selection.cend(); ++it) {
        for (const QString &value : it.value()) {
            auto *chip = new QToolButton(m_chips);
            chip->setText(tr("%1: %2  ✕").arg(m_facets->facetLabel(it.key()), m_facets->valueLabel(it.key(), value)));
            chip->setToolTip(tr("Remove this filter"));
            chip->setStyleSheet(QStringLiteral("QToolButton { border: 1px solid palette(mid); border-radius: 9px; "
                                               "padding: 1px 8px; background: palette(alternate-base); }"));
            const QString facet = it.key();
            connect(chip, &QToolButton::clicked, this, [this, facet, value] { m_facets->toggle(facet, value); });
            m_chipLayout->addWidget(chip);
            m_chipButtons.append(chip);
        }
    }
    m_chipLayout->addStretch(1);
    m_chips->setVisible(!selection.isEmpty());
}

} // namespace stills
