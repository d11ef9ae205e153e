// Values Python saved with torch.save, in every pickle protocol from 2 to 5 and in the container
// shapes LibTorch's unpickler cannot read by itself (a list of one image, the usual input of a
// detection model; a dict of one entry; protocol 4 and 5 opcodes), read back as Python saved them
// (fixtures/pickles/manifest.json describes each). Internal: it reads through core's own reader.

#include "ptscope/common/error.h"
#include "run/inputmaterializer.h"
#include "testsupport.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <torch/torch.h>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

// As make_pickle_fixtures.py describes a Python value.
std::string describe(const c10::IValue& v)
{
    if (v.isTensor()) {
        const at::Tensor& t = v.toTensor();
        std::string dtype = c10::toString(t.scalar_type());
        static const std::map<std::string, std::string> names = {{"Float", "float32"}, {"Long", "int64"}};
        dtype = names.count(dtype) ? names.at(dtype) : dtype;
        return fmt::format("tensor({},[{}],{:.4f})", dtype, fmt::join(t.sizes(), ","),
                           t.to(at::kDouble).sum().item<double>());
    }
    const auto join = [](const auto& items, auto each) {
        std::string out;
        for (const auto& item : items)
            out += (out.empty() ? "" : ", ") + each(item);
        return out;
    };
    if (v.isList())
        return "list[" + join(v.toListRef(), [](const c10::IValue& x) { return describe(x); }) + "]";
    if (v.isTuple())
        return "tuple(" + join(v.toTupleRef().elements(), [](const c10::IValue& x) { return describe(x); }) + ")";
    if (v.isGenericDict()) {
        std::string out;
        for (const auto& entry : v.toGenericDict())
            out += (out.empty() ? "" : ", ") + entry.key().toStringRef() + ": " + describe(entry.value());
        return "dict{" + out + "}";
    }
    if (v.isBool())
        return std::string("bool ") + (v.toBool() ? "True" : "False");
    if (v.isInt())
        return "int " + std::to_string(v.toInt());
    if (v.isDouble())
        return fmt::format("float {:.4f}", v.toDouble());
    if (v.isString())
        return "str " + v.toStringRef();
    if (v.isNone())
        return "None";
    return "?" + v.tagKind();
}

} // namespace

TEST(SavedValues, EveryContainerShapeInEveryProtocolReadsAsPythonSavedIt)
{
    const json manifest = readJson(fixturePath("pickles/manifest.json"));
    ASSERT_GE(manifest.size(), 40u);
    for (const json& entry : manifest) {
        const std::string file = entry["file"];
        SCOPED_TRACE(file);
        try {
            EXPECT_EQ(describe(readValueFile(fixturePath("pickles/" + file))), entry["value"].get<std::string>());
        } catch (const Error& e) {
            ADD_FAILURE() << e.message();
        }
    }
}

TEST(SavedValues, ATensorSavedTwiceInOneFileIsOneTensor)
{
    const c10::IValue v = readValueFile(fixturePath("pickles/shared_tensor_p4.pt"));
    ASSERT_TRUE(v.isList());
    const auto& items = v.toListRef();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_TRUE(items[0].toTensor().is_same(items[1].toTensor()) ||
                items[0].toTensor().data_ptr() == items[1].toTensor().data_ptr());
}
