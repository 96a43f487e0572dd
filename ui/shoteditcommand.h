#pragma once

#include "catalog/catalog.h"

#include <QHash>
#include <QList>
#include <QUndoCommand>

#include <functional>

namespace stills {

struct CurationReport;

// One rating, flag or colour-label edit over a selection, undoable. The values before the edit are
// kept per shot, so undo puts back what each shot had (not one value for all).
//
// Thread contract: created and pushed on the GUI thread; redo()/undo() only queue the work through
// `run`, which executes it off the GUI thread in order (the window's single-thread edit pool) and
// reports the outcome back on the GUI thread.
class ShotEditCommand : public QUndoCommand
{
public:
    enum class Field { Rating, Flag, Label };
    using Work = std::function<Result<CurationReport>(const Catalog &)>;
    using Runner = std::function<void(Work)>;

    ShotEditCommand(CatalogPtr catalog, Field field, int value, QHash<qint64, int> before, Runner run);

    void redo() override;
    void undo() override;

    static QString describe(Field field, int value, qsizetype count);

private:
    static Result<CurationReport> apply(const Catalog &catalog, Field field, const QList<qint64> &ids, int value);

    CatalogPtr m_catalog;
    Field m_field;
    int m_value;
    QHash<qint64, int> m_before;
    Runner m_run;
};

} // namespace stills
