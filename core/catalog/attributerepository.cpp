#include "attributerepository.h"

#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

Result<QByteArray> vocabularyBytes()
{
    QFile file(AttributeRepository::vocabularyResource());
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(Tr::tr("The attribute vocabulary is missing from the program."));
    return file.readAll();
}

} // namespace

Result<QList<Attribute>> AttributeRepository::builtinVocabulary()
{
    auto bytes = vocabularyBytes();
    if (!bytes)
        return bytes.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (doc.isNull())
        return Error::corrupt(Tr::tr("The attribute vocabulary is not valid JSON: %1").arg(parseError.errorString()));
    QList<Attribute> attributes;
    const QJsonArray list = doc.object().value(u"attributes").toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject o = value.toObject();
        Attribute a;
        a.key = o.value(u"key").toString();
        a.label = o.value(u"label").toString();
        a.multiValued = o.value(u"multiValued").toBool();
        const QJsonArray options = o.value(u"options").toArray();
        for (const QJsonValue &option : options) {
            const QJsonObject oo = option.toObject();
            a.options.append({0, oo.value(u"value").toString(), oo.value(u"label").toString()});
        }
        if (a.key.isEmpty() || a.options.isEmpty())
            return Error::corrupt(Tr::tr("The attribute vocabulary has an attribute without key or options."));
        attributes.append(a);
    }
    return attributes;
}

Status AttributeRepository::syncVocabulary()
{
    auto bytes = vocabularyBytes();
    if (!bytes)
        return bytes.error();
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(*bytes, QCryptographicHash::Sha1).toHex());
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    {
        auto q = sql::run(*db, QStringLiteral("SELECT value FROM catalog_info WHERE key = 'vocabulary_hash'"));
        if (!q)
            return q.error();
        if (q->next() && q->value(0).toString() == hash)
            return {};
    }
    auto vocabulary = builtinVocabulary();
    if (!vocabulary)
        return vocabulary.error();

    return m_catalog.transaction([&](QSqlDatabase &tx) -> Status {
        int position = 0;
        for (const Attribute &a : std::as_const(*vocabulary)) {
            ++position;
            auto upsert = sql::exec(tx,
                                    QStringLiteral("INSERT INTO attributes (key, label, multi_valued, position) VALUES (?, ?, ?, ?) "
                                                   "ON CONFLICT (key) DO UPDATE SET label = excluded.label, "
                                                   "multi_valued = excluded.multi_valued, position = excluded.position"),
                                    {a.key, a.label, a.multiValued ? 1 : 0, position});
            if (!upsert)
                return upsert;
            auto id = sql::scalar(tx, QStringLiteral("SELECT id FROM attributes WHERE key = ?"), {a.key});
            if (!id)
                return id.error();
            int optionPosition = 0;
            for (const AttributeOption &o : a.options) {
                ++optionPosition;
                auto done = sql::exec(tx,
                                      QStringLiteral("INSERT INTO attribute_options (attribute_id, value, label, position) "
                                                     "VALUES (?, ?, ?, ?) ON CONFLICT (attribute_id, value) DO UPDATE "
                                                     "SET label = excluded.label, position = excluded.position"),
                                      {*id, o.value, o.label, optionPosition});
                if (!done)
                    return done;
            }
        }
        auto del = sql::exec(tx, QStringLiteral("DELETE FROM catalog_info WHERE key = 'vocabulary_hash'"));
        if (!del)
            return del;
        return sql::exec(tx, QStringLiteral("INSERT INTO catalog_info (key, value) VALUES ('vocabulary_hash', ?)"), {hash});
    });
}

Result<QList<Attribute>> AttributeRepository::all()
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT a.id, a.key, a.label, a.multi_valued, o.id, o.value, o.label "
                                          "FROM attributes a JOIN attribute_options o ON o.attribute_id = a.id "
                                          "ORDER BY a.position, a.id, o.position, o.id"));
    if (!q)
        return q.error();
    QList<Attribute> attributes;
    while (q->next()) {
        const qint64 id = q->value(0).toLongLong();
        if (attributes.isEmpty() || attributes.constLast().id != id) {
            Attribute a;
            a.id = id;
            a.key = q->value(1).toString();
            a.label = q->value(2).toString();
            a.multiValued = q->value(3).toInt() != 0;
            attributes.append(a);
        }
        attributes.last().options.append({q->value(4).toLongLong(), q->value(5).toString(), q->value(6).toString()});
    }
    return attributes;
}

Status AttributeRepository::setShotValues(qint64 shotId, const QString &attributeKey, const QStringList &values)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto attr = sql::run(*db, QStringLiteral("SELECT id, multi_valued, label FROM attributes WHERE key = ?"), {attributeKey});
    if (!attr)
        return attr.error();
    if (!attr->next())
        return Error::invalid(Tr::tr("There is no attribute \"%1\".").arg(attributeKey));
    const qint64 attributeId = attr->value(0).toLongLong();
    const bool multi = attr->value(1).toInt() != 0;
    const QString label = attr->value(2).toString();
    attr->finish();
    if (!multi && values.size() > 1)
        return Error::invalid(Tr::tr("%1 takes one value, not %2.").arg(label).arg(values.size()));

    QList<qint64> optionIds;
    for (const QString &value : values) {
        auto q = sql::run(*db, QStringLiteral("SELECT id FROM attribute_options WHERE attribute_id = ? AND value = ?"),
                          {attributeId, value});
        if (!q)
            return q.error();
        if (!q->next())
            return Error::invalid(Tr::tr("\"%1\" is not a value of %2.").arg(value, label));
        optionIds.append(q->value(0).toLongLong());
    }
    auto cleared = sql::exec(*db,
                             QStringLiteral("DELETE FROM shot_attributes WHERE shot_id = ? AND option_id IN "
                                            "(SELECT id FROM attribute_options WHERE attribute_id = ?)"),
                             {shotId, attributeId});
    if (!cleared)
        return cleared;
    for (qint64 optionId : std::as_const(optionIds)) {
        if (auto done = sql::exec(*db, QStringLiteral("INSERT INTO shot_attributes (shot_id, option_id) VALUES (?, ?) "
                                                      "ON CONFLICT (shot_id, option_id) DO NOTHING"),
                                  {shotId, optionId});
            !done)
            return done;
    }
    return {};
}

Result<QHash<QString, QStringList>> AttributeRepository::valuesOfShot(qint64 shotId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT a.key, o.value FROM shot_attributes sa "
                                          "JOIN attribute_options o ON o.id = sa.option_id "
                                          "JOIN attributes a ON a.id = o.attribute_id "
                                          "WHERE sa.shot_id = ? ORDER BY a.position, o.position"),
                      {shotId});
    if (!q)
        return q.error();
    QHash<QString, QStringList> values;
    while (q->next())
        values[q->value(0).toString()].append(q->value(1).toString());
    return values;
}

} // namespace stills
