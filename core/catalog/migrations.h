#pragma once

#include "catalogurl.h"
#include "common/result.h"

#include <QList>
#include <QStringList>

namespace stills {

// Versioned schema migrations. Each migration is one SQL resource written once for both
// dialects with a few placeholders ({{id}}, {{real}}, {{blob}}); they are applied in order, each
// in its own transaction together with the schema_version update.
struct Migration {
    int version = 0;
    QString name;
    QString resource; // ":/stills/sql/NNN_name.sql"; "{{dialect}}" in it becomes sqlite / postgresql
};

class Migrations
{
public:
    static const QList<Migration> &all();
    static int latestVersion();
    // The migration's statements for the dialect, placeholders substituted, split on ';' at line ends.
    static Result<QStringList> statements(const Migration &migration, CatalogUrl::Dialect dialect);
};

} // namespace stills
