#include "photoseteditdialog.h"

#include "catalog/catalog.h"
#include "tagcompleter.h"

#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QUrl>
#include <QVBoxLayout>

namespace stills {

namespace {

QStringList splitPeople(const QString &text)
{
    QStringList people;
    for (const QString &part : text.split(u',')) {
        const QString name = part.simplified();
        if (!name.isEmpty() && !people.contains(name))
            people << name;
    }
    return people;
}

QString joinList(const QStringList &list)
{
    return list.join(QStringLiteral(", "));
}

} // namespace

PhotosetEditDialog::PhotosetEditDialog(const PhotosetEdit &edit, const QStringList &tagPaths,
                                       const QStringList &genres, QWidget *parent)
    : QDialog(parent)
    , m_original(edit)
    , m_tagPaths(tagPaths)
    , m_name(new QLineEdit(this))
    , m_title(new QLineEdit(this))
    , m_year(new QLineEdit(this))
    , m_date(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_genre(new QComboBox(this))
    , m_people(new QLineEdit(this))
    , m_tags(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_problems(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    const Photoset &p = edit.photoset;
    setWindowTitle(isNew() ? tr("New Photoset") : tr("Edit Photoset"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_name->setText(p.name);
    m_name->setPlaceholderText(tr("Required"));
    form->addRow(tr("&Name:"), m_name);
    m_title->setText(p.title);
    m_title->setPlaceholderText(tr("Film or shoot title"));
    form->addRow(tr("&Title:"), m_title);

    auto *when = new QHBoxLayout;
    m_year->setText(p.year > 0 ? QString::number(p.year) : QString());
    m_year->setPlaceholderText(tr("Year"));
    m_year->setMaxLength(4);
    m_year->setMaximumWidth(m_year->fontMetrics().horizontalAdvance(QStringLiteral("00000")) + 24);
    m_date->setText(p.date.isValid() ? p.date.toString(Qt::ISODate) : QString());
    m_date->setPlaceholderText(tr("YYYY-MM-DD"));
    auto *dateLabel = new QLabel(tr("&Date:"), this);
    dateLabel->setBuddy(m_date);
    when->addWidget(m_year);
    when->addWidget(dateLabel);
    when->addWidget(m_date, 1);
    form->addRow(tr("&Year:"), when);
    qobject_cast<QLabel *>(form->labelForField(when))->setBuddy(m_year);

    m_url->setText(p.sourceUrl);
    m_url->setPlaceholderText(tr("https://…"));
    form->addRow(tr("Source &URL:"), m_url);

    m_genre->setEditable(true);
    m_genre->addItem(QString());
    m_genre->addItems(genres);
    m_genre->setCurrentText(edit.genre);
    m_genre->lineEdit()->setPlaceholderText(tr("None"));
    m_genre->setInsertPolicy(QComboBox::NoInsert);
    m_genre->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    form->addRow(tr("&Genre:"), m_genre);

    m_people->setText(joinList(p.people));
    m_people->setPlaceholderText(tr("Names, separated by commas"));
    form->addRow(tr("&People:"), m_people);

    m_tags->setText(joinList(edit.tags));
    m_tags->setPlaceholderText(tr("Tags, separated by commas"));
    new TagCompleter(tagPaths, m_tags);
    form->addRow(tr("Ta&gs:"), m_tags);

    m_description->setPlainText(p.description);
    m_description->setTabChangesFocus(true);
    m_description->setMinimumHeight(m_description->fontMetrics().lineSpacing() * 4 + 12);
    form->addRow(tr("D&escription:"), m_description);
    layout->addLayout(form);

    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->setStyleSheet(QStringLiteral("color: #b3261e;"));
    layout->addWidget(m_problems);
    if (isNew())
        m_buttons->button(QDialogButtonBox::Save)->setText(tr("Create"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (problems().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *line : {m_name, m_year, m_date, m_url})
        connect(line, &QLineEdit::textChanged, this, &PhotosetEditDialog::updateState);
    setMinimumWidth(460);
    updateState();
}

std::optional<PhotosetEdit> PhotosetEditDialog::ask(QWidget *parent, const PhotosetEdit &edit,
                                                    const QStringList &tagPaths, const QStringList &genres)
{
    PhotosetEditDialog dialog(edit, tagPaths, genres, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.edit();
}

PhotosetEdit PhotosetEditDialog::edit() const
{
    PhotosetEdit e = m_original;
    Photoset &p = e.photoset;
    p.name = m_name->text().simplified();
    p.title = m_title->text().simplified();
    p.year = m_year->text().trimmed().toInt();
    p.date = QDate::fromString(m_date->text().trimmed(), Qt::ISODate);
    p.sourceUrl = m_url->text().trimmed();
    p.description = m_description->toPlainText().trimmed();
    p.people = splitPeople(m_people->text());
    e.tags = TagCompleter::parse(m_tags->text(), m_tagPaths);
    e.genre = m_genre->currentText().simplified();
    return e;
}

QStringList PhotosetEditDialog::problems() const
{
    QStringList problems;
    if (m_name->text().trimmed().isEmpty())
        problems << tr("A photoset needs a name.");
    const QString yearText = m_year->text().trimmed();
    const int latestYear = QDate::currentDate().year() + 1;
    int year = 0;
    if (!yearText.isEmpty()) {
        bool ok = false;
        year = yearText.toInt(&ok);
        if (!ok || year < EarliestYear || year > latestYear) {
            problems << tr("The year must be between %1 and %2, or empty when unknown.").arg(EarliestYear).arg(latestYear);
            year = 0;
        }
    }
    const QString dateText = m_date->text().trimmed();
    if (!dateText.isEmpty()) {
        const QDate date = QDate::fromString(dateText, Qt::ISODate);
        if (!date.isValid())
            problems << tr("The date must be a real day written as YYYY-MM-DD, like 1962-04-27.");
        else if (year != 0 && date.year() != year)
            problems << tr("The date is in %1 but the year says %2.").arg(date.year()).arg(year);
    }
    const QString urlText = m_url->text().trimmed();
    if (!urlText.isEmpty()) {
        const QUrl url(urlText, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != u"http" && scheme != u"https") || url.host().isEmpty())
            problems << tr("The source URL must be a web address starting with http:// or https://, "
                           "like https://example.com/film.");
    }
    return problems;
}

void PhotosetEditDialog::updateState()
{
    const QStringList list = problems();
    // Say what is wrong only once the user has typed something wrong, not for an empty new set.
    const bool untouched = isNew() && m_name->text().isEmpty() && list.size() == 1;
    m_problems->setText(untouched ? QString() : list.join(u'\n'));
    m_problems->setVisible(!untouched && !list.isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(list.isEmpty());
}

QList<ConflictDialog::Field> PhotosetEditDialog::conflictFields(const PhotosetEdit &mine, const PhotosetEdit &theirs)
{
    auto year = [](int y) { return y > 0 ? QString::number(y) : QString(); };
    auto date = [](const QDate &d) { return d.isValid() ? d.toString(Qt::ISODate) : QString(); };
    const Photoset &m = mine.photoset;
    const Photoset &t = theirs.photoset;
    return ConflictDialog::differing({
        {tr("Name"), t.name, m.name},
        {tr("Title"), t.title, m.title},
        {tr("Year"), year(t.year), year(m.year)},
        {tr("Date"), date(t.date), date(m.date)},
        {tr("Source URL"), t.sourceUrl, m.sourceUrl},
        {tr("Genre"), theirs.genre, mine.genre},
        {tr("People"), joinList(t.people), joinList(m.people)},
        {tr("Tags"), joinList(theirs.tags), joinList(mine.tags)},
        {tr("Description"), t.description, m.description},
    });
}

ConflictDialog::Choice PhotosetEditDialog::resolveConflict(QWidget *parent, const PhotosetEdit &mine,
                                                           const PhotosetEdit &theirs, PhotosetEdit *toSave)
{
    const QString what = tr("the photoset \u201c%1\u201d").arg(theirs.photoset.name);
    const ConflictDialog::Choice choice = ConflictDialog::ask(parent, what, conflictFields(mine, theirs));
    if (choice == ConflictDialog::Choice::OverwriteMine && toSave) {
        *toSave = mine;
        toSave->photoset.version = theirs.photoset.version;
    }
    return choice;
}

Result<qint64> PhotosetEditDialog::saveResolvingConflicts(QWidget *parent, const Catalog &catalog, PhotosetEdit edit)
{
    for (;;) {
        auto saved = PhotosetEdits::save(catalog, edit);
        if (saved || saved.error().code != Error::Code::Conflict)
            return saved;
        auto theirs = PhotosetEdits::load(catalog, edit.photoset.id);
        if (!theirs)
            return theirs.error();
        if (resolveConflict(parent, edit, *theirs, &edit) != ConflictDialog::Choice::OverwriteMine)
            return Error{Error::Code::Cancelled, tr("The photoset was left as the other person saved it.")};
    }
}

} // namespace stills
