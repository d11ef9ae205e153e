#pragma once

#include <QPlainTextEdit>

class TorchScriptHighlighter;

// Read-only, monospace, highlighted TorchScript source: the selected module's class, or a code
// file of the archive with the line a graph node came from marked.
class CodeView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeView(QWidget* parent = nullptr);

    void setCode(const QString& code);
    // Marks a 1-based line and scrolls it to the middle; 0 clears the mark.
    void highlightLine(int line);
    int highlightedLine() const { return m_line; }

private:
    TorchScriptHighlighter* m_highlighter;
    int m_line = 0;
};
