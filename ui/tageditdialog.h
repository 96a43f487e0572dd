#pragma once

// How to wire: on "Add Tags…" / "Remove Tags…" for the selection,
//     if (auto paths = TagEditDialog::ask(this, allTagPaths, selection.size(), TagEditDialog::Mode::Add))
//         push an undo command that runs Curator::tag(ids, *paths, {}) off the GUI thread;
// for Remove pass the tags the selection carries as `existingPaths` and use Curator::tag(ids, {}, *paths).

#include <QDialog>
#include <QStringList>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace stills {

class TagCompleter;

// "Add tags to N shots" / "Remove tags from N shots": one line of comma-separated tag paths with
// completion over the existing paths. In Remove mode only existing paths are accepted.
// GUI thread only; it runs no SQL (the caller passes the paths in).
class TagEditDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Remove };

    TagEditDialog(const QStringList &existingPaths, qsizetype shotCount, Mode mode, QWidget *parent = nullptr);

    // Runs the dialog; the clean paths (see TagCompleter::parse), or nullopt when cancelled.
    static std::optional<QStringList> ask(QWidget *parent, const QStringList &existingPaths, qsizetype shotCount,
                                          Mode mode = Mode::Add);

    QStringList paths() const;
    // Why the current text cannot be accepted, in words; empty when it can.
    QString problem() const;
    // Whether OK is enabled (the text names at least one acceptable tag).
    bool canAccept() const;

    QLineEdit *lineEdit() const { return m_edit; }
    TagCompleter *completer() const { return m_completer; }

private:
    void updateState();

    QStringList m_existing;
    Mode m_mode;
    QLineEdit *m_edit;
    TagCompleter *m_completer;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace stills
