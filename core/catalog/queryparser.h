#pragma once

#include "common/result.h"
#include "domain/attribute.h"
#include "shotquery.h"

namespace stills {

// Parses the search field's small query language into a ShotQuery. Pure and thread-safe.
//
//   low key            free words: each must be found (title, description, caption, tags,
//                      photosets, file name); plain word match, no prefix matching
//   "low key"          a phrase
//   -word -"a phrase"  exclusion (also -tag:X, -photoset:X, -flag:X, -label:X, -status:X and
//                      -ATTRIBUTE_KEY:VALUE, e.g. -lighting:"Low key")
//   tag:Lighting  tag:"Lighting/Low key"   the tag or any of its descendants (quote a path
//                      with spaces); levels are matched by name, case-insensitively
//   rating>=3 rating=5 rating<2 rating>1 rating<=4
//   flag:pick|reject|none   label:red|yellow|green|blue|purple|none
//   photoset:NAME photoset:"Two words" photoset:#42
//   status:ok|failed|unsupported|missing
//   ATTRIBUTE_KEY:VALUE     e.g. time_of_day:night (value or label, case-insensitive); several
//                           values of one attribute are OR-ed, different attributes AND-ed
//
// Keys and enumerated values are case-insensitive. An unknown key, an unknown value, a missing
// closing quote or a malformed comparison is an InvalidInput error whose message names the
// offending text and its position ("at character N", counted from 1).
// The index holds words of letters and digits: punctuation-only words ("%", "';") are skipped, and a
// text made of nothing else matches no shot. "%" and "_" are never wildcards.
class QueryParser
{
public:
    // Attribute keys are checked against the built-in vocabulary.
    static Result<ShotQuery> parse(const QString &text);
    // Attribute keys are checked against `vocabulary` (a catalog's, from AttributeRepository::all()).
    static Result<ShotQuery> parse(const QString &text, const QList<Attribute> &vocabulary);
};

} // namespace stills
