#pragma once

#include "catalog/catalog.h"
#include "common/result.h"
#include "domain/photoset.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace stills {

// The facts of one metadata file, parsed and checked before anything is written.
struct PhotosetMetadata {
    QString file;
    QStringList candidateNames; // the file's base name, then original_filename's base name
    std::optional<QString> sourceUrl;
    std::optional<QDate> date;
    std::optional<int> year;
    std::optional<QString> title;
    std::optional<QString> description;
    std::optional<QStringList> people;
    QStringList tags;
    QJsonObject extra; // every other key, kept as it was
};

struct MetadataResult {
    enum class State { Applied, Unchanged, Unmatched, Malformed, Failed };
    QString file;
    QString photoset; // the matched photoset's name
    State state = State::Applied;
    QString message;

    static QString stateName(State s);
};

struct MetadataImportSummary {
    QList<MetadataResult> files;
    qint64 count(MetadataResult::State state) const;
};

// Applies the JSON metadata files older photoset tools write, one per photoset, e.g.
//   {"url": "...", "date": "2024-01-15", "year": 2024, "original_filename": "set.zip",
//    "actors": ["Name"], "tags": ["tag1", "tag2"]}
// to the photosets whose name is the file's base name (or original_filename's base name):
// url -> source URL, date, year, actors/people -> people, tags -> photoset tags, title,
// description; any other key is kept in the photoset's extra fields.
//
// Each file is all or nothing: it is parsed and checked completely, then applied in one
// transaction. A malformed file is reported with the reason and nothing of it is applied.
// Applying the same file again changes nothing (idempotent).
//
// Thread contract: run() blocks the calling thread.
class MetadataImporter
{
public:
    explicit MetadataImporter(const Catalog &catalog) : m_catalog(catalog) {}

    // `path`: a folder of .json files (not recursive) or one .json file. Fails only when the path
    // does not exist or the catalog is read-only.
    Result<MetadataImportSummary> run(const QString &path, bool dryRun = false);

    // Parses one file's bytes; InvalidInput with the reason when it is malformed.
    static Result<PhotosetMetadata> parse(const QByteArray &json, const QString &fileName);

private:
    MetadataResult applyOne(const QString &file, bool dryRun);

    const Catalog &m_catalog;
};

} // namespace stills
