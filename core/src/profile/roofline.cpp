#include "ptscope/profile/roofline.h"

#include <algorithm>

namespace ptscope {

double ridgeIntensity(const MachinePeaks& peaks)
{
    return peaks.gbPerSecond > 0 ? peaks.gflops / peaks.gbPerSecond : 0;
}

NodeRoofline rooflineOf(const NodeProfile& node, const MachinePeaks& peaks)
{
    NodeRoofline r;
    const double seconds = node.ms.median / 1e3;
    if (node.control || seconds <= 0)
        return r;
    const double calls = static_cast<double>(node.calls);
    const double flops = node.flops * calls;
    const double bytes = (node.bytesRead + node.bytesWritten) * calls;
    if (flops <= 0 && bytes <= 0)
        return r;
    r.meaningful = true;
    // A node whose data fits in a core's cache is held to the cache's rate, not memory's.
    const double perCall = node.bytesRead + node.bytesWritten;
    const bool inCache = peaks.cacheGbPerSecond > 0 && perCall <= static_cast<double>(peaks.cacheBytes) * std::max(1, peaks.threads);
    const double bandwidth = inCache ? std::max(peaks.cacheGbPerSecond, peaks.gbPerSecond) : peaks.gbPerSecond;
    r.cacheRoof = inCache;
    r.gflopsPerSecond = flops / seconds / 1e9;
    r.gbPerSecond = bytes / seconds / 1e9;
    if (flops > 0 && bytes > 0) {
        r.intensity = flops / bytes;
        const double attainable = std::min(peaks.gflops, r.intensity * bandwidth);
        r.peakFraction = attainable > 0 ? r.gflopsPerSecond / attainable : 0;
        r.computeBound = bandwidth > 0 && r.intensity >= peaks.gflops / bandwidth;
    } else if (flops > 0) {
        r.peakFraction = peaks.gflops > 0 ? r.gflopsPerSecond / peaks.gflops : 0;
        r.computeBound = true;
    } else {
        r.peakFraction = bandwidth > 0 ? r.gbPerSecond / bandwidth : 0;
    }
    return r;
}

} // namespace ptscope
