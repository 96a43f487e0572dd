#include "xmpsidecar.h"

#include "exiv2session.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QXmlStreamReader>

#include <exiv2/error.hpp>
#include <exiv2/properties.hpp>
#include <exiv2/types.hpp>
#include <exiv2/value.hpp>
#include <exiv2/xmp_exiv2.hpp>

#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace {

// This file's texts, under the context "Metadata" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Metadata)
};

} // namespace

namespace stills {

namespace {

// Sidecars with a long darktable history reach a few MiB; beyond this a file is not a sidecar.
constexpr qint64 maxSidecarBytes = 64 * 1024 * 1024;

constexpr auto digiKamNs = "http://www.digikam.org/ns/1.0/";
constexpr auto lightroomNs = "http://ns.adobe.com/lightroom/1.0/";

constexpr auto keySubject = "Xmp.dc.subject";
constexpr auto keyHierarchicalSubject = "Xmp.lr.hierarchicalSubject";
constexpr auto keyTagsList = "Xmp.digiKam.TagsList";
constexpr auto keyTitle = "Xmp.dc.title";
constexpr auto keyDescription = "Xmp.dc.description";
constexpr auto keyRating = "Xmp.xmp.Rating";
constexpr auto keyLabel = "Xmp.xmp.Label";

// Lightroom's colour label names, the ones digiKam and darktable also write to xmp:Label.
constexpr const char16_t *knownLabels[] = {u"Red", u"Yellow", u"Green", u"Blue", u"Purple"};

void initExiv2()
{
    static std::once_flag once;
    std::call_once(once, [] {
        ensureExiv2Initialised();
        // Both are built into exiv2 0.27; registered only if a build lacks them, because
        // re-registering a built-in prefix would replace exiv2's property descriptions.
        if (Exiv2::XmpProperties::prefix(digiKamNs).empty())
            Exiv2::XmpProperties::registerNs(digiKamNs, "digiKam");
        if (Exiv2::XmpProperties::prefix(lightroomNs).empty())
            Exiv2::XmpProperties::registerNs(lightroomNs, "lr");
    });
}

QString fromUtf8(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Control characters (other than tab and line breaks) are not allowed in XML 1.0: written as they
// are, they would make the sidecar unreadable to exiftool and the XMP toolkit itself.
std::string toXmpText(const QString &text)
{
    QString s = text;
    s.removeIf([](QChar c) {
        return c.category() == QChar::Other_Control && c != u'\t' && c != u'\n' && c != u'\r';
    });
    return s.toStdString();
}

// Trims each level and drops empty ones: "Lighting | Low key|" → "Lighting/Low key".
QString normalisedPath(const QString &raw, QChar separator)
{
    QStringList levels;
    for (const QString &level : raw.split(separator, Qt::SkipEmptyParts)) {
        const QString trimmed = level.trimmed();
        if (!trimmed.isEmpty())
            levels.append(trimmed);
    }
    return levels.join(u'/');
}

QStringList normalisedTags(const QStringList &tags)
{
    QStringList out;
    for (const QString &tag : tags) {
        const QString path = normalisedPath(tag, u'/');
        if (!path.isEmpty() && !out.contains(path))
            out.append(path);
    }
    return out;
}

// The items of a bag or seq; a writer that stored a single text instead of an array gives one item.
QStringList arrayItems(const Exiv2::XmpData &xmp, const char *key)
{
    const auto it = xmp.findKey(Exiv2::XmpKey(key));
    if (it == xmp.end())
        return {};
    QStringList items;
    if (const auto *array = dynamic_cast<const Exiv2::XmpArrayValue *>(&it->value())) {
        for (long i = 0; i < array->count(); ++i)
            items.append(fromUtf8(array->toString(i)));
    } else if (it->typeId() == Exiv2::xmpText) {
        items.append(fromUtf8(it->toString()));
    }
    return items;
}

// The x-default text, else the only (or first) language a writer used, else a plain text.
QString langAltText(const Exiv2::XmpData &xmp, const char *key)
{
    const auto it = xmp.findKey(Exiv2::XmpKey(key));
    if (it == xmp.end())
        return {};
    if (const auto *langAlt = dynamic_cast<const Exiv2::LangAltValue *>(&it->value())) {
        const auto def = langAlt->value_.find("x-default");
        if (def != langAlt->value_.end())
            return fromUtf8(def->second);
        return langAlt->value_.empty() ? QString() : fromUtf8(langAlt->value_.begin()->second);
    }
    if (it->typeId() == Exiv2::xmpText)
        return fromUtf8(it->toString());
    return {};
}

QString textProperty(const Exiv2::XmpData &xmp, const char *key)
{
    const auto it = xmp.findKey(Exiv2::XmpKey(key));
    if (it == xmp.end() || it->typeId() != Exiv2::xmpText)
        return {};
    return fromUtf8(it->toString()).trimmed();
}

SidecarData interpret(const Exiv2::XmpData &xmp)
{
    SidecarData data;

    QStringList paths;
    for (const QString &item : arrayItems(xmp, keyHierarchicalSubject))
        paths.append(normalisedPath(item, u'|'));
    if (normalisedTags(paths).isEmpty()) {
        for (const QString &item : arrayItems(xmp, keyTagsList))
            paths.append(normalisedPath(item, u'/'));
    }
    paths = normalisedTags(paths);

    // Lightroom lists the ancestors of a keyword in dc:subject too, so only subjects that name no
    // level of any path are tags of their own (added by a tool that writes flat keywords only).
    QSet<QString> levels;
    for (const QString &path : std::as_const(paths)) {
        for (const QString &level : path.split(u'/'))
            levels.insert(level);
    }
    for (const QString &subject : arrayItems(xmp, keySubject)) {
        const QString flat = subject.trimmed();
        if (!flat.isEmpty() && !levels.contains(flat))
            paths.append(flat);
    }
    data.tags = normalisedTags(paths);

    data.title = langAltText(xmp, keyTitle);
    data.description = langAltText(xmp, keyDescription);

    // xmp:Rating is a Real in the XMP specification; Lightroom writes -1 for a rejected photo.
    bool ok = false;
    const double rating = textProperty(xmp, keyRating).toDouble(&ok);
    if (ok) {
        if (rating < 0) {
            data.rejected = true;
        } else {
            data.rating = qBound(0, qRound(rating), 5);
        }
    }

    data.label = textProperty(xmp, keyLabel);
    for (const char16_t *known : knownLabels) {
        if (data.label.compare(QStringView(known), Qt::CaseInsensitive) == 0)
            data.label = QString::fromUtf16(known);
    }
    return data;
}

// A zero-byte or blank file is a sidecar with nothing in it yet, not a damaged one.
bool isEmptyPacket(const QByteArray &bytes)
{
    return bytes.trimmed().isEmpty();
}

// Why the bytes are not an XMP packet, or nothing. Checked before exiv2 sees them because the XMP
// toolkit only reports "failed" (its reason goes to exiv2's muted log), and the user needs to know
// what is wrong with the file.
std::optional<QString> packetProblem(const QByteArray &bytes)
{
    static const QString rdfNs = QStringLiteral("http://www.w3.org/1999/02/22-rdf-syntax-ns#");
    QXmlStreamReader xml(bytes);
    bool sawRdf = false;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::DTD:
            // XMP forbids document types; entity expansion is how an XML file becomes a memory bomb.
            return Tr::tr("it declares a document type (DTD), which XMP does not allow");
        case QXmlStreamReader::StartElement:
            if (xml.name() == u"RDF" && xml.namespaceUri() == rdfNs)
                sawRdf = true;
            break;
        default:
            break;
        }
    }
    if (xml.hasError()) {
        return Tr::tr("it is not well-formed XML (line %1, column %2: %3)")
            .arg(xml.lineNumber())
            .arg(xml.columnNumber())
            .arg(xml.errorString());
    }
    if (!sawRdf)
        return Tr::tr("it is XML but holds no XMP metadata (no rdf:RDF element)");
    return std::nullopt;
}

// Decodes a packet into `xmp`; the error message is the reason alone, for the caller to frame.
// Must be called inside the try block of a public function.
std::optional<QString> decode(const QByteArray &bytes, Exiv2::XmpData &xmp)
{
    if (auto problem = packetProblem(bytes))
        return problem;
    const std::string packet(bytes.constData(), size_t(bytes.size()));
    if (const int rc = Exiv2::XmpParser::decode(xmp, packet); rc != 0)
        return Tr::tr("the XMP toolkit could not parse it (code %1)").arg(rc);
    return std::nullopt;
}

QString exceptionReason(const char *what)
{
    return Tr::tr("the XMP toolkit failed: %1").arg(QString::fromLocal8Bit(what).trimmed());
}

// The data in a packet, or Corrupt with the reason alone, for the caller to say which file it was.
Result<SidecarData> parsePacket(const QByteArray &bytes)
{
    if (isEmptyPacket(bytes))
        return SidecarData{};
    try {
        initExiv2();
        Exiv2::XmpData xmp;
        if (const auto problem = decode(bytes, xmp))
            return Error::corrupt(*problem);
        return interpret(xmp);
    } catch (const Exiv2::AnyError &e) {
        return Error::corrupt(exceptionReason(e.what()));
    } catch (const std::exception &e) {
        // The XMP toolkit and exiv2's key parsing also throw standard exceptions on odd input.
        return Error::corrupt(exceptionReason(e.what()));
    }
}

Result<QByteArray> readSidecarBytes(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile()) // a folder, a pipe or a device named like a sidecar
        return Error::io(Tr::tr("“%1” is not a regular file").arg(path));
    if (info.size() > maxSidecarBytes)
        return Error{Error::Code::TooLarge,
                     Tr::tr("The sidecar “%1” is too large (%2 bytes) to be XMP metadata")
                         .arg(path)
                         .arg(info.size())};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(Tr::tr("Could not open the sidecar “%1”: %2").arg(path, file.errorString()));
    QByteArray bytes = file.read(maxSidecarBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return Error::io(Tr::tr("Could not read the sidecar “%1”: %2").arg(path, file.errorString()));
    return bytes;
}

// Removes a property and everything nested under it ("Key[1]/…", "Key/…").
void eraseProperty(Exiv2::XmpData &xmp, const std::string &key)
{
    for (auto it = xmp.begin(); it != xmp.end();) {
        const std::string k = it->key();
        const bool nested = k.size() > key.size() && k.compare(0, key.size(), key) == 0
                && (k[key.size()] == '[' || k[key.size()] == '/');
        if (k == key || nested)
            it = xmp.erase(it);
        else
            ++it;
    }
}

void setArray(Exiv2::XmpData &xmp, const char *key, Exiv2::TypeId type, const QStringList &items)
{
    eraseProperty(xmp, key);
    if (items.isEmpty())
        return;
    Exiv2::XmpArrayValue value(type);
    for (const QString &item : items)
        value.read(toXmpText(item)); // each read() appends one item
    xmp.add(Exiv2::XmpKey(key), &value);
}

// Replaces the x-default text and keeps the other languages; clearing the text clears them all,
// since the user asked for no title at all.
void setLangAlt(Exiv2::XmpData &xmp, const char *key, const QString &text)
{
    const std::string value = toXmpText(text.trimmed());
    Exiv2::LangAltValue langAlt;
    if (!value.empty()) {
        const auto it = xmp.findKey(Exiv2::XmpKey(key));
        if (it != xmp.end()) {
            if (const auto *old = dynamic_cast<const Exiv2::LangAltValue *>(&it->value()))
                langAlt.value_ = old->value_;
        }
        // Set directly, not through read(), which would parse a leading `lang="…"` in the text.
        langAlt.value_["x-default"] = value;
    }
    eraseProperty(xmp, key);
    if (!langAlt.value_.empty())
        xmp.add(Exiv2::XmpKey(key), &langAlt);
}

void setText(Exiv2::XmpData &xmp, const char *key, const QString &text)
{
    eraseProperty(xmp, key);
    const std::string value = toXmpText(text.trimmed());
    if (value.empty())
        return;
    Exiv2::XmpTextValue v(value);
    xmp.add(Exiv2::XmpKey(key), &v);
}

void applyManaged(Exiv2::XmpData &xmp, const SidecarData &data)
{
    const QStringList paths = normalisedTags(data.tags);
    QStringList leaves;
    QStringList lightroomPaths;
    for (const QString &path : paths) {
        const QStringList levels = path.split(u'/');
        if (!leaves.contains(levels.last()))
            leaves.append(levels.last());
        lightroomPaths.append(levels.join(u'|'));
    }
    setArray(xmp, keySubject, Exiv2::xmpBag, leaves);
    setArray(xmp, keyHierarchicalSubject, Exiv2::xmpBag, lightroomPaths);
    setArray(xmp, keyTagsList, Exiv2::xmpSeq, paths);
    setLangAlt(xmp, keyTitle, data.title);
    setLangAlt(xmp, keyDescription, data.description);
    // Always written, 0 included: it replaces another tool's rating when the user clears it, and it
    // keeps a sidecar without other data from being an empty packet.
    const int rating = data.rejected ? -1 : qBound(0, data.rating, 5);
    setText(xmp, keyRating, QString::number(rating));
    setText(xmp, keyLabel, data.label);
}

} // namespace

