#include "aboutdialog.h"

#include "common/buildinfo.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QTextDocument>
#include <QVBoxLayout>

namespace stills {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Stills"));
    QString libraries;
    const auto versions = buildinfo::libraryVersions();
    for (const auto &[name, version] : versions)
        libraries += QStringLiteral("<tr><td>%1</td><td>%2</td></tr>").arg(name.toHtmlEscaped(), version.toHtmlEscaped());
    const QString html =
        tr("<h2>Stills %1</h2>"
           "<p>A fast desktop gallery for film stills and captioned image datasets.</p>"
           "<p><b>Runs on</b></p><table>%2</table>"
           "<p><b>Licence:</b> %3</p>")
            .arg(buildinfo::version().toHtmlEscaped(), libraries, buildinfo::license().toHtmlEscaped());
    QTextDocument plain;
    plain.setHtml(html);
    m_text = plain.toPlainText();

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon::fromTheme(QStringLiteral("stills")).pixmap(64, 64));
    auto *label = new QLabel(html, this);
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    layout->addWidget(label);
    layout->addWidget(buttons);
}

} // namespace stills
