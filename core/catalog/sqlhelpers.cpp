#include "sqlhelpers.h"

#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>

namespace stills::sql {

Error errorFrom(const QSqlError &error, const QString &context)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    if (text.isEmpty())
        text = QStringLiteral("unknown database error");
    // A unique-constraint violation is the user's "already exists", not a failure of the catalog.
    const bool duplicate = error.nativeErrorCode() == u"23505" || error.nativeErrorCode() == u"2067"
        || error.nativeErrorCode() == u"1555" || text.contains(u"UNIQUE constraint failed");
    Error e = duplicate ? Error{Error::Code::Conflict, {}} : Error::database({});
    e.message = context.isEmpty() ? QStringLiteral("The catalog refused the change: %1").arg(text)
                                  : QStringLiteral("%1: %2").arg(context, text);
    return e;
}

Result<QSqlQuery> run(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (values.isEmpty()) {
        // Nothing to bind: run it directly. PostgreSQL cannot prepare BEGIN, COMMIT or SET.
        if (!query.exec(statement))
            return errorFrom(query.lastError());
        return query;
    }
    if (!query.prepare(statement))
        return errorFrom(query.lastError(), QStringLiteral("Could not prepare a catalog query"));
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
    return {};
}

Result<qint64> scalar(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    auto query = run(db, statement, values);
    if (!query)
        return query.error();
    if (!query->next())
        return Error::notFound(QStringLiteral("The catalog returned no row."));
    return query->value(0).toLongLong();
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
