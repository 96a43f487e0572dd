// The translations are complete: lupdate is run over the current sources into scratch copies of
// the .ts files, and the test fails while any entry is unfinished (a new or changed string) or
// vanished (a string the sources no longer have), listing each one. The fix:
//   cmake --build <build dir> --target update_translations
// then translate what Linguist shows as unfinished, and commit the .ts files.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

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
