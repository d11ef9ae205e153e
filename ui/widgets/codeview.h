#pragma once

#include <QPlainTextEdit>

class TorchScriptHighlighter;

// Read-only, monospace, highlighted TorchScript source of the selected module.
class CodeView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit CodeView(QWidget* parent = nullptr);

    void setCode(const QString& code);

private:
    TorchScriptHighlighter* m_highlighter;
};
