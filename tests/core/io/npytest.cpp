// ptscope's .npy reader and writer against files numpy wrote (fixtures/run/npy/manifest.json has
// what numpy reads in each), and the files it must refuse.

#include "ptscope/io/npy.h"

#include "ptscope/common/error.h"
#include "runcases.h"
#include "testsupport.h"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>
#include <limits>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

const json& manifest()
{
    static const json m = readJson(fixturePath("run/npy/manifest.json"));
    return m;
}

template <typename T> T element(const NpyArray& a, int64_t i)
{
    T v;
    std::memcpy(&v, a.data.data() + i * sizeof(T), sizeof(T));
    return v;
}

// IEEE half to float, for comparing float16 files with numpy's values.
double halfToDouble(uint16_t h)
{
    const int exponent = (h >> 10) & 0x1f;
    const int mantissa = h & 0x3ff;
    const double sign = (h & 0x8000) ? -1 : 1;
    if (exponent == 0)
        return sign * std::ldexp(mantissa, -24);
    if (exponent == 31)
        return mantissa ? std::nan("") : sign * INFINITY;
    return sign * std::ldexp(mantissa + 1024, exponent - 25);
}

double jsonDouble(const json& v)
{
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        return s == "nan" ? std::nan("") : (s == "-inf" ? -INFINITY : INFINITY);
    }
    return v.get<double>();
}

bool sameDouble(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// Each element against numpy's value; integers exactly, floats bit for bit through double.
void expectValues(const NpyArray& a, const json& values)
{
    ASSERT_EQ(a.numel(), static_cast<int64_t>(values.size()));
    for (int64_t i = 0; i < a.numel(); ++i) {
        const json& v = values[i];
        SCOPED_TRACE("element " + std::to_string(i));
        if (a.dtype == "bool")
            EXPECT_EQ(element<uint8_t>(a, i) != 0, v.get<bool>());
        else if (a.dtype == "int8")
            EXPECT_EQ(element<int8_t>(a, i), v.get<int64_t>());
        else if (a.dtype == "int16")
            EXPECT_EQ(element<int16_t>(a, i), v.get<int64_t>());
        else if (a.dtype == "int32")
            EXPECT_EQ(element<int32_t>(a, i), v.get<int64_t>());
        else if (a.dtype == "int64")
            EXPECT_EQ(element<int64_t>(a, i), v.get<int64_t>());
        else if (a.dtype == "uint8")
            EXPECT_EQ(element<uint8_t>(a, i), v.get<uint64_t>());
        else if (a.dtype == "uint16")
            EXPECT_EQ(element<uint16_t>(a, i), v.get<uint64_t>());
        else if (a.dtype == "uint32")
            EXPECT_EQ(element<uint32_t>(a, i), v.get<uint64_t>());
        else if (a.dtype == "uint64")
            EXPECT_EQ(element<uint64_t>(a, i), v.get<uint64_t>());
        else if (a.dtype == "float16")
            EXPECT_TRUE(sameDouble(halfToDouble(element<uint16_t>(a, i)), jsonDouble(v)));
        else if (a.dtype == "float32")
            EXPECT_TRUE(sameDouble(element<float>(a, i), jsonDouble(v)))
                << element<float>(a, i) << " vs " << v;
        else if (a.dtype == "float64")
            EXPECT_TRUE(sameDouble(element<double>(a, i), jsonDouble(v)));
        else if (a.dtype == "complex64") {
            EXPECT_EQ(element<float>(a, 2 * i), v[0].get<double>());
            EXPECT_EQ(element<float>(a, 2 * i + 1), v[1].get<double>());
        } else if (a.dtype == "complex128") {
            EXPECT_EQ(element<double>(a, 2 * i), v[0].get<double>());
            EXPECT_EQ(element<double>(a, 2 * i + 1), v[1].get<double>());
        } else {
            ADD_FAILURE() << "unexpected dtype " << a.dtype;
        }
    }
}

TEST(Npy, ReadsWhatNumpyWrote)
{
    int checked = 0;
    for (auto it = manifest().begin(); it != manifest().end(); ++it) {
        if (!it.value().contains("values"))
            continue;
        SCOPED_TRACE(it.key());
        const NpyArray a = readNpy(fixturePath("run/npy/" + it.key()));
        EXPECT_EQ(a.dtype, it.value()["dtype"].get<std::string>());
        EXPECT_EQ(a.shape, it.value()["shape"].get<std::vector<int64_t>>());
        expectValues(a, it.value()["values"]);
        ++checked;
    }
    EXPECT_GE(checked, 19); // 14 dtypes, special values, big-endian, 0-d, empty, version 2, a view
}

TEST(Npy, RefusesWhatItCannotRead)
{
    int checked = 0;
    for (auto it = manifest().begin(); it != manifest().end(); ++it) {
        if (!it.value().contains("error"))
            continue;
        SCOPED_TRACE(it.key());
        try {
            readNpy(fixturePath("run/npy/" + it.key()));
            ADD_FAILURE() << "read it";
        } catch (const Error& e) {
            EXPECT_EQ(errorKindId(e.kind()), it.value()["error"].get<std::string>());
            for (const json& word : it.value()["contains"])
                EXPECT_NE(e.message().find(word.get<std::string>()), std::string::npos) << e.message();
            EXPECT_NE(e.message().find(it.key()), std::string::npos) << "names the file: " << e.message();
        }
        ++checked;
    }
    EXPECT_GE(checked, 6);
}

TEST(Npy, MissingFile)
{
    EXPECT_THROW(
        try { readNpy("/nonexistent/x.npy"); } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::FileNotFound);
            throw;
        },
        Error);
}

