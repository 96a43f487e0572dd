#include "photosetedits.h"

#include "catalog/photosetrepository.h"
#include "catalog/tagrepository.h"

#include <QSet>

namespace stills {

namespace {

QString slugPath(const QString &path)
{
    QStringList slugs;
    for (const QString &part : TagRepository::splitPath(path))
        slugs << TagRepository::slugify(part);
    return slugs.join(u'/');
}

} // namespace

PhotosetEdit PhotosetEdits::split(const Photoset &photoset, const QStringList &tagPaths)
{
    PhotosetEdit edit;
    edit.photoset = photoset;
    const QString root = TagRepository::slugify(genreRoot());
    for (const QString &path : tagPaths) {
        const QStringList parts = TagRepository::splitPath(path);
        if (parts.size() >= 2 && TagRepository::slugify(parts.first()) == root) {
            if (edit.genre.isEmpty()) {
                edit.genre = parts.mid(1).join(u'/');
                continue;
            }
        }
        edit.tags.append(path);
    }
    return edit;
}

QStringList PhotosetEdits::tagPaths(const PhotosetEdit &edit)
{
    QStringList paths = edit.tags;
    if (!TagRepository::splitPath(edit.genre).isEmpty())
        paths.append(genreRoot() + u'/' + TagRepository::splitPath(edit.genre).join(u'/'));
    return paths;
}

Result<PhotosetEdit> PhotosetEdits::load(const Catalog &catalog, qint64 photosetId)
{
    auto photoset = PhotosetRepository(catalog).get(photosetId);
    if (!photoset)
        return photoset.error();
    auto tags = TagRepository(catalog).tagsOfPhotoset(photosetId);
    if (!tags)
        return tags.error();
    return split(*photoset, *tags);
}

Result<qint64> PhotosetEdits::save(const Catalog &catalog, const PhotosetEdit &edit)
{
    qint64 id = edit.photoset.id;
    Status done = catalog.transaction([&](QSqlDatabase &) -> Status {
        PhotosetRepository sets(catalog);
        TagRepository tags(catalog);
        if (id == 0) {
            auto made = sets.create(edit.photoset);
            if (!made)
                return made.error();
            id = *made;
        } else if (auto updated = sets.update(edit.photoset); !updated) {
            return updated;
        }
        auto current = tags.tagsOfPhotoset(id);
        if (!current)
            return current.error();
        const QStringList wanted = tagPaths(edit);
        QSet<QString> wantedSlugs;
        for (const QString &path : wanted)
            wantedSlugs.insert(slugPath(path));
        QSet<QString> currentSlugs;
        for (const QString &path : std::as_const(*current)) {
            currentSlugs.insert(slugPath(path));
            if (wantedSlugs.contains(slugPath(path)))
                continue;
            auto tagId = tags.findPath(path);
            if (!tagId)
                return tagId.error();
            if (tagId->has_value()) {
                if (auto removed = tags.untagPhotoset(**tagId, id); !removed)
                    return removed;
            }
        }
        for (const QString &path : wanted) {
            if (currentSlugs.contains(slugPath(path)))
                continue;
            auto tagId = tags.ensurePath(path);
            if (!tagId)
                return tagId.error();
            if (auto added = tags.tagPhotoset(*tagId, id); !added)
                return added;
        }
        return {};
    });
    if (!done)
        return done.error();
    return id;
}

} // namespace stills
