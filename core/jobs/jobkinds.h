#pragma once

#include "captioning/captiongenerator.h"
#include "common/settings.h"
#include "exporting/exportrecipe.h"
#include "importing/archiveimporter.h"
#include "jobqueue.h"

#include <QJsonObject>
#include <QList>

#include <functional>
#include <memory>

namespace stills {

// The kinds of background work the window runs as jobs, and their parameters.
//
//   caption     {shots: [id…] | query, onlyUnedited, generator,  Captioner (resumable by shot; a query
//                model, with}                                     is resolved to shots at the first run)
//   import      {path, photoset?}                                FolderImporter (resumable by file)
//   export      {target, recipe, shots: [id…] | query}           Exporter (all or nothing: a rerun
//                                                                 starts over; never overwrites)
//   archives    {path, storage?}                                 ArchiveImporter (resumable: what is
//                                                                 unpacked is kept, imports are idempotent)
//   thumbnails  {size, cache?, workers?}                      ThumbnailBuilder (resumable: what
//                                                                 is on disk is kept)
namespace jobkinds {

// The generator chosen in Preferences, ready to use; InvalidInput saying what to fix otherwise
// (no model file, not an http(s) address, an unreadable API key file).
Result<std::unique_ptr<CaptionGenerator>> createCaptionGenerator(const CaptionSettings &settings);
// A short description of the generator for people ("the built-in captioner", "llava at http://…").
QString describeGenerator(const CaptionSettings &settings);

// Parameters of a caption job over `shotIds` with the generator `settings` make.
Result<QJsonObject> captionParameters(const QList<qint64> &shotIds, bool onlyUnedited, const CaptionSettings &settings);
// … over the shots matching `query` (the syntax of `stills list shots`) when the job starts: for a
// selection too large to list (all of a large photoset).
Result<QJsonObject> captionQueryParameters(const QString &query, bool onlyUnedited, const CaptionSettings &settings);
QJsonObject importParameters(const QString &path, const QString &photosetName = {});
QJsonObject exportParameters(const QString &target, const ExportRecipe &recipe, const QList<qint64> &shotIds,
                             const QString &query = {});
// `storageFolder` empty: the user's storage folder (paths::storageFolder()).
QJsonObject archiveParameters(const QString &path, const QString &storageFolder = {});
// The lines of the log of one archive: its outcome, each refused entry and each file that failed.
QStringList describeArchive(const ArchiveResult &result);
// `cacheFolder` empty: the user's cache folder (paths::cacheFolder()); `workers` 0: one per core.
QJsonObject thumbnailParameters(int size, const QString &cacheFolder = {}, int workers = 0);

// Registers the five kinds. Captions are made with the generator of `captionSettings()` at the
// time each job starts (so a job resumed after a restart uses Preferences as they are then).
void registerAll(JobQueue &queue, std::function<CaptionSettings()> captionSettings);

// Whether running the job again can do more than it did: not for a finished export (its file
// exists; export again to another name), nor for a job done without failures.
bool canRetry(const Job &job, bool interrupted);

} // namespace jobkinds

} // namespace stills
