#pragma once

#include <QMetaType>
#include <memory>
#include <ptscope/compare/review.h>

// What changed between the open model and the one it was compared with, as the worker reviewed
// it; shared read-only between the compare controller and the Compare mode's review tables.
using ReviewPtr = std::shared_ptr<const ptscope::Review>;

Q_DECLARE_METATYPE(ReviewPtr)
