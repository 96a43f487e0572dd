#pragma once

#include "catalog.h"
#include "domain/attribute.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace stills {

// The attribute vocabulary and the values shots carry. Thread contract as ShotRepository.
class AttributeRepository
{
public:
    explicit AttributeRepository(const Catalog &catalog) : m_catalog(catalog) {}

    // Adds attributes and options of the built-in vocabulary that the catalog lacks and refreshes
    // labels and order. Never removes anything (values in use stay). Cheap when nothing changed.
    Status syncVocabulary();

    // The vocabulary, attributes and options in their display order.
    Result<QList<Attribute>> all();

    // Replaces the shot's values of one attribute (option values, not labels). A single-valued
    // attribute takes at most one value; an unknown value is an error naming it.
    Status setShotValues(qint64 shotId, const QString &attributeKey, const QStringList &values);
    // attribute key -> option values of the shot.
    Result<QHash<QString, QStringList>> valuesOfShot(qint64 shotId);

    static QString vocabularyResource() { return QStringLiteral(":/stills/vocabulary/attributes.json"); }
    // Parses the built-in vocabulary (for tests and the sync).
    static Result<QList<Attribute>> builtinVocabulary();

private:
    const Catalog &m_catalog;
};

} // namespace stills
