#pragma once

#include <QMetaType>
#include <memory>
#include <ptscope/compare/comparereport.h>

// One finished comparison as the worker reported it, shared read-only between the compare
// controller and the Compare mode's panels.
using CompareReportPtr = std::shared_ptr<const ptscope::CompareReport>;

Q_DECLARE_METATYPE(CompareReportPtr)
