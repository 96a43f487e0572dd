#include "editcommands.h"

#include "catalog/photosetrepository.h"
#include "catalog/tagrepository.h"
#include "common/settings.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace stills::commands {

namespace {

// This file's texts (context "EditCommands"). lupdate takes the context from the macro, so every
// call site, whatever class or namespace it is in, is filed under the context used at run time.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(EditCommands)
};

// Sidecar writing follows Preferences, read at each step (it may change between edit and undo).
Curator curatorFor(const Catalog &catalog)
{
    Curator curator(catalog);
    curator.setWriteSidecars(Settings::load().writeSidecars);
    return curator;
}

Result<CurationReport> fromStatus(const Status &status)
{
    if (!status)
        return status.error();
    return CurationReport {};
}

} // namespace

QUndoCommand *tagShots(const QList<qint64> &shotIds, const QStringList &add, const QStringList &remove, Runner run)
{
    struct State {
        QHash<QString, QList<qint64>> lacked; // added tag -> shots that did not have it
        QHash<QString, QList<qint64>> had;    // removed tag -> shots that had it
        QHash<qint64, QString> after;         // each changed shot's tags right after the edit
    };
    auto state = std::make_shared<State>();
    QString text;
    if (!add.isEmpty() && remove.isEmpty())
        text = add.size() == 1 ? Tr::tr("Tag \"%1\" (%n shot(s))", nullptr, int(shotIds.size())).arg(add.first())
                               : Tr::tr("Add %1 Tags (%n shot(s))", nullptr, int(shotIds.size())).arg(add.size());
    else if (add.isEmpty())
        text = remove.size() == 1 ? Tr::tr("Remove Tag \"%1\" (%n shot(s))", nullptr, int(shotIds.size())).arg(remove.first())
                                  : Tr::tr("Remove %1 Tags (%n shot(s))", nullptr, int(shotIds.size())).arg(remove.size());
    else
        text = Tr::tr("Change Tags (%n shot(s))", nullptr, int(shotIds.size()));
    return new CatalogCommand(text,
        [=](const Catalog &catalog) -> Result<CurationReport> {
            Curator curator = curatorFor(catalog);
            state->lacked.clear();
            state->had.clear();
            for (const QString &tag : add) {
                auto with = curator.shotsWithTag(shotIds, tag);
                if (!with)
                    return with.error();
                const QSet<qint64> have(with->cbegin(), with->cend());
                QList<qint64> lacked;
                for (qint64 id : shotIds)
                    if (!have.contains(id))
                        lacked << id;
                state->lacked.insert(tag, lacked);
            }
            for (const QString &tag : remove) {
                auto with = curator.shotsWithTag(shotIds, tag);
                if (!with)
                    return with.error();
                state->had.insert(tag, *with);
            }
            auto done = curator.tag(shotIds, add, remove);
            if (!done)
                return done;
            // What undo compares against: a shot whose tags differ from this when undoing was
            // changed by someone else since, and is left as they made it.
            QSet<qint64> involved;
            for (const auto *side : {&state->lacked, &state->had})
                for (const QList<qint64> &ids : *side)
                    involved.unite(QSet<qint64>(ids.cbegin(), ids.cend()));
            auto after = curator.tagStates(QList<qint64>(involved.cbegin(), involved.cend()));
            if (!after)
                return after.error();
            state->after = *after;
            return done;
        },
        [=](const Catalog &catalog) -> Result<CurationReport> {
            // Undo removes what was added (from the shots that lacked it) and adds back what was
            // removed (to the shots that had it).
            return curatorFor(catalog).putBackTags(state->after, state->had, state->lacked);
        },
        std::move(run));
}

QUndoCommand *setAttribute(const QList<qint64> &shotIds, const QString &key, const QString &label,
                           const QStringList &values, Runner run)
{
    auto before = std::make_shared<QHash<qint64, QStringList>>();
    const QString text = values.isEmpty()
        ? Tr::tr("Clear %1 (%n shot(s))", nullptr, int(shotIds.size())).arg(label)
        : Tr::tr("Set %1 (%n shot(s))", nullptr, int(shotIds.size())).arg(label);
    return new CatalogCommand(text,
        [=](const Catalog &catalog) -> Result<CurationReport> {
            Curator curator = curatorFor(catalog);
            auto old = curator.attributeValues(shotIds, key);
            if (!old)
                return old.error();
            *before = *old;
            return curator.setAttribute(shotIds, key, values);
        },
        [=](const Catalog &catalog) -> Result<CurationReport> {
            // One batch per distinct earlier value (most selections have one or two), each only on
            // the shots that still hold what this edit set.
            QHash<QStringList, QList<qint64>> byValues;
            for (qint64 id : shotIds)
                byValues[before->value(id)].append(id);
            Curator curator = curatorFor(catalog);
            CurationReport total;
            for (auto it = byValues.cbegin(); it != byValues.cend(); ++it) {
                auto one = curator.putBackAttribute(it.value(), key, it.key(), values);
                if (!one)
                    return one.error();
                total.add(*one);
            }
            return total;
        },
        std::move(run));
}

