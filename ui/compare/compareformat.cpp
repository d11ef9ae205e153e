#include "compare/compareformat.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <cmath>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("CompareFormat", text);
}

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

namespace CompareFormat {

QString number(double value)
{
    if (value == 0)
        return QStringLiteral("0");
    if (std::isnan(value))
        return QStringLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("−inf");
    return QString::number(value, 'g', 4);
}

QString shape(const std::vector<int64_t>& dims)
{
    if (dims.empty())
        return tr("scalar");
    QStringList parts;
    for (int64_t d : dims)
        parts << QString::number(d);
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

QString shapesOf(const ptscope::OutputDiff& d)
{
    using Kind = ptscope::OutputDiff::Kind;
    switch (d.kind) {
    case Kind::Value:
        return d.valueA == d.valueB ? fromStd(d.valueA) : fromStd(d.valueA) + QStringLiteral(" → ") + fromStd(d.valueB);
    case Kind::OnlyInA:
        return d.dtypeA.empty() ? fromStd(d.valueA) : fromStd(d.dtypeA) + QLatin1Char(' ') + shape(d.shapeA);
    case Kind::OnlyInB:
        return d.dtypeB.empty() ? fromStd(d.valueB) : fromStd(d.dtypeB) + QLatin1Char(' ') + shape(d.shapeB);
    case Kind::Tensor:
        break;
    }
    const QString a = fromStd(d.dtypeA) + QLatin1Char(' ') + shape(d.shapeA);
    const QString b = fromStd(d.dtypeB) + QLatin1Char(' ') + shape(d.shapeB);
    return a == b ? a : a + QStringLiteral(" → ") + b;
}

QString verdictOf(const ptscope::OutputDiff& d)
{
    using Kind = ptscope::OutputDiff::Kind;
    if (d.kind == Kind::OnlyInA)
        return tr("only in A");
    if (d.kind == Kind::OnlyInB)
        return tr("only in B");
    if (d.matches)
        return tr("match");
    if (d.kind == Kind::Tensor && d.shapeA != d.shapeB)
        return tr("shape differs");
    if (d.kind == Kind::Tensor && d.comparable && d.dtypeA != d.dtypeB && d.mismatched == 0)
        return tr("dtype differs");
    return tr("differs");
}

QString verdictOf(const ptscope::InputDiff& input)
{
    if (!input.errorA.empty() && !input.errorB.empty())
        return tr("both raised");
    if (!input.errorA.empty())
        return tr("A raised");
    if (!input.errorB.empty())
        return tr("B raised");
    return input.matches ? tr("match") : tr("mismatch");
}

QString mismatchedOf(const ptscope::InputDiff& input)
{
    int64_t mismatched = 0, total = 0;
    for (const ptscope::OutputDiff& d : input.outputs) {
        mismatched += d.mismatched;
        total += d.total;
    }
    if (total == 0)
        return {};
    return QStringLiteral("%L1 / %L2").arg(mismatched).arg(total);
}

QString node(const ptscope::NodeRef& ref)
{
    if (ref.node < 0)
        return tr("no node");
    const QString kind = fromStd(ref.kind);
    return ref.scope.empty() ? tr("%1 at the top level").arg(kind) : tr("%1 in %2").arg(kind, fromStd(ref.scope));
}

QString sourceShort(const ptscope::SourceLocation& source)
{
    if (source.file.empty())
        return {};
    const QString file = QFileInfo(fromStd(source.file)).fileName();
    return source.line > 0 ? QStringLiteral("%1:%2").arg(file).arg(source.line) : file;
}

QString causeTitle(const std::string& kind)
{
    if (kind == "if")
        return tr("An if in one model only");
    if (kind == "loop")
        return tr("A loop in one model only");
    if (kind == "baked_shape")
        return tr("A shape baked in as a constant");
    if (kind == "baked_value")
        return tr("A value baked in as a constant");
    if (kind == "training_dropout")
        return tr("Dropout in training mode");
    if (kind == "training_batchnorm")
        return tr("Batch norm in training mode");
    return fromStd(kind);
}

QString otherName(const ptscope::OutputComparison& outputs)
{
    const std::string& other = outputs.modelB.empty() ? outputs.reference : outputs.modelB;
    return QFileInfo(fromStd(other)).fileName();
}

} // namespace CompareFormat
