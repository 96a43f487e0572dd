#include "tagrepository.h"

#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <functional>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

QString TagRepository::slugify(const QString &name)
{
    QString slug;
    slug.reserve(name.size());
    bool dash = false;
    for (const QChar ch : name.trimmed().toCaseFolded()) {
        if (ch.isLetterOrNumber()) {
            if (dash && !slug.isEmpty())
                slug += u'-';
            slug += ch;
            dash = false;
        } else {
            dash = true;
        }
    }
    return slug;
}

QStringList TagRepository::splitPath(const QString &path)
{
    QStringList parts;
    const QStringList raw = path.split(u'/');
    for (const QString &part : raw) {
        const QString name = part.simplified();
        if (!name.isEmpty())
            parts.append(name);
    }
    return parts;
}

Result<std::optional<qint64>> TagRepository::findPath(const QString &path)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    const QStringList parts = splitPath(path);
    if (parts.isEmpty())
        return std::optional<qint64>{};
    qint64 parent = 0;
    for (const QString &name : parts) {
        auto q = sql::run(*db, QStringLiteral("SELECT id FROM tags WHERE COALESCE(parent_id, 0) = ? AND slug = ?"),
                          {parent, slugify(name)});
        if (!q)
            return q.error();
        if (!q->next())
            return std::optional<qint64>{};
        parent = q->value(0).toLongLong();
    }
    return std::optional<qint64>{parent};
}

Result<qint64> TagRepository::ensurePath(const QString &path)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    const QStringList parts = splitPath(path);
    if (parts.isEmpty())
        return Error::invalid(Tr::tr("\"%1\" is not a tag name.").arg(path));
    qint64 parent = 0;
    for (const QString &name : parts) {
        const QString slug = slugify(name);
        if (slug.isEmpty())
            return Error::invalid(Tr::tr("The tag \"%1\" needs at least one letter or digit.").arg(name));
        auto q = sql::run(*db, QStringLiteral("SELECT id FROM tags WHERE COALESCE(parent_id, 0) = ? AND slug = ?"),
                          {parent, slug});
        if (!q)
            return q.error();
        if (q->next()) {
            parent = q->value(0).toLongLong();
            continue;
        }
        auto id = sql::insert(*db, QStringLiteral("INSERT INTO tags (parent_id, name, slug) VALUES (?, ?, ?)"),
                              {parent ? QVariant(parent) : QVariant(QMetaType::fromType<qint64>()), name, slug});
        if (!id)
            return id.error();
        parent = *id;
    }
    return parent;
}

Result<QString> TagRepository::pathOf(qint64 tagId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    QStringList parts;
    qint64 id = tagId;
    for (int depth = 0; id != 0; ++depth) {
        if (depth > 64)
            return Error::corrupt(Tr::tr("The tag hierarchy has a cycle at tag %1.").arg(tagId));
        auto q = sql::run(*db, QStringLiteral("SELECT name, COALESCE(parent_id, 0) FROM tags WHERE id = ?"), {id});
        if (!q)
            return q.error();
        if (!q->next())
            return Error::notFound(Tr::tr("There is no tag %1.").arg(tagId));
        parts.prepend(q->value(0).toString());
        id = q->value(1).toLongLong();
    }
    return parts.join(u'/');
}

Status TagRepository::tagShots(qint64 tagId, const QList<qint64> &shotIds)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    for (qint64 shotId : shotIds) {
        if (auto done = sql::exec(*db, QStringLiteral("INSERT INTO shot_tags (shot_id, tag_id) VALUES (?, ?) "
                                                      "ON CONFLICT (shot_id, tag_id) DO NOTHING"),
                                  {shotId, tagId});
            !done)
            return done;
    }
    return {};
}

Status TagRepository::untagShots(qint64 tagId, const QList<qint64> &shotIds)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    for (qint64 shotId : shotIds) {
        if (auto done = sql::exec(*db, QStringLiteral("DELETE FROM shot_tags WHERE shot_id = ? AND tag_id = ?"),
                                  {shotId, tagId});
            !done)
            return done;
    }
    return {};
}