QUndoCommand *createPhotoset(const Photoset &photoset, const QList<qint64> &shotIds, Runner run,
                             std::shared_ptr<qint64> created)
{
    if (!created)
        created = std::make_shared<qint64>(0);
    auto deleted = std::make_shared<Photoset>();
    const QString text = shotIds.isEmpty()
        ? Tr::tr("New Photoset \"%1\"").arg(photoset.name)
        : Tr::tr("New Photoset \"%1\" (%n shot(s))", nullptr, int(shotIds.size())).arg(photoset.name);
    return new CatalogCommand(text,
        [=](const Catalog &catalog) -> Result<CurationReport> {
            PhotosetRepository sets(catalog);
            return fromStatus(catalog.transaction([&](QSqlDatabase &) -> Status {
                if (*created != 0 && deleted->id == *created) {
                    // A redo after an undo: the same photoset again, with its id.
                    if (auto restored = sets.restore(*deleted); !restored)
                        return restored;
                } else {
                    auto id = sets.create(photoset);
                    if (!id)
                        return id.error();
                    *created = *id;
                }
                auto added = sets.addShots(*created, shotIds);
                if (!added)
                    return added.error();
                return {};
            }));
        },
        [=](const Catalog &catalog) -> Result<CurationReport> {
            PhotosetRepository sets(catalog);
            auto current = sets.get(*created);
            if (!current)
                return current.error();
            *deleted = *current;
            return fromStatus(sets.remove(*created));
        },
        std::move(run));
}

QUndoCommand *deletePhotoset(qint64 photosetId, const QString &name, Runner run)
{
    struct State {
        Photoset photoset;
        QList<std::pair<qint64, qint64>> members;
        QStringList tags;
    };
    auto state = std::make_shared<State>();
    return new CatalogCommand(Tr::tr("Delete Photoset \"%1\"").arg(name),
        [=](const Catalog &catalog) -> Result<CurationReport> {
            PhotosetRepository sets(catalog);
            return fromStatus(catalog.transaction([&](QSqlDatabase &) -> Status {
                auto photoset = sets.get(photosetId);
                if (!photoset)
                    return photoset.error();
                auto ids = sets.members(photosetId);
                if (!ids)
                    return ids.error();
                auto positions = sets.memberPositions(photosetId, *ids);
                if (!positions)
                    return positions.error();
                auto tags = TagRepository(catalog).tagsOfPhotoset(photosetId);
                if (!tags)
                    return tags.error();
                state->photoset = *photoset;
                state->members = *positions;
                state->tags = *tags;
                return sets.remove(photosetId); // the shots stay in the library
            }));
        },
        [=](const Catalog &catalog) -> Result<CurationReport> {
            PhotosetRepository sets(catalog);
            TagRepository tags(catalog);
            return fromStatus(catalog.transaction([&](QSqlDatabase &) -> Status {
                if (auto restored = sets.restore(state->photoset); !restored)
                    return restored;
                if (auto members = sets.restoreMembers(photosetId, state->members); !members)
                    return members;
                for (const QString &path : std::as_const(state->tags)) {
                    auto tag = tags.ensurePath(path);
                    if (!tag)
                        return tag.error();
                    if (auto tagged = tags.tagPhotoset(*tag, photosetId); !tagged)
                        return tagged;
                }
                return {};
            }));
        },
        std::move(run));
}

