#pragma once

#include "catalog/catalog.h"
#include "domain/shot.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>

namespace stills {

struct SidecarData;

// What a batch edit did.
struct CurationReport {
    qint64 shots = 0;   // shots the edit was asked for
    qint64 changed = 0; // shots whose catalog data actually changed
    qint64 sidecarsWritten = 0;
    // Sidecars that could not be written (read-only folder, full disk, a foreign sidecar that
    // cannot be parsed), with the reason. The catalog edit stands; the sidecar is "not yet written".
    QList<std::pair<QString, QString>> sidecarFailures;
    // Shots left alone because someone else changed them since (see Curator::putBack).
    qint64 conflicts = 0;

    // Adds the outcome of another batch of the same edit (an undo done in several batches).
    void add(const CurationReport &other)
    {
        shots += other.shots;
        changed += other.changed;
        sidecarsWritten += other.sidecarsWritten;
        sidecarFailures += other.sidecarFailures;
        conflicts += other.conflicts;
    }
};

// Edits a curator makes over a selection — tags, rating, flag, colour label, attribute values —
// each batch in one transaction, then the XMP sidecars of the changed shots rewritten from the
// catalog (the same path for the window and the command line).
//
// Thread contract: blocks the calling thread (a worker or the command line); uses the calling
// thread's catalog connection. Sidecars are written after the commit; their failures are reported,
// never silent.
class Curator
{
public:
    explicit Curator(const Catalog &catalog) : m_catalog(catalog) {}

    void setWriteSidecars(bool on) { m_writeSidecars = on; }

    Result<CurationReport> tag(const QList<qint64> &shotIds, const QStringList &add, const QStringList &remove);
    Result<CurationReport> rate(const QList<qint64> &shotIds, int rating);
    Result<CurationReport> flag(const QList<qint64> &shotIds, Shot::Flag flag);
    Result<CurationReport> label(const QList<qint64> &shotIds, int colorLabel);
    // Replaces the values of one attribute (option values of the vocabulary) on every shot.
    Result<CurationReport> setAttribute(const QList<qint64> &shotIds, const QString &attributeKey,
                                        const QStringList &values);

    // Undo of a rating ("rating"), flag ("flag") or colour label ("label") edit: sets `value` only
    // on the shots that still hold `expected` (what the edit set). A shot someone else changed
    // since keeps their value and is counted in CurationReport::conflicts: never overwritten.
    Result<CurationReport> putBack(const QString &field, const QList<qint64> &shotIds, int value, int expected);

    // Undo of an attribute edit: gives the shots `value` back only where the attribute still holds
    // `expected` (what the edit set, compared as a set). A shot someone else changed since keeps
    // their values and is counted in CurationReport::conflicts.
    Result<CurationReport> putBackAttribute(const QList<qint64> &shotIds, const QString &attributeKey,
                                            const QStringList &value, const QStringList &expected);

    // For undo of a tag edit: each shot's whole tag set as one comparable value (tag ids, sorted).
    // Shots without tags map to an empty string.
    Result<QHash<qint64, QString>> tagStates(const QList<qint64> &shotIds);
    // Undo of a tag edit: adds `add` (tag path -> shots) and removes `remove` (tag path -> shots),
    // but only on shots whose tag set is still `expected` (tagStates right after the edit). A shot
    // whose tags someone else changed since is left alone and counted in CurationReport::conflicts.
    Result<CurationReport> putBackTags(const QHash<qint64, QString> &expected, const QHash<QString, QList<qint64>> &add,
                                       const QHash<QString, QList<qint64>> &remove);

    // Rewrites the sidecars of `shotIds` from the catalog; failures go into `report`.
    Status writeSidecars(const QList<qint64> &shotIds, CurationReport &report);

    // For undo: those of `shotIds` that carry the tag `path` itself (not only a descendant); an
    // unknown path gives an empty list.
    Result<QList<qint64>> shotsWithTag(const QList<qint64> &shotIds, const QString &path);
    // For undo: each shot's values of one attribute (shots without a value are absent).
    Result<QHash<qint64, QStringList>> attributeValues(const QList<qint64> &shotIds, const QString &attributeKey);

    // The sidecar content of one shot as the catalog has it.
    Result<SidecarData> sidecarData(qint64 shotId);

    static QString labelName(int colorLabel); // 1 → "Red" … 5 → "Purple", 0 → ""

private:
    // Adds and removes tags on `shotIds` inside the caller's transaction and search batch; the shots
    // whose tags changed go into `changed` and `touched`.
    Status applyTags(QSqlDatabase &db, const QList<qint64> &shotIds, const QStringList &add, const QStringList &remove,
                     QSet<qint64> &changed, QList<qint64> &touched);
    Result<QHash<qint64, QString>> tagStates(const QSqlDatabase &db, const QList<qint64> &shotIds);
    // A committed tag batch: counts the shots that changed and rewrites their sidecars.
    Result<CurationReport> afterTagging(const QSet<qint64> &changed, CurationReport report);

    Result<CurationReport> updateColumn(const QList<qint64> &shotIds, const QString &column, int value,
                                        std::optional<int> expected = std::nullopt);

    const Catalog &m_catalog;
    bool m_writeSidecars = true;
};

} // namespace stills
