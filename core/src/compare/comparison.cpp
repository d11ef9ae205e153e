#include "ptscope/compare/comparison.h"

#include "ptscope/common/error.h"
#include "ptscope/compare/divergencesearch.h"
#include "ptscope/compare/nodecompare.h"

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace ptscope {

namespace {

// Where the per-node comparison reads a counterexample nobody asked to keep; removed after.
class ScratchFolder
{
public:
    ScratchFolder()
    {
        std::string pattern = (fs::temp_directory_path() / "ptscope-compare-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            throw Error(ErrorKind::WriteFailed, "Cannot make a temporary folder for the counterexample.");
        m_path = pattern;
    }
    ~ScratchFolder()
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
    std::string file(const std::string& name) const { return (fs::path(m_path) / name).string(); }

private:
    std::string m_path;
};

} // namespace

CompareReport compareModels(const Model& a, const Model* b, const RunInputs& inputs,
                            const ComparisonRequest& request, const CancelToken& cancel,
                            const ComparisonProgressCallback& progress)
{
    if (request.perNode && !b)
        throw Error(ErrorKind::InvalidArgument,
                    "The node-by-node comparison needs a second model; reference outputs have no nodes.");
    if (request.search && !b)
        throw Error(ErrorKind::InvalidArgument,
                    "The search varies the inputs, and reference outputs belong to the inputs they were made "
                    "from: give a second model.");
    const auto report = [&](const char* phase, int done, int total, const std::string& what = {}) {
        if (progress)
            progress({phase, done, total, what});
    };

    CompareReport result;
    result.outputs = compareOutputs(a, b, inputs, request.outputs, cancel,
                                    [&](int done, int total) { report("outputs", done, total); });
    SearchOptions searchOptions = request.searchOptions;
    std::optional<ScratchFolder> scratch;
    if (request.search) {
        searchOptions.tolerances = request.outputs.tolerances;
        searchOptions.threads = request.outputs.threads;
        if (searchOptions.saveTo.empty() && request.perNode) {
            scratch.emplace();
            searchOptions.saveTo = scratch->file("counterexample.pt");
        }
        result.search = searchDivergence(
            a, *b, inputs, searchOptions, cancel,
            [&](int done, int total, const std::string& what) { report("search", done, total, what); });
        report("search", result.search->trials, result.search->trials);
    }
    if (request.perNode) {
        report("per_node", 0, 1);
        if (result.search && result.search->found) {
            RunInputs found;
            found.allArgumentsFile = searchOptions.saveTo;
            found.seed = inputs.seed;
            result.perNode = compareNodes(a, *b, found, 0, request.outputs.tolerances, cancel);
            result.perNode->input = result.search->description;
        } else if (result.outputs.worstInput >= 0) {
            const InputDiff& worst = result.outputs.inputs[static_cast<size_t>(result.outputs.worstInput)];
            RunInputs worstInputs = inputs;
            worstInputs.seed = worst.seed;
            result.perNode = compareNodes(a, *b, worstInputs, worst.sample, request.outputs.tolerances, cancel);
            result.perNode->input = worst.input;
        }
        report("per_node", 1, 1);
    }
    if (scratch && result.search)
        result.search->file.clear();
    return result;
}

} // namespace ptscope
