// Preferences, About and languages, offscreen: settings round-trip through QSettings, the API key
// stays out of Stills.conf in a private file, a bad catalog URL answers with a clear message
// (bounded, no hang), the cache can be cleared, and the window starts in German and French.
#include "aboutdialog.h"
#include "catalog/catalog.h"
#include "common/buildinfo.h"
#include "common/languages.h"
#include "common/settings.h"
#include "imaging/thumbnaildiskcache.h"
#include "mainwindow.h"
#include "preferencesdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace stills;

namespace {

// The top-level menu titles of a window built now, in the language installed now.
QStringList menuTitles()
{
    auto catalog = Catalog::open(CatalogUrl::sqliteInMemory());
    if (!catalog)
        return {catalog.error().message};
    QTemporaryDir cache;
    MainWindow window(*catalog, cache.path());
    QStringList titles;
    const auto actions = window.menuBar()->actions();
    for (const QAction *action : actions)
        titles.append(action->text());
    return titles;
}

Settings sample()
{
    Settings s;
    s.catalogLocation = QStringLiteral("postgresql://team@db.example.invalid:5433/stills");
    s.cacheFolder = QStringLiteral("/tmp/stills-cache-test");
    s.cacheLimitMiB = 777;
    s.workerCount = 3;
    s.language = QStringLiteral("fr");
    s.writeSidecars = false;
    s.caption.generator = CaptionSettings::Generator::OpenAiServer;
    s.caption.serverUrl = QStringLiteral("http://gpu-box:8000/v1");
    s.caption.model = QStringLiteral("llava-13b");
    s.caption.promptTemplate = QStringLiteral("One line about {file}:\nlight, place, framing.");
    s.caption.torchModelPath = QStringLiteral("/models/captioner.pt");
    s.caption.inputSize = 384;
    s.caption.mean = {0.5, 0.25, 0.125};
    s.caption.std = {0.2, 0.3, 0.4};
    return s;
}

} // namespace

