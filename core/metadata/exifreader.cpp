#include "exifreader.h"

#include "exiv2session.h"

#include "common/logging.h"

#include <QCoreApplication>
#include <QDate>
#include <QFile>
#include <QFileInfo>
#include <QTime>

#include <exiv2/basicio.hpp>
#include <exiv2/easyaccess.hpp>
#include <exiv2/error.hpp>
#include <exiv2/exif.hpp>
#include <exiv2/image.hpp>
#include <exiv2/pngimage.hpp>
#include <exiv2/tags.hpp>
#include <exiv2/tiffimage.hpp>
#include <exiv2/value.hpp>
#include <exiv2/webpimage.hpp>
#include <exiv2/xmp_exiv2.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <string_view>

namespace {

// This file's texts, under the context "Metadata" (translations/README.md).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Metadata)
};

} // namespace

namespace stills {

namespace {

// Exiv2 sorts tags by IFD; the numeric ids are internal to exiv2, so they are looked up once from
// well-known keys instead of being hard-coded.
struct IfdIds {
    int image = -1; // IFD0 ("Exif.Image.*")
    int photo = -1; // the Exif sub-IFD ("Exif.Photo.*")
    int gps = -1;   // "Exif.GPSInfo.*"
};

IfdIds s_ifd;

void initExiv2()
{
    static std::once_flag once;
    std::call_once(once, [] {
        ensureExiv2Initialised();
        s_ifd.image = Exiv2::ExifKey("Exif.Image.Make").ifdId();
        s_ifd.photo = Exiv2::ExifKey("Exif.Photo.FNumber").ifdId();
        s_ifd.gps = Exiv2::ExifKey("Exif.GPSInfo.GPSLatitude").ifdId();
    });
}

enum class Container { Unknown, Jpeg, Png, WebP, Tiff };

// Only the four containers whose exiv2 parsers are mature are handed to exiv2. Exiv2 0.27 also
// registers video and other parsers (RIFF/AVI, QuickTime, Matroska...) that are known to crash
// on hostile input; letting exiv2 auto-detect would expose them to every file in a folder.
Container sniff(const uchar *p, qint64 n)
{
    if (n >= 4 && p[0] == 0xFF && p[1] == 0xD8) // SOI alone, as exiv2 and libjpeg accept it
        return Container::Jpeg;
    if (n >= 8 && std::memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
        return Container::Png;
    if (n >= 12 && std::memcmp(p, "RIFF", 4) == 0 && std::memcmp(p + 8, "WEBP", 4) == 0)
        return Container::WebP;
    if (n >= 4 && (std::memcmp(p, "II*\0", 4) == 0 || std::memcmp(p, "MM\0*", 4) == 0))
        return Container::Tiff;
    return Container::Unknown;
}

enum class JpegExif { Found, Absent, Truncated, Damaged };

// Finds the first APP1 "Exif" segment of a JPEG without exiv2's JpegImage: that class also parses
// the XMP packet, IPTC and ICC segments, which Stills does not use and which cost more than the
// EXIF itself. Walks markers the way exiv2 does (junk between segments is skipped), and stops at
// the start of the image data, where EXIF can no longer appear.
JpegExif findJpegExif(const uchar *p, qint64 n, const uchar **exif, qint64 *exifSize, qint64 *where)
{
    qint64 i = 2; // after SOI
    while (i < n) {
        while (i < n && p[i] != 0xFF)
            ++i;
        while (i < n && p[i] == 0xFF)
            ++i;
        if (i >= n)
            return JpegExif::Absent;
        const uchar marker = p[i++];
        if (marker == 0xDA || marker == 0xD9) // SOS, EOI
            return JpegExif::Absent;
        if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7))
            continue; // markers without a length
        *where = i - 2;
        if (i + 2 > n)
            return JpegExif::Truncated;
        const qint64 length = (qint64(p[i]) << 8) | p[i + 1];
        if (length < 2)
            return JpegExif::Damaged;
        const bool isExif = marker == 0xE1 && length >= 8 && i + 8 <= n
                && std::memcmp(p + i + 2, "Exif\0\0", 6) == 0;
        if (i + length > n)
            return JpegExif::Truncated;
        if (isExif) {
            *exif = p + i + 8;
            *exifSize = length - 8;
            return JpegExif::Found;
        }
        i += length;
    }
    return JpegExif::Absent;
}

// Camera strings are fixed-size fields padded with NULs or spaces, sometimes with garbage after
// the first NUL; fuzzed files put control bytes and megabytes into them.
QString cleanString(const std::string &raw)
{
    constexpr qsizetype maxLength = 256; // longer is garbage, and it would bloat the catalog
    const auto nul = raw.find('\0');
    const std::string_view bytes(raw.data(), nul == std::string::npos ? raw.size() : nul);
    QString s = QString::fromUtf8(bytes.data(), qsizetype(std::min<size_t>(bytes.size(), maxLength * 4)));
    s.removeIf([](QChar c) { return c.category() == QChar::Other_Control; });
    s = s.trimmed();
    if (s.size() > maxLength)
        s.truncate(maxLength);
    return s;
}

QString asciiValue(const Exiv2::Exifdatum *d)
{
    if (!d || d->typeId() != Exiv2::asciiString)
        return {};
    return cleanString(d->toString());
}

// One component of a numeric tag as a double, or nothing for a zero denominator, a non-numeric
// type, a missing component or a non-finite result.
std::optional<double> number(const Exiv2::Exifdatum *d, long n = 0)
{
    if (!d || n < 0 || n >= d->count())
        return std::nullopt;
    const Exiv2::Value &v = d->value();
    double r = 0;
    switch (d->typeId()) {
    case Exiv2::unsignedRational: {
        // toRational() would squeeze the unsigned parts into int32 and turn large values negative.
        const auto *uv = dynamic_cast<const Exiv2::URationalValue *>(&v);
        if (!uv)
            return std::nullopt;
        const Exiv2::URational q = uv->value_.at(size_t(n));
        if (q.second == 0)
            return std::nullopt;
        r = double(q.first) / double(q.second);
        break;
    }
    case Exiv2::signedRational: {
        const Exiv2::Rational q = v.toRational(n);
        if (q.second == 0)
            return std::nullopt;
        r = double(q.first) / double(q.second);
        break;
    }
    case Exiv2::unsignedByte:
    case Exiv2::unsignedShort:
    case Exiv2::unsignedLong:
    case Exiv2::signedByte:
    case Exiv2::signedShort:
    case Exiv2::signedLong:
        r = double(v.toLong(n));
        break;
    case Exiv2::tiffFloat:
    case Exiv2::tiffDouble:
        r = double(v.toFloat(n));
        break;
    default:
        return std::nullopt;
    }
    if (!std::isfinite(r))
        return std::nullopt;
    return r;
}

// A value inside (low, high]; anything else is a writer bug or garbage and is dropped rather than
// shown to the user as a fact.
std::optional<double> within(std::optional<double> v, double low, double high)
{
    if (v && *v > low && *v <= high)
        return v;
    return std::nullopt;
}

// EXIF dates are "yyyy:MM:dd HH:mm:ss". Parsed by position because QDateTime::fromString with a
// format is slow, and lenient about the separators because some writers use '-' or '/'.
QDateTime parseExifDate(const Exiv2::Exifdatum *d)
{
    if (!d || d->typeId() != Exiv2::asciiString)
        return {};
    const std::string s = d->toString();
    if (s.size() < 19)
        return {};
    auto field = [&s](size_t pos, size_t len) {
        int value = 0;
        for (size_t i = pos; i < pos + len; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return -1;
            value = value * 10 + (s[i] - '0');
        }
        return value;
    };
    const QDate date(field(0, 4), field(5, 2), field(8, 2));
    const QTime time(field(11, 2), field(14, 2), field(17, 2));
    if (!date.isValid() || !time.isValid() || date.year() < 1800)
        return {};
    return QDateTime(date, time); // camera wall-clock time; EXIF 2.2 has no zone
}

// Printed (interpreted) value of a maker-note fallback. Maker notes encode ISO and lens ids in
// vendor units, so only exiv2's pretty-printer turns them into something comparable.
QString printed(const Exiv2::ExifData &ed, Exiv2::ExifData::const_iterator it)
{
    if (it == ed.end())
        return {};
    return cleanString(it->print(&ed));
}

bool isMeaningfulLens(const QString &s)
{
    if (s.isEmpty() || s.startsWith(u'('))
        return false;
    for (const auto *junk : {u"unknown", u"n/a", u"none", u"not available"}) {
        if (s.startsWith(QStringView(junk), Qt::CaseInsensitive))
            return false;
    }
    return std::any_of(s.cbegin(), s.cend(), [](QChar c) { return c.isLetter(); });
}

std::optional<double> gpsCoordinate(const Exiv2::Exifdatum *value, const Exiv2::Exifdatum *ref,
                                    char negative, double limit)
{
    const auto degrees = number(value, 0);
    if (!degrees)
        return std::nullopt;
    // Some writers leave unused minutes/seconds as 0/0 when the degrees carry the precision.
    const double minutes = number(value, 1).value_or(0.0);
    const double seconds = number(value, 2).value_or(0.0);
    double result = *degrees + minutes / 60.0 + seconds / 3600.0;
    if (!std::isfinite(result) || result < 0 || result > limit)
        return std::nullopt;
    if (ref && ref->count() > 0) {
        const std::string r = ref->toString();
        if (!r.empty() && (r[0] == negative || r[0] == negative + ('a' - 'A')))
            result = -result;
    }
    return result;
}

ExifInfo interpret(const Exiv2::ExifData &ed)
{
    // One pass over the data instead of a findKey() per field: findKey() compares key strings
    // against every datum, and maker notes make that hundreds of entries.
    enum Slot {
        Make, Model, Orientation, ImageDateTime, DateTimeOriginal, DateTimeDigitized,
        ExposureTime, FNumber, Iso, ApertureValue, FocalLength, LensModel,
        LatitudeRef, Latitude, LongitudeRef, Longitude, AltitudeRef, Altitude,
        // TIFF/EP writes some of the Exif-IFD tags into IFD0; used only when the Exif IFD lacks them.
        Ifd0DateTimeOriginal, Ifd0ExposureTime, Ifd0FNumber, Ifd0Iso, Ifd0FocalLength,
        SlotCount
    };
    const Exiv2::Exifdatum *slot[SlotCount] = {};
    auto take = [&slot](Slot s, const Exiv2::Exifdatum &d) {
        if (!slot[s])
            slot[s] = &d;
    };

    for (const Exiv2::Exifdatum &d : ed) {
        const int ifd = d.ifdId();
        const uint16_t tag = d.tag();
        if (ifd == s_ifd.image) {
            switch (tag) {
            case 0x010f: take(Make, d); break;
            case 0x0110: take(Model, d); break;
            case 0x0112: take(Orientation, d); break;
            case 0x0132: take(ImageDateTime, d); break;
            case 0x829a: take(Ifd0ExposureTime, d); break;
            case 0x829d: take(Ifd0FNumber, d); break;
            case 0x8827: take(Ifd0Iso, d); break;
            case 0x9003: take(Ifd0DateTimeOriginal, d); break;
            case 0x920a: take(Ifd0FocalLength, d); break;
            default: break;
            }
        } else if (ifd == s_ifd.photo) {
            switch (tag) {
            case 0x829a: take(ExposureTime, d); break;
            case 0x829d: take(FNumber, d); break;
            case 0x8827: take(Iso, d); break;
            case 0x9003: take(DateTimeOriginal, d); break;
            case 0x9004: take(DateTimeDigitized, d); break;
            case 0x9202: take(ApertureValue, d); break;
            case 0x920a: take(FocalLength, d); break;
            case 0xa434: take(LensModel, d); break;
            default: break;
            }
        } else if (ifd == s_ifd.gps) {
            switch (tag) {
            case 0x0001: take(LatitudeRef, d); break;
            case 0x0002: take(Latitude, d); break;
            case 0x0003: take(LongitudeRef, d); break;
            case 0x0004: take(Longitude, d); break;
            case 0x0005: take(AltitudeRef, d); break;
            case 0x0006: take(Altitude, d); break;
            default: break;
            }
        }
    }
    auto either = [&slot](Slot primary, Slot fallback) { return slot[primary] ? slot[primary] : slot[fallback]; };

    ExifInfo info;

    // Only the standard tag: it is what decoders (Qt's, libjpeg-based viewers) apply, and
    // exiv2's orientation() fallbacks include maker-note rotations in other encodings.
    if (const auto o = number(slot[Orientation]); o && *o >= 1 && *o <= 8)
        info.orientation = int(*o);

    for (const auto *d : {either(DateTimeOriginal, Ifd0DateTimeOriginal), slot[DateTimeDigitized], slot[ImageDateTime]}) {
        info.takenAt = parseExifDate(d);
        if (info.takenAt.isValid())
            break;
    }

    info.cameraMake = asciiValue(slot[Make]);
    info.cameraModel = asciiValue(slot[Model]);

    info.lens = asciiValue(slot[LensModel]);
    if (info.lens.isEmpty()) {
        const QString fromMakerNote = printed(ed, Exiv2::lensName(ed));
        if (isMeaningfulLens(fromMakerNote))
            info.lens = fromMakerNote;
    }

    // Bounds: beyond them a value is garbage rather than an exotic camera.
    info.focalLength = within(number(either(FocalLength, Ifd0FocalLength)), 0, 100000);
    info.exposureTime = within(number(either(ExposureTime, Ifd0ExposureTime)), 0, 100000);
    info.aperture = within(number(either(FNumber, Ifd0FNumber)), 0, 1000);
    if (!info.aperture) {
        // APEX: f-number = 2^(Av/2).
        if (const auto av = number(slot[ApertureValue]); av && *av > -4 && *av < 64)
            info.aperture = within(std::pow(2.0, *av / 2.0), 0, 1000);
    }

    // 0 means "unknown" and 65535 "does not fit" (EXIF 2.3); exiv2's isoSpeed() then consults
    // SensitivityType and the maker notes, printed because maker notes store ISO encoded.
    if (const auto iso = number(either(Iso, Ifd0Iso)); iso && *iso > 0 && *iso < 65535) {
        info.iso = int(*iso);
    } else {
        bool ok = false;
        const int fallback = printed(ed, Exiv2::isoSpeed(ed)).toInt(&ok);
        if (ok && fallback > 0 && fallback <= 10'000'000)
            info.iso = fallback;
        else if (iso && *iso == 65535)
            info.iso = 65535;
    }

    const auto latitude = gpsCoordinate(slot[Latitude], slot[LatitudeRef], 'S', 90);
    const auto longitude = gpsCoordinate(slot[Longitude], slot[LongitudeRef], 'W', 180);
    // A receiver without a fix often writes 0/0 for both; no photo is worth pinning to that point.
    if (latitude && longitude && !(*latitude == 0 && *longitude == 0)) {
        info.gpsLatitude = latitude;
        info.gpsLongitude = longitude;
    }
    if (auto altitude = number(slot[Altitude]); altitude && std::abs(*altitude) < 100000) {
        if (number(slot[AltitudeRef]).value_or(0) == 1)
            *altitude = -*altitude;
        info.gpsAltitude = altitude;
    }
    return info;
}

Error fromExiv2(const Exiv2::AnyError &e)
{
    const QString what = QString::fromLocal8Bit(e.what()).trimmed();
    switch (e.code()) {
    // kerNotAnImage is not listed: only sniffed containers reach exiv2, so it means an EXIF block
    // whose TIFF header is damaged.
    case Exiv2::kerMemoryContainsUnknownImageType:
    case Exiv2::kerFileContainsUnknownImageType:
        return Error::unsupported(Tr::tr("The metadata reader does not recognise this file: %1").arg(what));
    case Exiv2::kerDataSourceOpenFailed:
    case Exiv2::kerFileOpenFailed:
        return Error::io(Tr::tr("The file could not be opened to read its metadata: %1").arg(what));
    default:
        return Error::corrupt(Tr::tr("The photo's metadata (EXIF) is damaged: %1").arg(what));
    }
}

Result<ExifInfo> readExiv2(const uchar *p, qint64 n)
{
    const Container container = sniff(p, n);
    switch (container) {
    case Container::Jpeg: {
        const uchar *exif = nullptr;
        qint64 exifSize = 0;
        qint64 where = 0;
        switch (findJpegExif(p, n, &exif, &exifSize, &where)) {
        case JpegExif::Absent:
            return ExifInfo{};
        case JpegExif::Truncated:
            return Error::corrupt(Tr::tr("The file ends inside its JPEG header (segment at byte %1), "
                                         "before the metadata could be read").arg(where));
        case JpegExif::Damaged:
            return Error::corrupt(Tr::tr("The JPEG header is damaged: the segment at byte %1 has an "
                                         "impossible length").arg(where));
        case JpegExif::Found:
            break;
        }
        if (exifSize <= 0 || exifSize > std::numeric_limits<uint32_t>::max())
            return ExifInfo{};
        Exiv2::ExifData ed;
        const Exiv2::ByteOrder order = Exiv2::ExifParser::decode(ed, reinterpret_cast<const Exiv2::byte *>(exif),
                                                                 uint32_t(exifSize));
        // Like exiv2's own JPEG reader: an EXIF block without a valid TIFF header is no EXIF.
        if (order == Exiv2::invalidByteOrder)
            return ExifInfo{};
        return interpret(ed);
    }
    case Container::Png:
    case Container::WebP:
    case Container::Tiff: {
        // MemIo reads the caller's bytes in place, without a copy.
        Exiv2::BasicIo::AutoPtr io(new Exiv2::MemIo(reinterpret_cast<const Exiv2::byte *>(p), long(n)));
        Exiv2::Image::AutoPtr image = container == Container::Png ? Exiv2::newPngInstance(std::move(io), false)
                : container == Container::WebP ? Exiv2::newWebPInstance(std::move(io), false)
                                               : Exiv2::newTiffInstance(std::move(io), false);
        if (!image.get())
            return Error::corrupt(Tr::tr("The metadata reader could not open the image"));
        image->readMetadata();
        return interpret(image->exifData());
    }
    case Container::Unknown:
        break;
    }
    return Error::unsupported(Tr::tr("EXIF is read only from JPEG, PNG, WebP and TIFF files"));
}

} // namespace

