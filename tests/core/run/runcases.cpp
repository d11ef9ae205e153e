#include "runcases.h"

#include "ptscope/io/npy.h"
#include "ptscope/run/inputspec.h"
#include "testsupport.h"

#include <atomic>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using nlohmann::json;

namespace ptscope::test {

namespace {

std::string resolveSpec(const std::string& spec)
{
    return spec.rfind('@', 0) == 0 ? "@" + fixturePath(spec.substr(1)) : spec;
}

bool closeEnough(const json& expected, const std::optional<double>& actual)
{
    if (expected.is_null())
        return !actual.has_value();
    if (!actual)
        return false;
    const double e = expected.get<double>();
    return std::abs(e - *actual) <= 1e-9 * std::max(1.0, std::abs(e));
}

std::string sameNpy(const std::string& expectedFile, const std::string& actualFile)
{
    if (actualFile.empty())
        return "no .npy written";
    const NpyArray e = readNpy(fixturePath(expectedFile));
    const NpyArray a = readNpy(actualFile);
    if (e.dtype != a.dtype || e.shape != a.shape)
        return ".npy has " + a.dtype + " instead of " + e.dtype + " (or another shape)";
    if (e.data != a.data)
        return ".npy values differ from Python's";
    return {};
}

bool sameValue(const json& expected, const OutputInfo& actual)
{
    switch (actual.kind) {
    case OutputInfo::Kind::None:
        return expected.is_null();
    case OutputInfo::Kind::Bool:
        return expected == std::get<bool>(actual.value);
    case OutputInfo::Kind::Int:
        return expected == std::get<int64_t>(actual.value);
    case OutputInfo::Kind::Float:
        return expected.get<double>() == std::get<double>(actual.value);
    case OutputInfo::Kind::String:
        return expected == std::get<std::string>(actual.value);
    default:
        return false;
    }
}

} // namespace

const json& runCases()
{
    static const json cases = readJson(fixturePath("run/cases.json"))["cases"];
    return cases;
}

const json& runCase(const std::string& name)
{
    for (const json& c : runCases()) {
        if (c["name"] == name)
            return c;
    }
    throw std::runtime_error("no run case " + name);
}

std::vector<std::string> runCaseNames(bool errors)
{
    std::vector<std::string> names;
    try {
        for (const json& c : runCases()) {
            if (c.contains("error") == errors)
                names.push_back(c["name"]);
        }
    } catch (const std::exception&) {
        // No fixtures yet (test discovery before they are made): the suites are then empty.
    }
    return names;
}

std::string caseModel(const json& c)
{
    return fixturePath(c["model"].get<std::string>());
}

std::vector<std::string> caseInputs(const json& c)
{
    std::vector<std::string> specs;
    for (const json& spec : c.value("inputs", json::array()))
        specs.push_back(resolveSpec(spec.get<std::string>()));
    return specs;
}

std::string caseAllInputs(const json& c)
{
    return c.contains("inputs_all") ? resolveSpec(c["inputs_all"].get<std::string>()) : std::string();
}

RunInputs specInputs(std::initializer_list<const char*> specs, uint64_t seed)
{
    RunInputs in;
    for (const char* spec : specs)
        in.arguments.push_back(parseInputSpec(spec));
    in.seed = seed;
    return in;
}

RunInputs caseRunInputs(const json& c)
{
    RunInputs inputs;
    for (const std::string& spec : caseInputs(c))
        inputs.arguments.push_back(parseInputSpec(spec));
    inputs.allArgumentsFile = caseAllInputs(c);
    inputs.seed = c["seed"].get<uint64_t>();
    return inputs;
}

std::vector<std::string> caseLibraries(const json& c)
{
    std::vector<std::string> libraries;
    for (const json& name : c.value("libraries", json::array())) {
        if (name != "torchvision")
            throw std::runtime_error("unknown library " + name.dump());
        libraries.push_back(torchvisionOpsLibrary());
    }
    return libraries;
}

std::string compareOutputs(const json& expected, const std::vector<OutputInfo>& actual)
{
    std::ostringstream diff;
    if (expected.size() != actual.size())
        diff << actual.size() << " outputs instead of " << expected.size() << "\n";
    for (size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
        const json& e = expected[i];
        const OutputInfo& a = actual[i];
        const std::string where = "output " + std::to_string(i) + " '" + a.path + "': ";
        if (e["path"] != a.path)
            diff << where << "path should be '" << e["path"].get<std::string>() << "'\n";
        if (e["kind"] != outputKindId(a.kind)) {
            diff << where << "kind " << outputKindId(a.kind) << " instead of " << e["kind"] << "\n";
            continue;
        }
        if (a.kind == OutputInfo::Kind::Tensor) {
            const TensorStats& t = a.tensor;
            if (e["dtype"] != t.dtype || e["shape"].get<std::vector<int64_t>>() != t.shape)
                diff << where << t.dtype << " shape differs from Python's " << e["dtype"] << " " << e["shape"]
                     << "\n";
            if (!closeEnough(e["min"], t.min) || !closeEnough(e["max"], t.max) ||
                !closeEnough(e["mean"], t.mean) || !closeEnough(e["std"], t.std))
                diff << where << "statistics differ from Python's " << e << "\n";
            if (e["nan"] != t.nan || e["inf"] != t.inf)
                diff << where << "nan/inf counts " << t.nan << "/" << t.inf << "\n";
            if (const std::string npy = sameNpy(e["file"], a.file); !npy.empty())
                diff << where << npy << "\n";
        } else if (e.contains("size")) {
            if (e["size"] != a.size)
                diff << where << "size " << a.size << " instead of " << e["size"] << "\n";
        } else if (!sameValue(e["value"], a)) {
            diff << where << "value differs from Python's " << e["value"] << "\n";
        }
    }
    return diff.str();
}

TempFolder::TempFolder(const std::string& tag)
{
    static std::atomic<int> counter{0};
    m_path = (fs::temp_directory_path() /
              ("ptscope-" + tag + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++)))
                 .string();
    fs::remove_all(m_path);
    fs::create_directories(m_path);
}

TempFolder::~TempFolder()
{
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

} // namespace ptscope::test
