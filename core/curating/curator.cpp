#include "curator.h"

#include "catalog/attributerepository.h"
#include "catalog/searchindex.h"
#include "catalog/sqlhelpers.h"
#include "catalog/tagrepository.h"
#include "metadata/xmpsidecar.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace {

// This file's texts, under the context "Curator" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Curator)
};

} // namespace

namespace stills {

QString Curator::labelName(int colorLabel)
{
    static const QStringList names = {QString(), QStringLiteral("Red"), QStringLiteral("Yellow"),
                                      QStringLiteral("Green"), QStringLiteral("Blue"), QStringLiteral("Purple")};
    return names.value(colorLabel);
}

Result<CurationReport> Curator::putBack(const QString &field, const QList<qint64> &shotIds, int value, int expected)
{
    // An allow-list: the field names the column, never pasted from input.
    const QString column = field == u"rating" ? QStringLiteral("rating")
        : field == u"flag"                    ? QStringLiteral("flag")
        : field == u"label"                   ? QStringLiteral("color_label")
                                              : QString();
    if (column.isEmpty())
        return Error::invalid(Tr::tr("Unknown field \"%1\".").arg(field));
    return updateColumn(shotIds, column, value, expected);
}

Result<CurationReport> Curator::updateColumn(const QList<qint64> &shotIds, const QString &column, int value,
                                             std::optional<int> expected)
{
    // `column` comes from this class only (an allow-list: rating, flag, color_label), never from input.
    Q_ASSERT(column == u"rating" || column == u"flag" || column == u"color_label");
    CurationReport report;
    report.shots = shotIds.size();
    QList<qint64> changed;
    Status done = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (shotIds.isEmpty())
            return {};
        // One statement for the whole selection (the ids bound as one value): 10,000 single-row
        // updates took 2-3 s on PostgreSQL, mostly round trips.
        const QString set = sql::idSetQuery(db);
        const QVariant ids = sql::idSetValue(db, shotIds);
        QVariantList values = {value, sql::nowMs(), ids, value};
        if (expected)
            values.append(*expected);
        auto rows = sql::run(db,
                             QStringLiteral("UPDATE shots SET %1 = ?, updated_ms = ?, version = version + 1 "
                                            "WHERE id IN (%2) AND %1 <> ?%3 RETURNING id")
                                 .arg(column, set, expected ? QStringLiteral(" AND %1 = ?").arg(column) : QString()),
                             values);
        if (!rows)
            return Error{rows.error().code, Tr::tr("Could not change the selection: %1").arg(rows.error().message)};
        QSet<qint64> updated;
        while (rows->next())
            updated.insert(rows->value(0).toLongLong());
        rows->finish();
        for (qint64 id : shotIds) { // in the order asked, each once
            if (updated.remove(id))
                changed.append(id);
        }
        if (expected) {
            // Not changed: already `value` (fine), or someone else's value (kept, and said). The
            // changed ones hold `value` now, so what still differs is someone else's.
            auto others = sql::scalar(
                db, QStringLiteral("SELECT COUNT(*) FROM shots WHERE id IN (%1) AND %2 <> ?").arg(set, column), {ids, value});
            if (!others)
                return Error{others.error().code, Tr::tr("Could not read the selection: %1").arg(others.error().message)};
            report.conflicts = *others;
        }
        return {};
    });
    if (!done)
        return done.error();
    report.changed = changed.size();
    if (auto written = writeSidecars(changed, report); !written)
        return written.error();
    return report;
}

Result<CurationReport> Curator::rate(const QList<qint64> &shotIds, int rating)
{
    if (rating < 0 || rating > 5)
        return Error::invalid(Tr::tr("A rating is 0 to 5 stars, not %1.").arg(rating));
    return updateColumn(shotIds, QStringLiteral("rating"), rating);
}

Result<CurationReport> Curator::flag(const QList<qint64> &shotIds, Shot::Flag flag)
{
    return updateColumn(shotIds, QStringLiteral("flag"), int(flag));
}

Result<CurationReport> Curator::label(const QList<qint64> &shotIds, int colorLabel)
{
    if (colorLabel < 0 || colorLabel > 5)
        return Error::invalid(Tr::tr("A colour label is 0 (none) to 5, not %1.").arg(colorLabel));
    return updateColumn(shotIds, QStringLiteral("color_label"), colorLabel);
}

