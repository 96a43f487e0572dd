#pragma once

#include "catalog.h"
#include "domain/caption.h"

#include <QList>

#include <optional>

namespace stills {

// Captions with history: adding a caption keeps every earlier version and makes the new one
// current. Thread contract as ShotRepository.
class CaptionRepository
{
public:
    explicit CaptionRepository(const Catalog &catalog) : m_catalog(catalog) {}

    // Stores a new version and makes it current (in one transaction); returns its id.
    Result<qint64> add(const Caption &caption);
    Result<std::optional<Caption>> current(qint64 shotId);
    // Every version, newest first.
    Result<QList<Caption>> history(qint64 shotId);
    // Makes an earlier version current again (undo of a caption edit, "revert to").
    Status makeCurrent(qint64 captionId);
    // Leaves the shot with no current caption; every version stays in the history (undo of the
    // first caption a shot was given).
    Status clearCurrent(qint64 shotId);

private:
    const Catalog &m_catalog;
};

} // namespace stills
