#pragma once

// The one Graphviz context of the process, and what every caller of libgvc needs with it.
// Graphviz keeps global state (error handlers, the plugin context): one call at a time.

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <memory>
#include <mutex>
#include <string>

namespace ptscope::graphviz {

std::mutex& mutex();
GVC_t* context();

struct GraphCloser
{
    void operator()(Agraph_t* g) const
    {
        if (g)
            agclose(g);
    }
};
using GraphPtr = std::unique_ptr<Agraph_t, GraphCloser>;

// Throws ptscope::Error when Graphviz cannot read the text.
GraphPtr parse(const std::string& dot);

// Graphviz's last error message, or "".
std::string lastError();

} // namespace ptscope::graphviz
