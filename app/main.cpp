// The `stills` executable: the window, or a subcommand when given one. Wiring only.
#include "catalog/catalog.h"
#include "common/languages.h"
#include "common/settings.h"
#include "commandline.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
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

    // Absolute paths of existing files or folders (the desktop entry's %F, "Open With Stills" in a
    // file manager) open the window and import them; everything else is the command line's.
    QStringList toImport;
    for (qsizetype i = arguments.size() - 1; i >= 1; --i) {
        if (QDir::isAbsolutePath(arguments.at(i)) && QFileInfo::exists(arguments.at(i))
            && !arguments.at(i - 1).startsWith(u'-')) {
            toImport.prepend(arguments.at(i));
            arguments.removeAt(i);
        }
    }

    if (stills::cli::wantsCommandLine(arguments)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        // The system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), not the one chosen in Preferences:
        // a script sets the environment, and LANG=C gives the untranslated English texts.
        stills::languages::install(QString());
        return stills::cli::run(app.arguments());
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Stills"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("stills")));
    QGuiApplication::setDesktopFileName(QStringLiteral("invalid.example.Stills")); // installer/CMakeLists.txt
    const stills::Settings settings = stills::Settings::load();
    // The language chosen in Preferences, else the system's (LANG, LANGUAGE); before any window.
    stills::languages::install(settings.language);

    // The catalog: --catalog, else $STILLS_CATALOG, else the one the window had open last time,
    // else the embedded default in the user's data folder.
    QString location = stills::cli::catalogArgument(arguments);
    if (!stills::cli::hasCatalogArgument(arguments) && qEnvironmentVariableIsEmpty("STILLS_CATALOG")) {
        const QString last = QSettings().value(QStringLiteral("catalog/location")).toString();
        if (!last.isEmpty())
            location = last;
    }
    auto openAt = [](const QString &where) {
        auto url = stills::CatalogUrl::parse(where);
        return url ? stills::Catalog::open(*url) : stills::Result<stills::CatalogPtr>(url.error());
    };
    auto catalog = openAt(location);
    if (!catalog && location != stills::cli::catalogArgument(arguments)) {
        // The catalog remembered from last time is gone or unreachable: say so, and open the default.
        QMessageBox::warning(nullptr, QObject::tr("Stills"),
                             QObject::tr("The catalog used last time could not be opened; Stills opens the default "
                                         "catalog instead.\n\n%1")
                                 .arg(catalog.error().message));
        catalog = openAt(stills::cli::catalogArgument(arguments));
    }
    if (!catalog) {
        QMessageBox::critical(nullptr, QObject::tr("Stills"),
                              QObject::tr("The catalog could not be opened.\n\n%1").arg(catalog.error().message));
        return stills::cli::UsageOrFatal;
    }
    stills::MainWindow window(*catalog, settings.effectiveCacheFolder());
    window.show();
    // One import after the other; each is idempotent, so opening known files again adds nothing.
    auto importNext = [&window, &toImport] {
        if (!toImport.isEmpty() && !window.isImporting())
            window.importFolder(toImport.takeFirst());
    };
    QObject::connect(&window, &stills::MainWindow::importFinished, &window, importNext, Qt::QueuedConnection);
    importNext();
    return app.exec();
}
