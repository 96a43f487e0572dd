#pragma once

namespace stills {

// Initialises exiv2 once per process, whoever calls first (ExifReader, XmpSidecar, ...): quiet log
// (exiv2 prints every oddity of a file to stderr otherwise; errors still arrive as exceptions) and
// the XMP toolkit's lock, which makes parsing XMP safe on many threads. Thread-safe.
void ensureExiv2Initialised();

} // namespace stills
