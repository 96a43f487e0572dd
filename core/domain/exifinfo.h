#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace stills {

// The EXIF fields Stills keeps in the catalog. Absent values stay empty/nullopt, never 0.
struct ExifInfo {
    int orientation = 1; // EXIF 1..8; 1 when absent
    QDateTime takenAt;   // DateTimeOriginal (local camera time, no zone); invalid when absent
    QString cameraMake;
    QString cameraModel;
    QString lens;
    std::optional<double> focalLength;  // mm
    std::optional<double> aperture;     // f-number
    std::optional<double> exposureTime; // seconds
    std::optional<int> iso;
    std::optional<double> gpsLatitude;  // degrees, north positive
    std::optional<double> gpsLongitude; // degrees, east positive
    std::optional<double> gpsAltitude;  // metres above sea level

    bool operator==(const ExifInfo &) const = default;
};

} // namespace stills
