// runModel's settings and guarantees beyond single cases: arguments as forward declares them,
// cancelling, progress, repeats and warm-up, training mode on a copy, output files.

#include "ptscope/run/runner.h"

#include "ptscope/common/error.h"
#include "ptscope/run/inputspec.h"
#include "ptscope/load/model.h"
#include "ptscope/io/npy.h"
#include "runcases.h"
#include "testsupport.h"

#include <filesystem>
#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

RunOptions oneThread()
{
    RunOptions options;
    options.threads = 1;
    return options;
}

ErrorKind kindOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.kind();
    }
    return ErrorKind::Internal;
}

TEST(Runner, ArgumentsAsTheSchemaDeclaresThem)
{
    const Model model = Model::open(fixturePath("run/text_args_scripted.pt"));
    const std::vector<ArgumentSpec> args = forwardArguments(model);
    ASSERT_EQ(args.size(), 5u);
    EXPECT_EQ(args[0].name, "x");
    EXPECT_EQ(args[0].kind, "tensor");
    EXPECT_EQ(args[1].type, "str");
    EXPECT_EQ(args[2].kind, "int");
    EXPECT_TRUE(args[3].hasDefault);
    EXPECT_EQ(args[3].defaultSpec, "bool:true");
    EXPECT_EQ(args[4].type, "Optional[Tensor]");
    EXPECT_EQ(args[4].kind, "optional");
    EXPECT_EQ(args[4].defaultSpec, "none");
    EXPECT_FALSE(args[0].exampleShape.has_value());
    EXPECT_EQ(describeArguments(args),
              "forward(x: Tensor, mode: str, k: int, flag: bool = True, bias: Optional[Tensor] = None)");
}

TEST(Runner, ArgumentsMatchPythonsSchemaForEveryFixtureWithForward)
{
    for (const char* name :
         {"simplenet_scripted.pt", "multi_io_scripted.pt", "loop_scripted.pt", "branch_traced.pt"}) {
        SCOPED_TRACE(name);
        const json methods = expectedFor(name)["methods"];
        const std::string schema = methods[0]["schema"];
        const std::vector<ArgumentSpec> args = forwardArguments(Model::open(fixturePath(name)));
        for (const ArgumentSpec& a : args)
            EXPECT_NE(schema.find(" " + a.name), std::string::npos) << a.name << " not in " << schema;
    }
}

TEST(Runner, TracedArchivesKeepNoExampleShapes)
{
    // Measured: torch.jit.save writes code, not the traced graph, so LibTorch loads `Tensor`.
    const std::vector<ArgumentSpec> args = forwardArguments(Model::open(fixturePath("simplenet_traced.pt")));
    ASSERT_EQ(args.size(), 1u);
    EXPECT_FALSE(args[0].exampleShape.has_value());
}

TEST(Runner, ModelWithoutForward)
{
    const Model model = Model::open(fixturePath("lstm_scripted.pt"));
    EXPECT_EQ(kindOf([&] { forwardArguments(model); }), ErrorKind::NoSuchMethod);
    EXPECT_EQ(kindOf([&] { runModel(model, {}, oneThread()); }), ErrorKind::NoSuchMethod);
}

TEST(Runner, RepeatsWarmupAndProgress)
{
    const Model model = Model::open(fixturePath("simplenet_scripted.pt"));
    RunOptions options = oneThread();
    options.repeat = 4;
    std::vector<RunProgress> seen;
    const RunResult r = runModel(model, specInputs({"float32[2,10]"}), options, {},
                                 [&](const RunProgress& p) { seen.push_back(p); });
    EXPECT_EQ(r.warmup, 2); // the default with repeats
    ASSERT_EQ(r.seconds.size(), 4u);
    for (double s : r.seconds)
        EXPECT_GT(s, 0);
    EXPECT_GE(r.medianSeconds, *std::min_element(r.seconds.begin(), r.seconds.end()));
    EXPECT_LE(r.medianSeconds, *std::max_element(r.seconds.begin(), r.seconds.end()));
    ASSERT_EQ(seen.size(), 6u);
    EXPECT_EQ(seen[1].phase, "warmup");
    EXPECT_EQ(seen[1].done, 2);
    EXPECT_EQ(seen[5].phase, "run");
    EXPECT_EQ(seen[5].done, 4);
    EXPECT_EQ(seen[5].total, 4);

    options.repeat = 1;
    EXPECT_EQ(runModel(model, specInputs({"float32[2,10]"}), options).warmup, 0);
    options.warmup = 3;
    EXPECT_EQ(runModel(model, specInputs({"float32[2,10]"}), options).warmup, 3);
    options.repeat = 0;
    EXPECT_EQ(kindOf([&] { runModel(model, specInputs({"float32[2,10]"}), options); }),
              ErrorKind::InvalidArgument);
}

