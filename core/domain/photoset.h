#pragma once

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace stills {

// A collection of shots: a film, a shoot, an imported folder or archive.
struct Photoset {
    enum class Kind { Manual, Folder, Archive };

    qint64 id = 0;
    QString name;
    Kind kind = Kind::Manual;
    QString sourcePath; // the folder or archive it was imported from; empty for manual sets
    QString title;
    int year = 0; // 0 when unknown
    QDate date;
    QString sourceUrl;
    QString description;
    QStringList people;
    QJsonObject extra; // keys from imported metadata that Stills has no column for
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    int version = 1;
    qint64 shotCount = 0; // filled by listings, not stored

    static QString kindName(Kind k);
    static Kind kindFromName(const QString &name);
};

} // namespace stills