Status TagRepository::tagPhotoset(qint64 tagId, qint64 photosetId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("INSERT INTO photoset_tags (photoset_id, tag_id) VALUES (?, ?) "
                                         "ON CONFLICT (photoset_id, tag_id) DO NOTHING"),
                     {photosetId, tagId});
}

Status TagRepository::untagPhotoset(qint64 tagId, qint64 photosetId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("DELETE FROM photoset_tags WHERE photoset_id = ? AND tag_id = ?"),
                     {photosetId, tagId});
}

namespace {

// Resolves full paths for a set of tag ids with one query over the (small) tag table.
Result<QHash<qint64, QString>> allPaths(const QSqlDatabase &db)
{
    auto q = sql::run(db, QStringLiteral("SELECT id, COALESCE(parent_id, 0), name FROM tags"));
    if (!q)
        return q.error();
    QHash<qint64, std::pair<qint64, QString>> nodes;
    while (q->next())
        nodes.insert(q->value(0).toLongLong(), {q->value(1).toLongLong(), q->value(2).toString()});
    QHash<qint64, QString> paths;
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it) {
        QStringList parts{it->second};
        qint64 parent = it->first;
        for (int depth = 0; parent != 0 && depth < 64; ++depth) {
            const auto node = nodes.value(parent);
            parts.prepend(node.second);
            parent = node.first;
        }
        paths.insert(it.key(), parts.join(u'/'));
    }
    return paths;
}

Result<QStringList> tagPathsFor(const QSqlDatabase &db, const QString &statement, qint64 id)
{
    auto paths = allPaths(db);
    if (!paths)
        return paths.error();
    auto q = sql::run(db, statement, {id});
    if (!q)
        return q.error();
    QStringList result;
    while (q->next())
        result.append(paths->value(q->value(0).toLongLong()));
    result.sort(Qt::CaseInsensitive);
    return result;
}

} // namespace

Result<QStringList> TagRepository::tagsOfShot(qint64 shotId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return tagPathsFor(*db, QStringLiteral("SELECT tag_id FROM shot_tags WHERE shot_id = ?"), shotId);
}

Result<QStringList> TagRepository::tagsOfPhotoset(qint64 photosetId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return tagPathsFor(*db, QStringLiteral("SELECT tag_id FROM photoset_tags WHERE photoset_id = ?"), photosetId);
}

Result<QList<Tag>> TagRepository::all()
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto paths = allPaths(*db);
    if (!paths)
        return paths.error();
    auto q = sql::run(*db, QStringLiteral("SELECT t.id, COALESCE(t.parent_id, 0), t.name, t.slug, "
                                          "(SELECT COUNT(*) FROM shot_tags st WHERE st.tag_id = t.id) FROM tags t"));
    if (!q)
        return q.error();
    QList<Tag> tags;
    while (q->next()) {
        Tag t;
        t.id = q->value(0).toLongLong();
        t.parentId = q->value(1).toLongLong();
        t.name = q->value(2).toString();
        t.slug = q->value(3).toString();
        t.usageCount = q->value(4).toLongLong();
        t.path = paths->value(t.id);
        tags.append(t);
    }
    std::sort(tags.begin(), tags.end(), [](const Tag &a, const Tag &b) {
        return QString::compare(a.path, b.path, Qt::CaseInsensitive) < 0;
    });
    return tags;
}

Status TagRepository::rename(qint64 tagId, const QString &newName)
{
    const QString name = newName.simplified();
    if (name.contains(u'/'))
        return Error::invalid(Tr::tr("A tag name cannot contain '/'; it separates levels of the hierarchy."));
    const QString slug = slugify(name);
    if (slug.isEmpty())
        return Error::invalid(Tr::tr("The tag \"%1\" needs at least one letter or digit.").arg(newName));
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("UPDATE tags SET name = ?, slug = ? WHERE id = ?"), {name, slug, tagId});
    if (!q) {
        if (q.error().code == Error::Code::Conflict)
            return Error::conflict(Tr::tr("A tag named \"%1\" already exists at that level.").arg(name));
        return q.error();
    }
    if (q->numRowsAffected() == 0)
        return Error::notFound(Tr::tr("There is no tag %1.").arg(tagId));
    return {};
}

