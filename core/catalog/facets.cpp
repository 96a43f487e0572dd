#include "facets.h"

#include "attributerepository.h"
#include "searchindex.h"
#include "sqlhelpers.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>

namespace stills {

namespace {

const QString kRating = QStringLiteral("rating");
const QString kFlag = QStringLiteral("flag");
const QString kLabel = QStringLiteral("label");

// Counts for the facets in `wanted` over the shots matching `query`, added to `counts`
// ("facet\nvalue" -> count).
Status countInto(QSqlDatabase &db, const ShotQuery &query, const QSet<QString> &wanted,
                 const QHash<qint64, QString> &optionKeys, QHash<QString, qint64> &counts)
{
    auto where = SearchIndex::filter(db, query);
    if (!where)
        return where.error();
    const bool sqlite = sql::isSqlite(db);

    // The whole library needs no temporary copy of every id.
    QString source = QStringLiteral("shots");
    if (!query.isEmpty()) {
        source = QStringLiteral("stills_facet_ids");
        if (auto made = sql::exec(db, QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS stills_facet_ids "
                                                     "(id BIGINT PRIMARY KEY)"));
            !made)
            return made;
        if (auto cleared = sql::exec(db, sqlite ? QStringLiteral("DELETE FROM stills_facet_ids")
                                                : QStringLiteral("TRUNCATE stills_facet_ids"));
            !cleared)
            return cleared;
        if (auto filled = sql::exec(db,
                                    QStringLiteral("INSERT INTO stills_facet_ids (id) SELECT s.id FROM shots s WHERE %1")
                                        .arg(where->where),
                                    where->values);
            !filled)
            return filled;
        if (!sqlite) {
            // Without statistics the planner guesses the temporary table's size badly.
            if (auto analysed = sql::exec(db, QStringLiteral("ANALYZE stills_facet_ids")); !analysed)
                return analysed;
        }
    }

    // CROSS JOIN: SQLite keeps the written order (the small id table drives, probing the
    // (shot_id, option_id) key); it has no statistics on the temporary table to find that itself.
    // PostgreSQL has them (ANALYZE above) and allows no ON after CROSS JOIN.
    const QString join = sqlite ? QStringLiteral("CROSS JOIN") : QStringLiteral("JOIN");
    bool anyAttribute = false;
    for (const QString &facet : wanted)
        anyAttribute = anyAttribute || (facet != kRating && facet != kFlag && facet != kLabel);
    if (anyAttribute) {
        auto rows = sql::run(db, source == u"shots"
                                     ? QStringLiteral("SELECT option_id, COUNT(*) FROM shot_attributes GROUP BY option_id")
                                     : QStringLiteral("SELECT sa.option_id, COUNT(*) FROM stills_facet_ids f "
                                                      "%1 shot_attributes sa ON sa.shot_id = f.id GROUP BY sa.option_id")
                                           .arg(join));
        if (!rows)
            return rows.error();
        while (rows->next()) {
            const QString key = optionKeys.value(rows->value(0).toLongLong());
            if (key.isEmpty() || !wanted.contains(key.section(u'\n', 0, 0)))
                continue;
            counts[key] += rows->value(1).toLongLong();
        }
    }

    if (wanted.contains(kRating) || wanted.contains(kFlag) || wanted.contains(kLabel)) {
        auto rows = sql::run(db, source == u"shots"
                                     ? QStringLiteral("SELECT rating, flag, color_label, COUNT(*) FROM shots "
                                                      "GROUP BY rating, flag, color_label")
                                     : QStringLiteral("SELECT s.rating, s.flag, s.color_label, COUNT(*) FROM stills_facet_ids f "
                                                      "%1 shots s ON s.id = f.id GROUP BY s.rating, s.flag, s.color_label")
                                           .arg(join));
        if (!rows)
            return rows.error();
        while (rows->next()) {
            const qint64 n = rows->value(3).toLongLong();
            if (wanted.contains(kRating))
                counts[kRating + u'\n' + QString::number(rows->value(0).toInt())] += n;
            if (wanted.contains(kFlag))
                counts[kFlag + u'\n' + ShotQuery::flagName(rows->value(1).toInt())] += n;
            const int label = rows->value(2).toInt();
            if (wanted.contains(kLabel) && label >= 0 && label < ShotQuery::colorLabelNames().size())
                counts[kLabel + u'\n' + ShotQuery::colorLabelNames().at(label)] += n;
        }
    }
    return {};
}

} // namespace

Result<QList<FacetCount>> Facets::compute(const Catalog &catalog, const ShotQuery &query)
{
    auto vocabulary = AttributeRepository(catalog).all();
    if (!vocabulary)
        return vocabulary.error();
    auto dbResult = catalog.database();
    if (!dbResult)
        return dbResult.error();
    QSqlDatabase db = *dbResult;

    QHash<qint64, QString> optionKeys; // option id -> "key\nvalue"
    QSet<QString> unfiltered = {kRating, kFlag, kLabel};
    for (const Attribute &attribute : *vocabulary) {
        unfiltered.insert(attribute.key);
        for (const AttributeOption &option : attribute.options)
            optionKeys.insert(option.id, attribute.key + u'\n' + option.value);
    }

    // Each facet with its own condition is counted without it; the rest share one pass.
    QList<std::pair<QString, ShotQuery>> ownPasses;
    // An attribute's own condition is its chosen values and its excluded ones together.
    QStringList filteredKeys = query.attributes.keys();
    for (const QString &key : query.excludedAttributes.keys()) {
        if (!filteredKeys.contains(key))
            filteredKeys.append(key);
    }
    for (const QString &key : std::as_const(filteredKeys)) {
        ShotQuery without = query;
        without.attributes.remove(key);
        without.excludedAttributes.remove(key);
        ownPasses.append({key, without});
    }
    if (query.hasRatingFilter()) {
        ShotQuery without = query;
        without.ratingMin = 0;
        without.ratingMax = 5;
        ownPasses.append({kRating, without});
    }
    if (query.flags) {
        ShotQuery without = query;
        without.flags.reset();
        ownPasses.append({kFlag, without});
    }
    if (query.colorLabels) {
        ShotQuery without = query;
        without.colorLabels.reset();
        ownPasses.append({kLabel, without});
    }
    for (const auto &pass : std::as_const(ownPasses))
        unfiltered.remove(pass.first);

    QHash<QString, qint64> counts;
    if (auto counted = countInto(db, query, unfiltered, optionKeys, counts); !counted)
        return counted.error();
    for (const auto &pass : std::as_const(ownPasses)) {
        if (auto counted = countInto(db, pass.second, {pass.first}, optionKeys, counts); !counted)
            return counted.error();
    }

    QList<FacetCount> result;
    for (const Attribute &attribute : *vocabulary) {
        for (const AttributeOption &option : attribute.options)
            result.append({attribute.key, option.value, counts.value(attribute.key + u'\n' + option.value)});
    }
    for (int rating = 0; rating <= 5; ++rating)
        result.append({kRating, QString::number(rating), counts.value(kRating + u'\n' + QString::number(rating))});
    for (int flag : {1, 0, -1})
        result.append({kFlag, ShotQuery::flagName(flag), counts.value(kFlag + u'\n' + ShotQuery::flagName(flag))});
    for (const QString &label : ShotQuery::colorLabelNames())
        result.append({kLabel, label, counts.value(kLabel + u'\n' + label)});
    return result;
}

} // namespace stills
