#include "shotrepository.h"

#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

QVariant dateTimeValue(const QDateTime &dt)
{
    return dt.isValid() ? QVariant(dt.toString(Qt::ISODate)) : QVariant(QMetaType::fromType<QString>());
}

QVariantList fileValues(const Shot &s)
{
    return {s.path,
            s.contentHash,
            s.byteSize,
            s.modifiedMs,
            s.width,
            s.height,
            s.format,
            Shot::statusName(s.status),
            s.error,
            s.exif.orientation,
            dateTimeValue(s.exif.takenAt),
            s.exif.cameraMake,
            s.exif.cameraModel,
            s.exif.lens,
            sql::nullable(s.exif.focalLength),
            sql::nullable(s.exif.aperture),
            sql::nullable(s.exif.exposureTime),
            sql::nullable(s.exif.iso),
            sql::nullable(s.exif.gpsLatitude),
            sql::nullable(s.exif.gpsLongitude),
            sql::nullable(s.exif.gpsAltitude)};
}

const QString kFileColumns = QStringLiteral(
    "path, content_hash, byte_size, modified_ms, width, height, format, status, error, orientation, taken_at, "
    "camera_make, camera_model, lens, focal_length, aperture, exposure_time, iso, gps_latitude, gps_longitude, "
    "gps_altitude");

} // namespace

QString ShotRepository::selectColumns()
{
    return QStringLiteral("id, ") + kFileColumns
        + QStringLiteral(", title, description, rating, flag, color_label, imported_ms, updated_ms, version");
}

Shot ShotRepository::fromRow(const QSqlQuery &q)
{
    Shot s;
    int c = 0;
    s.id = q.value(c++).toLongLong();
    s.path = q.value(c++).toString();
    s.contentHash = q.value(c++).toString();
    s.byteSize = q.value(c++).toLongLong();
    s.modifiedMs = q.value(c++).toLongLong();
    s.width = q.value(c++).toInt();
    s.height = q.value(c++).toInt();
    s.format = q.value(c++).toString();
    s.status = Shot::statusFromName(q.value(c++).toString());
    s.error = q.value(c++).toString();
    s.exif.orientation = q.value(c++).toInt();
    const QVariant taken = q.value(c++);
    if (!taken.isNull())
        s.exif.takenAt = QDateTime::fromString(taken.toString(), Qt::ISODate);
    s.exif.cameraMake = q.value(c++).toString();
    s.exif.cameraModel = q.value(c++).toString();
    s.exif.lens = q.value(c++).toString();
    s.exif.focalLength = sql::optionalDouble(q.value(c++));
    s.exif.aperture = sql::optionalDouble(q.value(c++));
    s.exif.exposureTime = sql::optionalDouble(q.value(c++));
    s.exif.iso = sql::optionalInt(q.value(c++));
    s.exif.gpsLatitude = sql::optionalDouble(q.value(c++));
    s.exif.gpsLongitude = sql::optionalDouble(q.value(c++));
    s.exif.gpsAltitude = sql::optionalDouble(q.value(c++));
    s.title = q.value(c++).toString();
    s.description = q.value(c++).toString();
    s.rating = q.value(c++).toInt();
    s.flag = static_cast<Shot::Flag>(q.value(c++).toInt());
    s.colorLabel = q.value(c++).toInt();
    s.importedMs = q.value(c++).toLongLong();
    s.updatedMs = q.value(c++).toLongLong();
    s.version = q.value(c++).toInt();
    return s;
}

Result<qint64> ShotRepository::insert(const Shot &shot)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    const qint64 now = sql::nowMs();
    QVariantList values = fileValues(shot);
    values << shot.title << shot.description << shot.rating << int(shot.flag) << shot.colorLabel
           << (shot.importedMs ? shot.importedMs : now) << (shot.updatedMs ? shot.updatedMs : now);
    return sql::insert(*db,
                       QStringLiteral("INSERT INTO shots (") + kFileColumns
                           + QStringLiteral(", title, description, rating, flag, color_label, imported_ms, updated_ms) "
                                            "VALUES (")
                           + sql::placeholders(values.size()) + u')',
                       values);
}

Result<Shot> ShotRepository::get(qint64 id)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT ") + selectColumns() + QStringLiteral(" FROM shots WHERE id = ?"), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(Tr::tr("There is no shot %1 in the catalog.").arg(id));
    return fromRow(*q);
}

