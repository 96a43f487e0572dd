#include "tagedits.h"

#include "catalog/sqlhelpers.h"
#include "catalog/tagrepository.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace stills {

namespace {

// This file's texts (context "TagEdits"). lupdate takes the context from the macro, so every
// call site, whatever class or namespace it is in, is filed under the context used at run time.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TagEdits)
};

Result<qint64> existing(TagRepository &tags, const QString &path)
{
    auto id = tags.findPath(path);
    if (!id)
        return id.error();
    if (!id->has_value())
        return Error::notFound(Tr::tr("There is no tag \"%1\" (any more).").arg(path));
    return **id;
}

// The tag `id` and its descendants with who carries each, parents first.
Result<QList<TagEdit::Tagging>> capture(TagRepository &tags, qint64 id)
{
    auto ids = tags.subtree(id);
    if (!ids)
        return ids.error();
    QList<TagEdit::Tagging> result;
    for (qint64 tagId : *ids) {
        TagEdit::Tagging t;
        auto path = tags.pathOf(tagId);
        if (!path)
            return path.error();
        auto shots = tags.shotsCarrying(tagId);
        if (!shots)
            return shots.error();
        auto sets = tags.photosetsCarrying(tagId);
        if (!sets)
            return sets.error();
        t.path = *path;
        t.shots = *shots;
        t.photosets = *sets;
        result.append(t);
    }
    return result;
}

// Runs `statement` (with "%1" standing for a list of placeholders) once per chunk of `ids`, binding
// `tagId` first and then the chunk: set-based, so a merge of ten thousand shots is a few statements.
Status forChunks(const QSqlDatabase &db, const QString &statement, qint64 tagId, const QList<qint64> &ids)
{
    constexpr qsizetype Chunk = 500; // well under SQLite's and PostgreSQL's bound-parameter limits
    for (qsizetype from = 0; from < ids.size(); from += Chunk) {
        const QList<qint64> chunk = ids.mid(from, Chunk);
        QVariantList values{tagId};
        for (qint64 id : chunk)
            values.append(id);
        if (auto done = sql::exec(db, statement.arg(sql::placeholders(chunk.size())), values); !done)
            return done;
    }
    return {};
}

// Puts the taggings back, creating missing tags. Shots or photosets deleted since are skipped.
Status restore(const QSqlDatabase &db, TagRepository &tags, const QList<TagEdit::Tagging> &taggings)
{
    for (const TagEdit::Tagging &t : taggings) {
        auto id = tags.ensurePath(t.path);
        if (!id)
            return id.error();
        if (auto shots = forChunks(db, QStringLiteral("INSERT INTO shot_tags (shot_id, tag_id, rating, flag, color_label, status) "
                                                      "SELECT id, ?, rating, flag, color_label, status FROM shots "
                                                      "WHERE id IN (%1) ON CONFLICT (shot_id, tag_id) DO NOTHING"),
                                   *id, t.shots);
            !shots)
            return shots;
        if (auto sets = forChunks(db, QStringLiteral("INSERT INTO photoset_tags (photoset_id, tag_id) SELECT id, ? "
                                                     "FROM photosets WHERE id IN (%1) "
                                                     "ON CONFLICT (photoset_id, tag_id) DO NOTHING"),
                                  *id, t.photosets);
            !sets)
            return sets;
    }
    return {};
}

QList<qint64> minus(const QList<qint64> &a, const QList<qint64> &b)
{
    const QSet<qint64> drop(b.cbegin(), b.cend());
    QList<qint64> result;
    for (qint64 id : a)
        if (!drop.contains(id))
            result.append(id);
    return result;
}

Result<CurationReport> finish(const Catalog &catalog, QSet<qint64> touched, bool writeSidecars)
{
    CurationReport report;
    QList<qint64> ids(touched.cbegin(), touched.cend());
    std::sort(ids.begin(), ids.end());
    report.shots = ids.size();
    report.changed = ids.size();
    if (writeSidecars) {
        Curator curator(catalog);
        if (auto written = curator.writeSidecars(ids, report); !written)
            return written.error();
    }
    return report;
}

} // namespace

QString TagEdits::parentPath(const QString &path)
{
    QStringList parts = TagRepository::splitPath(path);
    if (!parts.isEmpty())
        parts.removeLast();
    return parts.join(u'/');
}

QString TagEdits::leafName(const QString &path)
{
    const QStringList parts = TagRepository::splitPath(path);
    return parts.isEmpty() ? QString() : parts.last();
}

QString TagEdits::describe(const TagEdit &edit)
{
    switch (edit.kind) {
    case TagEdit::Kind::Rename:
        return Tr::tr("Rename Tag \u201c%1\u201d to \u201c%2\u201d")
            .arg(edit.path, edit.newName.simplified());
    case TagEdit::Kind::Move:
        return edit.targetPath.isEmpty()
                   ? Tr::tr("Move Tag \u201c%1\u201d to the Top Level").arg(edit.path)
                   : Tr::tr("Move Tag \u201c%1\u201d into \u201c%2\u201d")
                         .arg(edit.path, edit.targetPath);
    case TagEdit::Kind::Merge:
        return Tr::tr("Merge Tag \u201c%1\u201d into \u201c%2\u201d")
            .arg(edit.path, edit.targetPath);
    case TagEdit::Kind::Delete:
        return Tr::tr("Delete Tag \u201c%1\u201d").arg(edit.path);
    }
    return QString();
}

