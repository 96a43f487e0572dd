// The translations are complete: lupdate is run over the current sources into scratch copies of
// the .ts files, and the test fails while any entry is unfinished (a new or changed string) or
// vanished (a string the sources no longer have), listing each one. The fix:
//   cmake --build <build dir> --target update_translations
// then translate what Linguist shows as unfinished, and commit the .ts files.
#include "catalog/catalogurl.h"
#include "catalog/queryparser.h"
#include "common/languages.h"
#include "editcommands.h"
#include "exporting/exportrecipe.h"
#include "metadata/fileprobe.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUndoCommand>
#include <QXmlStreamReader>

#include <memory>

namespace {

struct Entry {
    QString context;
    QString source;
    QString state; // "unfinished", "vanished", "obsolete"
};

// Entries whose translation is not finished, from a .ts file.
QList<Entry> openEntries(const QString &tsFile, QString *error)
{
    QFile file(tsFile);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Entry> open;
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name")
            context = xml.readElementText();
        else if (xml.name() == u"source")
            source = xml.readElementText();
        else if (xml.name() == u"translation") {
            const QString type = xml.attributes().value(QStringLiteral("type")).toString();
            if (!type.isEmpty())
                open.append({context, source, type});
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return open;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data()
    {
        QTest::addColumn<QString>("tsFile");
        QTest::addColumn<bool>("pluralOnly");
        const QStringList files = QStringLiteral(STILLS_TS_FILES).split(u'|');
        for (const QString &file : files)
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file << false;
        QTest::newRow("stills_en.ts (plural forms)") << QStringLiteral(STILLS_TS_EN) << true;
    }

    void complete()
    {
        QFETCH(QString, tsFile);
        QFETCH(bool, pluralOnly);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QFileInfo(tsFile).fileName());
        QVERIFY2(QFile::copy(tsFile, copy), qPrintable(tsFile));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);

        QStringList arguments{QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none")};
        if (pluralOnly)
            arguments.append(QStringLiteral("-pluralonly"));
        arguments << QStringLiteral("@" STILLS_LUPDATE_SOURCES) << QStringLiteral("-ts") << copy;
        QProcess lupdate;
        lupdate.start(QStringLiteral(STILLS_LUPDATE), arguments);
        QVERIFY2(lupdate.waitForFinished(120000), "lupdate did not finish");
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
                 qPrintable(QString::fromLocal8Bit(lupdate.readAllStandardError())));

        QString error;
        const QList<Entry> open = openEntries(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList lines;
        for (const Entry &entry : open)
            lines.append(QStringLiteral("  [%1] %2: \"%3\"").arg(entry.state, entry.context, entry.source));
        if (!lines.isEmpty())
            qWarning().noquote() << QStringLiteral("%1 has %2 entries to finish:\n%3\nRun `cmake --build <build dir> "
                                                   "--target update_translations`, translate the unfinished "
                                                   "entries (Qt Linguist), and commit the .ts file.")
                                        .arg(QFileInfo(tsFile).fileName())
                                        .arg(lines.size())
                                        .arg(lines.join(u'\n'));
        QCOMPARE(lines.size(), 0);
    }

    // The program finds each text under the context lupdate filed it in: a text from each area, made
    // by the code that shows it, comes out in German and French. (A file-local tr() helper once put
    // its texts under the enclosing namespace while the program asked for another context.)
    void translatedAtRunTime_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("expected");
        QTest::newRow("de photoset undo text") << "de" << 0 << QStringLiteral("Fotoserie „Summer“ löschen");
        QTest::newRow("de plural undo text") << "de" << 1 << QStringLiteral("2 Aufnahmen zu „Summer“ hinzufügen");
        QTest::newRow("de export recipe store") << "de" << 2 << QStringLiteral("Es gibt kein Export-Rezept namens „nope“.");
        QTest::newRow("de catalog URL") << "de" << 3
                                        << QStringLiteral("Unbekannte Katalog-URL „mysql://…“: Verwenden Sie "
                                                          "sqlite:///path/catalog.db oder postgresql://user@host/db.");
        QTest::newRow("de query") << "de" << 4
                                  << QStringLiteral("Suche: flag:maybe ist unbekannt; verwenden Sie pick, reject oder "
                                                    "none bei Zeichen 6.");
        QTest::newRow("de file probe") << "de" << 5 << QStringLiteral("Die Datei ist leer");
        QTest::newRow("fr plural undo text") << "fr" << 1 << QStringLiteral("Ajouter 2 clichés à « Summer »");
        QTest::newRow("fr catalog URL") << "fr" << 3
                                        << QStringLiteral("URL de catalogue inconnue « mysql://… » : utilisez "
                                                          "sqlite:///path/catalog.db ou postgresql://user@host/db.");
        QTest::newRow("en plural undo text") << "en" << 1 << QStringLiteral("Add 2 Shots to \"Summer\"");
    }

    void translatedAtRunTime()
    {
        QFETCH(QString, language);
        QFETCH(int, which);
        QFETCH(QString, expected);
        QCOMPARE(stills::languages::install(language), language);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString text;
        switch (which) {
        case 0:
            text = std::unique_ptr<QUndoCommand>(stills::commands::deletePhotoset(1, QStringLiteral("Summer"), {}))->text();
            break;
        case 1:
            text = std::unique_ptr<QUndoCommand>(stills::commands::addToPhotoset(1, QStringLiteral("Summer"), {7, 8}, {}))
                       ->text();
            break;
        case 2:
            text = stills::ExportRecipeStore(dir.filePath(QStringLiteral("recipes.ini")))
                       .load(QStringLiteral("nope"))
                       .error()
                       .message;
            break;
        case 3:
            text = stills::CatalogUrl::parse(QStringLiteral("mysql://x@y/z")).error().message;
            break;
        case 4:
            text = stills::QueryParser::parse(QStringLiteral("flag:maybe")).error().message;
            break;
        case 5: {
            QFile empty(dir.filePath(QStringLiteral("empty.jpg")));
            QVERIFY(empty.open(QIODevice::WriteOnly));
            empty.close();
            text = stills::FileProber::probe(empty.fileName()).error;
            break;
        }
        }
        stills::languages::install(QStringLiteral("en"));
        QCOMPARE(text, expected);
    }

    void compiledIn_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("de") << QStringLiteral("de");
        QTest::newRow("fr") << QStringLiteral("fr");
        QTest::newRow("en") << QStringLiteral("en");
    }

    void compiledIn()
    {
        QFETCH(QString, code);
        QTranslator translator;
        QVERIFY2(translator.load(QStringLiteral(":/i18n/stills_%1.qm").arg(code)), qPrintable(code));
        QVERIFY(!translator.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTranslations)

#include "tst_translations.moc"
