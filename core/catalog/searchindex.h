#pragma once

#include "catalog.h"
#include "common/result.h"
#include "shotquery.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QVariantList>

#include <functional>

namespace stills {

// A condition over "shots s" and the values to bind to its '?' in order.
struct SqlFilter {
    QString where = QStringLiteral("1 = 1");
    QVariantList values;
};

// The full-text index over the shots (FTS5 table shot_fts on SQLite, tsvector column
// shot_search.document with a GIN index on PostgreSQL; schemas 2 and 3) and the evaluation of a
// ShotQuery against the catalog.
//
// The index is kept current by triggers in the catalog (see sql/002_search.*.sql) on shots
// (title, description, path), captions, shot_tags, photoset_shots, photosets (name, title) and
// tags (name, parent): any writer, in any process, keeps it right; nothing here must be called
// after an edit. Batch writers may suspend the row triggers and refresh once (deferRefresh).
//
// Thread contract as the repositories: stateless, works on the calling thread's connection.
class SearchIndex
{
public:
    // The SQL condition for `query`. Tag paths, photoset names and attribute values are resolved
    // to ids with small lookups on `db`; every value from the query is bound, never pasted.
    static Result<SqlFilter> filter(const QSqlDatabase &db, const ShotQuery &query);

    // Ids of matching shots greater than `afterId`, ascending, at most `limit` (keyset paging:
    // pass the last id of the previous page).
    static Result<QList<qint64>> page(const Catalog &catalog, const ShotQuery &query, qint64 afterId, int limit);
    static Result<qint64> count(const Catalog &catalog, const ShotQuery &query);

    // Recomputes every shot's document (repair; the triggers normally make this unnecessary).
    static Status rebuild(const Catalog &catalog);

    // For batch edits of many shots (schema 3). Runs `work` with the per-row index triggers on
    // shots, shot_tags and photoset_shots suspended, then recomputes the documents of the shots
    // that `work` put into `touched` with one statement. A tagging of 10,000 shots then costs one
    // set-based refresh instead of 10,000 trigger runs.
    // Contract: call it on `db` inside a transaction of the calling thread (Catalog::transaction);
    // the suspension is a row of search_batch that is removed again before this returns, whether
    // `work` succeeds or not, so it is never committed and other connections never see it. A
    // writer that does not list a shot it changed leaves that shot's document stale (repair:
    // rebuild()). Nested calls work (the inner one refreshes its own shots).
    static Status deferRefresh(QSqlDatabase &db, const std::function<Status(QList<qint64> &touched)> &work);

    // Recomputes the documents of `shotIds` now (on `db`, in the caller's transaction if any).
    static Status refresh(const QSqlDatabase &db, const QList<qint64> &shotIds);

    // The words of a search term as the index sees them: maximal runs of letters, digits and marks.
    static QStringList tokens(const QString &term);
};

} // namespace stills
