#include "searchindex.h"

#include "sqlhelpers.h"
#include "tagrepository.h"

#include <QHash>
#include <QSqlQuery>

#include <algorithm>
#include <limits>
#include <optional>

namespace stills {

namespace {

struct TagRow {
    qint64 id = 0;
    qint64 parent = 0;
    QString name;
    QString slug;
};

// Tag ids of `path` and all its descendants; empty when the path names no tag.
QList<qint64> tagSubtree(const QList<TagRow> &tags, const QString &path)
{
    qint64 current = 0; // 0 = the root level
    bool found = true;
    for (const QString &segment : TagRepository::splitPath(path)) {
        const QString slug = TagRepository::slugify(segment);
        found = false;
        for (const TagRow &t : tags) {
            if (t.parent == current && (t.name.compare(segment, Qt::CaseInsensitive) == 0 || t.slug == slug)) {
                current = t.id;
                found = true;
                break;
            }
        }
        if (!found)
            return {};
    }
    if (current == 0)
        return {};
    QList<qint64> result = {current};
    for (qsizetype i = 0; i < result.size(); ++i) {
        for (const TagRow &t : tags) {
            if (t.parent == result.at(i))
                result.append(t.id);
        }
    }
    return result;
}

QString idList(QVariantList &values, const QList<qint64> &ids)
{
    for (qint64 id : ids)
        values.append(id);
    return sql::placeholders(ids.size());
}

// A term as an FTS5 phrase string: its tokens in double quotes (quotes inside doubled, though
// tokens hold none). The whole MATCH expression is bound as one value.
QString ftsPhrase(const QStringList &tokens)
{
    QString joined = tokens.join(u' ');
    joined.replace(u'"', QStringLiteral("\"\""));
    return u'"' + joined + u'"';
}

} // namespace

QStringList SearchIndex::tokens(const QString &term)
{
    QStringList result;
    QString current;
    for (const QChar c : term) {
        if (c.isLetterOrNumber() || c.isMark() || c.isSurrogate()) {
            current += c;
        } else if (!current.isEmpty()) {
            result.append(current);
            current.clear();
        }
    }
    if (!current.isEmpty())
        result.append(current);
    return result;
}

namespace {

// One positive set condition: a SELECT of shot ids (in column `key`) whose WHERE clause can take
// one more "AND key > ?" (the keyset bound, pushed down so that a page reads only what follows).
struct Arm {
    QString select;
    QString key;
    QVariantList values;
    bool fullText = false;
    // A set of link rows (tags, attributes, photosets): they carry their shot's rating, flag,
    // colour label and status (schema 6) as `rowPrefix` + column, and `indexedSelect` is `select`
    // with SQLite told to read the index that holds those columns (it has no statistics for it).
    bool links = false;
    QString rowPrefix;
    QString indexedSelect;

    QString bounded(QVariantList &out, qint64 afterId, std::optional<qint64> upTo = std::nullopt) const
    {
        out.append(values);
        out.append(afterId);
        if (!upTo)
            return select + QStringLiteral(" AND %1 > ?").arg(key);
        out.append(*upTo);
        return select + QStringLiteral(" AND %1 > ? AND %1 <= ?").arg(key);
    }
};

// A ShotQuery as positive sets (intersected) and other conditions over "shots s".
struct Conditions {
    QList<Arm> arms;
    QStringList parts;
    QVariantList values;
    // Conditions on the curation columns (rating, flag, colour label, status), "{row}" standing
    // for the table prefix, and their values. conditions() moves them into `parts` or, for a page,
    // into the link sets (pushRowConditions).
    QStringList rows;
    QVariantList rowValues;

    QString rowConditions(const QString &prefix) const
    {
        QString joined = rows.join(QStringLiteral(" AND "));
        joined.replace(QStringLiteral("{row}"), prefix);
        return joined;
    }