Status Curator::applyTags(QSqlDatabase &db, const QList<qint64> &shotIds, const QStringList &add,
                          const QStringList &remove, QSet<qint64> &changed, QList<qint64> &touched)
{
    if (shotIds.isEmpty())
        return {};
    TagRepository tags(m_catalog);
    const QString set = sql::idSetQuery(db);
    const QVariant ids = sql::idSetValue(db, shotIds);
    auto collect = [&](Result<QSqlQuery> &rows) {
        while (rows->next()) {
            const qint64 id = rows->value(0).toLongLong();
            changed.insert(id);
            touched.append(id);
        }
    };
    for (const QString &path : add) {
        auto tagId = tags.ensurePath(path);
        if (!tagId)
            return tagId.error();
        // "WHERE true": SQLite's parser needs a WHERE before ON CONFLICT after a SELECT. The shot's
        // curation columns come along (schema 6), so the link rows' insert trigger stays idle; an id
        // with no shot gets none and fails on the foreign key as before.
        auto rows = sql::run(db,
                             QStringLiteral("INSERT INTO shot_tags (shot_id, tag_id, rating, flag, color_label, status) "
                                            "SELECT ids.id, ?, s.rating, s.flag, s.color_label, s.status FROM (%1) ids "
                                            "LEFT JOIN shots s ON s.id = ids.id "
                                            "WHERE true ON CONFLICT (shot_id, tag_id) DO NOTHING RETURNING shot_id")
                                 .arg(set),
                             {*tagId, ids});
        if (!rows)
            return Error{rows.error().code,
                         Tr::tr("Could not tag the selection with %1: %2").arg(path, rows.error().message)};
        collect(rows);
    }
    for (const QString &path : remove) {
        auto tagId = tags.findPath(path);
        if (!tagId)
            return tagId.error();
        if (!tagId->has_value())
            continue; // nobody carries a tag that does not exist
        auto rows = sql::run(db,
                             QStringLiteral("DELETE FROM shot_tags WHERE tag_id = ? AND shot_id IN (%1) "
                                            "RETURNING shot_id")
                                 .arg(set),
                             {**tagId, ids});
        if (!rows)
            return Error{rows.error().code, Tr::tr("Could not remove the tag %1 from the selection: %2")
                                                .arg(path, rows.error().message)};
        collect(rows);
    }
    return {};
}

Result<CurationReport> Curator::tag(const QList<qint64> &shotIds, const QStringList &add, const QStringList &remove)
{
    CurationReport report;
    report.shots = shotIds.size();
    QSet<qint64> changed;
    // One statement per tag over the whole selection (the ids bound as one value), and one refresh
    // of the search documents of the shots that changed, in the same transaction: the per-row
    // search triggers stay off meanwhile (SearchIndex::deferRefresh).
    Status done = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (shotIds.isEmpty())
            return {};
        return SearchIndex::deferRefresh(db, [&](QList<qint64> &touched) -> Status {
            return applyTags(db, shotIds, add, remove, changed, touched);
        });
    });
    if (!done)
        return done.error();
    return afterTagging(changed, report);
}

Result<CurationReport> Curator::afterTagging(const QSet<qint64> &changed, CurationReport report)
{
    report.changed = changed.size();
    QList<qint64> ids(changed.cbegin(), changed.cend());
    std::sort(ids.begin(), ids.end());
    if (auto written = writeSidecars(ids, report); !written)
        return written.error();
    return report;
}

Result<QHash<qint64, QString>> Curator::tagStates(const QList<qint64> &shotIds)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return tagStates(*db, shotIds);
}

Result<QHash<qint64, QString>> Curator::tagStates(const QSqlDatabase &db, const QList<qint64> &shotIds)
{
    QHash<qint64, QString> states;
    if (shotIds.isEmpty())
        return states;
    for (qint64 id : shotIds)
        states.insert(id, QString());
    auto q = sql::run(db,
                      QStringLiteral("SELECT shot_id, tag_id FROM shot_tags WHERE shot_id IN (%1) ORDER BY shot_id, tag_id")
                          .arg(sql::idSetQuery(db)),
                      {sql::idSetValue(db, shotIds)});
    if (!q)
        return q.error();
    while (q->next()) {
        QString &state = states[q->value(0).toLongLong()];
        if (!state.isEmpty())
            state += u',';
        state += QString::number(q->value(1).toLongLong());
    }
    return states;
}

Result<CurationReport> Curator::putBackTags(const QHash<qint64, QString> &expected,
                                            const QHash<QString, QList<qint64>> &add,
                                            const QHash<QString, QList<qint64>> &remove)
{
    CurationReport report;
    QSet<qint64> changed;
    QSet<qint64> asked;
    for (const auto *side : {&add, &remove})
        for (const QList<qint64> &ids : *side)
            asked.unite(QSet<qint64>(ids.cbegin(), ids.cend()));
    report.shots = asked.size();
    Status done = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (asked.isEmpty())
            return {};
        // Read inside the transaction that writes: what is compared is what is changed.
        auto now = tagStates(db, QList<qint64>(asked.cbegin(), asked.cend()));
        if (!now)
            return now.error();
        QSet<qint64> untouched; // still exactly as the edit left them
        for (auto it = now->cbegin(); it != now->cend(); ++it) {
            if (expected.contains(it.key()) && expected.value(it.key()) == it.value())
                untouched.insert(it.key());
            else
                ++report.conflicts;
        }
        auto keep = [&](const QList<qint64> &ids) {
            QList<qint64> result;
            for (qint64 id : ids)
                if (untouched.contains(id))
                    result.append(id);
            return result;
        };
        return SearchIndex::deferRefresh(db, [&](QList<qint64> &touched) -> Status {
            for (auto it = add.cbegin(); it != add.cend(); ++it)
                if (auto applied = applyTags(db, keep(it.value()), {it.key()}, {}, changed, touched); !applied)
                    return applied;
            for (auto it = remove.cbegin(); it != remove.cend(); ++it)
                if (auto applied = applyTags(db, keep(it.value()), {}, {it.key()}, changed, touched); !applied)
                    return applied;
            return {};
        });
    });
    if (!done)
        return done.error();
    return afterTagging(changed, report);
}

