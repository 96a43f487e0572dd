#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace stills {

// Asks what to find and what to put instead in the current captions of the selected shots, and
// whether case matters. It only asks: the window makes the edit (captioncommands::replaceInCaptions).
class CaptionReplaceDialog : public QDialog
{
    Q_OBJECT

public:
    CaptionReplaceDialog(qint64 shotCount, QWidget *parent = nullptr);

    QString findText() const;
    QString replaceText() const;
    Qt::CaseSensitivity sensitivity() const;

    // For tests.
    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }
    QCheckBox *matchCaseBox() const { return m_matchCase; }

private:
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_matchCase;
    QDialogButtonBox *m_buttons;
};

} // namespace stills
