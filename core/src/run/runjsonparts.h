#pragma once

// Internal to core: the JSON of values the run and profile documents share (no torch).

#include "ptscope/run/runresult.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace ptscope::jsonparts {

using json = nlohmann::ordered_json;

// JSON has no NaN or infinity: such values travel as strings.
json number(double v);
double numberFrom(const json& j);
json optionalNumber(const std::optional<double>& v);
std::optional<double> optionalFrom(const json& j);

json outputToJson(const OutputInfo& o);
OutputInfo outputFromJson(const json& j);
json outputsJson(const std::vector<OutputInfo>& outputs);
std::vector<OutputInfo> outputsFrom(const json& list);

json inputsJson(const std::vector<InputInfo>& inputs);
std::vector<InputInfo> inputsFrom(const json& list);

} // namespace ptscope::jsonparts
