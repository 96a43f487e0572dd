// Makes a large synthetic catalog for benchmarks: N shots with realistic paths, hashes, sizes and
// EXIF-like values, ratings/flags/labels spread, K photosets (one big shuffled "Favourites" set and
// folder-like sets over consecutive shots), hierarchical tags, and 1-4 attribute values per shot
// from the built-in vocabulary.
//
// Usage: gen_catalog URL N [--photosets K] [--seed S] [--max-params P]
//   URL: a SQLite file path or sqlite:/// URL (created), or the postgresql:// URL of an existing,
//        empty database. A catalog that already holds shots is refused.
// Fast: multi-row INSERTs, each statement prepared once and bound per batch, in large transactions,
// with the per-row search triggers suspended; the search index is built once at the end, then the
// aspect ratio and orientation are derived from the pixel sizes as an import would.
// PostgreSQL: 1M shots in about 5 minutes on a busy 2-core machine (the search index is 2 of them).
// Progress goes to stderr; the time taken to stdout.
#include "catalog/attributerepository.h"
#include "catalog/catalog.h"
#include "catalog/photosetrepository.h"
#include "catalog/searchindex.h"
#include "catalog/shapeattributes.h"
#include "catalog/sqlhelpers.h"
#include "catalog/tagrepository.h"
#include "domain/shot.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <random>

using namespace stills;

namespace {

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "gen_catalog: %s\n", qPrintable(message));
    std::exit(2);
}

void check(const Status &status, const char *what)
{
    if (!status)
        die(QStringLiteral("%1: %2").arg(QString::fromLatin1(what), status.error().message));
}

// splitmix64: fast, good enough, reproducible from the seed.
class Random {
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    {
    }
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % quint64(n)); }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
    // Picks an index by weights (small tables).
    template <size_t N> int weighted(const int (&weights)[N])
    {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = below(total);
        for (size_t i = 0; i < N; ++i) {
            if (r < weights[i])
                return int(i);
            r -= weights[i];
        }
        return int(N - 1);
    }

private:
    quint64 m_state;
};

// INSERT of many rows per statement: one prepared statement for full batches, reused for every
// batch, and one more for the remainder at the end.
class BatchInsert {
public:
    BatchInsert(QSqlDatabase db, const QString &table, const QStringList &columns, int maxParameters)
        : m_db(std::move(db))
        , m_table(table)
        , m_columns(columns)
        , m_batchRows(std::max(1, int(maxParameters / columns.size())))
    {
        m_values.reserve(m_batchRows * columns.size());
    }

    template <typename... Values> void add(Values &&...values)
    {
        static_assert(sizeof...(values) > 0);
        (m_values.append(QVariant(std::forward<Values>(values))), ...);
        if (m_values.size() == qsizetype(m_batchRows) * m_columns.size())
            flush();
    }

    void flush()
    {
        if (m_values.isEmpty())
            return;
        const int rows = int(m_values.size() / m_columns.size());
        QSqlQuery *query = nullptr;
        std::unique_ptr<QSqlQuery> tail;
        if (rows == m_batchRows) {
            if (!m_full)
                m_full = prepare(rows);
            query = m_full.get();
        } else {
            tail = prepare(rows);
            query = tail.get();
        }
        for (qsizetype i = 0; i < m_values.size(); ++i)
            query->bindValue(int(i), m_values.at(i));
        if (!query->exec())
            die(QStringLiteral("inserting into %1 failed: %2").arg(m_table, query->lastError().text()));
        m_inserted += rows;
        m_values.clear();
    }

    qint64 inserted() const { return m_inserted; }

private:
    std::unique_ptr<QSqlQuery> prepare(int rows)
    {
        const QString row = u'(' + sql::placeholders(m_columns.size()) + u')';
        QStringList tuples;
        tuples.reserve(rows);
        for (int i = 0; i < rows; ++i)
            tuples.append(row);
        auto query = std::make_unique<QSqlQuery>(m_db);
        if (!query->prepare(
                QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                    .arg(m_table, m_columns.join(QStringLiteral(", ")), tuples.join(QStringLiteral(", ")))))
            die(QStringLiteral("preparing the insert into %1 failed: %2")
                    .arg(m_table, query->lastError().text()));
        return query;
    }

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    int m_batchRows;
    QVariantList m_values;
    std::unique_ptr<QSqlQuery> m_full;
    qint64 m_inserted = 0;
};

