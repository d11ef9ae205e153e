#include "ptscope/run/runresult.h"

namespace ptscope {

const char* outputKindId(OutputInfo::Kind kind)
{
    switch (kind) {
    case OutputInfo::Kind::Tensor:
        return "tensor";
    case OutputInfo::Kind::Int:
        return "int";
    case OutputInfo::Kind::Float:
        return "float";
    case OutputInfo::Kind::Bool:
        return "bool";
    case OutputInfo::Kind::String:
        return "str";
    case OutputInfo::Kind::None:
        return "none";
    case OutputInfo::Kind::Tuple:
        return "tuple";
    case OutputInfo::Kind::List:
        return "list";
    case OutputInfo::Kind::Dict:
        return "dict";
    case OutputInfo::Kind::Other:
        return "other";
    }
    return "other";
}

} // namespace ptscope
