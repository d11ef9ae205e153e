#include "ptscope/io/npy.h"

#include "load/fileprecheck.h"

#include "ptscope/io/atomicfile.h"
#include "ptscope/common/error.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ptscope {

namespace {

const char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

struct DtypeCode
{
    const char* name;
    char kind; // numpy's type character
    size_t size;
};

const DtypeCode kDtypes[] = {
    {"bool", 'b', 1},      {"int8", 'i', 1},        {"int16", 'i', 2},   {"int32", 'i', 4},
    {"int64", 'i', 8},     {"uint8", 'u', 1},       {"uint16", 'u', 2},  {"uint32", 'u', 4},
    {"uint64", 'u', 8},    {"float16", 'f', 2},     {"float32", 'f', 4}, {"float64", 'f', 8},
    {"complex64", 'c', 8}, {"complex128", 'c', 16},
};

const DtypeCode* findDtype(const std::string& name)
{
    for (const DtypeCode& d : kDtypes) {
        if (name == d.name)
            return &d;
    }
    return nullptr;
}

Error invalid(const std::string& name, const std::string& what, const std::string& hint = {})
{
    return Error(ErrorKind::InvalidInput, name + " " + what, hint);
}

// The header is a Python dict literal numpy writes itself:
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
class HeaderReader
{
public:
    HeaderReader(const std::string& text, const std::string& name) : m_text(text), m_name(name) {}

