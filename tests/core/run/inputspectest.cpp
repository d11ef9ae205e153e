// The input grammar: every form parses to what it says, prints back the same, and every
// malformed spec is refused with the grammar in the hint.

#include "ptscope/run/inputspec.h"

#include "ptscope/common/error.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace ptscope;
using Kind = InputSource::Kind;
using Fill = InputSource::Fill;

namespace {

TEST(InputSpec, GeneratedTensors)
{
    InputSource s = parseInputSpec("float32[1,3,224,224]:randn");
    EXPECT_EQ(s.kind, Kind::Generated);
    EXPECT_EQ(s.dtype, "float32");
    EXPECT_EQ(s.shape, (std::vector<int64_t>{1, 3, 224, 224}));
    EXPECT_EQ(s.fill, Fill::Randn);

    EXPECT_EQ(parseInputSpec("float64[2]:rand").fill, Fill::Rand);
    EXPECT_EQ(parseInputSpec("int64[2]:zeros").fill, Fill::Zeros);
    EXPECT_EQ(parseInputSpec("bool[2]:ones").fill, Fill::Ones);
    EXPECT_EQ(parseInputSpec("int32[2, 3]:arange").shape, (std::vector<int64_t>{2, 3}));

    s = parseInputSpec("float16[4]:-2.5");
    EXPECT_EQ(s.fill, Fill::Constant);
    EXPECT_EQ(s.constant, -2.5);
    EXPECT_TRUE(std::isnan(parseInputSpec("float32[1]:nan").constant));
    EXPECT_EQ(parseInputSpec("float32[1]:1e-3").constant, 1e-3);
}

TEST(InputSpec, DefaultFillDependsOnTheDtype)
{
    EXPECT_EQ(parseInputSpec("float32[2]").fill, Fill::Randn);
    EXPECT_EQ(parseInputSpec("complex64[2]").fill, Fill::Randn);
    EXPECT_EQ(parseInputSpec("int64[2]").fill, Fill::Zeros);
    EXPECT_EQ(parseInputSpec("bool[2]").fill, Fill::Zeros);
}

TEST(InputSpec, ZeroDimensionalAndEmptyShapes)
{
    EXPECT_TRUE(parseInputSpec("float32[]").shape.empty());
    EXPECT_EQ(parseInputSpec("float32[0,3]").shape, (std::vector<int64_t>{0, 3}));
}

TEST(InputSpec, DtypeAliasesBecomePythonNames)
{
    EXPECT_EQ(parseInputSpec("float[1]").dtype, "float32");
    EXPECT_EQ(parseInputSpec("double[1]").dtype, "float64");
    EXPECT_EQ(parseInputSpec("half[1]").dtype, "float16");
    EXPECT_EQ(parseInputSpec("long[1]").dtype, "int64");
    EXPECT_EQ(parseInputSpec("int[1]").dtype, "int32");
    EXPECT_EQ(parseInputSpec("torch.bfloat16[1]").dtype, "bfloat16");
    EXPECT_EQ(canonicalDtypeName("uint8"), "uint8");
    EXPECT_EQ(canonicalDtypeName("float8"), "");
}

TEST(InputSpec, Files)
{
    const InputSource s = parseInputSpec("@/data/x.npy");
    EXPECT_EQ(s.kind, Kind::File);
    EXPECT_EQ(s.path, "/data/x.npy");
    EXPECT_EQ(parseInputSpec("@relative/folder").path, "relative/folder");
}

TEST(InputSpec, Scalars)
{
    EXPECT_EQ(parseInputSpec("int:3").intValue, 3);
    EXPECT_EQ(parseInputSpec("int:-42").intValue, -42);
    EXPECT_EQ(parseInputSpec("float:0.5").floatValue, 0.5);
    EXPECT_EQ(parseInputSpec("float:-1e10").floatValue, -1e10);
    EXPECT_TRUE(parseInputSpec("bool:true").boolValue);
    EXPECT_FALSE(parseInputSpec("bool:false").boolValue);
    EXPECT_TRUE(parseInputSpec("bool:True").boolValue);
    EXPECT_EQ(parseInputSpec("none").kind, Kind::None);
}

TEST(InputSpec, StringsKeepTheirTextExactly)
{
    EXPECT_EQ(parseInputSpec("str:text").text, "text");
    EXPECT_EQ(parseInputSpec("str:a:b c").text, "a:b c");
    EXPECT_EQ(parseInputSpec("str: padded ").text, " padded ");
    EXPECT_EQ(parseInputSpec("str:").text, "");
}

TEST(InputSpec, FormatReadsBack)
{
    for (const char* spec :
         {"float32[1,3,224,224]:randn", "float64[2]:rand", "int64[2,3]:arange", "int32[4]:zeros",
          "bool[3]:ones", "float32[]:2.5", "int16[3]:-7", "float32[2]:0.1", "@/x/y.npy", "int:3", "float:0.5",
          "bool:true", "bool:false", "str:a:b c", "none"}) {
        SCOPED_TRACE(spec);
        EXPECT_EQ(formatInputSpec(parseInputSpec(spec)), spec);
    }
}

TEST(InputSpec, MalformedSpecsAreRefused)
{
    for (const char* spec :
         {"", "float32", "float32[1,3", "float32[1,-3]", "float32[a]", "float8[1]", "float32[1]x",
          "float32[1]:gauss", "int:3.5", "int:", "float:abc", "bool:yes", "tensor:3", "@", "float32:3"}) {
        SCOPED_TRACE(spec);
        try {
            parseInputSpec(spec);
            ADD_FAILURE() << "accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::InvalidInput);
            EXPECT_NE(e.message().find("Cannot read input"), std::string::npos) << e.message();
            EXPECT_NE(e.hint().find("DTYPE[D0,D1,...]"), std::string::npos);
        }
    }
}

TEST(InputSpec, ATensorWithoutShapeSaysHowToWriteOne)
{
    try {
        parseInputSpec("float32:3");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(e.message().find("float32[1,3]:3"), std::string::npos) << e.message();
    }
}

} // namespace
