#pragma once

// Internal to core: reading a worker request's fields (docs/worker-protocol.md).

#include "ptscope/common/error.h"

#include <nlohmann/json.hpp>
#include <string>

namespace ptscope {

// A request field, or fallback when absent; a field of the wrong type is the client's mistake.
template <typename T> T requestField(const nlohmann::json& request, const char* name, const T& fallback)
{
    const auto it = request.find(name);
    if (it == request.end() || it->is_null())
        return fallback;
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(ErrorKind::ProtocolError, std::string("Request field '") + name + "' has the wrong type.");
    }
}

inline std::string requiredString(const nlohmann::json& request, const char* name, const std::string& cmd)
{
    const std::string value = requestField<std::string>(request, name, "");
    if (value.empty())
        throw Error(ErrorKind::ProtocolError, cmd + " needs a '" + name + "'.");
    return value;
}

} // namespace ptscope
