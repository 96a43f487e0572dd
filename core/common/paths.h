#pragma once

#include <QString>

namespace stills::paths {

// Where the embedded default catalog lives: <user data folder>/catalog.db, e.g.
// ~/.local/share/Stills/catalog.db. STILLS_CATALOG in the environment overrides it (a URL or path).
// Requires QCoreApplication's application name to be set ("Stills").
QString defaultCatalogLocation();

// The user's cache folder for thumbnails, e.g. ~/.cache/Stills.
QString cacheFolder();

// Where archive imports unpack their images (the library's storage folder), e.g.
// ~/.local/share/Stills/storage, next to the default catalog. STILLS_STORAGE overrides it.
// Every archive gets its own sub-folder <storage>/<content hash prefix>/<archive name>.
QString storageFolder();

} // namespace stills::paths
