#pragma once

#include "catalog.h"

#include <QList>
#include <QString>

namespace stills {

// A search kept by name: the left pane shows it as a smart photoset whose shots are whatever
// matches its query now. The query is text in QueryParser's syntax.
struct SavedSearch {
    qint64 id = 0;
    QString name;
    QString query;
    int version = 1;
};

// Saved searches (schema 4). Thread contract as the other repositories: stateless, the calling
// thread's connection. Names are unique (case-sensitive, trimmed); edits are version-checked.
class SavedSearchRepository
{
public:
    explicit SavedSearchRepository(const Catalog &catalog) : m_catalog(catalog) {}

    // InvalidInput for an empty name or query text QueryParser refuses; Conflict for a taken name.
    Result<qint64> create(const QString &name, const QString &query);
    Result<QList<SavedSearch>> list(); // by name
    Result<SavedSearch> get(qint64 id);
    Result<std::optional<SavedSearch>> findByName(const QString &name);
    // Renames and/or changes the query; Conflict when the version moved on or the name is taken.
    Status update(const SavedSearch &search);
    Status remove(qint64 id);

private:
    const Catalog &m_catalog;
};

} // namespace stills
