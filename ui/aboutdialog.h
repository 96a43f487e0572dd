#pragma once

#include <QDialog>

namespace stills {

// Help ▸ About Stills: what it is, the version from the build, the Qt and library versions it
// runs on (selectable, for bug reports), and the licence.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    QString text() const { return m_text; } // what the dialog shows, as plain text (for tests)

private:
    QString m_text;
};

} // namespace stills
