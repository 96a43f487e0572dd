#include "shapeattributes.h"

#include "attributerepository.h"
#include "common/logging.h"
#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

// A shot whose displayed ratio lies within this factor of 1 is square.
constexpr double kSquareTolerance = 1.02;

const QString kLandscape = QStringLiteral("landscape");
const QString kPortrait = QStringLiteral("portrait");
const QString kSquare = QStringLiteral("square");

struct RatioOption {
    double ratio = 0;
    qint64 id = 0;
    QString value;
};

// "9:16" -> 0.5625, "1.85" -> 1.85, "3.00 and wider" -> 3.0; nullopt for a label without a ratio.
std::optional<double> ratioOfLabel(const QString &label)
{
    static const QRegularExpression pair(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*:\\s*(\\d+(?:\\.\\d+)?)"));
    static const QRegularExpression number(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)"));
    if (const auto m = pair.match(label); m.hasMatch()) {
        const double a = m.captured(1).toDouble();
        const double b = m.captured(2).toDouble();
        if (a > 0 && b > 0)
            return a / b;
        return std::nullopt;
    }
    if (const auto m = number.match(label); m.hasMatch()) {
        const double r = m.captured(1).toDouble();
        if (r > 0)
            return r;
    }
    return std::nullopt;
}

const Attribute *find(const QList<Attribute> &vocabulary, const QString &key)
{
    for (const Attribute &a : vocabulary) {
        if (a.key == key)
            return &a;
    }
    return nullptr;
}

// The aspect options in ascending ratio.
QList<RatioOption> ratioOptions(const Attribute &aspect)
{
    QList<RatioOption> options;
    for (const AttributeOption &o : aspect.options) {
        if (const auto r = ratioOfLabel(o.label))
            options.append({*r, o.id, o.value});
    }
    std::sort(options.begin(), options.end(), [](const RatioOption &a, const RatioOption &b) { return a.ratio < b.ratio; });
    return options;
}

// Option i wins below the geometric mean of its ratio and the next one's: the nearest option on a
// logarithmic scale, with no logarithm needed in SQL.
double threshold(const QList<RatioOption> &options, qsizetype i)
{
    return std::sqrt(options.at(i).ratio * options.at(i + 1).ratio);
}

qint64 optionId(const Attribute &attribute, const QString &value)
{
    for (const AttributeOption &o : attribute.options) {
        if (o.value == value)
            return o.id;
    }
    return 0;
}

// Writes the derived values of one attribute for the shots of `scope` ("" = every shot; else a
// condition on s.id with `scopeValues`). `caseSql` maps the column "ratio" to an option id (its
// values cast: PostgreSQL would take an untyped parameter in a CASE for text).
Status deriveAttribute(const QSqlDatabase &db, qint64 attributeId, const QString &caseSql, const QVariantList &caseValues,
                       const QString &scope, const QVariantList &scopeValues)
{
    // The derived values go (they may be stale); chosen ones stay and block a new derived value.
    QVariantList values = {attributeId};
    values.append(scopeValues);
    if (auto removed = sql::exec(db,
                                 QStringLiteral("DELETE FROM shot_attributes WHERE derived = 1 AND option_id IN "
                                                "(SELECT id FROM attribute_options WHERE attribute_id = ?)%1")
                                     .arg(scope.isEmpty() ? QString() : QStringLiteral(" AND shot_id IN (%1)").arg(scope)),
                                 values);
        !removed)
        return removed;
    values = caseValues;
    values.append(attributeId);
    values.append(scopeValues);
    // Shots that still have a value (a chosen one) are skipped. SQLite: NOT IN builds the set of
    // those shots once (a correlated NOT EXISTS probed the index once per option and shot: 40 s
    // instead of 1 s over 1M shots); PostgreSQL turns NOT EXISTS into a hash anti-join.
    const QString chosen = QStringLiteral("SELECT sa.shot_id FROM shot_attributes sa WHERE sa.option_id IN "
                                          "(SELECT id FROM attribute_options WHERE attribute_id = ?)");
    const QString skip = sql::isSqlite(db) ? QStringLiteral("s.id NOT IN (%1)").arg(chosen)
                                           : QStringLiteral("NOT EXISTS (%1 AND sa.shot_id = s.id)").arg(chosen);
    return sql::exec(db,
                     QStringLiteral("INSERT INTO shot_attributes (shot_id, option_id, derived, rating, flag, color_label, "
                                    "status) SELECT t.id, %1, 1, t.rating, t.flag, t.color_label, t.status FROM ("
                                    "SELECT s.id, s.rating, s.flag, s.color_label, s.status, "
                                    "CASE WHEN s.orientation BETWEEN 5 AND 8 THEN (s.height * 1.0) / s.width "
                                    "ELSE (s.width * 1.0) / s.height END AS ratio FROM shots s "
                                    "WHERE s.width > 0 AND s.height > 0 AND %2%3) t")
                         .arg(caseSql, skip,
                              scope.isEmpty() ? QString() : QStringLiteral(" AND s.id IN (%1)").arg(scope)),
                     values);
}

Status applyScoped(const Catalog &catalog, const QString &scope, const QVariantList &scopeValues)
{
    auto vocabulary = AttributeRepository(catalog).all();
    if (!vocabulary)
        return vocabulary.error();
    auto db = catalog.database();
    if (!db)
        return db.error();

    if (const Attribute *aspect = find(*vocabulary, ShapeAttributes::aspectRatioKey())) {
        const QList<RatioOption> options = ratioOptions(*aspect);
        if (!options.isEmpty()) {
            QString caseSql = QStringLiteral("CASE");
            QVariantList caseValues;
            for (qsizetype i = 0; i + 1 < options.size(); ++i) {
                caseSql += QStringLiteral(" WHEN t.ratio < CAST(? AS DOUBLE PRECISION) THEN CAST(? AS BIGINT)");
                caseValues << threshold(options, i) << options.at(i).id;
            }
            caseSql += QStringLiteral(" ELSE CAST(? AS BIGINT) END");
            caseValues << options.constLast().id;
            if (auto done = deriveAttribute(*db, aspect->id, caseSql, caseValues, scope, scopeValues); !done)
                return done;
        }
    }
    if (const Attribute *orientation = find(*vocabulary, ShapeAttributes::orientationKey())) {
        const qint64 landscape = optionId(*orientation, kLandscape);
        const qint64 portrait = optionId(*orientation, kPortrait);
        const qint64 square = optionId(*orientation, kSquare);
        if (landscape && portrait && square) {
            const QString caseSql = QStringLiteral(
                "CASE WHEN t.ratio > CAST(? AS DOUBLE PRECISION) THEN CAST(? AS BIGINT) WHEN t.ratio < CAST(? AS DOUBLE "
                "PRECISION) THEN CAST(? AS BIGINT) ELSE CAST(? AS BIGINT) END");
            const QVariantList caseValues = {kSquareTolerance, landscape, 1.0 / kSquareTolerance, portrait, square};
            if (auto done = deriveAttribute(*db, orientation->id, caseSql, caseValues, scope, scopeValues); !done)
                return done;
        }
    }
    return {};
}

} // namespace

