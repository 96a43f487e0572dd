#pragma once

#include "catalog.h"
#include "common/result.h"
#include "shotquery.h"

#include <QList>
#include <QString>

namespace stills {

// One value of one facet and its count.
struct FacetCount {
    QString facet; // an attribute key, or "rating", "flag", "label"
    QString value; // option value; "0".."5"; "pick"/"reject"/"none"; "red".."purple"/"none"
    qint64 count = 0;

    bool operator==(const FacetCount &other) const = default;
};

// Facet counts for the facet panel and `stills facets`.
//
// Semantics (standard "disjunctive" facets): the count of a value is the number of shots that
// match every condition of the query except the query's own condition on that facet (for an
// attribute: its chosen and its excluded values together), and have the value. For a facet without an active filter that is simply "matching shots having the
// value"; for a facet already filtered (values OR-ed) it is what each value brings if it were
// (or is) among the chosen ones, so the chosen values' siblings do not all drop to zero.
//
// Cost: the matching ids are materialised once into a temporary table and counted with one
// GROUP BY over shot_attributes (and one over shots for rating/flag/label); each facet that has
// its own filter needs one more materialisation. Never one query per facet value.
//
// Thread contract: uses the calling thread's connection (its temporary table is per connection).
class Facets
{
public:
    // Every option of every attribute of the catalog's vocabulary in display order, then rating
    // 0..5, flag (pick, none, reject) and label (none, red .. purple); zero counts included.
    static Result<QList<FacetCount>> compute(const Catalog &catalog, const ShotQuery &query);
};

} // namespace stills
