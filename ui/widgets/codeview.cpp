#include "widgets/codeview.h"

#include "widgets/torchscripthighlighter.h"

#include <QFontDatabase>

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
    setPlainText(code);
}
