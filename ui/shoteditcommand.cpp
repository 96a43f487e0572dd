#include "shoteditcommand.h"

#include "common/settings.h"
#include "curating/curator.h"

#include <QCoreApplication>

namespace stills {

ShotEditCommand::ShotEditCommand(CatalogPtr catalog, Field field, int value, QHash<qint64, int> before, Runner run)
    : m_catalog(std::move(catalog))
    , m_field(field)
    , m_value(value)
    , m_before(std::move(before))
    , m_run(std::move(run))
{
    setText(describe(field, value, m_before.size()));
}

QString ShotEditCommand::describe(Field field, int value, qsizetype count)
{
    const QString what = [&] {
        switch (field) {
        case Field::Rating:
            return value == 0 ? QCoreApplication::translate("ShotEditCommand", "Clear Rating")
                  : value == 1 ? QCoreApplication::translate("ShotEditCommand", "Rate 1 Star")
                               : QCoreApplication::translate("ShotEditCommand", "Rate %1 Stars").arg(value);
        case Field::Flag:
            return value > 0   ? QCoreApplication::translate("ShotEditCommand", "Flag as Pick")
                   : value < 0 ? QCoreApplication::translate("ShotEditCommand", "Flag as Rejected")
                               : QCoreApplication::translate("ShotEditCommand", "Remove Flag");
        case Field::Label:
            return value == 0 ? QCoreApplication::translate("ShotEditCommand", "Remove Colour Label")
                              : QCoreApplication::translate("ShotEditCommand", "Label %1").arg(Curator::labelName(value));
        }
        return QString();
    }();
    return count > 1 ? QCoreApplication::translate("ShotEditCommand", "%1 (%2 shots)").arg(what).arg(count)
                     : what;
}

Result<CurationReport> ShotEditCommand::apply(const Catalog &catalog, Field field, const QList<qint64> &ids, int value)
{
    Curator curator(catalog);
    curator.setWriteSidecars(Settings::load().writeSidecars); // Preferences may have changed it
    switch (field) {
    case Field::Rating: return curator.rate(ids, value);
    case Field::Flag: return curator.flag(ids, static_cast<Shot::Flag>(value));
    case Field::Label: return curator.label(ids, value);
    }
    return Error::invalid(QCoreApplication::translate("ShotEditCommand", "Unknown edit."));
}

void ShotEditCommand::redo()
{
    const QList<qint64> ids = m_before.keys();
    const Field field = m_field;
    const int value = m_value;
    m_run([ids, field, value](const Catalog &catalog) { return apply(catalog, field, ids, value); });
}

void ShotEditCommand::undo()
{
    // Put back each shot's own value: one batch per distinct earlier value, and only on shots that
    // still hold what this edit set (someone else's later change is kept and counted).
    QHash<int, QList<qint64>> byValue;
    for (auto it = m_before.cbegin(); it != m_before.cend(); ++it)
        byValue[it.value()].append(it.key());
    const Field field = m_field;
    const int setValue = m_value;
    m_run([byValue, field, setValue](const Catalog &catalog) -> Result<CurationReport> {
        Curator curator(catalog);
        curator.setWriteSidecars(Settings::load().writeSidecars);
        const QString name = field == Field::Rating ? QStringLiteral("rating")
            : field == Field::Flag                  ? QStringLiteral("flag")
                                                    : QStringLiteral("label");
        CurationReport total;
        for (auto it = byValue.cbegin(); it != byValue.cend(); ++it) {
            auto one = curator.putBack(name, it.value(), it.key(), setValue);
            if (!one)
                return one.error();
            total.add(*one);
        }
        return total;
    });
}

} // namespace stills
