#include "metadataimporter.h"

#include "catalog/photosetrepository.h"
#include "catalog/tagrepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

namespace stills {

namespace {

// This file's texts (context "stills::MetadataImporter"). lupdate takes the context from the macro, so every
// call site, whatever class or namespace it is in, is filed under the context used at run time.
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(stills::MetadataImporter)
};

Result<QStringList> stringList(const QJsonValue &value, const QString &key)
{
    if (value.isString())
        return QStringList{value.toString()};
    if (!value.isArray())
        return Error::invalid(Tr::tr("\"%1\" must be a list of texts").arg(key));
    QStringList list;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString())
            return Error::invalid(Tr::tr("\"%1\" must be a list of texts").arg(key));
        const QString text = item.toString().trimmed();
        if (!text.isEmpty() && !list.contains(text))
            list.append(text);
    }
    return list;
}

} // namespace

QString MetadataResult::stateName(State s)
{
    switch (s) {
    case State::Applied: return QStringLiteral("applied");
    case State::Unchanged: return QStringLiteral("unchanged");
    case State::Unmatched: return QStringLiteral("unmatched");
    case State::Malformed: return QStringLiteral("malformed");
    case State::Failed: return QStringLiteral("failed");
    }
    return {};
}

qint64 MetadataImportSummary::count(MetadataResult::State state) const
{
    return std::count_if(files.cbegin(), files.cend(), [&](const MetadataResult &r) { return r.state == state; });
}

Result<PhotosetMetadata> MetadataImporter::parse(const QByteArray &json, const QString &fileName)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::invalid(Tr::tr("not valid JSON at character %1: %2").arg(parseError.offset + 1).arg(parseError.errorString()));
    if (!document.isObject())
        return Error::invalid(Tr::tr("the file must hold one JSON object"));
    const QJsonObject object = document.object();

    PhotosetMetadata m;
    m.file = fileName;
    m.candidateNames.append(QFileInfo(fileName).completeBaseName());
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (value.isNull())
            continue;
        if (key == u"url" || key == u"source_url") {
            if (!value.isString())
                return Error::invalid(Tr::tr("\"%1\" must be a text").arg(key));
            m.sourceUrl = value.toString().trimmed();
        } else if (key == u"date") {
            const QDate date = value.isString() ? QDate::fromString(value.toString().left(10), Qt::ISODate) : QDate();
            if (!date.isValid())
                return Error::invalid(Tr::tr("\"date\" must be a date like 2024-01-15"));
            m.date = date;
        } else if (key == u"year") {
            const int year = value.isDouble() ? value.toInt(-1) : (value.isString() ? value.toString().toInt() : -1);
            if (year < 1800 || year > 3000)
                return Error::invalid(Tr::tr("\"year\" must be a year like 2024"));
            m.year = year;
        } else if (key == u"title" || key == u"description") {
            if (!value.isString())
                return Error::invalid(Tr::tr("\"%1\" must be a text").arg(key));
            (key == u"title" ? m.title : m.description) = value.toString().trimmed();
        } else if (key == u"actors" || key == u"people") {
            auto people = stringList(value, key);
            if (!people)
                return people.error();
            QStringList merged = m.people.value_or(QStringList());
            for (const QString &p : std::as_const(*people))
                if (!merged.contains(p))
                    merged.append(p);
            m.people = merged;
        } else if (key == u"tags") {
            auto tags = stringList(value, key);
            if (!tags)
                return tags.error();
            m.tags = *tags;
        } else {
            if (key == u"original_filename" && value.isString()) {
                const QString base = QFileInfo(value.toString()).completeBaseName();
                if (!base.isEmpty() && !m.candidateNames.contains(base))
                    m.candidateNames.append(base);
            }
            m.extra.insert(key, value);
        }
    }
    if (m.date && !m.year)
        m.year = m.date->year();
    return m;
}

