#pragma once

#include <QMetaType>
#include <memory>
#include <ptscope/load/modelinfo.h>

// A loaded model's description, shared read-only between the controller and the item models
// that show it. Made once per load on the worker thread, so the UI never copies it.
using ModelInfoPtr = std::shared_ptr<const ptscope::ModelInfo>;

Q_DECLARE_METATYPE(ModelInfoPtr)
