#include "uitestsupport.h"
#include "widgets/torchscripthighlighter.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

namespace {

// The format the highlighter gave to the character at column of line.
QTextCharFormat formatAt(const QTextDocument& document, int line, int column)
{
    const QTextBlock block = document.findBlockByNumber(line);
    const QList<QTextLayout::FormatRange> ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange& range : ranges) {
        if (column >= range.start && column < range.start + range.length)
            return range.format;
    }
    return {};
}

} // namespace

class HighlighterTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { UiTest::isolateSettings(); }

    void colorsTorchScript()
    {
        QTextDocument document;
        TorchScriptHighlighter highlighter(&document, false);
        document.setPlainText(QStringLiteral("def forward(self, x: Tensor) -> Tensor:\n"
                                             "  # don't 'quote' me\n"
                                             "  _0 = torch.relu(x, \"#not a comment\")\n"
                                             "  return ops.prim.NumToTensor(12)\n"
                                             "@torch.jit.export\n"));
        highlighter.rehighlight(); // a new highlighter otherwise waits for the event loop
        QCOMPARE(formatAt(document, 0, 0).fontWeight(), int(QFont::Bold)); // def
        const QBrush self = formatAt(document, 0, 12).foreground();
        const QBrush tensor = formatAt(document, 0, 21).foreground();
        QVERIFY(self.style() != Qt::NoBrush);
        QVERIFY(tensor.style() != Qt::NoBrush);
        QVERIFY(self != tensor);

        // A comment wins over the quote inside it; a string wins over the '#' inside it.
        const QTextCharFormat comment = formatAt(document, 1, 2);
        QVERIFY(comment.fontItalic());
        QCOMPARE(formatAt(document, 1, 10), comment);
        const QTextCharFormat string = formatAt(document, 2, 22);
        QVERIFY(!string.fontItalic());
        QVERIFY(string.foreground().style() != Qt::NoBrush);
        QCOMPARE(formatAt(document, 2, 23).foreground(), string.foreground());

        QVERIFY(formatAt(document, 2, 7).foreground().style() != Qt::NoBrush);  // torch.relu
        QCOMPARE(formatAt(document, 2, 3).foreground().style(), Qt::NoBrush);   // _0 is no number
        QVERIFY(formatAt(document, 3, 30).foreground().style() != Qt::NoBrush); // 12
        QVERIFY(formatAt(document, 4, 0).foreground().style() != Qt::NoBrush);  // decorator
    }
};

QTEST_MAIN(HighlighterTest)
#include "highlightertest.moc"
