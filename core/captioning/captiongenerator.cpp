#include "captiongenerator.h"

#include <QSet>

namespace stills {

QString CaptionRequest::attributesText() const
{
    QStringList parts;
    for (const AttributeValue &attribute : attributes) {
        if (attribute.values.isEmpty())
            continue;
        parts.append(attribute.label + QStringLiteral(": ") + attribute.values.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
}

QString CaptionRequest::tagsText() const
{
    // The leaf names read best in a caption or a prompt; "People/Anna" and "Places/Anna" say "Anna" once.
    QStringList names;
    QSet<QString> seen;
    for (const QString &path : tags) {
        const QString leaf = path.section(u'/', -1).trimmed();
        if (leaf.isEmpty() || seen.contains(leaf.toCaseFolded()))
            continue;
        seen.insert(leaf.toCaseFolded());
        names.append(leaf);
    }
    return names.join(QStringLiteral(", "));
}

QString CaptionRequest::lensText() const
{
    QString focal;
    if (focalLength && *focalLength > 0) {
        const double mm = *focalLength;
        // 35 -> "35 mm", 4.6 -> "4.6 mm": no trailing ".0", at most one decimal.
        focal = (qAbs(mm - qRound(mm)) < 0.05 ? QString::number(qRound(mm)) : QString::number(mm, 'f', 1))
            + QStringLiteral(" mm");
    }
    const QString name = lens.trimmed();
    if (name.isEmpty())
        return focal;
    if (focal.isEmpty())
        return name;
    return name + QStringLiteral(" at ") + focal;
}

} // namespace stills
