#pragma once

#include <QStyledItemDelegate>

namespace stills {

// A row of the photoset pane: the name, and the shot count right-aligned in a quieter colour.
class PhotosetDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace stills
