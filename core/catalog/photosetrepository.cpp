#include "photosetrepository.h"

#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

const QString kColumns = QStringLiteral(
    "p.id, p.name, p.kind, p.source_path, p.title, p.year, p.date, p.source_url, p.description, p.people, p.extra, "
    "p.created_ms, p.updated_ms, p.version");

Photoset fromRow(const QSqlQuery &q)
{
    Photoset p;
    int c = 0;
    p.id = q.value(c++).toLongLong();
    p.name = q.value(c++).toString();
    p.kind = Photoset::kindFromName(q.value(c++).toString());
    p.sourcePath = q.value(c++).toString();
    p.title = q.value(c++).toString();
    p.year = q.value(c++).toInt();
    p.date = QDate::fromString(q.value(c++).toString(), Qt::ISODate);
    p.sourceUrl = q.value(c++).toString();
    p.description = q.value(c++).toString();
    const QJsonArray people = QJsonDocument::fromJson(q.value(c++).toString().toUtf8()).array();
    for (const QJsonValue &v : people)
        p.people.append(v.toString());
    p.extra = QJsonDocument::fromJson(q.value(c++).toString().toUtf8()).object();
    p.createdMs = q.value(c++).toLongLong();
    p.updatedMs = q.value(c++).toLongLong();
    p.version = q.value(c++).toInt();
    return p;
}

QString peopleJson(const QStringList &people)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(people)).toJson(QJsonDocument::Compact));
}

QString extraJson(const QJsonObject &extra)
{
    return QString::fromUtf8(QJsonDocument(extra).toJson(QJsonDocument::Compact));
}

QVariant dateValue(const QDate &d)
{
    return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(QMetaType::fromType<QString>());
}

} // namespace

Result<qint64> PhotosetRepository::create(const Photoset &p)
{
    if (p.name.trimmed().isEmpty())
        return Error::invalid(Tr::tr("A photoset needs a name."));
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    const qint64 now = sql::nowMs();
    return sql::insert(*db,
                       QStringLiteral("INSERT INTO photosets (name, kind, source_path, title, year, date, source_url, "
                                      "description, people, extra, created_ms, updated_ms) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       {p.name.trimmed(), Photoset::kindName(p.kind), sql::nullableText(p.sourcePath), p.title, p.year,
                        dateValue(p.date), p.sourceUrl, p.description, peopleJson(p.people), extraJson(p.extra), now,
                        now});
}

Result<Photoset> PhotosetRepository::get(qint64 id)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM photosets p WHERE p.id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(Tr::tr("There is no photoset %1 in the catalog.").arg(id));
    return fromRow(*q);
}

Result<std::optional<Photoset>> PhotosetRepository::findBySource(const QString &sourcePath)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM photosets p WHERE p.source_path = ?"),
                      {sourcePath});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Photoset>{};
    return std::optional<Photoset>{fromRow(*q)};
}

Result<std::optional<Photoset>> PhotosetRepository::findByName(const QString &name)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
                      QStringLiteral("SELECT ") + kColumns
                          + QStringLiteral(" FROM photosets p WHERE p.name = ? ORDER BY p.id LIMIT 1"),
                      {name.trimmed()});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Photoset>{};
    return std::optional<Photoset>{fromRow(*q)};
}

Result<QList<Photoset>> PhotosetRepository::list()
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT ") + kColumns
                               + QStringLiteral(", (SELECT COUNT(*) FROM photoset_shots m WHERE m.photoset_id = p.id) "
                                                "FROM photosets p ORDER BY LOWER(p.name), p.id"));
    if (!q)
        return q.error();
    QList<Photoset> sets;
    while (q->next()) {
        Photoset p = fromRow(*q);
        p.shotCount = q->value(14).toLongLong();
        sets.append(p);
    }
    return sets;
}

