#pragma once

#include "catalog.h"
#include "domain/tag.h"

#include <QList>

#include <optional>

namespace stills {

// Hierarchical tags ("Lighting/Low key") on shots and photosets. Thread contract as ShotRepository.
class TagRepository
{
public:
    explicit TagRepository(const Catalog &catalog) : m_catalog(catalog) {}

    // The leaf tag of `path` ("A/B/C"), creating missing levels. Empty segments are ignored.
    Result<qint64> ensurePath(const QString &path);
    Result<std::optional<qint64>> findPath(const QString &path);
    Result<QString> pathOf(qint64 tagId);

    Status tagShots(qint64 tagId, const QList<qint64> &shotIds);
    Status untagShots(qint64 tagId, const QList<qint64> &shotIds);
    Status tagPhotoset(qint64 tagId, qint64 photosetId);
    Status untagPhotoset(qint64 tagId, qint64 photosetId);

    // Full paths, sorted.
    Result<QStringList> tagsOfShot(qint64 shotId);
    Result<QStringList> tagsOfPhotoset(qint64 photosetId);

    // Every tag with its full path and the number of shots carrying it, sorted by path.
    Result<QList<Tag>> all();

    Status rename(qint64 tagId, const QString &newName);
    // Deletes the tag and its children; shots keep existing, only the tagging goes.
    Status remove(qint64 tagId);

    // Folds `fromTagId` into `intoTagId`, in one transaction: every shot and photoset tagged `from`
    // becomes tagged `into` (no duplicates); the children of `from` move under `into`, and a child
    // whose slug `into` already has is merged into that child, recursively; then `from` is deleted.
    // InvalidInput when merging a tag into itself or into one of its own descendants.
    Status merge(qint64 fromTagId, qint64 intoTagId);
    // Re-parents a tag (newParentId 0 = top level) with its subtree, in one transaction.
    // Conflict when the new parent already has a child with the same slug (merge instead);
    // InvalidInput when the new parent is the tag itself or one of its descendants.
    Status move(qint64 tagId, qint64 newParentId);
    // The same for a caller that already holds Catalog::transaction on this thread
    // (Catalog::transaction is not re-entrant).
    Status mergeInTransaction(qint64 fromTagId, qint64 intoTagId);
    Status moveInTransaction(qint64 tagId, qint64 newParentId);

    // The tag and its descendants, parents before children. NotFound for an unknown tag.
    Result<QList<qint64>> subtree(qint64 tagId);
    // Ids (ascending) of the shots / photosets carrying the tag, or with `withDescendants` the tag
    // or any of its descendants.
    Result<QList<qint64>> shotsCarrying(qint64 tagId, bool withDescendants = false);
    Result<QList<qint64>> photosetsCarrying(qint64 tagId, bool withDescendants = false);

    // "Low key" -> "low-key": lower case, spaces to '-', unicode letters kept.
    static QString slugify(const QString &name);
    static QStringList splitPath(const QString &path);

private:
    const Catalog &m_catalog;
};

} // namespace stills