TEST(Runner, CancelledBeforeItStarts)
{
    const Model model = Model::open(fixturePath("simplenet_scripted.pt"));
    CancelToken cancel;
    cancel.cancel();
    EXPECT_EQ(kindOf([&] { runModel(model, specInputs({"float32[2,10]"}), oneThread(), cancel); }),
              ErrorKind::Cancelled);
}

TEST(Runner, CancelStopsBetweenRepeats)
{
    const Model model = Model::open(fixturePath("run/spin_scripted.pt"));
    RunOptions options = oneThread();
    options.repeat = 1000;
    options.warmup = 0;
    CancelToken cancel;
    int runs = 0;
    const CancelToken handle = cancel; // copies share the flag
    EXPECT_EQ(kindOf([&] {
                  runModel(model, specInputs({"float32[4]", "int:100"}), options, cancel,
                           [&](const RunProgress& p) {
                               runs = p.done;
                               if (p.done == 3)
                                   handle.cancel();
                           });
              }),
              ErrorKind::Cancelled);
    EXPECT_EQ(runs, 3);
}

TEST(Runner, TrainingRunsLeaveTheLoadedModelAlone)
{
    // resnet18_scripted.pt was saved in training mode: eval runs and training runs (which update
    // BatchNorm statistics) both use a copy, so the eval result never changes.
    const json& c = runCase("resnet18_eval");
    const Model model = Model::open(caseModel(c));
    RunInputs in;
    for (const std::string& spec : caseInputs(c))
        in.arguments.push_back(parseInputSpec(spec));
    in.seed = c["seed"].get<uint64_t>();
    const TempFolder before("before");
    const TempFolder after("after");
    RunOptions options = oneThread();
    options.outputFolder = before.path();
    EXPECT_EQ(compareOutputs(c["outputs"], runModel(model, in, options).samples[0].outputs), "");

    RunOptions training = oneThread();
    training.training = true;
    training.repeat = 2;
    training.warmup = 0;
    const RunResult trained = runModel(model, in, training);
    EXPECT_TRUE(trained.training);
    EXPECT_TRUE(model.info().training);

    options.outputFolder = after.path();
    EXPECT_EQ(compareOutputs(c["outputs"], runModel(model, in, options).samples[0].outputs), "");
}

TEST(Runner, GradientsOnRequest)
{
    const Model model = Model::open(fixturePath("simplenet_scripted.pt"));
    RunOptions options = oneThread();
    options.grad = true;
    const RunResult r = runModel(model, specInputs({"float32[2,10]"}), options);
    EXPECT_TRUE(r.grad);
    EXPECT_EQ(r.samples[0].outputs.size(), 1u);
}

TEST(Runner, SavesOutputsCompletelyOrNotAtAll)
{
    const Model model = Model::open(fixturePath("run/detect_scripted.pt"));
    const TempFolder folder("save");
    RunOptions options = oneThread();
    options.saveOutputs = folder.file("outputs.pt");
    options.outputFolder = folder.file("npy");
    const RunResult r =
        runModel(model, specInputs({("@" + fixturePath("run/inputs/detect_images.pt")).c_str()}), options);
    EXPECT_EQ(r.savedOutputs, options.saveOutputs);
    EXPECT_TRUE(fs::is_regular_file(options.saveOutputs));
    int files = 0;
    for (const OutputInfo& o : r.samples[0].outputs) {
        if (o.kind != OutputInfo::Kind::Tensor)
            continue;
        EXPECT_TRUE(fs::is_regular_file(o.file)) << o.file;
        EXPECT_EQ(readNpy(o.file).shape, o.tensor.shape);
        ++files;
    }
    EXPECT_EQ(files, 6);
    // Nothing but the finished files: no temporary files left behind.
    EXPECT_EQ(std::distance(fs::directory_iterator(folder.path()), fs::directory_iterator{}), 2);

    options.saveOutputs = folder.file("no/such/folder/outputs.pt");
    options.outputFolder.clear();
    EXPECT_EQ(kindOf([&] {
                  runModel(model, specInputs({("@" + fixturePath("run/inputs/detect_images.pt")).c_str()}),
                           options);
              }),
              ErrorKind::WriteFailed);
    EXPECT_FALSE(fs::exists(folder.file("no")));
}