class Progress {
public:
    Progress(const char *what, qint64 total)
        : m_what(what)
        , m_total(total)
    {
        m_timer.start();
    }
    void step(qint64 done)
    {
        if (done - m_last < 50000 && done != m_total)
            return;
        m_last = done;
        std::fprintf(
            stderr, "\r%-16s %9lld / %lld  (%.1f s)", m_what, done, m_total, m_timer.elapsed() / 1000.0);
        if (done == m_total)
            std::fprintf(stderr, "\n");
    }
    double seconds() const { return m_timer.elapsed() / 1000.0; }

private:
    const char *m_what;
    qint64 m_total;
    qint64 m_last = 0;
    QElapsedTimer m_timer;
};

const char *const kWords[] = { "long", "night", "river", "glass", "winter", "red", "silent", "harbor",
    "empire", "garden", "last", "summer", "iron", "paper", "moon", "desert", "city", "stone", "blue", "fire",
    "north", "hollow", "golden", "shadow" };
const char *const kMakes[][2]
    = { { "ARRI", "ALEXA Mini LF" }, { "ARRI", "ALEXA 35" }, { "RED", "V-RAPTOR 8K" }, { "Sony", "VENICE 2" },
          { "Sony", "ILCE-7SM3" }, { "Canon", "EOS C300 Mark III" }, { "Canon", "EOS R5" },
          { "Nikon", "Z 9" }, { "FUJIFILM", "X-H2S" }, { "Blackmagic Design", "URSA Mini Pro 12K" } };
const char *const kLenses[] = { "Cooke S4/i 32mm", "Zeiss Supreme Prime 50mm",
    "Canon RF 24-70mm F2.8 L IS USM", "Panavision Primo 75mm", "Sony FE 35mm F1.4 GM",
    "Leica Summilux-C 25mm", "Angenieux Optimo 24-290", "" };
const int kSizes[][2] = { { 1920, 1080 }, { 3840, 2160 }, { 2048, 858 }, { 1998, 1080 }, { 4096, 1716 },
    { 6000, 4000 }, { 4000, 3000 }, { 2880, 1620 }, { 1280, 720 }, { 8192, 4320 } };
const char *const kFormats[] = { "jpeg", "png", "webp", "tiff", "heic" };
const int kFormatWeights[] = { 80, 10, 5, 3, 2 };
const int kRatingWeights[] = { 60, 5, 8, 12, 10, 5 };
const double kApertures[] = { 1.4, 2.0, 2.8, 4.0, 5.6, 8.0, 11.0, 16.0 };
const int kIsos[] = { 100, 200, 400, 800, 1600, 3200, 6400 };

QString hexHash(Random &random)
{
    static const char16_t digits[] = u"0123456789abcdef";
    QString s(64, Qt::Uninitialized);
    QChar *out = s.data();
    for (int word = 0; word < 4; ++word) {
        quint64 v = random.next();
        for (int i = 0; i < 16; ++i, v >>= 4)
            *out++ = QChar(digits[v & 15]);
    }
    return s;
}

QString padded(qint64 value, int width)
{
    return QString::number(value).rightJustified(width, u'0');
}

struct DeferredIndex {
    QString name;
    QString definition; // the CREATE INDEX statement, as the catalog itself stores it
};

// Drops the secondary indexes of `tables` (not primary keys or constraints) so the bulk load only
// appends; they are rebuilt afterwards from the definitions the catalog itself reports, which
// sorts once instead of inserting a million keys at random places.
QList<DeferredIndex> dropIndexes(const QSqlDatabase &db, bool sqlite, const QStringList &tables)
{
    const QString statement = sqlite
        ? QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND "
                         "tbl_name IN (%1)")
        : QStringLiteral("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND "
                         "tablename IN (%1) "
                         "AND indexname NOT IN (SELECT conname FROM pg_constraint)");
    QVariantList values;
    for (const QString &table : tables)
        values.append(table);
    auto query = sql::run(db, statement.arg(sql::placeholders(tables.size())), values);
    if (!query)
        die(query.error().message);
    QList<DeferredIndex> indexes;
    while (query->next())
        indexes.append({ query->value(0).toString(), query->value(1).toString() });
    query->finish();
    for (const DeferredIndex &index : std::as_const(indexes))
        check(sql::exec(db, QStringLiteral("DROP INDEX ") + index.name), "dropping an index for the load");
    return indexes;
}