Result<std::optional<Shot>> ShotRepository::findByPath(const QString &path)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT ") + selectColumns() + QStringLiteral(" FROM shots WHERE path = ?"),
                      {path});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Shot>{};
    return std::optional<Shot>{fromRow(*q)};
}

Result<QList<Shot>> ShotRepository::findByHash(const QString &contentHash)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
                      QStringLiteral("SELECT ") + selectColumns()
                          + QStringLiteral(" FROM shots WHERE content_hash = ? ORDER BY id"),
                      {contentHash});
    if (!q)
        return q.error();
    QList<Shot> shots;
    while (q->next())
        shots.append(fromRow(*q));
    return shots;
}

Status ShotRepository::checkUpdated(const QSqlQuery &query, const Shot &shot, const QString &what)
{
    if (query.numRowsAffected() > 0)
        return {};
    auto current = get(shot.id);
    if (!current)
        return current.error();
    return Error::conflict(Tr::tr("%1 was changed by someone else since it was read "
                                  "(version %2 is now %3); nothing was overwritten.")
                               .arg(what.arg(shot.path))
                               .arg(shot.version)
                               .arg(current->version));
}

Status ShotRepository::updateFile(const Shot &shot)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    QVariantList values = fileValues(shot);
    values << sql::nowMs() << shot.id << shot.version;
    auto q = sql::run(*db,
                      QStringLiteral("UPDATE shots SET path = ?, content_hash = ?, byte_size = ?, modified_ms = ?, "
                                     "width = ?, height = ?, format = ?, status = ?, error = ?, orientation = ?, "
                                     "taken_at = ?, camera_make = ?, camera_model = ?, lens = ?, focal_length = ?, "
                                     "aperture = ?, exposure_time = ?, iso = ?, gps_latitude = ?, gps_longitude = ?, "
                                     "gps_altitude = ?, updated_ms = ?, version = version + 1 "
                                     "WHERE id = ? AND version = ?"),
                      values);
    if (!q)
        return q.error();
    return checkUpdated(*q, shot, Tr::tr("The file record of %1"));
}

Status ShotRepository::updateEdits(const Shot &shot)
{
    if (shot.rating < 0 || shot.rating > 5)
        return Error::invalid(Tr::tr("A rating is 0 to 5 stars, not %1.").arg(shot.rating));
    if (shot.colorLabel < 0 || shot.colorLabel > 5)
        return Error::invalid(Tr::tr("A colour label is 0 (none) to 5, not %1.").arg(shot.colorLabel));
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
                      QStringLiteral("UPDATE shots SET title = ?, description = ?, rating = ?, flag = ?, "
                                     "color_label = ?, updated_ms = ?, version = version + 1 "
                                     "WHERE id = ? AND version = ?"),
                      {shot.title, shot.description, shot.rating, int(shot.flag), shot.colorLabel, sql::nowMs(),
                       shot.id, shot.version});
    if (!q)
        return q.error();
    return checkUpdated(*q, shot, Tr::tr("The shot %1"));
}

Status ShotRepository::remove(qint64 id)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("DELETE FROM shots WHERE id = ?"), {id});
}

Result<qint64> ShotRepository::count()
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM shots"));
}

Result<QList<Shot>> ShotRepository::page(qint64 afterId, int limit)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
                      QStringLiteral("SELECT ") + selectColumns()
                          + QStringLiteral(" FROM shots WHERE id > ? ORDER BY id LIMIT ?"),
                      {afterId, limit});
    if (!q)
        return q.error();
    QList<Shot> shots;
    while (q->next())
        shots.append(fromRow(*q));
    return shots;
}

Result<QHash<qint64, ShotRepository::Marks>> ShotRepository::marks(const QList<qint64> &ids)
{
    QHash<qint64, Marks> marks;
    if (ids.isEmpty())
        return marks;
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
                      QStringLiteral("SELECT id, rating, flag, color_label FROM shots WHERE id IN (") + sql::idSetQuery(*db)
                          + u')',
                      {sql::idSetValue(*db, ids)});
    if (!q)
        return q.error();
    marks.reserve(ids.size());
    while (q->next())
        marks.insert(q->value(0).toLongLong(), Marks{q->value(1).toInt(), q->value(2).toInt(), q->value(3).toInt()});
    return marks;
}

} // namespace stills
