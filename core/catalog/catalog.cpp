#include "catalog.h"

#include "attributerepository.h"
#include "common/logging.h"
#include "migrations.h"
#include "shapeattributes.h"
#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <atomic>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

std::atomic<int> s_catalogCounter{0};

Status applyMigration(const QSqlDatabase &db, const Migration &migration, CatalogUrl::Dialect dialect)
{
    auto statements = Migrations::statements(migration, dialect);
    if (!statements)
        return statements.error();
    for (const QString &statement : *statements) {
        if (auto done = sql::exec(db, statement); !done)
            return Error::database(Tr::tr("Upgrading the catalog to schema %1 (%2) failed: %3")
                                       .arg(migration.version)
                                       .arg(QCoreApplication::translate("Catalog", migration.name.toUtf8().constData()),
                                            done.error().message));
    }
    if (auto done = sql::exec(db, QStringLiteral("DELETE FROM schema_version")); !done)
        return done;
    return sql::exec(db, QStringLiteral("INSERT INTO schema_version (version, applied_ms) VALUES (?, ?)"),
                     {migration.version, sql::nowMs()});
}

} // namespace

Catalog::Catalog(CatalogUrl url, OpenMode mode)
    : m_url(std::move(url))
    , m_mode(mode)
    , m_connectionPrefix(QStringLiteral("stills-%1-%2")
                             .arg(QCoreApplication::applicationPid())
                             .arg(s_catalogCounter.fetch_add(1)))
{
}

