#include "profile/machinepeaks.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <cstring>
#include <map>
#include <mutex>
#include <unistd.h>
#include <vector>

namespace ptscope {

namespace {

constexpr int64_t kGemmSize = 384;
constexpr int64_t kCopyBytes = 16ll << 20;   // beyond most caches of one core
constexpr int64_t kCacheCopyBytes = 256 << 10; // within any core's L2

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// Each thread multiplies its own matrices: one sgemm call per thread is what a model's layers
// get, whether OpenBLAS or LibTorch splits the work.
double gemmGflops(int threads)
{
    std::vector<at::Tensor> a, b, c;
    for (int i = 0; i < threads; ++i) {
        a.push_back(at::rand({kGemmSize, kGemmSize}));
        b.push_back(at::rand({kGemmSize, kGemmSize}));
        c.push_back(at::empty({kGemmSize, kGemmSize}));
    }
    auto once = [&] {
        at::parallel_for(0, threads, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i)
                at::mm_out(c[i], a[i], b[i]);
        });
    };
    once();
    double best = 0;
    for (int rep = 0; rep < 3; ++rep) {
        const auto start = std::chrono::steady_clock::now();
        once();
        best = std::max(best, 2.0 * kGemmSize * kGemmSize * kGemmSize * threads / seconds(start) / 1e9);
    }
    return best;
}

// LibTorch's convolutions do not go through the BLAS (oneDNN, its own threads): a machine whose
// BLAS is slow or misdetects the CPU still reaches this rate in a model's convolutions.
double convGflops()
{
    const at::Tensor input = at::rand({1, 128, 28, 28});
    const at::Tensor weight = at::rand({128, 128, 3, 3});
    const double flops = 2.0 * 128 * 128 * 9 * 28 * 28;
    at::conv2d(input, weight, {}, 1, 1);
    double best = 0;
    for (int rep = 0; rep < 4; ++rep) {
        const auto start = std::chrono::steady_clock::now();
        at::conv2d(input, weight, {}, 1, 1);
        best = std::max(best, flops / seconds(start) / 1e9);
    }
    return best;
}

// memcpy split over the threads; bytes read plus written per second. A small buffer copied
// repeatedly stays in cache.
double copyGbPerSecond(int64_t bytes, int threads, int repeats)
{
    std::vector<char> from(static_cast<size_t>(bytes), 1);
    std::vector<char> to(static_cast<size_t>(bytes), 0);
    const int64_t chunk = (bytes + threads - 1) / threads;
    auto once = [&] {
        at::parallel_for(0, threads, 1, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                const int64_t offset = i * chunk;
                if (offset < bytes)
                    for (int r = 0; r < repeats; ++r)
                        std::memcpy(to.data() + offset, from.data() + offset,
                                    static_cast<size_t>(std::min(chunk, bytes - offset)));
            }
        });
    };
    once();
    double best = 0;
    for (int rep = 0; rep < 3; ++rep) {
        const auto start = std::chrono::steady_clock::now();
        once();
        best = std::max(best, 2.0 * static_cast<double>(bytes) * repeats / seconds(start) / 1e9);
    }
    return best;
}

int64_t cacheLimit()
{
    const long l2 = sysconf(_SC_LEVEL2_CACHE_SIZE);
    return l2 > 0 ? l2 : (1 << 20);
}

} // namespace

MachinePeaks machinePeaks(int threads)
{
    static std::mutex mutex;
    static std::map<int, MachinePeaks> cache;
    std::lock_guard<std::mutex> lock(mutex);
    threads = std::max(1, threads);
    const auto it = cache.find(threads);
    if (it != cache.end())
        return it->second;
    const auto start = std::chrono::steady_clock::now();
    MachinePeaks peaks;
    peaks.threads = threads;
    peaks.gemmSize = kGemmSize;
    peaks.copyBytes = kCopyBytes;
    peaks.gemmGflops = gemmGflops(threads);
    peaks.convGflops = convGflops();
    peaks.gflops = std::max(peaks.gemmGflops, peaks.convGflops);
    peaks.gbPerSecond = copyGbPerSecond(kCopyBytes, threads, 1);
    peaks.cacheGbPerSecond = copyGbPerSecond(kCacheCopyBytes * threads, threads, 16);
    peaks.cacheBytes = cacheLimit();
    peaks.seconds = seconds(start);
    cache.emplace(threads, peaks);
    return peaks;
}

} // namespace ptscope
