#pragma once

#include <QString>
#include <complex>
#include <cstdint>
#include <memory>
#include <ptscope/io/npy.h>
#include <string>
#include <vector>

// One output tensor as the worker wrote it (.npy), with element access for the values table and
// the histogram. Plain code without widgets, so it is tested on its own.
class TensorValues
{
public:
    TensorValues() = default;
    explicit TensorValues(ptscope::NpyArray array);
    // Throws ptscope::Error (FileNotFound, NotReadable, InvalidInput).
    static TensorValues read(const std::string& path);

    const std::string& dtype() const { return m_array.dtype; }
    const std::vector<int64_t>& shape() const { return m_array.shape; }
    int64_t numel() const { return m_numel; }
    const ptscope::NpyArray& array() const { return m_array; }

    bool isBool() const { return m_kind == Kind::Bool; }
    bool isIntegral() const
    {
        return m_kind == Kind::Bool || m_kind == Kind::Signed || m_kind == Kind::Unsigned;
    }
    bool isComplex() const { return m_kind == Kind::Complex; }

    // Element i in C order as a double: bool as 0/1, complex as its real part. int64 beyond 2^53
    // loses digits here; text() keeps them.
    double value(int64_t i) const;
    std::complex<double> complexValue(int64_t i) const;
    // As numpy prints it, exactly: integers in full, floats in the shortest text that reads back
    // to the same float of their dtype ("0.1" for float32 0.1f), complex as "1.5-2j", "nan", "inf".
    QString text(int64_t i) const;

    // The index of element i, "[0, 3]"; "[]" for a 0-d tensor.
    QString indexText(int64_t i) const;

private:
    enum class Kind
    {
        Bool,
        Signed,
        Unsigned,
        Float16,
        Float32,
        Float64,
        Complex,
        Unknown
    };
    const char* at(int64_t i) const { return m_array.data.data() + i * static_cast<int64_t>(m_itemSize); }

    ptscope::NpyArray m_array;
    Kind m_kind = Kind::Unknown;
    size_t m_itemSize = 0;
    int64_t m_numel = 0;
};

using TensorValuesPtr = std::shared_ptr<const TensorValues>;

// Counts of the finite values of a tensor in bins. Floating tensors get equal bins from min to max
// (the last bin includes max), about sqrt(n) of them for n values and at most maxBins; integer tensors get
// bins one integer wide when the range allows, else whole numbers of integers wide, so no bin straddles half
// a value; bool gets false and true. When every finite value is equal there is one bin. Complex tensors are
// binned by magnitude.
struct Histogram
{
    double lower = 0;    // left edge of the first bin
    double binWidth = 1; // every bin is this wide
    std::vector<int64_t> counts;
    int64_t finite = 0; // == sum of counts
    int64_t nan = 0;
    int64_t posInf = 0;
    int64_t negInf = 0;
    bool integral = false;  // bins hold whole numbers; lower is the first value minus 0.5
    bool magnitude = false; // complex: the bins count |z|
    bool isBool = false;

    int bins() const { return static_cast<int>(counts.size()); }
    double binLower(int bin) const { return lower + bin * binWidth; }
    double binCenter(int bin) const { return lower + (bin + 0.5) * binWidth; }
};

Histogram computeHistogram(const TensorValues& values, int maxBins = 64);
