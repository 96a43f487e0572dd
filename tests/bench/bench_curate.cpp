// bench_curate CATALOG_URL [CATALOG_URL...] [--word WORD]: the curate issue's numbers on (generated)
// catalogs, e.g. the same 1M-shot catalog on SQLite and on PostgreSQL side by side:
//   gen_catalog /tmp/m.db 1000000 --photosets 200
//   gen_catalog postgresql://postgres@127.0.0.1:PORT/bench 1000000 --photosets 200
//   bench_curate sqlite:///tmp/m.db postgresql://postgres@127.0.0.1:PORT/bench
// Prints each measurement next to its target, then one summary line per catalog; it does not
// assert. Opening an older catalog migrates it, which is timed too.
#include "catalog/attributerepository.h"
#include "catalog/catalog.h"
#include "catalog/catalogurl.h"
#include "catalog/facets.h"
#include "catalog/queryparser.h"
#include "catalog/searchindex.h"
#include "catalog/sqlhelpers.h"
#include "curating/curator.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace stills;

namespace {

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_curate: %s\n", qPrintable(message));
    std::exit(1);
}

// Best of `runs` after one warm-up, in milliseconds.
double bestOf(int runs, const std::function<void()> &work)
{
    work();
    double best = 1e9;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        best = std::min(best, timer.nsecsElapsed() / 1e6);
    }
    return best;
}

void report(const char *what, double ms, double targetMs, const QString &detail)
{
    std::printf("%-44s %9.2f ms   target < %6.0f ms  %s   (%s)\n", what, ms, targetMs,
                ms < targetMs ? "ok  " : "SLOW", qPrintable(detail));
}

ShotQuery parsed(const QString &text, const QList<Attribute> &vocabulary)
{
    auto query = QueryParser::parse(text, vocabulary);
    if (!query)
        die(query.error().message);
    return *query;
}

struct Numbers {
    QString catalog;
    double facetsMs = 0;
    double pageMs = 0; // the slowest keyset page
    double searchMs = 0;
    double tagMs = 0;
};

