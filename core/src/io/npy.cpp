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
// Read as strictly as numpy reads it (ast.literal_eval, then exactly these three keys of these
// types): anything else is a damaged or forged header, not something to guess at.
struct NpyHeader
{
    std::string descr; // empty for a structured dtype (a list of fields)
    bool fortranOrder = false;
    std::vector<int64_t> shape;
};

class HeaderParser
{
public:
    HeaderParser(const std::string& text, const std::string& name) : m_text(text), m_name(name) {}

    NpyHeader parse()
    {
        NpyHeader header;
        bool seenDescr = false, seenFortran = false, seenShape = false;
        skipSpace();
        expect('{');
        while (true) {
            skipSpace();
            if (peek() == '}')
                break;
            const std::string key = string();
            skipSpace();
            expect(':');
            skipSpace();
            auto once = [&](bool& seen) {
                if (seen)
                    fail("the key '" + key + "' twice");
                seen = true;
            };
            if (key == "descr") {
                once(seenDescr);
                if (peek() == '[')
                    skipStructured();
                else
                    header.descr = string();
            } else if (key == "fortran_order") {
                once(seenFortran);
                header.fortranOrder = boolean();
            } else if (key == "shape") {
                once(seenShape);
                header.shape = shape();
            } else {
                fail("an unknown key '" + key + "'");
            }
            skipSpace();
            if (peek() == ',') {
                ++m_at;
                continue;
            }
            if (peek() != '}')
                fail("no ',' or '}' after '" + key + "'");
        }
        ++m_at;
        skipSpace();
        if (m_at != m_text.size())
            fail("text after the closing '}'");
        if (!seenDescr || !seenFortran || !seenShape)
            fail(std::string("no '") + (!seenDescr ? "descr" : !seenFortran ? "fortran_order" : "shape") + "'");
        return header;
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw invalid(m_name, "has a damaged .npy header (" + what + ").");
    }
    char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }
    void skipSpace()
    {
        while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at])))
            ++m_at;
    }
    void expect(char c)
    {
        if (peek() != c)
            fail(std::string("expected '") + c + "'");
        ++m_at;
    }
    std::string string()
    {
        const char quote = peek();
        if (quote != '\'' && quote != '"')
            fail("expected a quoted string");
        const size_t end = m_text.find(quote, m_at + 1);
        if (end == std::string::npos)
            fail("an unterminated string");
        std::string value = m_text.substr(m_at + 1, end - m_at - 1);
        if (value.find('\\') != std::string::npos || value.find('\n') != std::string::npos)
            fail("an escape or line break in a string");
        m_at = end + 1;
        return value;
    }
    bool boolean()
    {
        for (const char* word : {"True", "False"}) {
            const size_t n = std::strlen(word);
            if (m_text.compare(m_at, n, word) == 0 && !std::isalnum(static_cast<unsigned char>(peekAt(m_at + n)))) {
                m_at += n;
                return word[0] == 'T';
            }
        }
        fail("fortran_order is neither True nor False");
    }
    char peekAt(size_t i) const { return i < m_text.size() ? m_text[i] : '\0'; }
    int64_t integer()
    {
        const size_t start = m_at;
        while (std::isdigit(static_cast<unsigned char>(peek())))
            ++m_at;
        if (m_at == start)
            fail("a dimension that is not a non-negative integer");
        if (m_at - start > 18)
            fail("a dimension too large");
        const int64_t value = std::stoll(m_text.substr(start, m_at - start));
        if (peek() == 'L') // Python 2's long literals, in files numpy wrote then
            ++m_at;
        return value;
    }
    std::vector<int64_t> shape()
    {
        expect('(');
        std::vector<int64_t> dims;
        bool comma = false;
        while (true) {
            skipSpace();
            if (peek() == ')')
                break;
            dims.push_back(integer());
            skipSpace();
            comma = peek() == ',';
            if (comma)
                ++m_at;
            else if (peek() != ')')
                fail("shape is not a tuple of integers");
        }
        ++m_at;
        // "(5)" is the integer 5 in Python, not a tuple.
        if (dims.size() == 1 && !comma)
            fail("shape is not a tuple");
        return dims;
    }
    // A structured dtype's list of fields: skipped (with its nesting bounded) to say what it is.
    void skipStructured()
    {
        int depth = 0;
        do {
            const char c = peek();
            if (c == '\0')
                fail("an unterminated list");
            if (c == '\'' || c == '"') {
                string();
                continue;
            }
            if (c == '[' || c == '(') {
                if (++depth > 32)
                    fail("nesting too deep");
            } else if (c == ']' || c == ')') {
                --depth;
            }
            ++m_at;
        } while (depth > 0);
    }

    const std::string& m_text;
    const std::string& m_name;
    size_t m_at = 0;
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
    const std::string text = bytes.substr(headerStart, headerLength);
    const NpyHeader header = HeaderParser(text, name).parse();

    const std::string& descr = header.descr;
    if (descr.empty())
        throw invalid(
            name, "holds a structured array (a dtype with fields), which has no tensor equivalent; ptscope "
                  "reads numeric and bool arrays.");
    bool bigEndian = false;
    NpyArray array;
    array.dtype = dtypeFromDescr(descr, name, bigEndian);
    if (header.fortranOrder)
        throw invalid(name, "is stored in Fortran order; ptscope reads C-order arrays only.",
                      "Save np.ascontiguousarray(a) instead.");
    array.shape = header.shape;

    const size_t dataStart = headerStart + headerLength;
    // The promised size, without overflowing on forged dimensions.
    size_t expected = array.itemSize();
    for (int64_t d : array.shape)
        if (__builtin_mul_overflow(expected, static_cast<size_t>(d), &expected))
            throw invalid(name, "has a shape whose size does not fit in memory.");
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
