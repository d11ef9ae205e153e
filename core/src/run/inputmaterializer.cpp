#include "run/inputmaterializer.h"

#include "load/fileprecheck.h"

#include "ptscope/common/error.h"
#include "ptscope/run/inputspec.h"
#include "io/tensorfiles.h"

#include <ATen/Context.h>
#include <ATen/Functions.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ptscope {

namespace {

Error invalidInput(const std::string& message, const std::string& hint = {})
{
    return Error(ErrorKind::InvalidInput, message, hint);
}

bool hasSuffix(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<fs::path> folderFiles(const std::string& folder)
{
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.' || !it->is_regular_file())
            continue;
        if (hasSuffix(name, ".npy") || hasSuffix(name, ".pt") || hasSuffix(name, ".pth"))
            files.push_back(it->path());
    }
    if (ec)
        throw Error(ErrorKind::NotReadable, "Cannot list the folder " + folder + ": " + ec.message() + ".");
    std::sort(files.begin(), files.end());
    if (files.empty())
        throw invalidInput("The folder " + folder + " has no .npy or .pt files.");
    return files;
}

bool isFolder(const std::string& path)
{
    std::error_code ec;
    return fs::is_directory(path, ec);
}

std::string describeKey(const c10::IValue& key)
{
    if (key.isString())
        return "'" + key.toStringRef() + "'";
    std::ostringstream os;
    os << key;
    return os.str();
}

int findArgument(const std::vector<ArgumentSpec>& arguments, const std::string& name)
{
    for (size_t i = 0; i < arguments.size(); ++i) {
        if (arguments[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

// What one --inputs file holds, as arguments. A tuple is the arguments; so is a list, unless
// forward takes a single list; a dict keyed by argument names gives them by name, unless forward
// takes a single dict; anything else is the one argument.
void unpackAllArguments(const c10::IValue& value, const std::string& source,
                        const std::vector<ArgumentSpec>& arguments, Sample& sample)
{
    const bool singleList =
        arguments.size() == 1 && (arguments[0].kind == "list" || arguments[0].kind == "tuple");
    const bool singleDict = arguments.size() == 1 && arguments[0].kind == "dict";
    auto addItems = [&](const auto& items) {
        for (size_t i = 0; i < items.size(); ++i) {
            sample.values.push_back(items[i]);
            sample.sources.push_back(source + ", item " + std::to_string(i));
        }
    };
    if (value.isTuple() && !(singleList && value.toTupleRef().elements().size() != 1)) {
        addItems(value.toTupleRef().elements());
        return;
    }
    if (value.isList() && !singleList) {
        addItems(value.toListRef());
        return;
    }
    if (value.isGenericDict() && !singleDict) {
        const c10::Dict<c10::IValue, c10::IValue> dict = value.toGenericDict();
        std::vector<c10::IValue> byPosition(arguments.size());
        std::vector<bool> given(arguments.size(), false);
        size_t last = 0;
        for (const auto& entry : dict) {
            const int index =
                entry.key().isString() ? findArgument(arguments, entry.key().toStringRef()) : -1;
            if (index < 0) {
                std::string names;
                for (const ArgumentSpec& a : arguments)
                    names += (names.empty() ? "" : ", ") + a.name;
                throw invalidInput(source + " holds a dictionary, but its key " + describeKey(entry.key()) +
                                       " is no argument of forward.",
                                   "Keys must be forward's argument names: " + names + ".");
            }
            byPosition[index] = entry.value();
            given[index] = true;
            last = std::max(last, static_cast<size_t>(index) + 1);
        }
        for (size_t i = 0; i < last; ++i) {
            if (!given[i]) {
                if (!arguments[i].hasDefault)
                    throw invalidInput(source + " gives forward's arguments by name but has no '" +
                                       arguments[i].name + "'.");
                sample.values.emplace_back(); // filled from the default by the argument check
                sample.sources.push_back("default");
                continue;
            }
            sample.values.push_back(byPosition[i]);
            sample.sources.push_back(source + ", key '" + arguments[i].name + "'");
        }
        return;
    }
    sample.values.push_back(value);
    sample.sources.push_back(source);
}

} // namespace

c10::IValue readValueFile(const std::string& path)
{
    requireRegularFile(path);
    if (hasSuffix(path, ".npy"))
        return readNpyTensor(path);
    if (hasSuffix(path, ".pt") || hasSuffix(path, ".pth"))
        return readPtFile(path);
    std::ifstream in(path, std::ios::binary);
    char magic[6] = {};
    in.read(magic, sizeof magic);
    if (std::string(magic, 6) == "\x93NUMPY")
        return readNpyTensor(path);
    if (std::string(magic, 4) == "PK\x03\x04")
        return readPtFile(path);
    if (!in && !fs::exists(path))
        throw Error(ErrorKind::FileNotFound, "File not found: " + path);
    throw invalidInput("Cannot tell what " + path + " holds.",
                       "ptscope reads NumPy .npy files and torch.save .pt files.");
}


at::Tensor generateTensor(const InputSource& source)
{
    const std::string spec = formatInputSpec(source);
    const auto type = scalarTypeFromName(source.dtype);
    if (!type)
        throw invalidInput("Cannot make input " + spec + ": '" + source.dtype + "' is not a dtype.");
    const bool floating = at::isFloatingType(*type) || at::isComplexType(*type);
    const auto options = at::TensorOptions().dtype(*type);
    try {
        switch (source.fill) {
        case InputSource::Fill::Randn:
        case InputSource::Fill::Rand:
            if (!floating)
                throw invalidInput("Cannot make input " + spec + ": " +
                                       (source.fill == InputSource::Fill::Randn ? "randn" : "rand") +
                                       " needs a floating-point dtype, not " + source.dtype + ".",
                                   "Use zeros, ones, arange or a number for integer and bool tensors.");
            return source.fill == InputSource::Fill::Randn ? at::randn(source.shape, options)
                                                           : at::rand(source.shape, options);
        case InputSource::Fill::Zeros:
            return at::zeros(source.shape, options);
        case InputSource::Fill::Ones:
            return at::ones(source.shape, options);
        case InputSource::Fill::Arange: {
            if (*type == c10::kBool)
                throw invalidInput("Cannot make input " + spec + ": arange needs a numeric dtype, not bool.");
            int64_t numel = 1;
            for (int64_t d : source.shape)
                numel *= d;
            return at::arange(numel, options).reshape(source.shape);
        }
        case InputSource::Fill::Constant:
            return at::full(source.shape, source.constant, options);
        }
    } catch (const Error&) {
        throw;
    } catch (const c10::Error& e) {
        throw invalidInput("Cannot make input " + spec + ": " + e.what_without_backtrace());
    }
    return {};
}

std::vector<Sample> materializeInputs(const RunInputs& inputs, const std::vector<ArgumentSpec>& arguments)
{
    at::manual_seed(inputs.seed);
    std::vector<Sample> samples;
    if (!inputs.allArgumentsFile.empty()) {
        if (!inputs.arguments.empty())
            throw Error(ErrorKind::InvalidArgument,
                        "Give inputs either one per argument or all from one file, not both.");
        const std::string path =
            inputs.allArgumentsFile[0] == '@' ? inputs.allArgumentsFile.substr(1) : inputs.allArgumentsFile;
        if (isFolder(path)) {
            for (const fs::path& file : folderFiles(path)) {
                Sample sample;
                sample.name = file.stem().string();
                unpackAllArguments(readValueFile(file.string()), "@" + file.string(), arguments, sample);
                samples.push_back(std::move(sample));
            }
        } else {
            Sample sample;
            unpackAllArguments(readValueFile(path), "@" + path, arguments, sample);
            samples.push_back(std::move(sample));
        }
        return samples;
    }

    // Arguments given once, and those from folders (one value per file).
    Sample shared;
    std::vector<std::vector<std::pair<fs::path, c10::IValue>>> perFile(inputs.arguments.size());
    size_t batchSize = 0;
    std::string batchFolder;
    for (size_t i = 0; i < inputs.arguments.size(); ++i) {
        const InputSource& source = inputs.arguments[i];
        c10::IValue value;
        switch (source.kind) {
        case InputSource::Kind::Generated:
            value = generateTensor(source);
            break;
        case InputSource::Kind::Int:
            value = source.intValue;
            break;
        case InputSource::Kind::Float:
            value = source.floatValue;
            break;
        case InputSource::Kind::Bool:
            value = source.boolValue;
            break;
        case InputSource::Kind::String:
            value = source.text;
            break;
        case InputSource::Kind::None:
            break;
        case InputSource::Kind::File:
            if (isFolder(source.path)) {
                for (const fs::path& file : folderFiles(source.path))
                    perFile[i].emplace_back(file, readValueFile(file.string()));
                if (batchSize != 0 && perFile[i].size() != batchSize)
                    throw invalidInput("The folders " + batchFolder + " and " + source.path +
                                       " hold different numbers of files (" + std::to_string(batchSize) +
                                       " and " + std::to_string(perFile[i].size()) + ").");
                batchSize = perFile[i].size();
                batchFolder = source.path;
            } else {
                value = readValueFile(source.path);
            }
            break;
        }
        shared.values.push_back(value);
        shared.sources.push_back(formatInputSpec(source));
    }
    if (batchSize == 0)
        return {std::move(shared)};
    for (size_t s = 0; s < batchSize; ++s) {
        Sample sample = shared;
        for (size_t i = 0; i < perFile.size(); ++i) {
            if (perFile[i].empty())
                continue;
            const auto& [file, value] = perFile[i][s];
            if (sample.name.empty())
                sample.name = file.stem().string();
            sample.values[i] = value;
            sample.sources[i] = "@" + file.string();
        }
        samples.push_back(std::move(sample));
    }
    return samples;
}

} // namespace ptscope
