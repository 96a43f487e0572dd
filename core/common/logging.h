#pragma once

#include <QLoggingCategory>

namespace stills {

// One category per module (enable with QT_LOGGING_RULES="stills.*.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcCatalog)
Q_DECLARE_LOGGING_CATEGORY(lcImport)
Q_DECLARE_LOGGING_CATEGORY(lcMetadata)
Q_DECLARE_LOGGING_CATEGORY(lcImaging)
Q_DECLARE_LOGGING_CATEGORY(lcJobs)

} // namespace stills
