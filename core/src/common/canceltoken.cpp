#include "ptscope/common/canceltoken.h"

#include "ptscope/common/error.h"

namespace ptscope {

void CancelToken::throwIfCancelled() const
{
    if (isCancelled())
        throw Error(ErrorKind::Cancelled, "Cancelled.");
}

} // namespace ptscope
