#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace stills::buildinfo {

// The Stills version from the build (CMake's project version).
QString version();
// The licence, as an SPDX expression.
QString license();
// The libraries Stills runs on and their versions, for the About box and bug reports: Qt (run
// time, and build time when different), exiv2, libarchive, SQLite (when its driver loads).
QList<std::pair<QString, QString>> libraryVersions();

} // namespace stills::buildinfo
