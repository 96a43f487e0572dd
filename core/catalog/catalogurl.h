#pragma once

#include "common/result.h"

#include <QString>

namespace stills {

// Where a catalog lives: `sqlite:///abs/path/catalog.db`, `sqlite::memory:`,
// `postgresql://user:password@host:port/database`. A bare file path is taken as SQLite.
// SQLite accepts `?synchronous=full` (durability tests) in the query.
class CatalogUrl
{
public:
    enum class Dialect { Sqlite, PostgreSql };

    static Result<CatalogUrl> parse(const QString &text);
    static CatalogUrl sqlite(const QString &filePath);
    static CatalogUrl sqliteInMemory();

    Dialect dialect() const { return m_dialect; }
    bool isSqlite() const { return m_dialect == Dialect::Sqlite; }
    bool isInMemory() const { return m_inMemory; }

    QString filePath() const { return m_filePath; } // SQLite only
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    QString database() const { return m_database; }
    QString synchronous() const { return m_synchronous; } // SQLite: "normal" (default) or "full"

    // For messages and logs; never contains the password.
    QString toDisplayString() const;
    // Round-trippable through parse(), password included.
    QString toString() const;

private:
    Dialect m_dialect = Dialect::Sqlite;
    bool m_inMemory = false;
    QString m_filePath;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_database;
    QString m_synchronous = QStringLiteral("normal");
};

} // namespace stills
