#include "commandline.h"

#include "captioning/builtincaptiongenerator.h"
#include "captioning/captioner.h"
#include "captioning/openaicaptiongenerator.h"
#include "captioning/torchscriptcaptiongenerator.h"
#include "catalog/attributerepository.h"
#include "catalog/jobrepository.h"
#include "common/settings.h"
#include "catalog/catalog.h"
#include "catalog/facets.h"
#include "catalog/queryparser.h"
#include "catalog/searchindex.h"
#include "catalog/healthcheck.h"
#include "catalog/photosetrepository.h"
#include "catalog/shotrepository.h"
#include "catalog/sqlhelpers.h"
#include "common/paths.h"
#include "curating/curator.h"
#include "imaging/thumbnailbuilder.h"
#include "imaging/thumbnailcache.h"
#include "importing/folderimporter.h"
#include "importing/archiveimporter.h"
#include "importing/metadataimporter.h"
#include "exporting/exporter.h"
#include "catalog/savedsearchrepository.h"
#include "exporting/exportrecipe.h"
#include "progressprinter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>
#include <climits>
#include <atomic>
#include <csignal>
#include <cstdio>

namespace stills::cli {

namespace {

const QStringList kCommands = {QStringLiteral("import"), QStringLiteral("list"),  QStringLiteral("check"),
                               QStringLiteral("thumbnails"), QStringLiteral("facets"), QStringLiteral("tag"),
                               QStringLiteral("rate"), QStringLiteral("flag"), QStringLiteral("label"),
                               QStringLiteral("set"), QStringLiteral("migrate"), QStringLiteral("export"),
                               QStringLiteral("caption")};

void out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fputc('\n', stdout);
}

void err(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fputc('\n', stderr);
}

// The command line's texts for people (help, summaries, errors) are translated under the context
// "CommandLine"; what scripts read (option names, --json output, status words) is not.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

// The pointer to a command's help that follows a usage error.
QString seeHelp(const QString &command = QString())
{
    return command.isEmpty() ? Tr::tr("See `stills --help`.")
                             : Tr::tr("See `stills %1 --help`.").arg(command);
}

// "stills COMMAND: message" on stderr, optionally followed by the pointer to the command's help.
void fail(const QString &command, const QString &message, bool withHelp = false)
{
    const QString prefix = command.isEmpty() ? QStringLiteral("stills") : QStringLiteral("stills ") + command;
    err(QStringLiteral("%1: %2").arg(prefix, message) + (withHelp ? u'\n' + seeHelp(command) : QString()));
}

// A count for a %n plural form, which takes an int.
int plural(qint64 n)
{
    return n > INT_MAX ? INT_MAX : int(n);
}

// A row of `stills check`: a label padded to `width`, and its value.
QString row(const QString &label, qsizetype width, const QString &value)
{
    return label.leftJustified(width) + u' ' + value;
}

QString jsonLine(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// One line of the main help: a synopsis (not translated: it is what one types) and what it does.
struct HelpEntry {
    QString synopsis;
    QString description;
};

QString helpEntries(const QList<HelpEntry> &entries)
{
    constexpr qsizetype kIndent = 23;
    QString text;
    for (const HelpEntry &entry : entries) {
        text += QStringLiteral("  ") + entry.synopsis;
        const QStringList lines = entry.description.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i == 0 && !entry.synopsis.contains(u'\n') && entry.synopsis.size() + 2 < kIndent - 1)
                text += QString(kIndent - 2 - entry.synopsis.size(), u' ');
            else
                text += u'\n' + QString(kIndent, u' ');
            text += lines.at(i);
        }
        text += u'\n';
    }
    return text;
}

QString mainHelp()
{
    const QList<HelpEntry> commands = {
        {QStringLiteral("import PATH [--photoset NAME] [--dry-run] [--json]"),
         Tr::tr("Import a folder (recursively) or an image into a photoset.")},
        {QStringLiteral("list [photosets|shots [QUERY]] [--json]"),
         Tr::tr("List the photosets (default) or the shots (matching QUERY).")},
        {QStringLiteral("facets [QUERY] [--json]"),
         Tr::tr("Each attribute's values, ratings, flags and labels with counts.")},
        {QStringLiteral("tag QUERY [--add TAG]... [--remove TAG]...\n"
                        "  rate QUERY 0-5 | flag QUERY pick|reject|none | label QUERY red|…|none\n"
                        "  set QUERY ATTRIBUTE=VALUE[,VALUE]..."),
         Tr::tr("Edit every shot matching QUERY; XMP sidecars are rewritten.")},
        {QStringLiteral("check [--no-files] [--json]"),
         Tr::tr("Report the catalog's health: integrity, counts, missing files.")},
        {QStringLiteral("thumbnails [--size 256|512|1024] [--force] [--cache DIR]"),
         Tr::tr("Build the thumbnails of every readable shot ahead of time.")},
        {QStringLiteral("migrate --archives DIR [--metadata DIR] [--dry-run] [--skip-thumbnails]"),
         //: Keep the line break: the text is printed as two indented lines.
         Tr::tr("Import archives (one photoset each), apply JSON metadata,\n"
                "build thumbnails and check, as one resumable run.")},
        {QStringLiteral("export QUERY --to OUT.zip|FOLDER [--recipe NAME] [--crops NAME|--all-crops] ...\n"
                        "  export --saved-search NAME --to OUT.zip|FOLDER ..."),
         Tr::tr("Export the matching shots with caption sidecars and a manifest.")},
        {QStringLiteral("caption QUERY [--generator builtin|openai|torchscript] [--only-unedited] [--resume JOB]"),
         //: Keep the line break: the text is printed as two indented lines.
         Tr::tr("Caption the matching shots; each caption is a new version and\n"
                "the earlier ones are kept.")},
    };
    const QList<HelpEntry> options = {
        {QStringLiteral("--catalog URL"),
         //: Keep the line breaks: the text is printed as indented lines.
         Tr::tr("The catalog: sqlite:///path/catalog.db, a file path, or\n"
                "postgresql://user[:password]@host[:port]/database.\n"
                "Default: $STILLS_CATALOG, else %1")
             .arg(paths::defaultCatalogLocation())},
        {QStringLiteral("-h, --help"), Tr::tr("Show this help; `stills COMMAND --help` for a command.")},
        {QStringLiteral("-v, --version"), Tr::tr("Show the version.")},
    };
    return Tr::tr("Usage: %1").arg(QStringLiteral("stills [--catalog URL] [COMMAND [OPTIONS]]")) + u"\n\n"
        + Tr::tr("Stills is a gallery for large sets of stills. Without a command it opens the window.")
        + u"\n\n" + Tr::tr("Commands:") + u'\n' + helpEntries(commands) + u'\n' + Tr::tr("Options:")
        + u'\n' + helpEntries(options) + u'\n'
        //: The query syntax (tag:, rating>=3, flag:pick|reject|none, label:red, photoset:NAME, status:failed,
        //: ATTRIBUTE:VALUE, --) is typed as it is: do not translate it. Keep the line breaks.
        + Tr::tr("QUERY: words (all must match), \"a phrase\", -word, tag:Lighting/Low key (quote it:\n"
                 "tag:\"A/B c\"), rating>=3, flag:pick|reject|none, label:red, photoset:NAME, status:failed,\n"
                 "ATTRIBUTE:VALUE (e.g. time_of_day:night). An empty QUERY \"\" matches every shot;\n"
                 "put -- before a QUERY that starts with '-' (stills rate -- \"-flag:reject\" 3).")
        + u"\n\n"
        + Tr::tr("Exit codes: 0 all went well, 1 some items failed, 2 usage error or fatal error.\n"
                 "Progress of long work goes to stderr; results go to stdout.");
}

// Global arguments: [--catalog URL] [-h|--help] [-v|--version] COMMAND ...
struct Global {
    QString catalog;
    bool help = false;
    bool version = false;
    QString command;
    QStringList rest; // the command's own arguments
    QString error;
};

Global parseGlobal(const QStringList &arguments)
{
    Global g;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (!g.command.isEmpty()) {
            g.rest.append(a);
        } else if (a == u"--catalog" || a == u"-c") {
            if (i + 1 >= arguments.size()) {
                g.error = Tr::tr("--catalog needs a URL or a path.");
                return g;
            }
            g.catalog = arguments.at(++i);
        } else if (a.startsWith(u"--catalog=")) {
            g.catalog = a.mid(10);
        } else if (a == u"-h" || a == u"--help" || a == u"help") {
            g.help = true;
        } else if (a == u"-v" || a == u"--version") {
            g.version = true;
        } else if (a.startsWith(u'-')) {
            // Qt's own GUI options (-platform, -style, ...) belong to the window, not here.
            g.error = Tr::tr("Unknown option %1.").arg(a);
            return g;
        } else {
            g.command = a;
        }
    }
    if (g.catalog.isEmpty())
        g.catalog = paths::defaultCatalogLocation();
    return g;
}

Result<CatalogPtr> openCatalog(const QString &location, Catalog::OpenMode mode)
{
    auto url = CatalogUrl::parse(location);
    if (!url)
        return url.error();
    // Upgrading a large catalog takes a while: say what is going on (stderr, like progress).
    return Catalog::open(*url, mode, [](const QString &step) { err(QStringLiteral("stills: %1").arg(step)); });
}

// A command's parser with --help; returns false (and sets the exit code) when parsing ended the command.
bool parseCommand(QCommandLineParser &parser, const QString &command, const QStringList &rest, const QString &summary,
                  int &exitCode)
{
    parser.setApplicationDescription(summary);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, Tr::tr("Show this help."));
    parser.addOption(help);
    QStringList args{QStringLiteral("stills ") + command};
    args += rest;
    if (!parser.parse(args)) {
        fail(command, parser.errorText(), true);
        exitCode = UsageOrFatal;
        return false;
    }
    if (parser.isSet(help)) {
        // Qt's usage line starts with the program as it was started (argv[0]) and translates the
        // rest ("[options]"): name the command there instead.
        QString text = parser.helpText();
        const QString program = QCoreApplication::arguments().value(0);
        const qsizetype at = program.isEmpty() ? -1 : text.indexOf(program);
        if (at >= 0)
            text.replace(at, program.size(), QStringLiteral("stills [--catalog URL] ") + command);
        out(text);
        exitCode = Ok;
        return false;
    }
    return true;
}

