#include "job.h"

namespace stills {

QString Job::stateName(State s)
{
    switch (s) {
    case State::Queued: return QStringLiteral("queued");
    case State::Running: return QStringLiteral("running");
    case State::Done: return QStringLiteral("done");
    case State::Failed: return QStringLiteral("failed");
    case State::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("queued");
}

Job::State Job::stateFromName(const QString &name)
{
    if (name == u"running")
        return State::Running;
    if (name == u"done")
        return State::Done;
    if (name == u"failed")
        return State::Failed;
    if (name == u"cancelled")
        return State::Cancelled;
    return State::Queued;
}

} // namespace stills
