#include "ptscope/compare/comparer.h"

#include "compare/modelcall.h"
#include "load/modelimpl.h"
#include "ptscope/common/error.h"
#include "ptscope/load/model.h"
#include "ptscope/run/inputspec.h"
#include "ptscope/run/runner.h"
#include "run/argumentcheck.h"
#include "run/forwardarguments.h"
#include "run/inputmaterializer.h"
#include "run/runsupport.h"
#include "run/scripterror.h"
#include "run/tensormapping.h"

#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <torch/csrc/jit/runtime/jit_exception.h>

namespace fs = std::filesystem;

namespace ptscope {

namespace {

bool isValueFile(const fs::path& path)
{
    const std::string ext = path.extension().string();
    return ext == ".pt" || ext == ".pth" || ext == ".npy";
}

// The reference outputs: one file, or a folder of them by file stem.
class Reference
{
public:
    explicit Reference(const std::string& path) : m_path(path)
    {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
                if (it->is_regular_file() && isValueFile(it->path()) &&
                    it->path().filename().string()[0] != '.')
                    m_files[it->path().stem().string()] = it->path().string();
            if (m_files.empty())
                throw Error(ErrorKind::InvalidInput,
                            "The folder " + path + " has no .pt or .npy files of outputs.");
        } else if (!fs::exists(path, ec)) {
            throw Error(ErrorKind::FileNotFound, "File not found: " + path);
        } else {
            m_single = readValueFile(path);
        }
    }

    c10::IValue forSample(const Sample& sample, size_t index, size_t samples) const
    {
        if (m_single) {
            if (samples == 1)
                return *m_single;
            // What `ptscope-cli run --save-outputs` writes for a folder of inputs: a list with one
            // return value per sample, in file name order.
            if (m_single->isList() && m_single->toListRef().size() == samples)
                return m_single->toListRef()[index];
            throw Error(
                ErrorKind::InvalidInput,
                "The reference file " + m_path + " does not hold one return value per input (" +
                    std::to_string(samples) + " inputs).",
                "Give a list of outputs in the inputs' file name order, or a folder of outputs named as "
                "the inputs are.");
        }
        if (sample.name.empty())
            throw Error(ErrorKind::InvalidInput,
                        "A folder of reference outputs needs a folder of inputs to match them to by name.",
                        "Give the inputs as --inputs @FOLDER or --input @FOLDER.");
        const auto it = m_files.find(sample.name);
        if (it == m_files.end())
            throw Error(ErrorKind::FileNotFound,
                        "The reference folder " + m_path + " has no outputs for the input " + sample.name +
                            ".",
                        "Name each output file as its input file (a.pt for a.pt or a.npy).");
        return readValueFile(it->second);
    }

private:
    std::string m_path;
    std::optional<c10::IValue> m_single;
    std::map<std::string, std::string> m_files;
};

bool hasGeneratedInputs(const RunInputs& inputs)
{
    if (!inputs.allArgumentsFile.empty())
        return false;
    for (const InputSource& s : inputs.arguments)
        if (s.kind == InputSource::Kind::Generated)
            return true;
    // Arguments left out may be filled from a traced example or default: nothing random either.
    return inputs.arguments.empty();
}

std::string describe(const Sample& sample, uint64_t seed, bool seeded)
{
    std::string text;
    if (!sample.name.empty())
        text = "sample " + sample.name;
    if (seeded)
        text += (text.empty() ? "" : ", ") + std::string("seed ") + std::to_string(seed);
    if (text.empty()) {
        for (size_t i = 0; i < sample.sources.size(); ++i)
            text += (i ? ", " : "") + sample.sources[i];
    }
    return text;
}

class Comparison
{
public:
    Comparison(const Model& a, const Model* b, const CompareOptions& options, const CancelToken& cancel,
               const CompareProgressCallback& progress)
        : m_a(modelSide(a)), m_options(options), m_cancel(cancel), m_progress(progress)
    {
        if (b)
            m_b = modelSide(*b);
        else
            m_reference.emplace(options.reference);
    }

