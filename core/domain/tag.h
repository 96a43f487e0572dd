#pragma once

#include <QString>

namespace stills {

// A node of the tag hierarchy; its full path joins the names with '/' ("Lighting/Low key").
struct Tag {
    qint64 id = 0;
    qint64 parentId = 0; // 0 for a root tag
    QString name;
    QString slug; // unique among siblings
    QString path; // filled by queries that resolve the hierarchy
    qint64 usageCount = 0;
};

} // namespace stills