Result<MetadataImportSummary> MetadataImporter::run(const QString &path, bool dryRun)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error::notFound(Tr::tr("There is no file or folder %1.").arg(path));
    if (!dryRun && m_catalog.isReadOnly())
        return Error::invalid(Tr::tr("The catalog is open read-only."));
    QStringList files;
    if (info.isDir()) {
        const QDir dir(info.absoluteFilePath());
        for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
            files.append(dir.filePath(name));
    } else {
        files.append(info.absoluteFilePath());
    }
    MetadataImportSummary summary;
    for (const QString &file : std::as_const(files))
        summary.files.append(applyOne(file, dryRun));
    return summary;
}

MetadataResult MetadataImporter::applyOne(const QString &file, bool dryRun)
{
    MetadataResult result;
    result.file = file;
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        result.state = MetadataResult::State::Malformed;
        result.message = Tr::tr("cannot be read: %1").arg(in.errorString());
        return result;
    }
    if (in.size() > (16 << 20)) {
        result.state = MetadataResult::State::Malformed;
        result.message = Tr::tr("larger than 16 MB; not a metadata file");
        return result;
    }
    auto parsed = parse(in.readAll(), file);
    if (!parsed) {
        result.state = MetadataResult::State::Malformed;
        result.message = parsed.error().message;
        return result;
    }
    const PhotosetMetadata &m = *parsed;

    PhotosetRepository photosets(m_catalog);
    std::optional<Photoset> found;
    for (const QString &name : m.candidateNames) {
        auto byName = photosets.findByName(name);
        if (!byName) {
            result.state = MetadataResult::State::Failed;
            result.message = byName.error().message;
            return result;
        }
        if (*byName) {
            found = *byName;
            break;
        }
    }
    if (!found) {
        result.state = MetadataResult::State::Unmatched;
        result.message = Tr::tr("no photoset is named %1").arg(m.candidateNames.join(Tr::tr(" or ")));
        return result;
    }
    result.photoset = found->name;

    Photoset updated = *found;
    if (m.sourceUrl)
        updated.sourceUrl = *m.sourceUrl;
    if (m.date)
        updated.date = *m.date;
    if (m.year)
        updated.year = *m.year;
    if (m.title)
        updated.title = *m.title;
    if (m.description)
        updated.description = *m.description;
    if (m.people)
        updated.people = *m.people;
    for (auto it = m.extra.constBegin(); it != m.extra.constEnd(); ++it)
        updated.extra.insert(it.key(), it.value());

    TagRepository tags(m_catalog);
    auto existingTags = tags.tagsOfPhotoset(found->id);
    if (!existingTags) {
        result.state = MetadataResult::State::Failed;
        result.message = existingTags.error().message;
        return result;
    }
    QStringList newTags;
    for (const QString &tag : m.tags) {
        const QString path = TagRepository::splitPath(tag).join(u'/');
        const bool has = std::any_of(existingTags->cbegin(), existingTags->cend(),
                                     [&](const QString &t) { return t.compare(path, Qt::CaseInsensitive) == 0; });
        if (!path.isEmpty() && !has)
            newTags.append(path);
    }
    const bool fieldsChanged = updated.sourceUrl != found->sourceUrl || updated.date != found->date
        || updated.year != found->year || updated.title != found->title || updated.description != found->description
        || updated.people != found->people || updated.extra != found->extra;
    if (!fieldsChanged && newTags.isEmpty()) {
        result.state = MetadataResult::State::Unchanged;
        return result;
    }
    result.state = MetadataResult::State::Applied;
    if (dryRun) {
        result.message = Tr::tr("would be applied");
        return result;
    }
    const Status written = m_catalog.transaction([&](QSqlDatabase &) -> Status {
        if (fieldsChanged) {
            if (auto saved = photosets.update(updated); !saved)
                return saved;
        }
        for (const QString &tag : std::as_const(newTags)) {
            auto tagId = tags.ensurePath(tag);
            if (!tagId)
                return tagId.error();
            if (auto tagged = tags.tagPhotoset(*tagId, found->id); !tagged)
                return tagged;
        }
        return {};
    });
    if (!written) {
        result.state = MetadataResult::State::Failed;
        result.message = Tr::tr("nothing was applied: %1").arg(written.error().message);
    }
    return result;
}

} // namespace stills
