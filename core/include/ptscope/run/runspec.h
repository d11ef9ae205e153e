#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ptscope {

// What forward accepts, for one argument (self excluded), from the method's schema.
struct ArgumentSpec
{
    std::string name; // "x"
    std::string type; // TorchScript type as the schema spells it: "Tensor", "List[Tensor]", "Optional[int]"
    // The top-level kind of type: "tensor", "int", "float", "bool", "str", "list", "tuple", "dict",
    // "optional", "other". The GUI picks an editor from it.
    std::string kind;
    bool hasDefault = false;
    std::string defaultValue; // as Python prints it: "True", "None", "[1, 2]"
    // The default as an input spec ("int:2", "none"); empty when the grammar cannot write it.
    std::string defaultSpec;
    // The example shape and dtype a traced graph recorded for a tensor argument, when the graph
    // still has it. torch.jit.save does not keep these (LibTorch 1.13 loads every input as plain
    // `Tensor`), so archives read from disk have none; inputs must then be given.
    std::optional<std::vector<int64_t>> exampleShape;
    std::string exampleDtype;
};

// One forward argument as the user gave it: the parsed form of the input grammar (inputspec.h).
struct InputSource
{
    enum class Kind
    {
        Generated, // DTYPE[D0,...][:FILL]
        File,      // @PATH: .npy, .pt, or a folder of them (one sample per file)
        Int,
        Float,
        Bool,
        String,
        None,
    };
    enum class Fill
    {
        Randn,
        Rand,
        Zeros,
        Ones,
        Arange,
        Constant
    };

    Kind kind = Kind::Generated;
    // Generated. dtype in Python spelling ("float32"); fill defaults to randn for floating and
    // complex dtypes, zeros for the others.
    std::string dtype;
    std::vector<int64_t> shape; // empty: a 0-d tensor
    Fill fill = Fill::Randn;
    double constant = 0; // Fill::Constant
    // File
    std::string path;
    // Scalars
    int64_t intValue = 0;
    double floatValue = 0;
    bool boolValue = false;
    std::string text;
};

// Inputs for one run: either one source per forward argument, in order (missing trailing
// arguments take their schema default), or one file holding all of them.
struct RunInputs
{
    std::vector<InputSource> arguments;
    // `--inputs @PATH`: a .pt holding a tuple or list with every argument (or a dict of them by
    // name; or a lone tensor for a one-argument forward), or a folder of such files as a batch.
    std::string allArgumentsFile;
    // torch::manual_seed(seed) before any input is generated; generated arguments draw from the
    // generator in order, like torch.manual_seed(seed); torch.randn(a); torch.randn(b) in Python.
    uint64_t seed = 0;
};

struct RunOptions
{
    bool training = false; // eval() by default; training mode runs on a copy of the module
    bool grad = false;     // torch.no_grad() by default
    int threads = 0;       // intra-op threads (at::set_num_threads); 0 leaves LibTorch's setting
    int repeat = 1;        // timed runs; outputs come from the last one
    // Untimed runs first: a scripted model's first runs are several times slower while the JIT
    // profiles it. -1: 2 when repeat > 1, else 0.
    int warmup = -1;
    // When set, each output tensor is also written there as an .npy file (OutputInfo::file).
    std::string outputFolder;
    // When set, forward's return value is written there as a .pt that Python's torch.load reads
    // (for a batch: a list with one return value per sample).
    std::string saveOutputs;
};

} // namespace ptscope