QString XmpSidecar::sidecarPath(const QString &imagePath)
{
    return imagePath + QStringLiteral(".xmp");
}

QStringList XmpSidecar::candidatePaths(const QString &imagePath)
{
    QStringList paths{sidecarPath(imagePath)};
    const QFileInfo info(imagePath);
    if (!info.suffix().isEmpty()) {
        const QString dir = imagePath.left(imagePath.size() - info.fileName().size());
        paths.append(dir + info.completeBaseName() + QStringLiteral(".xmp"));
    }
    return paths;
}

Result<SidecarData> XmpSidecar::parse(const QByteArray &xmpPacket)
{
    Result<SidecarData> data = parsePacket(xmpPacket);
    if (!data)
        return Error::corrupt(Tr::tr("The XMP metadata cannot be read: %1").arg(data.error().message));
    return data;
}

Result<SidecarData> XmpSidecar::read(const QString &imagePath)
{
    for (const QString &path : candidatePaths(imagePath)) {
        if (!QFileInfo::exists(path))
            continue;
        const Result<QByteArray> bytes = readSidecarBytes(path);
        if (!bytes)
            return bytes.error();
        Result<SidecarData> data = parsePacket(*bytes);
        if (!data)
            return Error::corrupt(Tr::tr("The sidecar “%1” cannot be read: %2").arg(path, data.error().message));
        return data;
    }
    return Error::notFound(Tr::tr("“%1” has no XMP sidecar").arg(imagePath));
}

