#include "shot.h"

namespace stills {

QString Shot::statusName(Status s)
{
    switch (s) {
    case Status::Ok: return QStringLiteral("ok");
    case Status::Failed: return QStringLiteral("failed");
    case Status::Unsupported: return QStringLiteral("unsupported");
    case Status::Missing: return QStringLiteral("missing");
    }
    return QStringLiteral("ok");
}

Shot::Status Shot::statusFromName(const QString &name)
{
    if (name == u"failed")
        return Status::Failed;
    if (name == u"unsupported")
        return Status::Unsupported;
    if (name == u"missing")
        return Status::Missing;
    return Status::Ok;
}

} // namespace stills
