#include "captioneditor.h"

#include "captioncommands.h"
#include "catalog/captionrepository.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QKeyEvent>
#include <QThreadPool>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace stills {

namespace {

constexpr int CaptionIdRole = Qt::UserRole + 1;

// A colour that reads as a warning on light and dark palettes alike.
const QString kWarningStyle = QStringLiteral("color: #d9480f; font-weight: bold;");

QString firstWords(const QString &text, int words)
{
    const QStringList parts = text.simplified().split(u' ', Qt::SkipEmptyParts);
    if (parts.size() <= words)
        return parts.join(u' ');
    return parts.mid(0, words).join(u' ') + QStringLiteral(" …");
}

} // namespace

CaptionEditor::TextCount CaptionEditor::countText(const QString &text)
{
    TextCount count;
    int punctuation = 0;
    bool inWord = false;
    for (const QChar c : text) {
        const bool wordChar = c.isLetterOrNumber() || c == u'\'' || c == QChar(0x2019);
        if (wordChar) {
            if (!inWord)
                ++count.words;
            inWord = true;
            continue;
        }
        inWord = false;
        if (!c.isSpace())
            ++punctuation;
    }
    count.tokens = 2 + int(std::ceil(count.words * 1.3)) + punctuation;
    return count;
}

CaptionEditor::CaptionEditor(QWidget *parent)
    : QWidget(parent)
    , m_note(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
    , m_count(new QLabel(this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_history(new QListWidget(this))
    , m_version(new QLabel(this))
    , m_restore(new QPushButton(tr("&Restore"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *heading = new QLabel(tr("<b>Caption</b>"), this);
    layout->addWidget(heading);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_note);

    m_text->setTabChangesFocus(true);
    m_text->setPlaceholderText(tr("No caption yet. Type one, or use Shot ▸ Caption Selected."));
    m_text->setToolTip(tr("The current caption; Ctrl+Return saves it as a new version"));
    m_text->setMinimumHeight(60);
    m_text->setMaximumHeight(150); // room for the inspector and the attributes above
    layout->addWidget(m_text, 2);

    auto *row = new QHBoxLayout;
    m_count->setWordWrap(true);
    row->addWidget(m_count, 1);
    m_save->setToolTip(tr("Store the text as a new version typed by hand (Ctrl+Return); Ctrl+Z undoes it"));
    row->addWidget(m_save, 0, Qt::AlignTop);
    layout->addLayout(row);

    layout->addWidget(new QLabel(tr("History"), this));
    m_history->setToolTip(tr("Every version of the caption, newest first; the current one is in bold"));
    m_history->setUniformItemSizes(true);
    m_history->setTextElideMode(Qt::ElideRight);
    m_history->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_history->setMinimumHeight(60);
    m_history->setMaximumHeight(130);
    layout->addWidget(m_history, 1);
    m_version->setWordWrap(true);
    m_version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_version);
    auto *restoreRow = new QHBoxLayout;
    restoreRow->addStretch(1);
    m_restore->setToolTip(tr("Make the chosen version the current caption again; Ctrl+Z undoes it"));
    restoreRow->addWidget(m_restore);
    layout->addLayout(restoreRow);
    layout->addStretch(1);

    connect(m_save, &QPushButton::clicked, this, &CaptionEditor::save);
    connect(m_restore, &QPushButton::clicked, this, &CaptionEditor::restoreChosen);
    m_text->installEventFilter(this); // Ctrl+Return saves
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        if (m_text->toPlainText() != m_loadedText)
            m_streaming = false; // typed into: the user's text from now on
        updateCount();
        updateState();
    });
    connect(m_history, &QListWidget::currentRowChanged, this, &CaptionEditor::showChosenVersion);

    showSelection(0);
}

void CaptionEditor::setEditPath(CatalogPtr catalog, QThreadPool *pool, QUndoStack *undo, CatalogCommand::Runner run)
{
    m_catalog = std::move(catalog);
    m_pool = pool;
    m_undo = undo;
    m_run = std::move(run);
    m_shotId = 0;
    showSelection(0);
}

qint64 CaptionEditor::currentVersionId() const
{
    for (const Caption &caption : m_versions)
        if (caption.current)
            return caption.id;
    return 0;
}

void CaptionEditor::keepTyped()
{
    // Text typed by hand and not saved is stored as the shot's new version (undoable) before the
    // editor moves on: choosing another shot never loses what was typed.
    if (m_shotId <= 0 || m_streaming || !isModified() || !m_undo || !m_run)
        return;
    const QString text = m_text->toPlainText().trimmed();
    const qint64 current = currentVersionId();
    if (text.isEmpty() || (current > 0 && text == m_loadedText.trimmed()))
        return;
    // Not "modified" any more before the command runs: pushing it refreshes the window, which
    // may come back here for the same text.
    m_loadedText = m_text->toPlainText();
    m_undo->push(captioncommands::editCaption(m_shotId, text, current, m_run));
}

void CaptionEditor::setShot(qint64 shotId)
{
    if (shotId != m_shotId) {
        keepTyped();
        m_shotId = shotId;
        m_versions.clear();
        m_history->clear();
        m_loadedText.clear();
        m_streaming = false;
        m_text->setPlainText(QString());
    }
    setEnabled(true);
    m_note->hide();
    reload();
}

void CaptionEditor::showSelection(qint64 count)
{
    keepTyped();
    ++m_generation; // a read still running is for a shot no longer shown
    m_shotId = 0;
    m_versions.clear();
    m_history->clear();
    m_loadedText.clear();
    m_streaming = false;
    m_text->setPlainText(QString());
    m_version->clear();
    const int shown = int(std::min<qint64>(count, 1'000'000'000));
    m_note->setText(count > 1 ? tr("%n shots selected: select one shot to edit its caption. Shot ▸ Caption Selected and "
                                   "Find and Replace in Captions work on the whole selection.",
                                   nullptr, shown)
                              : tr("Select a shot to see and edit its caption."));
    m_note->show();
    setEnabled(false);
    updateCount();
    updateState();
}

void CaptionEditor::reload()
{
    if (!m_catalog || !m_pool || m_shotId <= 0)
        return;
    const quint64 generation = ++m_generation;
    const qint64 shotId = m_shotId;
    const CatalogPtr catalog = m_catalog;
    ++m_loading;
    QtConcurrent::run(m_pool, [catalog, shotId] { return CaptionRepository(*catalog).history(shotId); })
        .then(this, [this, generation, shotId](const Result<QList<Caption>> &versions) {
            --m_loading;
            if (generation != m_generation)
                return;
            if (!versions) {
                m_note->setText(tr("The caption could not be read: %1").arg(versions.error().message));
                m_note->show();
                return;
            }
            onLoaded(shotId, *versions);
        });
}

void CaptionEditor::onLoaded(qint64 shotId, const QList<Caption> &versions)
{
    const qint64 chosen = m_history->currentItem() ? m_history->currentItem()->data(CaptionIdRole).toLongLong() : 0;
    const bool typing = isModified() && !m_streaming;
    m_versions = versions;
    QString currentText;
    const QSignalBlocker blocker(m_history);
    m_history->clear();
    const QLocale locale;
    for (const Caption &caption : versions) {
        //: A version in the caption history: %1 date and time, %2 where it came from, %3 its first words
        auto *item = new QListWidgetItem(tr("%1 · %2 · %3")
                                             .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(caption.createdMs),
                                                                  QLocale::ShortFormat),
                                                  describe(caption), firstWords(caption.text, 8)),
                                         m_history);
        item->setData(CaptionIdRole, caption.id);
        item->setToolTip(caption.text);
        if (caption.current) {
            QFont font = item->font();
            font.setBold(true);
            item->setFont(font);
            currentText = caption.text;
        }
        if (caption.id == chosen)
            m_history->setCurrentItem(item);
    }
    m_loadedText = currentText;
    m_streaming = false;
    if (!typing && m_text->toPlainText() != currentText)
        m_text->setPlainText(currentText);
    Q_UNUSED(shotId);
    showChosenVersion();
    updateCount();
    updateState();
    Q_EMIT loaded();
}

void CaptionEditor::showPartial(qint64 shotId, const QString &textSoFar)
{
    if (shotId != m_shotId || (isModified() && !m_streaming))
        return;
    m_streaming = true;
    m_loadedText = textSoFar;
    m_text->setPlainText(textSoFar);
    updateState();
}

bool CaptionEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Ctrl+Return (or Ctrl+Enter on the keypad) in the text box saves instead of adding a line.
    if (watched == m_text && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ControlModifier)) {
            save();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

bool CaptionEditor::isModified() const
{
    return m_text->toPlainText() != m_loadedText;
}

bool CaptionEditor::save()
{
    if (m_shotId <= 0 || !m_undo || !m_run)
        return false;
    const QString text = m_text->toPlainText().trimmed();
    const qint64 current = currentVersionId();
    if (text.isEmpty() || (current > 0 && text == m_loadedText.trimmed() && !m_streaming))
        return false;
    m_undo->push(captioncommands::editCaption(m_shotId, text, current, m_run));
    return true;
}

bool CaptionEditor::restoreChosen()
{
    const QListWidgetItem *item = m_history->currentItem();
    if (m_shotId <= 0 || !item || !m_undo || !m_run)
        return false;
    const qint64 chosen = item->data(CaptionIdRole).toLongLong();
    const qint64 current = currentVersionId();
    if (chosen == current)
        return false;
    m_undo->push(captioncommands::restoreCaption(m_shotId, chosen, current, m_run));
    return true;
}

void CaptionEditor::updateCount()
{
    const TextCount count = countText(m_text->toPlainText());
    const QString words = tr("%n word(s)", nullptr, count.words);
    if (count.tokens > ClipTokenLimit) {
        //: %1 words, %2 estimated tokens, %3 the limit (77)
        m_count->setText(tr("%1 · ≈ %2 CLIP tokens: over %3, CLIP reads only the beginning")
                             .arg(words)
                             .arg(count.tokens)
                             .arg(ClipTokenLimit));
        m_count->setStyleSheet(kWarningStyle);
    } else {
        m_count->setText(tr("%1 · ≈ %2 of %3 CLIP tokens").arg(words).arg(count.tokens).arg(ClipTokenLimit));
        m_count->setStyleSheet(QString());
    }
    m_count->setToolTip(tr("Estimated: 1.3 tokens a word, one per punctuation mark, plus the start and end markers"));
}

void CaptionEditor::updateState()
{
    const bool modified = isModified() && !m_streaming;
    m_save->setEnabled(m_shotId > 0 && !m_text->toPlainText().trimmed().isEmpty() && (modified || m_streaming));
    if (m_shotId > 0) {
        if (m_streaming)
            m_note->setText(tr("Being captioned…"));
        else if (modified)
            m_note->setText(tr("Not saved yet: Ctrl+Return saves."));
        m_note->setVisible(m_streaming || modified);
    }
}

void CaptionEditor::showChosenVersion()
{
    const QListWidgetItem *item = m_history->currentItem();
    const qint64 chosen = item ? item->data(CaptionIdRole).toLongLong() : 0;
    for (const Caption &caption : m_versions) {
        if (caption.id != chosen)
            continue;
        QString details = describe(caption);
        if (!caption.prompt.isEmpty())
            //: %1 where the caption came from, %2 the prompt a model was given
            details = tr("%1, prompt: %2").arg(details, caption.prompt);
        m_version->setText(QStringLiteral("<i>%1</i><br>%2").arg(details.toHtmlEscaped(), caption.text.toHtmlEscaped()));
        m_restore->setEnabled(!caption.current);
        return;
    }
    m_version->clear();
    m_restore->setEnabled(false);
}

QString CaptionEditor::describe(const Caption &caption) const
{
    if (caption.source == u"manual")
        return tr("typed");
    QString source = caption.source == u"builtin" ? tr("built-in") : caption.source;
    if (!caption.model.isEmpty())
        source += u' ' + caption.model;
    if (caption.editedByHand)
        //: %1 the generator (and model) that wrote the caption
        source = tr("%1, edited").arg(source);
    return source;
}

} // namespace stills
