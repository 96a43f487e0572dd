#pragma once

#include "catalog.h"
#include "domain/shot.h"

#include <QHash>
#include <QList>

#include <optional>

namespace stills {

// Shots in the catalog. Thread contract: use from one thread at a time; it uses the calling
// thread's connection of the catalog. Every update carries the shot's version and fails with
// Error::Code::Conflict when the row changed since it was read (nothing is overwritten).
class ShotRepository
{
public:
    explicit ShotRepository(const Catalog &catalog) : m_catalog(catalog) {}

    // Inserts a new shot and returns its id. Sets importedMs/updatedMs when zero.
    Result<qint64> insert(const Shot &shot);

    Result<Shot> get(qint64 id);
    Result<std::optional<Shot>> findByPath(const QString &path);
    Result<QList<Shot>> findByHash(const QString &contentHash);

    // Updates what was read from the file (path, hash, size, dates, pixels, format, status, EXIF).
    // Used when a file changed on disk or moved. Bumps the version.
    Status updateFile(const Shot &shot);

    // Updates what the user edits (title, description, rating, flag, colour label). Bumps the version.
    Status updateEdits(const Shot &shot);

    Status remove(qint64 id);
    Result<qint64> count();

    // Keyset paging in id order: up to `limit` shots with id > afterId.
    Result<QList<Shot>> page(qint64 afterId, int limit);

    // The rating, flag (-1, 0, 1) and colour label of each of `ids` (any number: bound as one value).
    struct Marks {
        int rating = 0;
        int flag = 0;
        int colorLabel = 0;
    };
    Result<QHash<qint64, Marks>> marks(const QList<qint64> &ids);

    // Reads the row at `query`'s current position (the column order of selectColumns()).
    static Shot fromRow(const class QSqlQuery &query);
    static QString selectColumns();

private:
    // `what` names the record, with %1 for the shot's path ("The shot %1").
    Status checkUpdated(const QSqlQuery &query, const Shot &shot, const QString &what);

    const Catalog &m_catalog;
};

} // namespace stills
