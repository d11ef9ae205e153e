#pragma once

#include <QMetaType>
#include <memory>
#include <ptscope/run/runresult.h>

// One finished run as the worker reported it, shared read-only between the run controller and
// the views of its outputs. Tensor outputs carry the .npy file the worker wrote
// (OutputInfo::file) in the run's private temporary folder, which lives as long as the result.
using RunResultPtr = std::shared_ptr<const ptscope::RunResult>;

Q_DECLARE_METATYPE(RunResultPtr)
