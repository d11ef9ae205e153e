#pragma once

#include <QSyntaxHighlighter>

// Colours a unified diff by line: added lines green, removed lines red, hunk headers ("@@ -1,4
// +1,5 @@") blue, file headers grey; context lines stay as they are.
class UnifiedDiffHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class LineKind
    {
        Context,
        Added,
        Removed,
        Hunk,
        File,
    };

    explicit UnifiedDiffHighlighter(QTextDocument* document);

    static LineKind kindOf(const QString& line);

protected:
    void highlightBlock(const QString& text) override;
};
