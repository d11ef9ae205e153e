#include "graph/graphstyle.h"

#include <ptscope/graph/graphdot.h>

namespace GraphStyle {

namespace {

QFont sceneFont(int pixelSize)
{
    // Pixel sizes, so that one scene unit of text is one Graphviz point at any screen DPI.
    QFont font(QStringLiteral("Helvetica"));
    font.setStyleHint(QFont::SansSerif);
    font.setPixelSize(pixelSize);
    return font;
}

} // namespace

QColor categoryColor(ptscope::OpCategory category)
{
    return QColor(QLatin1String(ptscope::opCategoryColor(category)));
}

QColor moduleBoxColor()
{
    return QColor(QLatin1String(ptscope::moduleBoxColor()));
}

QColor selectionColor()
{
    return QColor(0x1e, 0x63, 0xd0);
}

QColor hitColor()
{
    return QColor(0xff, 0xc4, 0x00);
}

QFont boxFont()
{
    static const QFont font = sceneFont(10);
    return font;
}

QFont clusterFont()
{
    static const QFont font = sceneFont(9);
    return font;
}

QFont edgeFont()
{
    static const QFont font = sceneFont(8);
    return font;
}

} // namespace GraphStyle
