#pragma once

#include "ptscope/common/canceltoken.h"
#include "ptscope/run/runresult.h"
#include "ptscope/run/runspec.h"

#include <functional>
#include <string>
#include <vector>

namespace ptscope {

class Model;

// forward's arguments, self excluded. Throws ptscope::Error (NoSuchMethod without forward).
std::vector<ArgumentSpec> forwardArguments(const Model& model);
// Another method's arguments, self excluded, without making the model run it (Model::withMethod
// inlines its graph): what a picker of methods needs. Throws ptscope::Error (NoSuchMethod).
std::vector<ArgumentSpec> methodArguments(const Model& model, const std::string& method);

// "forward(x: Tensor, n: int = 2)": how messages and the CLI show what forward (or the method
// named) expects.
std::string describeArguments(const std::vector<ArgumentSpec>& arguments,
                              const std::string& method = "forward");

struct RunProgress
{
    std::string phase; // "warmup", "run"
    int done = 0;      // runs finished in this phase
    int total = 0;
};
using RunProgressCallback = std::function<void(const RunProgress&)>;

// Runs forward on the model's device: makes the inputs, checks them against forward's schema,
// runs the warm-up and timed repeats, and flattens the last outputs with statistics (writing
// the files RunOptions asks for, each completely or not at all). The cancel token is checked
// before every run; progress is reported after each. Runs in one process are serialised, since
// thread settings are process-wide. Throws ptscope::Error only: InvalidInput (inputs that do not
// fit), ScriptError (forward raised), OutOfMemory, Cancelled, WriteFailed, ...
RunResult runModel(const Model& model, const RunInputs& inputs, const RunOptions& options,
                   const CancelToken& cancel = {}, const RunProgressCallback& progress = {});

// Sets OpenBLAS's own thread count to 1 once per process, unless OPENBLAS_NUM_THREADS is set:
// LibTorch's intra-op threads already split the work, and OpenBLAS threads on top of them made
// models slower. No-op when the BLAS in use is not OpenBLAS. runModel calls it.
void configureBlasThreads();

// "OpenBLAS 0.3.21 DYNAMIC_ARCH ..., 1 thread", or the path of the library providing sgemm_.
std::string blasDescription();

} // namespace ptscope
