#pragma once

#include <iosfwd>

namespace ptscope {

// The worker process's loop (docs/worker-protocol.md): reads one JSON request per line from in,
// writes replies and progress lines to out, one JSON object per line. A `cancel` request is read
// while a run is going on and stops it between repeats. Returns after `shutdown` or at the end
// of in, with the process exit status (0). Never throws: a bad request gets an error reply.
int serveWorker(std::istream& in, std::ostream& out);

} // namespace ptscope