Result<CurationReport> Curator::setAttribute(const QList<qint64> &shotIds, const QString &attributeKey,
                                             const QStringList &values)
{
    CurationReport report;
    report.shots = shotIds.size();
    Status done = m_catalog.transaction([&](QSqlDatabase &) -> Status {
        AttributeRepository attributes(m_catalog);
        for (qint64 id : shotIds) {
            if (auto set = attributes.setShotValues(id, attributeKey, values); !set)
                return set;
        }
        return {};
    });
    if (!done)
        return done.error();
    report.changed = shotIds.size(); // attributes are not in sidecars
    return report;
}

Result<CurationReport> Curator::putBackAttribute(const QList<qint64> &shotIds, const QString &attributeKey,
                                                 const QStringList &value, const QStringList &expected)
{
    auto sorted = [](QStringList values) {
        values.sort();
        values.removeDuplicates();
        return values;
    };
    const QStringList goal = sorted(value);
    const QStringList edited = sorted(expected);
    CurationReport report;
    report.shots = shotIds.size();
    Status done = m_catalog.transaction([&](QSqlDatabase &) -> Status {
        auto now = attributeValues(shotIds, attributeKey);
        if (!now)
            return now.error();
        AttributeRepository attributes(m_catalog);
        for (qint64 id : shotIds) {
            const QStringList current = sorted(now->value(id));
            if (current == goal)
                continue; // already back
            if (current != edited) {
                ++report.conflicts; // someone else's values since: kept
                continue;
            }
            if (auto set = attributes.setShotValues(id, attributeKey, value); !set)
                return set;
            ++report.changed;
        }
        return {};
    });
    if (!done)
        return done.error();
    return report; // attributes are not in sidecars
}

Result<SidecarData> Curator::sidecarData(qint64 shotId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT title, description, rating, flag, color_label FROM shots WHERE id = ?"),
                      {shotId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(Tr::tr("There is no shot %1.").arg(shotId));
    SidecarData data;
    data.title = q->value(0).toString();
    data.description = q->value(1).toString();
    data.rating = q->value(2).toInt();
    data.rejected = q->value(3).toInt() == int(Shot::Flag::Rejected);
    data.label = labelName(q->value(4).toInt());
    q->finish();
    auto tags = TagRepository(m_catalog).tagsOfShot(shotId);
    if (!tags)
        return tags.error();
    data.tags = *tags;
    return data;
}

Status Curator::writeSidecars(const QList<qint64> &shotIds, CurationReport &report)
{
    if (!m_writeSidecars)
        return {};
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    for (qint64 id : shotIds) {
        auto data = sidecarData(id);
        if (!data)
            return data.error();
        auto path = sql::run(*db, QStringLiteral("SELECT path FROM shots WHERE id = ?"), {id});
        if (!path)
            return path.error();
        if (!path->next())
            continue;
        const QString imagePath = path->value(0).toString();
        if (auto written = XmpSidecar::write(imagePath, *data); written)
            ++report.sidecarsWritten;
        else
            report.sidecarFailures.append({XmpSidecar::sidecarPath(imagePath), written.error().message});
    }
    return {};
}

Result<QList<qint64>> Curator::shotsWithTag(const QList<qint64> &shotIds, const QString &path)
{
    auto tag = TagRepository(m_catalog).findPath(path);
    if (!tag)
        return tag.error();
    QList<qint64> result;
    if (!*tag || shotIds.isEmpty())
        return result;
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
        QStringLiteral("SELECT shot_id FROM shot_tags WHERE tag_id = ? AND shot_id IN (%1)").arg(sql::idSetQuery(*db)),
        { **tag, sql::idSetValue(*db, shotIds) });
    if (!q)
        return q.error();
    while (q->next())
        result.append(q->value(0).toLongLong());
    return result;
}

Result<QHash<qint64, QStringList>> Curator::attributeValues(const QList<qint64> &shotIds, const QString &attributeKey)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    QHash<qint64, QStringList> result;
    if (shotIds.isEmpty())
        return result;
    auto q = sql::run(*db,
        QStringLiteral("SELECT sa.shot_id, o.value FROM shot_attributes sa "
                       "JOIN attribute_options o ON o.id = sa.option_id "
                       "JOIN attributes a ON a.id = o.attribute_id "
                       "WHERE a.key = ? AND sa.shot_id IN (%1) ORDER BY sa.shot_id, o.position, o.id")
            .arg(sql::idSetQuery(*db)),
        { attributeKey, sql::idSetValue(*db, shotIds) });
    if (!q)
        return q.error();
    while (q->next())
        result[q->value(0).toLongLong()].append(q->value(1).toString());
    return result;
}

} // namespace stills
