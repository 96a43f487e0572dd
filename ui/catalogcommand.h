#pragma once

#include "catalog/catalog.h"
#include "curating/curator.h"

#include <QUndoCommand>

#include <functional>

namespace stills {

// An undoable edit whose two directions are work on the catalog: `redo` does it, `undo` puts back
// what was there. Both run off the GUI thread through the window's runner, in the order they were
// pushed (a single-thread pool), so state captured by the first redo (e.g. which shots lacked a
// tag, the id a create returned) is there for the undo that follows it.
//
// Thread contract: created and pushed on the GUI thread; the Work functions run on the edit thread
// and must only touch what they captured (share mutable state through a shared_ptr).
class CatalogCommand : public QUndoCommand
{
public:
    using Work = std::function<Result<CurationReport>(const Catalog &)>;
    using Runner = std::function<void(Work)>;

    CatalogCommand(const QString &text, Work redo, Work undo, Runner run)
        : m_redo(std::move(redo))
        , m_undo(std::move(undo))
        , m_run(std::move(run))
    {
        setText(text);
    }

    void redo() override { m_run(m_redo); }
    void undo() override { m_run(m_undo); }

private:
    Work m_redo;
    Work m_undo;
    Runner m_run;
};

} // namespace stills
