#pragma once

// Internal to core: this machine's own compute and memory limits, for the roofline.

#include "ptscope/profile/profile.h"

namespace ptscope {

// A float32 matrix product through LibTorch (the BLAS its linear layers use), one per intra-op
// thread side by side, and a large memory copy split over the threads; best of a few. About
// 50 ms; measured once per process and thread count.
MachinePeaks machinePeaks(int threads);

} // namespace ptscope
