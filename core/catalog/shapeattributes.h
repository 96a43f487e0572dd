#pragma once

#include "catalog.h"
#include "common/result.h"
#include "domain/attribute.h"

#include <QList>
#include <QString>

#include <functional>

namespace stills {

// The "aspect ratio" and "orientation" attributes of a shot, derived from its pixel size and set
// automatically (at import, and once for the shots a catalog already holds).
//
// A derived value is stored with shot_attributes.derived = 1 and is replaced when the pixels
// change. A value a person chose (AttributeRepository::setShotValues stores derived = 0) is never
// replaced or removed, and while a shot has one, nothing is derived for that attribute.
//
// The size is the displayed one: width and height swap for EXIF orientations 5 to 8. The aspect
// ratio is the option of the catalog's vocabulary nearest on a logarithmic scale (an option's ratio
// is read from its label: "1.85", "9:16", "3.00 and wider"); the orientation is square within 2%,
// else landscape or portrait. A shot without a known size gets neither.
//
// Thread contract as the repositories: works on the calling thread's connection, inside the
// caller's transaction when there is one.
class ShapeAttributes
{
public:
    static QString aspectRatioKey() { return QStringLiteral("aspect_ratio"); }
    static QString orientationKey() { return QStringLiteral("orientation"); }

    // Option values (empty when unknown or when the vocabulary lacks the attribute).
    struct Shape {
        QString aspectRatio;
        QString orientation;
        bool operator==(const Shape &other) const = default;
    };
    // What apply() stores, computed here without a catalog (for tests and previews).
    static Shape derive(const QList<Attribute> &vocabulary, int width, int height, int exifOrientation);

    // (Re)derives the values of `shotIds` from their stored size. Set-based: one DELETE and one
    // INSERT ... SELECT per attribute, the ids bound as one value.
    static Status apply(const Catalog &catalog, const QList<qint64> &shotIds);
    // The same over every shot of the catalog.
    static Status applyToAll(const Catalog &catalog);
    // applyToAll() in its own transaction, once per catalog (remembered in catalog_info). Catalog
    // opens call it, so that shots imported before Stills derived these values get them.
    // `progress` is told before the work when the catalog holds shots (see Catalog::OpenProgress).
    static Status backfillOnce(const Catalog &catalog, const std::function<void(const QString &)> &progress = {});
};

} // namespace stills
