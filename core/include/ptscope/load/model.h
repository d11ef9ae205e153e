#pragma once

#include "ptscope/load/modelinfo.h"

#include <memory>
#include <string>

namespace ptscope {

struct LoadOptions
{
    // "cpu", "cuda", "cuda:1"...; a device this LibTorch build lacks is an InvalidArgument error.
    std::string device = "cpu";
    // The method run, profiled, compared and drawn in place of forward (a scripted nn.LSTM has
    // only forward__0, forward__1); empty: forward. A method the model lacks is NoSuchMethod.
    std::string method;
};

// An opened TorchScript archive. Cheap to copy: copies share the loaded module, which stays
// read-only; the file on disk is never written.
class Model
{
public:
    // Checks the file first, then loads it with LibTorch. Throws ptscope::Error only.
    static Model open(const std::string& path, const LoadOptions& options = {});

    const ModelInfo& info() const;
    const std::string& path() const { return info().archive.path; }
    // The method that stands for forward (forward unless chosen otherwise).
    const std::string& method() const;
    // The same loaded model with another method standing for forward. Throws NoSuchMethod.
    Model withMethod(const std::string& method) const;

    // For other parts of core (graph extraction, execution); defined in core/src/modelimpl.h.
    struct Impl;
    const Impl& impl() const { return *m_impl; }

private:
    explicit Model(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> m_impl;
};

} // namespace ptscope
