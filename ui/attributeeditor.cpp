#include "attributeeditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QCoreApplication>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QToolButton>
#include <QVBoxLayout>

namespace stills {

namespace {

// A check box whose partly checked state (some of the selected shots) is shown but never reached
// by clicking: a click on it checks it for everyone, a further click unchecks it.
class MixedCheckBox : public QCheckBox
{
public:
    using QCheckBox::QCheckBox;

protected:
    void nextCheckState() override
    {
        setCheckState(checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
        setTristate(false);
    }
};

constexpr int NoValue = 0; // combo item kinds, in Qt::UserRole + 1
constexpr int Mixed = 1;
constexpr int Option = 2;

} // namespace

AttributeEditor::AttributeEditor(QWidget *parent)
    : QWidget(parent)
    , m_content(new QWidget)
    , m_layout(new QVBoxLayout(m_content))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = m_scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    m_layout->setContentsMargins(4, 4, 4, 4);
    m_layout->setSpacing(2);
    scroll->setWidget(m_content);
    outer->addWidget(scroll);
    setEnabled(false);
}

void AttributeEditor::setVocabulary(const QList<Attribute> &attributes)
{
    // Rebuild from scratch: the vocabulary changes rarely (a catalog switch).
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->layout();
        delete item;
    }
    qDeleteAll(m_content->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    m_rows.clear();
    m_byKey.clear();

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(2);
    grid->setColumnStretch(1, 1);
    m_layout->addLayout(grid);
    m_layout->addStretch(1);

    int gridRow = 0;
    for (const Attribute &attribute : attributes) {
        const int index = int(m_rows.size());
        Row row;
        row.attribute = attribute;
        if (!attribute.multiValued) {
            auto *label = new QLabel(attribute.label + u':', m_content);
            label->setToolTip(attribute.label);
            row.combo = new QComboBox(m_content);
            row.combo->setObjectName(QStringLiteral("attribute-%1").arg(attribute.key));
            row.combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
            row.combo->setMinimumContentsLength(6);
            row.combo->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
            row.combo->setFocusPolicy(Qt::StrongFocus);
            row.combo->installEventFilter(this);
            row.combo->addItem(QStringLiteral("\u2014"), QString());
            row.combo->setItemData(0, NoValue, Qt::UserRole + 1);
            row.combo->setItemData(0, tr("None"), Qt::ToolTipRole);
            for (const AttributeOption &option : attribute.options) {
                row.combo->addItem(option.label, option.value);
                row.combo->setItemData(row.combo->count() - 1, Option, Qt::UserRole + 1);
            }
            label->setBuddy(row.combo);
            grid->addWidget(label, gridRow, 0);
            grid->addWidget(row.combo, gridRow, 1);
            ++gridRow;
            connect(row.combo, &QComboBox::activated, this, [this, index] { singleChanged(index); });
        } else {
            row.header = new QToolButton(m_content);
            row.header->setObjectName(QStringLiteral("attribute-%1").arg(attribute.key));
            row.header->setCheckable(true);
            row.header->setAutoRaise(true);
            row.header->setArrowType(Qt::RightArrow);
            row.header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            row.header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
            row.panel = new QWidget(m_content);
            auto *checks = new QGridLayout(row.panel);
            checks->setContentsMargins(14, 0, 0, 4);
            checks->setHorizontalSpacing(6);
            checks->setVerticalSpacing(0);
            for (int i = 0; i < attribute.options.size(); ++i) {
                const AttributeOption &option = attribute.options[i];
                auto *check = new MixedCheckBox(option.label, row.panel);
                check->setToolTip(option.label);
                check->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
                checks->addWidget(check, i / 2, i % 2);
                row.checks.append(check);
                connect(check, &QCheckBox::clicked, this, [this, index] { checkToggled(index); });
            }
            row.panel->hide();
            grid->addWidget(row.header, gridRow++, 0, 1, 2);
            grid->addWidget(row.panel, gridRow++, 0, 1, 2);
            QToolButton *header = row.header;
            QWidget *panel = row.panel;
            connect(header, &QToolButton::toggled, this, [header, panel](bool open) {
                header->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
                panel->setVisible(open);
            });
        }
        m_byKey.insert(attribute.key, index);
        m_rows.append(row);
    }
    clearValues();
}

void AttributeEditor::setValues(const QHash<QString, QList<QStringList>> &perShot, int shotCount)
{
    QHash<QString, QHash<QString, int>> counts;
    for (auto it = perShot.cbegin(); it != perShot.cend(); ++it) {
        QHash<QString, int> &forKey = counts[it.key()];
        for (const QStringList &values : it.value()) {
            const QSet<QString> distinct(values.cbegin(), values.cend());
            for (const QString &value : distinct)
                ++forKey[value];
        }
    }
    setCounts(counts, shotCount);
}

void AttributeEditor::setCounts(const QHash<QString, QHash<QString, int>> &counts, int shotCount)
{
    m_updating = true;
    m_shotCount = shotCount;
    setEnabled(shotCount > 0);
    for (Row &row : m_rows) {
        const QHash<QString, int> forKey = counts.value(row.attribute.key);
        if (row.combo) {
            if (int mixed = row.combo->findData(Mixed, Qt::UserRole + 1); mixed >= 0)
                row.combo->removeItem(mixed);
            QString only;
            int carriers = 0;
            int distinct = 0;
            for (auto it = forKey.cbegin(); it != forKey.cend(); ++it) {
                if (it.value() <= 0)
                    continue;
                ++distinct;
                only = it.key();
                carriers += it.value();
            }
            if (distinct == 0 || shotCount == 0) {
                row.combo->setCurrentIndex(0);
            } else if (distinct == 1 && carriers >= shotCount) {
                row.combo->setCurrentIndex(std::max(0, row.combo->findData(only)));
            } else {
                row.combo->insertItem(0, tr("(mixed)"), QString());
                row.combo->setItemData(0, Mixed, Qt::UserRole + 1);
                row.combo->setItemData(0, tr("The selected shots have different values"), Qt::ToolTipRole);
                row.combo->setCurrentIndex(0);
            }
        } else {
            for (int i = 0; i < row.checks.size(); ++i) {
                const int n = forKey.value(row.attribute.options[i].value);
                QCheckBox *check = row.checks[i];
                check->setTristate(false);
                if (n <= 0 || shotCount == 0)
                    check->setCheckState(Qt::Unchecked);
                else if (n >= shotCount)
                    check->setCheckState(Qt::Checked);
                else
                    check->setCheckState(Qt::PartiallyChecked);
            }
            updateHeader(row);
        }
    }
    m_updating = false;
}

QStringList AttributeEditor::resolve(const QStringList &shotValues, const QStringList &values,
                                     const QStringList &keepAsIs)
{
    QStringList result = values;
    for (const QString &value : keepAsIs)
        if (shotValues.contains(value) && !result.contains(value))
            result.append(value);
    return result;
}

bool AttributeEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Scrolling the pane over a combo box must not change a shot's attribute: the wheel only
    // reaches a combo box the user has clicked or tabbed into.
    if (event->type() == QEvent::Wheel) {
        if (auto *combo = qobject_cast<QComboBox *>(watched); combo && !combo->hasFocus()) {
            QCoreApplication::sendEvent(m_scroll->verticalScrollBar(), event);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QComboBox *AttributeEditor::comboFor(const QString &key) const
{
    const auto it = m_byKey.constFind(key);
    return it == m_byKey.cend() ? nullptr : m_rows[*it].combo;
}

QCheckBox *AttributeEditor::checkFor(const QString &key, const QString &value) const
{
    const auto it = m_byKey.constFind(key);
    if (it == m_byKey.cend())
        return nullptr;
    const Row &row = m_rows[*it];
    for (int i = 0; i < row.checks.size(); ++i)
        if (row.attribute.options[i].value == value)
            return row.checks[i];
    return nullptr;
}

QToolButton *AttributeEditor::headerFor(const QString &key) const
{
    const auto it = m_byKey.constFind(key);
    return it == m_byKey.cend() ? nullptr : m_rows[*it].header;
}

void AttributeEditor::singleChanged(int rowIndex)
{
    if (m_updating)
        return;
    Row &row = m_rows[rowIndex];
    const int kind = row.combo->currentData(Qt::UserRole + 1).toInt();
    if (kind == Mixed)
        return; // "(mixed)" is a state, not a value to set
    const QString value = row.combo->currentData().toString();
    if (int mixed = row.combo->findData(Mixed, Qt::UserRole + 1); mixed >= 0) {
        m_updating = true;
        row.combo->removeItem(mixed);
        m_updating = false;
    }
    Q_EMIT attributeEdited(row.attribute.key, value.isEmpty() ? QStringList() : QStringList{value}, {});
}

void AttributeEditor::checkToggled(int rowIndex)
{
    if (m_updating)
        return;
    Row &row = m_rows[rowIndex];
    updateHeader(row);
    emitMulti(row);
}

void AttributeEditor::emitMulti(Row &row)
{
    QStringList values;
    QStringList keep;
    for (int i = 0; i < row.checks.size(); ++i) {
        const Qt::CheckState state = row.checks[i]->checkState();
        if (state == Qt::Checked)
            values << row.attribute.options[i].value;
        else if (state == Qt::PartiallyChecked)
            keep << row.attribute.options[i].value;
    }
    Q_EMIT attributeEdited(row.attribute.key, values, keep);
}

void AttributeEditor::updateHeader(Row &row)
{
    QStringList shown;
    for (int i = 0; i < row.checks.size(); ++i) {
        const Qt::CheckState state = row.checks[i]->checkState();
        if (state == Qt::Checked)
            shown << row.attribute.options[i].label;
        else if (state == Qt::PartiallyChecked)
            shown << row.attribute.options[i].label + u'*';
    }
    QString summary = shown.isEmpty() ? QStringLiteral("\u2014") : shown.mid(0, 3).join(QStringLiteral(", "));
    if (shown.size() > 3)
        summary += tr(" +%1").arg(shown.size() - 3);
    row.header->setText(tr("%1: %2").arg(row.attribute.label, summary));
    row.header->setToolTip(shown.isEmpty() ? row.attribute.label
                                           : row.attribute.label + QStringLiteral(": ") + shown.join(QStringLiteral(", "))
                                                 + (shown.join(QString()).contains(u'*')
                                                        ? tr("\n* only some of the selected shots")
                                                        : QString()));
}

} // namespace stills
