#include "saliency.h"

#include "cropgeometry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace stills {

namespace {

struct FloatMap {
    int width = 0;
    int height = 0;
    std::vector<float> values;

    FloatMap(int w, int h) : width(w), height(h), values(size_t(w) * size_t(h), 0.0f) {}
    float &at(int x, int y) { return values[size_t(y) * size_t(width) + size_t(x)]; }
    float at(int x, int y) const { return values[size_t(y) * size_t(width) + size_t(x)]; }
};

// Separable 1-4-6-4-1 binomial blur, edges clamped.
FloatMap blurred(const FloatMap &in)
{
    static constexpr std::array<float, 5> kernel = {1 / 16.0f, 4 / 16.0f, 6 / 16.0f, 4 / 16.0f, 1 / 16.0f};
    FloatMap across(in.width, in.height);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x) {
            float sum = 0;
            for (int k = -2; k <= 2; ++k)
                sum += kernel[size_t(k + 2)] * in.at(std::clamp(x + k, 0, in.width - 1), y);
            across.at(x, y) = sum;
        }
    FloatMap out(in.width, in.height);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x) {
            float sum = 0;
            for (int k = -2; k <= 2; ++k)
                sum += kernel[size_t(k + 2)] * across.at(x, std::clamp(y + k, 0, in.height - 1));
            out.at(x, y) = sum;
        }
    return out;
}

void normalise(FloatMap &map)
{
    const float top = *std::max_element(map.values.cbegin(), map.values.cend());
    if (top > 0)
        for (float &v : map.values)
            v /= top;
}

float labF(float t)
{
    return t > 0.008856f ? std::cbrt(t) : 7.787f * t + 16.0f / 116.0f;
}

FloatMap saliencyOf(const QImage &image)
{
    QImage small = image;
    if (std::max(small.width(), small.height()) > Saliency::MapEdge)
        small = small.scaled(Saliency::MapEdge, Saliency::MapEdge, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    small = small.convertToFormat(QImage::Format_RGB32);
    const int w = small.width();
    const int h = small.height();

    // CIE Lab (D65) from sRGB.
    static const std::array<float, 256> linear = [] {
        std::array<float, 256> table {};
        for (int i = 0; i < 256; ++i) {
            const double c = i / 255.0;
            table[size_t(i)] = float(c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
        }
        return table;
    }();
    FloatMap L(w, h), A(w, h), B(w, h);
    double meanL = 0, meanA = 0, meanB = 0;
    for (int y = 0; y < h; ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(small.constScanLine(y));
        for (int x = 0; x < w; ++x) {
            const float r = linear[size_t(qRed(line[x]))];
            const float g = linear[size_t(qGreen(line[x]))];
            const float b = linear[size_t(qBlue(line[x]))];
            const float fx = labF((0.4124f * r + 0.3576f * g + 0.1805f * b) / 0.95047f);
            const float fy = labF(0.2126f * r + 0.7152f * g + 0.0722f * b);
            const float fz = labF((0.0193f * r + 0.1192f * g + 0.9505f * b) / 1.08883f);
            L.at(x, y) = 116 * fy - 16;
            A.at(x, y) = 500 * (fx - fy);
            B.at(x, y) = 200 * (fy - fz);
            meanL += L.at(x, y);
            meanA += A.at(x, y);
            meanB += B.at(x, y);
        }
    }
    const double n = double(w) * h;
    meanL /= n;
    meanA /= n;
    meanB /= n;

    // How far each (blurred) pixel's colour is from the image's mean colour.
    const FloatMap Lb = blurred(L), Ab = blurred(A), Bb = blurred(B);
    FloatMap colour(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double dl = Lb.at(x, y) - meanL, da = Ab.at(x, y) - meanA, db = Bb.at(x, y) - meanB;
            colour.at(x, y) = float(std::sqrt(dl * dl + da * da + db * db));
        }
    normalise(colour);

    // Edge energy of the lightness, spread from the edges over the regions they bound.
    const FloatMap Ls = blurred(Lb);
    FloatMap edges(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const auto l = [&](int dx, int dy) {
                return Ls.at(std::clamp(x + dx, 0, w - 1), std::clamp(y + dy, 0, h - 1));
            };
            const float gx = (l(1, -1) + 2 * l(1, 0) + l(1, 1)) - (l(-1, -1) + 2 * l(-1, 0) + l(-1, 1));
            const float gy = (l(-1, 1) + 2 * l(0, 1) + l(1, 1)) - (l(-1, -1) + 2 * l(0, -1) + l(1, -1));
            edges.at(x, y) = std::sqrt(gx * gx + gy * gy);
        }
    edges = blurred(blurred(edges));
    normalise(edges);

    // Sum, a mild centre prior (photographers put subjects away from the very edge), and everything
    // at or below the mean dropped: an even background weighs nothing.
    FloatMap out(w, h);
    double mean = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double dx = (x + 0.5) / w - 0.5;
            const double dy = (y + 0.5) / h - 0.5;
            const double prior = 0.8 + 0.2 * std::exp(-(dx * dx + dy * dy) / (2 * 0.3 * 0.3));
            const float v = float(prior * (colour.at(x, y) + edges.at(x, y)) / 2);
            out.at(x, y) = v;
            mean += v;
        }
    mean /= n;
    for (float &v : out.values)
        v = std::max(0.0f, v - float(mean));
    normalise(out);
    return out;
}

} // namespace

