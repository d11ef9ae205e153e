#pragma once

// Internal to core: JSON documents as text that is valid whatever bytes they hold.

#include <nlohmann/json.hpp>
#include <string>

namespace ptscope {

// doc.dump(indent) with bytes that are not UTF-8 (a path, a message, binary garbage from a
// damaged archive) replaced by U+FFFD instead of throwing, so reporting never fails. Ends with a
// newline when indent >= 0.
template <typename Json> std::string jsonText(const Json& doc, int indent)
{
    std::string text = doc.dump(indent, ' ', false, Json::error_handler_t::replace);
    if (indent >= 0)
        text += '\n';
    return text;
}

} // namespace ptscope
