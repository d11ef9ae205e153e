#pragma once

// Kept for core sources that include it by this name; the API is public.
#include "ptscope/io/atomicfile.h"
