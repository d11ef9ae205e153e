#pragma once

#include <QString>
#include <ptscope/run/runspec.h>
#include <vector>

// A method of the model's root module that a run or profile can name instead of forward (the
// request's "method"), as the worker's open reply describes it: a scripted nn.LSTM has no
// forward, only the overloads forward__0 and forward__1.
struct RunnableMethod
{
    QString name;      // "forward__0"
    QString signature; // "forward__0(input: Tensor, hx: Optional[Tuple[Tensor, Tensor]] = None)"
    std::vector<ptscope::ArgumentSpec> arguments; // self excluded
};
