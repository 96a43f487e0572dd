#include "savedsearchrepository.h"

#include "attributerepository.h"
#include "queryparser.h"
#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

SavedSearch fromRow(const QSqlQuery &q)
{
    SavedSearch s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString();
    s.query = q.value(2).toString();
    s.version = q.value(3).toInt();
    return s;
}

const QString kColumns = QStringLiteral("id, name, query, version");

// The query must parse against this catalog's vocabulary: a saved search never holds text the
// search field would refuse.
Status checkQuery(const Catalog &catalog, const QString &query)
{
    auto vocabulary = AttributeRepository(catalog).all();
    if (!vocabulary)
        return vocabulary.error();
    auto parsed = QueryParser::parse(query, *vocabulary);
    if (!parsed)
        return parsed.error();
    return {};
}

} // namespace

Result<qint64> SavedSearchRepository::create(const QString &name, const QString &query)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Error::invalid(Tr::tr("A saved search needs a name."));
    if (auto ok = checkQuery(m_catalog, query); !ok)
        return ok.error();
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto existing = findByName(trimmed);
    if (!existing)
        return existing.error();
    if (*existing)
        return Error::conflict(Tr::tr("There is already a saved search called \"%1\".").arg(trimmed));
    const qint64 now = sql::nowMs();
    return sql::insert(*db,
        QStringLiteral("INSERT INTO saved_searches (name, query, created_ms, updated_ms) VALUES (?, ?, ?, ?)"),
        { trimmed, query.trimmed(), now, now });
}

Result<QList<SavedSearch>> SavedSearchRepository::list()
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM saved_searches ORDER BY lower(name), id"));
    if (!q)
        return q.error();
    QList<SavedSearch> result;
    while (q->next())
        result.append(fromRow(*q));
    return result;
}

Result<SavedSearch> SavedSearchRepository::get(qint64 id)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM saved_searches WHERE id = ?"), { id });
    if (!q)
        return q.error();
    if (!q->next())
        return Error::notFound(Tr::tr("The saved search %1 no longer exists; it may have been deleted.").arg(id));
    return fromRow(*q);
}

Result<std::optional<SavedSearch>> SavedSearchRepository::findByName(const QString &name)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM saved_searches WHERE name = ?"),
        { name.trimmed() });
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<SavedSearch> {};
    return std::optional<SavedSearch> { fromRow(*q) };
}

Status SavedSearchRepository::update(const SavedSearch &search)
{
    const QString trimmed = search.name.trimmed();
    if (trimmed.isEmpty())
        return Error::invalid(Tr::tr("A saved search needs a name."));
    if (auto ok = checkQuery(m_catalog, search.query); !ok)
        return ok;
    auto existing = findByName(trimmed);
    if (!existing)
        return existing.error();
    if (*existing && (*existing)->id != search.id)
        return Error::conflict(Tr::tr("There is already a saved search called \"%1\".").arg(trimmed));
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
        QStringLiteral("UPDATE saved_searches SET name = ?, query = ?, updated_ms = ?, version = version + 1 "
                       "WHERE id = ? AND version = ?"),
        { trimmed, search.query.trimmed(), sql::nowMs(), search.id, search.version });
    if (!q)
        return q.error();
    if (q->numRowsAffected() > 0)
        return {};
    auto current = get(search.id);
    if (!current)
        return current.error();
    return Error::conflict(Tr::tr("The saved search \"%1\" was changed by someone else since it was read; "
                                  "nothing was overwritten.")
                               .arg(current->name));
}

Status SavedSearchRepository::remove(qint64 id)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    return sql::exec(*db, QStringLiteral("DELETE FROM saved_searches WHERE id = ?"), { id });
}

} // namespace stills