Status PhotosetRepository::update(const Photoset &p)
{
    if (p.name.trimmed().isEmpty())
        return Error::invalid(Tr::tr("A photoset needs a name."));
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
                      QStringLiteral("UPDATE photosets SET name = ?, title = ?, year = ?, date = ?, source_url = ?, "
                                     "description = ?, people = ?, extra = ?, updated_ms = ?, version = version + 1 "
                                     "WHERE id = ? AND version = ?"),
                      {p.name.trimmed(), p.title, p.year, dateValue(p.date), p.sourceUrl, p.description,
                       peopleJson(p.people), extraJson(p.extra), sql::nowMs(), p.id, p.version});
    if (!q)
        return q.error();
    if (q->numRowsAffected() > 0)
        return {};
    auto current = get(p.id);
    if (!current)
        return current.error();
    return Error::conflict(Tr::tr("The photoset \"%1\" was changed by someone else since it was read; "
                                  "nothing was overwritten.")
                               .arg(current->name));
}

Status PhotosetRepository::remove(qint64 id)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("DELETE FROM photosets WHERE id = ?"), {id});
}

Result<qint64> PhotosetRepository::addShots(qint64 photosetId, const QList<qint64> &shotIds)
{
    if (shotIds.isEmpty())
        return qint64(0);
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto last = sql::scalar(*db, QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM photoset_shots WHERE photoset_id = ?"),
                            {photosetId});
    if (!last)
        return last.error();
    qint64 position = *last;
    qint64 added = 0;
    const qint64 now = sql::nowMs();
    QSqlQuery q(*db);
    if (!q.prepare(QStringLiteral("INSERT INTO photoset_shots (photoset_id, shot_id, position, added_ms) "
                                  "VALUES (?, ?, ?, ?) ON CONFLICT (photoset_id, shot_id) DO NOTHING")))
        return sql::errorFrom(q.lastError(), Tr::tr("Could not add shots to the photoset"));
    for (qint64 shotId : shotIds) {
        position += PositionStep;
        q.bindValue(0, photosetId);
        q.bindValue(1, shotId);
        q.bindValue(2, position);
        q.bindValue(3, now);
        if (!q.exec())
            return sql::errorFrom(q.lastError(), Tr::tr("Could not add a shot to the photoset"));
        added += q.numRowsAffected() > 0 ? 1 : 0;
    }
    return added;
}

Status PhotosetRepository::removeShots(qint64 photosetId, const QList<qint64> &shotIds)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    for (qint64 shotId : shotIds) {
        if (auto done = sql::exec(*db, QStringLiteral("DELETE FROM photoset_shots WHERE photoset_id = ? AND shot_id = ?"),
                                  {photosetId, shotId});
            !done)
            return done;
    }
    return {};
}

Result<QList<std::pair<qint64, qint64>>> PhotosetRepository::memberPositions(qint64 photosetId, const QList<qint64> &shotIds)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    QList<std::pair<qint64, qint64>> result;
    if (shotIds.isEmpty())
        return result;
    auto q = sql::run(*db,
        QStringLiteral("SELECT shot_id, position FROM photoset_shots WHERE photoset_id = ? AND shot_id IN (%1)")
            .arg(sql::idSetQuery(*db)),
        { photosetId, sql::idSetValue(*db, shotIds) });
    if (!q)
        return q.error();
    while (q->next())
        result.append({ q->value(0).toLongLong(), q->value(1).toLongLong() });
    return result;
}

Status PhotosetRepository::restoreMembers(qint64 photosetId, const QList<std::pair<qint64, qint64>> &positions)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    QSqlQuery q(*db);
    if (!q.prepare(QStringLiteral("INSERT INTO photoset_shots (photoset_id, shot_id, position, added_ms) "
                                  "VALUES (?, ?, ?, ?) ON CONFLICT (photoset_id, shot_id) DO NOTHING")))
        return sql::errorFrom(q.lastError(), Tr::tr("Could not put shots back into the photoset"));
    const qint64 now = sql::nowMs();
    for (const auto &[shotId, position] : positions) {
        q.bindValue(0, photosetId);
        q.bindValue(1, shotId);
        q.bindValue(2, position);
        q.bindValue(3, now);
        if (!q.exec())
            return sql::errorFrom(q.lastError(), Tr::tr("Could not put a shot back into the photoset"));
    }
    return {};
}

Result<qint64> PhotosetRepository::nextMember(qint64 photosetId, qint64 shotId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
        QStringLiteral("SELECT m.shot_id FROM photoset_shots m JOIN photoset_shots me ON me.photoset_id = m.photoset_id "
                       "AND me.shot_id = ? WHERE m.photoset_id = ? AND (m.position, m.shot_id) > (me.position, me.shot_id) "
                       "ORDER BY m.position, m.shot_id LIMIT 1"),
        { shotId, photosetId });
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : qint64(0);
}

