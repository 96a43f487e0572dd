#include "captionreplacedialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace stills {

CaptionReplaceDialog::CaptionReplaceDialog(qint64 shotCount, QWidget *parent)
    : QDialog(parent)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_matchCase(new QCheckBox(tr("&Match case"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Find and Replace in Captions"));
    auto *layout = new QVBoxLayout(this);
    const int shots = int(std::min<qint64>(shotCount, INT_MAX));
    auto *intro = new QLabel(tr("In the current captions of the %n selected shot(s). Each caption that changes is "
                                "stored as a new version typed by hand; the earlier one stays in its history.",
                                nullptr, shots),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    form->addRow(tr("&Find:"), m_find);
    form->addRow(tr("Replace &with:"), m_replace);
    form->addRow(QString(), m_matchCase);
    layout->addLayout(form);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Replace"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    layout->addWidget(m_buttons);
    connect(m_find, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(420, sizeHint().height());
}

QString CaptionReplaceDialog::findText() const
{
    return m_find->text();
}

QString CaptionReplaceDialog::replaceText() const
{
    return m_replace->text();
}

Qt::CaseSensitivity CaptionReplaceDialog::sensitivity() const
{
    return m_matchCase->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive;
}

} // namespace stills
