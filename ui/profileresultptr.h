#pragma once

#include <QMetaType>
#include <memory>
#include <ptscope/profile/profile.h>

// One finished profile as the worker reported it (its full document, timelines included),
// shared read-only between the profile controller, the Profile tab and the graph's heat map.
using ProfileResultPtr = std::shared_ptr<const ptscope::ProfileResult>;

Q_DECLARE_METATYPE(ProfileResultPtr)
