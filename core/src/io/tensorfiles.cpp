#include "io/tensorfiles.h"

#include "io/picklerewrite.h"

#include "common/tensorextent.h"
#include "common/tensorwalk.h"

#include "load/archivecheck.h"
#include "load/picklescan.h"
#include "load/fileprecheck.h"
#include "load/zipdirectory.h"

#include "ptscope/io/atomicfile.h"
#include "ptscope/common/error.h"
#include "run/tensormapping.h"
#include "common/torchnames.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <caffe2/serialize/inline_container.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/csrc/jit/serialization/unpickler.h>

namespace fs = std::filesystem;

namespace ptscope {

namespace {

c10::ScalarType scalarTypeForNpy(const std::string& dtype, const std::string& name)
{
    if (const auto type = scalarTypeFromName(dtype))
        return *type;
    throw Error(ErrorKind::InvalidInput,
                name + " holds " + dtype + " values, which have no torch dtype in LibTorch.",
                "Convert the array to int64 (or a float dtype) before saving it.");
}

const char* const kPtHint =
    "ptscope reads tensors, and tuples, lists and dictionaries of values, saved by torch.save.";

// From ptscope's own reading of the zip directory, which checks it first: LibTorch's reader
// trusts whatever the directory says.
bool isTorchScriptArchive(const std::string& path)
{
    for (const ZipEntry& entry : ZipFile(path).readDirectory()) {
        const size_t slash = entry.name.find('/');
        if (slash != std::string::npos && entry.name.compare(slash + 1, std::string::npos, "constants.pkl") == 0)
            return true;
    }
    return false;
}

} // namespace

std::optional<c10::ScalarType> scalarTypeFromName(const std::string& dtype)
{
    static const std::pair<const char*, c10::ScalarType> types[] = {
        {"bool", c10::kBool},
        {"int8", c10::kChar},
        {"uint8", c10::kByte},
        {"int16", c10::kShort},
        {"int32", c10::kInt},
        {"int64", c10::kLong},
        {"float16", c10::kHalf},
        {"bfloat16", c10::kBFloat16},
        {"float32", c10::kFloat},
        {"float64", c10::kDouble},
        {"complex64", c10::kComplexFloat},
        {"complex128", c10::kComplexDouble},
    };
    for (const auto& [name, type] : types) {
        if (dtype == name)
            return type;
    }
    return std::nullopt;
}

at::Tensor tensorFromNpy(const NpyArray& array, const std::string& name)
{
    const c10::ScalarType type = scalarTypeForNpy(array.dtype, name);
    at::Tensor tensor = at::empty(array.shape, at::TensorOptions().dtype(type));
    if (!array.data.empty())
        std::memcpy(tensor.data_ptr(), array.data.data(), array.data.size());
    return tensor;
}

at::Tensor readNpyTensor(const std::string& path)
{
    return tensorFromNpy(readNpy(path), path);
}

NpyArray npyFromTensor(const at::Tensor& tensor)
{
    at::Tensor t = tensor.detach().to(at::kCPU);
    if (t.is_quantized())
        t = t.dequantize();
    if (t.scalar_type() == c10::kBFloat16)
        t = t.to(c10::kFloat);
    else if (t.scalar_type() == c10::kComplexHalf)
        t = t.to(c10::kComplexFloat);
    t = t.contiguous();
    NpyArray array;
    array.dtype = dtypeName(t.scalar_type());
    array.shape = t.sizes().vec();
    if (npyItemSize(array.dtype) != static_cast<size_t>(t.element_size()))
        throw Error(ErrorKind::WriteFailed,
                    "Tensors of dtype " + array.dtype + " cannot be written as .npy.");
    const auto* bytes = static_cast<const char*>(t.data_ptr());
    array.data.assign(bytes, bytes + t.numel() * t.element_size());
    return array;
}

// torch::jit::pickle_load, but with the pickle rewritten where LibTorch's unpickler lacks an
// opcode Python's pickler writes (a list of one element, a dict of one entry).
static c10::IValue unpickleSaved(const std::string& bytes)
{
    std::istringstream in(bytes);
    caffe2::serialize::PyTorchStreamReader reader(&in);
    const auto [pickle, size] = reader.getRecord("data.pkl");
    const std::optional<std::string> rewritten =
        rewritePickleForLibTorch(std::string(static_cast<const char*>(pickle.get()), size));
    if (!rewritten)
        return torch::jit::pickle_load(std::vector<char>(bytes.begin(), bytes.end()));
    scanPickle(*rewritten, "data.pkl"); // what LibTorch reads is checked, not only what was given
    size_t read = 0;
    const auto readPickle = [&](char* buffer, size_t length) {
        const size_t n = std::min(length, rewritten->size() - read);
        std::memcpy(buffer, rewritten->data() + read, n);
        read += n;
        return n;
    };
    const auto readRecord = [&](const std::string& name) { return std::get<0>(reader.getRecord("data/" + name)); };
    torch::jit::Unpickler unpickler(readPickle, nullptr, nullptr, readRecord, c10::nullopt);
    unpickler.set_version(reader.version());
    return unpickler.parse_ivalue();
}

c10::IValue readPtFile(const std::string& path)
{
    const std::string bytes = readRegularFile(path);
    if (bytes.rfind("PK\x03\x04", 0) != 0) {
        if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) == 0x80)
            throw Error(ErrorKind::InvalidInput,
                        path + " was written by torch.save in the legacy format, which LibTorch cannot read.",
                        "Save it again with a current torch (without _use_new_zipfile_serialization=False).");
        throw Error(ErrorKind::InvalidInput, path + " is not a file written by torch.save.", kPtHint);
    }
    try {
        if (isTorchScriptArchive(path))
            throw Error(ErrorKind::InvalidInput, path + " is a TorchScript model, not saved inputs.", kPtHint);
        checkArchive(path);
    } catch (const Error& e) {
        // The same defects as in a model, reported as what they are here: a bad input.
        throw Error(e.kind() == ErrorKind::CorruptArchive ? ErrorKind::InvalidInput : e.kind(), e.message(), e.hint());
    }
    c10::IValue value;
    try {
        value = unpickleSaved(bytes);
    } catch (const c10::Error& e) {
        const std::string why = e.what_without_backtrace();
        // LibTorch's unpickler lacks SETITEM, which Python's pickler uses for a dict of one entry.
        if (why.find("0x73") != std::string::npos)
            throw Error(ErrorKind::InvalidInput,
                        path + " holds a dictionary with a single entry, which LibTorch cannot read from "
                               "torch.save files.",
                        "Save a tuple or list instead (dictionaries with two or more entries work).", why);
        throw Error(ErrorKind::InvalidInput, "Cannot read inputs from " + path + ": " + why, kPtHint, why);
    } catch (const std::exception& e) {
        throw Error(ErrorKind::InvalidInput, "Cannot read inputs from " + path + ": " + e.what(), kPtHint,
                    e.what());
    }
    // Sizes and offsets come from the file as they are: a tensor past its storage would read
    // (and, copied for a run, copy) memory that is not its own.
    forEachTensor(value, [&](const at::Tensor& tensor) {
        const std::string problem = tensorExtentProblem(tensor);
        if (!problem.empty())
            throw Error(ErrorKind::InvalidInput, path + " is damaged: a tensor in it has " + problem + ".",
                        "Save the inputs again with torch.save.");
    });
    return value;
}

void writePtFile(const std::string& path, const c10::IValue& value)
{
    const c10::IValue cpu = mapTensors(value, [](const at::Tensor& t) { return t.detach().to(at::kCPU); });
    std::vector<char> bytes;
    try {
        bytes = torch::jit::pickle_save(cpu);
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::WriteFailed,
                    "Cannot save the outputs as .pt: " + std::string(e.what_without_backtrace()));
    }
    writeFileAtomically(path, bytes.data(), bytes.size());
}

} // namespace ptscope
