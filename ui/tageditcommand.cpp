#include "tageditcommand.h"

namespace stills {

TagEditCommand::TagEditCommand(TagEdit edit, Runner run, bool writeSidecars)
    : m_state(std::make_shared<State>())
    , m_run(std::move(run))
    , m_writeSidecars(writeSidecars)
{
    setText(TagEdits::describe(edit));
    m_state->edit = std::move(edit);
}

void TagEditCommand::redo()
{
    m_run([state = m_state, sidecars = m_writeSidecars](const Catalog &catalog) -> Result<CurationReport> {
        auto report = TagEdits::apply(catalog, state->edit, sidecars);
        state->applied = report.ok();
        return report;
    });
}

void TagEditCommand::undo()
{
    m_run([state = m_state, sidecars = m_writeSidecars](const Catalog &catalog) -> Result<CurationReport> {
        if (!state->applied)
            return CurationReport{};
        auto report = TagEdits::revert(catalog, state->edit, sidecars);
        if (report)
            state->applied = false;
        return report;
    });
}

} // namespace stills
