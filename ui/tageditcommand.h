#pragma once

// How to wire: push `new TagEditCommand(edit, runner)` on the window's QUndoStack, with the same
// runner as ShotEditCommand (the window's single-thread edit pool). TagManagerDialog does this.

#include "curating/tagedits.h"
#include "shoteditcommand.h"

#include <QUndoCommand>

#include <memory>

namespace stills {

// One rename, move, merge or delete of a tag, undoable through TagEdits::apply/revert.
//
// Thread contract: created and pushed on the GUI thread; redo()/undo() only queue the work through
// `run`, which must execute the queued work off the GUI thread one at a time in order (a
// single-thread pool): apply() fills the edit with what revert() needs, and the later revert reads it.
// A redo that failed (the tag was renamed meanwhile, a name clash) leaves nothing for undo to revert.
class TagEditCommand : public QUndoCommand
{
public:
    using Work = ShotEditCommand::Work;
    using Runner = ShotEditCommand::Runner;

    TagEditCommand(TagEdit edit, Runner run, bool writeSidecars = true);

    void redo() override;
    void undo() override;

private:
    struct State {
        TagEdit edit;
        bool applied = false;
    };
    std::shared_ptr<State> m_state;
    Runner m_run;
    bool m_writeSidecars;
};

} // namespace stills
