#include "buildinfo.h"

#include <QLibraryInfo>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <archive.h>
#include <exiv2/version.hpp>

namespace stills::buildinfo {

QString version()
{
    return QStringLiteral(STILLS_VERSION);
}

QString license()
{
    return QStringLiteral(STILLS_LICENSE);
}

QList<std::pair<QString, QString>> libraryVersions()
{
    QList<std::pair<QString, QString>> list;
    QString qt = QString::fromLatin1(qVersion());
    if (qt != QLatin1String(QT_VERSION_STR))
        qt += QStringLiteral(" (built with %1)").arg(QLatin1String(QT_VERSION_STR));
    list.append({QStringLiteral("Qt"), qt});
    list.append({QStringLiteral("Exiv2"), QString::fromStdString(Exiv2::versionString())});
    list.append({QStringLiteral("libarchive"), QString::fromLatin1(archive_version_details())});
    // SQLite's version comes from the driver in use, asked through a private in-memory connection.
    const QString name = QStringLiteral("stills-buildinfo");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("SELECT sqlite_version()")) && query.next())
                list.append({QStringLiteral("SQLite"), query.value(0).toString()});
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return list;
}

} // namespace stills::buildinfo
