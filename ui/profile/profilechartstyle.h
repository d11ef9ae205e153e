#pragma once

#include <QColor>
#include <QPointF>
#include <QString>
#include <functional>

class QObject;

class QCustomPlot;

// Colours and plot set-up shared by the Profile tab's charts, so a kind has the same colour on
// the timeline as in its legend, and a selected node the same highlight everywhere.
namespace ProfileChartStyle {

// Distinct colours for the kinds that take the most time; kindColor(-1) is the "other" grey.
constexpr int KindColorCount = 10;
QColor kindColor(int index);
QColor controlColor();   // If / Loop spans on the timeline
QColor barColor();       // single-series bar charts
QColor selectionColor(); // the selected node, in every chart
QColor computeBoundColor();
QColor memoryBoundColor();

// Fonts, margins and no-data text for a new plot.
void setUpPlot(QCustomPlot* plot);
// Calls clicked(position) for a left click on the plot; a press dragged more than a few pixels
// (the plot panning) is not a click. context ends the connection.
void onClick(QCustomPlot* plot, QObject* context, std::function<void(const QPointF&)> clicked);
// A line centred in an empty plot ("No profile yet"); an empty text removes it.
void setPlaceholder(QCustomPlot* plot, const QString& text);

} // namespace ProfileChartStyle
