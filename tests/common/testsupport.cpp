#include "testsupport.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ptscope::test {

std::string fixturePath(const std::string& name)
{
    return std::string(PTSCOPE_FIXTURES_DIR) + "/" + name;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

nlohmann::json readJson(const std::string& path)
{
    return nlohmann::json::parse(readFile(path));
}

nlohmann::json expectedFor(const std::string& fixture)
{
    const std::string stem = fixture.substr(0, fixture.rfind(".pt"));
    return readJson(fixturePath(stem + ".expected.json"));
}

namespace {

std::string shellQuote(const std::string& word)
{
    std::string out = "'";
    for (char c : word)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string tempPath(const char* tag)
{
    return (fs::temp_directory_path() / (std::string("ptscope-test-") + std::to_string(getpid()) + "-" + tag)).string();
}

} // namespace

std::string compareWithGolden(const std::string& name, const std::string& actual)
{
    const std::string golden = std::string(PTSCOPE_SOURCE_DIR) + "/tests/golden/" + name;
    if (std::getenv("PTSCOPE_UPDATE_GOLDEN")) {
        std::ofstream(golden, std::ios::binary) << actual;
        return {};
    }
    if (fs::exists(golden) && readFile(golden) == actual) {
        fs::remove(golden + ".actual");
        return {};
    }
    const std::string actualPath = golden + ".actual";
    std::ofstream(actualPath, std::ios::binary) << actual;
    const std::string diffPath = tempPath("golden.diff");
    const std::string cmd = "diff -u " + shellQuote(golden) + " " + shellQuote(actualPath) + " > " + shellQuote(diffPath);
    [[maybe_unused]] int rc = std::system(cmd.c_str());
    std::string diff = readFile(diffPath);
    fs::remove(diffPath);
    return "golden file " + golden + " differs (actual output in " + actualPath + "):\n" + diff;
}

CliResult runCli(const std::vector<std::string>& args)
{
    const std::string outPath = tempPath("cli.out");
    const std::string errPath = tempPath("cli.err");
    std::string cmd = shellQuote(PTSCOPE_CLI_PATH);
    for (const std::string& a : args)
        cmd += " " + shellQuote(a);
    cmd += " > " + shellQuote(outPath) + " 2> " + shellQuote(errPath) + " < /dev/null";
    const int status = std::system(cmd.c_str());
    CliResult result;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = readFile(outPath);
    result.err = readFile(errPath);
    fs::remove(outPath);
    fs::remove(errPath);
    return result;
}

std::string torchvisionOpsLibrary()
{
    const fs::path dir = "/usr/lib/python3/dist-packages/torchvision";
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind("_C", 0) == 0 && name.find(".so") != std::string::npos)
            return it->path().string();
    }
    return {};
}

} // namespace ptscope::test