Catalog::~Catalog()
{
    QMutexLocker lock(&m_mutex);
    const QString mine = threadConnectionName();
    for (const QString &name : std::as_const(m_connectionNames)) {
        sql::dropStatementCache(name);
        // Only this thread's own connection may be touched here (Qt refuses another thread's);
        // removeDatabase() closes the others with their drivers.
        if (name == mine) {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

Result<std::shared_ptr<Catalog>> Catalog::open(const CatalogUrl &url, OpenMode mode)
{
    return open(url, mode, {});
}

Result<std::shared_ptr<Catalog>> Catalog::open(const CatalogUrl &url, OpenMode mode, const OpenProgress &progress)
{
    if (url.isSqlite() && !url.isInMemory()) {
        const QFileInfo info(url.filePath());
        if (info.isDir())
            return Error::invalid(Tr::tr("The catalog path %1 is a folder; name a file such as %1/catalog.db.")
                                      .arg(url.filePath()));
        if (!info.exists()) {
            if (mode == OpenMode::ReadOnly)
                return Error::notFound(Tr::tr("There is no catalog at %1.").arg(url.filePath()));
            if (!QDir().mkpath(info.absolutePath()))
                return Error::io(Tr::tr("Could not create the folder %1 for the catalog.").arg(info.absolutePath()));
        }
    }

    std::shared_ptr<Catalog> catalog(new Catalog(url, mode));
    auto db = catalog->database();
    if (!db)
        return db.error();
    if (auto migrated = catalog->migrate(progress); !migrated)
        return migrated.error();
    if (mode == OpenMode::ReadWrite) {
        if (auto synced = AttributeRepository(*catalog).syncVocabulary(); !synced)
            return synced.error();
        // Not fatal: the catalog works without these values, and the next open tries again.
        if (auto derived = ShapeAttributes::backfillOnce(*catalog, progress); !derived)
            qCWarning(lcCatalog).noquote() << derived.error().message;
    }
    qCDebug(lcCatalog) << "opened" << url.toDisplayString() << "schema" << catalog->m_schemaVersion;
    return catalog;
}

Status Catalog::migrate(const OpenProgress &progress)
{
    auto dbResult = database();
    if (!dbResult)
        return dbResult.error();
    const QSqlDatabase db = *dbResult;
    const QString where = m_url.toDisplayString();

    auto readVersion = [&]() -> Result<int> {
        const QStringList tables = db.tables(QSql::Tables);
        if (!tables.contains(QStringLiteral("schema_version"))) {
            if (!tables.isEmpty())
                return Error::invalid(Tr::tr("%1 is not a Stills catalog: it holds other tables (%2) but no "
                                             "schema_version. Stills will not touch it.")
                                          .arg(where, tables.mid(0, 3).join(QStringLiteral(", "))));
            return 0;
        }
        auto version = sql::scalar(db, QStringLiteral("SELECT MAX(version) FROM schema_version"));
        if (!version)
            return version.error();
        return int(*version);
    };

    auto current = readVersion();
    if (!current)
        return current.error();
    const int latest = Migrations::latestVersion();
    if (*current > latest)
        return Error{Error::Code::SchemaTooNew,
                     Tr::tr("The catalog %1 was written by a newer version of Stills (schema %2; this program "
                            "knows up to schema %3). Update Stills to open it. The catalog was not changed.")
                         .arg(where)
                         .arg(*current)
                         .arg(latest)};
    if (*current == latest) {
        m_schemaVersion = latest;
        return {};
    }
    if (m_mode == OpenMode::ReadOnly) {
        if (*current == 0)
            return Error::notFound(Tr::tr("%1 holds no Stills catalog yet.").arg(where));
        return Error::invalid(Tr::tr("The catalog %1 uses schema %2 and needs an upgrade to %3; open it once "
                                     "without --dry-run or read-only mode.")
                                  .arg(where)
                                  .arg(*current)
                                  .arg(latest));
    }

    // One migrating process at a time: SQLite takes the write lock up front, PostgreSQL an advisory lock.
    // The version is read again under the lock because another process may have migrated meanwhile.
    Status migrated = transaction([&](QSqlDatabase &tx) -> Status {
        if (!isSqlite()) {
            if (auto locked = sql::exec(tx, QStringLiteral("SELECT pg_advisory_xact_lock(7253115)")); !locked)
                return locked;
            if (auto quiet = sql::exec(tx, QStringLiteral("SET LOCAL client_min_messages = warning")); !quiet)
                return quiet;
        }
        auto version = readVersion();
        if (!version)
            return version.error();
        if (*version == 0) {
            if (auto made = sql::exec(tx, QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL, "
                                                         "applied_ms BIGINT NOT NULL)"));
                !made)
                return made;
        }
        for (const Migration &migration : Migrations::all()) {
            if (migration.version <= *version)
                continue;
            qCDebug(lcCatalog) << "migrating" << where << "to schema" << migration.version << migration.name;
            if (progress && *version > 0)
                progress(Tr::tr("Upgrading the catalog to schema %1 (%2)…")
                             .arg(migration.version)
                             .arg(QCoreApplication::translate("Catalog", migration.name.toUtf8().constData())));
            if (auto applied = applyMigration(tx, migration, m_url.dialect()); !applied)
                return applied;
        }
        m_schemaVersion = latest;
        return {};
    });
    if (migrated && !isSqlite() && *current > 0) {
        // An upgrade may have rewritten whole tables (schema 6: every link row). Until autovacuum
        // passes, their old row versions and the cleared visibility map make index-only scans read
        // the table (keyset pages of 2 ms took 60-90 ms on a 1M catalog). VACUUM cannot run in the
        // migration's transaction; a failure (e.g. not the owner of a table) only costs that speed.
        if (auto vacuumed = sql::exec(db, QStringLiteral("VACUUM (ANALYZE)")); !vacuumed)
            qCWarning(lcCatalog) << "vacuum after the upgrade of" << where << "failed:" << vacuumed.error().message;
    }
    return migrated;
}

namespace {

// A number for the calling thread, never reused within the process. Thread ids are: a thread that
// ended without releasing its connection would otherwise leave it to the next thread that gets the
// same id, and Qt refuses a connection made by another thread.
quint64 threadToken()
{
    static std::atomic<quint64> next { 1 };
    thread_local const quint64 token = next.fetch_add(1);
    return token;
}

} // namespace

QString Catalog::threadConnectionName() const
{
    return m_connectionPrefix + u'-' + QString::number(threadToken());
}

Result<QSqlDatabase> Catalog::database() const
{
    const QString name = threadConnectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    return openConnection(name);
}

Result<QSqlDatabase> Catalog::openConnection(const QString &name) const
{
    const bool sqlite = m_url.isSqlite();
    const QString driver = sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return Error::unsupported(
            sqlite ? Tr::tr("Qt's SQLite driver is not installed (Debian package libqt6sql6-sqlite).")
                   : Tr::tr("Qt's PostgreSQL driver is not installed (Debian package libqt6sql6-psql)."));

    QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name, false)
                                                   : QSqlDatabase::addDatabase(driver, name);
    {
        QMutexLocker lock(&m_mutex);
        if (!m_connectionNames.contains(name))
            m_connectionNames.append(name);
    }

    const bool readOnly = m_mode == OpenMode::ReadOnly;
    if (sqlite) {
        QStringList options{QStringLiteral("QSQLITE_BUSY_TIMEOUT=15000")};
        if (m_url.isInMemory()) {
            // Every thread must see the same in-memory database: a named, shared-cache memory URI.
            db.setDatabaseName(QStringLiteral("file:%1?mode=memory&cache=shared").arg(m_connectionPrefix));
            options.append(QStringLiteral("QSQLITE_OPEN_URI"));
        } else {
            db.setDatabaseName(m_url.filePath());
        }
        if (readOnly)
            options.append(QStringLiteral("QSQLITE_OPEN_READONLY"));
        db.setConnectOptions(options.join(u';'));
    } else {
        db.setHostName(m_url.host());
        db.setPort(m_url.port());
        db.setUserName(m_url.user());
        db.setPassword(m_url.password());
        db.setDatabaseName(m_url.database());
        // Never hang on an unreachable server.
        db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=stills"));
    }

    if (!db.open()) {
        const QString reason = db.lastError().text().trimmed();
        return Error::io(sqlite ? Tr::tr("Could not open the catalog %1: %2").arg(m_url.filePath(), reason)
                                : Tr::tr("Could not connect to the PostgreSQL catalog %1: %2")
                                      .arg(m_url.toDisplayString(), reason));
    }

    QStringList setup;
    if (sqlite) {
        setup << QStringLiteral("PRAGMA foreign_keys = ON")
              << QStringLiteral("PRAGMA synchronous = %1").arg(m_url.synchronous() == u"full" ? u"FULL" : u"NORMAL")
              << QStringLiteral("PRAGMA temp_store = MEMORY") << QStringLiteral("PRAGMA cache_size = -32768");
        if (!readOnly && !m_url.isInMemory())
            setup << QStringLiteral("PRAGMA journal_mode = WAL");
    } else {
        // Interactive queries (a page, facet counts) take milliseconds: starting parallel workers
        // for them costs more than it saves (a rare-tag page: 28 ms of worker start-up of 35; on a
        // 1M catalog every bench_curate figure was equal or better without them, facets included).
        setup << QStringLiteral("SET client_min_messages = warning")
              << QStringLiteral("SET max_parallel_workers_per_gather = 0");
        if (readOnly)
            setup << QStringLiteral("SET default_transaction_read_only = on");
    }
    for (const QString &statement : std::as_const(setup)) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            const QString reason = query.lastError().text().trimmed();
            db.close();
            // "file is not a database" and friends surface here, at the first statement.
            return Error::corrupt(Tr::tr("The catalog %1 could not be used: %2").arg(m_url.toDisplayString(), reason));
        }
    }
    return db;
}

