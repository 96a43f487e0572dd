// The `stills` executable: the window, or a subcommand when given one. Wiring only.
#include "catalog/catalog.h"
#include "common/languages.h"
#include "common/settings.h"
#include "commandline.h"
#include "mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QSettings>

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

    // libpng and libjpeg comment on every odd file ("known incorrect sRGB profile"); what matters
    // to the user is reported per file by Stills itself.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.gui.imageio.warning=false"));

    if (stills::cli::wantsCommandLine(arguments)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        return stills::cli::run(app.arguments());
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Stills"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("stills")));
    const stills::Settings settings = stills::Settings::load();
    // The language chosen in Preferences, else the system's (LANG, LANGUAGE); before any window.
    stills::languages::install(settings.language);

    // The catalog: --catalog, else $STILLS_CATALOG, else the one the window had open last time,
    // else the embedded default in the user's data folder.
    QString location = stills::cli::catalogArgument(app.arguments());
    if (!stills::cli::hasCatalogArgument(app.arguments()) && qEnvironmentVariableIsEmpty("STILLS_CATALOG")) {
        const QString last = QSettings().value(QStringLiteral("catalog/location")).toString();
        if (!last.isEmpty())
            location = last;
    }
    auto openAt = [](const QString &where) {
        auto url = stills::CatalogUrl::parse(where);
        return url ? stills::Catalog::open(*url) : stills::Result<stills::CatalogPtr>(url.error());
    };
    auto catalog = openAt(location);
    if (!catalog && location != stills::cli::catalogArgument(app.arguments())) {
        // The catalog remembered from last time is gone or unreachable: say so, and open the default.
        QMessageBox::warning(nullptr, QObject::tr("Stills"),
                             QObject::tr("The catalog used last time could not be opened; Stills opens the default "
                                         "catalog instead.\n\n%1")
                                 .arg(catalog.error().message));
        catalog = openAt(stills::cli::catalogArgument(app.arguments()));
    }
    if (!catalog) {
        QMessageBox::critical(nullptr, QObject::tr("Stills"),
                              QObject::tr("The catalog could not be opened.\n\n%1").arg(catalog.error().message));
        return stills::cli::UsageOrFatal;
    }
    stills::MainWindow window(*catalog, settings.effectiveCacheFolder());
    window.show();
    return app.exec();
}
