#pragma once

#include "common/result.h"
#include "domain/exifinfo.h"

#include <QString>

namespace stills {

// The exception boundary for exiv2: nothing above this class sees an exiv2 type or exception.
//
// Both overloads are thread-safe and may run on many pool threads at once; exiv2 is initialised
// once, on first use, behind std::call_once.
//
// Errors: Error::Corrupt when the metadata is damaged (the message names what exiv2 objected to),
// Error::Unsupported when the bytes are not a format exiv2 reads metadata from, Error::Io when the
// file cannot be opened. An image without EXIF is not an error: it yields an empty ExifInfo
// (orientation 1).
class ExifReader
{
public:
    static Result<ExifInfo> read(const QString &path);

    // Reads from memory the caller owns (a mapped file, an archive member); `data` must stay valid
    // for the duration of the call and is never written to.
    static Result<ExifInfo> read(const char *data, qint64 size);
};

} // namespace stills
