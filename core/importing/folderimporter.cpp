#include "folderimporter.h"

#include "catalog/jobrepository.h"
#include "catalog/photosetrepository.h"
#include "catalog/shapeattributes.h"
#include "catalog/shotrepository.h"
#include "catalog/tagrepository.h"
#include "common/logging.h"
#include "metadata/fileprobe.h"
#include "metadata/xmpsidecar.h"

#include <QCollator>
#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonObject>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>

namespace {

// This file's texts, under the context "Import" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Import)
};

} // namespace

namespace stills {

QString ImportItem::actionName(Action a)
{
    switch (a) {
    case Action::Added: return QStringLiteral("add");
    case Action::Updated: return QStringLiteral("update");
    case Action::Moved: return QStringLiteral("move");
    case Action::Unchanged: return QStringLiteral("unchanged");
    case Action::Failed: return QStringLiteral("failed");
    case Action::Unsupported: return QStringLiteral("unsupported");
    }
    return {};
}

namespace {

// The facts of a probe, moved into a shot record (keeps the shot's id, edits and version).
void applyProbe(Shot &shot, const FileProbe &probe)
{
    shot.path = probe.path;
    shot.contentHash = probe.contentHash;
    shot.byteSize = probe.byteSize;
    shot.modifiedMs = probe.modifiedMs;
    shot.width = probe.width;
    shot.height = probe.height;
    shot.format = probe.format;
    shot.status = probe.status;
    shot.error = probe.error;
    shot.exif = probe.exif;
}

ImportItem::Action actionForFailure(const FileProbe &probe)
{
    return probe.status == Shot::Status::Unsupported ? ImportItem::Action::Unsupported : ImportItem::Action::Failed;
}

// The edits of an XMP sidecar (other tools' tags, title, rating, flag, label) on a new shot.
void applySidecar(Shot &shot, const SidecarData &sidecar)
{
    shot.title = sidecar.title;
    shot.description = sidecar.description;
    shot.rating = std::clamp(sidecar.rating, 0, 5);
    shot.flag = sidecar.rejected ? Shot::Flag::Rejected : Shot::Flag::None;
    static const QStringList labels = {QStringLiteral("red"), QStringLiteral("yellow"), QStringLiteral("green"),
                                       QStringLiteral("blue"), QStringLiteral("purple")};
    shot.colorLabel = int(labels.indexOf(sidecar.label.toLower())) + 1; // 0 when none or unknown
}

// What the pool hands back for one file: the probe, and its sidecar when there is one.
struct Probed {
    FileProbe probe;
    std::optional<SidecarData> sidecar;
    QString sidecarError; // a sidecar that exists but cannot be read
};

// One file of a batch, between the stat and the write.
struct Pending {
    QString path;
    qint64 size = 0;
    qint64 modifiedMs = 0;
    std::optional<Shot> existing;
    bool needsProbe = false;
};

} // namespace

Result<QStringList> FolderImporter::scan(const QString &root, const std::atomic_bool *cancelled)
{
    const QFileInfo rootInfo(root);
    if (!rootInfo.exists())
        return Error::notFound(Tr::tr("There is no file or folder %1.").arg(root));
    if (!rootInfo.isReadable())
        return Error::io(Tr::tr("%1 cannot be read (permission denied).").arg(root));

    const QStringList suffixes = FileProber::supportedSuffixes();
    const QSet<QString> wanted(suffixes.cbegin(), suffixes.cend());
    QStringList files;
    if (rootInfo.isFile()) {
        files.append(rootInfo.absoluteFilePath());
        return files;
    }
    // Hidden folders (.thumbnails, .git) are skipped; symbolic links to folders are not followed,
    // so a link loop cannot make the scan endless.
    QStringList folders{rootInfo.absoluteFilePath()};
    while (!folders.isEmpty()) {
        if (cancelled && cancelled->load())
            break;
        const QString folder = folders.takeFirst();
        QDirIterator entries(folder, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
        while (entries.hasNext()) {
            entries.next();
            const QFileInfo info = entries.fileInfo();
            if (info.isDir()) {
                if (!info.isSymLink() && !info.fileName().startsWith(u'.'))
                    folders.append(info.absoluteFilePath());
                continue;
            }
            if (wanted.contains(info.suffix().toLower()))
                files.append(info.absoluteFilePath());
        }
    }
    QCollator collator;
    collator.setNumericMode(true);
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(files.begin(), files.end(), [&](const QString &a, const QString &b) {
        const int c = collator.compare(a, b);
        return c != 0 ? c < 0 : a < b;
    });
    return files;
}

Result<ImportSummary> FolderImporter::run(const ImportOptions &options)
{
    m_cancelled.store(false);
    ImportSummary summary;
    const QFileInfo rootInfo(options.path);
    const QString canonical = rootInfo.canonicalFilePath();
    if (canonical.isEmpty())
        return Error::notFound(Tr::tr("There is no file or folder %1.").arg(options.path));
    summary.root = canonical;
    if (!options.dryRun && m_catalog.isReadOnly())
        return Error::invalid(Tr::tr("The catalog is open read-only."));

    auto files = scan(canonical, &m_cancelled);
    if (!files)
        return files.error();
    summary.scanned = files->size();
    if (m_onProgress)
        m_onProgress(0, summary.scanned);

    // The photoset: by the name the user gave, else the one made from this folder before, else new.
    PhotosetRepository photosets(m_catalog);
    const QString sourcePath = rootInfo.isDir() ? canonical : QFileInfo(canonical).absolutePath();
    std::optional<Photoset> photoset;
    if (!options.photosetName.trimmed().isEmpty()) {
        auto found = photosets.findByName(options.photosetName);
        if (!found)
            return found.error();
        photoset = *found;
    } else {
        auto found = photosets.findBySource(sourcePath);
        if (!found)
            return found.error();
        photoset = *found;
    }
    summary.photosetName = photoset ? photoset->name
                                    : (options.photosetName.trimmed().isEmpty() ? QFileInfo(sourcePath).fileName()
                                                                                : options.photosetName.trimmed());
    if (summary.photosetName.isEmpty())
        summary.photosetName = sourcePath;
    if (photoset) {
        summary.photosetId = photoset->id;
    } else if (!options.dryRun) {
        Photoset p;
        p.name = summary.photosetName;
        p.kind = options.photosetKind;
        // Only a set named after its folder remembers the folder: a named set can gather many folders.
        p.sourcePath = options.photosetName.trimmed().isEmpty() ? sourcePath : QString();
        auto id = photosets.create(p);
        if (!id)
            return id.error();
        summary.photosetId = *id;
        summary.photosetCreated = true;
    } else {
        summary.photosetCreated = true; // would be
    }

    // The job row: resumes an interrupted import of the same folder into the same photoset.
    JobRepository jobs(m_catalog);
    if (!options.dryRun && options.jobId > 0) {
        summary.jobId = options.jobId;
        // A run lists the failures of its own attempt.
        if (auto cleared = jobs.clearErrors(summary.jobId); !cleared)
            return cleared.error();
    } else if (!options.dryRun) {
        auto unfinished = jobs.unfinished();
        if (!unfinished)
            return unfinished.error();
        for (const Job &job : std::as_const(*unfinished)) {
            if (job.kind == u"import" && job.parameters.value(u"path").toString() == canonical
                && job.parameters.value(u"photoset").toInteger() == summary.photosetId) {
                summary.jobId = job.id;
                qCInfo(lcImport) << "resuming interrupted import job" << job.id << "of" << canonical;
                break;
            }
        }
        if (!summary.jobId) {
            Job job;
            job.kind = QStringLiteral("import");
            job.parameters = QJsonObject{{QStringLiteral("path"), canonical},
                                         {QStringLiteral("photoset"), summary.photosetId}};
            if (options.parentJob > 0)
                job.parameters.insert(QStringLiteral("parent"), options.parentJob);
            auto id = jobs.create(job);
            if (!id)
                return id.error();
            summary.jobId = *id;
        }
        if (auto started = jobs.start(summary.jobId, summary.scanned); !started)
            return started.error();
    }

    QThreadPool pool;
    pool.setMaxThreadCount(options.workers > 0 ? options.workers : std::max(1, QThread::idealThreadCount()));
    ShotRepository shots(m_catalog);
    TagRepository tags(m_catalog);

    auto report = [&](ImportItem item) {
        switch (item.action) {
        case ImportItem::Action::Added: ++summary.added; break;
        case ImportItem::Action::Updated: ++summary.updated; break;
        case ImportItem::Action::Moved: ++summary.moved; break;
        case ImportItem::Action::Unchanged: ++summary.unchanged; break;
        case ImportItem::Action::Failed: ++summary.failed; break;
        case ImportItem::Action::Unsupported: ++summary.unsupported; break;
        }
        if (item.action == ImportItem::Action::Failed || item.action == ImportItem::Action::Unsupported)
            summary.problems.append(item);
        if (m_onItem)
            m_onItem(item);
    };

    const int batchSize = std::max(1, options.batchSize);
    qint64 done = 0;
    for (qsizetype start = 0; start < files->size(); start += batchSize) {
        if (m_cancelled.load()) {
            summary.cancelled = true;
            break;
        }
        const QStringList batch = files->mid(start, batchSize);

        // 1. What do we know of each file? (stat + one indexed lookup by path)
        QList<Pending> pending;
        pending.reserve(batch.size());
        for (const QString &path : batch) {
            const QFileInfo info(path);
            Pending p;
            p.path = path;
            p.size = info.size();
            p.modifiedMs = info.lastModified().toMSecsSinceEpoch();
            auto existing = shots.findByPath(path);
            if (!existing)
                return existing.error();
            p.existing = *existing;
            p.needsProbe = !p.existing || p.existing->byteSize != p.size || p.existing->modifiedMs != p.modifiedMs
                || p.existing->status == Shot::Status::Missing;
            pending.append(std::move(p));
        }

        // 2. Hash and read metadata of new and changed files in parallel (never on the caller's thread alone).
        QStringList toProbe;
        for (const Pending &p : std::as_const(pending))
            if (p.needsProbe)
                toProbe.append(p.path);
        const QList<Probed> probes = QtConcurrent::blockingMapped<QList<Probed>>(&pool, toProbe, [](const QString &path) {
            Probed result{FileProber::probe(path), {}, {}};
            // Tags, title, rating… made in digiKam, Lightroom or darktable arrive with the file.
            if (auto sidecar = XmpSidecar::read(path); sidecar)
                result.sidecar = *sidecar;
            else if (sidecar.error().code != Error::Code::NotFound)
                result.sidecarError = sidecar.error().message;
            return result;
        });

        // 3. Decide and write, one transaction per batch.
        QList<ImportItem> items;
        QList<qint64> memberIds;
        QList<qint64> resizedIds; // new or changed pixels: aspect ratio and orientation to derive
        QList<std::pair<QString, QString>> newErrors;
        auto decide = [&]() -> Status {
            items.clear();
            memberIds.clear();
            resizedIds.clear();
            newErrors.clear();
            qsizetype probeIndex = 0;
            for (const Pending &p : std::as_const(pending)) {
                if (!p.needsProbe) {
                    const Shot &shot = *p.existing;
                    memberIds.append(shot.id);
                    if (shot.status == Shot::Status::Ok) {
                        items.append({p.path, ImportItem::Action::Unchanged, {}});
                    } else {
                        items.append({p.path,
                                      shot.status == Shot::Status::Unsupported ? ImportItem::Action::Unsupported
                                                                               : ImportItem::Action::Failed,
                                      shot.error});
                        // A job run again (retry from the Jobs panel) lists every file that still
                        // fails, also those it did not read again.
                        if (options.jobId > 0)
                            newErrors.append({p.path, shot.error});
                    }
                    continue;
                }
                const Probed &probed = probes.at(probeIndex++);
                const FileProbe &probe = probed.probe;
                if (!probed.sidecarError.isEmpty())
                    newErrors.append({p.path, probed.sidecarError});
                const bool readable = probe.status == Shot::Status::Ok;
                if (p.existing) {
                    Shot shot = *p.existing;
                    applyProbe(shot, probe);
                    if (!options.dryRun) {
                        if (auto updated = shots.updateFile(shot); !updated)
                            return updated;
                    }
                    memberIds.append(shot.id);
                    resizedIds.append(shot.id);
                    items.append({p.path, readable ? ImportItem::Action::Updated : actionForFailure(probe),
                                  readable ? Tr::tr("changed on disk") : probe.error});
                    if (!readable)
                        newErrors.append({p.path, probe.error});
                    continue;
                }
                // A new path: is it a file we know that moved here?
                if (!probe.contentHash.isEmpty()) {
                    auto sameContent = shots.findByHash(probe.contentHash);
                    if (!sameContent)
                        return sameContent.error();
                    const auto moved = std::find_if(sameContent->cbegin(), sameContent->cend(), [&](const Shot &s) {
                        return s.path != p.path && !QFileInfo::exists(s.path);
                    });
                    if (moved != sameContent->cend()) {
                        Shot shot = *moved;
                        const QString from = shot.path;
                        applyProbe(shot, probe);
                        if (!options.dryRun) {
                            if (auto updated = shots.updateFile(shot); !updated)
                                return updated;
                        }
                        memberIds.append(shot.id);
                        items.append({p.path, ImportItem::Action::Moved, Tr::tr("moved from %1").arg(from)});
                        continue;
                    }
                }
                Shot shot;
                applyProbe(shot, probe);
                if (probed.sidecar)
                    applySidecar(shot, *probed.sidecar);
                if (!options.dryRun) {
                    auto id = shots.insert(shot);
                    if (!id)
                        return id.error();
                    memberIds.append(*id);
                    resizedIds.append(*id);
                    if (probed.sidecar) {
                        for (const QString &path : probed.sidecar->tags) {
                            auto tagId = tags.ensurePath(path);
                            if (!tagId) {
                                newErrors.append({p.path, tagId.error().message});
                                continue;
                            }
                            if (auto tagged = tags.tagShots(*tagId, {*id}); !tagged)
                                return tagged;
                        }
                    }
                }
                items.append({p.path, readable ? ImportItem::Action::Added : actionForFailure(probe),
                              !readable                          ? probe.error
                                  : probed.sidecarError.isEmpty() ? QString()
                                                                  : Tr::tr("its XMP sidecar was not read: %1")
                                                                        .arg(probed.sidecarError)});
                if (!readable)
                    newErrors.append({p.path, probe.error});
            }
            if (options.dryRun)
                return {};
            if (auto derived = ShapeAttributes::apply(m_catalog, resizedIds); !derived)
                return derived;
            auto added = photosets.addShots(summary.photosetId, memberIds);
            if (!added)
                return added.error();
            for (const auto &[path, message] : std::as_const(newErrors)) {
                if (auto logged = jobs.addError(summary.jobId, path, message); !logged)
                    return logged;
            }
            const qint64 batchProblems = std::count_if(items.cbegin(), items.cend(), [](const ImportItem &item) {
                return item.action == ImportItem::Action::Failed || item.action == ImportItem::Action::Unsupported;
            });
            return jobs.progress(summary.jobId, done + pending.size(),
                                 summary.failed + summary.unsupported + batchProblems);
        };

        Status written = options.dryRun ? decide() : m_catalog.transaction([&](QSqlDatabase &) { return decide(); });
        if (!written) {
            if (!options.dryRun)
                (void)jobs.finish(summary.jobId, Job::State::Failed, written.error().message);
            return Error{written.error().code,
                         Tr::tr("The import stopped at %1: %2").arg(batch.first(), written.error().message)};
        }
        for (const ImportItem &item : std::as_const(items))
            report(item);
        done += pending.size();
        if (m_onProgress)
            m_onProgress(done, summary.scanned);
    }

    if (!options.dryRun) {
        if (auto progressed = jobs.progress(summary.jobId, done, summary.failed + summary.unsupported); !progressed)
            return progressed.error();
        const Job::State state = summary.cancelled ? Job::State::Cancelled : Job::State::Done;
        if (auto finished = jobs.finish(summary.jobId, state); !finished)
            return finished.error();
    }
    return summary;
}

} // namespace stills
