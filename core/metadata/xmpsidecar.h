#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace stills {

// What Stills keeps in an XMP sidecar: the curator's edits that other tools (digiKam, Lightroom,
// darktable, exiftool) exchange through XMP.
struct SidecarData {
    QStringList tags;    // hierarchical paths with '/' ("Lighting/Low key"), no duplicates
    QString title;       // dc:title, x-default
    QString description; // dc:description, x-default
    int rating = 0;      // 0..5 (xmp:Rating)
    bool rejected = false; // Lightroom's xmp:Rating = -1; a rejected shot's rating is not stored
    QString label;       // xmp:Label: "Red", "Yellow", "Green", "Blue", "Purple" or empty; other
                         // tools' custom labels are returned as written
    bool operator==(const SidecarData &) const = default;
};

// Reads and writes XMP sidecar files next to images; the image itself is never opened.
//
// Written: dc:subject (bag of leaf names), lr:hierarchicalSubject (bag, paths joined with '|'),
// digiKam:TagsList (seq, paths joined with '/'), dc:title and dc:description (x-default),
// xmp:Rating (always, -1 when rejected) and xmp:Label. Read: the hierarchy from
// lr:hierarchicalSubject, else digiKam:TagsList; dc:subject entries that name no level of those
// paths are added as flat tags, so keywords from tools that write only dc:subject arrive too.
//
// Thread-safety: every function may run on many threads at once (exiv2 is initialised once behind
// std::call_once). Writes to the same sidecar must be serialised by the caller; the last one wins.
//
// Errors are values; nothing here throws.
class XmpSidecar
{
public:
    // "<file>.xmp" (photo.jpg → photo.jpg.xmp): the digiKam/darktable convention, the one written.
    static QString sidecarPath(const QString &imagePath);
    // Where read() looks, in order: "<file>.xmp", then "<basename>.xmp" (photo.xmp, Lightroom's
    // convention). No duplicates when the image has no suffix.
    static QStringList candidatePaths(const QString &imagePath);

    // Reads the first existing candidate. NotFound when there is none; Corrupt (with the reason and
    // the path) when it cannot be parsed; Io when it cannot be opened; TooLarge over 64 MiB.
    // An empty (zero-byte) sidecar reads as empty data.
    static Result<SidecarData> read(const QString &imagePath);
    // Corrupt, with the reason, when the bytes are not well-formed XML or hold no rdf:RDF element.
    static Result<SidecarData> parse(const QByteArray &xmpPacket);

    // Writes sidecarPath(imagePath) atomically (a temporary file renamed over the old one; a failed
    // write leaves the old sidecar, or nothing, behind). Merges with an existing sidecar at that
    // path: properties Stills does not manage are kept, the ones listed above are replaced (other
    // languages of dc:title / dc:description are kept unless the text is cleared).
    // Errors name the path: Io for a read-only folder, a full disk or a parent that is not a
    // folder; Corrupt when the existing sidecar cannot be parsed — it is then left untouched rather
    // than overwritten, because it holds other tools' data.
    static Status write(const QString &imagePath, const SidecarData &data);
};

} // namespace stills
