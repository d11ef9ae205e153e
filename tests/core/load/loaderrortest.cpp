// Every kind of bad file gives its own typed error, worded for people: one line of message,
// at most one line of hint, no C++ backtrace.

#include "ptscope/common/error.h"
#include "ptscope/load/model.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;

namespace {

const char* const kBadFixtures[] = {
    "empty.pt",    "random_bytes.pt",  "truncated.pt",      "eager_module.pt", "state_dict.pt",
    "tensor.pt",   "legacy_pickle.pt", "future_version.pt", "nms_scripted.pt", "not_a_file.pt",
    "version_garbage.pt", "version_overflow.pt", "code_damaged.pt", "tensor_past_storage.pt",
};

void expectReadable(const Error& e)
{
    EXPECT_FALSE(e.message().empty());
    // Never a reason left out, nor a bare C++ word as the reason.
    const std::string m = e.message();
    EXPECT_NE(m.back(), ' ') << m;
    EXPECT_EQ(m.find(": stoull"), std::string::npos) << m;
    EXPECT_EQ(m.find("enforce fail"), std::string::npos) << m;
    EXPECT_EQ(e.message().find('\n'), std::string::npos) << e.message();
    EXPECT_EQ(e.hint().find('\n'), std::string::npos) << e.hint();
    const std::string text = e.what();
    EXPECT_EQ(text.find("Exception raised from"), std::string::npos) << text;
    EXPECT_EQ(text.find("frame #"), std::string::npos) << text;
}

class BadFile : public ::testing::TestWithParam<const char*>
{
};

TEST_P(BadFile, GivesItsKindAndAClearMessage)
{
    const std::string name = GetParam();
    const auto expectedKinds = readJson(fixturePath("bad_files.json"));
    try {
        Model::open(fixturePath(name));
        FAIL() << name << " opened";
    } catch (const Error& e) {
        EXPECT_STREQ(errorKindId(e.kind()), expectedKinds[name].get<std::string>().c_str()) << e.what();
        expectReadable(e);
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadFile, ::testing::ValuesIn(kBadFixtures), [](const auto& info) {
    std::string name = info.param;
    return name.substr(0, name.find('.'));
});

TEST(LoadErrors, MissingFile)
{
    try {
        Model::open(fixturePath("does-not-exist.pt"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::FileNotFound);
        expectReadable(e);
    }
}

TEST(LoadErrors, MissingOperatorNamesOpAndLibrary)
{
    try {
        Model::open(fixturePath("nms_scripted.pt"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(e.message().find("torchvision::nms"), std::string::npos) << e.message();
        EXPECT_NE(e.hint().find("torchvision"), std::string::npos) << e.hint();
        EXPECT_NE(e.detail().find("Unknown builtin op"), std::string::npos);
    }
}

TEST(LoadErrors, EagerModuleSaysHowToFix)
{
    try {
        Model::open(fixturePath("eager_module.pt"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(e.message().find("SimpleNet"), std::string::npos) << e.message();
        EXPECT_NE(e.hint().find("torch.jit.script"), std::string::npos);
        EXPECT_NE(e.hint().find("torch.jit.save"), std::string::npos);
    }
}

TEST(LoadErrors, UnknownDeviceIsRefused)
{
    try {
        Model::open(fixturePath("simplenet_scripted.pt"), LoadOptions{"tpu:7"});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
        expectReadable(e);
    }
}

} // namespace