    // Every link set takes the curation conditions itself, so that a page reads them from the set's
    // index instead of looking each member up in the shots table. False when there is no link set.
    bool pushRowConditions(bool sqlite)
    {
        if (rows.isEmpty() || std::none_of(arms.cbegin(), arms.cend(), [](const Arm &arm) { return arm.links; }))
            return false;
        for (Arm &arm : arms) {
            if (!arm.links)
                continue;
            arm.select = (sqlite ? arm.indexedSelect : arm.select) + QStringLiteral(" AND ") + rowConditions(arm.rowPrefix);
            arm.values.append(rowValues);
        }
        rows.clear();
        rowValues.clear();
        return true;
    }

    // "a INTERSECT b ..." with the arms' values appended to `out`; `afterId` (and `upTo`) bound every arm.
    QString intersect(QVariantList &out, std::optional<qint64> afterId, std::optional<qint64> upTo = std::nullopt) const
    {
        QStringList selects;
        for (const Arm &arm : arms) {
            if (afterId) {
                selects.append(arm.bounded(out, *afterId, upTo));
            } else {
                out.append(arm.values);
                selects.append(arm.select);
            }
        }
        return selects.join(QStringLiteral(" INTERSECT "));
    }
};

// `forPage`: a keyset page, which reads a few hundred shots in id order; an excluded
// tag or attribute value is then probed per shot (NOT EXISTS on the primary key) instead of
// building the whole excluded set (NOT IN), which a count or a facet pass needs.
Result<Conditions> conditions(const QSqlDatabase &db, const ShotQuery &query, bool forPage = false);

} // namespace

Result<SqlFilter> SearchIndex::filter(const QSqlDatabase &db, const ShotQuery &query)
{
    // Positive set conditions (text, tags, photosets, attributes) become one INTERSECT that the
    // database evaluates once from its indexes; s.id IN (...) then drives the row lookups. Separate
    // IN lists made SQLite probe several temporary lists per row (3x slower on a 1M catalog).
    auto c = conditions(db, query);
    if (!c)
        return c.error();
    SqlFilter result;
    QStringList parts = c->parts;
    if (!c->arms.isEmpty())
        parts.prepend(QStringLiteral("s.id IN (%1)").arg(c->intersect(result.values, std::nullopt)));
    result.values.append(c->values);
    if (!parts.isEmpty())
        result.where = parts.join(QStringLiteral(" AND "));
    return result;
}

namespace {

Result<Conditions> conditions(const QSqlDatabase &db, const ShotQuery &query, bool forPage)
{
    Conditions c;
    QList<Arm> &sets = c.arms;
    QStringList &parts = c.parts;
    QVariantList &values = c.values;
    const bool sqlite = sql::isSqlite(db);
    const bool probe = forPage;
    // "Shot s carries none of these": per row, on the primary key of `table`. PostgreSQL turns
    // NOT EXISTS into a hash anti-join that reads the whole excluded set (175 ms on a 1M catalog);
    // a scalar subquery with LIMIT 1 stays a per-row probe there.
    auto noneOf = [sqlite](const QString &table, const QString &column, const QString &ids) {
        const QString inner = QStringLiteral("SELECT 1 FROM %1 x WHERE x.shot_id = s.id AND x.%2 IN (%3)").arg(table, column, ids);
        return sqlite ? QStringLiteral("NOT EXISTS (%1)").arg(inner) : QStringLiteral("(%1 LIMIT 1) IS NULL").arg(inner);
    };
    const QString nothing = QStringLiteral("1 = 0");

    // Text: every positive term must match; any excluded term rules a shot out.
    // Punctuation-only terms ("%", "';") hold no word the index could have: they are skipped.
    auto phrasesOf = [&](const QStringList &terms) {
        QStringList phrases;
        for (const QString &term : terms) {
            const QStringList words = SearchIndex::tokens(term);
            if (!words.isEmpty())
                phrases.append(sqlite ? ftsPhrase(words) : words.join(u' '));
        }
        return phrases;
    };
    if (!query.terms.isEmpty()) {
        // A query of nothing but skipped terms matches nothing (never everything, as a wildcard would).
        const QStringList phrases = phrasesOf(query.terms);
        if (phrases.isEmpty()) {
            parts.append(nothing);
        } else if (sqlite) {
            sets.append({QStringLiteral("SELECT rowid FROM shot_fts WHERE shot_fts MATCH ?"), QStringLiteral("rowid"),
                         {phrases.join(u' ')}});
        } else {
            QStringList tsqueries;
            QVariantList armValues;
            for (const QString &phrase : std::as_const(phrases)) {
                tsqueries.append(QStringLiteral("phraseto_tsquery('simple', ?)"));
                armValues.append(phrase);
            }
            sets.append({QStringLiteral("SELECT shot_id FROM shot_search WHERE document @@ (%1)")
                             .arg(tsqueries.join(QStringLiteral(" && "))),
                         QStringLiteral("shot_id"), armValues, true});
        }
    }
    if (!query.excludedTerms.isEmpty()) {
        const QStringList phrases = phrasesOf(query.excludedTerms);
        if (!phrases.isEmpty() && sqlite) {
            parts.append(QStringLiteral("s.id NOT IN (SELECT rowid FROM shot_fts WHERE shot_fts MATCH ?)"));
            values.append(phrases.join(QStringLiteral(" OR ")));
        } else if (!phrases.isEmpty()) {
            QStringList tsqueries;
            for (const QString &phrase : std::as_const(phrases)) {
                tsqueries.append(QStringLiteral("phraseto_tsquery('simple', ?)"));
                values.append(phrase);
            }
            parts.append(QStringLiteral("s.id NOT IN (SELECT shot_id FROM shot_search WHERE document @@ (%1))")
                             .arg(tsqueries.join(QStringLiteral(" || "))));
        }
    }

    // Tags: resolved to the subtree's ids here (the tag table is small).
    if (!query.tags.isEmpty() || !query.excludedTags.isEmpty()) {
        auto rows = sql::run(db, QStringLiteral("SELECT id, COALESCE(parent_id, 0), name, slug FROM tags"));
        if (!rows)
            return rows.error();
        QList<TagRow> tags;
        while (rows->next())
            tags.append({rows->value(0).toLongLong(), rows->value(1).toLongLong(), rows->value(2).toString(),
                         rows->value(3).toString()});
        for (const QString &path : query.tags) {
            const QList<qint64> ids = tagSubtree(tags, path);
            if (ids.isEmpty()) {
                parts.append(nothing);
            } else {
                Arm arm{{}, QStringLiteral("shot_id"), {}};
                const QString in = idList(arm.values, ids);
                arm.select = QStringLiteral("SELECT shot_id FROM shot_tags WHERE tag_id IN (%1)").arg(in);
                arm.links = true;
                arm.indexedSelect = QStringLiteral("SELECT shot_id FROM shot_tags INDEXED BY shot_tags_tag WHERE tag_id IN (%1)").arg(in);
                sets.append(arm);
            }
        }
        for (const QString &path : query.excludedTags) {
            const QList<qint64> ids = tagSubtree(tags, path);
            if (!ids.isEmpty())
                parts.append(probe ? noneOf(QStringLiteral("shot_tags"), QStringLiteral("tag_id"), idList(values, ids))
                                   : QStringLiteral("s.id NOT IN (SELECT shot_id FROM shot_tags WHERE tag_id IN (%1))")
                                         .arg(idList(values, ids)));
        }
    }

    const QString namedSet = QStringLiteral(
        "SELECT ps.shot_id FROM photoset_shots ps JOIN photosets p ON p.id = ps.photoset_id "
        "WHERE (p.name = ? OR p.title = ?)");
    for (const QString &name : query.photosets) {
        sets.append({namedSet, QStringLiteral("ps.shot_id"), {name, name}, false, true, QStringLiteral("ps."),
                     QStringLiteral("SELECT ps.shot_id FROM photoset_shots ps INDEXED BY photoset_shots_curation "
                                    "JOIN photosets p ON p.id = ps.photoset_id WHERE (p.name = ? OR p.title = ?)")});
    }
    for (const QString &name : query.excludedPhotosets) {
        parts.append(QStringLiteral("s.id NOT IN (%1)").arg(namedSet));
        values << name << name;
    }
    for (qint64 id : query.photosetIds) {
        sets.append({QStringLiteral("SELECT shot_id FROM photoset_shots WHERE photoset_id = ?"), QStringLiteral("shot_id"),
                     {id}, false, true, QString(),
                     QStringLiteral("SELECT shot_id FROM photoset_shots INDEXED BY photoset_shots_curation WHERE photoset_id = ?")});
    }
    for (qint64 id : query.excludedPhotosetIds) {
        parts.append(QStringLiteral("s.id NOT IN (SELECT shot_id FROM photoset_shots WHERE photoset_id = ?)"));
        values << id;
    }

    if (query.hasRatingFilter()) {
        c.rows.append(QStringLiteral("{row}rating BETWEEN ? AND ?"));
        c.rowValues << query.ratingMin << query.ratingMax;
    }
    auto allowed = [&](const QString &column, const QVariantList &allowedValues) {
        if (allowedValues.isEmpty()) {
            parts.append(nothing);
            return;
        }
        c.rows.append(QStringLiteral("{row}%1 IN (%2)").arg(column, sql::placeholders(allowedValues.size())));
        c.rowValues.append(allowedValues);
    };
    if (query.flags) {
        QVariantList v;
        for (int f : *query.flags)
            v.append(f);
        allowed(QStringLiteral("flag"), v);
    }
    if (query.colorLabels) {
        QVariantList v;
        for (int l : *query.colorLabels)
            v.append(l);
        allowed(QStringLiteral("color_label"), v);
    }
    if (query.statuses) {
        QVariantList v;
        for (const QString &s : *query.statuses)
            v.append(s);
        allowed(QStringLiteral("status"), v);
    }

    // Attributes: option ids resolved here; one IN per attribute, its values OR-ed. An excluded
    // value rules out every shot carrying it (a value the catalog does not know rules out nothing).
    if (!query.attributes.isEmpty() || !query.excludedAttributes.isEmpty()) {
        auto rows = sql::run(db, QStringLiteral("SELECT a.key, o.value, o.id FROM attributes a "
                                                "JOIN attribute_options o ON o.attribute_id = a.id"));
        if (!rows)
            return rows.error();
        QHash<QString, qint64> optionIds; // "key\nvalue" -> id
        while (rows->next())
            optionIds.insert(rows->value(0).toString() + u'\n' + rows->value(1).toString(), rows->value(2).toLongLong());
        for (auto it = query.attributes.cbegin(); it != query.attributes.cend(); ++it) {
            QList<qint64> ids;
            for (const QString &value : it.value()) {
                if (const auto found = optionIds.constFind(it.key() + u'\n' + value); found != optionIds.cend())
                    ids.append(*found);
            }
            if (ids.isEmpty()) {
                parts.append(nothing);
            } else {
                Arm arm{{}, QStringLiteral("shot_id"), {}};
                const QString in = idList(arm.values, ids);
                arm.select = QStringLiteral("SELECT shot_id FROM shot_attributes WHERE option_id IN (%1)").arg(in);
                arm.links = true;
                arm.indexedSelect = QStringLiteral("SELECT shot_id FROM shot_attributes INDEXED BY shot_attributes_option "
                                                   "WHERE option_id IN (%1)")
                                        .arg(in);
                sets.append(arm);
            }
        }
        QList<qint64> excludedIds;
        for (auto it = query.excludedAttributes.cbegin(); it != query.excludedAttributes.cend(); ++it) {
            for (const QString &value : it.value()) {
                if (const auto found = optionIds.constFind(it.key() + u'\n' + value); found != optionIds.cend())
                    excludedIds.append(*found);
            }
        }
        if (!excludedIds.isEmpty())
            parts.append(probe ? noneOf(QStringLiteral("shot_attributes"), QStringLiteral("option_id"), idList(values, excludedIds))
                               : QStringLiteral("s.id NOT IN (SELECT shot_id FROM shot_attributes WHERE option_id IN (%1))")
                                     .arg(idList(values, excludedIds)));
    }

    // A page of link sets reads the curation conditions from the sets' indexes; otherwise (and for
    // counts and facets, which read whole sets anyway) they are conditions on the shot row.
    if (!(forPage && c.pushRowConditions(sqlite)) && !c.rows.isEmpty()) {
        parts.append(c.rowConditions(QStringLiteral("s.")));
        values.append(c.rowValues);
        c.rows.clear();
        c.rowValues.clear();
    }
    return c;
}

} // namespace

namespace {

// One keyset page: the ids after `afterId` (and not above `upTo`) that match, in id order.
Result<QList<qint64>> pageWithin(const QSqlDatabase &db, const Conditions &c, qint64 afterId,
                                 std::optional<qint64> upTo, int limit)
{
    // Keyset pages: every set is bounded by "id > afterId" itself, so a page never reads what
    // precedes it. SQLite, with nothing but sets: the INTERSECT is the whole statement; it then merges
    // the arms, each read in id order from its index, and stops at the limit (2-3x faster than
    // s.id IN (...), which builds a temporary B-tree per arm). Other conditions need the shot row.
    QVariantList values;
    QString statement;
    const QString upper = upTo ? QStringLiteral(" AND s.id <= ?") : QString();
    if (!sql::isSqlite(db) && !c.arms.isEmpty()) {
        // PostgreSQL plans one semi-join per set well (merge or hash, by its statistics), but not an
        // INTERSECT inside IN (280 ms on a 1M catalog), and with a LIMIT it walks the primary key
        // and tests every document against a text query (650 ms) unless the matches are
        // materialised first (a GIN index scan, a few ms).
        QStringList ctes;
        QStringList parts;
        QVariantList cteValues;
        QVariantList partValues;
        for (const Arm &arm : std::as_const(c.arms)) {
            if (arm.fullText) {
                const QString name = QStringLiteral("text%1").arg(ctes.size());
                ctes.append(QStringLiteral("%1 AS MATERIALIZED (%2)").arg(name, arm.bounded(cteValues, afterId, upTo)));
                parts.append(QStringLiteral("s.id IN (SELECT shot_id FROM %1)").arg(name));
            } else {
                parts.append(QStringLiteral("s.id IN (%1)").arg(arm.bounded(partValues, afterId, upTo)));
            }
        }
        if (c.arms.size() == 1 && !c.arms.constFirst().fullText && c.parts.isEmpty()) {
            // One link set, its curation conditions included (schema 6): the page is an index-only
            // range of that set; the shot rows are not needed (a rare tag with a rating and a flag:
            // 0.5 ms instead of 15 ms of lookups in the shots table).
            const Arm &arm = c.arms.constFirst();
            statement = QStringLiteral("SELECT DISTINCT %1 ORDER BY 1 LIMIT ?").arg(arm.bounded(values, afterId, upTo).mid(7));
        } else if (c.arms.size() == 1 && c.arms.constFirst().fullText && c.parts.isEmpty()) {
            // Words alone (the search field): the matches are the page; no shot row is needed
            // (shot_search holds one row per shot, so no duplicates either).
            values = cteValues;
            statement = QStringLiteral("WITH %1 SELECT shot_id FROM text0 ORDER BY 1 LIMIT ?").arg(ctes.constFirst());
        } else {
            parts.append(c.parts);
            partValues.append(c.values);
            values = cteValues;
            values.append(afterId);
            if (upTo)
                values.append(*upTo);
            values.append(partValues);
            statement = QStringLiteral("%1SELECT s.id FROM shots s WHERE s.id > ?%2 AND %3 ORDER BY s.id LIMIT ?")
                            .arg(ctes.isEmpty() ? QString() : QStringLiteral("WITH ") + ctes.join(QStringLiteral(", ")) + u' ',
                                 upper, parts.join(QStringLiteral(" AND ")));
        }
    } else if (!c.arms.isEmpty() && c.parts.isEmpty()) {
        const QString merged = c.intersect(values, afterId, upTo);
        // One arm is no set operation, so it does not drop duplicates (a shot with two of the values).
        statement = c.arms.size() == 1 ? QStringLiteral("SELECT DISTINCT %1 ORDER BY 1 LIMIT ?").arg(merged.mid(7))
                                       : QStringLiteral("%1 ORDER BY 1 LIMIT ?").arg(merged);
    } else if (upTo && !c.arms.isEmpty()) {
        // SQLite, a window of a set with other conditions: the set's ids in the window drive the
        // lookups (CROSS JOIN keeps that order), in the narrow shots_curation index rather than the
        // wide shot rows (SQLite would not choose it itself). A rare tag with a rating and a flag
        // over the second half of a 1M catalog: 45 ms walking the shots, 15 ms like this.
        const QString merged = c.intersect(values, afterId, upTo);
        values.append(c.values);
        statement = QStringLiteral("WITH t(id) AS (%1) SELECT s.id FROM t CROSS JOIN shots s INDEXED BY shots_curation ON s.id = t.id "
                                   "WHERE %2 ORDER BY s.id LIMIT ?")
                        .arg(c.arms.size() == 1 ? QStringLiteral("SELECT DISTINCT %1").arg(merged.mid(7)) : merged,
                             c.parts.join(QStringLiteral(" AND ")));
    } else {
        values.append(afterId);
        if (upTo)
            values.append(*upTo);
        QStringList parts = c.parts;
        if (!c.arms.isEmpty())
            parts.prepend(QStringLiteral("s.id IN (%1)").arg(c.intersect(values, afterId, upTo)));
        values.append(c.values);
        statement = QStringLiteral("SELECT s.id FROM shots s WHERE s.id > ?%1%2 ORDER BY s.id LIMIT ?")
                        .arg(upper, parts.isEmpty() ? QString() : QStringLiteral(" AND ") + parts.join(QStringLiteral(" AND ")));
    }
    values.append(limit);
    auto rows = sql::run(db, statement, values);
    if (!rows)
        return rows.error();
    QList<qint64> ids;
    ids.reserve(limit);
    while (rows->next())
        ids.append(rows->value(0).toLongLong());
    return ids;
}

} // namespace

Result<QList<qint64>> SearchIndex::page(const Catalog &catalog, const ShotQuery &query, qint64 afterId, int limit)
{
    auto db = catalog.database();
    if (!db)
        return db.error();
    auto c = conditions(*db, query, true);
    if (!c)
        return c.error();
    // A tag or attribute set with other conditions (a rating, a second set) is built in full for
    // every page: "tag:Mood rating>=2" read the 300,000 tagged shots after the keyset bound to
    // return 256 (6-11 ms on a 1M catalog). Read it in id windows instead — 16 ids per row of the
    // page first, then 4x wider each time the window ran dry — so a page costs what it reads, whether the set is
    // dense (one window) or rare (a few widening windows, each a range read on the set's index).
    // Word sets are left whole: a GIN index cannot be read by id range.
    const bool windowed = !c->arms.isEmpty() && std::none_of(c->arms.cbegin(), c->arms.cend(), [](const Arm &arm) {
        return arm.fullText;
    }) && sql::isSqlite(*db) && !(c->arms.size() > 1 && c->parts.isEmpty());
    if (!windowed || limit <= 0)
        return pageWithin(*db, *c, afterId, std::nullopt, limit);
    auto last = sql::scalar(*db, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM shots"));
    if (!last)
        return last.error();
    QList<qint64> ids;
    qint64 from = afterId;
    qint64 window = std::max<qint64>(qint64(limit) * 16, 64); // 4,096 ids for a page of 256
    while (ids.size() < limit && from < *last) {
        const qint64 upTo = window > *last - from ? *last : from + window;
        auto part = pageWithin(*db, *c, from, upTo, limit - int(ids.size()));
        if (!part)
            return part.error();
        ids.append(*part);
        from = upTo; // when the page is not full yet, the window held no more matches
        window = window > std::numeric_limits<qint64>::max() / 8 ? window : window * 4;
    }
    return ids;
}

Result<qint64> SearchIndex::count(const Catalog &catalog, const ShotQuery &query)
{
    auto db = catalog.database();
    if (!db)
        return db.error();
    auto c = conditions(*db, query);
    if (!c)
        return c.error();
    if (c->arms.size() == 1 && c->parts.isEmpty()) {
        // One set alone (typically words in the search field): count it without the shot rows.
        const Arm &arm = c->arms.constFirst();
        return sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM (SELECT DISTINCT %1) x").arg(arm.select.mid(7)),
                           arm.values);
    }
    auto where = filter(*db, query);
    if (!where)
        return where.error();
    return sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM shots s WHERE %1").arg(where->where), where->values);
}

Status SearchIndex::refresh(const QSqlDatabase &db, const QList<qint64> &shotIds)
{
    if (shotIds.isEmpty())
        return {};
    const QVariant ids = sql::idSetValue(db, shotIds);
    if (!sql::isSqlite(db))
        return sql::exec(db, QStringLiteral("SELECT stills_search_refresh(CAST(? AS BIGINT[]))"), {ids});
    const QString set = sql::idSetQuery(db);
    if (auto removed = sql::exec(db, QStringLiteral("DELETE FROM shot_fts WHERE rowid IN (%1)").arg(set), {ids}); !removed)
        return removed;
    return sql::exec(db,
                     QStringLiteral("INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source "
                                    "WHERE id IN (%1)")
                         .arg(set),
                     {ids});
}

Status SearchIndex::deferRefresh(QSqlDatabase &db, const std::function<Status(QList<qint64> &touched)> &work)
{
    // Within this transaction only this connection's row can be visible (see 003_curate.*.sql).
    auto active = sql::scalar(db, QStringLiteral("SELECT COUNT(*) FROM search_batch"));
    if (!active)
        return active.error();
    const bool owner = *active == 0;
    if (owner) {
        if (auto begun = sql::exec(db, QStringLiteral("INSERT INTO search_batch (owner) VALUES (1)")); !begun)
            return begun;
    }
    QList<qint64> touched;
    Status result = work(touched);
    if (owner) {
        // Also after a failure: a caller that commits anyway must not leave the triggers off.
        if (auto ended = sql::exec(db, QStringLiteral("DELETE FROM search_batch")); !ended && result)
            result = ended;
    }
    if (!result)
        return result;
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    return refresh(db, touched);
}

Status SearchIndex::rebuild(const Catalog &catalog)
{
    return catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (catalog.isSqlite()) {
            if (auto done = sql::exec(db, QStringLiteral("DELETE FROM shot_fts")); !done)
                return done;
            return sql::exec(db, QStringLiteral("INSERT INTO shot_fts (rowid, doc) SELECT id, doc FROM shot_search_source"));
        }
        if (auto done = sql::exec(db, QStringLiteral("DELETE FROM shot_search")); !done)
            return done;
        return sql::exec(db, QStringLiteral("INSERT INTO shot_search (shot_id, document) "
                                            "SELECT id, document FROM shot_search_source"));
    });
}

} // namespace stills
