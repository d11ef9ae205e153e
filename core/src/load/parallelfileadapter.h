#pragma once

// Internal to core.

#include <caffe2/serialize/read_adapter_interface.h>

#include <string>

namespace ptscope {

// What torch::jit::load reads a model through. Loading is mostly copying each tensor's record
// from the page cache into a fresh buffer (and faulting that buffer in); one thread does that
// at well under memory speed, so big records are copied by two threads, each with half. Small
// records (code, pickles) are read as LibTorch's own FileAdapter reads them.
class ParallelFileAdapter final : public caffe2::serialize::ReadAdapterInterface
{
public:
    // Throws std::runtime_error worded like LibTorch's ("open file failed because of errno ...").
    explicit ParallelFileAdapter(const std::string& path);
    ~ParallelFileAdapter() override;
    ParallelFileAdapter(const ParallelFileAdapter&) = delete;
    ParallelFileAdapter& operator=(const ParallelFileAdapter&) = delete;

    size_t size() const override { return m_size; }
    size_t read(uint64_t pos, void* buf, size_t n, const char* what = "") const override;

private:
    int m_fd = -1;
    size_t m_size = 0;
};

} // namespace ptscope
