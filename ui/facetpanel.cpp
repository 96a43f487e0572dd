#include "facetpanel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace stills {

namespace {

constexpr int FacetRole = Qt::UserRole + 1;
constexpr int ValueRole = Qt::UserRole + 2;

const QString kRating = QStringLiteral("rating");
const QString kFlag = QStringLiteral("flag");
const QString kLabel = QStringLiteral("label");

QString key(const QString &facet, const QString &value)
{
    return facet + u'\n' + value;
}

// Quotes a value for the query language when it is not one plain word.
QString quoted(const QString &value)
{
    for (const QChar c : value)
        if (!c.isLetterOrNumber() && c != u'_' && c != u'-')
            return u'"' + QString(value).remove(u'"') + u'"';
    return value;
}

} // namespace

FacetPanel::FacetPanel(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_find(new QLineEdit(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_find->setPlaceholderText(tr("Find a facet value"));
    m_find->setClearButtonEnabled(true);
    m_find->setAccessibleName(tr("Find a facet value"));
    layout->addWidget(m_find);
    m_tree->setColumnCount(2);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setAccessibleName(tr("Facets"));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree);

    connect(m_tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (m_updating || column != 0 || !item->parent())
            return;
        const QString facet = item->data(0, FacetRole).toString();
        const QString value = item->data(0, ValueRole).toString();
        const bool checked = item->checkState(0) == Qt::Checked;
        if (checked == m_selection.value(facet).contains(value))
            return;
        toggle(facet, value);
    });
    // Space or Enter on a value toggles it (the check box alone needs the mouse).
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (item->parent())
            toggle(item->data(0, FacetRole).toString(), item->data(0, ValueRole).toString());
        else
            item->setExpanded(!item->isExpanded());
    });
    connect(m_find, &QLineEdit::textChanged, this, &FacetPanel::applyFilterText);
}

void FacetPanel::setVocabulary(const QList<Attribute> &attributes)
{
    m_vocabulary = attributes;
    rebuild();
}

QString FacetPanel::facetLabel(const QString &facet) const
{
    if (facet == kRating)
        return tr("Rating");
    if (facet == kFlag)
        return tr("Flag");
    if (facet == kLabel)
        return tr("Colour label");
    for (const Attribute &a : m_vocabulary)
        if (a.key == facet)
            return a.label;
    return facet;
}

QString FacetPanel::valueLabel(const QString &facet, const QString &value) const
{
    if (facet == kRating) {
        const int stars = value.toInt();
        return stars == 0 ? tr("Unrated") : QString(stars, QChar(0x2605));
    }
    if (facet == kFlag) {
        if (value == QLatin1String("pick"))
            return tr("Pick");
        if (value == QLatin1String("reject"))
            return tr("Rejected");
        return tr("Unflagged");
    }
    if (facet == kLabel) {
        static const QHash<QString, const char *> names {
            { QStringLiteral("none"), QT_TR_NOOP("No label") }, { QStringLiteral("red"), QT_TR_NOOP("Red") },
            { QStringLiteral("yellow"), QT_TR_NOOP("Yellow") }, { QStringLiteral("green"), QT_TR_NOOP("Green") },
            { QStringLiteral("blue"), QT_TR_NOOP("Blue") }, { QStringLiteral("purple"), QT_TR_NOOP("Purple") },
        };
        const char *name = names.value(value);
        return name ? tr(name) : value;
    }
    for (const Attribute &a : m_vocabulary)
        if (a.key == facet)
            for (const AttributeOption &o : a.options)
                if (o.value == value)
                    return o.label;
    return value;
}

qint64 FacetPanel::countOf(const QString &facet, const QString &value) const
{
    return m_counts.value(key(facet, value), -1);
}

void FacetPanel::rebuild()
{
    m_updating = true;
    QSet<QString> expanded;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (m_tree->topLevelItem(i)->isExpanded())
            expanded.insert(m_tree->topLevelItem(i)->data(0, FacetRole).toString());
    m_tree->clear();

    auto addFacet = [&](const QString &facet, const QStringList &values) {
        auto *top = new QTreeWidgetItem(m_tree);
        top->setText(0, facetLabel(facet));
        top->setData(0, FacetRole, facet);
        top->setFlags(Qt::ItemIsEnabled);
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (const QString &value : values) {
            auto *item = new QTreeWidgetItem(top);
            item->setData(0, FacetRole, facet);
            item->setData(0, ValueRole, value);
            item->setText(0, valueLabel(facet, value));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
            updateItem(item);
        }
        top->setExpanded(expanded.contains(facet) || m_selection.contains(facet));
    };
    for (const Attribute &a : std::as_const(m_vocabulary)) {
        QStringList values;
        for (const AttributeOption &o : a.options)
            values << o.value;
        addFacet(a.key, values);
    }
    addFacet(kRating, { QStringLiteral("5"), QStringLiteral("4"), QStringLiteral("3"), QStringLiteral("2"),
                          QStringLiteral("1"), QStringLiteral("0") });
    addFacet(kFlag, { QStringLiteral("pick"), QStringLiteral("none"), QStringLiteral("reject") });
    addFacet(kLabel, { QStringLiteral("red"), QStringLiteral("yellow"), QStringLiteral("green"),
                         QStringLiteral("blue"), QStringLiteral("purple"), QStringLiteral("none") });
    m_updating = false;
    applyFilterText();
}