Status XmpSidecar::write(const QString &imagePath, const SidecarData &data)
{
    const QString path = sidecarPath(imagePath);
    QByteArray bytes;
    try {
        initExiv2();
        Exiv2::XmpData xmp;
        if (QFileInfo::exists(path)) {
            const Result<QByteArray> existing = readSidecarBytes(path);
            if (!existing)
                return existing.error();
            if (!isEmptyPacket(*existing)) {
                if (const auto problem = decode(*existing, xmp)) {
                    return Error::corrupt(Tr::tr("The existing sidecar “%1” cannot be read, so it was not "
                                                 "replaced (it may hold other programs' data): %2")
                                              .arg(path, *problem));
                }
            }
        }
        applyManaged(xmp, data);
        std::string packet;
        const auto flags = Exiv2::XmpParser::omitPacketWrapper | Exiv2::XmpParser::useCompactFormat;
        if (const int rc = Exiv2::XmpParser::encode(packet, xmp, uint16_t(flags)); rc != 0 || packet.empty()) {
            return Error::corrupt(
                Tr::tr("The XMP metadata for “%1” could not be encoded (code %2)").arg(path).arg(rc));
        }
        // The same layout as exiv2's and digiKam's own sidecars.
        bytes = QByteArrayLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        bytes.append(packet.data(), qsizetype(packet.size()));
    } catch (const Exiv2::AnyError &e) {
        return Error::corrupt(Tr::tr("The sidecar “%1” was not written: %2").arg(path, exceptionReason(e.what())));
    } catch (const std::exception &e) {
        return Error::corrupt(Tr::tr("The sidecar “%1” was not written: %2").arg(path, exceptionReason(e.what())));
    }

    // QSaveFile writes a temporary file next to the target and renames it on commit(); on any
    // failure the temporary file is removed and the old sidecar stays as it was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::io(Tr::tr("Could not write the sidecar “%1”: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return Error::io(Tr::tr("Could not write the sidecar “%1”: %2").arg(path, reason));
    }
    if (!file.commit())
        return Error::io(Tr::tr("Could not write the sidecar “%1”: %2").arg(path, file.errorString()));
    return {};
}

} // namespace stills
