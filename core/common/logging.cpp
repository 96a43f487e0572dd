#include "logging.h"

namespace stills {

Q_LOGGING_CATEGORY(lcCatalog, "stills.catalog", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImport, "stills.import", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMetadata, "stills.metadata", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImaging, "stills.imaging", QtInfoMsg)
Q_LOGGING_CATEGORY(lcJobs, "stills.jobs", QtInfoMsg)

} // namespace stills
