#include "widgets/codeview.h"

#include "widgets/torchscripthighlighter.h"

#include <QFontDatabase>
#include <QTextBlock>

CodeView::CodeView(QWidget* parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_highlighter = new TorchScriptHighlighter(document(), dark);
}

void CodeView::setCode(const QString& code)
{
    setPlaceholderText(code.isEmpty() ? tr("This module has no TorchScript source.") : QString());
    highlightLine(0);
    setPlainText(code);
}

void CodeView::highlightLine(int line)
{
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    m_line = line > 0 && block.isValid() ? line : 0;
    if (m_line == 0) {
        setExtraSelections({});
        return;
    }
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    QTextEdit::ExtraSelection mark;
    mark.format.setBackground(dark ? QColor(0x5a, 0x4a, 0x10) : QColor(0xff, 0xf1, 0xa8));
    mark.format.setProperty(QTextFormat::FullWidthSelection, true);
    mark.cursor = QTextCursor(block);
    setExtraSelections({mark});
    setTextCursor(QTextCursor(block));
    centerCursor();
}
