#include "photosetdelegate.h"

#include "models/photosetlistmodel.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>

namespace stills {

QSize PhotosetDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 8));
    return size;
}

void PhotosetDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString count = QLocale().toString(index.data(PhotosetListModel::CountRole).toLongLong());
    const int countWidth = opt.fontMetrics.horizontalAdvance(count) + 12;
    // Let the style draw the background, selection and the (elided) name in the space left of the count.
    opt.text = opt.fontMetrics.elidedText(opt.text, Qt::ElideRight, std::max(0, opt.rect.width() - countWidth - 12));
    if (index.row() == 0) // the Library row stands out
        opt.font.setBold(true);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    const bool selected = opt.state & QStyle::State_Selected;
    QColor colour = selected ? opt.palette.highlightedText().color() : opt.palette.placeholderText().color();
    painter->setPen(colour);
    painter->drawText(opt.rect.adjusted(0, 0, -8, 0), Qt::AlignRight | Qt::AlignVCenter, count);
    painter->restore();
}

} // namespace stills