Numbers benchCatalog(const CatalogUrl &url, const QString &word)
{
    Numbers numbers;
    numbers.catalog = url.toDisplayString();
    std::printf("\n== %s\n", qPrintable(numbers.catalog));
    QElapsedTimer openTimer;
    openTimer.start();
    auto opened = Catalog::open(url);
    if (!opened)
        die(opened.error().message);
    const CatalogPtr catalog = *opened;
    std::printf("open (and migrate to schema %d if needed): %.1f s\n", catalog->schemaVersion(),
                openTimer.nsecsElapsed() / 1e9);

    auto vocabulary = AttributeRepository(*catalog).all();
    if (!vocabulary || vocabulary->size() < 3)
        die(QStringLiteral("the catalog needs at least three attributes"));
    auto total = SearchIndex::count(*catalog, {});
    if (!total)
        die(total.error().message);
    std::printf("%lld shots\n", *total);

    // A 3-value filter: the first option of the first three attributes.
    QString filterText;
    for (int i = 0; i < 3; ++i)
        filterText += vocabulary->at(i).key + u':' + vocabulary->at(i).options.constFirst().value + u' ';
    const ShotQuery filter = parsed(filterText.trimmed(), *vocabulary);
    auto filtered = SearchIndex::count(*catalog, filter);
    if (!filtered)
        die(filtered.error().message);

    qint64 facetValues = 0;
    numbers.facetsMs = bestOf(5, [&] {
        auto facets = Facets::compute(*catalog, filter);
        if (!facets)
            die(facets.error().message);
        facetValues = facets->size();
    });
    report("facet counts, all attributes, 3-value filter", numbers.facetsMs, 150,
           QStringLiteral("%1 -> %2 shots, %3 values").arg(filterText.trimmed()).arg(*filtered).arg(facetValues));

    const ShotQuery text = parsed(word, *vocabulary);
    auto hits = SearchIndex::count(*catalog, text);
    if (!hits)
        die(hits.error().message);
    qsizetype pageRows = 0;
    numbers.searchMs = bestOf(10, [&] {
        auto page = SearchIndex::page(*catalog, text, 0, 256);
        if (!page)
            die(page.error().message);
        pageRows = page->size();
    });
    report("text search, first page of 256", numbers.searchMs, 10,
           QStringLiteral("\"%1\": %2 hits, %3 on the page").arg(word).arg(*hits).arg(pageRows));

    const double countMs = bestOf(10, [&] {
        if (auto n = SearchIndex::count(*catalog, text); !n)
            die(n.error().message);
    });
    report("text search, count", countMs, 10, word);

    auto keysetPage = [&](const ShotQuery &query, const char *what, const QString &detail, qint64 after) {
        const double ms = bestOf(10, [&] {
            auto page = SearchIndex::page(*catalog, query, after, 256);
            if (!page)
                die(page.error().message);
            pageRows = page->size();
        });
        report(what, ms, 5, detail.arg(after).arg(pageRows));
        numbers.pageMs = std::max(numbers.pageMs, ms);
    };
    for (const qint64 after : {qint64(0), *total / 2, *total - 5000})
        keysetPage(filter, "keyset page of 256, 3-value filter", QStringLiteral("after id %1, %2 rows"), after);
    // One value of each of three attributes that most shots have: many matches, so the page
    // ends early in the id order (the opposite case of the rare 3-value filter above).
    QString commonText;
    for (int i = 0; i < 3; ++i) {
        const Attribute &a = vocabulary->at(i);
        commonText += u'-' + a.key + u':' + a.options.constFirst().value + u' ';
    }
    const ShotQuery common = parsed(commonText.trimmed(), *vocabulary);
    keysetPage(common, "keyset page of 256, 3 exclusions", QStringLiteral("after id %1, %2 rows"), *total / 2);
    const ShotQuery rated = parsed(QStringLiteral("rating>=3 -flag:reject"), *vocabulary);
    keysetPage(rated, "keyset page of 256, rating>=3 -flag:reject", QStringLiteral("after id %1, %2 rows"), *total / 2);
    const ShotQuery tagged = parsed(QStringLiteral("tag:Mood rating>=2"), *vocabulary);
    keysetPage(tagged, "keyset page of 256, tag:Mood rating>=2", QStringLiteral("after id %1, %2 rows"), *total / 2);
    // A rare tag with a condition: the id windows widen until the page is full (or the ids end).
    const ShotQuery rare = parsed(QStringLiteral("tag:\"Projects/Pitch deck\" rating>=4 flag:pick"), *vocabulary);
    keysetPage(rare, "keyset page of 256, rare tag + rating + flag", QStringLiteral("after id %1, %2 rows"), *total / 2);

    // Batch tagging of a 10,000-shot selection (catalog only: the generated paths have no folders
    // to hold sidecars). Add, then remove, so that the catalog is left as it was.
    QList<qint64> selection;
    for (qint64 id = *total / 3; selection.size() < 10000; ++id)
        selection.append(id);
    Curator curator(*catalog);
    curator.setWriteSidecars(false);
    QElapsedTimer tagTimer;
    tagTimer.start();
    auto tagResult = curator.tag(selection, {QStringLiteral("Bench/Batch tag")}, {});
    numbers.tagMs = tagTimer.nsecsElapsed() / 1e6;
    if (!tagResult)
        die(tagResult.error().message);
    report("batch-tag 10,000 selected shots", numbers.tagMs, 1000,
           QStringLiteral("%1 changed, search documents refreshed in the transaction").arg(tagResult->changed));
    auto found = SearchIndex::count(*catalog, parsed(QStringLiteral("\"batch tag\""), *vocabulary));
    if (!found || *found != tagResult->changed)
        die(QStringLiteral("the tagged shots are not all found by text search (%1 of %2)")
                .arg(found ? *found : -1)
                .arg(tagResult->changed));
    QElapsedTimer untagTimer;
    untagTimer.start();
    if (auto untagged = curator.tag(selection, {}, {QStringLiteral("Bench/Batch tag")}); !untagged)
        die(untagged.error().message);
    report("batch-untag 10,000 selected shots", untagTimer.nsecsElapsed() / 1e6, 1000, QStringLiteral("the same selection"));

    // Batch rating and flagging of the same selection, then each shot's value put back (untimed),
    // so that the catalog is left as it was.
    auto batchColumn = [&](const char *what, const QString &field, const QString &column, int value,
                           const std::function<Result<CurationReport>()> &edit) {
        auto db = catalog->database();
        if (!db)
            die(db.error().message);
        QHash<int, QList<qint64>> before;
        {
            auto rows = sql::run(*db, QStringLiteral("SELECT id, %1 FROM shots WHERE id BETWEEN ? AND ?").arg(column),
                                 {selection.constFirst(), selection.constLast()});
            if (!rows)
                die(rows.error().message);
            while (rows->next())
                before[rows->value(1).toInt()].append(rows->value(0).toLongLong());
        }
        QElapsedTimer timer;
        timer.start();
        auto edited = edit();
        const double ms = timer.nsecsElapsed() / 1e6;
        if (!edited)
            die(edited.error().message);
        report(what, ms, 1000, QStringLiteral("%1 changed").arg(edited->changed));
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (it.key() != value) {
                if (auto back = curator.putBack(field, it.value(), it.key(), value); !back)
                    die(back.error().message);
            }
        }
    };
    batchColumn("batch-rate 10,000 selected shots (5 stars)", QStringLiteral("rating"), QStringLiteral("rating"), 5,
                [&] { return curator.rate(selection, 5); });
    batchColumn("batch-flag 10,000 selected shots (pick)", QStringLiteral("flag"), QStringLiteral("flag"), 1,
                [&] { return curator.flag(selection, Shot::Flag::Picked); });
    return numbers;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString word = QStringLiteral("0198");
    if (const qsizetype i = args.indexOf(QStringLiteral("--word")); i >= 0 && i + 1 < args.size()) {
        word = args.at(i + 1);
        args.remove(i, 2);
    }
    if (args.isEmpty())
        die(QStringLiteral("usage: bench_curate CATALOG_URL [CATALOG_URL...] [--word WORD]"));
    QList<Numbers> all;
    for (const QString &arg : std::as_const(args)) {
        auto url = CatalogUrl::parse(arg);
        if (!url)
            die(url.error().message);
        all.append(benchCatalog(*url, word));
    }
    std::printf("\n%-48s %12s %14s %12s %14s\n", "catalog", "facets ms", "worst page ms", "search ms",
                "tag 10k ms");
    std::printf("%-48s %12s %14s %12s %14s\n", "target", "< 150", "< 5", "< 10", "< 1000");
    for (const Numbers &n : std::as_const(all))
        std::printf("%-48s %12.2f %14.2f %12.2f %14.1f\n", qPrintable(n.catalog.left(48)), n.facetsMs, n.pageMs,
                    n.searchMs, n.tagMs);
    return 0;
}
