#include "exporter.h"

#include "catalog/attributerepository.h"
#include "catalog/captionrepository.h"
#include "catalog/croprepository.h"
#include "catalog/queryparser.h"
#include "catalog/searchindex.h"
#include "catalog/shotrepository.h"
#include "catalog/sqlhelpers.h"
#include "catalog/tagrepository.h"
#include "imaging/croprenderer.h"
#include "imaging/imagedecoder.h"
#include "zipwriter.h"

#include <QBuffer>
#include <QColorSpace>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QRegularExpression>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <memory>
#include <optional>

namespace stills {

namespace {

// This file's texts (context "stills::Exporter"). lupdate takes the context from the macro, so every
// call site, whatever class or namespace it is in, is filed under the context used at run time.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(stills::Exporter)
};

// Where the files go: a ZIP, or a folder renamed into place at the end.
class Sink
{
public:
    virtual ~Sink() = default;
    virtual Status addData(const QString &name, const QByteArray &data) = 0;
    virtual Status addFile(const QString &name, const QString &source, const std::atomic_bool *cancelled) = 0;
    virtual Status commit() = 0;
};

class ZipSink : public Sink
{
public:
    explicit ZipSink(std::unique_ptr<ZipWriter> writer) : m_writer(std::move(writer)) {}
    Status addData(const QString &name, const QByteArray &data) override { return m_writer->addData(name, data); }
    Status addFile(const QString &name, const QString &source, const std::atomic_bool *cancelled) override
    {
        return m_writer->addFile(name, source, cancelled);
    }
    Status commit() override { return m_writer->commit(); }

private:
    std::unique_ptr<ZipWriter> m_writer;
};

class FolderSink : public Sink
{
public:
    static Result<std::unique_ptr<FolderSink>> create(const QString &target)
    {
        const QString clean = QDir::cleanPath(QFileInfo(target).absoluteFilePath());
        if (QFileInfo::exists(clean))
            return Error::io(Tr::tr("%1 exists already; choose another name (nothing is overwritten).").arg(clean));
        const QString partial = clean + QStringLiteral(".partial");
        if (QFileInfo::exists(partial) && !QDir(partial).removeRecursively())
            return Error::io(Tr::tr("The unfinished export %1 cannot be removed.").arg(partial));
        if (!QDir().mkpath(partial))
            return Error::io(Tr::tr("The folder %1 cannot be created.").arg(partial));
        return std::unique_ptr<FolderSink>(new FolderSink(clean, partial));
    }
    ~FolderSink() override
    {
        if (!m_committed)
            QDir(m_partial).removeRecursively();
    }
    Status addData(const QString &name, const QByteArray &data) override
    {
        QFile out(QDir(m_partial).filePath(name));
        if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly) || out.write(data) != data.size() || !out.flush())
            return Error::io(Tr::tr("%1 cannot be written: %2").arg(out.fileName(), out.errorString()));
        return {};
    }
    Status addFile(const QString &name, const QString &source, const std::atomic_bool *) override
    {
        const QString to = QDir(m_partial).filePath(name);
        QFile in(source);
        if (!in.copy(to))
            return Error::io(Tr::tr("%1 cannot be copied to %2: %3").arg(source, to, in.errorString()));
        return {};
    }
    Status commit() override
    {
        if (QFileInfo::exists(m_target))
            return Error::io(Tr::tr("%1 appeared while the export ran; it is left as it was.").arg(m_target));
        if (!QDir().rename(m_partial, m_target))
            return Error::io(Tr::tr("%1 cannot be renamed to %2.").arg(m_partial, m_target));
        m_committed = true;
        return {};
    }

private:
    FolderSink(QString target, QString partial) : m_target(std::move(target)), m_partial(std::move(partial)) {}
    QString m_target;
    QString m_partial;
    bool m_committed = false;
};

// One file of the export: a shot, whole or through one of its crops.
struct Item {
    Shot shot;
    std::optional<Crop> crop;
    QString name;    // entry name of the image
    QString caption; // current caption text
    QJsonObject manifest;
};

struct Rendered {
    QByteArray data;
    QString error;
    QString warning;
};

