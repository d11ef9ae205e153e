// ptscope-cli: every ptscope capability, headless, with JSON output and exit codes for CI.

#include "clicommon.h"
#include "diffcommand.h"
#include "graphcommand.h"
#include "infocommand.h"
#include "profilecommand.h"
#include "ptscope/common/error.h"
#include "reviewcommand.h"
#include "runcommand.h"
#include "workercommand.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv)
{
    using namespace ptscope;
    using namespace ptscope::cli;

    CLI::App app{"ptscope-cli: inspect, run, profile and compare TorchScript models", "ptscope-cli"};
    app.require_subcommand(1);
    // Global options are taken after the verb too (ptscope-cli info MODEL.pt --load-library LIB.so).
    app.fallthrough();
    app.set_version_flag("--version", "ptscope-cli 0.1.0");
    CommonOptions common;
    app.add_option("--load-library", common.libraries,
                   "Shared library registering extra operators (e.g. torchvision's _C.so); repeatable")
        ->check(CLI::ExistingFile);
    app.add_option("--device", common.device, "Device to load the model on (cpu, cuda:0)")->capture_default_str();

    InfoCommand info(app, common);
    GraphCommand graph(app, common);
    RunCommand run(app, common);
    ProfileCommand profile(app, common);
    DiffCommand diff(app, common);
    ReviewCommand review(app, common);
    WorkerCommand worker(app, common);

    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return ExitError;
    }

    try {
        if (app.got_subcommand("info"))
            return info.run();
        if (app.got_subcommand("graph"))
            return graph.run();
        if (app.got_subcommand("run"))
            return run.run();
        if (app.got_subcommand("profile"))
            return profile.run();
        if (app.got_subcommand("diff"))
            return diff.run();
        if (app.got_subcommand("review"))
            return review.run();
        if (app.got_subcommand("worker"))
            return worker.run();
    } catch (const Error& e) {
        return reportError(e, common);
    } catch (const std::exception& e) {
        return reportError(Error(ErrorKind::Internal, std::string("Unexpected error: ") + e.what()), common);
    }
    return ExitError;
}
