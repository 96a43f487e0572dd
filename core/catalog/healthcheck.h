#pragma once

#include "catalog.h"

#include <QStringList>

#include <functional>

namespace stills {

// A health report of a catalog: integrity, counts, files missing on disk, interrupted jobs.
struct HealthReport {
    int schemaVersion = 0;
    QStringList integrityProblems; // empty when the database checks out
    qint64 photosets = 0;
    qint64 shots = 0;
    qint64 shotsOk = 0;
    qint64 shotsFailed = 0;
    qint64 shotsUnsupported = 0;
    qint64 tags = 0;
    qint64 captions = 0;
    qint64 crops = 0;
    qint64 filesChecked = 0;
    QStringList missingFiles;  // shot paths that no longer exist
    QStringList interruptedJobs; // "import #12 of /photos (running since …)"

    bool healthy() const { return integrityProblems.isEmpty() && missingFiles.isEmpty() && interruptedJobs.isEmpty(); }
};

class HealthCheck
{
public:
    // Progress: files checked so far, total; return false to stop early. Called on the calling thread.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    static Result<HealthReport> run(const Catalog &catalog, bool checkFiles = true, const Progress &progress = {});
};

} // namespace stills
