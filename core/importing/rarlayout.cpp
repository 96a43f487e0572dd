#include "rarlayout.h"

#include <QByteArray>
#include <QIODevice>

#include <zlib.h>

#include <limits>

namespace stills {

namespace {

// Reads little-endian fields and RAR 5 vints from a header; `ok` turns false on the first read
// past its end, and every later read returns 0.
struct Cursor {
    const QByteArray &bytes;
    qsizetype at = 0;
    bool ok = true;

    quint64 vint(int maxBytes = 10)
    {
        quint64 value = 0;
        for (int i = 0; i < maxBytes; ++i) {
            if (at >= bytes.size()) {
                ok = false;
                return 0;
            }
            const auto b = quint8(bytes.at(at++));
            value |= quint64(b & 0x7F) << (7 * i);
            if (!(b & 0x80))
                return value;
        }
        ok = false; // longer than a vint may be
        return 0;
    }
    quint64 uint(int size)
    {
        if (at + size > bytes.size()) {
            ok = false;
            return 0;
        }
        quint64 value = 0;
        for (int i = 0; i < size; ++i)
            value |= quint64(quint8(bytes.at(at + i))) << (8 * i);
        at += size;
        return value;
    }
};

constexpr qint64 kMaxHeader5 = 2 * 1024 * 1024; // what RAR 5 (and libarchive) allow for one header

} // namespace

std::optional<RarLayout> RarLayout::read(QIODevice &device)
{
    if (!device.isOpen() || !device.seek(0))
        return std::nullopt;
    const QByteArray signature = device.read(8);
    RarLayout layout;
    if (signature == QByteArray::fromRawData("Rar!\x1a\x07\x01\x00", 8)) {
        layout.version = 5;
        readRar5(device, layout);
    } else if (signature.startsWith(QByteArray::fromRawData("Rar!\x1a\x07\x00", 7))) {
        layout.version = 4;
        readRar4(device, layout);
    } else {
        return std::nullopt;
    }
    return layout;
}

// Blocks: CRC-32 (of the size field and the header), vint header size, then the header: vint type,
// vint flags, [vint extra area size], [vint data size], the type's fields; the data area follows.
void RarLayout::readRar5(QIODevice &device, RarLayout &layout)
{
    const qint64 size = device.size();
    auto cutOff = [&](qint64 at) {
        layout.ending = Ending::CutOff;
        layout.cutAt = at;
    };
    qint64 pos = 8;
    for (;;) {
        if (pos >= size)
            return cutOff(pos); // no end-of-archive header
        if (!device.seek(pos))
            return;
        const QByteArray head = device.read(4 + 3);
        Cursor sizeField{head, 4};
        const quint32 crc = quint32(Cursor{head}.uint(4));
        const qint64 headerSize = qint64(sizeField.vint(3));
        if (!sizeField.ok)
            return head.size() < 4 + 3 ? cutOff(pos) : void();
        if (headerSize <= 0 || headerSize > kMaxHeader5)
            return;
        const qsizetype sizeLength = sizeField.at - 4;
        if (!device.seek(pos + 4))
            return;
        const QByteArray header = device.read(sizeLength + headerSize);
        if (header.size() < sizeLength + headerSize)
            return cutOff(pos);
        if (quint32(crc32(0L, reinterpret_cast<const Bytef *>(header.constData()), uInt(header.size()))) != crc)
            return; // damaged header: libarchive says so itself

        Cursor c{header, sizeLength};
        const quint64 type = c.vint();
        const quint64 flags = c.vint();
        if (flags & 0x0001)
            c.vint(); // extra area size
        const quint64 dataSize = (flags & 0x0002) ? c.vint() : 0;
        if (!c.ok)
            return;
        if (type == 5) {
            layout.ending = Ending::Complete;
            return;
        }
        if (type == 4)
            return; // encrypted headers follow
        if (type == 2) {
            const quint64 fileFlags = c.vint();
            const quint64 unpacked = c.vint();
            c.vint(); // attributes
            if (fileFlags & 0x0002)
                c.uint(4); // mtime
            const quint32 dataCrc = (fileFlags & 0x0004) ? quint32(c.uint(4)) : 0;
            if (!c.ok)
                return;
            File file;
            file.unpackedSize = (fileFlags & 0x0008) || unpacked > quint64(std::numeric_limits<qint64>::max())
                                    ? -1
                                    : qint64(unpacked);
            // A file split over volumes carries the CRC of its part, not of the whole file.
            const bool split = flags & (0x0008 | 0x0010);
            if ((fileFlags & 0x0004) && !split)
                file.crc = dataCrc;
            layout.files.append(file);
        }
        const qint64 blockEnd = pos + 4 + sizeLength + headerSize;
        if (dataSize > quint64(size - blockEnd))
            return cutOff(pos);
        pos = blockEnd + qint64(dataSize);
    }
}

// Blocks: CRC-16, type byte, 16-bit flags, 16-bit header size; with flag 0x8000 a 32-bit size of
// the data that follows the header. File (0x74) and service (0x7a) headers keep their packed size
// there, with a high half further on under flag 0x100.
void RarLayout::readRar4(QIODevice &device, RarLayout &layout)
{
    const qint64 size = device.size();
    auto cutOff = [&](qint64 at) {
        layout.ending = Ending::CutOff;
        layout.cutAt = at;
    };
    qint64 pos = 7;
    for (;;) {
        if (pos >= size)
            return; // no end-of-archive block: RAR before 3.0 wrote none, so no verdict
        if (!device.seek(pos))
            return;
        const QByteArray head = device.read(7);
        if (head.size() < 7)
            return cutOff(pos);
        Cursor h{head, 2};
        const auto type = quint8(h.uint(1));
        const quint64 flags = h.uint(2);
        const qint64 headerSize = qint64(h.uint(2));
        if (headerSize < 7)
            return;
        if (!device.seek(pos))
            return;
        const QByteArray header = device.read(headerSize);
        if (header.size() < headerSize)
            return cutOff(pos);
        if (type == 0x7b) {
            layout.ending = Ending::Complete;
            return;
        }
        if (type == 0x73 && (flags & 0x0080))
            return; // encrypted headers follow
        quint64 dataSize = 0;
        if (type == 0x74 || type == 0x7a) {
            Cursor c{header, 7};
            quint64 packed = c.uint(4);
            quint64 unpacked = c.uint(4);
            c.uint(1); // host OS
            const quint32 crc = quint32(c.uint(4));
            if (flags & 0x0100) {
                c.at = 32;
                packed |= c.uint(4) << 32;
                unpacked |= c.uint(4) << 32;
            }
            if (!c.ok || headerSize < 32)
                return;
            dataSize = packed;
            if (type == 0x74) {
                File file;
                file.unpackedSize = unpacked > quint64(std::numeric_limits<qint64>::max()) ? -1 : qint64(unpacked);
                if (!(flags & 0x0003)) // split: the CRC is of this part only
                    file.crc = crc;
                layout.files.append(file);
            }
        } else if (flags & 0x8000) {
            Cursor c{header, 7};
            dataSize = c.uint(4);
            if (!c.ok)
                return;
        }
        if (dataSize > quint64(size - pos - headerSize))
            return cutOff(pos);
        pos += headerSize + qint64(dataSize);
    }
}

} // namespace stills
