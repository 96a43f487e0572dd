#include "paths.h"

#include <QDir>
#include <QStandardPaths>

namespace stills::paths {

QString defaultCatalogLocation()
{
    const QString fromEnvironment = qEnvironmentVariable("STILLS_CATALOG");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("catalog.db"));
}

QString cacheFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
}

} // namespace stills::paths
