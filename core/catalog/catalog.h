#pragma once

#include "catalogurl.h"
#include "common/result.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QStringList>

#include <functional>
#include <memory>

namespace stills {

// An open catalog. Thread contract: a Catalog object may be shared between threads; each thread
// gets its own QSqlDatabase connection, opened on first use by database() (Qt's connections
// belong to the thread that made them). Connections are closed when the Catalog is destroyed
// (those of the calling thread) or when their thread ends.
class Catalog
{
public:
    enum class OpenMode {
        ReadWrite, // migrate to the current schema if needed
        ReadOnly,  // never write; refuse a catalog that would need migrating
    };

    // The schema version this program writes. A catalog with a higher version is refused.
    static constexpr int SchemaVersion = 6;

    // Opens (and for SQLite creates, with its folder) the catalog and applies pending migrations.
    static Result<std::shared_ptr<Catalog>> open(const CatalogUrl &url, OpenMode mode = OpenMode::ReadWrite);

    // Told, on the calling thread, what a long open is doing: each migration of an existing
    // catalog ("Upgrading the catalog to schema 3 (curate)…", which can take a while on a large
    // catalog) and the one-off derivation of values for its shots. Not called for a new catalog
    // or one that is up to date.
    using OpenProgress = std::function<void(const QString &step)>;
    static Result<std::shared_ptr<Catalog>> open(const CatalogUrl &url, OpenMode mode, const OpenProgress &progress);

    ~Catalog();
    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;

    const CatalogUrl &url() const { return m_url; }
    bool isSqlite() const { return m_url.isSqlite(); }
    bool isReadOnly() const { return m_mode == OpenMode::ReadOnly; }
    int schemaVersion() const { return m_schemaVersion; }

    // The calling thread's connection, opened and configured on first use.
    Result<QSqlDatabase> database() const;

    // Runs `work` in a transaction on the calling thread's connection: commits when it returns ok,
    // rolls back otherwise (and when the commit fails). Not re-entrant.
    Status transaction(const std::function<Status(QSqlDatabase &)> &work) const;

    // Closes the calling thread's connection (for worker threads that are about to end).
    void releaseThreadConnection() const;

private:
    Catalog(CatalogUrl url, OpenMode mode);
    QString threadConnectionName() const;
    Result<QSqlDatabase> openConnection(const QString &name) const;
    Status migrate(const OpenProgress &progress = {});

    CatalogUrl m_url;
    OpenMode m_mode;
    QString m_connectionPrefix;
    int m_schemaVersion = 0;
    mutable QMutex m_mutex;
    mutable QStringList m_connectionNames;
};

using CatalogPtr = std::shared_ptr<Catalog>;

} // namespace stills
