#include "catalogurl.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

CatalogUrl CatalogUrl::sqlite(const QString &filePath)
{
    CatalogUrl url;
    url.m_dialect = Dialect::Sqlite;
    url.m_filePath = QDir::cleanPath(QFileInfo(filePath).absoluteFilePath());
    return url;
}

CatalogUrl CatalogUrl::sqliteInMemory()
{
    CatalogUrl url;
    url.m_inMemory = true;
    url.m_filePath = QStringLiteral(":memory:");
    return url;
}

Result<CatalogUrl> CatalogUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return Error::invalid(Tr::tr("The catalog location is empty."));

    if (text == u"sqlite::memory:" || text == u":memory:")
        return sqliteInMemory();

    if (text.startsWith(u"sqlite:")) {
        QString rest = text.mid(7);
        QString query;
        if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
            query = rest.mid(q + 1);
            rest = rest.left(q);
        }
        // sqlite:///abs/path -> /abs/path ; sqlite:relative/path -> relative/path
        if (rest.startsWith(u"//"))
            rest = rest.mid(2);
        rest = QUrl::fromPercentEncoding(rest.toUtf8());
        if (rest.isEmpty())
            return Error::invalid(Tr::tr("The SQLite catalog URL \"%1\" names no file.").arg(text));
        CatalogUrl url = sqlite(rest);
        const QUrlQuery params(query);
        for (const auto &[key, value] : params.queryItems(QUrl::FullyDecoded)) {
            if (key == u"synchronous") {
                const QString v = value.toLower();
                if (v != u"normal" && v != u"full")
                    return Error::invalid(
                        Tr::tr("synchronous must be \"normal\" or \"full\", not \"%1\".").arg(value));
                url.m_synchronous = v;
            } else {
                return Error::invalid(Tr::tr("Unknown SQLite catalog option \"%1\".").arg(key));
            }
        }
        return url;
    }

    if (text.startsWith(u"postgresql://") || text.startsWith(u"postgres://")) {
        const QUrl parsed(text, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty())
            return Error::invalid(
                Tr::tr("\"%1\" is not a valid PostgreSQL URL; expected postgresql://user@host:port/database.")
                    .arg(parsed.toDisplayString(QUrl::RemovePassword)));
        CatalogUrl url;
        url.m_dialect = Dialect::PostgreSql;
        url.m_host = parsed.host();
        url.m_port = parsed.port(5432);
        url.m_user = parsed.userName();
        url.m_password = parsed.password();
        url.m_database = parsed.path().mid(1);
        if (url.m_database.isEmpty())
            return Error::invalid(Tr::tr("The PostgreSQL URL \"%1\" names no database.")
                                      .arg(parsed.toDisplayString(QUrl::RemovePassword)));
        if (url.m_database.contains(u'/'))
            return Error::invalid(Tr::tr("The database name \"%1\" may not contain '/'.").arg(url.m_database));
        return url;
    }

    if (text.contains(u"://"))
        return Error::invalid(
            Tr::tr("Unknown catalog URL \"%1\": use sqlite:///path/catalog.db or postgresql://user@host/db.")
                .arg(text.section(QStringLiteral("://"), 0, 0) + QStringLiteral("://…")));

    // A plain path.
    return sqlite(text);
}

QString CatalogUrl::toDisplayString() const
{
    if (m_dialect == Dialect::Sqlite)
        return m_inMemory ? QStringLiteral("sqlite::memory:") : QStringLiteral("sqlite://") + m_filePath;
    QString s = QStringLiteral("postgresql://");
    if (!m_user.isEmpty())
        s += m_user + u'@';
    return s + m_host + u':' + QString::number(m_port) + u'/' + m_database;
}

QString CatalogUrl::toString() const
{
    if (m_dialect == Dialect::Sqlite) {
        if (m_inMemory)
            return QStringLiteral("sqlite::memory:");
        QString s = QStringLiteral("sqlite://") + QString::fromUtf8(QUrl::toPercentEncoding(m_filePath, "/"));
        if (m_synchronous != u"normal")
            s += QStringLiteral("?synchronous=") + m_synchronous;
        return s;
    }
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(m_host);
    url.setPort(m_port);
    url.setUserName(m_user);
    url.setPassword(m_password);
    url.setPath(u'/' + m_database);
    return url.toString();
}

} // namespace stills
