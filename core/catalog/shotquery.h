#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace stills {

// A parsed search over the shots (see QueryParser for the text syntax). A plain value: building
// SQL from it is SearchIndex's job, which binds every value in it.
//
// Semantics: every condition must hold (AND). Within one enumerated field (flag, label, status)
// and within one attribute the allowed values are OR-ed, since a shot has one flag, one label,
// one status, and "night or dusk" is what a facet panel means. Tags and photosets are AND-ed:
// a shot can be in several.
struct ShotQuery {
    // Free words and quoted phrases ("low key" is one entry); each must be found in the search
    // document (title, description, caption, tags, photosets, file name).
    QStringList terms;
    QStringList excludedTerms;

    // Tag paths ("Lighting/Low key"): the shot carries the tag or one of its descendants.
    QStringList tags;
    QStringList excludedTags;

    // Photosets by name or title, or by id (photoset:#12).
    QStringList photosets;
    QList<qint64> photosetIds;
    QStringList excludedPhotosets;
    QList<qint64> excludedPhotosetIds;

    // Inclusive rating range; the default range 0..5 is no filter.
    int ratingMin = 0;
    int ratingMax = 5;

    // Allowed values; nullopt = no filter, an empty list = nothing matches.
    std::optional<QList<int>> flags;       // -1 reject, 0 none, 1 pick
    std::optional<QList<int>> colorLabels; // 0 none, 1 red .. 5 purple
    std::optional<QStringList> statuses;   // ok, failed, unsupported, missing

    // attribute key -> option values, OR-ed within a key, AND-ed across keys.
    QMap<QString, QStringList> attributes;
    // attribute key -> option values no matching shot may carry (-lighting:"Low key").
    QMap<QString, QStringList> excludedAttributes;

    bool hasRatingFilter() const { return ratingMin > 0 || ratingMax < 5; }
    bool hasTextTerms() const { return !terms.isEmpty() || !excludedTerms.isEmpty(); }
    bool isEmpty() const;

    bool operator==(const ShotQuery &other) const = default;

    // Names of the colour labels, index = stored value (0 = "none").
    static const QStringList &colorLabelNames();
    // "reject", "none", "pick" for -1, 0, 1.
    static QString flagName(int flag);
};

} // namespace stills