// A transaction with the per-row search-index triggers suspended (schema 3's search_batch, see
// SearchIndex::deferRefresh): the index is built once at the end instead of row by row.
Status bulkTransaction(const Catalog &catalog, const std::function<Status(QSqlDatabase &)> &work)
{
    return catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (auto off = sql::exec(db, QStringLiteral("INSERT INTO search_batch (owner) VALUES (1)")); !off)
            return off;
        if (auto done = work(db); !done)
            return done;
        return sql::exec(db, QStringLiteral("DELETE FROM search_batch"));
    });
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    int photosetCount = 50;
    quint64 seed = 1;
    int maxParameters = 0; // per INSERT statement; 0 = the default of the backend
    for (qsizetype i = 0; i < args.size();) {
        if (args.at(i) == u"--photosets" && i + 1 < args.size()) {
            photosetCount = std::max(1, args.at(i + 1).toInt());
            args.remove(i, 2);
        } else if (args.at(i) == u"--max-params" && i + 1 < args.size()) {
            maxParameters = std::max(4, args.at(i + 1).toInt());
            args.remove(i, 2);
        } else if (args.at(i) == u"--seed" && i + 1 < args.size()) {
            seed = args.at(i + 1).toULongLong();
            args.remove(i, 2);
        } else {
            ++i;
        }
    }
    bool numberOk = false;
    const qint64 shotCount = args.size() == 2 ? args.at(1).toLongLong(&numberOk) : 0;
    if (!numberOk || shotCount < 1) {
        std::fprintf(stderr, "usage: gen_catalog URL N [--photosets K] [--seed S] [--max-params P]\n");
        return 1;
    }

    auto url = CatalogUrl::parse(args.at(0));
    if (!url)
        die(url.error().message);
    QElapsedTimer total;
    total.start();
    auto opened = Catalog::open(*url);
    if (!opened)
        die(opened.error().message);
    const CatalogPtr catalog = *opened;
    auto dbResult = catalog->database();
    if (!dbResult)
        die(dbResult.error().message);
    QSqlDatabase db = *dbResult;
    const bool sqlite = catalog->isSqlite();
    {
        auto existing = sql::scalar(db, QStringLiteral("SELECT COUNT(*) FROM shots"));
        if (!existing)
            die(existing.error().message);
        if (*existing > 0)
            die(QStringLiteral("%1 already holds %2 shots; give an empty catalog.")
                    .arg(url->toDisplayString())
                    .arg(*existing));
    }
    if (sqlite) {
        // A generator may trade durability for speed; the catalog's own connections do not.
        check(sql::exec(db, QStringLiteral("PRAGMA synchronous = OFF")), "pragma");
        check(sql::exec(db, QStringLiteral("PRAGMA cache_size = -262144")), "pragma");
    }
    // SQLite takes up to 32766 parameters per statement; PostgreSQL 65535. Fewer rows per
    // statement suit SQLite's bytecode better.
    if (maxParameters == 0)
        maxParameters = sqlite ? 2000 : 30000;
    if (!sqlite) {
        check(sql::exec(db, QStringLiteral("SET maintenance_work_mem = '512MB'")), "settings");
        // The generated references are valid by construction: skip the per-row foreign-key
        // triggers where allowed (superuser only; otherwise they stay on and the load is slower).
        if (!sql::exec(db, QStringLiteral("SET session_replication_role = replica")))
            std::fprintf(stderr, "(not a superuser: foreign keys are checked row by row)\n");
    }
    QElapsedTimer phase;
    const QList<DeferredIndex> deferred = dropIndexes(db, sqlite,
        { QStringLiteral("shots"), QStringLiteral("photoset_shots"), QStringLiteral("shot_tags"),
            QStringLiteral("shot_attributes") });
    const qint64 commitEvery = 200000;
    Random random(seed);

    // ---- shots ----
    const QStringList shotColumns = { QStringLiteral("path"), QStringLiteral("content_hash"),
        QStringLiteral("byte_size"), QStringLiteral("modified_ms"), QStringLiteral("width"),
        QStringLiteral("height"), QStringLiteral("format"), QStringLiteral("status"), QStringLiteral("error"),
        QStringLiteral("orientation"), QStringLiteral("taken_at"), QStringLiteral("camera_make"),
        QStringLiteral("camera_model"), QStringLiteral("lens"), QStringLiteral("focal_length"),
        QStringLiteral("aperture"), QStringLiteral("exposure_time"), QStringLiteral("iso"),
        QStringLiteral("gps_latitude"), QStringLiteral("gps_longitude"), QStringLiteral("gps_altitude"),
        QStringLiteral("title"), QStringLiteral("description"), QStringLiteral("rating"),
        QStringLiteral("flag"), QStringLiteral("color_label"), QStringLiteral("imported_ms"),
        QStringLiteral("updated_ms") };
    const QString empty = QStringLiteral("");
    const QVariant nullText(QMetaType::fromType<QString>());
    const QVariant nullReal(QMetaType::fromType<double>());
    const QVariant nullInt(QMetaType::fromType<int>());
    const QString statusOk = Shot::statusName(Shot::Status::Ok);
    const QString statusFailed = Shot::statusName(Shot::Status::Failed);
    const QString statusUnsupported = Shot::statusName(Shot::Status::Unsupported);
    const QString statusMissing = Shot::statusName(Shot::Status::Missing);
    QStringList formats;
    for (const char *f : kFormats)
        formats.append(QString::fromLatin1(f));
    const qint64 now = sql::nowMs();
    const qint64 year2015 = 1420070400000LL;

    // Folders: the shots come in consecutive blocks ("reels" of a "film"), one folder-like photoset each.
    const int folderSets = std::max(1, photosetCount - 1);
    const qint64 perFolder = (shotCount + folderSets - 1) / folderSets;
    QStringList folderNames;
    for (int f = 0; f < folderSets; ++f) {
        folderNames.append(QString::fromLatin1(kWords[random.below(24)]) + u'-'
            + QString::fromLatin1(kWords[random.below(24)]) + u'-' + QString::number(1950 + random.below(74))
            + u'-' + padded(f, 4));
    }

    // Each shot's curation columns, which its tag, attribute and photoset links carry too (schema 6;
    // the insert triggers that would copy them are off during the load on PostgreSQL).
    struct Curation {
        qint8 rating = 0;
        qint8 flag = 0;
        qint8 label = 0;
        const QString *status = nullptr;
    };
    std::vector<Curation> curation(static_cast<size_t>(shotCount));
    const QStringList curationColumns = { QStringLiteral("rating"), QStringLiteral("flag"), QStringLiteral("color_label"),
        QStringLiteral("status") };

    Progress shotProgress("shots", shotCount);
    {
        BatchInsert shots(db, QStringLiteral("shots"), shotColumns, maxParameters);
        for (qint64 done = 0; done < shotCount;) {
            check(bulkTransaction(*catalog, [&](QSqlDatabase &) -> Status {
                const qint64 end = std::min(shotCount, done + commitEvery);
                for (; done < end; ++done) {
                    const int folder = int(done / perFolder);
                    const QString &name = folderNames.at(folder);
                    const int format = random.weighted(kFormatWeights);
                    const QString path = QStringLiteral("/srv/stills/") + name + QStringLiteral("/reel-")
                        + padded((done % perFolder) / 500 + 1, 2) + u'/' + name + u'_' + padded(done + 1, 7)
                        + (format == 0 ? QStringLiteral(".jpg") : u'.' + formats.at(format));
                    const int statusPick = random.below(1000);
                    const QString &status = statusPick < 985 ? statusOk
                        : statusPick < 995                   ? statusFailed
                        : statusPick < 998                   ? statusUnsupported
                                                             : statusMissing;
                    const QString error = &status == &statusFailed
                        ? QStringLiteral("The file is truncated: the JPEG data ends early.")
                        : &status == &statusUnsupported ? QStringLiteral("The format is not supported.")
                                                        : empty;
                    const auto &size = kSizes[random.below(10)];
                    const bool hasExif = format == 0 || format == 3 || format == 4 ? random.chance(0.85)
                                                                                   : random.chance(0.1);
                    const auto &camera = kMakes[random.below(10)];
                    const qint64 taken = year2015 + qint64(random.below(3600 * 24 * 365 * 9)) * 1000;
                    const bool gps = hasExif && random.chance(0.15);
                    const int ratingValue = random.weighted(kRatingWeights);
                    const int flagPick = random.below(100);
                    const int flagValue = flagPick < 3 ? -1 : (flagPick < 11 ? 1 : 0);
                    const int labelValue = random.chance(0.85) ? 0 : 1 + random.below(5);
                    curation[size_t(done)] = { qint8(ratingValue), qint8(flagValue), qint8(labelValue), &status };
                    shots.add(path, hexHash(random),
                        qint64(50000 + std::exp(11.5 + 1.2 * random.unit()) * 10),
                        year2015 + qint64(random.below(1 << 30)) * 256, size[0], size[1], formats.at(format),
                        status, error, random.chance(0.9) ? 1 : (random.chance(0.5) ? 6 : 8),
                        hasExif ? QVariant(
                            QDateTime::fromMSecsSinceEpoch(taken, Qt::UTC).toString(Qt::ISODate).chopped(1))
                                : nullText,
                        hasExif ? QString::fromLatin1(camera[0]) : empty,
                        hasExif ? QString::fromLatin1(camera[1]) : empty,
                        hasExif ? QString::fromLatin1(kLenses[random.below(8)]) : empty,
                        hasExif ? QVariant(double(18 + random.below(180))) : nullReal,
                        hasExif ? QVariant(kApertures[random.below(8)]) : nullReal,
                        hasExif ? QVariant(1.0 / double(30 << random.below(8))) : nullReal,
                        hasExif ? QVariant(kIsos[random.below(7)]) : nullInt,
                        gps ? QVariant(-60.0 + 130.0 * random.unit()) : nullReal,
                        gps ? QVariant(-180.0 + 360.0 * random.unit()) : nullReal,
                        gps ? QVariant(2000.0 * random.unit()) : nullReal,
                        random.chance(0.1) ? QStringLiteral("Frame %1 of %2").arg(done + 1).arg(name) : empty,
                        random.chance(0.05)
                            ? QStringLiteral("A wide shot at dusk; the hero crosses the street.")
                            : empty,
                        ratingValue, flagValue, labelValue, now - random.below(1 << 30), now);
                    shotProgress.step(done + 1);
                }
                shots.flush();
                return {};
            }),
                "shots");
        }
    }
    const double shotSeconds = shotProgress.seconds();

    // Shots got consecutive ids in this single session; the memberships below rely on it.
    auto range = sql::run(db, QStringLiteral("SELECT MIN(id), MAX(id), COUNT(*) FROM shots"));
    if (!range || !range->next())
        die(QStringLiteral("could not read the shot ids back"));
    const qint64 firstId = range->value(0).toLongLong();
    if (range->value(1).toLongLong() - firstId + 1 != shotCount || range->value(2).toLongLong() != shotCount)
        die(QStringLiteral("the shot ids are not consecutive; is another program writing to the catalog?"));
    range->finish();

    // ---- photosets ----
    PhotosetRepository photosets(*catalog);
    QList<qint64> setIds;
    {
        Photoset favourites;
        favourites.name = QStringLiteral("Favourites");
        favourites.description = QStringLiteral("A tenth of the library, in a hand-picked order.");
        auto id = photosets.create(favourites);
        if (!id)
            die(id.error().message);
        setIds.append(*id);
    }
    for (int f = 0; f < folderSets && photosetCount > 1; ++f) {
        Photoset set;
        set.name = folderNames.at(f);
        set.kind = Photoset::Kind::Folder;
        set.sourcePath = QStringLiteral("/srv/stills/") + folderNames.at(f);
        set.year = folderNames.at(f).section(u'-', 2, 2).toInt();
        auto id = photosets.create(set);
        if (!id)
            die(id.error().message);
        setIds.append(*id);
    }
    const qint64 favouriteCount = std::max<qint64>(1, shotCount / 10);
    const qint64 membershipTotal = favouriteCount + (photosetCount > 1 ? shotCount : 0);
    Progress memberProgress("memberships", membershipTotal);
    {
        BatchInsert members(db, QStringLiteral("photoset_shots"),
            QStringList { QStringLiteral("photoset_id"), QStringLiteral("shot_id"), QStringLiteral("position"),
                QStringLiteral("added_ms") }
                + curationColumns,
            maxParameters);
        // Favourites: a random tenth of the shots, shuffled.
        std::vector<qint64> picks(static_cast<size_t>(shotCount));
        std::iota(picks.begin(), picks.end(), firstId);
        std::mt19937_64 engine(seed);
        std::shuffle(picks.begin(), picks.end(), engine);
        picks.resize(size_t(favouriteCount));
        qint64 done = 0;
        check(bulkTransaction(*catalog, [&](QSqlDatabase &) -> Status {
            for (qint64 i = 0; i < favouriteCount; ++i) {
                const Curation &c = curation[size_t(picks[size_t(i)] - firstId)];
                members.add(setIds.at(0), picks[size_t(i)], (i + 1) * PhotosetRepository::PositionStep, now,
                    int(c.rating), int(c.flag), int(c.label), *c.status);
                memberProgress.step(++done);
            }
            if (photosetCount > 1) {
                for (qint64 i = 0; i < shotCount; ++i) {
                    const int folder = int(i / perFolder);
                    const Curation &c = curation[size_t(i)];
                    members.add(setIds.at(folder + 1), firstId + i,
                        (i % perFolder + 1) * PhotosetRepository::PositionStep, now, int(c.rating), int(c.flag),
                        int(c.label), *c.status);
                    memberProgress.step(++done);
                }
            }
            members.flush();
            return {};
        }),
            "memberships");
    }

    // ---- tags ----
    TagRepository tags(*catalog);
    QList<qint64> tagIds;
    const char *const tagPaths[] = { "People/Hero", "People/Villain", "People/Crowd", "Places/City",
        "Places/Desert", "Places/Interior/Kitchen", "Places/Interior/Car", "Subjects/Vehicles",
        "Subjects/Weapons", "Subjects/Animals", "Mood/Tense", "Mood/Romantic", "Mood/Melancholic",
        "Projects/Moodboard 2024", "Projects/Pitch deck", "Reference/Lighting", "Reference/Framing",
        "Reference/Colour grading" };
    for (const char *p : tagPaths) {
        auto id = tags.ensurePath(QString::fromLatin1(p));
        if (!id)
            die(id.error().message);
        tagIds.append(*id);
    }
    for (qsizetype i = 1; i < setIds.size(); i += 7)
        check(
            tags.tagPhotoset(tagIds.at(random.below(int(tagIds.size()))), setIds.at(i)), "tagging photosets");
    Progress tagProgress("tags", shotCount);
    qint64 tagRows = 0;
    {
        BatchInsert shotTags(db, QStringLiteral("shot_tags"),
            QStringList { QStringLiteral("shot_id"), QStringLiteral("tag_id") } + curationColumns, maxParameters);
        check(bulkTransaction(*catalog, [&](QSqlDatabase &) -> Status {
            for (qint64 i = 0; i < shotCount; ++i) {
                if (random.chance(0.3)) {
                    const Curation &c = curation[size_t(i)];
                    const int a = random.below(int(tagIds.size()));
                    shotTags.add(firstId + i, tagIds.at(a), int(c.rating), int(c.flag), int(c.label), *c.status);
                    if (random.chance(0.3)) {
                        const int b = (a + 1 + random.below(int(tagIds.size()) - 1)) % int(tagIds.size());
                        shotTags.add(firstId + i, tagIds.at(b), int(c.rating), int(c.flag), int(c.label), *c.status);
                    }
                }
                tagProgress.step(i + 1);
            }
            shotTags.flush();
            tagRows = shotTags.inserted();
            return {};
        }),
            "tags");
    }

    // ---- attributes ----
    auto vocabulary = AttributeRepository(*catalog).all();
    if (!vocabulary)
        die(vocabulary.error().message);
    const QList<Attribute> attributes = *vocabulary;
    if (attributes.isEmpty())
        die(QStringLiteral("the catalog has no attribute vocabulary"));
    Progress attributeProgress("attributes", shotCount);
    qint64 attributeRows = 0;
    {
        BatchInsert values(db, QStringLiteral("shot_attributes"),
            QStringList { QStringLiteral("shot_id"), QStringLiteral("option_id") } + curationColumns, maxParameters);
        check(bulkTransaction(*catalog, [&](QSqlDatabase &) -> Status {
            int chosen[4];
            for (qint64 i = 0; i < shotCount; ++i) {
                const int n = 1 + random.below(4);
                for (int k = 0; k < n; ++k) {
                    int a;
                    do {
                        a = random.below(int(attributes.size()));
                    } while (std::find(chosen, chosen + k, a) != chosen + k);
                    chosen[k] = a;
                    const QList<AttributeOption> &options = attributes.at(a).options;
                    const Curation &c = curation[size_t(i)];
                    values.add(firstId + i, options.at(random.below(int(options.size()))).id, int(c.rating), int(c.flag),
                        int(c.label), *c.status);
                }
                attributeProgress.step(i + 1);
            }
            values.flush();
            attributeRows = values.inserted();
            return {};
        }),
            "attributes");
    }

    if (!sqlite)
        (void)sql::exec(db, QStringLiteral("SET session_replication_role = DEFAULT"));
    phase.start();
    for (const DeferredIndex &index : deferred) {
        QElapsedTimer one;
        one.start();
        check(sql::exec(db, index.definition), "rebuilding an index");
        std::fprintf(stderr, "index %-24s %.1f s\n", qPrintable(index.name), one.elapsed() / 1000.0);
    }
    const double indexSeconds = phase.elapsed() / 1000.0;

    // The search documents of every shot, in one statement (the triggers were off for the load).
    phase.restart();
    check(SearchIndex::rebuild(*catalog), "building the search index");
    const double searchSeconds = phase.elapsed() / 1000.0;
    std::fprintf(stderr, "search index             %.1f s\n", searchSeconds);
    // Aspect ratio and orientation from the pixel sizes, as an import would set them (shots that
    // drew a random value of these attributes above keep it, as a person's choice).
    phase.restart();
    check(catalog->transaction([&](QSqlDatabase &) { return ShapeAttributes::applyToAll(*catalog); }),
          "deriving aspect ratio and orientation");
    const double shapeSeconds = phase.elapsed() / 1000.0;
    std::fprintf(stderr, "aspect ratio/orientation %.1f s\n", shapeSeconds);

    // Planner statistics (and, on PostgreSQL, the visibility map that index-only scans need).
    phase.restart();
    check(sql::exec(db, sqlite ? QStringLiteral("ANALYZE") : QStringLiteral("VACUUM ANALYZE")), "analyze");
    if (sqlite)
        check(sql::exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")), "checkpoint");
    const double analyzeSeconds = phase.elapsed() / 1000.0;

    std::printf(
        "gen_catalog: %lld shots (%.1f s), %lld photosets, %lld memberships, %lld shot tags, %lld attribute "
        "values; %lld indexes rebuilt %.1f s; search index %.1f s; aspect ratio/orientation %.1f s; %s %.1f s; "
        "total %.1f s into %s\n",
        shotCount, shotSeconds, qint64(setIds.size()), membershipTotal, tagRows, attributeRows,
        qint64(deferred.size()), indexSeconds, searchSeconds, shapeSeconds, sqlite ? "analyze" : "vacuum analyze",
        analyzeSeconds,
        total.elapsed() / 1000.0, qPrintable(url->toDisplayString()));
    return 0;
}
