#pragma once

// Internal to core: how torch things are spelled for users (as Python spells them).

#include <c10/core/ScalarType.h>

#include <string>

namespace ptscope {

// "float32", "int64", ... (torch.float32 without "torch.")
std::string dtypeName(c10::ScalarType type);

} // namespace ptscope