TEST(Runner, Bfloat16OutputsGetStatisticsAndFloat32Files)
{
    const json& c = runCase("identity_bfloat16_3_arange");
    const TempFolder folder("bf16");
    RunOptions options = oneThread();
    options.outputFolder = folder.path();
    const RunResult r = runModel(Model::open(caseModel(c)), specInputs({"bfloat16[3]:arange"}), options);
    EXPECT_EQ(compareOutputs(c["outputs"], r.samples[0].outputs), "");
    EXPECT_EQ(readNpy(r.samples[0].outputs[0].file).dtype, "float32");
}

TEST(Runner, InputsAndAllInputsAreExclusive)
{
    const Model model = Model::open(fixturePath("simplenet_scripted.pt"));
    RunInputs in = specInputs({"float32[1,10]"});
    in.allArgumentsFile = "@" + fixturePath("run/inputs/simplenet_x.pt");
    EXPECT_EQ(kindOf([&] { runModel(model, in, oneThread()); }), ErrorKind::InvalidArgument);
}

TEST(Runner, InputsDescribeWhatWasFed)
{
    const Model model = Model::open(fixturePath("run/text_args_scripted.pt"));
    const RunResult r = runModel(model, specInputs({"float32[2,3]:ones", "str:double", "int:2"}), oneThread());
    ASSERT_EQ(r.inputs.size(), 5u);
    EXPECT_EQ(r.inputs[0].kind, "tensor");
    EXPECT_EQ(r.inputs[0].shape, (std::vector<int64_t>{2, 3}));
    EXPECT_EQ(r.inputs[0].spec, "float32[2,3]:ones");
    EXPECT_EQ(r.inputs[1].kind, "str");
    EXPECT_EQ(r.inputs[3].spec, "default");
    EXPECT_EQ(r.inputs[4].kind, "none");
}

TEST(Runner, CudaIsRefusedByThisCpuBuild)
{
    LoadOptions options;
    options.device = "cuda:0";
    EXPECT_EQ(kindOf([&] { Model::open(fixturePath("simplenet_scripted.pt"), options); }),
              ErrorKind::InvalidArgument);
}

} // namespace

TEST(Runner, SpecialFilesAreRefusedWithoutBeingOpened)
{
    // Opening a FIFO to sniff it would block until someone writes to it.
    const TempFolder folder("fifo");
    const std::string fifo = folder.file("input");
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    const Model model = Model::open(fixturePath("run/identity_scripted.pt"));
    for (const std::string& path : {fifo, fifo + ".npy", fifo + ".pt", std::string("/dev/zero")}) {
        SCOPED_TRACE(path);
        if (path != fifo && path != "/dev/zero")
            ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
        try {
            runModel(model, specInputs({("@" + path).c_str()}), oneThread());
            ADD_FAILURE() << "ran";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::NotAFile) << e.message();
            EXPECT_NE(e.message().find(path == "/dev/zero" ? "device" : "named pipe"), std::string::npos) << e.message();
        }
    }
}

TEST(Runner, AModelGivenAsInputsIsNamedForWhatItIs)
{
    // Found in ptscope's own reading of the zip directory, before LibTorch's reader opens it.
    const Model model = Model::open(fixturePath("run/identity_scripted.pt"));
    try {
        runModel(model, specInputs({("@" + fixturePath("simplenet_scripted.pt")).c_str()}), oneThread());
        ADD_FAILURE() << "ran";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::InvalidInput) << e.message();
        EXPECT_NE(e.message().find("is a TorchScript model, not saved inputs"), std::string::npos) << e.message();
    }
}
