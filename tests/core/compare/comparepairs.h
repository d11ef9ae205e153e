#pragma once

// The trace/script pairs make_compare_fixtures.py wrote (fixtures/compare/pairs.json), shared by
// the node comparison and divergence search tests.

#include "ptscope/run/runspec.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ptscope::test {

const nlohmann::json& comparePairs();
const nlohmann::json& comparePair(const std::string& name); // throws when there is none
std::vector<std::string> comparePairNames(bool diverging);
std::string comparePath(const std::string& file); // a file of fixtures/compare
// The pair's input specs under `which` ("example", "disagree"), with its seed.
RunInputs comparePairInputs(const nlohmann::json& pair, const char* which);

} // namespace ptscope::test
