// The `stills` executable: the window, or a subcommand when given one. Wiring only.
#include "catalog/catalog.h"
#include "commandline.h"
#include "mainwindow.h"

#include <QApplication>
#include <QMessageBox>

namespace {

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("Stills"));
    QCoreApplication::setOrganizationName(QStringLiteral("Stills"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STILLS_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));

    if (stills::cli::wantsCommandLine(arguments)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        return stills::cli::run(app.arguments());
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Stills"));

    const QString location = stills::cli::catalogArgument(app.arguments());
    auto url = stills::CatalogUrl::parse(location);
    auto catalog = url ? stills::Catalog::open(*url) : stills::Result<stills::CatalogPtr>(url.error());
    if (!catalog) {
        QMessageBox::critical(nullptr, QObject::tr("Stills"),
                              QObject::tr("The catalog could not be opened.\n\n%1").arg(catalog.error().message));
        return stills::cli::UsageOrFatal;
    }
    stills::MainWindow window(*catalog);
    window.show();
    return app.exec();
}
