#include "photoset.h"

namespace stills {

QString Photoset::kindName(Kind k)
{
    switch (k) {
    case Kind::Manual: return QStringLiteral("manual");
    case Kind::Folder: return QStringLiteral("folder");
    case Kind::Archive: return QStringLiteral("archive");
    }
    return QStringLiteral("manual");
}

Photoset::Kind Photoset::kindFromName(const QString &name)
{
    if (name == u"folder")
        return Kind::Folder;
    if (name == u"archive")
        return Kind::Archive;
    return Kind::Manual;
}

} // namespace stills
