#pragma once

#include "catalogcommand.h"

#include <QList>
#include <QString>

#include <memory>

namespace stills::captioncommands {

// The undoable caption edits of the window. Each is a CatalogCommand: its first redo stores new
// caption versions (typed by hand: source "manual", editedByHand) and remembers their ids; a later
// redo makes those versions current again instead of storing copies; undo makes the version that
// was current before current again (or leaves the shot without one when it had none). The history
// keeps every version either way.
using Runner = CatalogCommand::Runner;

// Stores `text` as the shot's new current caption. `previousCurrent`: the id of the version that
// was current when the user started typing (0 = none).
QUndoCommand *editCaption(qint64 shotId, const QString &text, qint64 previousCurrent, Runner run);

// Makes version `captionId` of the shot current again (CaptionRepository::makeCurrent).
QUndoCommand *restoreCaption(qint64 shotId, qint64 captionId, qint64 previousCurrent, Runner run);

// What a find-and-replace over captions did, filled on the edit thread by the first redo.
struct ReplaceOutcome {
    qint64 looked = 0;  // shots with a current caption
    qint64 changed = 0; // new versions stored
};

// Replaces every `find` in the current captions of `shotIds` by `replace`; each changed caption is
// stored as a new version typed by hand. `outcome` (may be null) is written on the edit thread
// before the command's work returns (its report's `changed` says the same).
QUndoCommand *replaceInCaptions(const QList<qint64> &shotIds, const QString &find, const QString &replace,
                                Qt::CaseSensitivity sensitivity, Runner run,
                                std::shared_ptr<ReplaceOutcome> outcome = {});

} // namespace stills::captioncommands
