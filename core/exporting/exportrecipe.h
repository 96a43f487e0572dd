#pragma once

#include "common/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace stills {

// The choices of an export, saved by name and run again.
struct ExportRecipe {
    enum class Images { Originals, Crops };
    enum class Caption { None, Txt, Caption }; // sidecar extension: none, .txt, .caption

    QString name;
    Images images = Images::Originals;
    QString cropName;        // with Crops: this crop only (shots without it are exported whole); empty: every crop
    int maxEdge = 0;         // > 0: scale down so the long edge is at most this
    int trainingSize = 0;    // > 0: scale the short edge to this and cut the centre square
    QString format;          // "" keeps originals as they are (and JPEG for rendered images); "jpeg", "png", "webp"
    int quality = 92;        // JPEG / WebP quality, 1..100
    Caption caption = Caption::Txt;
    bool manifest = true;    // metadata.jsonl
    // ZIP entries are always stored (see ZipWriter); there is no deflate choice yet.

    // True when images are copied byte for byte (no decode, fastest).
    bool copiesOriginals() const { return images == Images::Originals && maxEdge <= 0 && trainingSize <= 0 && format.isEmpty(); }
    QString captionSuffix() const;

    QJsonObject toJson() const;
    // InvalidInput with the reason for an unknown value.
    static Result<ExportRecipe> fromJson(const QJsonObject &json);
    Status validate() const;
};

// Saved recipes, in the user's settings (QSettings group "exportRecipes"): a recipe is a personal
// working preference like a dialog's last choices, not catalog data, and keeping it out of the
// catalog needs no schema migration in both dialects. Thread contract: one thread at a time.
class ExportRecipeStore
{
public:
    // `settingsFile` empty: the application's settings; else an INI file (tests).
    explicit ExportRecipeStore(QString settingsFile = {}) : m_file(std::move(settingsFile)) {}

    QStringList names() const;
    Result<ExportRecipe> load(const QString &name) const;
    // Replaces a recipe of the same name (saving under a name is the user's explicit choice).
    Status save(const ExportRecipe &recipe);
    Status remove(const QString &name);

private:
    QString m_file;
};

} // namespace stills