    OutputComparison run(const RunInputs& given)
    {
        OutputComparison result;
        result.modelA = m_a.model->impl().info.archive.path;
        if (m_b)
            result.modelB = m_b->model->impl().info.archive.path;
        result.reference = m_options.reference;
        result.tolerances = m_options.tolerances;
        result.seed = given.seed;

        const bool seeded = hasGeneratedInputs(given) && m_options.trials > 1;
        const int trials = hasGeneratedInputs(given) ? m_options.trials : 1;
        const ThreadsGuard threads(m_options.threads);
        const c10::AutoGradMode noGrad(false);
        std::string firstBothRaised;
        int bothRaisedEverywhere = 0;
        for (int t = 0; t < trials; ++t) {
            RunInputs inputs = given;
            inputs.seed = given.seed + static_cast<uint64_t>(t);
            const std::vector<Sample> samples = materializeInputs(inputs, m_a.specs);
            const GeneratorSnapshot generators;
            for (size_t s = 0; s < samples.size(); ++s) {
                const Sample& sample = samples[s];
                m_cancel.throwIfCancelled();
                InputDiff diff;
                diff.input = describe(sample, inputs.seed, seeded);
                diff.seed = inputs.seed;
                diff.sample = static_cast<int>(s);
                ModelCall a = callModel(m_a, sample, generators);
                ModelCall b = m_b ? callModel(*m_b, sample, generators)
                                  : ModelCall{m_reference->forSample(sample, s, samples.size()), {}};
                judgeCalls(a, b, m_options.tolerances, diff);
                if (!a.error.empty() && !b.error.empty()) {
                    if (firstBothRaised.empty())
                        firstBothRaised = a.error;
                    ++bothRaisedEverywhere;
                }
                result.inputs.push_back(std::move(diff));
            }
            if (m_progress)
                m_progress(t + 1, trials);
        }
        if (bothRaisedEverywhere == static_cast<int>(result.inputs.size()))
            throw Error(ErrorKind::ScriptError,
                        "Both models raised on every input, so nothing was compared: " + firstBothRaised,
                        "Give inputs that forward accepts (ptscope-cli run shows what it expects).");
        summarize(result);
        return result;
    }

private:
    ModelSide m_a;
    std::optional<ModelSide> m_b;
    std::optional<Reference> m_reference;
    const CompareOptions& m_options;
    const CancelToken& m_cancel;
    const CompareProgressCallback& m_progress;
};

} // namespace

OutputComparison compareOutputs(const Model& a, const Model* b, const RunInputs& inputs,
                                const CompareOptions& options, const CancelToken& cancel,
                                const CompareProgressCallback& progress)
{
    if (options.trials < 1)
        throw Error(ErrorKind::InvalidArgument, "The number of trials must be at least 1.");
    if (!b && options.reference.empty())
        throw Error(ErrorKind::InvalidArgument, "Give a second model or reference outputs to compare with.");
    if (!options.reference.empty() && options.trials > 1)
        throw Error(
            ErrorKind::InvalidArgument,
            "Reference outputs belong to the inputs they were made from: trials cannot be generated for "
            "them.",
            "Give the inputs the outputs were made from (--inputs @FILE or a folder), without --trials.");
    if (b && !options.reference.empty())
        throw Error(ErrorKind::InvalidArgument,
                    "Compare with a second model or with reference outputs, not both.");
    for (const auto& [path, t] : options.tolerances.byPath)
        if (!(t.atol >= 0) || !(t.rtol >= 0))
            throw Error(ErrorKind::InvalidArgument, "Tolerances cannot be negative (output " + path + ").");
    if (!(options.tolerances.defaults.atol >= 0) || !(options.tolerances.defaults.rtol >= 0))
        throw Error(ErrorKind::InvalidArgument, "Tolerances cannot be negative.");
    configureBlasThreads();
    std::lock_guard<std::mutex> lock(runMutex());
    try {
        return Comparison(a, b, options, cancel, progress).run(inputs);
    } catch (const Error&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw Error(ErrorKind::OutOfMemory, "Ran out of memory while comparing the models.");
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, "The comparison failed: " + std::string(e.msg()), {},
                    e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Internal, std::string("The comparison failed: ") + e.what());
    }
}

} // namespace ptscope