std::atomic<FolderImporter *> s_runningImport{nullptr};
std::atomic<ThumbnailBuilder *> s_runningThumbnails{nullptr};
std::atomic<ArchiveImporter *> s_runningArchives{nullptr};
std::atomic<Exporter *> s_runningExport{nullptr};
std::atomic<Captioner *> s_runningCaptioner{nullptr};

extern "C" void onInterrupt(int)
{
    // Async-signal-safe: only atomic loads and atomic stores (the cancel() flags).
    if (FolderImporter *importer = s_runningImport.load())
        importer->cancel();
    if (ThumbnailBuilder *builder = s_runningThumbnails.load())
        builder->cancel();
    if (ArchiveImporter *archives = s_runningArchives.load())
        archives->cancel();
    if (Exporter *exporter = s_runningExport.load())
        exporter->cancel();
    if (Captioner *captioner = s_runningCaptioner.load())
        captioner->cancel();
}

int importCommand(const Global &g)
{
    QCommandLineParser parser;
    const QCommandLineOption photosetOption(QStringLiteral("photoset"),
                                            Tr::tr("Import into the photoset NAME (created if needed) instead "
                                                   "of one named after the folder."),
                                            QStringLiteral("NAME"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
                                          Tr::tr("Print what would happen to each file; change nothing."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), Tr::tr("Print the summary as JSON."));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")},
                                         Tr::tr("No progress on stderr."));
    const QCommandLineOption workersOption(QStringLiteral("workers"),
                                           Tr::tr("Threads for hashing and metadata (default: one per core)."),
                                           QStringLiteral("N"));
    parser.addOptions({photosetOption, dryRunOption, jsonOption, quietOption, workersOption});
    parser.addPositionalArgument(QStringLiteral("PATH"), Tr::tr("A folder (searched recursively) or an image file."));
    int exitCode = Ok;
    if (!parseCommand(parser, QStringLiteral("import"), g.rest,
                      Tr::tr("Import images into the catalog. Running it again on the same folder adds "
                             "nothing new, updates changed files and recognises moved ones."),
                      exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        fail(QStringLiteral("import"), Tr::tr("give exactly one folder or file to import."), true);
        return UsageOrFatal;
    }
    bool workersOk = true;
    const int workers = parser.isSet(workersOption) ? parser.value(workersOption).toInt(&workersOk) : 0;
    if (!workersOk || workers < 0) {
        fail(QStringLiteral("import"), Tr::tr("--workers takes a number of threads."));
        return UsageOrFatal;
    }

    const bool dryRun = parser.isSet(dryRunOption);
    const bool json = parser.isSet(jsonOption);
    CatalogPtr catalog;
    if (dryRun) {
        // A dry run writes nothing: it reads the existing catalog read-only, or compares against an
        // empty in-memory catalog when there is none yet (it does not create one).
        auto url = CatalogUrl::parse(g.catalog);
        if (!url) {
            err(QStringLiteral("stills: %1").arg(url.error().message));
            return UsageOrFatal;
        }
        auto opened = Catalog::open(*url, Catalog::OpenMode::ReadOnly);
        if (!opened && opened.error().code == Error::Code::NotFound)
            opened = Catalog::open(CatalogUrl::sqliteInMemory());
        if (!opened) {
            err(QStringLiteral("stills: %1").arg(opened.error().message));
            return UsageOrFatal;
        }
        catalog = *opened;
    } else {
        auto opened = openCatalog(g.catalog, Catalog::OpenMode::ReadWrite);
        if (!opened) {
            err(QStringLiteral("stills: %1").arg(opened.error().message));
            return UsageOrFatal;
        }
        catalog = *opened;
    }

    FolderImporter importer(*catalog);
    ProgressPrinter progress(dryRun ? Tr::tr("Checking") : Tr::tr("Importing"),
                             !parser.isSet(quietOption));
    importer.setProgressCallback([&](qint64 done, qint64 total) { progress.update(done, total); });
    if (dryRun && !json) {
        importer.setItemCallback([&](const ImportItem &item) {
            progress.finish();
            QString line = QStringLiteral("%1 %2").arg(ImportItem::actionName(item.action), -11).arg(item.path);
            if (!item.detail.isEmpty())
                line += QStringLiteral("  (") + item.detail + u')';
            out(line);
        });
    }
    ImportOptions options;
    options.path = positional.first();
    options.photosetName = parser.value(photosetOption);
    options.dryRun = dryRun;
    options.workers = workers;

    s_runningImport.store(&importer);
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    auto result = importer.run(options);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    s_runningImport.store(nullptr);
    progress.finish();

    if (!result) {
        err(QStringLiteral("stills import: %1").arg(result.error().message));
        return UsageOrFatal;
    }
    const ImportSummary &s = *result;
    if (json) {
        QJsonArray problems;
        for (const ImportItem &item : s.problems)
            problems.append(QJsonObject{{QStringLiteral("path"), item.path},
                                        {QStringLiteral("status"), ImportItem::actionName(item.action)},
                                        {QStringLiteral("reason"), item.detail}});
        out(jsonLine(QJsonObject{{QStringLiteral("dryRun"), dryRun},
                                 {QStringLiteral("root"), s.root},
                                 {QStringLiteral("photoset"), s.photosetName},
                                 {QStringLiteral("photosetId"), s.photosetId},
                                 {QStringLiteral("photosetCreated"), s.photosetCreated},
                                 {QStringLiteral("scanned"), s.scanned},
                                 {QStringLiteral("added"), s.added},
                                 {QStringLiteral("updated"), s.updated},
                                 {QStringLiteral("moved"), s.moved},
                                 {QStringLiteral("unchanged"), s.unchanged},
                                 {QStringLiteral("failed"), s.failed},
                                 {QStringLiteral("unsupported"), s.unsupported},
                                 {QStringLiteral("cancelled"), s.cancelled},
                                 {QStringLiteral("problems"), problems}}));
    } else {
        if (!dryRun) {
            for (const ImportItem &item : s.problems)
                out(QStringLiteral("%1 %2: %3").arg(ImportItem::actionName(item.action), -11).arg(item.path, item.detail));
        }
        const QString id = s.photosetId ? QStringLiteral(" (#%1)").arg(s.photosetId) : QString();
        const QString counts = QStringList{Tr::tr("%n file(s)", nullptr, plural(s.scanned)),
                                           Tr::tr("%n added", "files", plural(s.added)),
                                           Tr::tr("%n updated", "files", plural(s.updated)),
                                           Tr::tr("%n moved", "files", plural(s.moved)),
                                           Tr::tr("%n unchanged", "files", plural(s.unchanged)),
                                           Tr::tr("%n failed", "files", plural(s.failed)),
                                           Tr::tr("%n unsupported", "files", plural(s.unsupported))}
                                   .join(QStringLiteral(", "));
        QString summary;
        if (dryRun)
            summary = s.photosetCreated
                ? Tr::tr("Dry run, nothing written. Would import into new photoset \"%1\"%2: %3.")
                : Tr::tr("Dry run, nothing written. Would import into existing photoset \"%1\"%2: %3.");
        else if (s.cancelled)
            summary = s.photosetCreated ? Tr::tr("Cancelled; kept what was done in new photoset \"%1\"%2: %3.")
                                        : Tr::tr("Cancelled; kept what was done in existing photoset \"%1\"%2: %3.");
        else
            summary = s.photosetCreated ? Tr::tr("Imported into new photoset \"%1\"%2: %3.")
                                        : Tr::tr("Imported into existing photoset \"%1\"%2: %3.");
        out(summary.arg(s.photosetName, id, counts));
    }
    return (s.hasProblems() || s.cancelled) ? SomeItemsFailed : Ok;
}

QJsonObject shotJson(const Shot &s)
{
    QJsonObject o{{QStringLiteral("id"), s.id},
                  {QStringLiteral("path"), s.path},
                  {QStringLiteral("status"), Shot::statusName(s.status)},
                  {QStringLiteral("format"), s.format},
                  {QStringLiteral("width"), s.width},
                  {QStringLiteral("height"), s.height},
                  {QStringLiteral("bytes"), s.byteSize},
                  {QStringLiteral("hash"), s.contentHash},
                  {QStringLiteral("orientation"), s.exif.orientation},
                  {QStringLiteral("rating"), s.rating},
                  {QStringLiteral("flag"), ShotQuery::flagName(int(s.flag))},
                  {QStringLiteral("label"), Curator::labelName(s.colorLabel).toLower()},
                  {QStringLiteral("title"), s.title},
                  {QStringLiteral("version"), s.version}};
    if (!s.error.isEmpty())
        o.insert(QStringLiteral("error"), s.error);
    if (s.exif.takenAt.isValid())
        o.insert(QStringLiteral("takenAt"), s.exif.takenAt.toString(Qt::ISODate));
    if (!s.exif.cameraMake.isEmpty())
        o.insert(QStringLiteral("cameraMake"), s.exif.cameraMake);
    if (!s.exif.cameraModel.isEmpty())
        o.insert(QStringLiteral("cameraModel"), s.exif.cameraModel);
    return o;
}

// The query syntax, checked against the catalog's own attribute vocabulary.
Result<ShotQuery> parseQuery(const Catalog &catalog, const QString &text)
{
    auto vocabulary = AttributeRepository(catalog).all();
    if (!vocabulary)
        return vocabulary.error();
    return QueryParser::parse(text, *vocabulary);
}

// Every shot id matching `query`, keyset-paged from the catalog.
Result<QList<qint64>> matchingIds(const Catalog &catalog, const ShotQuery &query)
{
    QList<qint64> ids;
    qint64 afterId = 0;
    for (;;) {
        auto page = SearchIndex::page(catalog, query, afterId, 5000);
        if (!page)
            return page.error();
        if (page->isEmpty())
            return ids;
        ids += *page;
        afterId = page->constLast();
    }
}

int listCommand(const Global &g)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), Tr::tr("One JSON object per line."));
    parser.addOption(jsonOption);
    parser.addPositionalArgument(QStringLiteral("WHAT"), Tr::tr("photosets (default) or shots."),
                                 QStringLiteral("[photosets|shots]"));
    parser.addPositionalArgument(QStringLiteral("QUERY"), Tr::tr("With shots: only those matching QUERY."),
                                 QStringLiteral("[QUERY]"));
    int exitCode = Ok;
    if (!parseCommand(parser, QStringLiteral("list"), g.rest, Tr::tr("List what the catalog holds."), exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    const QString what = positional.value(0, QStringLiteral("photosets"));
    if ((what != u"photosets" && what != u"shots") || positional.size() > (what == u"shots" ? 2 : 1)) {
        fail(QStringLiteral("list"), Tr::tr("say `photosets` or `shots`."), true);
        return UsageOrFatal;
    }
    auto catalog = openCatalog(g.catalog, Catalog::OpenMode::ReadOnly);
    if (!catalog) {
        err(QStringLiteral("stills: %1").arg(catalog.error().message));
        return UsageOrFatal;
    }
    const bool json = parser.isSet(jsonOption);

    if (what == u"photosets") {
        auto sets = PhotosetRepository(**catalog).list();
        if (!sets) {
            err(QStringLiteral("stills list: %1").arg(sets.error().message));
            return UsageOrFatal;
        }
        const QString shotsHeader = Tr::tr("SHOTS");
        const int shotsWidth = std::max(7, int(shotsHeader.size()));
        if (!json)
            out(QStringLiteral("%1  %2  %3  %4").arg(Tr::tr("ID"), 6).arg(shotsHeader, shotsWidth)
                    .arg(Tr::tr("NAME"), -30).arg(Tr::tr("SOURCE")));
        for (const Photoset &p : std::as_const(*sets)) {
            if (json)
                out(jsonLine(QJsonObject{{QStringLiteral("id"), p.id},
                                         {QStringLiteral("name"), p.name},
                                         {QStringLiteral("kind"), Photoset::kindName(p.kind)},
                                         {QStringLiteral("shots"), p.shotCount},
                                         {QStringLiteral("source"), p.sourcePath},
                                         {QStringLiteral("title"), p.title},
                                         {QStringLiteral("year"), p.year},
                                         {QStringLiteral("version"), p.version}}));
            else
                out(QStringLiteral("%1  %2  %3  %4").arg(p.id, 6).arg(p.shotCount, shotsWidth).arg(p.name, -30).arg(p.sourcePath));
        }
        return Ok;
    }

    ShotRepository shots(**catalog);
    std::optional<ShotQuery> query;
    if (positional.size() > 1) {
        auto parsed = parseQuery(**catalog, positional.at(1));
        if (!parsed) {
            err(QStringLiteral("stills list: %1").arg(parsed.error().message));
            return UsageOrFatal;
        }
        query = *parsed;
    }
    if (!json)
        out(QStringLiteral("%1  %2  %3  %4  %5").arg(Tr::tr("ID"), 8).arg(Tr::tr("STATUS"), -11)
                .arg(Tr::tr("FORMAT"), -6).arg(Tr::tr("SIZE"), 11).arg(Tr::tr("PATH")));
    auto printShot = [&](const Shot &s) {
        if (json) {
            out(jsonLine(shotJson(s)));
        } else {
            out(QStringLiteral("%1  %2  %3  %4  %5")
                    .arg(s.id, 8)
                    .arg(Shot::statusName(s.status), -11)
                    .arg(s.format, -6)
                    .arg(s.width ? QStringLiteral("%1x%2").arg(s.width).arg(s.height) : QStringLiteral("-"), 11)
                    .arg(s.path));
        }
    };
    qint64 afterId = 0;
    for (;;) {
        if (query) {
            auto ids = SearchIndex::page(**catalog, *query, afterId, 1000);
            if (!ids) {
                err(QStringLiteral("stills list: %1").arg(ids.error().message));
                return UsageOrFatal;
            }
            if (ids->isEmpty())
                break;
            for (qint64 id : std::as_const(*ids)) {
                afterId = id;
                auto shot = shots.get(id);
                if (!shot) {
                    err(QStringLiteral("stills list: %1").arg(shot.error().message));
                    return UsageOrFatal;
                }
                printShot(*shot);
            }
            continue;
        }
        auto page = shots.page(afterId, 1000);
        if (!page) {
            err(QStringLiteral("stills list: %1").arg(page.error().message));
            return UsageOrFatal;
        }
        if (page->isEmpty())
            break;
        for (const Shot &s : std::as_const(*page)) {
            afterId = s.id;
            printShot(s);
        }
    }
    return Ok;
}

int checkCommand(const Global &g)
{
    QCommandLineParser parser;
    const QCommandLineOption noFilesOption(QStringLiteral("no-files"),
                                           Tr::tr("Do not look for the shots' files on disk."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), Tr::tr("Print the report as JSON."));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")},
                                         Tr::tr("No progress on stderr."));
    parser.addOptions({noFilesOption, jsonOption, quietOption});
    int exitCode = Ok;
    if (!parseCommand(parser, QStringLiteral("check"), g.rest,
                      Tr::tr("Check the catalog: database integrity, counts, files missing on disk, "
                             "interrupted work. Exit code 1 when something needs attention."),
                      exitCode))
        return exitCode;
    auto catalog = openCatalog(g.catalog, Catalog::OpenMode::ReadOnly);
    if (!catalog) {
        err(QStringLiteral("stills: %1").arg(catalog.error().message));
        return UsageOrFatal;
    }
    ProgressPrinter progress(Tr::tr("Checking files"), !parser.isSet(quietOption));
    auto report = HealthCheck::run(**catalog, !parser.isSet(noFilesOption), [&](qint64 done, qint64 total) {
        progress.update(done, total);
        return true;
    });
    progress.finish();
    if (!report) {
        err(QStringLiteral("stills check: %1").arg(report.error().message));
        return UsageOrFatal;
    }
    const HealthReport &r = *report;
    if (parser.isSet(jsonOption)) {
        out(jsonLine(QJsonObject{
            {QStringLiteral("catalog"), (*catalog)->url().toDisplayString()},
            {QStringLiteral("schemaVersion"), r.schemaVersion},
            {QStringLiteral("healthy"), r.healthy()},
            {QStringLiteral("integrityProblems"), QJsonArray::fromStringList(r.integrityProblems)},
            {QStringLiteral("photosets"), r.photosets},
            {QStringLiteral("shots"), r.shots},
            {QStringLiteral("shotsOk"), r.shotsOk},
            {QStringLiteral("shotsFailed"), r.shotsFailed},
            {QStringLiteral("shotsUnsupported"), r.shotsUnsupported},
            {QStringLiteral("tags"), r.tags},
            {QStringLiteral("captions"), r.captions},
            {QStringLiteral("crops"), r.crops},
            {QStringLiteral("filesChecked"), r.filesChecked},
            {QStringLiteral("missingFiles"), QJsonArray::fromStringList(r.missingFiles)},
            {QStringLiteral("interruptedJobs"), QJsonArray::fromStringList(r.interruptedJobs)}}));
        return r.healthy() ? Ok : SomeItemsFailed;
    }
    const QString catalogLabel = Tr::tr("Catalog"), integrityLabel = Tr::tr("Integrity"),
                  photosetsLabel = Tr::tr("Photosets"), shotsLabel = Tr::tr("Shots"),
                  tagsLabel = Tr::tr("Tags"), captionsLabel = Tr::tr("Captions"),
                  cropsLabel = Tr::tr("Crops"), filesLabel = Tr::tr("Files"),
                  interruptedLabel = Tr::tr("Interrupted");
    qsizetype width = 0;
    for (const QString *label : {&catalogLabel, &integrityLabel, &photosetsLabel, &shotsLabel, &tagsLabel, &captionsLabel,
                                 &cropsLabel, &filesLabel, &interruptedLabel})
        width = std::max(width, label->size());
    out(row(catalogLabel, width,
            Tr::tr("%1 (schema %2)").arg((*catalog)->url().toDisplayString(), QString::number(r.schemaVersion))));
    out(row(integrityLabel, width,
            r.integrityProblems.isEmpty()
                ? Tr::tr("ok")
                : Tr::tr("%n problem(s)", nullptr, plural(r.integrityProblems.size()))));
    for (const QString &problem : r.integrityProblems)
        out(QStringLiteral("  ") + problem);
    out(row(photosetsLabel, width, QString::number(r.photosets)));
    out(row(shotsLabel, width, QStringLiteral("%1 (%2)").arg(r.shots).arg(QStringList{
        Tr::tr("%n readable", "shots", plural(r.shotsOk)),
        Tr::tr("%n failed", "shots", plural(r.shotsFailed)),
        Tr::tr("%n unsupported", "shots", plural(r.shotsUnsupported))}.join(QStringLiteral(", ")))));
    out(row(tagsLabel, width, QString::number(r.tags)));
    out(row(captionsLabel, width, QString::number(r.captions)));
    out(row(cropsLabel, width, QString::number(r.crops)));
    if (!parser.isSet(noFilesOption))
        out(row(filesLabel, width, Tr::tr("%n checked", "files", plural(r.filesChecked)) + QStringLiteral(", ")
                    + Tr::tr("%n missing on disk", "files", plural(r.missingFiles.size()))));
    for (const QString &path : r.missingFiles)
        out(QStringLiteral("  ") + Tr::tr("missing: %1").arg(path));
    for (const QString &job : r.interruptedJobs)
        out(row(interruptedLabel, width, Tr::tr("%1 — run it again to finish it").arg(job)));
    out(r.healthy() ? Tr::tr("Healthy.") : Tr::tr("Needs attention."));
    return r.healthy() ? Ok : SomeItemsFailed;
}

