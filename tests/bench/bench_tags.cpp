// bench_tags [SHOTS] [CATALOG_URL]: how long the tag manager's merge and its undo take on a catalog
// of SHOTS shots (default 20000; a fresh SQLite catalog in a temporary folder unless a URL of an
// empty catalog is given). Reference: the same re-tagging done shot by shot through Curator::tag
// (add the target tag, remove the source tag), which is what a merge would cost without
// TagRepository::merge. Sidecars are not written (the shots are not real files). Prints; no asserts.
#include "catalog/catalog.h"
#include "catalog/catalogurl.h"
#include "catalog/sqlhelpers.h"
#include "catalog/tagrepository.h"
#include "curating/curator.h"
#include "curating/tagedits.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace stills;

namespace {

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_tags: %s\n", qPrintable(message));
    std::exit(1);
}

template<typename T>
T check(Result<T> r)
{
    if (!r)
        die(r.error().message);
    return std::move(r).value();
}

void check(const Status &s)
{
    if (!s)
        die(s.error().message);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int shots = argc > 1 ? QByteArray(argv[1]).toInt() : 20000;
    QTemporaryDir dir;
    const QString urlText = argc > 2 ? QString::fromLocal8Bit(argv[2])
                                     : QStringLiteral("sqlite://") + dir.path() + QStringLiteral("/bench.db");
    const CatalogPtr catalog = check(Catalog::open(check(CatalogUrl::parse(urlText))));

    // Half the shots carry Light/Soft, a third Lighting/Soft (some both), every tenth Light/Soft/Window.
    QList<qint64> ids;
    check(catalog->transaction([&](QSqlDatabase &db) -> Status {
        const qint64 now = sql::nowMs();
        for (int i = 0; i < shots; ++i) {
            auto id = sql::insert(db, QStringLiteral("INSERT INTO shots (path, imported_ms, updated_ms) VALUES (?, ?, ?)"),
                                  {QStringLiteral("/bench/frame-%1.jpg").arg(i), now, now});
            if (!id)
                return id.error();
            ids << *id;
        }
        return {};
    }));
    QList<qint64> light, lighting, window;
    for (int i = 0; i < ids.size(); ++i) {
        if (i % 2 == 0)
            light << ids[i];
        if (i % 3 == 0)
            lighting << ids[i];
        if (i % 10 == 0)
            window << ids[i];
    }
    Curator curator(*catalog);
    curator.setWriteSidecars(false);
    auto tagAll = [&] {
        check(curator.tag(light, {QStringLiteral("Light/Soft")}, {}));
        check(curator.tag(lighting, {QStringLiteral("Lighting/Soft")}, {}));
        check(curator.tag(window, {QStringLiteral("Light/Soft/Window")}, {}));
    };
    tagAll();

    QElapsedTimer timer;
    TagEdit edit;
    edit.kind = TagEdit::Kind::Merge;
    edit.path = QStringLiteral("Light");
    edit.targetPath = QStringLiteral("Lighting");
    timer.start();
    check(TagEdits::apply(*catalog, edit, false));
    const double mergeMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    check(TagEdits::revert(*catalog, edit, false));
    const double revertMs = timer.nsecsElapsed() / 1e6;

    // Reference: the same move of taggings, shot by shot through the curating path.
    timer.restart();
    check(curator.tag(light, {QStringLiteral("Lighting/Soft")}, {QStringLiteral("Light/Soft")}));
    check(curator.tag(window, {QStringLiteral("Lighting/Soft/Window")}, {QStringLiteral("Light/Soft/Window")}));
    const double referenceMs = timer.nsecsElapsed() / 1e6;

    std::printf("catalog %s, %d shots; %lld tagged Light/Soft, %lld Lighting/Soft, %lld Light/Soft/Window\n",
                qPrintable(catalog->url().toDisplayString()), shots, qlonglong(light.size()), qlonglong(lighting.size()),
                qlonglong(window.size()));
    std::printf("%-52s %10.1f ms\n", "reference: Curator::tag re-tagging shot by shot", referenceMs);
    std::printf("%-52s %10.1f ms   ratio %.2f\n", "TagEdits::apply (merge Light into Lighting)", mergeMs,
                referenceMs / std::max(mergeMs, 0.001));
    std::printf("%-52s %10.1f ms   ratio %.2f\n", "TagEdits::revert (undo of the merge)", revertMs,
                referenceMs / std::max(revertMs, 0.001));
    return 0;
}
