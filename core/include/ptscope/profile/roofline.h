#pragma once

#include "ptscope/profile/profile.h"

namespace ptscope {

// Where one node sits against this machine's peaks (a roofline: the attainable rate at an
// arithmetic intensity is the lower of the compute peak and intensity times the memory peak).
struct NodeRoofline
{
    double gflopsPerSecond = 0; // achieved, over the node's median time
    double gbPerSecond = 0;
    double intensity = 0;   // FLOPs per byte moved; 0 without FLOPs
    double peakFraction = 0; // achieved over attainable (memory rate over the copy peak without FLOPs)
    bool computeBound = false; // intensity beyond the ridge point
    bool meaningful = false;   // the node moved data or computed and took measurable time
    bool cacheRoof = false;    // held to the cache bandwidth (its data fits in cache)
};

NodeRoofline rooflineOf(const NodeProfile& node, const MachinePeaks& peaks);

// FLOPs per byte where the two roofs meet.
double ridgeIntensity(const MachinePeaks& peaks);

} // namespace ptscope
