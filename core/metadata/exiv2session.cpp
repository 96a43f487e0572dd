#include "exiv2session.h"

#include <exiv2/exiv2.hpp>

#include <mutex>

namespace stills {

namespace {

std::mutex &xmpMutex()
{
    static std::mutex m;
    return m;
}

// The XMP toolkit keeps a global namespace registry; exiv2 calls this around every registration.
void xmpLockUnlock(void *data, bool lock)
{
    auto *m = static_cast<std::mutex *>(data);
    if (lock)
        m->lock();
    else
        m->unlock();
}

} // namespace

void ensureExiv2Initialised()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
        // Not thread-safe itself, hence inside call_once.
        Exiv2::XmpParser::initialize(xmpLockUnlock, &xmpMutex());
    });
}

} // namespace stills
