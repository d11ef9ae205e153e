// Every ptscope-cli command line in the README works as written. Commands are read from its sh
// code blocks at test time. Runnable ones (recipes and examples) run in a folder holding the files
// they name, made from the bundled example and the fixtures. Synopsis lines, with placeholders
// like [--json] or MODEL.pt, are checked against the verb's own --help: the verb exists and takes
// every option the README names.

#include "testsupport.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;
using namespace ptscope::test;

namespace {

struct Command
{
    std::string line;
    bool synopsis = false;
};

std::vector<Command> readmeCommands()
{
    const std::string readme = readFile(std::string(PTSCOPE_SOURCE_DIR) + "/README.md");
    std::vector<Command> commands;
    std::istringstream in(readme);
    bool inShell = false;
    std::string pending;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("```", 0) == 0) {
            inShell = !inShell && (line == "```sh" || line == "```bash");
            continue;
        }
        if (!inShell)
            continue;
        // A continued line ("... \") joins the next.
        if (!line.empty() && line.back() == '\\') {
            pending += line.substr(0, line.size() - 1) + " ";
            continue;
        }
        line = pending + line;
        pending.clear();
        const size_t at = line.find("ptscope-cli ");
        if (at == std::string::npos || line.rfind("#", 0) == 0)
            continue;
        const std::string rest = line.substr(at);
        // "[--json]" is a synopsis; "float32[1,10]" an input spec.
        const bool synopsis = rest.find(" [") != std::string::npos || rest.find("...") != std::string::npos ||
                              std::regex_search(rest, std::regex(R"(\b[A-Z][A-Z_]*\.pt\b|\bA\.pt\b)"));
        commands.push_back({line, synopsis});
    }
    return commands;
}

// The files the README's recipes name, made from the bundled example and the fixtures.
fs::path sandbox()
{
    const fs::path dir = fs::temp_directory_path() / "ptscope-readme-commands";
    fs::remove_all(dir);
    fs::create_directories(dir / "ci_inputs");
    const fs::path example = PTSCOPE_EXAMPLE_DIR;
    const auto copy = [&](const fs::path& from, const std::string& to) {
        fs::copy_file(from, dir / to, fs::copy_options::overwrite_existing);
    };
    copy(example / "simplenet.pt", "model.pt");
    copy(example / "simplenet.pt", "model_scripted.pt");
    copy(example / "simplenet_traced.pt", "model_traced.pt");
    copy(example / "simplenet_input.pt", "input.pt");
    copy(example / "simplenet_outputs.pt", "outputs.pt");
    copy(example / "simplenet.pt", "model_released.pt");
    copy(example / "simplenet_traced.pt", "model_new.pt");
    copy(example / "simplenet_input.pt", "ci_inputs/sample1.pt");
    copy(fixturePath("resnet18_scripted.pt"), "resnet18.pt");
    // The torchvision recipe's model: forward(boxes, scores) calls torchvision::nms.
    copy(fixturePath("nms_scripted.pt"), "detector.pt");
    return dir;
}

int runShell(const std::string& line, const fs::path& cwd, std::string& output)
{
    const fs::path cli = PTSCOPE_CLI_PATH;
    const fs::path log = cwd / "command.log";
    const std::string cmd = "cd '" + cwd.string() + "' && PATH='" + cli.parent_path().string() + "':\"$PATH\" sh -c '" +
                            std::regex_replace(line, std::regex("'"), "'\\''") + "' > '" + log.string() +
                            "' 2>&1 < /dev/null";
    const int status = std::system(cmd.c_str());
    output = readFile(log.string());
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

} // namespace

TEST(ReadmeCommands, EveryExampleAndRecipeRunsAsWritten)
{
    const fs::path dir = sandbox();
    int ran = 0;
    for (const Command& c : readmeCommands()) {
        if (c.synopsis)
            continue;
        SCOPED_TRACE(c.line);
        std::string line = c.line;
        fs::path cwd = dir;
        // The bundled example's commands run where the README says to cd to.
        if (line.find("../../app/ptscope-cli") != std::string::npos) {
            cwd = PTSCOPE_EXAMPLE_DIR;
            line = std::regex_replace(line, std::regex(R"(\.\./\.\./app/ptscope-cli)"), "ptscope-cli");
        }
        // Build-tree paths as a fresh clone has them, in this build's tree.
        if (line.rfind("build/release/", 0) == 0 || line.find("./packaging/") != std::string::npos)
            continue; // the set-up commands: CI runs them
        std::string output;
        EXPECT_EQ(runShell(line, cwd, output), 0) << output;
        ++ran;
    }
    EXPECT_GE(ran, 7);
}

TEST(ReadmeCommands, EverySynopsisNamesAVerbAndOptionsItTakes)
{
    int checked = 0;
    const CliResult global = runCli({"--help"});
    for (const Command& c : readmeCommands()) {
        if (!c.synopsis)
            continue;
        SCOPED_TRACE(c.line);
        // One line may show several verbs ("ptscope-cli graph MODEL.pt ...  ptscope-cli run ...").
        const std::regex each(R"(ptscope-cli\s+((?:\[[^\]]*\]\s*|--\S+\s+)*)([a-z]+)(.*?)(?=ptscope-cli|$))");
        for (std::sregex_iterator it(c.line.begin(), c.line.end(), each), end; it != end; ++it) {
            const std::string verb = (*it)[2];
            const std::string options = std::string((*it)[1]) + std::string((*it)[3]);
            const CliResult help = runCli({verb, "--help"});
            EXPECT_EQ(help.exitCode, 0) << verb << ": " << help.err;
            const std::regex option(R"(--[a-z][a-z-]*)");
            for (std::sregex_iterator o(options.begin(), options.end(), option), oend; o != oend; ++o) {
                const std::string name = o->str();
                EXPECT_TRUE(help.out.find(name) != std::string::npos || global.out.find(name) != std::string::npos)
                    << verb << " does not take " << name;
            }
            ++checked;
        }
    }
    EXPECT_GE(checked, 8);
}