QImage resized(QImage image, const ExportRecipe &recipe)
{
    if (recipe.trainingSize > 0) {
        const int n = recipe.trainingSize;
        image = image.scaled(n, n, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation);
        image = image.copy((image.width() - n) / 2, (image.height() - n) / 2, n, n);
    }
    if (recipe.maxEdge > 0 && std::max(image.width(), image.height()) > recipe.maxEdge)
        image = image.scaled(recipe.maxEdge, recipe.maxEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    return image;
}

QString outputFormat(const ExportRecipe &recipe)
{
    return recipe.format.isEmpty() ? QStringLiteral("jpeg") : recipe.format;
}

QString suffixFor(const QString &format)
{
    return format == u"jpeg" ? QStringLiteral("jpg") : format;
}

Rendered render(const Item &item, const ExportRecipe &recipe)
{
    Rendered out;
    Result<QImage> image = item.crop ? CropRenderer::render(item.shot.path, *item.crop, &out.warning)
                                     : ImageDecoder::decodeScaled(item.shot.path, 1 << 20);
    if (!image) {
        out.error = image.error().message;
        return out;
    }
    QImage pixels = resized(std::move(*image), recipe);
    // Datasets and the web expect sRGB: convert when the file said otherwise.
    if (pixels.colorSpace().isValid() && pixels.colorSpace() != QColorSpace(QColorSpace::SRgb))
        pixels.convertToColorSpace(QColorSpace(QColorSpace::SRgb));
    const QString format = outputFormat(recipe);
    if (format == u"jpeg" && pixels.hasAlphaChannel()) {
        QImage flat(pixels.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter(&flat).drawImage(0, 0, pixels);
        pixels = flat;
    }
    QBuffer buffer(&out.data);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format.toLatin1());
    writer.setQuality(recipe.quality);
    if (!writer.write(pixels)) {
        out.data.clear();
        out.error = Tr::tr("cannot be encoded as %1: %2").arg(format, writer.errorString());
    }
    return out;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

} // namespace

QString Exporter::safeBaseName(const QString &base)
{
    QString name = base.normalized(QString::NormalizationForm_C);
    static const QRegularExpression unsafe(QStringLiteral(R"([\x00-\x1f\x7f<>:"/\\|?*])"));
    name.replace(unsafe, QStringLiteral("_"));
    name = name.trimmed();
    if (name.size() > 100)
        name = name.left(100);
    while (!name.isEmpty() && (name.endsWith(u'.') || name.endsWith(u' ')))
        name.chop(1);
    while (name.startsWith(u'.'))
        name.remove(0, 1);
    if (name.isEmpty())
        name = QStringLiteral("image");
    static const QRegularExpression reserved(QStringLiteral("^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\\..*)?$"),
                                             QRegularExpression::CaseInsensitiveOption);
    if (reserved.match(name).hasMatch())
        name.prepend(u'_');
    return name;
}

QString Exporter::uniqueName(const QString &base, const QString &suffix, QSet<QString> &taken)
{
    const QString dotSuffix = suffix.isEmpty() ? QString() : u'.' + suffix;
    QString name = base + dotSuffix;
    for (int n = 2; taken.contains(name.toCaseFolded()); ++n)
        name = QStringLiteral("%1-%2%3").arg(base).arg(n).arg(dotSuffix);
    taken.insert(name.toCaseFolded());
    return name;
}

Result<QList<qint64>> Exporter::resolveQuery(const Catalog &catalog, const QString &queryText)
{
    auto vocabulary = AttributeRepository(catalog).all();
    if (!vocabulary)
        return vocabulary.error();
    auto query = QueryParser::parse(queryText, *vocabulary);
    if (!query)
        return query.error();
    QList<qint64> ids;
    qint64 afterId = 0;
    for (;;) {
        auto page = SearchIndex::page(catalog, *query, afterId, 5000);
        if (!page)
            return page.error();
        if (page->isEmpty())
            return ids;
        ids += *page;
        afterId = page->constLast();
    }
}

Result<ExportSummary> Exporter::run(const ExportOptions &options)
{
    m_cancelled.store(false);
    const ExportRecipe &recipe = options.recipe;
    if (auto valid = recipe.validate(); !valid)
        return valid.error();
    ExportSummary summary;
    summary.target = options.target;
    summary.shots = options.shotIds.size();
    summary.zip = options.target.endsWith(QStringLiteral(".zip"), Qt::CaseInsensitive);
    if (options.shotIds.isEmpty())
        return Error::invalid(Tr::tr("Nothing to export: the selection is empty."));

    std::unique_ptr<Sink> sink;
    if (summary.zip) {
        auto writer = ZipWriter::create(options.target);
        if (!writer)
            return writer.error();
        sink = std::make_unique<ZipSink>(std::move(*writer));
    } else {
        auto folder = FolderSink::create(options.target);
        if (!folder)
            return folder.error();
        sink = std::move(*folder);
    }

    auto db = m_catalog.database();
    if (!db)
        return db.error();
    ShotRepository shots(m_catalog);
    TagRepository tags(m_catalog);
    AttributeRepository attributes(m_catalog);
    CaptionRepository captions(m_catalog);
    CropRepository crops(m_catalog);

    QThreadPool pool;
    pool.setMaxThreadCount(options.workers > 0 ? options.workers : std::max(1, QThread::idealThreadCount()));
    // Unique base names (case-folded), so that an image and its sidecar share a base no other file has.
    QSet<QString> taken;
    QByteArray manifest;
    const QString captionSuffix = recipe.captionSuffix();
    const bool copy = recipe.copiesOriginals();
    const int chunk = copy ? 64 : std::max(4, 2 * pool.maxThreadCount());
    qint64 done = 0;

    auto skip = [&](const QString &path, const QString &reason) {
        ++summary.skipped;
        summary.problems.append({path, reason});
    };

    for (qsizetype start = 0; start < options.shotIds.size(); start += chunk) {
        if (m_cancelled.load())
            return Error{Error::Code::Cancelled, Tr::tr("The export was cancelled; nothing was written to %1.").arg(options.target)};

        // 1. What to write, read from the catalog on this thread.
        QList<Item> items;
        const QList<qint64> ids = options.shotIds.mid(start, chunk);
        for (qint64 id : ids) {
            auto shot = shots.get(id);
            if (!shot) {
                skip(QString::number(id), shot.error().message);
                continue;
            }
            if (shot->status != Shot::Status::Ok || !QFileInfo::exists(shot->path)) {
                skip(shot->path, shot->status != Shot::Status::Ok && !shot->error.isEmpty()
                                     ? shot->error
                                     : Tr::tr("the file is missing"));
                continue;
            }
            auto shotTags = tags.tagsOfShot(id);
            auto values = attributes.valuesOfShot(id);
            auto caption = captions.current(id);
            auto photosetNames = sql::run(*db,
                                          QStringLiteral("SELECT p.name FROM photoset_shots ps JOIN photosets p "
                                                         "ON p.id = ps.photoset_id WHERE ps.shot_id = ? ORDER BY p.name"),
                                          {id});
            if (!shotTags || !values || !caption || !photosetNames)
                return Error::database(Tr::tr("The catalog could not be read for %1.").arg(shot->path));
            QStringList sets;
            while (photosetNames->next())
                sets.append(photosetNames->value(0).toString());
            QJsonObject attributeJson;
            for (auto it = values->constBegin(); it != values->constEnd(); ++it)
                attributeJson.insert(it.key(), toArray(it.value()));

            QList<std::optional<Crop>> variants;
            if (recipe.images == ExportRecipe::Images::Crops) {
                auto shotCrops = crops.ofShot(id);
                if (!shotCrops)
                    return shotCrops.error();
                for (const Crop &c : std::as_const(*shotCrops))
                    if (recipe.cropName.isEmpty() || c.name == recipe.cropName)
                        variants.append(c);
            }
            if (variants.isEmpty())
                variants.append(std::nullopt); // no crop (or not the chosen one): the whole image

            const QString base = safeBaseName(QFileInfo(shot->path).completeBaseName());
            for (const std::optional<Crop> &crop : std::as_const(variants)) {
                Item item;
                item.shot = *shot;
                item.crop = crop;
                item.caption = *caption ? (*caption)->text : QString();
                const QString suffix = copy ? QFileInfo(shot->path).suffix().toLower() : suffixFor(outputFormat(recipe));
                const QString nameBase = crop ? safeBaseName(base + u'_' + crop->name) : base;
                item.name = uniqueName(nameBase, QString(), taken) + u'.' + suffix;
                QJsonObject cropJson;
                if (crop)
                    cropJson = {{QStringLiteral("name"), crop->name},
                                {QStringLiteral("rect"), QJsonArray{crop->rect.x(), crop->rect.y(), crop->rect.width(),
                                                                    crop->rect.height()}},
                                {QStringLiteral("rotation"), crop->rotation}};
                item.manifest = {{QStringLiteral("file"), item.name},
                                 {QStringLiteral("photoset"), sets.value(0)},
                                 {QStringLiteral("photosets"), toArray(sets)},
                                 {QStringLiteral("tags"), toArray(*shotTags)},
                                 {QStringLiteral("attributes"), attributeJson},
                                 {QStringLiteral("caption"), item.caption},
                                 {QStringLiteral("crop"), crop ? QJsonValue(cropJson) : QJsonValue()},
                                 {QStringLiteral("source_hash"), shot->contentHash},
                                 {QStringLiteral("source_file"), QFileInfo(shot->path).fileName()}};
                items.append(std::move(item));
            }
        }

        // 2. Pixels: rendered in parallel when the recipe needs a decode.
        QList<Rendered> rendered;
        if (!copy)
            rendered = QtConcurrent::blockingMapped<QList<Rendered>>(
                &pool, items, [&recipe](const Item &item) { return render(item, recipe); });

        // 3. Written in order on this thread.
        for (qsizetype i = 0; i < items.size(); ++i) {
            const Item &item = items.at(i);
            if (m_cancelled.load())
                return Error{Error::Code::Cancelled, Tr::tr("The export was cancelled; nothing was written to %1.").arg(options.target)};
            Status written;
            if (copy) {
                written = sink->addFile(item.name, item.shot.path, &m_cancelled);
                if (written)
                    summary.bytes += item.shot.byteSize;
            } else {
                const Rendered &r = rendered.at(i);
                if (!r.error.isEmpty()) {
                    skip(item.shot.path, r.error);
                    continue;
                }
                if (!r.warning.isEmpty())
                    summary.problems.append({item.shot.path, r.warning});
                written = sink->addData(item.name, r.data);
                if (written)
                    summary.bytes += r.data.size();
            }
            if (!written) {
                if (written.error().code == Error::Code::Cancelled)
                    return Error{Error::Code::Cancelled,
                                 Tr::tr("The export was cancelled; nothing was written to %1.").arg(options.target)};
                return Error{written.error().code,
                             Tr::tr("The export stopped; nothing was written to %1: %2").arg(options.target, written.error().message)};
            }
            ++summary.images;
            QJsonObject line = item.manifest;
            if (!captionSuffix.isEmpty()) {
                const QString sidecar = QFileInfo(item.name).completeBaseName() + u'.' + captionSuffix;
                if (auto s = sink->addData(sidecar, item.caption.toUtf8()); !s)
                    return Error{s.error().code,
                                 Tr::tr("The export stopped; nothing was written to %1: %2").arg(options.target, s.error().message)};
                ++summary.sidecars;
                line.insert(QStringLiteral("caption_file"), sidecar);
            }
            manifest += QJsonDocument(line).toJson(QJsonDocument::Compact);
            manifest += '\n';
        }
        done += ids.size();
        if (m_onProgress)
            m_onProgress(done, options.shotIds.size());
    }

    if (recipe.manifest) {
        if (auto s = sink->addData(QStringLiteral("metadata.jsonl"), manifest); !s)
            return Error{s.error().code, Tr::tr("The export stopped; nothing was written to %1: %2").arg(options.target, s.error().message)};
    }
    if (summary.images == 0)
        return Error::invalid(Tr::tr("Nothing could be exported (%1 shots skipped); nothing was written to %2.")
                                  .arg(summary.skipped)
                                  .arg(options.target));
    if (auto committed = sink->commit(); !committed)
        return committed.error();
    return summary;
}

} // namespace stills