Status TagRepository::remove(qint64 tagId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("DELETE FROM tags WHERE id = ?"), {tagId});
}

namespace {

// parent id -> child ids, over the whole (small) tag table.
Result<QHash<qint64, QList<qint64>>> childrenMap(const QSqlDatabase &db)
{
    auto q = sql::run(db, QStringLiteral("SELECT id, COALESCE(parent_id, 0) FROM tags ORDER BY id"));
    if (!q)
        return q.error();
    QHash<qint64, QList<qint64>> children;
    while (q->next())
        children[q->value(1).toLongLong()].append(q->value(0).toLongLong());
    return children;
}

Result<QList<qint64>> idsFor(const QSqlDatabase &db, const QString &table, const QString &column,
                             const QList<qint64> &tagIds)
{
    // `table` and `column` come from this file only (shot_tags/shot_id, photoset_tags/photoset_id).
    QList<qint64> ids;
    if (tagIds.isEmpty())
        return ids;
    QVariantList values;
    for (qint64 id : tagIds)
        values.append(id);
    auto q = sql::run(db, QStringLiteral("SELECT DISTINCT %1 FROM %2 WHERE tag_id IN (%3) ORDER BY %1")
                              .arg(column, table, sql::placeholders(tagIds.size())),
                      values);
    if (!q)
        return q.error();
    while (q->next())
        ids.append(q->value(0).toLongLong());
    return ids;
}

} // namespace

Result<QList<qint64>> TagRepository::subtree(qint64 tagId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto exists = sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM tags WHERE id = ?"), {tagId});
    if (!exists)
        return exists.error();
    if (*exists == 0)
        return Error::notFound(Tr::tr("There is no tag %1.").arg(tagId));
    auto children = childrenMap(*db);
    if (!children)
        return children.error();
    QList<qint64> ids{tagId};
    QSet<qint64> seen{tagId};
    for (qsizetype i = 0; i < ids.size(); ++i) {
        for (qint64 child : children->value(ids[i])) {
            if (seen.contains(child))
                return Error::corrupt(Tr::tr("The tag hierarchy has a cycle at tag %1.").arg(child));
            seen.insert(child);
            ids.append(child);
        }
    }
    return ids;
}

Result<QList<qint64>> TagRepository::shotsCarrying(qint64 tagId, bool withDescendants)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    QList<qint64> tags{tagId};
    if (withDescendants) {
        auto all = subtree(tagId);
        if (!all)
            return all.error();
        tags = *all;
    }
    return idsFor(*db, QStringLiteral("shot_tags"), QStringLiteral("shot_id"), tags);
}

Result<QList<qint64>> TagRepository::photosetsCarrying(qint64 tagId, bool withDescendants)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    QList<qint64> tags{tagId};
    if (withDescendants) {
        auto all = subtree(tagId);
        if (!all)
            return all.error();
        tags = *all;
    }
    return idsFor(*db, QStringLiteral("photoset_tags"), QStringLiteral("photoset_id"), tags);
}

Status TagRepository::merge(qint64 fromTagId, qint64 intoTagId)
{
    return m_catalog.transaction([&](QSqlDatabase &) { return mergeInTransaction(fromTagId, intoTagId); });
}

Status TagRepository::move(qint64 tagId, qint64 newParentId)
{
    return m_catalog.transaction([&](QSqlDatabase &) { return moveInTransaction(tagId, newParentId); });
}

