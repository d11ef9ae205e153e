#include "run/tensorvalues.h"

#include <QStringList>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <ptscope/common/error.h>

namespace {

template <typename T> T load(const char* p)
{
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

// IEEE half to float, exactly (every half is a float).
float halfToFloat(uint16_t h)
{
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exponent = (h >> 10) & 0x1fu;
    const uint32_t mantissa = h & 0x3ffu;
    if (exponent == 0) {
        const float magnitude = std::ldexp(static_cast<float>(mantissa), -24); // zero or subnormal
        return sign ? -magnitude : magnitude;
    }
    const uint32_t bits = exponent == 31 ? sign | 0x7f800000u | (mantissa << 13)
                                         : sign | ((exponent + 112) << 23) | (mantissa << 13);
    return load<float>(reinterpret_cast<const char*>(&bits));
}

// Shortest text that reads back to the same T, as numpy prints; NaN without a sign.
template <typename T> QString floatText(T v)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return QString::fromLatin1(buffer, static_cast<int>(result.ptr - buffer));
}

template <typename T> QString complexText(T re, T im)
{
    QString imag = floatText(im);
    if (!imag.startsWith(QLatin1Char('-')))
        imag.prepend(QLatin1Char('+'));
    return floatText(re) + imag + QLatin1Char('j');
}

// Calls f(double) for every element; complex elements as their magnitude.
template <typename F> void forEachValue(const TensorValues& t, F f)
{
    const ptscope::NpyArray& a = t.array();
    const char* p = a.data.data();
    const int64_t n = t.numel();
    const std::string& d = a.dtype;
    const auto each = [&](auto tag) {
        using T = decltype(tag);
        for (int64_t i = 0; i < n; ++i)
            f(static_cast<double>(load<T>(p + i * static_cast<int64_t>(sizeof(T)))));
    };
    if (d == "bool" || d == "uint8")
        each(uint8_t{});
    else if (d == "int8")
        each(int8_t{});
    else if (d == "int16")
        each(int16_t{});
    else if (d == "uint16")
        each(uint16_t{});
    else if (d == "int32")
        each(int32_t{});
    else if (d == "uint32")
        each(uint32_t{});
    else if (d == "int64")
        each(int64_t{});
    else if (d == "uint64")
        each(uint64_t{});
    else if (d == "float32")
        each(float{});
    else if (d == "float64")
        each(double{});
    else if (d == "float16") {
        for (int64_t i = 0; i < n; ++i)
            f(static_cast<double>(halfToFloat(load<uint16_t>(p + i * 2))));
    } else if (t.isComplex()) {
        for (int64_t i = 0; i < n; ++i)
            f(std::abs(t.complexValue(i)));
    }
}

} // namespace

TensorValues::TensorValues(ptscope::NpyArray array)
    : m_array(std::move(array)), m_itemSize(m_array.itemSize()), m_numel(m_array.numel())
{
    const std::string& d = m_array.dtype;
    if (d == "bool")
        m_kind = Kind::Bool;
    else if (d.rfind("int", 0) == 0)
        m_kind = Kind::Signed;
    else if (d.rfind("uint", 0) == 0)
        m_kind = Kind::Unsigned;
    else if (d == "float16")
        m_kind = Kind::Float16;
    else if (d == "float32")
        m_kind = Kind::Float32;
    else if (d == "float64")
        m_kind = Kind::Float64;
    else if (d.rfind("complex", 0) == 0)
        m_kind = Kind::Complex;
    // parseNpy already refuses what it cannot size; this guards arrays built by hand.
    if (m_kind == Kind::Unknown || m_itemSize == 0 ||
        m_array.data.size() < static_cast<size_t>(m_numel) * m_itemSize)
        throw ptscope::Error(ptscope::ErrorKind::InvalidInput, "Unsupported tensor data (" + d + ").");
}

TensorValues TensorValues::read(const std::string& path)
{
    return TensorValues(ptscope::readNpy(path));
}