Result<CurationReport> TagEdits::apply(const Catalog &catalog, TagEdit &edit, bool writeSidecars)
{
    TagEdit done = edit;
    QSet<qint64> touched;
    Status applied = catalog.transaction([&](QSqlDatabase &) -> Status {
        TagRepository tags(catalog);
        auto id = existing(tags, done.path);
        if (!id)
            return id.error();
        auto canonical = tags.pathOf(*id);
        if (!canonical)
            return canonical.error();
        done.path = *canonical;
        auto carriers = tags.shotsCarrying(*id, true);
        if (!carriers)
            return carriers.error();
        touched = QSet<qint64>(carriers->cbegin(), carriers->cend());

        switch (done.kind) {
        case TagEdit::Kind::Rename:
        case TagEdit::Kind::Move: {
            if (done.kind == TagEdit::Kind::Rename) {
                if (auto renamed = tags.rename(*id, done.newName); !renamed)
                    return renamed;
            } else {
                qint64 parent = 0;
                if (!TagRepository::splitPath(done.targetPath).isEmpty()) {
                    auto made = tags.ensurePath(done.targetPath);
                    if (!made)
                        return made.error();
                    parent = *made;
                }
                if (auto moved = tags.moveInTransaction(*id, parent); !moved)
                    return moved;
            }
            auto now = tags.pathOf(*id);
            if (!now)
                return now.error();
            done.resultPath = *now;
            return {};
        }
        case TagEdit::Kind::Delete: {
            auto before = capture(tags, *id);
            if (!before)
                return before.error();
            done.before = *before;
            return tags.remove(*id);
        }
        case TagEdit::Kind::Merge: {
            auto into = existing(tags, done.targetPath);
            if (!into)
                return into.error();
            auto intoPath = tags.pathOf(*into);
            if (!intoPath)
                return intoPath.error();
            done.targetPath = *intoPath;
            auto before = capture(tags, *id);
            if (!before)
                return before.error();
            done.before = *before;
            done.targetBefore.clear();
            for (const TagEdit::Tagging &source : std::as_const(done.before)) {
                TagEdit::Tagging target;
                target.path = done.targetPath + source.path.mid(done.path.size());
                auto found = tags.findPath(target.path);
                if (!found)
                    return found.error();
                target.existed = found->has_value();
                if (target.existed) {
                    auto shots = tags.shotsCarrying(**found);
                    if (!shots)
                        return shots.error();
                    auto sets = tags.photosetsCarrying(**found);
                    if (!sets)
                        return sets.error();
                    target.shots = *shots;
                    target.photosets = *sets;
                }
                done.targetBefore.append(target);
            }
            return tags.mergeInTransaction(*id, *into);
        }
        }
        return Error::invalid(Tr::tr("Unknown tag edit."));
    });
    if (!applied)
        return applied.error();
    edit = done;
    return finish(catalog, touched, writeSidecars);
}

Result<CurationReport> TagEdits::revert(const Catalog &catalog, const TagEdit &edit, bool writeSidecars)
{
    QSet<qint64> touched;
    Status reverted = catalog.transaction([&](QSqlDatabase &db) -> Status {
        TagRepository tags(catalog);
        switch (edit.kind) {
        case TagEdit::Kind::Rename:
        case TagEdit::Kind::Move: {
            auto id = existing(tags, edit.resultPath);
            if (!id)
                return id.error();
            auto carriers = tags.shotsCarrying(*id, true);
            if (!carriers)
                return carriers.error();
            touched = QSet<qint64>(carriers->cbegin(), carriers->cend());
            if (edit.kind == TagEdit::Kind::Rename)
                return tags.rename(*id, leafName(edit.path));
            qint64 parent = 0;
            if (const QString oldParent = parentPath(edit.path); !oldParent.isEmpty()) {
                auto made = tags.ensurePath(oldParent);
                if (!made)
                    return made.error();
                parent = *made;
            }
            return tags.moveInTransaction(*id, parent);
        }
        case TagEdit::Kind::Delete:
        case TagEdit::Kind::Merge: {
            if (edit.before.isEmpty())
                return Error::invalid(Tr::tr("This tag edit was never applied, so there is nothing to undo."));
            for (const TagEdit::Tagging &t : edit.before)
                touched.unite(QSet<qint64>(t.shots.cbegin(), t.shots.cend()));
            if (auto restored = restore(db, tags, edit.before); !restored)
                return restored;
            // Take back from the merge target what the merge gave it, deepest paths first.
            for (qsizetype i = edit.targetBefore.size() - 1; i >= 0; --i) {
                const TagEdit::Tagging &target = edit.targetBefore[i];
                const TagEdit::Tagging &source = edit.before.value(i);
                auto found = tags.findPath(target.path);
                if (!found)
                    return found.error();
                if (!found->has_value())
                    continue;
                if (!target.existed) {
                    if (auto removed = tags.remove(**found); !removed)
                        return removed;
                    continue;
                }
                if (auto untagged = forChunks(db, QStringLiteral("DELETE FROM shot_tags WHERE tag_id = ? AND shot_id IN (%1)"),
                                              **found, minus(source.shots, target.shots));
                    !untagged)
                    return untagged;
                if (auto untagged = forChunks(db, QStringLiteral("DELETE FROM photoset_tags WHERE tag_id = ? "
                                                                 "AND photoset_id IN (%1)"),
                                              **found, minus(source.photosets, target.photosets));
                    !untagged)
                    return untagged;
            }
            return {};
        }
        }
        return Error::invalid(Tr::tr("Unknown tag edit."));
    });
    if (!reverted)
        return reverted.error();
    return finish(catalog, touched, writeSidecars);
}

} // namespace stills
