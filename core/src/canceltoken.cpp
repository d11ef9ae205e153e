#include "ptscope/canceltoken.h"

#include "ptscope/error.h"

namespace ptscope {

void CancelToken::throwIfCancelled() const
{
    if (isCancelled())
        throw Error(ErrorKind::Cancelled, "Cancelled.");
}

} // namespace ptscope