Status PhotosetRepository::restore(const Photoset &p)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    const qint64 now = sql::nowMs();
    return sql::exec(*db,
        QStringLiteral("INSERT INTO photosets (id, name, kind, source_path, title, year, date, source_url, "
                       "description, people, extra, created_ms, updated_ms) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        { p.id, p.name.trimmed(), Photoset::kindName(p.kind), sql::nullableText(p.sourcePath), p.title, p.year,
            dateValue(p.date), p.sourceUrl, p.description, peopleJson(p.people), extraJson(p.extra),
            p.createdMs ? p.createdMs : now, now });
}

Status PhotosetRepository::renumber(const QSqlDatabase &db, qint64 photosetId)
{
    auto q = sql::run(db, QStringLiteral("SELECT shot_id FROM photoset_shots WHERE photoset_id = ? ORDER BY position, shot_id"),
                      {photosetId});
    if (!q)
        return q.error();
    QList<qint64> ids;
    while (q->next())
        ids.append(q->value(0).toLongLong());
    q->finish();
    qint64 position = 0;
    for (qint64 id : std::as_const(ids)) {
        position += PositionStep;
        if (auto done = sql::exec(db, QStringLiteral("UPDATE photoset_shots SET position = ? WHERE photoset_id = ? AND shot_id = ?"),
                                  {position, photosetId, id});
            !done)
            return done;
    }
    return {};
}

Status PhotosetRepository::moveShot(qint64 photosetId, qint64 shotId, qint64 beforeShotId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto member = sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM photoset_shots WHERE photoset_id = ? AND shot_id = ?"),
                              {photosetId, shotId});
    if (!member)
        return member.error();
    if (*member == 0)
        return Error::notFound(Tr::tr("Shot %1 is not in this photoset.").arg(shotId));
    if (beforeShotId == shotId)
        return {};

    for (int attempt = 0; attempt < 2; ++attempt) {
        qint64 newPosition = 0;
        if (beforeShotId == 0) {
            auto last = sql::scalar(*db, QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM photoset_shots WHERE photoset_id = ?"),
                                    {photosetId});
            if (!last)
                return last.error();
            newPosition = *last + PositionStep;
        } else {
            auto before = sql::scalar(*db, QStringLiteral("SELECT position FROM photoset_shots WHERE photoset_id = ? AND shot_id = ?"),
                                      {photosetId, beforeShotId});
            if (!before)
                return before.error().code == Error::Code::NotFound
                    ? Error::notFound(Tr::tr("Shot %1 is not in this photoset.").arg(beforeShotId))
                    : before.error();
            auto previous = sql::scalar(*db,
                                        QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM photoset_shots "
                                                       "WHERE photoset_id = ? AND position < ? AND shot_id <> ?"),
                                        {photosetId, *before, shotId});
            if (!previous)
                return previous.error();
            if (*before - *previous < 2) {
                // No room between the neighbours: spread the positions out once and try again.
                if (auto done = renumber(*db, photosetId); !done)
                    return done;
                continue;
            }
            newPosition = *previous + (*before - *previous) / 2;
        }
        return sql::exec(*db, QStringLiteral("UPDATE photoset_shots SET position = ? WHERE photoset_id = ? AND shot_id = ?"),
                         {newPosition, photosetId, shotId});
    }
    return Error::database(Tr::tr("Could not find a place for the shot in the photoset."));
}

Result<QList<qint64>> PhotosetRepository::members(qint64 photosetId, int limit, qint64 afterPosition)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
                      QStringLiteral("SELECT shot_id FROM photoset_shots WHERE photoset_id = ? AND position > ? "
                                     "ORDER BY position LIMIT ?"),
                      {photosetId, afterPosition, limit});
    if (!q)
        return q.error();
    QList<qint64> ids;
    while (q->next())
        ids.append(q->value(0).toLongLong());
    return ids;
}

Result<qint64> PhotosetRepository::memberCount(qint64 photosetId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM photoset_shots WHERE photoset_id = ?"), {photosetId});
}

} // namespace stills
