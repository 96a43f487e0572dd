#pragma once

#include "catalog.h"
#include "domain/photoset.h"

#include <QList>

#include <optional>

namespace stills {

// Photosets and their ordered membership. Thread contract as ShotRepository.
// Deleting a photoset never deletes its shots: they stay in the library.
class PhotosetRepository
{
public:
    explicit PhotosetRepository(const Catalog &catalog) : m_catalog(catalog) {}

    Result<qint64> create(const Photoset &photoset);
    Result<Photoset> get(qint64 id);
    Result<std::optional<Photoset>> findBySource(const QString &sourcePath);
    Result<std::optional<Photoset>> findByName(const QString &name);
    // All photosets with their shot counts, by name.
    Result<QList<Photoset>> list();

    // Updates the editable fields; Conflict when the version moved on.
    Status update(const Photoset &photoset);
    Status remove(qint64 id);

    // Appends shots in the given order; shots already in the set keep their place.
    // Returns how many were added.
    Result<qint64> addShots(qint64 photosetId, const QList<qint64> &shotIds);
    Status removeShots(qint64 photosetId, const QList<qint64> &shotIds);
    // Moves a shot before another member (beforeShotId = 0 moves it to the end).
    Status moveShot(qint64 photosetId, qint64 shotId, qint64 beforeShotId);
    // Member shot ids in order, keyset-paged by position.
    Result<QList<qint64>> members(qint64 photosetId, int limit = 1 << 30, qint64 afterPosition = -1);
    Result<qint64> memberCount(qint64 photosetId);

    // For undo. The (shot id, position) of those of `shotIds` that are members.
    Result<QList<std::pair<qint64, qint64>>> memberPositions(qint64 photosetId, const QList<qint64> &shotIds);
    // Puts members back at the positions memberPositions() gave; members already there stay put.
    Status restoreMembers(qint64 photosetId, const QList<std::pair<qint64, qint64>> &positions);
    // The member after `shotId` in the set's order, 0 when it is the last (to move it back).
    Result<qint64> nextMember(qint64 photosetId, qint64 shotId);
    // Re-creates a deleted photoset with its old id and fields (undo of a delete).
    Status restore(const Photoset &photoset);

    static constexpr qint64 PositionStep = 1024;

private:
    Status renumber(const QSqlDatabase &db, qint64 photosetId);

    const Catalog &m_catalog;
};

} // namespace stills