int thumbnailsCommand(const Global &g)
{
    QCommandLineParser parser;
    const QCommandLineOption sizeOption(QStringLiteral("size"), Tr::tr("Long edge: 256 (default), 512 or 1024."),
                                        QStringLiteral("PX"), QStringLiteral("256"));
    const QCommandLineOption forceOption(QStringLiteral("force"), Tr::tr("Rebuild thumbnails that already exist."));
    const QCommandLineOption cacheOption(QStringLiteral("cache"),
                                         Tr::tr("The cache folder (default: %1).").arg(paths::cacheFolder()),
                                         QStringLiteral("DIR"));
    const QCommandLineOption workersOption(QStringLiteral("workers"), Tr::tr("Decoding threads (default: one per core)."),
                                           QStringLiteral("N"));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")}, Tr::tr("No progress on stderr."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), Tr::tr("Print the summary as JSON."));
    parser.addOptions({sizeOption, forceOption, cacheOption, workersOption, quietOption, jsonOption});
    int exitCode = Ok;
    if (!parseCommand(parser, QStringLiteral("thumbnails"), g.rest,
                      Tr::tr("Build the thumbnails of every readable shot into the thumbnail cache, so that the "
                             "window shows them at once."),
                      exitCode))
        return exitCode;
    if (!parser.positionalArguments().isEmpty()) {
        fail(QStringLiteral("thumbnails"), Tr::tr("takes no arguments."), true);
        return UsageOrFatal;
    }
    const int size = parser.value(sizeOption).toInt();
    if (size != 256 && size != 512 && size != 1024) {
        fail(QStringLiteral("thumbnails"), Tr::tr("--size is 256, 512 or 1024."));
        return UsageOrFatal;
    }
    bool workersOk = true;
    const int workers = parser.isSet(workersOption) ? parser.value(workersOption).toInt(&workersOk) : 0;
    if (!workersOk || workers < 0) {
        fail(QStringLiteral("thumbnails"), Tr::tr("--workers takes a number of threads."));
        return UsageOrFatal;
    }
    auto catalog = openCatalog(g.catalog, Catalog::OpenMode::ReadOnly);
    if (!catalog) {
        err(QStringLiteral("stills: %1").arg(catalog.error().message));
        return UsageOrFatal;
    }
    const QString cache = parser.isSet(cacheOption) ? parser.value(cacheOption) : paths::cacheFolder();
    ThumbnailBuilder builder(**catalog);
    ProgressPrinter progress(Tr::tr("Thumbnails"), !parser.isSet(quietOption));
    builder.setProgressCallback([&](qint64 done, qint64 total) { progress.update(done, total); });
    s_runningThumbnails.store(&builder);
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto result = builder.run(cache, size, parser.isSet(forceOption), workers);
    std::signal(SIGINT, previousInt);
    s_runningThumbnails.store(nullptr);
    progress.finish();
    if (!result) {
        err(QStringLiteral("stills thumbnails: %1").arg(result.error().message));
        return UsageOrFatal;
    }
    const ThumbnailBuildSummary &s = *result;
    if (parser.isSet(jsonOption)) {
        QJsonArray failures;
        for (const auto &[path, reason] : s.failures)
            failures.append(QJsonObject{{QStringLiteral("path"), path}, {QStringLiteral("reason"), reason}});
        out(jsonLine(QJsonObject{{QStringLiteral("size"), size},
                                 {QStringLiteral("cache"), cache},
                                 {QStringLiteral("total"), s.total},
                                 {QStringLiteral("built"), s.built},
                                 {QStringLiteral("cached"), s.cached},
                                 {QStringLiteral("failed"), s.failed},
                                 {QStringLiteral("cancelled"), s.cancelled},
                                 {QStringLiteral("failures"), failures}}));
    } else {
        for (const auto &[path, reason] : s.failures)
            out(QStringLiteral("failed      %1: %2").arg(path, reason)); // a status word, as in --json
        const QString counts = QStringList{Tr::tr("%n shot(s)", nullptr, plural(s.total)),
                                           Tr::tr("%n built", "thumbnails", plural(s.built)),
                                           Tr::tr("%n already there", "thumbnails", plural(s.cached)),
                                           Tr::tr("%n failed", "thumbnails", plural(s.failed))}
                                   .join(QStringLiteral(", "));
        out((s.cancelled ? Tr::tr("Cancelled; %1 px thumbnails in %2: %3.")
                         : Tr::tr("Done: %1 px thumbnails in %2: %3."))
                .arg(size)
                .arg(cache, counts));
    }
    return (s.failed > 0 || s.cancelled) ? SomeItemsFailed : Ok;
}

