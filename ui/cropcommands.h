#pragma once

#include "catalogcommand.h"
#include "domain/crop.h"

#include <QMutex>

#include <memory>
#include <optional>

namespace stills::commands {

// One crop's identity as the edit thread knows it: the row id (an undone delete inserts the crop
// again under a new id) and the version its next update must carry. Every command on that crop
// shares the slot, so each finds what the previous one left: the edit pool runs them in order.
// Written on the edit thread; the crop editor only raises `version` to what it read from the
// catalog (versions never go back, so a stale read cannot lower it).
class CropSlot
{
public:
    CropSlot(qint64 id, int version) : m_id(id), m_version(version) {}

    qint64 id() const
    {
        QMutexLocker lock(&m_mutex);
        return m_id;
    }
    int version() const
    {
        QMutexLocker lock(&m_mutex);
        return m_version;
    }
    void set(qint64 id, int version)
    {
        QMutexLocker lock(&m_mutex);
        m_id = id;
        m_version = version;
    }
    void raiseVersion(int version)
    {
        QMutexLocker lock(&m_mutex);
        m_version = std::max(m_version, version);
    }

private:
    mutable QMutex m_mutex;
    qint64 m_id;
    int m_version;
};
using CropSlotPtr = std::shared_ptr<CropSlot>;

// Saves `after` into the slot's crop, or inserts it when `before` is empty (a new crop; undo
// removes it). Undo puts `before` back. A crop changed by someone else meanwhile is a Conflict,
// never overwritten. `text` names the edit in the Edit menu.
QUndoCommand *saveCrop(const CropSlotPtr &slot, const std::optional<Crop> &before, const Crop &after,
                       const QString &text, CatalogCommand::Runner run);
// Deletes the slot's crop; undo inserts `crop` again.
QUndoCommand *deleteCrop(const CropSlotPtr &slot, const Crop &crop, CatalogCommand::Runner run);

} // namespace stills::commands
