#include "compare/unifieddiffhighlighter.h"

#include <QColor>
#include <QTextCharFormat>

UnifiedDiffHighlighter::UnifiedDiffHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {}

UnifiedDiffHighlighter::LineKind UnifiedDiffHighlighter::kindOf(const QString& line)
{
    // "+++" and "---" name the files; tested before the single-character markers.
    if (line.startsWith(QLatin1String("+++")) || line.startsWith(QLatin1String("---")))
        return LineKind::File;
    if (line.startsWith(QLatin1String("@@")))
        return LineKind::Hunk;
    if (line.startsWith(QLatin1Char('+')))
        return LineKind::Added;
    if (line.startsWith(QLatin1Char('-')))
        return LineKind::Removed;
    return LineKind::Context;
}

void UnifiedDiffHighlighter::highlightBlock(const QString& text)
{
    QTextCharFormat format;
    switch (kindOf(text)) {
    case LineKind::Context:
        return;
    case LineKind::Added:
        format.setBackground(QColor(220, 245, 222));
        format.setForeground(QColor(10, 90, 25));
        break;
    case LineKind::Removed:
        format.setBackground(QColor(252, 226, 224));
        format.setForeground(QColor(150, 20, 20));
        break;
    case LineKind::Hunk:
        format.setForeground(QColor(40, 80, 170));
        break;
    case LineKind::File:
        format.setForeground(QColor(110, 110, 110));
        format.setFontWeight(QFont::Bold);
        break;
    }
    setFormat(0, int(text.size()), format);
}
