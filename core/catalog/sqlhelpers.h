#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace stills::sql {

// Prepares `statement` (positional '?' placeholders) and executes it with `values` bound in order.
// Every value that comes from outside goes through here: nothing is ever pasted into SQL text.
Result<QSqlQuery> run(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {});

// Like run(), for statements whose result rows are not needed.
Status exec(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {});

// Runs a query expected to return one row with one integer column (COUNT, id, ...).
Result<qint64> scalar(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {});

// "INSERT ... RETURNING id" on both dialects.
Result<qint64> insert(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {});

// A readable sentence for a failed statement.
Error errorFrom(const QSqlError &error, const QString &context = {});

bool isSqlite(const QSqlDatabase &db);

// "?, ?, ?" with n placeholders.
QString placeholders(qsizetype n);

qint64 nowMs();

// NULL-aware conversions between optional values and bindable QVariants.
QVariant nullable(const std::optional<double> &v);
QVariant nullable(const std::optional<int> &v);
QVariant nullableText(const QString &s); // empty -> NULL
std::optional<double> optionalDouble(const QVariant &v);
std::optional<int> optionalInt(const QVariant &v);

} // namespace stills::sql
