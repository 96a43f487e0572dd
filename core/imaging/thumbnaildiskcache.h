#pragma once

#include "common/result.h"

#include <QString>

namespace stills {

// Housekeeping of the thumbnails on disk (<cacheFolder>/thumbnails/…, written by ThumbnailCache):
// how much room they take, trimming to a budget, clearing. Only files under thumbnails/ are
// touched. Synchronous and blocking (it walks the folder): call it off the GUI thread for large
// caches. Thread-safe; a thumbnail being written at the same time is either kept or rebuilt later.
class ThumbnailDiskCache
{
public:
    struct Usage {
        qint64 files = 0;
        qint64 bytes = 0;
    };

    static Usage usage(const QString &cacheFolder);
    // Removes the least recently modified thumbnails until at most `limitBytes` remain
    // (limitBytes <= 0: no limit). Returns what was removed. Errors: Io when a file cannot be removed.
    static Result<Usage> trim(const QString &cacheFolder, qint64 limitBytes);
    // Removes every thumbnail. Errors: Io when the folder cannot be removed.
    static Result<Usage> clear(const QString &cacheFolder);
};

} // namespace stills