TEST(Npy, WritesWhatItReadsBackByteForByte)
{
    const TempFolder folder("npy");
    for (auto it = manifest().begin(); it != manifest().end(); ++it) {
        if (!it.value().contains("values"))
            continue;
        SCOPED_TRACE(it.key());
        const NpyArray a = readNpy(fixturePath("run/npy/" + it.key()));
        writeNpy(folder.file(it.key()), a);
        const NpyArray b = readNpy(folder.file(it.key()));
        EXPECT_EQ(b.dtype, a.dtype);
        EXPECT_EQ(b.shape, a.shape);
        EXPECT_EQ(b.data, a.data);
    }
}

TEST(Npy, WritesNumpysHeaderLayout)
{
    // numpy 1.x writes version 1.0 headers padded so data starts on a 64-byte boundary; files it
    // wrote for C-order little-endian arrays must come out identical.
    for (const char* name :
         {"float32.npy", "int64.npy", "bool.npy", "scalar.npy", "empty.npy", "uint8.npy"}) {
        SCOPED_TRACE(name);
        const std::string original = readFile(fixturePath(std::string("run/npy/") + name));
        EXPECT_EQ(serializeNpy(readNpy(fixturePath(std::string("run/npy/") + name))), original);
    }
}

TEST(Npy, ItemSizes)
{
    EXPECT_EQ(npyItemSize("bool"), 1u);
    EXPECT_EQ(npyItemSize("float16"), 2u);
    EXPECT_EQ(npyItemSize("complex128"), 16u);
    EXPECT_EQ(npyItemSize("bfloat16"), 0u);
}

} // namespace

namespace {

// A version 1.0 .npy with this header text and enough data for 64 float32 values.
std::string npyWithHeader(const std::string& header)
{
    std::string text = header;
    while ((10 + text.size() + 1) % 64 != 0)
        text += ' ';
    text += '\n';
    std::string bytes = "\x93NUMPY\x01";
    bytes += '\0';
    bytes += static_cast<char>(text.size() & 0xff);
    bytes += static_cast<char>(text.size() >> 8);
    return bytes + text + std::string(64 * 4, '\0');
}

} // namespace

TEST(Npy, HeadersAreReadAsStrictlyAsNumpyReadsThem)
{
    const NpyArray good = parseNpy(npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 8), }"), "good");
    EXPECT_EQ(good.shape, (std::vector<int64_t>{2, 8}));
    EXPECT_EQ(parseNpy(npyWithHeader("{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (4,)}"), "q").shape,
              (std::vector<int64_t>{4}));
    EXPECT_EQ(parseNpy(npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': ()}"), "scalar").shape,
              std::vector<int64_t>{});
    EXPECT_EQ(parseNpy(npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (3L, 2L), }"), "py2").shape,
              (std::vector<int64_t>{3, 2}));
    for (const char* header : {
             "{'descr': '<f4', 'fortran_order': False, 'shape': (1,,,,10), }",
             "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }",
             "{'descr': '<f4, 'fortran_order': False, 'shape': (2,), }",
             "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'shape': (64,), }",
             "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
             "{'descr': '<f4', 'fortran_order': False, 'shape': (5)}",
             "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}",
             "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} trailing",
             "{'descr': '<f4', 'fortran_order': False}",
             "{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,)}",
             "{'descr': '<f4' 'fortran_order': False, 'shape': (2,)}",
             "{'descr': '<f4', 'fortran_order': False, 'shape': (999999999999, 999999999999, 999999999999)}",
             "['descr', '<f4']",
         }) {
        SCOPED_TRACE(header);
        try {
            parseNpy(npyWithHeader(header), "forged.npy");
            ADD_FAILURE() << "read it";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
            EXPECT_NE(e.message().find("forged.npy"), std::string::npos) << e.message();
        }
    }
}
