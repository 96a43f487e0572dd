#include "tageditdialog.h"

#include "catalog/tagrepository.h"
#include "tagcompleter.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QVBoxLayout>

namespace stills {

TagEditDialog::TagEditDialog(const QStringList &existingPaths, qsizetype shotCount, Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_existing(existingPaths)
    , m_mode(mode)
    , m_edit(new QLineEdit(this))
    , m_completer(new TagCompleter(existingPaths, m_edit))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    const int n = int(shotCount);
    setWindowTitle(mode == Mode::Add ? tr("Add Tags") : tr("Remove Tags"));
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(mode == Mode::Add ? tr("Add tags to %n shot(s):", nullptr, n)
                                                 : tr("Remove tags from %n shot(s):", nullptr, n),
                               this);
    layout->addWidget(heading);
    m_edit->setPlaceholderText(tr("Lighting/Low key, Places/Paris"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(360);
    heading->setBuddy(m_edit);
    layout->addWidget(m_edit);
    auto *hint = new QLabel(tr("Separate tags with commas; use / for levels."), this);
    hint->setEnabled(false);
    layout->addWidget(hint);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    layout->addWidget(m_problem);
    m_buttons->button(QDialogButtonBox::Ok)->setText(mode == Mode::Add ? tr("Add") : tr("Remove"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QLineEdit::textChanged, this, &TagEditDialog::updateState);
    updateState();
}

std::optional<QStringList> TagEditDialog::ask(QWidget *parent, const QStringList &existingPaths, qsizetype shotCount,
                                              Mode mode)
{
    TagEditDialog dialog(existingPaths, shotCount, mode, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.paths();
}

QStringList TagEditDialog::paths() const
{
    return TagCompleter::parse(m_edit->text(), m_existing);
}

QString TagEditDialog::problem() const
{
    const QStringList entries = paths();
    if (entries.isEmpty())
        return tr("Type at least one tag.");
    for (const QString &path : entries) {
        for (const QString &part : TagRepository::splitPath(path)) {
            if (TagRepository::slugify(part).isEmpty())
                return tr("The tag \"%1\" needs at least one letter or digit.").arg(part);
        }
    }
    if (m_mode == Mode::Remove) {
        const QSet<QString> known(m_existing.cbegin(), m_existing.cend());
        for (const QString &path : entries) {
            if (!known.contains(path))
                return tr("None of these shots carries the tag \"%1\".").arg(path);
        }
    }
    return {};
}

bool TagEditDialog::canAccept() const
{
    return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void TagEditDialog::updateState()
{
    const QString why = problem();
    // An empty line is not worth a message; it only keeps the button off.
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty() && !m_edit->text().trimmed().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace stills
