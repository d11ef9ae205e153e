#pragma once

// Shared by ptscope's GoogleTest suites: fixture paths, expected values written by
// tests/fixtures/make_fixtures.py, golden files and running ptscope-cli.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ptscope::test {

std::string fixturePath(const std::string& name);
nlohmann::json readJson(const std::string& path);
// NAME.expected.json beside fixture NAME.pt: what Python saw in it.
nlohmann::json expectedFor(const std::string& fixture);
std::string readFile(const std::string& path);

// Compares text with tests/golden/NAME. On mismatch writes NAME.actual next to the golden file
// and returns a unified diff; returns empty when equal. PTSCOPE_UPDATE_GOLDEN=1 rewrites it.
std::string compareWithGolden(const std::string& name, const std::string& actual);

struct CliResult
{
    int exitCode = -1;
    std::string out;
    std::string err;
};
// Runs ptscope-cli with the arguments (each passed as one word).
CliResult runCli(const std::vector<std::string>& args);

std::string torchvisionOpsLibrary();

} // namespace ptscope::test