QImage Saliency::map(const QImage &image)
{
    if (image.isNull())
        return {};
    const FloatMap s = saliencyOf(image);
    QImage out(s.width, s.height, QImage::Format_Grayscale8);
    for (int y = 0; y < s.height; ++y) {
        uchar *line = out.scanLine(y);
        for (int x = 0; x < s.width; ++x)
            line[x] = uchar(std::lround(std::clamp(s.at(x, y), 0.0f, 1.0f) * 255));
    }
    return out;
}

QRectF Saliency::suggest(const QImage &image, double ratio)
{
    if (image.isNull())
        return {};
    const QSizeF imageSize = image.size();
    const double r = ratio > 0 ? ratio : imageSize.width() / imageSize.height();
    const FloatMap s = saliencyOf(image);
    const int w = s.width;
    const int h = s.height;

    // Integral image: the saliency of any window in four lookups.
    std::vector<double> integral(size_t(w + 1) * size_t(h + 1), 0.0);
    const auto I = [&](int x, int y) -> double & { return integral[size_t(y) * size_t(w + 1) + size_t(x)]; };
    double total = 0, momentX = 0, momentY = 0;
    for (int y = 0; y < h; ++y) {
        double row = 0;
        for (int x = 0; x < w; ++x) {
            const double v = s.at(x, y);
            row += v;
            I(x + 1, y + 1) = I(x + 1, y) + row;
            momentX += v * (x + 0.5);
            momentY += v * (y + 0.5);
        }
        total += row;
    }
    const QRectF largest = CropGeometry::largest(r, imageSize);
    if (total <= 0)
        return CropGeometry::toNormalised(largest, imageSize);
    const QPointF centroid(momentX / total, momentY / total);
    const double price = 0.6 * total / (double(w) * h);

    struct Window {
        int x, y, width, height;
        double score;
    };
    std::vector<Window> windows;
    const QRectF largestOnMap = CropGeometry::largest(r, QSizeF(w, h));
    for (const double scale : {1.0, 0.9, 0.8, 0.7, 0.6}) {
        const int ww = std::clamp(int(std::lround(largestOnMap.width() * scale)), 1, w);
        const int wh = std::clamp(int(std::lround(largestOnMap.height() * scale)), 1, h);
        for (int y = 0; y + wh <= h; ++y)
            for (int x = 0; x + ww <= w; ++x) {
                const double inside = I(x + ww, y + wh) - I(x, y + wh) - I(x + ww, y) + I(x, y);
                windows.push_back({x, y, ww, wh, inside - price * ww * wh});
            }
    }
    double best = -1e300;
    for (const Window &window : windows)
        best = std::max(best, window.score);
    // Near-ties (the subject fits in many windows): the one that centres the subject best.
    const Window *chosen = nullptr;
    double nearest = 1e300;
    for (const Window &window : windows) {
        if (window.score < best - 0.01 * total)
            continue;
        const double dx = window.x + window.width / 2.0 - centroid.x();
        const double dy = window.y + window.height / 2.0 - centroid.y();
        const double distance = dx * dx + dy * dy;
        if (distance < nearest || (distance == nearest && chosen && window.width > chosen->width)) {
            nearest = distance;
            chosen = &window;
        }
    }
    const double sx = imageSize.width() / w;
    const double sy = imageSize.height() / h;
    const QRectF onImage(chosen->x * sx, chosen->y * sy, chosen->width * sx, chosen->height * sy);
    return CropGeometry::toNormalised(CropGeometry::constrained(onImage, r, imageSize), imageSize);
}

} // namespace stills