QUndoCommand *updatePhotoset(const Photoset &before, const Photoset &after, Runner run, bool alreadyApplied)
{
    // The version the next step expects; each step re-reads it after its update.
    auto version = std::make_shared<int>(alreadyApplied ? -1 : before.version);
    auto skip = std::make_shared<bool>(alreadyApplied);
    auto apply = [version](const Catalog &catalog, Photoset target) -> Result<CurationReport> {
        PhotosetRepository sets(catalog);
        if (*version < 0) {
            auto current = sets.get(target.id);
            if (!current)
                return current.error();
            *version = current->version;
        }
        target.version = *version;
        if (auto updated = sets.update(target); !updated)
            return updated.error();
        auto current = sets.get(target.id);
        if (!current)
            return current.error();
        *version = current->version;
        return CurationReport {};
    };
    const QString text = before.name != after.name ? Tr::tr("Rename Photoset \"%1\" to \"%2\"").arg(before.name, after.name)
                                                   : Tr::tr("Edit Photoset \"%1\"").arg(after.name);
    return new CatalogCommand(text,
        [=](const Catalog &catalog) -> Result<CurationReport> {
            if (*skip) {
                *skip = false;
                return CurationReport {};
            }
            return apply(catalog, after);
        },
        [=](const Catalog &catalog) { return apply(catalog, before); }, std::move(run));
}

QUndoCommand *addToPhotoset(qint64 photosetId, const QString &name, const QList<qint64> &shotIds, Runner run)
{
    auto added = std::make_shared<QList<qint64>>();
    return new CatalogCommand(Tr::tr("Add %n Shot(s) to \"%1\"", nullptr, int(shotIds.size())).arg(name),
        [=](const Catalog &catalog) -> Result<CurationReport> {
            PhotosetRepository sets(catalog);
            CurationReport report;
            report.shots = shotIds.size();
            Status done = catalog.transaction([&](QSqlDatabase &) -> Status {
                auto already = sets.memberPositions(photosetId, shotIds);
                if (!already)
                    return already.error();
                QSet<qint64> members;
                for (const auto &m : std::as_const(*already))
                    members.insert(m.first);
                added->clear();
                for (qint64 id : shotIds)
                    if (!members.contains(id))
                        added->append(id);
                auto count = sets.addShots(photosetId, *added);
                if (!count)
                    return count.error();
                report.changed = *count;
                return {};
            });
            if (!done)
                return done.error();
            return report;
        },
        [=](const Catalog &catalog) { return fromStatus(PhotosetRepository(catalog).removeShots(photosetId, *added)); },
        std::move(run));
}

QUndoCommand *removeFromPhotoset(qint64 photosetId, const QString &name, const QList<qint64> &shotIds, Runner run)
{
    auto positions = std::make_shared<QList<std::pair<qint64, qint64>>>();
    return new CatalogCommand(Tr::tr("Remove %n Shot(s) from \"%1\"", nullptr, int(shotIds.size())).arg(name),
        [=](const Catalog &catalog) -> Result<CurationReport> {
            PhotosetRepository sets(catalog);
            return fromStatus(catalog.transaction([&](QSqlDatabase &) -> Status {
                auto found = sets.memberPositions(photosetId, shotIds);
                if (!found)
                    return found.error();
                *positions = *found;
                return sets.removeShots(photosetId, shotIds);
            }));
        },
        [=](const Catalog &catalog) {
            PhotosetRepository sets(catalog);
            return fromStatus(catalog.transaction(
                [&](QSqlDatabase &) -> Status { return sets.restoreMembers(photosetId, *positions); }));
        },
        std::move(run));
}

QUndoCommand *moveInPhotoset(qint64 photosetId, const QList<qint64> &shotIds, qint64 beforeShotId, Runner run)
{
    auto nexts = std::make_shared<QList<std::pair<qint64, qint64>>>(); // shot -> the member that followed it
    return new CatalogCommand(Tr::tr("Reorder %n Shot(s)", nullptr, int(shotIds.size())),
        [=](const Catalog &catalog) -> Result<CurationReport> {
            PhotosetRepository sets(catalog);
            return fromStatus(catalog.transaction([&](QSqlDatabase &) -> Status {
                nexts->clear();
                for (qint64 id : shotIds) {
                    auto next = sets.nextMember(photosetId, id);
                    if (!next)
                        return next.error();
                    nexts->append({ id, *next });
                }
                for (qint64 id : shotIds) {
                    if (id == beforeShotId)
                        continue;
                    if (auto moved = sets.moveShot(photosetId, id, beforeShotId); !moved)
                        return moved;
                }
                return {};
            }));
        },
        [=](const Catalog &catalog) {
            PhotosetRepository sets(catalog);
            return fromStatus(catalog.transaction([&](QSqlDatabase &) -> Status {
                for (auto it = nexts->crbegin(); it != nexts->crend(); ++it)
                    if (auto moved = sets.moveShot(photosetId, it->first, it->second); !moved)
                        return moved;
                return {};
            }));
        },
        std::move(run));
}

} // namespace stills::commands
