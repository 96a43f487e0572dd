#include "shotdelegate.h"

#include "cropoverlays.h"
#include "imaging/thumbnailcache.h"
#include "models/shotlistmodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace stills {

ShotDelegate::ShotDelegate(ThumbnailCache *thumbnails, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_thumbnails(thumbnails)
{
}

QSize ShotDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return m_geometry.tileSize();
}

void ShotDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const QRect tile = option.rect;
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    if (selected)
        painter->fillRect(tile.adjusted(1, 1, -1, -1), palette.highlight());
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(palette.highlight().color().darker(130), 1));
        painter->drawRect(tile.adjusted(1, 1, -2, -2));
    }

    // The view may give a cell wider than the tile (it spreads the columns over its width): centre the tile.
    const QPoint origin = tile.topLeft() + QPoint(std::max(0, (tile.width() - m_geometry.tileSize().width()) / 2), 0);
    const QRect area = m_geometry.imageArea().translated(origin);
    // One call for the whole row (a paint asks for everything a tile shows).
    const bool loaded = index.data(ShotListModel::LoadedRole).toBool();
    const Shot shot = loaded ? index.data(ShotListModel::ShotRole).value<Shot>() : Shot{};
    const Shot::Status status = shot.status;
    const QString &hash = shot.contentHash;

    QString failure;
    if (loaded && status != Shot::Status::Ok)
        failure = status == Shot::Status::Unsupported ? tr("Unsupported") : tr("Cannot read");
    QImage image;
    if (loaded && failure.isEmpty() && !hash.isEmpty()) {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        image = m_thumbnails->request(hash, shot.path, m_geometry.thumbnailSizeFor(dpr), m_priority);
        if (image.isNull() && m_thumbnails->hasFailed(hash))
            failure = tr("Cannot read");
    }

    if (!image.isNull()) {
        const QRect target = m_geometry.imageRect(image.size() / image.devicePixelRatio()).translated(origin);
        painter->setRenderHint(QPainter::SmoothPixmapTransform, true);
        painter->drawImage(target, image);
    } else {
        const QColor base = palette.color(QPalette::Base);
        painter->fillRect(area, failure.isEmpty() ? base.darker(108) : QColor(0x6b, 0x2b, 0x2b));
        if (!failure.isEmpty()) {
            painter->setPen(QColor(0xff, 0xe0, 0xe0));
            QFont font = option.font;
            font.setBold(true);
            painter->setFont(font);
            painter->drawText(area, Qt::AlignCenter | Qt::TextWordWrap, QStringLiteral("⚠\n") + failure);
        }
    }

    if (loaded) {
        // What the curator set: stars, the flag and the colour label, over the image's lower edge.
        const QRect imageRect = image.isNull() ? area : m_geometry.imageRect(image.size() / image.devicePixelRatio()).translated(origin);
        // The crops (normalised on the upright image, as the thumbnail is): outside the first dimmed.
        const QList<QRectF> *crops = m_overlays && !image.isNull() ? m_overlays->cropsOf(shot.id) : nullptr;
        if (crops && !crops->isEmpty()) {
            const auto onTile = [&imageRect](const QRectF &r) {
                return QRectF(imageRect.left() + r.x() * imageRect.width(), imageRect.top() + r.y() * imageRect.height(),
                              r.width() * imageRect.width(), r.height() * imageRect.height());
            };
            const QRectF first = onTile(crops->first());
            QPainterPath outside;
            outside.addRect(QRectF(imageRect));
            outside.addRect(first);
            painter->fillPath(outside, QColor(0, 0, 0, 120));
            painter->setPen(QPen(QColor(255, 255, 255, 130), 1, Qt::DashLine));
            for (qsizetype i = 1; i < crops->size(); ++i)
                painter->drawRect(onTile(crops->at(i)).adjusted(0.5, 0.5, -0.5, -0.5));
            painter->setPen(QPen(QColor(255, 255, 255, 220), 1));
            painter->drawRect(first.adjusted(0.5, 0.5, -0.5, -0.5));
        }
        if (shot.flag == Shot::Flag::Rejected)
            painter->fillRect(imageRect, QColor(0, 0, 0, 150));
        QFont small = option.font;
        small.setPointSizeF(small.pointSizeF() * 0.95);
        painter->setFont(small);
        const int band = option.fontMetrics.height() + 2;
        const QRect bottom(imageRect.left(), imageRect.bottom() - band + 1, imageRect.width(), band);
        if (shot.rating > 0 || shot.flag != Shot::Flag::None)
            painter->fillRect(bottom, QColor(0, 0, 0, 120));
        if (shot.rating > 0) {
            painter->setPen(QColor(0xff, 0xd0, 0x40));
            painter->drawText(bottom.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, QString(shot.rating, QChar(0x2605)));
        }
        if (shot.flag != Shot::Flag::None) {
            const bool pick = shot.flag == Shot::Flag::Picked;
            painter->setPen(pick ? QColor(0x80, 0xe0, 0x80) : QColor(0xff, 0x70, 0x70));
            painter->drawText(bottom.adjusted(0, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter,
                              pick ? QStringLiteral("\u2691") : QStringLiteral("\u2715"));
        }
        static const QColor labelColours[] = {QColor(), QColor(0xe0, 0x40, 0x40), QColor(0xe8, 0xd0, 0x30),
                                              QColor(0x40, 0xc0, 0x50), QColor(0x40, 0x80, 0xe0), QColor(0xa0, 0x50, 0xd0)};
        if (shot.colorLabel > 0 && shot.colorLabel <= 5)
            painter->fillRect(QRect(imageRect.left(), imageRect.top(), imageRect.width(), 4), labelColours[shot.colorLabel]);
    }

    painter->setFont(option.font);
    painter->setPen(selected ? palette.highlightedText().color() : palette.text().color());
    const QRect label = m_geometry.labelRect().translated(origin);
    const QString name = index.data(Qt::DisplayRole).toString();
    painter->drawText(label, Qt::AlignHCenter | Qt::AlignVCenter,
                      option.fontMetrics.elidedText(name, Qt::ElideMiddle, label.width()));
    painter->restore();
}

} // namespace stills
