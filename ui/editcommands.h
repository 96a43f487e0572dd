#pragma once

#include "catalogcommand.h"
#include "domain/photoset.h"

#include <QList>
#include <QStringList>

namespace stills::commands {

// The undoable edits of the curating window beyond rating/flag/label (ShotEditCommand). Each
// returns a CatalogCommand whose redo captures, on the edit thread, exactly what its undo needs
// (which shots lacked a tag, each shot's old attribute values, members' positions, a deleted
// photoset's fields, members and tags), so an undo puts back each shot's own state.
using Runner = CatalogCommand::Runner;

QUndoCommand *tagShots(const QList<qint64> &shotIds, const QStringList &add, const QStringList &remove, Runner run);
QUndoCommand *setAttribute(const QList<qint64> &shotIds, const QString &key, const QString &label,
                           const QStringList &values, Runner run);

// `created` receives the new photoset's id once the first redo ran.
QUndoCommand *createPhotoset(const Photoset &photoset, const QList<qint64> &shotIds, Runner run,
                             std::shared_ptr<qint64> created = {});
QUndoCommand *deletePhotoset(qint64 photosetId, const QString &name, Runner run);
// `before` is the photoset as read when the edit started (its version guards against a lost update);
// `alreadyApplied`: the first redo is skipped (the dialog saved it and settled a conflict itself).
QUndoCommand *updatePhotoset(const Photoset &before, const Photoset &after, Runner run, bool alreadyApplied = false);
QUndoCommand *addToPhotoset(qint64 photosetId, const QString &name, const QList<qint64> &shotIds, Runner run);
QUndoCommand *removeFromPhotoset(qint64 photosetId, const QString &name, const QList<qint64> &shotIds, Runner run);
// Moves `shotIds` (in this order) before `beforeShotId` (0 = to the end).
QUndoCommand *moveInPhotoset(qint64 photosetId, const QList<qint64> &shotIds, qint64 beforeShotId, Runner run);

} // namespace stills::commands
