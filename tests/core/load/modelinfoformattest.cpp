// The info document against golden files (paths and sizes, which differ per machine, blanked).

#include "ptscope/common/format.h"
#include "ptscope/load/model.h"
#include "ptscope/load/modelinfoformat.h"
#include "testsupport.h"

#include <gtest/gtest.h>

using namespace ptscope;
using namespace ptscope::test;

namespace {

std::string portableJson(const std::string& fixture)
{
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(modelInfoToJson(Model::open(fixturePath(fixture)).info()));
    doc["file"] = fixture;
    doc.erase("file_size");
    return doc.dump(2) + "\n";
}

TEST(ModelInfoFormat, SimpleNetJsonMatchesGolden)
{
    EXPECT_EQ(compareWithGolden("simplenet_scripted.info.json", portableJson("simplenet_scripted.pt")), "");
}

TEST(ModelInfoFormat, NestedJsonMatchesGolden)
{
    EXPECT_EQ(compareWithGolden("nested_scripted.info.json", portableJson("nested_scripted.pt")), "");
}

TEST(ModelInfoFormat, TextReportNamesEveryModule)
{
    const ModelInfo info = Model::open(fixturePath("resnet18_scripted.pt")).info();
    const std::string text = modelInfoToText(info);
    const std::string total = formatCount(expectedFor("resnet18_scripted.pt")["num_parameters"].get<int64_t>());
    EXPECT_NE(text.find("Parameters   " + total), std::string::npos) << text;
    for (const ModuleInfo& m : info.modules)
        if (!m.name.empty())
            EXPECT_NE(text.find(m.name), std::string::npos) << m.path;
}

} // namespace
