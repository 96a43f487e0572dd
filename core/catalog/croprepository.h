#pragma once

#include "catalog.h"
#include "domain/crop.h"

#include <QList>

namespace stills {

// Named crops of a shot (parameters only). Thread contract as ShotRepository.
class CropRepository
{
public:
    explicit CropRepository(const Catalog &catalog) : m_catalog(catalog) {}

    // Inserts (id == 0) or updates (carrying the version; Conflict when it moved on). Returns the id.
    Result<qint64> save(const Crop &crop);
    Result<QList<Crop>> ofShot(qint64 shotId);
    // The crops of many shots in one statement (the grid's overlays), ordered by shot, then name.
    Result<QList<Crop>> ofShots(const QList<qint64> &shotIds);
    Status remove(qint64 cropId);

    // Checks the parameters: a non-empty rectangle inside 0..1, rotation in quarter turns.
    static Status validate(const Crop &crop);

private:
    const Catalog &m_catalog;
};

} // namespace stills