class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QSettings().clear();
        QFile::remove(Settings::secretsFile());
        languages::install(QStringLiteral("en"));
    }

    void defaultsWhenNothingIsStored()
    {
        const Settings s = Settings::load();
        QCOMPARE(s, Settings());
        QVERIFY(s.effectiveWorkerCount() >= 1);
        QVERIFY(!s.effectiveCacheFolder().isEmpty());
    }

    void roundTripThroughQSettings()
    {
        const Settings s = sample();
        QVERIFY(s != Settings());
        QVERIFY(s.save().ok());
        QCOMPARE(Settings::load(), s);
        // And through a file read by a fresh QSettings, as the next start would.
        QSettings reread(QSettings().fileName(), QSettings::IniFormat);
        QCOMPARE(Settings::load(reread), s);
    }

    void roundTripThroughTheDialog()
    {
        const Settings s = sample();
        PreferencesDialog dialog(Settings{});
        dialog.setSettings(s);
        QCOMPARE(dialog.settings(), s);
        dialog.setApiKey(QStringLiteral("sk-test-123"));
        QVERIFY(dialog.save());
        QCOMPARE(Settings::load(), s);

        // The key is in its own file, private, and nowhere in Stills.conf.
        QCOMPARE(Settings::captionApiKey().value(), QStringLiteral("sk-test-123"));
        const QFile::Permissions permissions = QFile::permissions(Settings::secretsFile());
        QCOMPARE(permissions & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions());
        QFile conf(QSettings().fileName());
        QVERIFY(conf.open(QIODevice::ReadOnly));
        QVERIFY(!conf.readAll().contains("sk-test-123"));

        // A new dialog shows what was saved.
        PreferencesDialog again(Settings::load());
        QCOMPARE(again.settings(), s);
        QCOMPARE(again.apiKey(), QStringLiteral("sk-test-123"));

        // Clearing the key removes it.
        again.setApiKey(QString());
        QVERIFY(again.save());
        QCOMPARE(Settings::captionApiKey().value(), QString());
    }

    // Three generators, each with its own page; the TorchScript page holds the model's settings.
    void generatorPages_data()
    {
        QTest::addColumn<int>("generator");
        QTest::addColumn<QString>("page");
        QTest::newRow("builtin") << int(CaptionSettings::Generator::BuiltIn) << QStringLiteral("builtinPage");
        QTest::newRow("openai") << int(CaptionSettings::Generator::OpenAiServer) << QStringLiteral("serverPage");
        QTest::newRow("torchscript") << int(CaptionSettings::Generator::TorchScript) << QStringLiteral("torchscriptPage");
    }

    void generatorPages()
    {
        QFETCH(int, generator);
        QFETCH(QString, page);
        Settings s = sample();
        s.caption.generator = static_cast<CaptionSettings::Generator>(generator);
        PreferencesDialog dialog(Settings{});
        auto *combo = dialog.findChild<QComboBox *>(QStringLiteral("generator"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), 3);
        dialog.setSettings(s);
        QCOMPARE(dialog.settings(), s);
        auto *pages = dialog.findChild<QStackedWidget *>(QStringLiteral("generatorPages"));
        QVERIFY(pages);
        QCOMPARE(pages->currentWidget()->objectName(), page);
        // The model's file and size are on the TorchScript page, and only there.
        auto *model = dialog.findChild<QLineEdit *>(QStringLiteral("torchModel"));
        auto *size = dialog.findChild<QSpinBox *>(QStringLiteral("inputSize"));
        QVERIFY(model && size);
        QCOMPARE(model->text(), s.caption.torchModelPath);
        QCOMPARE(size->value(), s.caption.inputSize);
        auto *torchPage = dialog.findChild<QWidget *>(QStringLiteral("torchscriptPage"));
        QVERIFY(torchPage);
        QVERIFY(torchPage->isAncestorOf(model));
        QVERIFY(torchPage->isAncestorOf(size));
        QVERIFY(!dialog.findChild<QWidget *>(QStringLiteral("serverPage"))->isAncestorOf(model));
        // Choosing another generator in the combo box shows its page and is what is saved.
        combo->setCurrentIndex(combo->findData(int(CaptionSettings::Generator::TorchScript)));
        QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("torchscriptPage"));
        QCOMPARE(dialog.settings().caption.generator, CaptionSettings::Generator::TorchScript);
        QVERIFY(dialog.save());
        QCOMPARE(Settings::load().caption.generator, CaptionSettings::Generator::TorchScript);
    }

    // Files written before the model-free composer existed said "builtin" for the TorchScript model.
    void oldGeneratorNames_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("modelPath");
        QTest::addColumn<bool>("oldFile");
        QTest::addColumn<int>("expected");
        const QString model = QStringLiteral("/models/tagger.pt");
        QTest::newRow("old builtin with a model") << QStringLiteral("builtin") << model << true
                                                  << int(CaptionSettings::Generator::TorchScript);
        QTest::newRow("old builtin without a model") << QStringLiteral("builtin") << QString() << true
                                                     << int(CaptionSettings::Generator::BuiltIn);
        QTest::newRow("old openai") << QStringLiteral("openai") << model << true
                                    << int(CaptionSettings::Generator::OpenAiServer);
        QTest::newRow("new builtin with a model") << QStringLiteral("builtin") << model << false
                                                  << int(CaptionSettings::Generator::BuiltIn);
        QTest::newRow("new torchscript") << QStringLiteral("torchscript") << model << false
                                         << int(CaptionSettings::Generator::TorchScript);
    }

    void oldGeneratorNames()
    {
        QFETCH(QString, stored);
        QFETCH(QString, modelPath);
        QFETCH(bool, oldFile);
        QFETCH(int, expected);
        Settings written;
        written.caption.torchModelPath = modelPath;
        written.caption.generator = CaptionSettings::Generator::BuiltIn;
        QSettings settings;
        written.save(settings);
        settings.setValue(QStringLiteral("caption/generator"), stored);
        if (oldFile)
            settings.remove(QStringLiteral("caption/generatorNames"));
        QCOMPARE(int(Settings::load(settings).caption.generator), expected);
    }

    void badValuesAreRefusedOrClamped()
    {
        QSettings settings;
        settings.setValue(QStringLiteral("workers/count"), 100000);
        settings.setValue(QStringLiteral("cache/limitMiB"), -5);
        settings.setValue(QStringLiteral("caption/mean"), QStringLiteral("1, two, 3"));
        settings.setValue(QStringLiteral("caption/generator"), QStringLiteral("nonsense"));
        const Settings s = Settings::load(settings);
        QCOMPARE(s.workerCount, 64);
        QCOMPARE(s.cacheLimitMiB, 0);
        QCOMPARE(s.caption.mean, CaptionSettings().mean);
        QCOMPARE(s.caption.generator, CaptionSettings::Generator::BuiltIn);
    }

    void testConnection_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("expected");
        QTest::newRow("refused port") << QStringLiteral("postgresql://nobody@127.0.0.1:1/stills") << false
                                      << QStringLiteral("Connection failed");
        QTest::newRow("unknown host") << QStringLiteral("postgresql://nobody@no-such-host.invalid:5432/stills")
                                      << false << QStringLiteral("Connection failed");
        QTest::newRow("not a URL") << QStringLiteral("mysql://somewhere/db") << false
                                   << QStringLiteral("Not a catalog location");
        QTest::newRow("new sqlite file") << QStringLiteral("sqlite:///%1/new/catalog.db") << true
                                         << QStringLiteral("no catalog file there yet");
    }

    void testConnection()
    {
        QFETCH(QString, location);
        QFETCH(bool, ok);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        if (location.contains(u"%1"))
            location = location.arg(dir.path());
        PreferencesDialog dialog(Settings{});
        dialog.catalogEdit()->setText(location);
        QSignalSpy tested(&dialog, &PreferencesDialog::connectionTested);
        QElapsedTimer clock;
        clock.start();
        dialog.testConnection();
        // Bounded: the PostgreSQL connect timeout is 5 s; the dialog must answer well within this.
        QVERIFY2(tested.wait(20000), "no answer from Test Connection");
        QCOMPARE(tested.first().at(0).toBool(), ok);
        const QString message = tested.first().at(1).toString();
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(dialog.connectionLabel()->text(), message);
        // Nothing was created by testing.
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("new/catalog.db"))));
        qInfo("%s answered in %lld ms: %s", qPrintable(location), clock.elapsed(), qPrintable(message));
    }

    void testConnectionToASilentServer()
    {
        // A server that accepts the TCP connection and never answers: only the connect timeout
        // ends the wait. The dialog stays responsive meanwhile and then says what happened.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        PreferencesDialog dialog(Settings{});
        dialog.catalogEdit()->setText(
            QStringLiteral("postgresql://nobody@127.0.0.1:%1/stills").arg(silent.serverPort()));
        QSignalSpy tested(&dialog, &PreferencesDialog::connectionTested);
        QElapsedTimer clock;
        clock.start();
        dialog.testConnection();
        QVERIFY(dialog.isTesting());
        QCOMPARE(dialog.connectionLabel()->text(), QStringLiteral("Connecting…"));
        QVERIFY2(tested.wait(30000), "Test Connection hung on a silent server");
        QCOMPARE(tested.first().at(0).toBool(), false);
        const QString message = tested.first().at(1).toString();
        QVERIFY2(message.startsWith(QStringLiteral("Connection failed")), qPrintable(message));
        qInfo("silent server answered in %lld ms: %s", clock.elapsed(), qPrintable(message));
    }

    void testConnectionToAnExistingCatalog()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("catalog.db"));
        QVERIFY(Catalog::open(CatalogUrl::sqlite(file)).ok());
        PreferencesDialog dialog(Settings{});
        dialog.catalogEdit()->setText(file);
        QSignalSpy tested(&dialog, &PreferencesDialog::connectionTested);
        dialog.testConnection();
        QVERIFY(tested.wait(20000));
        QVERIFY(tested.first().at(0).toBool());
        QVERIFY(tested.first().at(1).toString().contains(QStringLiteral("Connected: a Stills catalog")));
    }

    void invalidCatalogIsNotSaved()
    {
        PreferencesDialog dialog(Settings{});
        dialog.catalogEdit()->setText(QStringLiteral("mysql://x/y"));
        QTimer::singleShot(0, [] {
            // The warning box: dismiss it.
            for (QWidget *w : QApplication::topLevelWidgets())
                if (w->inherits("QMessageBox") && w->isVisible())
                    w->close();
        });
        QVERIFY(!dialog.save());
        QCOMPARE(Settings::load().catalogLocation, QString());
    }

    void clearAndTrimTheDiskCache()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("thumbnails/256/ab"));
        QVERIFY(QDir().mkpath(root));
        for (int i = 0; i < 10; ++i) {
            QFile file(root + QStringLiteral("/%1.jpg").arg(i));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(1000, 'x'));
            file.close();
            // Oldest first: file 0 is the least recently modified.
            QVERIFY(file.open(QIODevice::ReadWrite));
            QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(-1000 + i), QFileDevice::FileModificationTime));
        }
        QFile other(dir.filePath(QStringLiteral("keep-me.txt")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.close();
        QCOMPARE(ThumbnailDiskCache::usage(dir.path()).files, 10);
        QCOMPARE(ThumbnailDiskCache::usage(dir.path()).bytes, 10000);

        auto trimmed = ThumbnailDiskCache::trim(dir.path(), 6500);
        QVERIFY(trimmed.ok());
        QCOMPARE(trimmed->files, 4);
        QVERIFY(!QFileInfo::exists(root + QStringLiteral("/0.jpg")));
        QVERIFY(QFileInfo::exists(root + QStringLiteral("/9.jpg")));

        Settings s;
        s.cacheFolder = dir.path();
        PreferencesDialog dialog(s);
        QSignalSpy cleared(&dialog, &PreferencesDialog::cacheCleared);
        dialog.clearCache();
        QVERIFY(cleared.wait(20000));
        QVERIFY2(cleared.first().at(0).toString().contains(QStringLiteral("Removed 6 thumbnails")),
                 qPrintable(cleared.first().at(0).toString()));
        QCOMPARE(ThumbnailDiskCache::usage(dir.path()).files, 0);
        QVERIFY(other.exists()); // only thumbnails/ is touched
    }

    void aboutShowsVersionsAndLicence()
    {
        AboutDialog about;
        const QString text = about.text();
        QVERIFY2(text.contains(QStringLiteral("Stills " STILLS_VERSION)), qPrintable(text));
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(QStringLiteral("Exiv2")));
        QVERIFY(text.contains(QStringLiteral("libarchive")));
        QVERIFY(text.contains(buildinfo::license()));
        QVERIFY(!buildinfo::license().isEmpty());
    }

    void reachableFromTheMenus()
    {
        auto catalog = Catalog::open(CatalogUrl::sqliteInMemory());
        QVERIFY(catalog.ok());
        QTemporaryDir cache;
        MainWindow window(*catalog, cache.path());
        QAction *preferences = nullptr;
        QAction *about = nullptr;
        const auto menus = window.menuBar()->actions();
        for (const QAction *menu : menus) {
            const auto items = menu->menu()->actions();
            for (QAction *item : items) {
                if (menu->text() == u"&Edit" && item->shortcut() == QKeySequence(QStringLiteral("Ctrl+,")))
                    preferences = item;
                if (menu->text() == u"&Help" && item->text() == u"&About Stills")
                    about = item;
            }
        }
        QVERIFY2(preferences, "no Edit ▸ Preferences with Ctrl+,");
        QVERIFY2(about, "no Help ▸ About Stills");
        // Both open a modal dialog: close it as soon as it shows.
        for (QAction *action : {preferences, about}) {
            bool shown = false;
            QTimer::singleShot(0, [&shown] {
                if (QWidget *dialog = QApplication::activeModalWidget()) {
                    shown = dialog->inherits("stills::PreferencesDialog") || dialog->inherits("stills::AboutDialog");
                    dialog->close();
                }
            });
            action->trigger();
            QVERIFY2(shown, qPrintable(action->text()));
        }
    }

    void startsInGermanAndFrench_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("menus");
        QTest::newRow("en") << QStringLiteral("en")
                            << QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"), QStringLiteral("&View"),
                                           QStringLiteral("&Shot"), QStringLiteral("&Photoset"),
                                           QStringLiteral("&Help")};
        QTest::newRow("de") << QStringLiteral("de")
                            << QStringList{QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                                           QStringLiteral("&Ansicht"), QStringLiteral("A&ufnahme"),
                                           QStringLiteral("&Fotoserie"), QStringLiteral("&Hilfe")};
        QTest::newRow("fr") << QStringLiteral("fr")
                            << QStringList{QStringLiteral("&Fichier"), QStringLiteral("É&dition"),
                                           QStringLiteral("&Affichage"), QStringLiteral("&Cliché"),
                                           QStringLiteral("&Série"), QStringLiteral("Aid&e")};
    }

    void startsInGermanAndFrench()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, menus);
        QCOMPARE(languages::install(language), language);
        QCOMPARE(menuTitles(), menus);
    }

    void followsTheSystemLocale()
    {
        const QLocale saved;
        QLocale::setDefault(QLocale(QStringLiteral("fr_CA")));
        QCOMPARE(languages::resolve(QString()), QStringLiteral("fr"));
        QCOMPARE(languages::install(QString()), QStringLiteral("fr"));
        QCOMPARE(menuTitles().value(0), QStringLiteral("&Fichier"));
        QLocale::setDefault(QLocale(QStringLiteral("ja_JP")));
        QCOMPARE(languages::resolve(QString()), QStringLiteral("en")); // not translated: English
        QCOMPARE(languages::resolve(QStringLiteral("de")), QStringLiteral("de")); // the preference wins
        QLocale::setDefault(saved);
        languages::install(QStringLiteral("en"));
    }
};

int main(int argc, char *argv[])
{
    // Keep the user's real settings out of it: config, cache and data in a scratch home.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Stills"));
    QCoreApplication::setOrganizationName(QStringLiteral("Stills"));
    TestPreferences test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_preferences.moc"