int facetsCommand(const Global &g)
{
    QCommandLineParser parser;
    const QCommandLineOption jsonOption(QStringLiteral("json"), Tr::tr("Print the counts as one JSON object."));
    const QCommandLineOption allOption(QStringLiteral("all"), Tr::tr("Also list values with a count of 0."));
    parser.addOptions({jsonOption, allOption});
    parser.addPositionalArgument(QStringLiteral("QUERY"), Tr::tr("Count within the shots matching QUERY."),
                                 QStringLiteral("[QUERY]"));
    int exitCode = Ok;
    if (!parseCommand(parser, QStringLiteral("facets"), g.rest,
                      Tr::tr("Count, for every attribute value, rating, flag and colour label, the shots that "
                             "would match if that value were added to QUERY."),
                      exitCode))
        return exitCode;
    if (parser.positionalArguments().size() > 1) {
        fail(QStringLiteral("facets"), Tr::tr("give the query as one argument (quote it)."));
        return UsageOrFatal;
    }
    auto catalog = openCatalog(g.catalog, Catalog::OpenMode::ReadOnly);
    if (!catalog) {
        err(QStringLiteral("stills: %1").arg(catalog.error().message));
        return UsageOrFatal;
    }
    auto query = parseQuery(**catalog, parser.positionalArguments().value(0));
    if (!query) {
        err(QStringLiteral("stills facets: %1").arg(query.error().message));
        return UsageOrFatal;
    }
    auto counts = Facets::compute(**catalog, *query);
    if (!counts) {
        err(QStringLiteral("stills facets: %1").arg(counts.error().message));
        return UsageOrFatal;
    }
    const bool all = parser.isSet(allOption);
    if (parser.isSet(jsonOption)) {
        QJsonObject facets;
        for (const FacetCount &c : std::as_const(*counts)) {
            if (!all && c.count == 0)
                continue;
            QJsonObject values = facets.value(c.facet).toObject();
            values.insert(c.value, c.count);
            facets.insert(c.facet, values);
        }
        out(jsonLine(facets));
        return Ok;
    }
    QString current;
    for (const FacetCount &c : std::as_const(*counts)) {
        if (!all && c.count == 0)
            continue;
        if (c.facet != current) {
            current = c.facet;
            out(current);
        }
        out(QStringLiteral("  %1 %2").arg(c.count, 9).arg(c.value));
    }
    return Ok;
}

