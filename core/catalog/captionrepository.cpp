#include "captionrepository.h"

#include "sqlhelpers.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSqlQuery>

namespace {

// This file's texts, under the context "Catalog" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Catalog)
};

} // namespace

namespace stills {

namespace {

const QString kColumns = QStringLiteral(
    "id, shot_id, text, source, model, prompt, parameters, edited_by_hand, is_current, created_ms");

Caption fromRow(const QSqlQuery &q)
{
    Caption c;
    c.id = q.value(0).toLongLong();
    c.shotId = q.value(1).toLongLong();
    c.text = q.value(2).toString();
    c.source = q.value(3).toString();
    c.model = q.value(4).toString();
    c.prompt = q.value(5).toString();
    c.parameters = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    c.editedByHand = q.value(7).toInt() != 0;
    c.current = q.value(8).toInt() != 0;
    c.createdMs = q.value(9).toLongLong();
    return c;
}

} // namespace

Result<qint64> CaptionRepository::add(const Caption &caption)
{
    qint64 id = 0;
    Status done = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (auto cleared = sql::exec(db, QStringLiteral("UPDATE captions SET is_current = 0 WHERE shot_id = ? AND is_current = 1"),
                                     {caption.shotId});
            !cleared)
            return cleared;
        const QString source = caption.source.isEmpty() ? QStringLiteral("manual") : caption.source;
        auto inserted = sql::insert(
            db,
            QStringLiteral("INSERT INTO captions (shot_id, text, source, model, prompt, parameters, edited_by_hand, "
                           "is_current, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)"),
            {caption.shotId, caption.text, source, caption.model, caption.prompt,
             QString::fromUtf8(QJsonDocument(caption.parameters).toJson(QJsonDocument::Compact)),
             (caption.editedByHand || source == u"manual") ? 1 : 0,
             caption.createdMs ? caption.createdMs : sql::nowMs()});
        if (!inserted)
            return inserted.error();
        id = *inserted;
        return {};
    });
    if (!done)
        return done.error();
    return id;
}

Result<std::optional<Caption>> CaptionRepository::current(qint64 shotId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db, QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM captions WHERE shot_id = ? AND is_current = 1"),
                      {shotId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<Caption>{};
    return std::optional<Caption>{fromRow(*q)};
}

Result<QList<Caption>> CaptionRepository::history(qint64 shotId)
{
    auto db = m_catalog.database();
    if (!db)
        return db.error();
    auto q = sql::run(*db,
                      QStringLiteral("SELECT ") + kColumns
                          + QStringLiteral(" FROM captions WHERE shot_id = ? ORDER BY created_ms DESC, id DESC"),
                      {shotId});
    if (!q)
        return q.error();
    QList<Caption> list;
    while (q->next())
        list.append(fromRow(*q));
    return list;
}

Status CaptionRepository::makeCurrent(qint64 captionId)
{
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        auto shot = sql::scalar(db, QStringLiteral("SELECT shot_id FROM captions WHERE id = ?"), {captionId});
        if (!shot)
            return shot.error().code == Error::Code::NotFound
                ? Error::notFound(Tr::tr("There is no caption version %1.").arg(captionId))
                : shot.error();
        if (auto cleared = sql::exec(db, QStringLiteral("UPDATE captions SET is_current = 0 WHERE shot_id = ? AND is_current = 1"),
                                     {*shot});
            !cleared)
            return cleared;
        return sql::exec(db, QStringLiteral("UPDATE captions SET is_current = 1 WHERE id = ?"), {captionId});
    });
}

Status CaptionRepository::clearCurrent(qint64 shotId)
{
    return m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        return sql::exec(db, QStringLiteral("UPDATE captions SET is_current = 0 WHERE shot_id = ? AND is_current = 1"),
                         {shotId});
    });
}

} // namespace stills
