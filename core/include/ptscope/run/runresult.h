#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ptscope {

// Statistics over the finite elements of a tensor, computed in float64 (bool counts as 0/1).
// NaN and infinities are counted, not folded in; each statistic is empty when no finite element
// exists (std also for a single one; complex tensors have none).
struct TensorStats
{
    std::vector<int64_t> shape;
    std::string dtype; // "float32"
    int64_t numel = 0;
    std::optional<double> min;
    std::optional<double> max;
    std::optional<double> mean;
    std::optional<double> std; // unbiased, as torch.std
    int64_t nan = 0;
    int64_t inf = 0;
};

// One node of forward's return value, flattened. A returned tuple, list or dict is unwrapped
// (paths "0", "1", ... or its keys); anything else is the single output "0". Nested containers
// come before their elements, which extend the path with "." ("1.0.boxes").
struct OutputInfo
{
    enum class Kind
    {
        Tensor,
        Int,
        Float,
        Bool,
        String,
        None,
        Tuple,
        List,
        Dict,
        Other
    };

    std::string path;
    Kind kind = Kind::Other;
    std::string type;   // TorchScript type, e.g. "Tensor", "Dict[str, Tensor]"
    TensorStats tensor; // Kind::Tensor
    std::string file;   // Kind::Tensor with RunOptions::outputFolder: the .npy written
    // Scalars; a string's text; the printed value for Kind::Other. Empty for None and containers.
    std::variant<std::monostate, bool, int64_t, double, std::string> value;
    int64_t size = 0; // containers: number of elements
};

const char* outputKindId(OutputInfo::Kind kind); // "tensor", "int", "float", "bool", "str", "none", ...

// What was fed to one argument.
struct InputInfo
{
    std::string name;           // forward's argument name
    std::string spec;           // as given, or where the value came from ("default", "--inputs FILE")
    std::string kind;           // as OutputInfo kinds: "tensor", "int", ...
    std::vector<int64_t> shape; // tensors
    std::string dtype;          // tensors
};

struct SampleResult
{
    std::string name; // file stem for a batch from a folder; "" for a single run
    std::vector<OutputInfo> outputs;
};

struct RunResult
{
    std::string model; // absolute path
    std::string device;
    int threads = 0;  // intra-op threads used
    std::string blas; // blasDescription() during the run
    bool training = false;
    bool grad = false;
    int warmup = 0;
    uint64_t seed = 0;
    std::vector<InputInfo> inputs;     // of the first sample
    std::vector<SampleResult> samples; // one unless inputs came from a folder
    bool batch = false;
    // Wall-clock seconds of each timed repeat (a repeat runs every sample once).
    std::vector<double> seconds;
    double medianSeconds = 0;
    std::string savedOutputs; // RunOptions::saveOutputs when written
};

} // namespace ptscope