double TensorValues::value(int64_t i) const
{
    const char* p = at(i);
    switch (m_kind) {
    case Kind::Bool:
        return p[0] ? 1.0 : 0.0;
    case Kind::Signed:
        switch (m_itemSize) {
        case 1:
            return load<int8_t>(p);
        case 2:
            return load<int16_t>(p);
        case 4:
            return load<int32_t>(p);
        default:
            return static_cast<double>(load<int64_t>(p));
        }
    case Kind::Unsigned:
        switch (m_itemSize) {
        case 1:
            return load<uint8_t>(p);
        case 2:
            return load<uint16_t>(p);
        case 4:
            return load<uint32_t>(p);
        default:
            return static_cast<double>(load<uint64_t>(p));
        }
    case Kind::Float16:
        return halfToFloat(load<uint16_t>(p));
    case Kind::Float32:
        return load<float>(p);
    case Kind::Float64:
        return load<double>(p);
    case Kind::Complex:
        return complexValue(i).real();
    case Kind::Unknown:
        break;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::complex<double> TensorValues::complexValue(int64_t i) const
{
    const char* p = at(i);
    if (m_kind != Kind::Complex)
        return {value(i), 0.0};
    if (m_itemSize == 8)
        return {load<float>(p), load<float>(p + 4)};
    return {load<double>(p), load<double>(p + 8)};
}

QString TensorValues::text(int64_t i) const
{
    const char* p = at(i);
    switch (m_kind) {
    case Kind::Bool:
        return p[0] ? QStringLiteral("true") : QStringLiteral("false");
    case Kind::Signed:
        return m_itemSize == 8 ? QString::number(qlonglong(load<int64_t>(p)))
                               : QString::number(qlonglong(value(i)));
    case Kind::Unsigned:
        return m_itemSize == 8 ? QString::number(qulonglong(load<uint64_t>(p)))
                               : QString::number(qulonglong(value(i)));
    case Kind::Float16:
        // Shortest as a float, which every half converts to exactly; numpy prints halves shorter
        // still, but this reads back to the same half too.
        return floatText(halfToFloat(load<uint16_t>(p)));
    case Kind::Float32:
        return floatText(load<float>(p));
    case Kind::Float64:
        return floatText(load<double>(p));
    case Kind::Complex:
        if (m_itemSize == 8)
            return complexText(load<float>(p), load<float>(p + 4));
        return complexText(load<double>(p), load<double>(p + 8));
    case Kind::Unknown:
        break;
    }
    return {};
}

QString TensorValues::indexText(int64_t i) const
{
    const std::vector<int64_t>& dims = m_array.shape;
    std::vector<int64_t> index(dims.size());
    for (size_t d = dims.size(); d-- > 0;) {
        index[d] = dims[d] ? i % dims[d] : 0;
        i = dims[d] ? i / dims[d] : 0;
    }
    QStringList parts;
    for (int64_t v : index)
        parts.append(QString::number(v));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

Histogram computeHistogram(const TensorValues& values, int maxBins)
{
    Histogram h;
    h.integral = values.isIntegral();
    h.isBool = values.isBool();
    h.magnitude = values.isComplex();
    maxBins = std::max(maxBins, 1);

    double min = std::numeric_limits<double>::infinity();
    double max = -min;
    forEachValue(values, [&](double v) {
        if (std::isnan(v)) {
            ++h.nan;
        } else if (std::isinf(v)) {
            ++(v > 0 ? h.posInf : h.negInf);
        } else {
            ++h.finite;
            min = std::min(min, v);
            max = std::max(max, v);
        }
    });
    if (h.finite == 0)
        return h;
    if (h.isBool) {
        // Both bars, so an all-false tensor still reads as "no true values".
        min = 0;
        max = 1;
    }

    int bins = 1;
    if (h.integral) {
        // Whole numbers per bin, centred on the values: bin b holds min + b*width .. + width - 1.
        const double range = max - min + 1;
        h.binWidth = std::max(1.0, std::ceil(range / maxBins));
        bins = static_cast<int>(std::ceil(range / h.binWidth));
        h.lower = min - 0.5;
    } else if (min == max) {
        h.binWidth = min == 0 ? 1.0 : std::abs(min) * 0.1;
        h.lower = min - h.binWidth / 2;
    } else {
        // A few values spread over many bins read as noise: about sqrt(n) bins, up to maxBins.
        bins =
            static_cast<int>(std::min<double>(maxBins, std::ceil(std::sqrt(static_cast<double>(h.finite)))));
        h.lower = min;
        h.binWidth = (max / 2 - min / 2) / bins * 2;
    }
    h.counts.assign(static_cast<size_t>(bins), 0);
    if (bins == 1) {
        h.counts[0] = h.finite;
        return h;
    }
    // Halved so that max - min cannot overflow for values near the ends of float64.
    const double span = max / 2 - min / 2;
    forEachValue(values, [&](double v) {
        if (!std::isfinite(v))
            return;
        int bin = 0;
        if (h.integral)
            bin = static_cast<int>(std::floor((v - min) / h.binWidth));
        else
            bin = static_cast<int>((v / 2 - min / 2) / span * bins);
        ++h.counts[static_cast<size_t>(std::clamp(bin, 0, bins - 1))];
    });
    return h;
}
