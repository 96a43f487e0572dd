#include "croprepository.h"

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

Status CropRepository::validate(const Crop &c)
{
    const QRectF r = c.rect;
    constexpr double eps = 1e-9;
    if (c.name.trimmed().isEmpty())
        return Error::invalid(Tr::tr("A crop needs a name."));
    if (!(r.width() > 0 && r.height() > 0) || r.left() < -eps || r.top() < -eps || r.right() > 1 + eps
        || r.bottom() > 1 + eps)
        return Error::invalid(Tr::tr("The crop \"%1\" must be a non-empty rectangle inside the image.").arg(c.name));
    if (c.rotation % 90 != 0 || c.rotation < 0 || c.rotation >= 360)
        return Error::invalid(Tr::tr("A crop turns in quarter turns (0, 90, 180, 270), not %1°.").arg(c.rotation));
    if (c.straighten < -45 || c.straighten > 45)
        return Error::invalid(Tr::tr("Straightening is limited to ±45°."));
    return {};
}

Result<qint64> CropRepository::save(const Crop &c)
{
    if (auto valid = validate(c); !valid)
        return valid.error();
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    const QRectF r = c.rect;
    if (c.id == 0) {
        auto id = sql::insert(*db,
                              QStringLiteral("INSERT INTO crops (shot_id, name, x, y, w, h, aspect, rotation, straighten, "
                                             "updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              {c.shotId, c.name.trimmed(), r.x(), r.y(), r.width(), r.height(), c.aspect, c.rotation,
                               c.straighten, sql::nowMs()});
        if (!id && id.error().code == Error::Code::Conflict)
            return Error::conflict(Tr::tr("This shot already has a crop named \"%1\".").arg(c.name));
        return id;
    }
    auto q = sql::run(*db,
                      QStringLiteral("UPDATE crops SET name = ?, x = ?, y = ?, w = ?, h = ?, aspect = ?, rotation = ?, "
                                     "straighten = ?, updated_ms = ?, version = version + 1 WHERE id = ? AND version = ?"),
                      {c.name.trimmed(), r.x(), r.y(), r.width(), r.height(), c.aspect, c.rotation, c.straighten,
                       sql::nowMs(), c.id, c.version});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error::conflict(Tr::tr("The crop \"%1\" was changed or deleted by someone else; nothing was "
                                      "overwritten.")
                                   .arg(c.name));
    return c.id;
}

namespace {

const QString kCropColumns = QStringLiteral("id, shot_id, name, x, y, w, h, aspect, rotation, straighten, updated_ms, version");

QList<Crop> readCrops(QSqlQuery &q)
{
    QList<Crop> crops;
    while (q.next()) {
        Crop c;
        c.id = q.value(0).toLongLong();
        c.shotId = q.value(1).toLongLong();
        c.name = q.value(2).toString();
        c.rect = QRectF(q.value(3).toDouble(), q.value(4).toDouble(), q.value(5).toDouble(), q.value(6).toDouble());
        c.aspect = q.value(7).toString();
        c.rotation = q.value(8).toInt();
        c.straighten = q.value(9).toDouble();
        c.updatedMs = q.value(10).toLongLong();
        c.version = q.value(11).toInt();
        crops.append(c);
    }
    return crops;
}

} // namespace

Result<QList<Crop>> CropRepository::ofShot(qint64 shotId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT %1 FROM crops WHERE shot_id = ? ORDER BY name").arg(kCropColumns),
                      {shotId});
    if (!q)
        return q.error();
    return readCrops(*q);
}

Result<QList<Crop>> CropRepository::ofShots(const QList<qint64> &shotIds)
{
    if (shotIds.isEmpty())
        return QList<Crop>();
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
                      QStringLiteral("SELECT %1 FROM crops WHERE shot_id IN (%2) ORDER BY shot_id, name")
                          .arg(kCropColumns, sql::idSetQuery(*db)),
                      {sql::idSetValue(*db, shotIds)});
    if (!q)
        return q.error();
    return readCrops(*q);
}

Status CropRepository::remove(qint64 cropId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("DELETE FROM crops WHERE id = ?"), {cropId});
}

} // namespace stills
