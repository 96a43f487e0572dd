#include "photosetlistmodel.h"

#include "catalog/photosetrepository.h"
#include "catalog/sqlhelpers.h"

namespace stills {

PhotosetListModel::PhotosetListModel(CatalogPtr catalog, QObject *parent)
    : QAbstractListModel(parent)
    , m_catalog(std::move(catalog))
{
    // One thread that never expires: the catalog connection belongs to it for the model's life.
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_pool.setObjectName(QStringLiteral("PhotosetListModel"));
    refresh();
}

PhotosetListModel::~PhotosetListModel()
{
    m_pool.clear();
    const CatalogPtr catalog = m_catalog;
    m_pool.start([catalog] { catalog->releaseThreadConnection(); });
    m_pool.waitForDone();
}

Result<QList<PhotosetListModel::Row>> PhotosetListModel::query(const Catalog &catalog)
{
    auto db = catalog.database();
    if (!db)
        return db.error();
    auto total = sql::scalar(*db, QStringLiteral("SELECT COUNT(*) FROM shots"));
    if (!total)
        return Error::database(
            tr("Could not count the shots of the library: %1").arg(total.error().message));
    auto sets = PhotosetRepository(catalog).list();
    if (!sets)
        return Error::database(tr("Could not read the photosets: %1").arg(sets.error().message));
    QList<Row> rows;
    rows.reserve(sets->size() + 1);
    rows.append(Row { 0, tr("Library"), *total });
    for (const Photoset &set : std::as_const(*sets))
        rows.append(Row { set.id, set.name, set.shotCount });
    return rows;
}

void PhotosetListModel::refresh()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    const CatalogPtr catalog = m_catalog;
    // The destructor waits for the pool, so `this` outlives the task; a reply posted but not yet
    // delivered is dropped with the object.
    m_pool.start([this, catalog, generation] {
        auto rows = query(*catalog);
        QMetaObject::invokeMethod(
            this,
            [this, generation, rows = std::move(rows)]() mutable {
                if (generation == m_generation)
                    onLoaded(std::move(rows));
            },
            Qt::QueuedConnection);
    });
}

void PhotosetListModel::onLoaded(Result<QList<Row>> rows)
{
    m_loading = false;
    if (!rows) {
        Q_EMIT errorOccurred(rows.error().message);
        return;
    }
    bool sameIds = rows->size() == m_rows.size();
    for (qsizetype i = 0; sameIds && i < m_rows.size(); ++i)
        sameIds = rows->at(i).id == m_rows.at(i).id;
    if (sameIds) {
        m_rows = std::move(*rows);
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
    } else {
        beginResetModel();
        m_rows = std::move(*rows);
        endResetModel();
    }
    Q_EMIT refreshed();
}

int PhotosetListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PhotosetListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row.name;
    case PhotosetIdRole:
        return row.id;
    case CountRole:
        return row.count;
    default:
        return {};
    }
}

QHash<int, QByteArray> PhotosetListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(PhotosetIdRole, QByteArrayLiteral("photosetId"));
    names.insert(CountRole, QByteArrayLiteral("count"));
    names.insert(NameRole, QByteArrayLiteral("name"));
    return names;
}

int PhotosetListModel::rowOfPhotoset(qint64 photosetId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == photosetId)
            return int(i);
    }
    return -1;
}

} // namespace stills