Result<ExifInfo> ExifReader::read(const char *data, qint64 size)
{
    if (!data || size <= 0)
        return Error::corrupt(Tr::tr("The file is empty"));
    // Exiv2 0.27 measures buffers in `long`; bigger than that is no photo.
    if (size > std::numeric_limits<long>::max() / 2)
        return Error{Error::Code::TooLarge, Tr::tr("The file is too large to read its metadata")};
    try {
        initExiv2();
        return readExiv2(reinterpret_cast<const uchar *>(data), size);
    } catch (const Exiv2::AnyError &e) {
        return fromExiv2(e);
    } catch (const std::bad_alloc &) {
        return Error::corrupt(Tr::tr("The photo's metadata claims more memory than is available; it is damaged"));
    } catch (const std::exception &e) {
        // Exiv2 also throws standard exceptions (out_of_range, overflow_error) on bad offsets.
        return Error::corrupt(Tr::tr("The photo's metadata (EXIF) is damaged: %1")
                                  .arg(QString::fromLocal8Bit(e.what())));
    }
}

Result<ExifInfo> ExifReader::read(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return Error::io(Tr::tr("“%1” is a folder, not an image").arg(path));
    if (info.exists() && !info.isFile()) // a pipe would block, a device never end
        return Error::io(Tr::tr("“%1” is not a regular file").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(Tr::tr("Could not open “%1”: %2").arg(path, file.errorString()));
    const qint64 size = file.size();
    if (size <= 0)
        return Error::corrupt(Tr::tr("The file is empty"));
    // Mapped, so the JPEG path touches only the pages that hold the header and EXIF.
    if (const uchar *mapped = file.map(0, size))
        return read(reinterpret_cast<const char *>(mapped), size);
    const QByteArray bytes = file.readAll();
    if (bytes.size() != size)
        return Error::io(Tr::tr("Could not read “%1”: %2").arg(path, file.errorString()));
    return read(bytes.constData(), bytes.size());
}

} // namespace stills
