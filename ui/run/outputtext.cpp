#include "run/outputtext.h"

#include <QCoreApplication>
#include <cmath>
#include <ptscope/common/format.h>

namespace OutputText {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("OutputText", text);
}

QString floatText(double v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return QString::number(v, 'g', 17);
}

} // namespace

QString shape(const ptscope::TensorStats& stats)
{
    return QString::fromStdString(ptscope::formatShape(stats.shape));
}

QString statistic(const std::optional<double>& value)
{
    if (!value)
        return QStringLiteral("–");
    const double v = *value;
    // Counts and integer tensors' min/max read better without an exponent.
    if (v == std::floor(v) && std::abs(v) < 1e15)
        return QString::number(v, 'f', 0);
    return QString::number(v, 'g', 6);
}

QString statisticExact(const std::optional<double>& value)
{
    return value ? floatText(*value) : QString();
}

QString value(const ptscope::OutputInfo& output)
{
    using Kind = ptscope::OutputInfo::Kind;
    switch (output.kind) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Tuple:
    case Kind::List:
        return (output.size == 1 ? tr("%1 element") : tr("%1 elements")).arg(output.size);
    case Kind::Dict:
        return (output.size == 1 ? tr("%1 entry") : tr("%1 entries")).arg(output.size);
    case Kind::Tensor:
        return {};
    default:
        break;
    }
    if (const auto* b = std::get_if<bool>(&output.value))
        return *b ? QStringLiteral("True") : QStringLiteral("False");
    if (const auto* i = std::get_if<int64_t>(&output.value))
        return QString::number(qlonglong(*i));
    if (const auto* d = std::get_if<double>(&output.value))
        return floatText(*d);
    if (const auto* s = std::get_if<std::string>(&output.value))
        return QString::fromStdString(*s);
    return {};
}

QString type(const ptscope::OutputInfo& output)
{
    if (!output.type.empty())
        return QString::fromStdString(output.type);
    return QString::fromLatin1(ptscope::outputKindId(output.kind));
}

bool isContainer(ptscope::OutputInfo::Kind kind)
{
    using Kind = ptscope::OutputInfo::Kind;
    return kind == Kind::Tuple || kind == Kind::List || kind == Kind::Dict;
}

} // namespace OutputText
