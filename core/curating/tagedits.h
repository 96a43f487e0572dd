#pragma once

// How to wire: build a TagEdit (kind + path + newName/targetPath), run TagEdits::apply(catalog, edit)
// off the GUI thread, keep the edit (apply fills in what revert needs), and run
// TagEdits::revert(catalog, edit) for undo; apply again for redo. ui/tageditcommand.h wraps this
// in a QUndoCommand with the same runner as ShotEditCommand.

#include "catalog/catalog.h"
#include "curating/curator.h"

#include <QList>
#include <QString>

namespace stills {

// One edit of the tag hierarchy that can be undone: rename, move, merge or delete.
// Tags are named by path, not id: revert re-creates deleted tags (with new ids), and a redo after an
// undo must still find them.
struct TagEdit {
    enum class Kind { Rename, Move, Merge, Delete };

    // Who carried one tag before the edit.
    struct Tagging {
        QString path;
        bool existed = true; // Merge targets: false when the merge created this path
        QList<qint64> shots; // ascending
        QList<qint64> photosets;
    };

    Kind kind = Kind::Rename;
    QString path;       // the tag edited ("Lighting/Low key"), as the catalog spells it
    QString newName;    // Rename: the new last segment
    QString targetPath; // Merge: the tag merged into; Move: the new parent ("" = top level)

    // Filled by apply(), read by revert().
    QString resultPath;               // Rename/Move: the tag's path after the edit
    QList<Tagging> before;            // Delete/Merge: `path` and its descendants, parents first
    QList<Tagging> targetBefore;      // Merge: targetPath + the same relative paths, before the merge
};

// Applies and reverts TagEdits. Each call is one catalog transaction on the calling thread's
// connection (blocks: call it from a worker), then the XMP sidecars of the shots whose tags changed
// are rewritten through Curator (failures reported in the CurationReport, never silent).
// apply() then revert() leaves every tag path with the same shots and photosets as before.
class TagEdits
{
public:
    static Result<CurationReport> apply(const Catalog &catalog, TagEdit &edit, bool writeSidecars = true);
    static Result<CurationReport> revert(const Catalog &catalog, const TagEdit &edit, bool writeSidecars = true);

    // "Rename Tag “A” to “B”" and the like, for the undo stack.
    static QString describe(const TagEdit &edit);

    // "A/B/C" -> "A/B"; "A" -> "".
    static QString parentPath(const QString &path);
    static QString leafName(const QString &path);
};

} // namespace stills