Status Catalog::transaction(const std::function<Status(QSqlDatabase &)> &work) const
{
    auto dbResult = database();
    if (!dbResult)
        return dbResult.error();
    QSqlDatabase db = *dbResult;
    // SQLite: take the write lock at BEGIN, so two writers wait for each other (busy timeout)
    // instead of failing when a reader tries to upgrade.
    const QString begin = isSqlite() && !isReadOnly() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    if (auto begun = sql::exec(db, begin); !begun)
        return Error::database(Tr::tr("Could not start a catalog transaction: %1").arg(begun.error().message));
    Status result = work(db);
    if (result) {
        if (auto committed = sql::exec(db, QStringLiteral("COMMIT")); !committed) {
            (void)sql::exec(db, QStringLiteral("ROLLBACK"));
            return Error::database(Tr::tr("Could not save the change to the catalog: %1")
                                       .arg(committed.error().message));
        }
        return {};
    }
    if (auto rolledBack = sql::exec(db, QStringLiteral("ROLLBACK")); !rolledBack)
        qCWarning(lcCatalog) << "rollback failed:" << rolledBack.error().message;
    return result;
}

void Catalog::releaseThreadConnection() const
{
    const QString name = threadConnectionName();
    {
        QMutexLocker lock(&m_mutex);
        if (!m_connectionNames.removeOne(name))
            return;
    }
    sql::dropStatementCache(name);
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace stills
