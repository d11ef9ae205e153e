#include "widgets/torchscripthighlighter.h"

namespace {

QTextCharFormat makeFormat(const QColor& color, bool bold = false, bool italic = false)
{
    QTextCharFormat result;
    result.setForeground(color);
    if (bold)
        result.setFontWeight(QFont::Bold);
    result.setFontItalic(italic);
    return result;
}

QString wordList(const char* const* words, size_t count)
{
    QStringList list;
    for (size_t i = 0; i < count; ++i)
        list.append(QLatin1String(words[i]));
    return QStringLiteral("\\b(?:") + list.join(QLatin1Char('|')) + QStringLiteral(")\\b");
}

const char* const Keywords[] = {"def",  "return", "if",     "elif",  "else",     "for",   "while",
                                "in",   "not",    "and",    "or",    "is",       "class", "import",
                                "from", "as",     "pass",   "break", "continue", "raise", "assert",
                                "with", "lambda", "global", "del",   "try",      "except"};
const char* const Constants[] = {"None", "True", "False", "self"};
const char* const Builtins[] = {
    "int",      "float",          "bool",          "str",     "len",      "range", "isinstance",
    "annotate", "unchecked_cast", "uninitialized", "getattr", "print",    "min",   "max",
    "abs",      "Tensor",         "List",          "Dict",    "Optional", "Tuple", "Union",
    "Any",      "Device",         "NoneType",      "Final",   "Module"};

} // namespace

TorchScriptHighlighter::TorchScriptHighlighter(QTextDocument* document, bool dark)
    : QSyntaxHighlighter(document)
{
    const QColor keyword = dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x33, 0xb3);
    const QColor constant = dark ? QColor(0xc5, 0x86, 0xc0) : QColor(0x87, 0x10, 0x94);
    const QColor builtin = dark ? QColor(0x4e, 0xc9, 0xb0) : QColor(0x00, 0x80, 0x80);
    const QColor call = dark ? QColor(0xdc, 0xdc, 0xaa) : QColor(0x79, 0x5e, 0x26);
    const QColor type = dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x26, 0x7f, 0x99);
    const QColor number = dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x17, 0x50, 0xeb);
    const QColor decorator = dark ? QColor(0xd7, 0xba, 0x7d) : QColor(0x9e, 0x88, 0x0d);

    m_rules.append({QRegularExpression(wordList(Keywords, std::size(Keywords))), makeFormat(keyword, true)});
    m_rules.append({QRegularExpression(wordList(Constants, std::size(Constants))), makeFormat(constant)});
    m_rules.append({QRegularExpression(wordList(Builtins, std::size(Builtins))), makeFormat(builtin)});
    m_rules.append({QRegularExpression(QStringLiteral("\\b(?:torch|ops)(?:\\.\\w+)+")), makeFormat(call)});
    m_rules.append({QRegularExpression(QStringLiteral("\\b__torch__(?:\\.\\w+)+")), makeFormat(type)});
    m_rules.append(
        {QRegularExpression(QStringLiteral("\\b(?:0[xX][0-9a-fA-F]+|\\d+\\.?\\d*(?:[eE][+-]?\\d+)?)\\b")),
         makeFormat(number)});
    m_rules.append({QRegularExpression(QStringLiteral("^\\s*@[\\w.]+")), makeFormat(decorator)});

    m_stringOrComment = QRegularExpression(
        QStringLiteral(R"((?<string>"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?)|(?<comment>#.*))"));
    m_stringFormat = makeFormat(dark ? QColor(0xce, 0x91, 0x78) : QColor(0x06, 0x7d, 0x17));
    m_commentFormat = makeFormat(dark ? QColor(0x6a, 0x99, 0x55) : QColor(0x8c, 0x8c, 0x8c), false, true);
}

void TorchScriptHighlighter::highlightBlock(const QString& text)
{
    for (const Rule& rule : std::as_const(m_rules)) {
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            setFormat(match.capturedStart(), match.capturedLength(), rule.format);
        }
    }
    for (auto it = m_stringOrComment.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const bool isComment = match.capturedLength(u"comment") > 0;
        setFormat(match.capturedStart(), match.capturedLength(),
                  isComment ? m_commentFormat : m_stringFormat);
    }
}
