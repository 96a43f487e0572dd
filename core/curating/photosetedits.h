#pragma once

// How to wire: PhotosetEdits::load(catalog, id) off the GUI thread → PhotosetEditDialog::ask() →
// PhotosetEdits::save(catalog, edit) off the GUI thread; on Error::Conflict, load() again and call
// PhotosetEditDialog::resolveConflict(parent, mine, theirs) on the GUI thread, then save what it returns.

#include "catalog/catalog.h"
#include "domain/photoset.h"

#include <QStringList>

namespace stills {

// A photoset with what the edit dialog edits besides its columns: its tags and its genre.
// Photosets have no genre column; the genre is stored as the photoset tag "Genre/<genre>" (no
// migration needed, searchable with tag:Genre/…, and shown in the tag manager).
struct PhotosetEdit {
    Photoset photoset;
    QStringList tags; // tag paths, without the Genre/ one
    QString genre;    // "" when none
    bool operator==(const PhotosetEdit &) const = default;
};

// Reads and saves PhotosetEdits. Blocking; the calling thread's connection (call from a worker).
class PhotosetEdits
{
public:
    static QString genreRoot() { return QStringLiteral("Genre"); }

    static Result<PhotosetEdit> load(const Catalog &catalog, qint64 photosetId);
    // Creates the photoset (photoset.id == 0) or updates it (version-checked: Error::Conflict when
    // someone else changed it, and nothing is written), and makes its tags exactly tagPaths(edit);
    // one transaction. Returns the photoset's id.
    static Result<qint64> save(const Catalog &catalog, const PhotosetEdit &edit);

    // Separates the Genre/ tag from the others (the first one wins when there are several).
    static PhotosetEdit split(const Photoset &photoset, const QStringList &tagPaths);
    static QStringList tagPaths(const PhotosetEdit &edit);
};

} // namespace stills
