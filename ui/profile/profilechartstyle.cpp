// qcustomplot.h still uses foreach, which ptscope_ui switches off everywhere else. Qt decides
// whether to define foreach when its first header is read, so this comes before any include.
#undef QT_NO_FOREACH

#include "profile/profilechartstyle.h"

#include <memory>
#include <qcustomplot.h>

namespace ProfileChartStyle {

QColor kindColor(int index)
{
    // Tableau 10: tells ten series apart, also for most colour-blind readers.
    static const QColor colors[KindColorCount] = {
        QColor(78, 121, 167), QColor(242, 142, 43), QColor(225, 87, 89),  QColor(118, 183, 178),
        QColor(89, 161, 79),  QColor(237, 201, 72), QColor(176, 122, 161), QColor(255, 157, 167),
        QColor(156, 117, 95), QColor(186, 176, 172)};
    return index >= 0 && index < KindColorCount ? colors[index] : QColor(205, 205, 205);
}

QColor controlColor()
{
    return QColor(232, 232, 240);
}

QColor barColor()
{
    return QColor(78, 121, 167);
}

QColor selectionColor()
{
    return QColor(230, 40, 120);
}

QColor computeBoundColor()
{
    return QColor(242, 142, 43);
}

QColor memoryBoundColor()
{
    return QColor(78, 121, 167);
}

void setUpPlot(QCustomPlot* plot)
{
    plot->setNoAntialiasingOnDrag(true);
    plot->setAutoAddPlottableToLegend(false);
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
        axis->setLabelFont(plot->font());
        axis->setTickLabelFont(plot->font());
    }
}

void setPlaceholder(QCustomPlot* plot, const QString& text)
{
    QCPItemText* item = nullptr;
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (plot->item(i)->objectName() == QLatin1String("placeholder"))
            item = qobject_cast<QCPItemText*>(plot->item(i));
    }
    if (text.isEmpty()) {
        if (item)
            plot->removeItem(item);
        return;
    }
    if (!item) {
        item = new QCPItemText(plot);
        item->setObjectName(QStringLiteral("placeholder"));
        item->setClipToAxisRect(false);
        item->position->setType(QCPItemPosition::ptAxisRectRatio);
        item->position->setCoords(0.5, 0.5);
        item->setColor(QColor(110, 110, 110));
    }
    item->setText(text);
}

void onClick(QCustomPlot* plot, QObject* context, std::function<void(const QPointF&)> clicked)
{
    auto pressed = std::make_shared<QPointF>();
    QObject::connect(plot, &QCustomPlot::mousePress, context,
                     [pressed](QMouseEvent* event) { *pressed = event->position(); });
    QObject::connect(plot, &QCustomPlot::mouseRelease, context,
                     [pressed, clicked = std::move(clicked)](QMouseEvent* event) {
                         // A drag ends in a release too; only a press that stayed put is a click.
                         if (event->button() == Qt::LeftButton &&
                             (event->position() - *pressed).manhattanLength() <= 3)
                             clicked(event->position());
                     });
}

} // namespace ProfileChartStyle
