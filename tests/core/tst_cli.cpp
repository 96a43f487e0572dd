// The command line as a user (or a script) meets it: the real binary, its output and exit codes.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kCorpus = QStringLiteral(STILLS_CORPUS_DIR);

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

using Environment = QList<std::pair<QString, QString>>;

// The environment of a user who reads `language` ("de": LANGUAGE=de, LC_ALL=LANG=de_DE.UTF-8).
Environment inLanguage(const QString &language)
{
    const QString locale = QStringLiteral("%1_%2.UTF-8").arg(language, language.toUpper());
    return {{QStringLiteral("LANGUAGE"), language}, {QStringLiteral("LC_ALL"), locale}, {QStringLiteral("LANG"), locale}};
}

// Runs the binary in CTest's environment (LC_ALL=C.UTF-8: English texts), changed by `environment`.
Run stills(const QStringList &arguments, const Environment &environment = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("STILLS_CATALOG"));
    for (const auto &[name, value] : environment)
        env.insert(name, value);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(STILLS_BINARY), arguments);
    Run r;
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QList<QJsonObject> jsonLines(const QString &text)
{
    QList<QJsonObject> objects;
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines)
        objects << QJsonDocument::fromJson(line.toUtf8()).object();
    return objects;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString catalog() const { return m_dir.filePath(QStringLiteral("cli.db")); }

