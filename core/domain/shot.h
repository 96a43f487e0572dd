#pragma once

#include "exifinfo.h"

#include <QMetaType>
#include <QString>

namespace stills {

// One image in the catalog. A file that could not be read is still a shot, with status
// Failed or Unsupported and the reason in `error`, so the user sees it and nothing is lost.
struct Shot {
    enum class Status { Ok, Failed, Unsupported, Missing };
    enum class Flag { Rejected = -1, None = 0, Picked = 1 };

    qint64 id = 0;
    QString path;        // absolute, clean
    QString contentHash; // hex BLAKE2b-256 of the bytes
    qint64 byteSize = 0;
    qint64 modifiedMs = 0; // file mtime, ms since epoch
    int width = 0;
    int height = 0;
    QString format; // "jpeg", "png", "webp", "tiff", "gif", "bmp", "heic"
    Status status = Status::Ok;
    QString error; // why the file could not be read, for the user
    ExifInfo exif;
    QString title;
    QString description;
    int rating = 0; // 0..5
    Flag flag = Flag::None;
    int colorLabel = 0; // 0 none, 1..5 (Lightroom's red..purple)
    qint64 importedMs = 0;
    qint64 updatedMs = 0;
    int version = 1; // optimistic concurrency: every update bumps it

    static QString statusName(Status s);
    static Status statusFromName(const QString &name);
};

} // namespace stills

Q_DECLARE_METATYPE(stills::Shot)
