#include "captioncommands.h"

#include "catalog/captionrepository.h"

#include <QCoreApplication>

namespace stills::captioncommands {

namespace {

// This file's texts (context "CaptionCommands").
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(CaptionCommands)
};

Caption typed(qint64 shotId, const QString &text)
{
    Caption caption;
    caption.shotId = shotId;
    caption.text = text;
    caption.source = QStringLiteral("manual");
    caption.editedByHand = true;
    return caption;
}

// Puts `captionId` back as the shot's current caption; 0 = the shot had none.
Status putBack(CaptionRepository &captions, qint64 shotId, qint64 captionId)
{
    return captionId > 0 ? captions.makeCurrent(captionId) : captions.clearCurrent(shotId);
}

// Makes `to` the shot's current caption (0: none) only while the current one is still `expected`,
// what this edit left. A shot whose current caption changed since (typed elsewhere, a caption run,
// another user) keeps it: counted in report.conflicts, never overwritten.
Status switchIfStill(CaptionRepository &captions, qint64 shotId, qint64 expected, qint64 to, CurationReport &report)
{
    ++report.shots;
    auto current = captions.current(shotId);
    if (!current)
        return current.error();
    const qint64 now = current->has_value() ? (*current)->id : 0;
    if (now == to)
        return {};
    if (now != expected) {
        ++report.conflicts;
        return {};
    }
    if (auto put = putBack(captions, shotId, to); !put)
        return put;
    ++report.changed;
    return {};
}

Result<CurationReport> switched(CaptionRepository &captions, qint64 shotId, qint64 expected, qint64 to)
{
    CurationReport report;
    if (auto done = switchIfStill(captions, shotId, expected, to, report); !done)
        return done.error();
    return report;
}

Result<CurationReport> changedOne(const Status &status)
{
    if (!status)
        return status.error();
    CurationReport report;
    report.shots = 1;
    report.changed = 1;
    return report;
}

} // namespace

QUndoCommand *editCaption(qint64 shotId, const QString &text, qint64 previousCurrent, Runner run)
{
    auto stored = std::make_shared<qint64>(0); // the version the first redo stored
    return new CatalogCommand(Tr::tr("Edit Caption"),
        [=](const Catalog &catalog) -> Result<CurationReport> {
            CaptionRepository captions(catalog);
            if (*stored > 0)
                return switched(captions, shotId, previousCurrent, *stored);
            auto id = captions.add(typed(shotId, text));
            if (!id)
                return id.error();
            *stored = *id;
            return changedOne({});
        },
        [=](const Catalog &catalog) -> Result<CurationReport> {
            CaptionRepository captions(catalog);
            return switched(captions, shotId, *stored, previousCurrent);
        },
        std::move(run));
}

QUndoCommand *restoreCaption(qint64 shotId, qint64 captionId, qint64 previousCurrent, Runner run)
{
    return new CatalogCommand(Tr::tr("Restore Caption"),
        [=](const Catalog &catalog) -> Result<CurationReport> {
            CaptionRepository captions(catalog);
            return switched(captions, shotId, previousCurrent, captionId);
        },
        [=](const Catalog &catalog) -> Result<CurationReport> {
            CaptionRepository captions(catalog);
            return switched(captions, shotId, captionId, previousCurrent);
        },
        std::move(run));
}

QUndoCommand *replaceInCaptions(const QList<qint64> &shotIds, const QString &find, const QString &replace,
                                Qt::CaseSensitivity sensitivity, Runner run, std::shared_ptr<ReplaceOutcome> outcome)
{
    struct Change {
        qint64 shotId = 0;
        qint64 before = 0; // the version that was current
        qint64 after = 0;  // the version the first redo stored
    };
    auto changes = std::make_shared<QList<Change>>();
    auto done = std::make_shared<bool>(false);
    if (!outcome)
        outcome = std::make_shared<ReplaceOutcome>();
    //: %1 the text searched for
    const QString text = Tr::tr("Replace \"%1\" in Captions").arg(find);
    return new CatalogCommand(text,
        [=](const Catalog &catalog) -> Result<CurationReport> {
            CaptionRepository captions(catalog);
            CurationReport report;
            report.shots = shotIds.size();
            if (*done) {
                report.shots = 0;
                for (const Change &change : *changes) {
                    if (auto made = switchIfStill(captions, change.shotId, change.before, change.after, report); !made)
                        return made.error();
                }
                return report;
            }
            // A failure part way leaves the versions stored so far recorded, so undo puts them back.
            *done = true;
            for (qint64 shotId : shotIds) {
                auto current = captions.current(shotId);
                if (!current)
                    return current.error();
                if (!current->has_value())
                    continue;
                ++outcome->looked;
                const Caption &before = **current;
                if (find.isEmpty() || !before.text.contains(find, sensitivity))
                    continue;
                QString after = before.text;
                after.replace(find, replace, sensitivity);
                if (after == before.text)
                    continue;
                auto id = captions.add(typed(shotId, after));
                if (!id)
                    return id.error();
                changes->append({shotId, before.id, *id});
                ++outcome->changed;
            }
            report.changed = changes->size();
            return report;
        },
        [=](const Catalog &catalog) -> Result<CurationReport> {
            CaptionRepository captions(catalog);
            CurationReport report;
            for (const Change &change : *changes) {
                if (auto put = switchIfStill(captions, change.shotId, change.after, change.before, report); !put)
                    return put.error();
            }
            return report;
        },
        std::move(run));
}

} // namespace stills::captioncommands