Status TagRepository::mergeInTransaction(qint64 fromTagId, qint64 intoTagId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto fromPath = pathOf(fromTagId);
    if (!fromPath)
        return fromPath.error();
    auto intoPath = pathOf(intoTagId);
    if (!intoPath)
        return intoPath.error();
    auto inside = subtree(fromTagId);
    if (!inside)
        return inside.error();
    if (inside->contains(intoTagId))
        return Error::invalid(fromTagId == intoTagId
                                  ? Tr::tr("The tag \"%1\" cannot be merged into itself.").arg(*fromPath)
                                  : Tr::tr("The tag \"%1\" cannot be merged into \"%2\", which is inside it.")
                                        .arg(*fromPath, *intoPath));

    // One node: re-tag, then children, then delete. `from`'s slug is parked first so that a child
    // moving up next to it (merging a tag into its parent) cannot clash with it.
    std::function<Status(qint64, qint64)> mergeNode = [&](qint64 from, qint64 into) -> Status {
        if (auto parked = sql::exec(*db, QStringLiteral("UPDATE tags SET slug = ? WHERE id = ?"),
                                    {QStringLiteral("\u0001merging-%1").arg(from), from});
            !parked)
            return parked;
        if (auto shots = sql::exec(*db, QStringLiteral("INSERT INTO shot_tags (shot_id, tag_id) "
                                                       "SELECT shot_id, ? FROM shot_tags WHERE tag_id = ? "
                                                       "ON CONFLICT (shot_id, tag_id) DO NOTHING"),
                                   {into, from});
            !shots)
            return shots;
        if (auto sets = sql::exec(*db, QStringLiteral("INSERT INTO photoset_tags (photoset_id, tag_id) "
                                                      "SELECT photoset_id, ? FROM photoset_tags WHERE tag_id = ? "
                                                      "ON CONFLICT (photoset_id, tag_id) DO NOTHING"),
                                  {into, from});
            !sets)
            return sets;
        auto children = sql::run(*db, QStringLiteral("SELECT id, slug FROM tags WHERE parent_id = ? ORDER BY id"), {from});
        if (!children)
            return children.error();
        QList<std::pair<qint64, QString>> kids;
        while (children->next())
            kids.append({children->value(0).toLongLong(), children->value(1).toString()});
        children->finish();
        for (const auto &[child, slug] : kids) {
            auto twin = sql::run(*db, QStringLiteral("SELECT id FROM tags WHERE parent_id = ? AND slug = ?"), {into, slug});
            if (!twin)
                return twin.error();
            if (twin->next()) {
                const qint64 twinId = twin->value(0).toLongLong();
                twin->finish();
                if (auto merged = mergeNode(child, twinId); !merged)
                    return merged;
            } else if (auto moved = sql::exec(*db, QStringLiteral("UPDATE tags SET parent_id = ? WHERE id = ?"),
                                              {into, child});
                       !moved) {
                return moved;
            }
        }
        return sql::exec(*db, QStringLiteral("DELETE FROM tags WHERE id = ?"), {from});
    };
    return mergeNode(fromTagId, intoTagId);
}

Status TagRepository::moveInTransaction(qint64 tagId, qint64 newParentId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto path = pathOf(tagId);
    if (!path)
        return path.error();
    QString parentPath;
    if (newParentId != 0) {
        auto p = pathOf(newParentId);
        if (!p)
            return p.error();
        parentPath = *p;
        auto inside = subtree(tagId);
        if (!inside)
            return inside.error();
        if (inside->contains(newParentId))
            return Error::invalid(Tr::tr("The tag \"%1\" cannot be moved into \"%2\", which is inside it.")
                                      .arg(*path, parentPath));
    }
    auto row = sql::run(*db, QStringLiteral("SELECT name, slug, COALESCE(parent_id, 0) FROM tags WHERE id = ?"), {tagId});
    if (!row)
        return row.error();
    if (!row->next())
        return Error::notFound(Tr::tr("There is no tag %1.").arg(tagId));
    const QString name = row->value(0).toString();
    const QString slug = row->value(1).toString();
    const qint64 oldParent = row->value(2).toLongLong();
    row->finish();
    if (oldParent == newParentId)
        return {};
    auto clash = sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM tags WHERE COALESCE(parent_id, 0) = ? "
                                                 "AND slug = ? AND id <> ?"),
                             {newParentId, slug, tagId});
    if (!clash)
        return clash.error();
    if (*clash > 0)
        return Error::conflict(parentPath.isEmpty()
                                   ? Tr::tr("There is already a top-level tag \"%1\"; merge the two tags instead.").arg(name)
                                   : Tr::tr("\"%1\" already has a tag \"%2\"; merge the two tags instead.")
                                         .arg(parentPath, name));
    return sql::exec(*db, QStringLiteral("UPDATE tags SET parent_id = ? WHERE id = ?"),
                     {newParentId ? QVariant(newParentId) : QVariant(QMetaType::fromType<qint64>()), tagId});
}

} // namespace stills
