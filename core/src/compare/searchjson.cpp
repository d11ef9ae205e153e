#include "compare/comparejsonparts.h"
#include "ptscope/common/error.h"
#include "ptscope/common/format.h"

#include <fmt/format.h>

namespace ptscope {

void addSearch(json& doc, const SearchResult& s)
{
    json free = json::array();
    for (const FreeDimension& f : s.freeDimensions)
        free.push_back({{"argument", f.argument},
                        {"dim", f.dim},
                        {"size", f.size},
                        {"min", f.min},
                        {"max", f.max},
                        {"user_range", f.userRange}});
    doc["search"] = {{"found", s.found},
                     {"stopped", s.stopped},
                     {"trials", s.trials},
                     {"budget", s.budget},
                     {"seconds", s.seconds},
                     {"time_budget", s.secondsBudget},
                     {"seed", s.seed},
                     {"free_dimensions", free}};
    if (!s.found) {
        doc["counterexample"] = nullptr;
        return;
    }
    doc["counterexample"] = {{"file", optionalText(s.file)},
                             {"description", s.description},
                             {"shapes", s.shapes},
                             {"elements", s.elements},
                             {"found_at_trial", s.foundAtTrial},
                             {"error_a", optionalText(s.diff.errorA)},
                             {"error_b", optionalText(s.diff.errorB)},
                             {"outputs", outputsToJson(s.diff.outputs)}};
}

SearchResult searchFromJson(const json& doc)
{
    SearchResult s;
    const json& j = doc.at("search");
    s.found = j.at("found").get<bool>();
    s.stopped = j.at("stopped").get<std::string>();
    s.trials = j.at("trials").get<int>();
    s.budget = j.at("budget").get<int>();
    s.seconds = j.at("seconds").get<double>();
    s.secondsBudget = j.at("time_budget").get<double>();
    s.seed = j.at("seed").get<uint64_t>();
    for (const json& f : j.at("free_dimensions"))
        s.freeDimensions.push_back({f.at("argument").get<std::string>(), f.at("dim").get<int>(),
                                    f.at("size").get<int64_t>(), f.at("min").get<int64_t>(),
                                    f.at("max").get<int64_t>(), f.at("user_range").get<bool>()});
    const json& c = doc.at("counterexample");
    if (s.found != !c.is_null())
        throw Error(ErrorKind::ProtocolError, "A malformed search: found, but without its counterexample.");
    if (!s.found)
        return s;
    s.file = optionalTextFrom(c.at("file"));
    s.description = c.at("description").get<std::string>();
    s.shapes = c.at("shapes").get<std::vector<std::vector<int64_t>>>();
    s.elements = c.at("elements").get<int64_t>();
    s.foundAtTrial = c.at("found_at_trial").get<int>();
    s.diff.input = s.description;
    s.diff.errorA = optionalTextFrom(c.at("error_a"));
    s.diff.errorB = optionalTextFrom(c.at("error_b"));
    for (const json& o : c.at("outputs"))
        s.diff.outputs.push_back(outputFromJson(o));
    s.diff.matches = false;
    return s;
}

std::string searchText(const SearchResult& s)
{
    std::string text = "\nDivergence search";
    text += fmt::format(" ({} trials in {:.1f} s, budget {} trials and {} s, seed {}):\n", s.trials, s.seconds,
                        s.budget, formatNumber(s.secondsBudget), s.seed);
    if (!s.freeDimensions.empty()) {
        std::vector<std::string> free;
        for (const FreeDimension& f : s.freeDimensions)
            free.push_back(fmt::format("{} dim {} ({} to {}, started at {})", f.argument, f.dim, f.min, f.max,
                                       f.size));
        text += fmt::format("  Free dimensions, as far as both models accepted them: {}\n", fmt::join(free, "; "));
    }
    if (!s.found) {
        const char* why = s.stopped == "time"      ? "the time budget ran out"
                          : s.stopped == "budget"  ? "the trial budget ran out"
                                                   : "every candidate was tried";
        text += fmt::format("  No input found on which they disagree ({}).\n", why);
        return text;
    }
    text += "  Counterexample (trial " + std::to_string(s.foundAtTrial) + "): " + s.description + "\n";
    if (!s.file.empty())
        text += "  Saved to " + s.file + " (reopen it with --inputs @" + s.file + ")\n";
    if (!s.diff.errorA.empty() || !s.diff.errorB.empty()) {
        text += "  first raised:  " + (s.diff.errorA.empty() ? std::string("nothing") : s.diff.errorA) + "\n";
        text += "  second raised: " + (s.diff.errorB.empty() ? std::string("nothing") : s.diff.errorB) + "\n";
    }
    for (const OutputDiff& o : s.diff.outputs) {
        if (o.matches)
            continue;
        if (o.comparable && o.kind == OutputDiff::Kind::Tensor)
            text += fmt::format("  output {}: max abs {}, max rel {}, {}/{} elements outside tolerance\n", o.path,
                                formatNumber(o.maxAbs), formatNumber(o.maxRel), o.mismatched, o.total);
        else
            text += "  output " + o.path + ": " + o.problem + "\n";
    }
    return text;
}

} // namespace ptscope
