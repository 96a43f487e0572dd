#include "cropcommands.h"

#include "catalog/croprepository.h"

#include <QCoreApplication>

namespace stills::commands {

namespace {

// Writes `crop` (its fields, not its id or version) into the slot's row, or a new row when the slot
// has none; the slot then holds the row's id and new version.
Result<CurationReport> write(const Catalog &catalog, const CropSlotPtr &slot, Crop crop)
{
    crop.id = slot->id();
    crop.version = slot->version();
    auto saved = CropRepository(catalog).save(crop);
    if (!saved)
        return saved.error();
    slot->set(*saved, crop.id == 0 ? 1 : crop.version + 1);
    CurationReport report;
    report.shots = 1;
    report.changed = 1;
    return report;
}

Result<CurationReport> erase(const Catalog &catalog, const CropSlotPtr &slot)
{
    if (auto removed = CropRepository(catalog).remove(slot->id()); !removed)
        return removed.error();
    slot->set(0, 0);
    CurationReport report;
    report.shots = 1;
    report.changed = 1;
    return report;
}

} // namespace

QUndoCommand *saveCrop(const CropSlotPtr &slot, const std::optional<Crop> &before, const Crop &after,
                       const QString &text, CatalogCommand::Runner run)
{
    return new CatalogCommand(
        text, [slot, after](const Catalog &catalog) { return write(catalog, slot, after); },
        [slot, before](const Catalog &catalog) {
            return before ? write(catalog, slot, *before) : erase(catalog, slot);
        },
        std::move(run));
}

QUndoCommand *deleteCrop(const CropSlotPtr &slot, const Crop &crop, CatalogCommand::Runner run)
{
    return new CatalogCommand(
        QCoreApplication::translate("CropCommands", "Delete Crop \"%1\"").arg(crop.name),
        [slot](const Catalog &catalog) { return erase(catalog, slot); },
        [slot, crop](const Catalog &catalog) { return write(catalog, slot, crop); }, std::move(run));
}

} // namespace stills::commands