    // The text right after 'key': (skipping spaces); throws when the key is missing.
    size_t valueStart(const std::string& key) const
    {
        for (const char quote : {'\'', '"'}) {
            const std::string needle = quote + key + quote;
            const size_t at = m_text.find(needle);
            if (at == std::string::npos)
                continue;
            size_t i = m_text.find(':', at + needle.size());
            if (i == std::string::npos)
                break;
            ++i;
            while (i < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[i])))
                ++i;
            return i;
        }
        throw invalid(m_name, "has a damaged .npy header (no '" + key + "').");
    }

    // descr when it is a plain string; empty for a list (a structured dtype).
    std::string descr() const
    {
        const size_t i = valueStart("descr");
        if (i >= m_text.size() || (m_text[i] != '\'' && m_text[i] != '"'))
            return {};
        const size_t end = m_text.find(m_text[i], i + 1);
        if (end == std::string::npos)
            throw invalid(m_name, "has a damaged .npy header.");
        return m_text.substr(i + 1, end - i - 1);
    }

    bool fortranOrder() const { return m_text.compare(valueStart("fortran_order"), 4, "True") == 0; }

    std::vector<int64_t> shape() const
    {
        size_t i = valueStart("shape");
        if (i >= m_text.size() || m_text[i] != '(')
            throw invalid(m_name, "has a damaged .npy header (shape).");
        const size_t end = m_text.find(')', i);
        if (end == std::string::npos)
            throw invalid(m_name, "has a damaged .npy header (shape).");
        std::vector<int64_t> shape;
        std::stringstream dims(m_text.substr(i + 1, end - i - 1));
        std::string dim;
        while (std::getline(dims, dim, ',')) {
            dim.erase(std::remove_if(
                          dim.begin(), dim.end(),
                          [](char c) { return std::isspace(static_cast<unsigned char>(c)) || c == 'L'; }),
                      dim.end());
            if (dim.empty())
                continue;
            if (!std::all_of(dim.begin(), dim.end(),
                             [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
                throw invalid(m_name, "has a damaged .npy header (shape).");
            shape.push_back(std::stoll(dim));
        }
        return shape;
    }

private:
    const std::string& m_text;
    const std::string& m_name;
};

// Maps numpy's descr ("<f4", "|b1", ">i8") to a dtype name; sets bigEndian.
std::string dtypeFromDescr(const std::string& descr, const std::string& name, bool& bigEndian)
{
    const std::string bad =
        "has dtype '" + descr + "', which has no tensor equivalent; ptscope reads numeric and bool arrays.";
    if (descr.size() < 2)
        throw invalid(name, bad);
    const char order = descr[0];
    bigEndian = order == '>' || order == '!';
    const char kind = descr[1];
    if (kind == 'O')
        throw invalid(
            name,
            "holds an object array (dtype 'O'), which only pickle can read; ptscope reads numeric and "
            "bool arrays.",
            "Convert it with a.astype(np.float32) (or another numeric dtype) before saving.");
    size_t size = 0;
    try {
        size = std::stoul(descr.substr(2));
    } catch (const std::exception&) {
        throw invalid(name, bad);
    }
    const char mapped = kind == '?' ? 'b' : kind;
    for (const DtypeCode& d : kDtypes) {
        if (d.kind == mapped && d.size == size)
            return d.name;
    }
    throw invalid(name, bad);
}

void swapBytes(std::vector<char>& data, size_t width)
{
    for (size_t at = 0; at + width <= data.size(); at += width)
        std::reverse(data.begin() + static_cast<std::ptrdiff_t>(at),
                     data.begin() + static_cast<std::ptrdiff_t>(at + width));
}

uint32_t readLittle(const std::string& bytes, size_t at, size_t width)
{
    uint32_t v = 0;
    for (size_t i = 0; i < width; ++i)
        v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    return v;
}

} // namespace

int64_t NpyArray::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

size_t NpyArray::itemSize() const
{
    return npyItemSize(dtype);
}

size_t npyItemSize(const std::string& dtype)
{
    const DtypeCode* d = findDtype(dtype);
    return d ? d->size : 0;
}

NpyArray parseNpy(const std::string& bytes, const std::string& name)
{
    if (bytes.size() < kMagicSize + 4 || bytes.compare(0, kMagicSize, kMagic) != 0)
        throw invalid(name, "is not a NumPy .npy file.",
                      "Save arrays with numpy.save, or tensors with torch.save as .pt.");
    const int major = static_cast<unsigned char>(bytes[6]);
    if (major < 1 || major > 3)
        throw invalid(name,
                      "is a .npy file of version " + std::to_string(major) + ", which ptscope cannot read.");
    const size_t lengthWidth = major == 1 ? 2 : 4;
    const size_t headerStart = 8 + lengthWidth;
    if (bytes.size() < headerStart)
        throw invalid(name, "is truncated (in its header).");
    const size_t headerLength = readLittle(bytes, 8, lengthWidth);
    if (bytes.size() < headerStart + headerLength)
        throw invalid(name, "is truncated (in its header).");
    const std::string header = bytes.substr(headerStart, headerLength);
    const HeaderReader reader(header, name);

    const std::string descr = reader.descr();
    if (descr.empty())
        throw invalid(
            name, "holds a structured array (a dtype with fields), which has no tensor equivalent; ptscope "
                  "reads numeric and bool arrays.");
    bool bigEndian = false;
    NpyArray array;
    array.dtype = dtypeFromDescr(descr, name, bigEndian);
    if (reader.fortranOrder())
        throw invalid(name, "is stored in Fortran order; ptscope reads C-order arrays only.",
                      "Save np.ascontiguousarray(a) instead.");
    array.shape = reader.shape();

    const size_t dataStart = headerStart + headerLength;
    const size_t expected = static_cast<size_t>(array.numel()) * array.itemSize();
    const size_t available = bytes.size() - dataStart;
    if (available < expected)
        throw invalid(name, "is truncated: its header promises " + std::to_string(expected) +
                                " bytes of data, the file has " + std::to_string(available) + ".");
    array.data.assign(bytes.begin() + static_cast<std::ptrdiff_t>(dataStart),
                      bytes.begin() + static_cast<std::ptrdiff_t>(dataStart + expected));
    if (bigEndian && array.itemSize() > 1)
        swapBytes(array.data, array.dtype.rfind("complex", 0) == 0 ? array.itemSize() / 2 : array.itemSize());
    return array;
}

NpyArray readNpy(const std::string& path)
{
    return parseNpy(readRegularFile(path), path);
}

std::string serializeNpy(const NpyArray& array)
{
    const DtypeCode* d = findDtype(array.dtype);
    if (!d)
        throw Error(ErrorKind::Internal, "No .npy dtype for " + array.dtype + ".");
    std::string descr = d->size == 1 ? "|" : "<";
    descr += d->kind;
    descr += std::to_string(d->size);
    std::string shape = "(";
    for (size_t i = 0; i < array.shape.size(); ++i)
        shape += (i ? ", " : "") + std::to_string(array.shape[i]);
    shape += array.shape.size() == 1 ? ",)" : ")";
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    // numpy pads the header with spaces so the data starts on a 64-byte boundary.
    const size_t unpadded = kMagicSize + 2 + 2 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header += '\n';
    std::string out(kMagic, kMagicSize);
    out += '\x01';
    out += '\x00';
    out += static_cast<char>(header.size() & 0xff);
    out += static_cast<char>((header.size() >> 8) & 0xff);
    out += header;
    out.append(array.data.data(), array.data.size());
    return out;
}

void writeNpy(const std::string& path, const NpyArray& array)
{
    writeFileAtomically(path, serializeNpy(array));
}

} // namespace ptscope
