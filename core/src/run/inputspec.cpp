#include "ptscope/run/inputspec.h"

#include "ptscope/common/error.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <utility>

namespace ptscope {

namespace {

const char* const kGrammar =
    "Expected DTYPE[D0,D1,...][:FILL], @FILE, int:N, float:X, bool:true|false, str:TEXT "
    "or none (e.g. float32[1,3,224,224]:randn).";

Error badSpec(const std::string& text, const std::string& why)
{
    return Error(ErrorKind::InvalidInput, "Cannot read input '" + text + "': " + why, kGrammar);
}

std::string trim(const std::string& s)
{
    const size_t begin = s.find_first_not_of(" \t");
    if (begin == std::string::npos)
        return {};
    return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

bool parseInt(const std::string& s, int64_t& out)
{
    const std::string t = trim(s);
    if (t.empty())
        return false;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(t.c_str(), &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    out = v;
    return true;
}

bool parseDouble(const std::string& s, double& out)
{
    const std::string t = trim(s);
    if (t.empty())
        return false;
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(t.c_str(), &end);
    if (errno == ERANGE || *end != '\0')
        return false;
    out = v;
    return true;
}

// Python's spellings first (what ptscope prints), then torch's aliases.
const std::pair<const char*, const char*> kDtypeAliases[] = {
    {"float32", "float32"}, {"float64", "float64"}, {"float16", "float16"},     {"bfloat16", "bfloat16"},
    {"int8", "int8"},       {"uint8", "uint8"},     {"int16", "int16"},         {"int32", "int32"},
    {"int64", "int64"},     {"bool", "bool"},       {"complex64", "complex64"}, {"complex128", "complex128"},
    {"float", "float32"},   {"double", "float64"},  {"half", "float16"},        {"short", "int16"},
    {"int", "int32"},       {"long", "int64"},      {"cfloat", "complex64"},    {"cdouble", "complex128"},
};

const std::pair<const char*, InputSource::Fill> kFills[] = {
    {"randn", InputSource::Fill::Randn},   {"rand", InputSource::Fill::Rand},
    {"zeros", InputSource::Fill::Zeros},   {"ones", InputSource::Fill::Ones},
    {"arange", InputSource::Fill::Arange},
};

bool isFloatingDtype(const std::string& dtype)
{
    return dtype.rfind("float", 0) == 0 || dtype == "bfloat16" || dtype.rfind("complex", 0) == 0;
}

InputSource parseGenerated(const std::string& text, size_t open)
{
    InputSource s;
    s.kind = InputSource::Kind::Generated;
    const std::string dtypeName = trim(text.substr(0, open));
    s.dtype = canonicalDtypeName(dtypeName);
    if (s.dtype.empty())
        throw badSpec(text, "'" + dtypeName +
                                "' is not a dtype (float32, float64, float16, bfloat16, int8, "
                                "uint8, int16, int32, int64, bool, complex64, complex128).");
    const size_t close = text.find(']', open);
    if (close == std::string::npos)
        throw badSpec(text, "missing ']' after the shape.");
    const std::string dims = trim(text.substr(open + 1, close - open - 1));
    if (!dims.empty()) {
        size_t start = 0;
        while (true) {
            const size_t comma = dims.find(',', start);
            const std::string dim =
                dims.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            int64_t size = 0;
            if (!parseInt(dim, size) || size < 0)
                throw badSpec(text, "dimension '" + trim(dim) + "' is not a size (0 or more).");
            s.shape.push_back(size);
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
    }
    const std::string rest = trim(text.substr(close + 1));
    s.fill = isFloatingDtype(s.dtype) ? InputSource::Fill::Randn : InputSource::Fill::Zeros;
    if (rest.empty())
        return s;
    if (rest[0] != ':')
        throw badSpec(text, "unexpected '" + rest + "' after the shape.");
    const std::string fill = trim(rest.substr(1));
    for (const auto& [name, value] : kFills) {
        if (fill == name) {
            s.fill = value;
            return s;
        }
    }
    if (!parseDouble(fill, s.constant))
        throw badSpec(text, "fill '" + fill + "' is not randn, rand, zeros, ones, arange or a number.");
    s.fill = InputSource::Fill::Constant;
    return s;
}

std::string formatDouble(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    // Shortest text that reads back as the same double.
    for (int precision = 1; precision <= 17; ++precision) {
        const std::string s = fmt::format("{:.{}g}", v, precision);
        if (std::strtod(s.c_str(), nullptr) == v)
            return s;
    }
    return fmt::format("{:.17g}", v);
}

} // namespace

std::string canonicalDtypeName(const std::string& name)
{
    const std::string bare = name.rfind("torch.", 0) == 0 ? name.substr(6) : name;
    for (const auto& [alias, canonical] : kDtypeAliases) {
        if (bare == alias)
            return canonical;
    }
    return {};
}

InputSource parseInputSpec(const std::string& text)
{
    const std::string spec = trim(text);
    InputSource s;
    if (spec.empty())
        throw badSpec(text, "it is empty.");
    if (spec[0] == '@') {
        s.kind = InputSource::Kind::File;
        s.path = spec.substr(1);
        if (s.path.empty())
            throw badSpec(text, "no file name after '@'.");
        return s;
    }
    if (spec == "none" || spec == "None") {
        s.kind = InputSource::Kind::None;
        return s;
    }
    const size_t open = spec.find('[');
    const size_t colon = spec.find(':');
    if (open != std::string::npos && (colon == std::string::npos || open < colon))
        return parseGenerated(spec, open);
    if (colon == std::string::npos)
        throw badSpec(text, "no type given.");
    const std::string kind = spec.substr(0, colon);
    // str keeps its text exactly as given (after the first colon), spaces and colons included.
    const std::string value = kind == "str" ? text.substr(text.find(':') + 1) : trim(spec.substr(colon + 1));
    if (kind == "int") {
        s.kind = InputSource::Kind::Int;
        if (!parseInt(value, s.intValue))
            throw badSpec(text, "'" + value + "' is not an integer.");
    } else if (kind == "float") {
        s.kind = InputSource::Kind::Float;
        if (!parseDouble(value, s.floatValue))
            throw badSpec(text, "'" + value + "' is not a number.");
    } else if (kind == "bool") {
        s.kind = InputSource::Kind::Bool;
        if (value == "true" || value == "True" || value == "1")
            s.boolValue = true;
        else if (value == "false" || value == "False" || value == "0")
            s.boolValue = false;
        else
            throw badSpec(text, "'" + value + "' is not true or false.");
    } else if (kind == "str") {
        s.kind = InputSource::Kind::String;
        s.text = value;
    } else if (!canonicalDtypeName(kind).empty()) {
        throw badSpec(text, "a tensor needs a shape, e.g. " + kind + "[1,3]" + spec.substr(colon) + ".");
    } else {
        throw badSpec(text, "'" + kind + "' is not int, float, bool, str or a dtype.");
    }
    return s;
}

std::string formatInputSpec(const InputSource& s)
{
    switch (s.kind) {
    case InputSource::Kind::File:
        return "@" + s.path;
    case InputSource::Kind::Int:
        return "int:" + std::to_string(s.intValue);
    case InputSource::Kind::Float:
        return "float:" + formatDouble(s.floatValue);
    case InputSource::Kind::Bool:
        return s.boolValue ? "bool:true" : "bool:false";
    case InputSource::Kind::String:
        return "str:" + s.text;
    case InputSource::Kind::None:
        return "none";
    case InputSource::Kind::Generated:
        break;
    }
    std::string out = s.dtype + "[";
    for (size_t i = 0; i < s.shape.size(); ++i)
        out += (i ? "," : "") + std::to_string(s.shape[i]);
    out += "]";
    switch (s.fill) {
    case InputSource::Fill::Constant:
        return out + ":" + formatDouble(s.constant);
    case InputSource::Fill::Randn:
        return out + ":randn";
    case InputSource::Fill::Rand:
        return out + ":rand";
    case InputSource::Fill::Zeros:
        return out + ":zeros";
    case InputSource::Fill::Ones:
        return out + ":ones";
    case InputSource::Fill::Arange:
        return out + ":arange";
    }
    return out;
}

} // namespace ptscope
