#include "ptscope/io/outputnames.h"

#include <cctype>

namespace ptscope {

std::string outputFileStem(const std::string& path)
{
    std::string out;
    for (char c : path)
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
    return out.substr(0, 80);
}

} // namespace ptscope
