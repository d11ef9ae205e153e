#pragma once

#include "ptscope/compare/review.h"
#include "ptscope/profile/profile.h"

namespace ptscope {

// Adds which version is slower where: the two profiles' nodes aligned by kind and module scope in
// execution order, the `limit` aligned nodes whose median times differ most.
void addTimingChanges(Review& review, const ProfileResult& a, const ProfileResult& b, size_t limit = 20);

} // namespace ptscope
