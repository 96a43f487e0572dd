#include "thumbnaildiskcache.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace stills {

namespace {

QString thumbnailRoot(const QString &cacheFolder)
{
    return QDir(cacheFolder).filePath(QStringLiteral("thumbnails"));
}

struct Item {
    QString path;
    qint64 size = 0;
    QDateTime modified;
};

QList<Item> listThumbnails(const QString &cacheFolder)
{
    QList<Item> items;
    QDirIterator it(thumbnailRoot(cacheFolder), QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        items.append({info.filePath(), info.size(), info.lastModified()});
    }
    return items;
}

} // namespace

ThumbnailDiskCache::Usage ThumbnailDiskCache::usage(const QString &cacheFolder)
{
    Usage usage;
    for (const Item &item : listThumbnails(cacheFolder)) {
        ++usage.files;
        usage.bytes += item.size;
    }
    return usage;
}

Result<ThumbnailDiskCache::Usage> ThumbnailDiskCache::trim(const QString &cacheFolder, qint64 limitBytes)
{
    Usage removed;
    if (limitBytes <= 0)
        return removed;
    QList<Item> items = listThumbnails(cacheFolder);
    qint64 total = 0;
    for (const Item &item : std::as_const(items))
        total += item.size;
    if (total <= limitBytes)
        return removed;
    std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) { return a.modified < b.modified; });
    for (const Item &item : std::as_const(items)) {
        if (total <= limitBytes)
            break;
        if (!QFile::remove(item.path) && QFileInfo::exists(item.path))
            return Error::io(QCoreApplication::translate("ThumbnailDiskCache", "Could not remove the thumbnail %1.")
                                 .arg(item.path));
        total -= item.size;
        ++removed.files;
        removed.bytes += item.size;
    }
    return removed;
}

Result<ThumbnailDiskCache::Usage> ThumbnailDiskCache::clear(const QString &cacheFolder)
{
    const Usage before = usage(cacheFolder);
    QDir root(thumbnailRoot(cacheFolder));
    if (root.exists() && !root.removeRecursively())
        return Error::io(QCoreApplication::translate("ThumbnailDiskCache", "Could not remove all of %1.")
                             .arg(root.path()));
    return before;
}

} // namespace stills
