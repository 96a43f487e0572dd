#include "paths.h"

#include <QDir>
#include <QStandardPaths>

namespace stills::paths {

QString defaultCatalogLocation()
{
    const QString fromEnvironment = qEnvironmentVariable("STILLS_CATALOG");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    // GenericDataLocation + "Stills" rather than AppDataLocation, which would repeat the name as
    // <organisation>/<application> ("Stills/Stills").
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("Stills/catalog.db"));
}

QString cacheFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)).filePath(QStringLiteral("Stills"));
}

QString storageFolder()
{
    const QString fromEnvironment = qEnvironmentVariable("STILLS_STORAGE");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("Stills/storage"));
}

} // namespace stills::paths
