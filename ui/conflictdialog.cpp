#include "conflictdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace stills {

QList<ConflictDialog::Field> ConflictDialog::differing(const QList<Field> &fields)
{
    QList<Field> result;
    for (const Field &f : fields)
        if (f.theirs != f.mine)
            result.append(f);
    return result;
}

ConflictDialog::ConflictDialog(const QString &what, const QList<Field> &fields, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(int(fields.size()), 3, this))
{
    setWindowTitle(tr("Changed by Someone Else"));
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(tr("Someone else changed %1 since you opened it. Which version should the catalog keep?")
                                .arg(what),
                            this);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    layout->addWidget(text);

    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Theirs (in the catalog)"), tr("Mine")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setWordWrap(true);
    for (int row = 0; row < fields.size(); ++row) {
        const Field &f = fields[row];
        auto *name = new QTableWidgetItem(f.name);
        QFont bold = name->font();
        bold.setBold(true);
        name->setFont(bold);
        m_table->setItem(row, 0, name);
        const QString values[2] = {f.theirs, f.mine};
        for (int column = 1; column < 3; ++column) {
            const QString &value = values[column - 1];
            auto *item = new QTableWidgetItem(value.isEmpty() ? tr("(empty)") : value);
            if (value.isEmpty()) {
                QFont italic = item->font();
                italic.setItalic(true);
                item->setFont(italic);
                item->setForeground(palette().placeholderText());
            }
            item->setToolTip(item->text());
            m_table->setItem(row, column, item);
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->resizeRowsToContents();
    // As tall as the rows (up to eight), no empty band below them.
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int row = 0; row < std::min(m_table->rowCount(), 8); ++row)
        height += m_table->rowHeight(row);
    m_table->setMinimumSize(520, height);
    if (m_table->rowCount() <= 8)
        m_table->setMaximumHeight(height);
    layout->addWidget(m_table);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *theirs = buttons->addButton(tr("Keep Theirs"), QDialogButtonBox::RejectRole);
    QPushButton *mine = buttons->addButton(tr("Overwrite with Mine"), QDialogButtonBox::AcceptRole);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setDefault(true); // never overwrite by a stray Return
    connect(theirs, &QPushButton::clicked, this, [this] {
        m_choice = Choice::KeepTheirs;
        done(QDialog::Accepted);
    });
    connect(mine, &QPushButton::clicked, this, [this] {
        m_choice = Choice::OverwriteMine;
        done(QDialog::Accepted);
    });
    connect(cancel, &QPushButton::clicked, this, [this] {
        m_choice = Choice::Cancel;
        done(QDialog::Rejected);
    });
    layout->addWidget(buttons);
}

ConflictDialog::Choice ConflictDialog::ask(QWidget *parent, const QString &what, const QList<Field> &fields)
{
    ConflictDialog dialog(what, fields, parent);
    dialog.exec();
    return dialog.choice();
}

} // namespace stills
