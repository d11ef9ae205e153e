// A test-only operator library whose ops misbehave the ways a third-party library can: crash,
// abort, end the process, write to stdout, or never return. Built by the tests, loaded with
// --load-library, called from hostile_ops_scripted.pt (make_hostile_ops_model.py).

#include <ATen/ATen.h>
#include <torch/library.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

namespace {

at::Tensor segfault(const at::Tensor& x)
{
    std::raise(SIGSEGV);
    return x;
}

at::Tensor abortNow(const at::Tensor& x)
{
    std::abort();
    return x;
}

at::Tensor exitZero(const at::Tensor& x)
{
    std::exit(0);
    return x;
}

at::Tensor printStdout(const at::Tensor& x)
{
    // Garbage on the process's stdout, where the worker's replies would go.
    std::printf("{\"id\": 1, \"ok\": true, \"garbage\": \n not json at all \x01\x02\n");
    std::cout << "more garbage" << std::endl;
    std::fflush(stdout);
    return x + 1;
}

at::Tensor sleepForever(const at::Tensor& x)
{
    for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
    return x;
}

} // namespace

TORCH_LIBRARY(hostile, m)
{
    m.def("segfault(Tensor x) -> Tensor", segfault);
    m.def("abort(Tensor x) -> Tensor", abortNow);
    m.def("exit(Tensor x) -> Tensor", exitZero);
    m.def("print(Tensor x) -> Tensor", printStdout);
    m.def("sleep(Tensor x) -> Tensor", sleepForever);
}
