#pragma once

// Internal to core's compare part: the pieces the comparison documents share.

#include "ptscope/compare/nodediff.h"
#include "ptscope/compare/divergence.h"
#include "ptscope/compare/outputdiff.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ptscope {

using json = nlohmann::ordered_json;

json number(double v); // NaN and infinities as strings
double numberFrom(const json& j);
json optionalText(const std::string& s);
std::string optionalTextFrom(const json& j);

json outputToJson(const OutputDiff& o);
OutputDiff outputFromJson(const json& j);
json outputsToJson(const std::vector<OutputDiff>& outputs);

json nodeToJson(const NodeRef& n);
NodeRef nodeFromJson(const json& j); // null: no node
std::string nodeText(const NodeRef& n);

// The diff document without its node and search parts.
json outputComparisonJson(const OutputComparison& c);
OutputComparison outputComparisonFrom(const json& doc);

// first_divergent_node, structural_causes and per_node, added to a diff document.
void addPerNode(json& doc, const NodeComparison& p);
NodeComparison perNodeFromJson(const json& doc);
// Structural differences are called causes only when the models disagree somewhere.
std::string perNodeText(const NodeComparison& p, bool modelsDisagree);

// counterexample and search, added to a diff document.
void addSearch(json& doc, const SearchResult& s);
SearchResult searchFromJson(const json& doc);
std::string searchText(const SearchResult& s);

} // namespace ptscope
