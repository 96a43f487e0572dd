#pragma once

#include "catalog/catalogurl.h"

#include <QString>
#include <QTemporaryDir>

namespace stills::test {

// The backend a BACKENDS test runs against: STILLS_TEST_BACKEND = sqlite (default) | postgresql.
bool usingPostgres();

// A fresh, empty catalog location for one test: a file in a temporary folder (SQLite), or a new
// database on the test run's PostgreSQL cluster (dropped again by the destructor).
// A PostgreSQL run without a cluster is an error, never a silent skip.
class ScratchCatalog
{
public:
    ScratchCatalog();
    ~ScratchCatalog();
    ScratchCatalog(const ScratchCatalog &) = delete;
    ScratchCatalog &operator=(const ScratchCatalog &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    const CatalogUrl &url() const { return m_url; }
    QString folder() const { return m_dir.path(); }

    // Runs one statement outside Stills (to tamper with a catalog in a test).
    bool execRaw(const QString &statement, QString *error = nullptr) const;

private:
    QTemporaryDir m_dir;
    CatalogUrl m_url;
    QString m_adminUrl;
    QString m_database;
    QString m_error;
};

} // namespace stills::test
