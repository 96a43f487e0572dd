#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QMutex>
#include <QSqlDriver>
#include <QSqlError>

#include <unordered_map>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills::sql {

Error errorFrom(const QSqlError &error, const QString &context)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    if (text.isEmpty())
        text = Tr::tr("unknown database error");
    // A unique-constraint violation is the user's "already exists", not a failure of the catalog.
    const bool duplicate = error.nativeErrorCode() == u"23505" || error.nativeErrorCode() == u"2067"
        || error.nativeErrorCode() == u"1555" || text.contains(u"UNIQUE constraint failed");
    Error e = duplicate ? Error{Error::Code::Conflict, {}} : Error::database({});
    e.message = context.isEmpty() ? Tr::tr("The catalog refused the change: %1").arg(text)
                                  : QStringLiteral("%1: %2").arg(context, text);
    return e;
}

namespace {

// Prepared statements kept per PostgreSQL connection, keyed by SQL text. Through Qt's QPSQL every
// prepared statement costs three round trips (PREPARE, EXECUTE, DEALLOCATE when the QSqlQuery
// dies); a cached one costs one (EXECUTE). SQLite prepares in-process, so it is not cached: a
// kept, unfinished SQLite statement would also hold its read snapshot open.
//
// A cached query is shared with the caller that ran it last (QSqlQuery copies share one result).
// It is executed again only when that caller can no longer be reading it: it is inactive
// (finish(), or exec()/scalar() here), or a SELECT read to its end. Otherwise (a caller still
// reading, or a nested run of the same text) a fresh, uncached query is used, as before.
//
// Thread contract: a connection is used by one thread, so its entries are too; the lock guards
// the map itself, since dropStatementCache() may be called from the thread that closes it.
constexpr qsizetype kMaxCachedStatements = 256;

QMutex &cacheMutex()
{
    static QMutex mutex;
    return mutex;
}

using Statements = std::unordered_map<QString, QSqlQuery>;

std::unordered_map<QString, Statements> &statementCache()
{
    static std::unordered_map<QString, Statements> cache;
    return cache;
}

// Sharing one prepared result between the cache and its last caller is the point here, and
// QSqlQuery's copy (deprecated since Qt 6.2, still supported: copies share the result) is the only
// way to do it through the public API; the rule above keeps the sharing safe.
QSqlQuery shared(const QSqlQuery &query)
{
    QT_WARNING_PUSH
    QT_WARNING_DISABLE_DEPRECATED
    return QSqlQuery(query);
    QT_WARNING_POP
}

bool reusable(const QSqlQuery &query)
{
    return !query.isActive() || (query.isSelect() && query.at() == QSql::AfterLastRow);
}

// A prepared query for `statement` on `db`: a cached one when it is free, else a new one (cached
// when there is room).
Result<QSqlQuery> preparedQuery(const QSqlDatabase &db, const QString &statement)
{
    // STILLS_NO_STATEMENT_CACHE=1 turns the cache off, to measure what it brings.
    static const bool enabled = qEnvironmentVariableIsEmpty("STILLS_NO_STATEMENT_CACHE");
    const bool cacheable = enabled && !isSqlite(db);
    if (cacheable) {
        QMutexLocker lock(&cacheMutex());
        auto &queries = statementCache()[db.connectionName()];
        if (const auto it = queries.find(statement); it != queries.end()) {
            if (reusable(it->second))
                return shared(it->second);
            lock.unlock();
            QSqlQuery fresh(db);
            fresh.setForwardOnly(true);
            if (!fresh.prepare(statement))
                return errorFrom(fresh.lastError(), Tr::tr("Could not prepare a catalog query"));
            return fresh;
        }
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(statement))
        return errorFrom(query.lastError(), Tr::tr("Could not prepare a catalog query"));
    if (cacheable) {
        QMutexLocker lock(&cacheMutex());
        auto &queries = statementCache()[db.connectionName()];
        if (qsizetype(queries.size()) < kMaxCachedStatements)
            queries.emplace(statement, shared(query));
    }
    return query;
}

} // namespace

void dropStatementCache(const QString &connectionName)
{
    Statements dropped;
    {
        QMutexLocker lock(&cacheMutex());
        if (const auto it = statementCache().find(connectionName); it != statementCache().end()) {
            dropped = std::move(it->second);
            statementCache().erase(it);
        }
    }
    // `dropped` goes here, outside the lock: each query deallocates its statement.
}

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    if (values.isEmpty()) {
        // Nothing to bind: run it directly. PostgreSQL cannot prepare BEGIN, COMMIT or SET.
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.exec(statement))
            return errorFrom(query.lastError());
        return query;
    }
    auto prepared = preparedQuery(db, statement);
    if (!prepared)
        return prepared.error();
    QSqlQuery query = std::move(*prepared);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        // Qt's SQL drivers bind a null QString as NULL; Stills' text columns mean "" by it.
        // Deliberate NULLs are null variants (see nullable()), which stay NULL.
        if (!value.isNull() && value.metaType() == QMetaType::fromType<QString>() && value.toString().isNull())
            query.bindValue(int(i), QStringLiteral(""));
        else
            query.bindValue(int(i), value);
    }
    if (!query.exec())
        return errorFrom(query.lastError());
    return query;
}

Status exec(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    auto query = run(db, statement, values);
    if (!query)
        return query.error();
    query->finish(); // free for the next run of the same statement
    return {};
}

Result<qint64> scalar(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    auto query = run(db, statement, values);
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(Tr::tr("The catalog returned no row."));
    const qint64 value = query->value(0).toLongLong();
    query->finish();
    return value;
}

Result<qint64> insert(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    return scalar(db, statement + QStringLiteral(" RETURNING id"), values);
}

bool isSqlite(const QSqlDatabase &db)
{
    return db.driverName() == u"QSQLITE";
}

QString placeholders(qsizetype n)
{
    QString s;
    s.reserve(n * 3);
    for (qsizetype i = 0; i < n; ++i)
        s += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return s;
}

QString idSetQuery(const QSqlDatabase &db)
{
    return isSqlite(db) ? QStringLiteral("SELECT value AS id FROM json_each(?)")
                        : QStringLiteral("SELECT unnest(CAST(? AS BIGINT[])) AS id");
}

QVariant idSetValue(const QSqlDatabase &db, const QList<qint64> &ids)
{
    // Digits and commas only: nothing from outside ends up in the text but numbers.
    QString text;
    text.reserve(ids.size() * 8 + 2);
    text += isSqlite(db) ? u'[' : u'{';
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            text += u',';
        text += QString::number(ids.at(i));
    }
    text += isSqlite(db) ? u']' : u'}';
    return text;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QVariant nullable(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<double>());
}

QVariant nullable(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<int>());
}

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

std::optional<double> optionalDouble(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toDouble();
}

std::optional<int> optionalInt(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.toInt();
}

} // namespace stills::sql
