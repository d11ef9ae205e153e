// Precompiled for core's torch sources only.
#include <torch/script.h>
