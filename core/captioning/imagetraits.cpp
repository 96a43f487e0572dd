#include "imagetraits.h"

#include "imaging/imagedecoder.h"

#include <QColor>
#include <QHash>

#include <algorithm>
#include <array>
#include <cmath>

namespace stills {

QString ImageTraits::colourName(int red, int green, int blue)
{
    const int maxChannel = std::max({red, green, blue});
    const int minChannel = std::min({red, green, blue});
    const double value = maxChannel / 255.0;
    const double chroma = (maxChannel - minChannel) / 255.0;
    const double saturation = maxChannel > 0 ? double(maxChannel - minChannel) / maxChannel : 0.0;

    if (value < 0.16)
        return QStringLiteral("black");
    // Little colour in it: a grey, whatever the hue says (the hue of a near-grey is noise).
    if (chroma < 0.08 || saturation < 0.12)
        return value > 0.85 ? QStringLiteral("white") : QStringLiteral("grey");

    const int hue = QColor(red, green, blue).hsvHue(); // 0..359, defined since chroma > 0
    if (hue < 15 || hue >= 340) {
        if (saturation < 0.5 && value > 0.7)
            return QStringLiteral("pink");
        return value < 0.45 ? QStringLiteral("brown") : QStringLiteral("red");
    }
    if (hue < 45) {
        if (saturation < 0.4 && value > 0.7)
            return QStringLiteral("beige");
        return value < 0.6 ? QStringLiteral("brown") : QStringLiteral("orange");
    }
    if (hue < 70) {
        if (saturation < 0.35 && value > 0.7)
            return QStringLiteral("beige");
        return value < 0.5 ? QStringLiteral("olive") : QStringLiteral("yellow");
    }
    if (hue < 165)
        return QStringLiteral("green");
    if (hue < 195)
        return QStringLiteral("teal");
    if (hue < 255)
        return QStringLiteral("blue");
    if (hue < 290)
        return QStringLiteral("purple");
    return value > 0.6 ? QStringLiteral("pink") : QStringLiteral("purple");
}

namespace {

// The linear light of each 8-bit sRGB level, from which CIE L* of any colour follows.
struct Lightness {
    std::array<double, 256> linear{};
    Lightness()
    {
        for (int v = 0; v < 256; ++v) {
            const double c = v / 255.0;
            linear[size_t(v)] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
        }
    }
    double of(int r, int g, int b) const
    {
        const double y = 0.2126 * linear[size_t(r)] + 0.7152 * linear[size_t(g)] + 0.0722 * linear[size_t(b)];
        return y > 216.0 / 24389.0 ? 116.0 * std::cbrt(y) - 16.0 : y * 24389.0 / 27.0;
    }
};

} // namespace

ImageTraits ImageTraits::analyse(const QImage &source)
{
    ImageTraits traits;
    if (source.isNull())
        return traits;
    QImage image = source;
    if (std::max(image.width(), image.height()) > AnalysisEdge)
        image = image.scaled(AnalysisEdge, AnalysisEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    image = image.convertToFormat(QImage::Format_RGB32);
    traits.width = image.width();
    traits.height = image.height();

    // Four levels per channel: 64 boxes, each remembering how many pixels fell in and their sum,
    // so that a box is named by the mean colour of its own pixels rather than by its corner.
    struct Box {
        qint64 count = 0;
        qint64 red = 0, green = 0, blue = 0;
    };
    std::array<Box, 64> boxes{};
    static const Lightness lightnessOf;
    double lightnessSum = 0;
    double lightnessSquares = 0;
    qint64 colourful = 0;
    const qint64 pixels = qint64(image.width()) * image.height();
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int r = qRed(line[x]), g = qGreen(line[x]), b = qBlue(line[x]);
            Box &box = boxes[size_t((r >> 6) << 4 | (g >> 6) << 2 | (b >> 6))];
            ++box.count;
            box.red += r;
            box.green += g;
            box.blue += b;
            const double lightness = lightnessOf.of(r, g, b);
            lightnessSum += lightness;
            lightnessSquares += lightness * lightness;
            if (std::max({r, g, b}) - std::min({r, g, b}) > 24)
                ++colourful;
        }
    }
    traits.brightness = lightnessSum / double(pixels);
    traits.contrast = std::sqrt(std::max(0.0, lightnessSquares / double(pixels) - traits.brightness * traits.brightness));
    // A sepia print or a scan with a faint cast still reads as black and white.
    traits.monochrome = double(colourful) / double(pixels) < 0.03;

    QHash<QString, qint64> byName;
    for (const Box &box : boxes) {
        if (box.count == 0)
            continue;
        byName[colourName(int(box.red / box.count), int(box.green / box.count), int(box.blue / box.count))] += box.count;
    }
    for (auto it = byName.cbegin(); it != byName.cend(); ++it)
        traits.colours.append({it.key(), double(it.value()) / double(pixels)});
    std::sort(traits.colours.begin(), traits.colours.end(), [](const NamedColour &a, const NamedColour &b) {
        return a.share != b.share ? a.share > b.share : a.name < b.name;
    });
    return traits;
}

Result<ImageTraits> ImageTraits::analyse(const QString &path)
{
    // Twice the analysis size, so that the final downscale averages (libjpeg's reduced decode
    // does the rest of the work cheaply).
    auto decoded = ImageDecoder::decodeScaled(path, 2 * AnalysisEdge);
    if (!decoded)
        return decoded.error();
    return analyse(*decoded);
}

QStringList ImageTraits::dominantColours(double minimumShare, int limit) const
{
    QStringList names;
    for (const NamedColour &colour : colours) {
        if (names.size() >= limit || (!names.isEmpty() && colour.share < minimumShare))
            break;
        names.append(colour.name);
    }
    return names;
}

} // namespace stills
