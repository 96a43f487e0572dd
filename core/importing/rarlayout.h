#pragma once

#include <QList>
#include <QtGlobal>

#include <optional>

class QIODevice;

namespace stills {

// The block layout of a RAR 4 or RAR 5 archive, read from its headers alone (the data between
// them is seeked over, so this costs a few reads per entry).
//
// Why: libarchive (3.6) takes a RAR that is cut off at or inside a header for a complete archive
// (it reports a clean end), and it does not check the CRC-32 of stored (uncompressed) files.
// ArchiveImporter uses this layout to catch both: an archive that ends before its end-of-archive
// header is damaged, and a file whose bytes do not match its header's CRC-32 is not taken.
//
// Pure parsing, no Qt objects kept; the device must be open for reading and seekable.
class RarLayout
{
public:
    struct File {
        qint64 unpackedSize = -1;   // -1: the header says it is unknown
        std::optional<quint32> crc; // CRC-32 of the unpacked data, when the header has one for the whole file
    };
    enum class Ending {
        Complete, // the end-of-archive header was found
        CutOff,   // the archive stops inside a header or a file's data, or before its end-of-archive header
        Unknown,  // the layout cannot be followed (encrypted headers, a header that fails its CRC, an
                  // old archive without an end-of-archive header): no verdict
    };

    // Nullopt when the device does not start with a RAR 4 or RAR 5 signature.
    static std::optional<RarLayout> read(QIODevice &device);

    int version = 0;     // 4 or 5
    QList<File> files;   // the file headers in archive order, directories and links included: one per
                         // entry libarchive returns (service and comment headers are not entries)
    Ending ending = Ending::Unknown;
    qint64 cutAt = -1;   // CutOff: the offset of the block that is incomplete or missing

private:
    static void readRar4(QIODevice &device, RarLayout &layout);
    static void readRar5(QIODevice &device, RarLayout &layout);
};

} // namespace stills
