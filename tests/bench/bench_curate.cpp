// bench_curate CATALOG_URL [WORD]: the curate issue's numbers on a (generated) catalog.
// Prints each measurement next to its target; it does not assert. Opening a schema-1 catalog
// migrates it (builds the search index), which is timed too.
#include "catalog/attributerepository.h"
#include "catalog/catalog.h"
#include "catalog/catalogurl.h"
#include "catalog/facets.h"
#include "catalog/queryparser.h"
#include "catalog/searchindex.h"
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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        die(QStringLiteral("usage: bench_curate CATALOG_URL [WORD]"));
    auto url = CatalogUrl::parse(args.at(1));
    if (!url)
        die(url.error().message);

    QElapsedTimer openTimer;
    openTimer.start();
    auto opened = Catalog::open(*url);
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
    const double facetMs = bestOf(5, [&] {
        auto facets = Facets::compute(*catalog, filter);
        if (!facets)
            die(facets.error().message);
        facetValues = facets->size();
    });
    report("facet counts, all attributes, 3-value filter", facetMs, 150,
           QStringLiteral("%1 -> %2 shots, %3 values").arg(filterText.trimmed()).arg(*filtered).arg(facetValues));

    const QString word = args.size() > 2 ? args.at(2) : QStringLiteral("0198");
    const ShotQuery text = parsed(word, *vocabulary);
    auto hits = SearchIndex::count(*catalog, text);
    if (!hits)
        die(hits.error().message);
    qsizetype pageRows = 0;
    const double searchMs = bestOf(10, [&] {
        auto page = SearchIndex::page(*catalog, text, 0, 256);
        if (!page)
            die(page.error().message);
        pageRows = page->size();
    });
    report("text search, first page of 256", searchMs, 10,
           QStringLiteral("\"%1\": %2 hits, %3 on the page").arg(word).arg(*hits).arg(pageRows));

    const double countMs = bestOf(10, [&] {
        if (auto n = SearchIndex::count(*catalog, text); !n)
            die(n.error().message);
    });
    report("text search, count", countMs, 10, word);

    for (const qint64 after : {qint64(0), *total / 2, *total - 5000}) {
        const double pageMs = bestOf(10, [&] {
            auto page = SearchIndex::page(*catalog, filter, after, 256);
            if (!page)
                die(page.error().message);
            pageRows = page->size();
        });
        report("keyset page of 256, 3-value filter", pageMs, 5,
               QStringLiteral("after id %1, %2 rows").arg(after).arg(pageRows));
    }
    const ShotQuery rated = parsed(QStringLiteral("rating>=3 -flag:reject"), *vocabulary);
    const double ratedMs = bestOf(10, [&] {
        auto page = SearchIndex::page(*catalog, rated, *total / 2, 256);
        if (!page)
            die(page.error().message);
    });
    report("keyset page of 256, rating>=3 -flag:reject", ratedMs, 5, QStringLiteral("middle of the library"));

    // Batch tagging of a 10,000-shot selection (catalog only: the generated paths have no folders
    // to hold sidecars). Add, then remove, so that the catalog is left as it was.
    QList<qint64> selection;
    for (qint64 id = *total / 3; selection.size() < 10000; ++id)
        selection.append(id);
    Curator curator(*catalog);
    curator.setWriteSidecars(false);
    QElapsedTimer tagTimer;
    tagTimer.start();
    auto tagged = curator.tag(selection, {QStringLiteral("Bench/Batch tag")}, {});
    const double tagMs = tagTimer.nsecsElapsed() / 1e6;
    if (!tagged)
        die(tagged.error().message);
    report("batch-tag 10,000 selected shots", tagMs, 1000,
           QStringLiteral("%1 changed, search index updated by triggers").arg(tagged->changed));
    if (auto untagged = curator.tag(selection, {}, {QStringLiteral("Bench/Batch tag")}); !untagged)
        die(untagged.error().message);
    return 0;
}
