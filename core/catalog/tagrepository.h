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

    // "Low key" -> "low-key": lower case, spaces to '-', unicode letters kept.
    static QString slugify(const QString &name);
    static QStringList splitPath(const QString &path);

private:
    const Catalog &m_catalog;
};

} // namespace stills