// tag / rate / flag / label / set: an edit over every shot matching a query.
int editCommand(const Global &g)
{
    const QString command = g.command;
    QCommandLineParser parser;
    const QCommandLineOption addOption(QStringLiteral("add"), Tr::tr("Add this tag (repeat for more)."),
                                       QStringLiteral("TAG"));
    const QCommandLineOption removeOption(QStringLiteral("remove"), Tr::tr("Remove this tag (repeat for more)."),
                                          QStringLiteral("TAG"));
    const QCommandLineOption noSidecarsOption(QStringLiteral("no-sidecars"),
                                              Tr::tr("Change the catalog only; do not write XMP sidecars."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), Tr::tr("Print the result as JSON."));
    if (command == u"tag")
        parser.addOptions({addOption, removeOption});
    parser.addOptions({noSidecarsOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("QUERY"), Tr::tr("Which shots (quote it; \"\" for all)."));
    QString summary;
    if (command == u"tag") {
        summary = Tr::tr("Add and remove hierarchical tags (\"Lighting/Low key\") on every shot matching QUERY.");
    } else if (command == u"rate") {
        parser.addPositionalArgument(QStringLiteral("STARS"), Tr::tr("0 to 5."));
        summary = Tr::tr("Set the rating of every shot matching QUERY.");
    } else if (command == u"flag") {
        parser.addPositionalArgument(QStringLiteral("FLAG"), Tr::tr("pick, reject or none."));
        summary = Tr::tr("Flag every shot matching QUERY.");
    } else if (command == u"label") {
        parser.addPositionalArgument(QStringLiteral("LABEL"), Tr::tr("red, yellow, green, blue, purple or none."));
        summary = Tr::tr("Set the colour label of every shot matching QUERY.");
    } else {
        parser.addPositionalArgument(QStringLiteral("ATTRIBUTE=VALUE"),
                                     Tr::tr("Attribute key and option values (comma-separated for multi-valued "
                                            "attributes; empty to clear), e.g. time_of_day=night."),
                                     QStringLiteral("ATTRIBUTE=VALUE..."));
        summary = Tr::tr("Set attribute values on every shot matching QUERY.");
    }
    int exitCode = Ok;
    if (!parseCommand(parser, command, g.rest, summary, exitCode))
        return exitCode;
    const QStringList positional = parser.positionalArguments();
    const qsizetype wanted = command == u"tag" ? 1 : 2;
    if ((command == u"set" && positional.size() < 2) || (command != u"set" && positional.size() != wanted)) {
        fail(command, Tr::tr("see `stills %1 --help` for the arguments.").arg(command));
        return UsageOrFatal;
    }
    if (command == u"tag" && !parser.isSet(addOption) && !parser.isSet(removeOption)) {
        fail(command, Tr::tr("say which tags to --add or --remove."));
        return UsageOrFatal;
    }

    // Check the arguments before touching the catalog.
    int number = 0;
    Shot::Flag flag = Shot::Flag::None;
    QList<std::pair<QString, QStringList>> assignments;
    const QString argument = positional.value(1).trimmed().toLower();
    if (command == u"rate") {
        bool ok = false;
        number = argument.toInt(&ok);
        if (!ok || number < 0 || number > 5) {
            fail(command, Tr::tr("a rating is 0 to 5 stars, not \"%1\".").arg(positional.value(1)));
            return UsageOrFatal;
        }
    } else if (command == u"flag") {
        if (argument == u"pick")
            flag = Shot::Flag::Picked;
        else if (argument == u"reject")
            flag = Shot::Flag::Rejected;
        else if (argument != u"none") {
            fail(command, Tr::tr("say pick, reject or none, not \"%1\".").arg(positional.value(1)));
            return UsageOrFatal;
        }
    } else if (command == u"label") {
        static const QStringList labels = {QStringLiteral("none"), QStringLiteral("red"), QStringLiteral("yellow"),
                                           QStringLiteral("green"), QStringLiteral("blue"), QStringLiteral("purple")};
        number = int(labels.indexOf(argument));
        if (number < 0) {
            fail(command, Tr::tr("say red, yellow, green, blue, purple or none, not \"%1\".")
                              .arg(positional.value(1)));
            return UsageOrFatal;
        }
    } else if (command == u"set") {
        for (const QString &assignment : positional.mid(1)) {
            const qsizetype eq = assignment.indexOf(u'=');
            if (eq <= 0) {
                fail(command, Tr::tr("\"%1\" is not ATTRIBUTE=VALUE.").arg(assignment));
                return UsageOrFatal;
            }
            QStringList values;
            const QStringList raw = assignment.mid(eq + 1).split(u',');
            for (const QString &v : raw)
                if (!v.trimmed().isEmpty())
                    values.append(v.trimmed().toLower());
            assignments.append({assignment.left(eq).trimmed().toLower(), values});
        }
    }

    auto catalog = openCatalog(g.catalog, Catalog::OpenMode::ReadWrite);
    if (!catalog) {
        err(QStringLiteral("stills: %1").arg(catalog.error().message));
        return UsageOrFatal;
    }
    auto query = parseQuery(**catalog, positional.first());
    if (!query) {
        err(QStringLiteral("stills %1: %2").arg(command, query.error().message));
        return UsageOrFatal;
    }
    auto ids = matchingIds(**catalog, *query);
    if (!ids) {
        err(QStringLiteral("stills %1: %2").arg(command, ids.error().message));
        return UsageOrFatal;
    }

    Curator curator(**catalog);
    curator.setWriteSidecars(!parser.isSet(noSidecarsOption));
    Result<CurationReport> report = CurationReport{};
    if (command == u"tag") {
        report = curator.tag(*ids, parser.values(addOption), parser.values(removeOption));
    } else if (command == u"rate") {
        report = curator.rate(*ids, number);
    } else if (command == u"flag") {
        report = curator.flag(*ids, flag);
    } else if (command == u"label") {
        report = curator.label(*ids, number);
    } else {
        CurationReport total;
        for (const auto &[key, values] : std::as_const(assignments)) {
            auto one = curator.setAttribute(*ids, key, values);
            if (!one) {
                report = one.error();
                break;
            }
            total.shots = one->shots;
            total.changed = std::max(total.changed, one->changed);
        }
        if (report)
            report = total;
    }
    if (!report) {
        fail(command, report.error().message + u' ' + Tr::tr("Nothing was changed."));
        return UsageOrFatal;
    }
    const CurationReport &r = *report;
    if (parser.isSet(jsonOption)) {
        QJsonArray failures;
        for (const auto &[path, reason] : r.sidecarFailures)
            failures.append(QJsonObject{{QStringLiteral("sidecar"), path}, {QStringLiteral("reason"), reason}});
        out(jsonLine(QJsonObject{{QStringLiteral("matched"), r.shots},
                                 {QStringLiteral("changed"), r.changed},
                                 {QStringLiteral("sidecarsWritten"), r.sidecarsWritten},
                                 {QStringLiteral("sidecarFailures"), failures}}));
    } else {
        for (const auto &[path, reason] : r.sidecarFailures)
            out(Tr::tr("sidecar not written: %1: %2").arg(path, reason));
        QStringList counts{Tr::tr("%n shot(s) matched", nullptr, plural(r.shots)),
                           Tr::tr("%n changed", "shots", plural(r.changed)),
                           Tr::tr("%n sidecar(s) written", nullptr, plural(r.sidecarsWritten))};
        if (!r.sidecarFailures.isEmpty())
            counts.append(Tr::tr("%n sidecar(s) NOT written (the catalog has the change)", nullptr,
                                          plural(r.sidecarFailures.size())));
        out(counts.join(QStringLiteral(", ")) + u'.');
    }
    return r.sidecarFailures.isEmpty() ? Ok : SomeItemsFailed;
}

// `stills migrate`: archives -> photosets, JSON metadata, thumbnails, check; every step is
// idempotent, so running it again resumes where a killed run stopped.
int migrateCommand(const Global &g)
{
    QCommandLineParser parser;
    const QCommandLineOption archivesOption(QStringLiteral("archives"),
                                            Tr::tr("A folder of ZIP, RAR or 7z archives (searched recursively), "
                                                   "or one archive."),
                                            QStringLiteral("DIR"));
    const QCommandLineOption metadataOption(QStringLiteral("metadata"),
                                            Tr::tr("A folder of .json files, one per photoset, matched by name."),
                                            QStringLiteral("DIR"));
    const QCommandLineOption storageOption(QStringLiteral("storage"),
                                           Tr::tr("Where archives are unpacked (default: $STILLS_STORAGE, else %1).")
                                               .arg(paths::storageFolder()),
                                           QStringLiteral("DIR"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), Tr::tr("Report what would happen; change nothing."));
    const QCommandLineOption skipThumbnailsOption(QStringLiteral("skip-thumbnails"), Tr::tr("Do not build thumbnails."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), Tr::tr("Print the summary as JSON."));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")}, Tr::tr("No progress on stderr."));
    parser.addOptions({archivesOption, metadataOption, storageOption, dryRunOption, skipThumbnailsOption, jsonOption, quietOption});
    int exitCode = Ok;
    if (!parseCommand(parser, QStringLiteral("migrate"), g.rest,
                      Tr::tr("Bring a collection of archives and their JSON metadata into the catalog: unpack and "
                             "import each archive as a photoset (safely: images only, nothing outside the "
                             "storage folder, bombs refused), apply the metadata, build thumbnails, then check. "
                             "Run it again to resume; finished archives are skipped."),
                      exitCode))
        return exitCode;
    if (!parser.isSet(archivesOption) || !parser.positionalArguments().isEmpty()) {
        fail(QStringLiteral("migrate"), Tr::tr("give --archives DIR (and optionally --metadata DIR)."), true);
        return UsageOrFatal;
    }
    const bool dryRun = parser.isSet(dryRunOption);
    const bool json = parser.isSet(jsonOption);
    const bool showProgress = !parser.isSet(quietOption);
    auto catalog = openCatalog(g.catalog, dryRun ? Catalog::OpenMode::ReadOnly : Catalog::OpenMode::ReadWrite);
    if (!catalog && dryRun && catalog.error().code == Error::Code::NotFound)
        catalog = Catalog::open(CatalogUrl::sqliteInMemory());
    if (!catalog) {
        err(QStringLiteral("stills: %1").arg(catalog.error().message));
        return UsageOrFatal;
    }
    bool problems = false;
    QJsonObject report{{QStringLiteral("dryRun"), dryRun}};

    // 1. Archives.
    ArchiveImporter archives(**catalog);
    ArchiveImportOptions archiveOptions;
    archiveOptions.path = parser.value(archivesOption);
    archiveOptions.storageFolder = parser.value(storageOption);
    archiveOptions.dryRun = dryRun;
    ProgressPrinter archiveProgress(Tr::tr("Archives"), showProgress);
    archives.setProgressCallback([&](qint64 done, qint64 total) { archiveProgress.update(done, total); });
    QJsonArray archiveLines;
    archives.setArchiveCallback([&](const ArchiveResult &r) {
        QJsonArray refused;
        for (const ArchiveEntryNote &n : r.extraction.refused)
            refused.append(QJsonObject{{QStringLiteral("entry"), n.name}, {QStringLiteral("reason"), n.reason}});
        archiveLines.append(QJsonObject{{QStringLiteral("archive"), r.archive},
                                        {QStringLiteral("state"), ArchiveResult::stateName(r.state)},
                                        {QStringLiteral("message"), r.message},
                                        {QStringLiteral("folder"), r.extraction.folder},
                                        {QStringLiteral("images"), r.extraction.taken},
                                        {QStringLiteral("skippedEntries"), r.extraction.skipped.size()},
                                        {QStringLiteral("refusedEntries"), refused}});
        if (json)
            return;
        archiveProgress.finish();
        out(QStringLiteral("%1 %2: %3").arg(ArchiveResult::stateName(r.state), -9).arg(r.archive, r.message));
        for (const ArchiveEntryNote &n : r.extraction.refused)
            out(QStringLiteral("          refused %1: %2").arg(n.name, n.reason));
        if (r.import) {
            for (const ImportItem &item : r.import->problems)
                out(QStringLiteral("          %1 %2: %3").arg(ImportItem::actionName(item.action), item.path, item.detail));
        }
    });
    s_runningArchives.store(&archives);
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto imported = archives.run(archiveOptions);
    std::signal(SIGINT, previousInt);
    s_runningArchives.store(nullptr);
    archiveProgress.finish();
    if (!imported) {
        err(QStringLiteral("stills migrate: %1").arg(imported.error().message));
        return UsageOrFatal;
    }
    problems |= imported->hasProblems();
    report.insert(QStringLiteral("archives"), archiveLines);
    if (imported->cancelled) {
        fail(QStringLiteral("migrate"), Tr::tr("cancelled; run it again to resume."));
        if (json)
            out(jsonLine(report));
        return SomeItemsFailed;
    }
    if (!json)
        out(Tr::tr("Archives: %1.")
                .arg(QStringList{
                    Tr::tr("%n imported", "archives", plural(imported->count(ArchiveResult::State::Imported))),
                    Tr::tr("%n skipped (imported before)", "archives",
                                    plural(imported->count(ArchiveResult::State::Skipped))),
                    Tr::tr("%n partial", "archives", plural(imported->count(ArchiveResult::State::Partial))),
                    Tr::tr("%n refused", "archives", plural(imported->count(ArchiveResult::State::Refused))),
                    Tr::tr("%n failed", "archives", plural(imported->count(ArchiveResult::State::Failed)))}
                         .join(QStringLiteral(", "))));

    // 2. Metadata.
    if (parser.isSet(metadataOption)) {
        auto metadata = MetadataImporter(**catalog).run(parser.value(metadataOption), dryRun);
        if (!metadata) {
            err(QStringLiteral("stills migrate: %1").arg(metadata.error().message));
            return UsageOrFatal;
        }
        QJsonArray lines;
        for (const MetadataResult &r : metadata->files) {
            lines.append(QJsonObject{{QStringLiteral("file"), r.file},
                                     {QStringLiteral("photoset"), r.photoset},
                                     {QStringLiteral("state"), MetadataResult::stateName(r.state)},
                                     {QStringLiteral("message"), r.message}});
            const bool bad = r.state == MetadataResult::State::Malformed || r.state == MetadataResult::State::Failed
                || r.state == MetadataResult::State::Unmatched;
            problems |= bad;
            if (!json && bad)
                out(QStringLiteral("%1 %2: %3").arg(MetadataResult::stateName(r.state), -9).arg(r.file, r.message));
        }
        report.insert(QStringLiteral("metadata"), lines);
        if (!json)
            out(Tr::tr("Metadata: %1.")
                    .arg(QStringList{
                        Tr::tr("%n applied", "metadata files",
                                        plural(metadata->count(MetadataResult::State::Applied))),
                        Tr::tr("%n unchanged", "metadata files",
                                        plural(metadata->count(MetadataResult::State::Unchanged))),
                        Tr::tr("%n unmatched", "metadata files",
                                        plural(metadata->count(MetadataResult::State::Unmatched))),
                        Tr::tr("%n malformed", "metadata files",
                                        plural(metadata->count(MetadataResult::State::Malformed))),
                        Tr::tr("%n failed", "metadata files",
                                        plural(metadata->count(MetadataResult::State::Failed)))}
                             .join(QStringLiteral(", "))));
    }
    if (dryRun) {
        if (json)
            out(jsonLine(report));
        else
            out(Tr::tr("Dry run, nothing written."));
        return problems ? SomeItemsFailed : Ok;
    }

    // 3. Thumbnails.
    if (!parser.isSet(skipThumbnailsOption)) {
        ThumbnailBuilder builder(**catalog);
        ProgressPrinter progress(Tr::tr("Thumbnails"), showProgress);
        builder.setProgressCallback([&](qint64 done, qint64 total) { progress.update(done, total); });
        s_runningThumbnails.store(&builder);
        previousInt = std::signal(SIGINT, onInterrupt);
        auto built = builder.run(paths::cacheFolder(), 256, false, 0);
        std::signal(SIGINT, previousInt);
        s_runningThumbnails.store(nullptr);
        progress.finish();
        if (!built) {
            err(QStringLiteral("stills migrate: %1").arg(built.error().message));
            return UsageOrFatal;
        }
        report.insert(QStringLiteral("thumbnails"), QJsonObject{{QStringLiteral("built"), built->built},
                                                                {QStringLiteral("cached"), built->cached},
                                                                {QStringLiteral("failed"), built->failed}});
        if (!json)
            out(Tr::tr("Thumbnails: %1.")
                    .arg(QStringList{Tr::tr("%n built", "thumbnails", plural(built->built)),
                                     Tr::tr("%n already there", "thumbnails", plural(built->cached)),
                                     Tr::tr("%n failed", "thumbnails", plural(built->failed))}
                             .join(QStringLiteral(", "))));
        if (built->cancelled)
            return SomeItemsFailed;
    }

    // 4. Check.
    ProgressPrinter checkProgress(Tr::tr("Checking files"), showProgress);
    auto health = HealthCheck::run(**catalog, true, [&](qint64 done, qint64 total) {
        checkProgress.update(done, total);
        return true;
    });
    checkProgress.finish();
    if (!health) {
        err(QStringLiteral("stills migrate: %1").arg(health.error().message));
        return UsageOrFatal;
    }
    problems |= !health->healthy();
    report.insert(QStringLiteral("healthy"), health->healthy());
    report.insert(QStringLiteral("missingFiles"), QJsonArray::fromStringList(health->missingFiles));
    if (json)
        out(jsonLine(report));
    else
        out(Tr::tr("Check: %1, %2; %3")
                .arg(Tr::tr("%n shot(s)", nullptr, plural(health->shots)),
                     Tr::tr("%n missing file(s)", nullptr, plural(health->missingFiles.size())),
                     health->healthy() ? Tr::tr("healthy.")
                                       : Tr::tr("needs attention (see `stills check`).")));
    return problems ? SomeItemsFailed : Ok;
}

// `stills export QUERY --to OUT`: originals or crops, caption sidecars, manifest.
int exportCommand(const Global &g)
{
    QCommandLineParser parser;
    const QCommandLineOption toOption(QStringLiteral("to"), Tr::tr("OUT.zip, or a folder that does not exist yet."),
                                      QStringLiteral("OUT"));
    const QCommandLineOption recipeOption(QStringLiteral("recipe"), Tr::tr("Use the saved export recipe NAME."),
                                          QStringLiteral("NAME"));
    const QCommandLineOption saveOption(QStringLiteral("save-recipe"),
                                        Tr::tr("Save this command's choices as recipe NAME (replaces one of that name)."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption cropsOption(QStringLiteral("crops"), Tr::tr("Export the crop NAME of each shot (the whole image where it has none)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption allCropsOption(QStringLiteral("all-crops"), Tr::tr("Export every named crop of each shot."));
    const QCommandLineOption maxEdgeOption(QStringLiteral("max-edge"), Tr::tr("Scale down to this long edge."),
                                           QStringLiteral("PX"));
    const QCommandLineOption trainingOption(QStringLiteral("training-size"),
                                            Tr::tr("Scale and centre-cut to a PX x PX square."), QStringLiteral("PX"));
    const QCommandLineOption formatOption(QStringLiteral("format"), Tr::tr("jpeg, png or webp (re-encodes)."),
                                          QStringLiteral("FORMAT"));
    const QCommandLineOption qualityOption(QStringLiteral("quality"), Tr::tr("JPEG/WebP quality 1-100 (default 92)."),
                                           QStringLiteral("Q"));
    const QCommandLineOption captionOption(QStringLiteral("caption"), Tr::tr("Caption sidecars: txt (default), caption or none."),
                                           QStringLiteral("EXT"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), Tr::tr("Print the summary as JSON."));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")}, Tr::tr("No progress on stderr."));
    const QCommandLineOption savedOption(QStringLiteral("saved-search"),
        Tr::tr("Export the shots of the saved search NAME (a smart photoset of the window); a QUERY, if given, "
               "narrows it further."),
        QStringLiteral("NAME"));
    parser.addOptions({toOption, recipeOption, saveOption, cropsOption, allCropsOption, maxEdgeOption, trainingOption,
                       formatOption, qualityOption, captionOption, jsonOption, quietOption, savedOption});
    parser.addPositionalArgument(QStringLiteral("QUERY"), Tr::tr("Which shots (see `stills --help`); \"\" for all, "
                                                                 "photoset:NAME for a photoset."));
    int exitCode = Ok;
    if (!parseCommand(parser, QStringLiteral("export"), g.rest,
                      Tr::tr("Export the shots matching QUERY to a ZIP or a folder: originals or crops rendered "
                             "from them, one caption sidecar per image and metadata.jsonl. Nothing is written "
                             "under the target name unless the export finishes."),
                      exitCode))
        return exitCode;
    const qsizetype queries = parser.positionalArguments().size();
    if (queries > 1 || (queries == 0 && !parser.isSet(savedOption)) || !parser.isSet(toOption)) {
        fail(QStringLiteral("export"), Tr::tr("give one QUERY (or --saved-search NAME) and --to OUT."), true);
        return UsageOrFatal;
    }
    ExportRecipeStore store;
    ExportRecipe recipe;
    if (parser.isSet(recipeOption)) {
        auto loaded = store.load(parser.value(recipeOption));
        if (!loaded) {
            err(QStringLiteral("stills export: %1").arg(loaded.error().message));
            return UsageOrFatal;
        }
        recipe = *loaded;
    }
    auto number = [&](const QCommandLineOption &option, int &into) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        into = parser.value(option).toInt(&ok);
        return ok;
    };
    if (parser.isSet(cropsOption) || parser.isSet(allCropsOption)) {
        recipe.images = ExportRecipe::Images::Crops;
        recipe.cropName = parser.value(cropsOption);
    }
    if (parser.isSet(formatOption))
        recipe.format = parser.value(formatOption).toLower() == u"jpg" ? QStringLiteral("jpeg") : parser.value(formatOption).toLower();
    if (parser.isSet(captionOption)) {
        const QString c = parser.value(captionOption);
        recipe.caption = c == u"none" ? ExportRecipe::Caption::None
            : c == u"caption"          ? ExportRecipe::Caption::Caption
                                       : ExportRecipe::Caption::Txt;
        if (c != u"none" && c != u"caption" && c != u"txt") {
            fail(QStringLiteral("export"), Tr::tr("--caption is txt, caption or none."));
            return UsageOrFatal;
        }
    }
    if (!number(maxEdgeOption, recipe.maxEdge) || !number(trainingOption, recipe.trainingSize)
        || !number(qualityOption, recipe.quality)) {
        fail(QStringLiteral("export"), Tr::tr("--max-edge, --training-size and --quality take numbers."));
        return UsageOrFatal;
    }
    if (auto valid = recipe.validate(); !valid) {
        err(QStringLiteral("stills export: %1").arg(valid.error().message));
        return UsageOrFatal;
    }
    if (parser.isSet(saveOption)) {
        recipe.name = parser.value(saveOption);
        if (auto saved = store.save(recipe); !saved) {
            err(QStringLiteral("stills export: %1").arg(saved.error().message));
            return UsageOrFatal;
        }
    }
    auto catalog = openCatalog(g.catalog, Catalog::OpenMode::ReadOnly);
    if (!catalog) {
        err(QStringLiteral("stills: %1").arg(catalog.error().message));
        return UsageOrFatal;
    }
    QString queryText = queries > 0 ? parser.positionalArguments().first() : QString();
    if (parser.isSet(savedOption)) {
        auto saved = SavedSearchRepository(**catalog).findByName(parser.value(savedOption));
        if (!saved) {
            err(QStringLiteral("stills export: %1").arg(saved.error().message));
            return UsageOrFatal;
        }
        if (!*saved) {
            fail(QStringLiteral("export"),
                 Tr::tr("there is no saved search called \"%1\".").arg(parser.value(savedOption)));
            return UsageOrFatal;
        }
        queryText = QString((*saved)->query + u' ' + queryText).trimmed();
    }
    auto ids = Exporter::resolveQuery(**catalog, queryText);
    if (!ids) {
        err(QStringLiteral("stills export: %1").arg(ids.error().message));
        return UsageOrFatal;
    }
    Exporter exporter(**catalog);
    ProgressPrinter progress(Tr::tr("Exporting"), !parser.isSet(quietOption));
    exporter.setProgressCallback([&](qint64 done, qint64 total) { progress.update(done, total); });
    ExportOptions options;
    options.shotIds = *ids;
    options.target = parser.value(toOption);
    options.recipe = recipe;
    s_runningExport.store(&exporter);
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    auto result = exporter.run(options);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    s_runningExport.store(nullptr);
    progress.finish();
    if (!result) {
        err(QStringLiteral("stills export: %1").arg(result.error().message));
        return result.error().code == Error::Code::Cancelled ? SomeItemsFailed : UsageOrFatal;
    }
    const ExportSummary &s = *result;
    if (parser.isSet(jsonOption)) {
        QJsonArray problems;
        for (const ExportProblem &p : s.problems)
            problems.append(QJsonObject{{QStringLiteral("path"), p.path}, {QStringLiteral("reason"), p.reason}});
        out(jsonLine(QJsonObject{{QStringLiteral("target"), s.target},
                                 {QStringLiteral("shots"), s.shots},
                                 {QStringLiteral("images"), s.images},
                                 {QStringLiteral("sidecars"), s.sidecars},
                                 {QStringLiteral("bytes"), s.bytes},
                                 {QStringLiteral("skipped"), s.skipped},
                                 {QStringLiteral("problems"), problems}}));
    } else {
        for (const ExportProblem &p : s.problems)
            out(QStringLiteral("skipped     %1: %2").arg(p.path, p.reason)); // a status word, as in --json
        //: %1 images, %2 caption files, %3 shots, %4 the ZIP or folder, %5 shots skipped.
        out(Tr::tr("Exported %1 (%2) from %3 to %4; %5.")
                .arg(Tr::tr("%n image(s)", nullptr, plural(s.images)),
                     Tr::tr("%n caption file(s)", nullptr, plural(s.sidecars)),
                     Tr::tr("%n shot(s)", nullptr, plural(s.shots)), s.target,
                     Tr::tr("%n skipped", "shots", plural(s.skipped))));
    }
    return s.skipped > 0 ? SomeItemsFailed : Ok;
}


// `stills caption QUERY`: a caption job over the matching shots, with the built-in generator, an
// OpenAI-compatible server or a TorchScript model; resumable with --resume JOB.
int captionCommand(const Global &g)
{
    QCommandLineParser parser;
    const QCommandLineOption generatorOption(
        QStringLiteral("generator"),
        //: Keep the words builtin, openai and torchscript: they are what one types.
        Tr::tr("builtin (default: composed from the pixels, attributes, tags and lens; no model), openai "
               "(an OpenAI-compatible server with a vision model: llama.cpp, Ollama, vLLM, LM Studio) or "
               "torchscript (a TorchScript model run by stills-infer)."),
        QStringLiteral("NAME"));
    const QCommandLineOption onlyUneditedOption(QStringLiteral("only-unedited"),
                                                Tr::tr("Leave alone the shots whose caption was typed by hand."));
    const QCommandLineOption resumeOption(QStringLiteral("resume"),
                                          Tr::tr("Run caption job JOB again: the shots it captioned already are "
                                                 "skipped, the others (failed, not reached) are captioned."),
                                          QStringLiteral("JOB"));
    const QCommandLineOption urlOption(QStringLiteral("url"),
                                       Tr::tr("openai: the server's URL, e.g. http://localhost:8080/v1 "
                                              "(default: the one in Preferences)."),
                                       QStringLiteral("URL"));
    const QCommandLineOption modelOption(QStringLiteral("model"),
                                         Tr::tr("openai: the model (default: the one in Preferences)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption promptOption(
        QStringLiteral("prompt"),
        Tr::tr("openai: the prompt; {tags}, {attributes}, {title}, {lens}, {camera} and {file} are filled "
               "in per shot (default: the one in Preferences)."),
        QStringLiteral("TEXT"));
    const QCommandLineOption modelFileOption(
        QStringLiteral("model-file"),
        Tr::tr("torchscript: the model file (default: the one in Preferences, with its input size, mean and std)."),
        QStringLiteral("PATH"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           Tr::tr("openai and torchscript: fail a shot when the server or the model "
                                                  "answers nothing for this long (default 120)."),
                                           QStringLiteral("SECONDS"));
    const QCommandLineOption printOption(QStringLiteral("print"),
                                         Tr::tr("Print each new caption: the image's path, a tab, the caption."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), Tr::tr("Print the summary as JSON."));
    const QCommandLineOption quietOption({QStringLiteral("q"), QStringLiteral("quiet")}, Tr::tr("No progress on stderr."));
    parser.addOptions({generatorOption, onlyUneditedOption, resumeOption, urlOption, modelOption, promptOption,
                       modelFileOption, timeoutOption, printOption, jsonOption, quietOption});
    parser.addPositionalArgument(QStringLiteral("QUERY"), Tr::tr("Which shots (see `stills --help`); \"\" for all, "
                                                                 "photoset:NAME for a photoset."));
    int exitCode = Ok;
    if (!parseCommand(parser, QStringLiteral("caption"), g.rest,
                      //: %1 is the path of the secrets file.
                      Tr::tr("Caption the shots matching QUERY. Each caption is stored as a new version with its "
                             "source (generator, model, prompt) and becomes the current one; earlier versions stay "
                             "in the history. A shot that fails is listed with the reason and the rest goes on. "
                             "The API key of an openai server is read from %1 (key caption/apiKey), never from "
                             "the command line or the catalog.")
                          .arg(Settings::secretsFile()),
                      exitCode))
        return exitCode;
    const QString command = QStringLiteral("caption");
    const QStringList positional = parser.positionalArguments();
    const bool resuming = parser.isSet(resumeOption);
    if (resuming ? !positional.isEmpty() : positional.size() != 1) {
        fail(command, Tr::tr("give one QUERY, or --resume JOB without one."), true);
        return UsageOrFatal;
    }
    qint64 resumeJob = 0;
    if (resuming) {
        bool ok = false;
        resumeJob = parser.value(resumeOption).toLongLong(&ok);
        if (!ok || resumeJob <= 0) {
            fail(command, Tr::tr("--resume takes a job number."));
            return UsageOrFatal;
        }
        if (parser.isSet(onlyUneditedOption)) {
            fail(command, Tr::tr("a resumed job keeps its own --only-unedited; leave it out."));
            return UsageOrFatal;
        }
    }
    const QStringList generatorNames{QStringLiteral("builtin"), QStringLiteral("openai"), QStringLiteral("torchscript")};
    QString generatorName = parser.value(generatorOption).trimmed().toLower();
    if (!generatorName.isEmpty() && !generatorNames.contains(generatorName)) {
        fail(command, Tr::tr("--generator is builtin, openai or torchscript, not \"%1\".").arg(parser.value(generatorOption)));
        return UsageOrFatal;
    }
    bool timeoutOk = true;
    const int timeout = parser.isSet(timeoutOption) ? parser.value(timeoutOption).toInt(&timeoutOk) : 120;
    if (!timeoutOk || timeout < 1 || timeout > 24 * 3600) {
        fail(command, Tr::tr("--timeout takes a number of seconds (1 to 86400)."));
        return UsageOrFatal;
    }

    auto catalog = openCatalog(g.catalog, Catalog::OpenMode::ReadWrite);
    if (!catalog) {
        fail(QString(), catalog.error().message);
        return UsageOrFatal;
    }
    QList<qint64> ids;
    if (resuming) {
        auto job = JobRepository(**catalog).get(resumeJob);
        if (!job) {
            fail(command, job.error().message);
            return UsageOrFatal;
        }
        // Resumed with the generator it was started with, unless told otherwise (then it is refused).
        if (generatorName.isEmpty())
            generatorName = job->parameters.value(QStringLiteral("generator")).toString();
    } else {
        auto query = parseQuery(**catalog, positional.first());
        if (!query) {
            fail(command, query.error().message);
            return UsageOrFatal;
        }
        auto matching = matchingIds(**catalog, *query);
        if (!matching) {
            fail(command, matching.error().message);
            return UsageOrFatal;
        }
        ids = *matching;
    }

    const bool openAi = generatorName == u"openai";
    const bool torchScript = generatorName == u"torchscript";
    if (!openAi && (parser.isSet(urlOption) || parser.isSet(modelOption) || parser.isSet(promptOption))) {
        fail(command, Tr::tr("--url, --model and --prompt are for --generator openai."));
        return UsageOrFatal;
    }
    if (!torchScript && parser.isSet(modelFileOption)) {
        fail(command, Tr::tr("--model-file is for --generator torchscript."));
        return UsageOrFatal;
    }
    if (!openAi && !torchScript && parser.isSet(timeoutOption)) {
        fail(command, Tr::tr("--timeout is for --generator openai or torchscript."));
        return UsageOrFatal;
    }
    std::unique_ptr<CaptionGenerator> generator;
    if (openAi) {
        const Settings settings = Settings::load();
        OpenAiCaptionGenerator::Options options;
        options.url = parser.isSet(urlOption) ? parser.value(urlOption) : settings.caption.serverUrl;
        options.model = parser.isSet(modelOption) ? parser.value(modelOption) : settings.caption.model;
        options.promptTemplate = parser.isSet(promptOption) ? parser.value(promptOption) : settings.caption.promptTemplate;
        options.idleTimeoutSeconds = timeout;
        if (!OpenAiCaptionGenerator::endpoint(options.url).isValid()) {
            fail(command, Tr::tr("\"%1\" is not an http:// or https:// URL of a server.").arg(options.url));
            return UsageOrFatal;
        }
        auto key = Settings::captionApiKey();
        if (!key) {
            fail(command, key.error().message);
            return UsageOrFatal;
        }
        options.apiKey = *key;
        generator = std::make_unique<OpenAiCaptionGenerator>(options);
    } else if (torchScript) {
        const Settings settings = Settings::load();
        InferenceOptions options;
        options.modelPath = parser.isSet(modelFileOption) ? parser.value(modelFileOption) : settings.caption.torchModelPath;
        options.inputSize = settings.caption.inputSize;
        options.mean = settings.caption.mean;
        options.std = settings.caption.std;
        options.timeoutMs = timeout * 1000;
        if (options.modelPath.trimmed().isEmpty()) {
            fail(command, Tr::tr("no TorchScript model is chosen: give --model-file PATH, or choose one in "
                                 "Preferences, Captions."));
            return UsageOrFatal;
        }
        if (!QFileInfo(options.modelPath).isFile()) {
            fail(command, Tr::tr("the TorchScript model %1 does not exist.").arg(options.modelPath));
            return UsageOrFatal;
        }
        options.modelPath = QFileInfo(options.modelPath).absoluteFilePath();
        generator = std::make_unique<TorchScriptCaptionGenerator>(options);
    } else {
        generator = std::make_unique<BuiltinCaptionGenerator>();
    }

    Captioner captioner(**catalog, *generator);
    ProgressPrinter progress(Tr::tr("Captioning"), !parser.isSet(quietOption));
    captioner.setProgressCallback([&](qint64 done, qint64 total) { progress.update(done, total); });
    const bool json = parser.isSet(jsonOption);
    if (parser.isSet(printOption) && !json) {
        ShotRepository shots(**catalog);
        captioner.setCaptionCallback([&, shots](const Caption &caption) mutable {
            auto shot = shots.get(caption.shotId);
            progress.finish();
            out(QStringLiteral("%1\t%2").arg(shot ? shot->path : QString::number(caption.shotId), caption.text));
        });
    }
    s_runningCaptioner.store(&captioner);
    auto previousInt = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    auto result = resuming ? captioner.resume(resumeJob) : captioner.run({ids, parser.isSet(onlyUneditedOption)});
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    s_runningCaptioner.store(nullptr);
    progress.finish();
    if (!result) {
        fail(command, result.error().message);
        return UsageOrFatal;
    }
    const CaptionRunSummary &s = *result;
    if (json) {
        QJsonArray failures;
        for (const CaptionFailure &f : s.failures)
            failures.append(QJsonObject{{QStringLiteral("shot"), f.shotId},
                                        {QStringLiteral("path"), f.path},
                                        {QStringLiteral("reason"), f.reason}});
        out(jsonLine(QJsonObject{{QStringLiteral("job"), s.jobId},
                                 {QStringLiteral("generator"), generator->name()},
                                 {QStringLiteral("model"), generator->model()},
                                 {QStringLiteral("state"), Job::stateName(s.state)},
                                 {QStringLiteral("shots"), s.shots},
                                 {QStringLiteral("captioned"), s.captioned},
                                 {QStringLiteral("skippedEdited"), s.skippedEdited},
                                 {QStringLiteral("skippedDone"), s.skippedDone},
                                 {QStringLiteral("failed"), s.failed},
                                 {QStringLiteral("cancelled"), s.cancelled},
                                 {QStringLiteral("failures"), failures}}));
    } else {
        for (const CaptionFailure &f : s.failures)
            out(QStringLiteral("failed      %1: %2").arg(f.path, f.reason)); // a status word, as in --json
        const QString with = generator->model().isEmpty()
            ? generator->name()
            : QStringLiteral("%1 (%2)").arg(generator->name(), generator->model());
        //: "3 of 5 shots": %1 is the number captioned, %n the number in the job.
        const QString shots = Tr::tr("%1 of %n shot(s)", nullptr, plural(s.shots)).arg(s.captioned);
        const QString failed = Tr::tr("%n failed", "shots", plural(s.failed));
        const QString byHand = Tr::tr("%n left alone (typed by hand)", "shots", plural(s.skippedEdited));
        const QString job = QString::number(s.jobId);
        QString line = s.cancelled
            //: %1 "3 of 5 shots", %2 the generator (and its model), %3 the job's number, %4 "1 failed",
            //: %5 "0 left alone (typed by hand)".
            ? Tr::tr("Cancelled; captioned %1 with %2 (job %3): %4, %5").arg(shots, with, job, failed, byHand)
            //: %1 "3 of 5 shots", %2 the generator (and its model), %3 the job's number, %4 "1 failed",
            //: %5 "0 left alone (typed by hand)".
            : Tr::tr("Captioned %1 with %2 (job %3): %4, %5").arg(shots, with, job, failed, byHand);
        if (s.skippedDone > 0)
            line += Tr::tr(", %n captioned by this job before", "shots", plural(s.skippedDone));
        line += u'.';
        if (s.cancelled)
            line += u' ' + Tr::tr("Run `stills caption --resume %1` to go on.").arg(job);
        else if (s.failed > 0)
            line += u' ' + Tr::tr("Run `stills caption --resume %1` to try the failed ones again.").arg(job);
        out(line);
    }
    return (s.failed > 0 || s.cancelled) ? SomeItemsFailed : Ok;
}
} // namespace

bool wantsCommandLine(const QStringList &arguments)
{
    // Qt's own options for the window (QGuiApplication/QApplication), with and without a value.
    static const QStringList qtOptionsWithValue = {
        QStringLiteral("-platform"), QStringLiteral("-platformpluginpath"), QStringLiteral("-platformtheme"),
        QStringLiteral("-plugin"), QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowtitle"),
        QStringLiteral("-qwindowicon"), QStringLiteral("-style"), QStringLiteral("-stylesheet"),
        QStringLiteral("-session"), QStringLiteral("-display"), QStringLiteral("-geometry")};
    static const QStringList qtFlags = {QStringLiteral("-reverse"), QStringLiteral("-widgetcount"),
                                        QStringLiteral("-nograb"), QStringLiteral("-dograb"), QStringLiteral("-sync")};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--catalog" || a == u"-c") {
            if (i + 1 >= arguments.size())
                return true; // let the command line explain what is missing
            ++i;
            continue;
        }
        if (a.startsWith(u"--catalog="))
            continue;
        if (qtOptionsWithValue.contains(a)) {
            ++i;
            continue;
        }
        if (qtFlags.contains(a))
            continue;
        // A command (known or not), --help, --version, or an option the window does not know:
        // the command line answers, with a usage error where due, instead of opening a window.
        return true;
    }
    return false;
}

QString catalogArgument(const QStringList &arguments)
{
    return parseGlobal(arguments).catalog;
}

bool hasCatalogArgument(const QStringList &arguments)
{
    return std::any_of(arguments.cbegin(), arguments.cend(), [](const QString &a) {
        return a == u"--catalog" || a == u"-c" || a.startsWith(u"--catalog=");
    });
}

int run(const QStringList &arguments)
{
    const Global g = parseGlobal(arguments);
    if (!g.error.isEmpty()) {
        fail(QString(), g.error, true);
        return UsageOrFatal;
    }
    if (g.version) {
        out(QStringLiteral("stills %1 (Qt %2)").arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
        return Ok;
    }
    if (g.help || g.command.isEmpty()) {
        out(mainHelp());
        return g.help ? Ok : UsageOrFatal;
    }
    if (g.command == u"import")
        return importCommand(g);
    if (g.command == u"list")
        return listCommand(g);
    if (g.command == u"check")
        return checkCommand(g);
    if (g.command == u"thumbnails")
        return thumbnailsCommand(g);
    if (g.command == u"facets")
        return facetsCommand(g);
    if (g.command == u"migrate")
        return migrateCommand(g);
    if (g.command == u"export")
        return exportCommand(g);
    if (g.command == u"caption")
        return captionCommand(g);
    if (g.command == u"tag" || g.command == u"rate" || g.command == u"flag" || g.command == u"label"
        || g.command == u"set")
        return editCommand(g);
    fail(QString(),
         Tr::tr("unknown command \"%1\"; the commands are %2.").arg(g.command, kCommands.join(QStringLiteral(", "))),
         true);
    return UsageOrFatal;
}

} // namespace stills::cli