void FacetPanel::updateItem(QTreeWidgetItem *item)
{
    const QString facet = item->data(0, FacetRole).toString();
    const QString value = item->data(0, ValueRole).toString();
    const bool checked = m_selection.value(facet).contains(value);
    item->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    const qint64 count = m_counts.value(key(facet, value), -1);
    item->setText(1, count < 0 ? QString() : QLocale().toString(count));
    // A value that would empty the grid is shown, but quietly.
    const bool quiet = m_counting || (count == 0 && !checked);
    item->setForeground(0, quiet ? m_tree->palette().brush(QPalette::Disabled, QPalette::Text)
                                 : m_tree->palette().brush(QPalette::Active, QPalette::Text));
    item->setForeground(1, m_tree->palette().brush(QPalette::Disabled, QPalette::Text));
    item->setToolTip(0, count < 0 ? QString()
                                  : tr("%n shot(s) would match with this value", nullptr, int(std::min<qint64>(count, INT_MAX))));
}

void FacetPanel::setCounts(const QList<FacetCount> &counts)
{
    m_counts.clear();
    for (const FacetCount &c : counts)
        m_counts.insert(key(c.facet, c.value), c.count);
    m_counting = false;
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_tree->topLevelItem(i);
        for (int j = 0; j < top->childCount(); ++j)
            updateItem(top->child(j));
    }
    m_updating = false;
}

void FacetPanel::setCounting(bool counting)
{
    if (m_counting == counting)
        return;
    m_counting = counting;
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_tree->topLevelItem(i);
        for (int j = 0; j < top->childCount(); ++j)
            updateItem(top->child(j));
    }
    m_updating = false;
}

void FacetPanel::setSelection(const Selection &selection)
{
    Selection cleaned;
    for (auto it = selection.cbegin(); it != selection.cend(); ++it)
        if (!it.value().isEmpty())
            cleaned.insert(it.key(), it.value());
    if (cleaned == m_selection)
        return;
    m_selection = cleaned;
    m_updating = true;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_tree->topLevelItem(i);
        for (int j = 0; j < top->childCount(); ++j)
            updateItem(top->child(j));
    }
    m_updating = false;
    Q_EMIT selectionChanged();
}

void FacetPanel::toggle(const QString &facet, const QString &value)
{
    Selection next = m_selection;
    QStringList &values = next[facet];
    if (values.contains(value))
        values.removeAll(value);
    else
        values.append(value);
    setSelection(next);
}

void FacetPanel::clearSelection()
{
    setSelection({});
}

void FacetPanel::applyFilterText()
{
    const QString text = m_find->text().trimmed();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_tree->topLevelItem(i);
        const bool facetMatches = text.isEmpty() || top->text(0).contains(text, Qt::CaseInsensitive);
        bool any = false;
        for (int j = 0; j < top->childCount(); ++j) {
            QTreeWidgetItem *child = top->child(j);
            const bool show = facetMatches || child->text(0).contains(text, Qt::CaseInsensitive);
            child->setHidden(!show);
            any = any || show;
        }
        top->setHidden(!any);
        if (!text.isEmpty() && any)
            top->setExpanded(true);
    }
}

void FacetPanel::applyTo(const Selection &selection, ShotQuery &query)
{
    for (auto it = selection.cbegin(); it != selection.cend(); ++it) {
        const QString &facet = it.key();
        const QStringList &values = it.value();
        if (values.isEmpty())
            continue;
        if (facet == kRating) {
            int lo = 5, hi = 0;
            for (const QString &v : values) {
                lo = std::min(lo, v.toInt());
                hi = std::max(hi, v.toInt());
            }
            query.ratingMin = std::max(query.ratingMin, lo);
            query.ratingMax = std::min(query.ratingMax, hi);
        } else if (facet == kFlag) {
            QList<int> flags;
            for (const QString &v : values)
                flags << (v == QLatin1String("pick") ? 1 : v == QLatin1String("reject") ? -1 : 0);
            if (query.flags) {
                QList<int> both;
                for (int f : std::as_const(flags))
                    if (query.flags->contains(f))
                        both << f;
                flags = both;
            }
            query.flags = flags;
        } else if (facet == kLabel) {
            QList<int> labels;
            for (const QString &v : values) {
                const int index = int(ShotQuery::colorLabelNames().indexOf(v));
                if (index >= 0)
                    labels << index;
            }
            if (query.colorLabels) {
                QList<int> both;
                for (int l : std::as_const(labels))
                    if (query.colorLabels->contains(l))
                        both << l;
                labels = both;
            }
            query.colorLabels = labels;
        } else {
            QStringList &target = query.attributes[facet];
            if (target.isEmpty()) {
                target = values;
            } else {
                // The text already narrowed this attribute: both must hold.
                QStringList both;
                for (const QString &v : values)
                    if (target.contains(v))
                        both << v;
                target = both.isEmpty() ? QStringList { QStringLiteral("\x01none") } : both;
            }
        }
    }
}

QString FacetPanel::toQueryText(const Selection &selection)
{
    QStringList parts;
    for (auto it = selection.cbegin(); it != selection.cend(); ++it) {
        const QString &facet = it.key();
        if (it.value().isEmpty())
            continue;
        if (facet == kRating) {
            int lo = 5, hi = 0;
            for (const QString &v : it.value()) {
                lo = std::min(lo, v.toInt());
                hi = std::max(hi, v.toInt());
            }
            if (lo > 0)
                parts << QStringLiteral("rating>=%1").arg(lo);
            if (hi < 5)
                parts << QStringLiteral("rating<=%1").arg(hi);
            continue;
        }
        for (const QString &v : it.value())
            parts << facet + u':' + quoted(v);
    }
    return parts.join(u' ');
}

} // namespace stills
