#include "shotquery.h"

namespace stills {

bool ShotQuery::isEmpty() const
{
    return terms.isEmpty() && excludedTerms.isEmpty() && tags.isEmpty() && excludedTags.isEmpty()
        && photosets.isEmpty() && photosetIds.isEmpty() && excludedPhotosets.isEmpty() && excludedPhotosetIds.isEmpty()
        && !hasRatingFilter() && !flags && !colorLabels && !statuses && attributes.isEmpty()
        && excludedAttributes.isEmpty();
}

const QStringList &ShotQuery::colorLabelNames()
{
    static const QStringList names = {QStringLiteral("none"), QStringLiteral("red"), QStringLiteral("yellow"),
                                      QStringLiteral("green"), QStringLiteral("blue"), QStringLiteral("purple")};
    return names;
}

QString ShotQuery::flagName(int flag)
{
    return flag < 0 ? QStringLiteral("reject") : flag > 0 ? QStringLiteral("pick") : QStringLiteral("none");
}

} // namespace stills