ShapeAttributes::Shape ShapeAttributes::derive(const QList<Attribute> &vocabulary, int width, int height,
                                               int exifOrientation)
{
    Shape shape;
    if (width <= 0 || height <= 0)
        return shape;
    const double ratio = exifOrientation >= 5 && exifOrientation <= 8 ? double(height) / width : double(width) / height;
    if (const Attribute *aspect = find(vocabulary, aspectRatioKey())) {
        const QList<RatioOption> options = ratioOptions(*aspect);
        for (qsizetype i = 0; i < options.size(); ++i) {
            if (i + 1 == options.size() || ratio < threshold(options, i)) {
                shape.aspectRatio = options.at(i).value;
                break;
            }
        }
    }
    if (const Attribute *orientation = find(vocabulary, orientationKey())) {
        const QString value = ratio > kSquareTolerance ? kLandscape : ratio < 1.0 / kSquareTolerance ? kPortrait : kSquare;
        // By value: the built-in vocabulary (no catalog) has no option ids.
        if (std::any_of(orientation->options.cbegin(), orientation->options.cend(),
                        [&](const AttributeOption &o) { return o.value == value; }))
            shape.orientation = value;
    }
    return shape;
}

Status ShapeAttributes::apply(const Catalog &catalog, const QList<qint64> &shotIds)
{
    if (shotIds.isEmpty())
        return {};
    auto db = catalog.database();
    if (!db)
        return db.error();
    return applyScoped(catalog, sql::idSetQuery(*db), {sql::idSetValue(*db, shotIds)});
}

Status ShapeAttributes::applyToAll(const Catalog &catalog)
{
    return applyScoped(catalog, QString(), {});
}

Status ShapeAttributes::backfillOnce(const Catalog &catalog, const std::function<void(const QString &)> &progress)
{
    auto db = catalog.database();
    if (!db)
        return db.error();
    auto done = sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM catalog_info WHERE key = 'derived_shape'"));
    if (!done)
        return done.error();
    if (*done > 0)
        return {};
    if (progress) {
        auto shots = sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM shots"));
        // (The count is computed outside the translate() call: lupdate 6.4 loops forever on it inline.)
        const int count = shots ? int(std::min<qint64>(shots.value(), INT_MAX)) : 0;
        if (count > 0)
            progress(Tr::tr("Setting the aspect ratio and orientation of %n shot(s)…",
                                                 nullptr, count));
    }
    QElapsedTimer timer;
    timer.start();
    Status filled = catalog.transaction([&](QSqlDatabase &tx) -> Status {
        if (auto applied = applyToAll(catalog); !applied)
            return applied;
        return sql::exec(tx, QStringLiteral("INSERT INTO catalog_info (key, value) VALUES ('derived_shape', '1')"));
    });
    if (!filled)
        return Error{filled.error().code, Tr::tr("Setting the aspect ratio and orientation of the shots failed: %1")
                                              .arg(filled.error().message)};
    qCDebug(lcCatalog) << "derived aspect ratio and orientation of existing shots in" << timer.elapsed() << "ms";
    return {};
}

} // namespace stills
