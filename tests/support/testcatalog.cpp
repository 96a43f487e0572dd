#include "testcatalog.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace stills::test {

namespace {

// Runs `statement` on a short-lived connection to `url` (PostgreSQL) or `path` (SQLite).
bool runOn(const CatalogUrl &url, const QString &statement, QString *error)
{
    const QString name = QStringLiteral("raw-") + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(url.isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
        if (url.isSqlite()) {
            db.setDatabaseName(url.filePath());
        } else {
            db.setHostName(url.host());
            db.setPort(url.port());
            db.setUserName(url.user());
            db.setPassword(url.password());
            db.setDatabaseName(url.database());
        }
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(statement);
            if (!ok && error)
                *error = q.lastError().text();
        } else if (error) {
            *error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

bool usingPostgres()
{
    return qEnvironmentVariable("STILLS_TEST_BACKEND") == u"postgresql";
}

ScratchCatalog::ScratchCatalog()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return;
    }
    if (!usingPostgres()) {
        m_url = CatalogUrl::sqlite(m_dir.filePath(QStringLiteral("catalog.db")));
        return;
    }
    QFile file(qEnvironmentVariable("STILLS_TEST_PG_URL_FILE"));
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("STILLS_TEST_BACKEND=postgresql but no cluster URL in %1 (the pg_start fixture did not run?)")
                      .arg(file.fileName());
        return;
    }
    m_adminUrl = QString::fromUtf8(file.readAll()).trimmed();
    auto admin = CatalogUrl::parse(m_adminUrl);
    if (!admin) {
        m_error = admin.error().message;
        return;
    }
    m_database = QStringLiteral("stills_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    if (!runOn(*admin, QStringLiteral("CREATE DATABASE ") + m_database, &m_error))
        return;
    m_error.clear();
    auto url = CatalogUrl::parse(QStringLiteral("postgresql://%1@%2:%3/%4")
                                     .arg(admin->user(), admin->host())
                                     .arg(admin->port())
                                     .arg(m_database));
    if (!url) {
        m_error = url.error().message;
        return;
    }
    m_url = *url;
}

ScratchCatalog::~ScratchCatalog()
{
    if (m_database.isEmpty())
        return;
    auto admin = CatalogUrl::parse(m_adminUrl);
    if (admin)
        runOn(*admin, QStringLiteral("DROP DATABASE IF EXISTS ") + m_database + QStringLiteral(" WITH (FORCE)"), nullptr);
}

bool ScratchCatalog::execRaw(const QString &statement, QString *error) const
{
    return runOn(m_url, statement, error);
}

} // namespace stills::test
