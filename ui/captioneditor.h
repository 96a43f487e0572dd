#pragma once

#include "catalog/catalog.h"
#include "catalogcommand.h"
#include "domain/caption.h"

#include <QList>
#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QThreadPool;
class QUndoStack;

namespace stills {

// The caption of the current shot in the inspector: its text to edit (Save, Ctrl+Return, stores a
// new version typed by hand), the number of words and an estimate of CLIP tokens, and the history
// of versions, newest first, any of which can be made current again (Restore).
//
// Reads run on the window's edit pool (one thread, so a read made after an edit sees it); saving
// and restoring are CatalogCommands pushed on the window's undo stack and run through its runner.
// The window calls setShot() whenever the inspector changes (also after each edit, which reloads
// the history); text being typed is kept across such reloads of the same shot, and saved as a new
// version typed by hand (undoable, like Save) when another shot or a selection is chosen.
//
// Thread contract: GUI thread only.
class CaptionEditor : public QWidget
{
    Q_OBJECT

public:
    // CLIP's text encoder reads 77 tokens (start and end markers included) and cuts the rest.
    static constexpr int ClipTokenLimit = 77;

    struct TextCount {
        int words = 0;
        int tokens = 0; // estimated CLIP tokens, the start and end markers included
    };
    // Words are runs of letters, digits and apostrophes. CLIP's tokenizer is a byte-pair encoding
    // over lower-cased text: frequent English words are one token, rarer and longer ones two or
    // three, and each punctuation mark is a token of its own. The estimate is
    //   2 (start, end) + ceil(1.3 × words) + punctuation marks,
    // which for ordinary caption prose lands within a few tokens of the real count; it is a
    // warning, not a tokenizer.
    static TextCount countText(const QString &text);

    explicit CaptionEditor(QWidget *parent = nullptr);

    // Where to read and how to edit; `pool` and `undo` are the window's and outlive this widget.
    void setEditPath(CatalogPtr catalog, QThreadPool *pool, QUndoStack *undo, CatalogCommand::Runner run);

    // One shot to show and edit (reloads it when it is the one shown).
    void setShot(qint64 shotId);
    // No shot (count 0) or several: the editor is disabled and says why.
    void showSelection(qint64 count);

    // The caption of `shotId` as a generator writes it (shown when it is the shot shown and no
    // typed text would be overwritten).
    void showPartial(qint64 shotId, const QString &textSoFar);

    // Stores the text as a new version typed by hand (undoable). False when there is nothing to
    // store (no shot, no change).
    bool save();
    // Stores text typed and not saved yet as a new version typed by hand (undoable), as choosing
    // another shot does; the window calls it before closing or switching catalogs.
    void keepTyped();
    // Makes the version chosen in the history current again (undoable).
    bool restoreChosen();

    // For tests.
    qint64 shotId() const { return m_shotId; }
    bool isLoading() const { return m_loading > 0; }
    bool isModified() const;
    QPlainTextEdit *textEdit() const { return m_text; }
    QListWidget *historyView() const { return m_history; }
    QLabel *countLabel() const { return m_count; }
    const QList<Caption> &history() const { return m_versions; }

Q_SIGNALS:
    void loaded(); // the history of the shot shown was read

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    qint64 currentVersionId() const; // 0: no caption yet
    void reload();
    void onLoaded(qint64 shotId, const QList<Caption> &versions);
    void updateCount();
    void updateState();
    void showChosenVersion();
    QString describe(const Caption &caption) const;

    CatalogPtr m_catalog;
    QThreadPool *m_pool = nullptr;
    QUndoStack *m_undo = nullptr;
    CatalogCommand::Runner m_run;

    qint64 m_shotId = 0;
    quint64 m_generation = 0; // the newest read wins
    int m_loading = 0;
    QList<Caption> m_versions; // newest first
    QString m_loadedText;      // the current caption as read (or streamed)
    bool m_streaming = false;

    QLabel *m_note;
    QPlainTextEdit *m_text;
    QLabel *m_count;
    QPushButton *m_save;
    QListWidget *m_history;
    QLabel *m_version;
    QPushButton *m_restore;
};

} // namespace stills
