#pragma once

#include "common/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace stills::sql {

// Prepares `statement` (positional '?' placeholders) and executes it with `values` bound in order.
// Every value that comes from outside goes through here: nothing is ever pasted into SQL text.
// On PostgreSQL the prepared statement is kept per connection and reused by the next run of the
// same text once the returned query is read to its end or finish()ed (one round trip instead of
// three); a caller that keeps a query half-read just makes the next run prepare afresh.
Result<QSqlQuery> run(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {});

// Forgets the statements kept for a connection; call before the connection is removed
// (Catalog does, in releaseThreadConnection() and its destructor).
void dropStatementCache(const QString &connectionName);

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

// A set of ids bound as ONE value, for selections too large for a placeholder each (SQLite takes
// at most 32766, PostgreSQL 65535 per statement): idSetQuery() is a subquery with one '?' whose
// single column `id` lists the ids, for "x IN (<idSetQuery>)" or "INSERT ... SELECT"; bind
// idSetValue(ids) to it. A JSON array read by json_each on SQLite, a bigint[] on PostgreSQL.
QString idSetQuery(const QSqlDatabase &db);
QVariant idSetValue(const QSqlDatabase &db, const QList<qint64> &ids);

qint64 nowMs();

// NULL-aware conversions between optional values and bindable QVariants.
QVariant nullable(const std::optional<double> &v);
QVariant nullable(const std::optional<int> &v);
QVariant nullableText(const QString &s); // empty -> NULL
std::optional<double> optionalDouble(const QVariant &v);
std::optional<int> optionalInt(const QVariant &v);

} // namespace stills::sql
