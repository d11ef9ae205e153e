#pragma once

// The run cases make_run_fixtures.py wrote (fixtures/run/cases.json): each a model, inputs and
// either Python's flattened outputs (with .npy files of every tensor) or the error to expect.
// Shared by the core and CLI run tests.

#include "ptscope/run/runresult.h"
#include "ptscope/run/runspec.h"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ptscope::test {

const nlohmann::json& runCases();
const nlohmann::json& runCase(const std::string& name);
std::vector<std::string> runCaseNames(bool errors);

std::string caseModel(const nlohmann::json& c);
// The case's input specs with "@relative/path" resolved against the fixtures folder.
std::vector<std::string> caseInputs(const nlohmann::json& c);
// "@/abs/path" for cases giving every argument from one file; empty otherwise.
std::string caseAllInputs(const nlohmann::json& c);
// Inputs from input-grammar specs, one per argument, generated from this seed.
RunInputs specInputs(std::initializer_list<const char*> specs, uint64_t seed = 0);
// The case's inputs as runModel and profileModel take them (specs, --inputs file, seed).
RunInputs caseRunInputs(const nlohmann::json& c);
// Operator libraries the case's model needs (torchvision's _C.so for "torchvision").
std::vector<std::string> caseLibraries(const nlohmann::json& c);

// Compares ptscope's outputs with Python's: paths, kinds, types' shapes and dtypes, statistics
// (to rounding), scalar values exactly, and every tensor's .npy bytes exactly (outputs must have
// been written with an output folder). Returns every difference, or "" when they match.
std::string compareOutputs(const nlohmann::json& expected, const std::vector<OutputInfo>& actual);

// A fresh empty folder under the system's temp folder, removed by the destructor.
class TempFolder
{
public:
    explicit TempFolder(const std::string& tag);
    ~TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

} // namespace ptscope::test
