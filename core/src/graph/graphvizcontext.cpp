#include "graphvizcontext.h"

#include "ptscope/common/error.h"

namespace ptscope::graphviz {

std::mutex& mutex()
{
    static std::mutex m;
    return m;
}

GVC_t* context()
{
    static GVC_t* gvc = [] {
        agseterr(AGMAX); // our own messages, not Graphviz's on stderr
        return gvContext();
    }();
    return gvc;
}

std::string lastError()
{
    const char* text = aglasterr();
    return text ? text : "";
}

GraphPtr parse(const std::string& dot)
{
    GraphPtr g(agmemread(dot.c_str()));
    if (!g)
        throw Error(ErrorKind::Internal, "Graphviz could not read the graph.", {}, lastError());
    return g;
}

} // namespace ptscope::graphviz
