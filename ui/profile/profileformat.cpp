#include "profile/profileformat.h"

#include <QStringList>
#include <ptscope/common/format.h>

QString ProfileFormat::duration(double ms)
{
    if (ms >= 1000)
        return tr("%1 s").arg(ms / 1000, 0, 'f', 3);
    if (ms >= 1)
        return tr("%1 ms").arg(ms, 0, 'f', 3);
    return tr("%1 µs").arg(ms * 1000, 0, 'f', 1);
}

QString ProfileFormat::milliseconds(double ms)
{
    // Four decimals below 0.1 ms keep a microsecond node from reading as 0.000.
    return QString::number(ms, 'f', ms < 0.1 ? 4 : 3);
}

QString ProfileFormat::bytes(int64_t bytes)
{
    return QString::fromStdString(ptscope::formatBytes(bytes));
}

QString ProfileFormat::bytes(double bytes)
{
    return ProfileFormat::bytes(static_cast<int64_t>(bytes + 0.5));
}

QString ProfileFormat::percent(double fraction, int decimals)
{
    return tr("%1%").arg(fraction * 100, 0, 'f', decimals);
}

QString ProfileFormat::gflops(double gflopsPerSecond)
{
    return tr("%1 GFLOP/s").arg(gflopsPerSecond, 0, 'f', gflopsPerSecond < 10 ? 2 : 1);
}

QString ProfileFormat::shape(const ptscope::ValueShape& value)
{
    if (value.kind != "tensor")
        return QString::fromStdString(value.kind);
    QStringList dims;
    for (const int64_t dim : value.shape)
        dims.append(QString::number(dim));
    return QString::fromStdString(value.dtype) + QLatin1Char('[') + dims.join(QLatin1Char(',')) +
           QLatin1Char(']');
}

QString ProfileFormat::shapes(const std::vector<ptscope::ValueShape>& values)
{
    QStringList parts;
    for (const ptscope::ValueShape& value : values)
        parts.append(shape(value));
    return parts.join(QStringLiteral(", "));
}

QString ProfileFormat::scope(const std::string& scope)
{
    return scope.empty() ? tr("(root)") : QString::fromStdString(scope);
}

QString ProfileFormat::blasName(const std::string& blas)
{
    // "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ...": name and version say enough.
    return QString::fromStdString(blas).section(QLatin1Char(' '), 0, 1).remove(QLatin1Char(','));
}

QString ProfileFormat::nodeName(const ptscope::NodeProfile& node)
{
    const QString label = QString::fromStdString(node.label.empty() ? node.kind : node.label);
    return tr("%1 · %2 (%3)").arg(node.id).arg(label, scope(node.scope));
}