private Q_SLOTS:
    void help_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--help") << QStringList{QStringLiteral("--help")} << 0 << "Usage: stills";
        QTest::newRow("-h") << QStringList{QStringLiteral("-h")} << 0 << "import PATH";
        QTest::newRow("version") << QStringList{QStringLiteral("--version")} << 0 << "stills 0.";
        QTest::newRow("import --help") << QStringList{QStringLiteral("import"), QStringLiteral("--help")} << 0 << "--dry-run";
        QTest::newRow("import --help usage") << QStringList{QStringLiteral("import"), QStringLiteral("--help")} << 0
                                             << "Usage: stills [--catalog URL] import [options] PATH";
        QTest::newRow("list --help") << QStringList{QStringLiteral("list"), QStringLiteral("--help")} << 0 << "--json";
        QTest::newRow("check --help") << QStringList{QStringLiteral("check"), QStringLiteral("-h")} << 0 << "--no-files";
        QTest::newRow("thumbnails --help") << QStringList{QStringLiteral("thumbnails"), QStringLiteral("--help")} << 0 << "--force";
        QTest::newRow("help lists caption") << QStringList{QStringLiteral("--help")} << 0 << "caption QUERY [--generator builtin|openai|torchscript]";
        QTest::newRow("caption --help") << QStringList{QStringLiteral("caption"), QStringLiteral("--help")} << 0 << "--only-unedited";
    }

    void help()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        const Run r = stills(arguments);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.out.contains(expected), qPrintable(r.out));
    }

    // The command line speaks the user's language: help, errors from the command line and from the
    // catalog; option names, syntax and --json output stay as they are.
    void translated_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("untranslated");
        const QString bad = QStringLiteral("mysql://x@y/z");
        QTest::newRow("de --help") << "de" << QStringList{QStringLiteral("--help")} << 0
                                   << "Importiert einen Ordner (rekursiv) oder ein Bild in eine Fotoserie."
                                   << "import PATH [--photoset NAME] [--dry-run] [--json]";
        QTest::newRow("de import --help") << "de" << QStringList{QStringLiteral("import"), QStringLiteral("--help")} << 0
                                          << "Importiert Bilder in den Katalog."
                                          << "stills [--catalog URL] import";
        QTest::newRow("de unknown command") << "de" << QStringList{QStringLiteral("frobnicate")} << 2
                                            << "unbekannter Befehl „frobnicate“" << "stills: ";
        QTest::newRow("de catalog error") << "de" << QStringList{QStringLiteral("--catalog"), bad, QStringLiteral("list")} << 2
                                          << "Unbekannte Katalog-URL" << "sqlite:///path/catalog.db";
        QTest::newRow("fr --help") << "fr" << QStringList{QStringLiteral("--help")} << 0
                                   << "Importe un dossier (récursivement) ou une image dans une série."
                                   << "rating>=3, flag:pick|reject|none";
    }

    void translated()
    {
        QFETCH(QString, language);
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        QFETCH(QString, untranslated);
        const Run r = stills(arguments, inLanguage(language));
        QCOMPARE(r.exitCode, exitCode);
        const QString text = exitCode == 0 ? r.out : r.err;
        QVERIFY2(text.contains(expected), qPrintable(text));
        QVERIFY2(text.contains(untranslated), qPrintable(text));
        // As with gettext, LANGUAGE does not count under LC_ALL=C: scripts get English.
        const Run english = stills(arguments, {{QStringLiteral("LANGUAGE"), language},
                                               {QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8")}});
        QCOMPARE(english.exitCode, exitCode);
        const QString englishText = exitCode == 0 ? english.out : english.err;
        QVERIFY2(!englishText.contains(expected), qPrintable(englishText));
        QVERIFY2(englishText.contains(untranslated), qPrintable(englishText));
    }

    void jsonIsNotTranslated()
    {
        const Run r = stills({QStringLiteral("--catalog"), m_dir.filePath(QStringLiteral("json.db")), QStringLiteral("import"),
                              kCorpus + QStringLiteral("/photos/exiv2"), QStringLiteral("--dry-run"), QStringLiteral("--json")},
                             inLanguage(QStringLiteral("de")));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject summary = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(summary.value(u"scanned").toInt(), 20);
        QCOMPARE(summary.value(u"dryRun").toBool(), true);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << "unknown command";
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frob")} << "Unknown option";
        QTest::newRow("import without path") << QStringList{QStringLiteral("import")} << "exactly one";
        QTest::newRow("import bad option") << QStringList{QStringLiteral("import"), QStringLiteral("--nope"), QStringLiteral("/tmp")} << "nope";
        QTest::newRow("list what") << QStringList{QStringLiteral("list"), QStringLiteral("cats")} << "photosets";
        QTest::newRow("caption without query") << QStringList{QStringLiteral("caption")} << "give one QUERY";
        QTest::newRow("caption generator") << QStringList{QStringLiteral("caption"), QStringLiteral(""), QStringLiteral("--generator"),
                                                          QStringLiteral("torch")} << "--generator is builtin, openai or torchscript";
        QTest::newRow("catalog without url") << QStringList{QStringLiteral("--catalog")} << "--catalog needs";
        QTest::newRow("bad catalog url") << QStringList{QStringLiteral("--catalog"), QStringLiteral("mysql://x@y/z"), QStringLiteral("list")} << "Unknown catalog URL";
        QTest::newRow("missing folder") << QStringList{QStringLiteral("import"), QStringLiteral("/no/such/folder")} << "/no/such/folder";
        QTest::newRow("unreachable postgres")
            << QStringList{QStringLiteral("--catalog"), QStringLiteral("postgresql://x@127.0.0.1:1/db"), QStringLiteral("list")}
            << "PostgreSQL";
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        if (!arguments.contains(QStringLiteral("--catalog")) && arguments.value(0) != u"--frob")
            arguments = QStringList{QStringLiteral("--catalog"), catalog()} + arguments;
        const Run r = stills(arguments);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    void dryRunCreatesNoCatalog()
    {
        const QString path = m_dir.filePath(QStringLiteral("never.db"));
        const Run r = stills({QStringLiteral("--catalog"), path, QStringLiteral("import"), kCorpus + QStringLiteral("/photos/exiv2"),
                              QStringLiteral("--dry-run")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Dry run, nothing written")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("add ")));
        QVERIFY(!QFile::exists(path));
    }

    void importListCheck()
    {
        const QString db = catalog();
        Run r = stills({QStringLiteral("--catalog"), db, QStringLiteral("import"), kCorpus + QStringLiteral("/photos/other-formats"),
                        QStringLiteral("--photoset"), QStringLiteral("Formats"), QStringLiteral("--json"), QStringLiteral("-q")});
        QCOMPARE(r.exitCode, 1); // HEIC files are unsupported: some items failed
        const QJsonObject summary = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(summary.value(u"photoset").toString(), QStringLiteral("Formats"));
        QCOMPARE(summary.value(u"unsupported").toInt(), 7);
        QVERIFY(summary.value(u"added").toInt() >= 20);
        const int files = summary.value(u"scanned").toInt();

        r = stills({QStringLiteral("--catalog"), db, QStringLiteral("import"), kCorpus + QStringLiteral("/photos/exiv2")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Imported into new photoset \"exiv2\"")), qPrintable(r.out));

        r = stills({QStringLiteral("--catalog"), QStringLiteral("sqlite://") + db, QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> sets = jsonLines(r.out);
        QCOMPARE(sets.size(), 2);
        QCOMPARE(sets.at(1).value(u"name").toString(), QStringLiteral("Formats"));
        QCOMPARE(sets.at(1).value(u"shots").toInt(), files);

        r = stills({QStringLiteral("--catalog"), db, QStringLiteral("list"), QStringLiteral("shots"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> shots = jsonLines(r.out);
        QCOMPARE(shots.size(), files + 20);
        int heic = 0;
        for (const QJsonObject &s : shots)
            if (s.value(u"status").toString() == u"unsupported") {
                QVERIFY(!s.value(u"error").toString().isEmpty());
                ++heic;
            }
        QCOMPARE(heic, 7);

        r = stills({QStringLiteral("--catalog"), db, QStringLiteral("list"), QStringLiteral("shots")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("      ID")));

        r = stills({QStringLiteral("--catalog"), db, QStringLiteral("check"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(report.value(u"healthy").toBool());
        QCOMPARE(report.value(u"shots").toInt(), files + 20);
        QCOMPARE(report.value(u"shotsUnsupported").toInt(), 7);
    }

    void checkFindsMissingFiles()
    {
        QTemporaryDir work;
        const QString folder = work.filePath(QStringLiteral("roll"));
        QDir().mkpath(folder);
        for (const char *name : {"exiv2-canon-powershot-s40.jpg", "exiv2-kodak-dc210.jpg"})
            QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/exiv2/") + QLatin1String(name),
                                folder + u'/' + QLatin1String(name)));
        const QString db = work.filePath(QStringLiteral("c.db"));
        QCOMPARE(stills({QStringLiteral("--catalog"), db, QStringLiteral("import"), folder, QStringLiteral("-q")}).exitCode, 0);
        QCOMPARE(stills({QStringLiteral("--catalog"), db, QStringLiteral("check")}).exitCode, 0);
        QFile::setPermissions(folder + QStringLiteral("/exiv2-kodak-dc210.jpg"), QFile::WriteOwner | QFile::ReadOwner);
        QVERIFY(QFile::remove(folder + QStringLiteral("/exiv2-kodak-dc210.jpg")));
        const Run r = stills({QStringLiteral("--catalog"), db, QStringLiteral("check")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("missing: ") + folder + QStringLiteral("/exiv2-kodak-dc210.jpg")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("Needs attention")));
    }

    void thumbnails()
    {
        QTemporaryDir work;
        const QString db = work.filePath(QStringLiteral("t.db"));
        const QString cache = work.filePath(QStringLiteral("cache"));
        QCOMPARE(stills({QStringLiteral("--catalog"), db, QStringLiteral("import"), kCorpus + QStringLiteral("/photos/exiv2"),
                         QStringLiteral("-q")})
                     .exitCode,
                 0);
        Run r = stills({QStringLiteral("--catalog"), db, QStringLiteral("thumbnails"), QStringLiteral("--cache"), cache,
                        QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QJsonObject summary = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(summary.value(u"total").toInt(), 20);
        QCOMPARE(summary.value(u"built").toInt() + summary.value(u"cached").toInt(), 20);
        QVERIFY(r.err.contains(QStringLiteral("Thumbnails: 20/20"))); // progress on stderr
        // Again: everything is already there; --force rebuilds.
        r = stills({QStringLiteral("--catalog"), db, QStringLiteral("thumbnails"), QStringLiteral("--cache"), cache,
                    QStringLiteral("--json"), QStringLiteral("-q")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"cached").toInt(), 20);
        r = stills({QStringLiteral("--catalog"), db, QStringLiteral("thumbnails"), QStringLiteral("--cache"), cache,
                    QStringLiteral("--json"), QStringLiteral("-q"), QStringLiteral("--force"), QStringLiteral("--size"),
                    QStringLiteral("512")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"built").toInt() > 0);
        QVERIFY(QDir(cache + QStringLiteral("/thumbnails/512")).exists());
        r = stills({QStringLiteral("--catalog"), db, QStringLiteral("thumbnails"), QStringLiteral("--size"), QStringLiteral("300")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("256, 512 or 1024")));
    }

    void curateFromScripts()
    {
        QTemporaryDir work;
        const QString folder = QFileInfo(work.path()).canonicalFilePath() + QStringLiteral("/roll");
        QDir().mkpath(folder);
        const QStringList names = QDir(kCorpus + QStringLiteral("/photos/exiv2")).entryList(QDir::Files);
        for (const QString &name : names) {
            QVERIFY(QFile::copy(kCorpus + QStringLiteral("/photos/exiv2/") + name, folder + u'/' + name));
            QFile::setPermissions(folder + u'/' + name, QFile::ReadOwner | QFile::WriteOwner);
        }
        const QString db = work.filePath(QStringLiteral("c.db"));
        const QStringList cat{QStringLiteral("--catalog"), db};
        QCOMPARE(stills(cat + QStringList{QStringLiteral("import"), folder, QStringLiteral("-q")}).exitCode, 0);

        Run r = stills(cat + QStringList{QStringLiteral("tag"), QStringLiteral("canon"), QStringLiteral("--add"),
                                         QStringLiteral("Camera/Canon"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const int canons = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"changed").toInt();
        QVERIFY(canons > 0);
        QCOMPARE(stills(cat + QStringList{QStringLiteral("rate"), QStringLiteral("tag:Camera/Canon"), QStringLiteral("4")}).exitCode, 0);
        QCOMPARE(stills(cat + QStringList{QStringLiteral("flag"), QStringLiteral("nikon"), QStringLiteral("reject")}).exitCode, 0);
        QCOMPARE(stills(cat + QStringList{QStringLiteral("set"), QStringLiteral("rating>=4"), QStringLiteral("time_of_day=night"),
                                          QStringLiteral("color=warm,blue")})
                     .exitCode,
                 0);

        r = stills(cat + QStringList{QStringLiteral("list"), QStringLiteral("shots"), QStringLiteral("rating>=4 time_of_day:night"),
                                     QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QList<QJsonObject> shots = jsonLines(r.out);
        QCOMPARE(shots.size(), canons);
        for (const QJsonObject &s : shots)
            QCOMPARE(s.value(u"rating").toInt(), 4);

        r = stills(cat + QStringList{QStringLiteral("facets"), QStringLiteral("time_of_day:night"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject facets = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(facets.value(u"color").toObject().value(u"warm").toInt(), canons);
        QCOMPARE(facets.value(u"time_of_day").toObject().value(u"night").toInt(), canons);

        // The sidecars say what the catalog says, for exiftool and friends.
        r = stills(cat + QStringList{QStringLiteral("list"), QStringLiteral("shots"), QStringLiteral("flag:reject"), QStringLiteral("--json")});
        const QList<QJsonObject> rejected = jsonLines(r.out);
        QVERIFY(!rejected.isEmpty());
        QVERIFY(QFile::exists(rejected.first().value(u"path").toString() + QStringLiteral(".xmp")));

        // Errors: a bad query, an unknown value, a bad rating — exit 2 and nothing changed.
        r = stills(cat + QStringList{QStringLiteral("rate"), QStringLiteral("nosuchkey:x"), QStringLiteral("3")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("nosuchkey")), qPrintable(r.err));
        r = stills(cat + QStringList{QStringLiteral("set"), QStringLiteral(""), QStringLiteral("time_of_day=noon")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("Nothing was changed")));
        QCOMPARE(stills(cat + QStringList{QStringLiteral("rate"), QStringLiteral(""), QStringLiteral("9")}).exitCode, 2);
        r = stills(cat + QStringList{QStringLiteral("facets"), QStringLiteral("time_of_day:night"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"time_of_day").toObject().value(u"night").toInt(), canons);

        // A sidecar that cannot be written is reported (exit 1), the catalog keeps the edit.
        const QString blocked = rejected.first().value(u"path").toString() + QStringLiteral(".xmp");
        QFile::remove(blocked);
        QVERIFY(QDir().mkpath(blocked));
        r = stills(cat + QStringList{QStringLiteral("rate"), QStringLiteral("flag:reject"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("sidecar not written: ") + blocked), qPrintable(r.out));
    }

    void newerCatalogIsRefused()
    {
        QTemporaryDir work;
        const QString db = work.filePath(QStringLiteral("future.db"));
        QCOMPARE(stills({QStringLiteral("--catalog"), db, QStringLiteral("import"), kCorpus + QStringLiteral("/photos/exiv2"),
                         QStringLiteral("-q")})
                     .exitCode,
                 0);
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QVERIFY(QSqlQuery(raw).exec(QStringLiteral("UPDATE schema_version SET version = 42")));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("future"));
        const QByteArray before = [&] { QFile f(db); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        const Run r = stills({QStringLiteral("--catalog"), db, QStringLiteral("import"), kCorpus + QStringLiteral("/photos/exiv2")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("newer version of Stills")), qPrintable(r.err));
        const QByteArray after = [&] { QFile f(db); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        QCOMPARE(after, before);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
