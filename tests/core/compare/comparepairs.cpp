#include "comparepairs.h"

#include "ptscope/run/inputspec.h"
#include "testsupport.h"

#include <stdexcept>

namespace ptscope::test {

const nlohmann::json& comparePairs()
{
    static const nlohmann::json manifest = readJson(fixturePath("compare/pairs.json"));
    return manifest;
}

const nlohmann::json& comparePair(const std::string& name)
{
    for (const nlohmann::json& p : comparePairs())
        if (p["name"] == name)
            return p;
    throw std::runtime_error("no pair " + name + " in compare/pairs.json");
}

std::vector<std::string> comparePairNames(bool diverging)
{
    std::vector<std::string> names;
    for (const nlohmann::json& p : comparePairs())
        if (p["diverges"].get<bool>() == diverging)
            names.push_back(p["name"]);
    return names;
}

std::string comparePath(const std::string& file)
{
    return fixturePath("compare/" + file);
}

RunInputs comparePairInputs(const nlohmann::json& p, const char* which)
{
    RunInputs inputs;
    for (const nlohmann::json& spec : p.at(which))
        inputs.arguments.push_back(parseInputSpec(spec.get<std::string>()));
    inputs.seed = p.value("seed", uint64_t(0));
    return inputs;
}

} // namespace ptscope::test
