#pragma once

#include <QColor>
#include <QFont>
#include <ptscope/graph/graph.h>

// Colours, fonts and sizes of the interactive graph, in scene units (Graphviz points). Fill
// colours come from core, so the scene, the legend and the exported DOT agree.
namespace GraphStyle {

QColor categoryColor(ptscope::OpCategory category);
QColor moduleBoxColor();
QColor selectionColor(); // outline of the selected box or cluster, and its edges
QColor hitColor();       // halo of search hits

// Sized in scene units, like Graphviz's fontsize: 10 for boxes, 9 for clusters, 8 for edges.
QFont boxFont();
QFont clusterFont();
QFont edgeFont();

// Below these zoom levels text is not drawn: it would be unreadable, and skipping it keeps a
// whole big graph quick to repaint.
constexpr qreal MinBoxTextZoom = 0.45;
constexpr qreal MinEdgeLabelZoom = 0.9;
// Below this many pixels a box, frame or edge detail is drawn as plain colour: rounded corners,
// outlines, dashes and curves would cost paint time and show nothing (a fully expanded ViT fitted
// to the window is 7,000 boxes of a pixel or two).
constexpr qreal MinDetailPixels = 3;
// Height of a module cluster's header, where Graphviz puts the label; a click there collapses it.
constexpr qreal ClusterHeaderHeight = 15;

} // namespace GraphStyle
