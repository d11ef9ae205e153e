#include "ptscope/load/model.h"

#include "load/archivecheck.h"
#include "load/archivereader.h"
#include "load/fileprecheck.h"
#include "graph/graphcounting.h"
#include "load/loaderrorclassifier.h"
#include "load/modelimpl.h"

#include "common/tensorextent.h"
#include "common/tensorwalk.h"
#include "load/moduleinspector.h"
#include "load/parallelfileadapter.h"
#include "load/picklesniffer.h"
#include "ptscope/common/error.h"

#include <future>
#include <system_error>
#include <thread>

namespace ptscope {

namespace {

c10::Device parseDevice(const std::string& name)
{
    try {
        c10::Device device(name);
        if (device.is_cuda() && !at::hasCUDA())
            throw Error(ErrorKind::InvalidArgument, "This LibTorch build has no CUDA support; use device cpu.");
        return device;
    } catch (const c10::Error&) {
        throw Error(ErrorKind::InvalidArgument, "Unknown device '" + name + "'; try cpu or cuda:0.");
    }
}

// Inlining forward and describing the module tree only read the module, so they run side by
// side: this thread inlines from forward's first call on, the other makes the optimized graphs
// that inlining copies from the last submodule backwards (see prepareInlining), then describes
// the tree.
void inlineAndInspect(Model::Impl& impl, ArchiveInfo archive)
{
    const torch::jit::Module& module = impl.module;
    std::future<ModelInfo> inspected;
    if (std::thread::hardware_concurrency() >= 2) {
        try {
            inspected = std::async(std::launch::async,
                                   [&module, settings = OptimizationSettings::current(), archive]() {
                                       prepareInlining(module, settings);
                                       return inspectModule(module, archive);
                                   });
        } catch (const std::system_error&) {
            // No second thread to be had: do it all here.
        }
    }
    impl.inlinedForward = inlinedForwardGraph(module, impl.entry);
    impl.info = inspected.valid() ? inspected.get() : inspectModule(module, std::move(archive));
    impl.info.hasForward = module.find_method("forward").has_value();
    if (impl.inlinedForward)
        impl.info.graphNodes = countNodesRecursive(impl.inlinedForward->block());
}

// Every tensor the module holds (parameters, buffers, tensor attributes, in submodules too) must
// lie inside its storage record: LibTorch takes sizes and offsets from data.pkl as they are, and a
// tensor past its record reads, and cloned copies, memory that is not its own.
void checkTensorExtents(const torch::jit::Module& module, const std::string& path)
{
    for (const auto& attribute : module.named_attributes(/*recurse=*/true)) {
        forEachTensor(attribute.value, [&](const at::Tensor& tensor) {
            const std::string problem = tensorExtentProblem(tensor);
            if (!problem.empty())
                throw Error(ErrorKind::CorruptArchive,
                            "The archive is damaged: its tensor '" + attribute.name + "' has " + problem + ".",
                            "A tensor larger than its data record would read memory past it: " + path);
        });
    }
}

// Names the methods there are, so the user can pick one.
void checkMethod(const torch::jit::Module& module, const std::string& name)
{
    if (module.find_method(name))
        return;
    throw Error(ErrorKind::NoSuchMethod, "The model has no method " + name + ".",
                "Its methods: " + methodNames(module) + ".");
}

} // namespace

Model::Model(std::shared_ptr<const Impl> impl)
    : m_impl(std::move(impl))
{
}

const ModelInfo& Model::info() const
{
    return m_impl->info;
}

Model Model::open(const std::string& path, const LoadOptions& options)
{
    const FileCheck file = precheckFile(path);
    if (file.signature == FileSignature::LegacyPickle)
        throw legacyPickleError(file.absolutePath);
    if (file.signature != FileSignature::ZipArchive)
        throw Error(ErrorKind::NotAZipArchive, "Not a TorchScript archive (not a zip file): " + file.absolutePath,
                    "TorchScript models are written by torch.jit.save.");

    checkArchive(file.absolutePath);
    ArchiveContents archive = readArchive(file);
    if (!archive.isTorchScript)
        throw classifyTorchSavePickle(archive.dataPkl, file.absolutePath);

    auto impl = std::make_shared<Impl>();
    impl->device = parseDevice(options.device);
    try {
        impl->module = torch::jit::load(std::make_shared<ParallelFileAdapter>(file.absolutePath), impl->device);
        checkTensorExtents(impl->module, file.absolutePath);
    } catch (const Error&) {
        throw;
    } catch (const c10::Error& e) {
        throw classifyLoadError(e.what_without_backtrace(), file.absolutePath);
    } catch (const std::exception& e) {
        throw classifyLoadError(e.what(), file.absolutePath);
    }
    if (!options.method.empty()) {
        impl->entry = options.method;
        checkMethod(impl->module, options.method);
    }
    try {
        inlineAndInspect(*impl, std::move(archive.info));
    } catch (const Error&) {
        throw;
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, "Could not inspect the model.", {}, e.what_without_backtrace());
    } catch (const std::exception& e) {
        throw Error(ErrorKind::Internal, "Could not inspect the model.", {}, e.what());
    }
    return Model(std::move(impl));
}

const std::string& Model::method() const
{
    return m_impl->entry;
}

Model Model::withMethod(const std::string& name) const
{
    if (name.empty() || name == m_impl->entry)
        return *this;
    checkMethod(m_impl->module, name);
    auto impl = std::make_shared<Impl>(*m_impl);
    impl->entry = name;
    try {
        impl->inlinedForward = inlinedForwardGraph(impl->module, name);
        impl->info.graphNodes = countNodesRecursive(impl->inlinedForward->block());
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Internal, "Could not read the method " + name + ".", {}, e.what_without_backtrace());
    }
    return Model(std::move(impl));
}

} // namespace ptscope
