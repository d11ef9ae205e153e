#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <QVector>

// Colours the Python subset TorchScript prints: keywords, builtins and typing names, numbers,
// decorators, torch./ops. calls, __torch__ class names, strings and comments.
class TorchScriptHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    // darkBackground picks colours readable on a dark palette.
    TorchScriptHighlighter(QTextDocument* document, bool darkBackground);

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    QVector<Rule> m_rules;
    // Strings and comments are matched in one left-to-right pass, so a '#' inside a string
    // and quotes inside a comment are left alone.
    QRegularExpression m_stringOrComment;
    QTextCharFormat m_stringFormat;
    QTextCharFormat m_commentFormat;
};
