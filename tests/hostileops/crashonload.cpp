// A library that crashes the process that loads it: opening a model with it must cost the
// worker, never the window.

#include <csignal>

__attribute__((constructor)) static void crashWhenLoaded()
{
    std::raise(SIGSEGV);
}
