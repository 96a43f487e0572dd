#pragma once

#include "catalog/catalog.h"
#include "common/result.h"

#include <QAbstractListModel>
#include <QList>
#include <QThreadPool>

namespace stills {

// The left pane: row 0 is "Library" (all shots), then every photoset by name, each with its shot
// count. Small by nature (one row per photoset), so it is read whole.
//
// Thread contract: lives on the GUI thread; the catalog is read on the model's own single-thread
// pool (its own connection) and the rows come back queued; a reply to an older refresh() is
// dropped. Errors: errorOccurred() with a sentence for the user; the rows shown stay as they were.
class PhotosetListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Roles {
        PhotosetIdRole = Qt::UserRole + 1, // qint64; 0 for the Library row
        CountRole, // qint64 shot count
        NameRole,
    };

    explicit PhotosetListModel(CatalogPtr catalog, QObject *parent = nullptr); // starts a refresh()
    ~PhotosetListModel() override; // waits for its pool, releases the pool thread's connection

    // Reads the photosets and counts again. When the same photosets come back (only counts or
    // names changed) the rows are updated in place, so selections survive an import.
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override; // DisplayRole = name
    QHash<int, QByteArray> roleNames() const override;

    int rowOfPhotoset(qint64 photosetId) const; // -1 when unknown; 0 is the Library row
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void refreshed(); // the rows reflect the catalog as of the last refresh()
    void errorOccurred(const QString &message);

private:
    struct Row {
        qint64 id = 0;
        QString name;
        qint64 count = 0;
    };
    static Result<QList<Row>> query(const Catalog &catalog);
    void onLoaded(Result<QList<Row>> rows);

    CatalogPtr m_catalog;
    QThreadPool m_pool;
    QList<Row> m_rows;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace stills
