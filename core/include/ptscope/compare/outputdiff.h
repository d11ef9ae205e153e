#pragma once

// What comparing two models' outputs (or a model's against saved ones) found: plain values, which
// the CLI prints and the window shows.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ptscope {

// An element agrees when |a - b| <= atol + rtol * |b| (numpy.isclose, b the reference side).
struct Tolerance
{
    double atol = 1e-5;
    double rtol = 1e-5;
};

struct Tolerances
{
    Tolerance defaults;
    std::map<std::string, Tolerance> byPath; // output path ("0", "boxes", "1.scores") -> its own

    const Tolerance& forPath(const std::string& path) const;
};

// How many elements differ by how much: bins by powers of ten of |a - b|.
struct DiffHistogram
{
    // Bin 0: exactly equal; bin i (1..): 10^(i-1+kFirstExponent) <= |a - b| < 10^(i+kFirstExponent)
    // (the first bin above 0 also takes everything smaller, the last everything larger).
    static constexpr int kFirstExponent = -12;
    static constexpr int kBins = 16; // 0, then [.., 1e-11), [1e-11, 1e-10), ..., [1e1, ..)
    std::vector<int64_t> counts;     // kBins entries when the tensors could be compared

    static double lowerBound(int bin); // 0 for bin 0
};

// One output path compared.
struct OutputDiff
{
    enum class Kind
    {
        Tensor,
        Value,   // int, float, bool, str, None, or a container's size
        OnlyInA, // the path exists in one and not the other
        OnlyInB,
    };

    std::string path;
    Kind kind = Kind::Tensor;
    bool matches = false;
    // Why it does not match, for people: "shapes differ: [2, 3] and [2, 4]"; empty when it matches.
    std::string problem;
    Tolerance tolerance;

    // Tensors
    std::string dtypeA, dtypeB;
    std::vector<int64_t> shapeA, shapeB;
    bool comparable = false; // same shape: the metrics below are set
    double maxAbs = 0;
    std::vector<int64_t> maxAbsIndex; // where maxAbs is, one index per dimension
    double meanAbs = 0;
    // max over elements of |a - b| / max(|a|, |b|) (0 where both are 0): within [0, 2], whatever
    // the scale, and defined where b is 0.
    double maxRel = 0;
    double cosine = 1;         // over the finite elements as flat vectors; 1 when both are all zero
    int64_t mismatched = 0;    // elements outside the tolerance (NaN placement included)
    int64_t total = 0;         // elements
    int64_t nanMismatched = 0; // elements NaN in one and not the other
    DiffHistogram histogram;

    // Values (and a missing path's other side): as printed, "3", "2.5", "True", "None", "list of 2"
    std::string valueA, valueB;
};

// Both models (or the model and the reference) on one input.
struct InputDiff
{
    std::string input; // "seed 0", "sample b", "float32[1,4]:randn"
    uint64_t seed = 0; // the inputs were made with this seed...
    int sample = 0;    // ...and this is the sample's place among the files of a folder of inputs
    std::vector<OutputDiff> outputs;
    // A side that raised instead of returning: its message (outputs are then empty).
    std::string errorA, errorB;
    bool matches = false;
    // How bad, to pick the worst input: mismatched ratio first, then max abs difference.
    double mismatchedRatio() const;
    double maxAbs() const;
};

struct OutputComparison
{
    std::string modelA;
    std::string modelB;    // empty when compared against a reference
    std::string reference; // the file or folder of reference outputs, when used
    Tolerances tolerances;
    uint64_t seed = 0;
    std::vector<InputDiff> inputs;
    int worstInput = -1; // index into inputs: the first with the worst disagreement (or 0 when all match)
    bool matches = false;
};

// Sets matches and worstInput from inputs.
void summarize(OutputComparison& comparison);

// Worst first: ordering two inputs by how badly they disagree.
bool worseThan(const InputDiff& a, const InputDiff& b);

} // namespace ptscope
