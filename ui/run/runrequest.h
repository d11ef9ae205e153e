#pragma once

#include <QJsonObject>
#include <QStringList>
#include <ptscope/run/runspec.h>
#include <vector>

class ModelWorker;

// What the user asked to run: the input grammar's specs (ptscope/run/inputspec.h) and run settings.
struct RunRequest
{
    // The method to run in forward's place (a scripted nn.LSTM has only forward__0 and
    // forward__1); empty: forward.
    QString method;
    QStringList inputs; // one spec per argument; trailing empty ones take their default
    QString inputsFile; // instead of inputs: a .pt with every argument, or a folder of them
    quint64 seed = 0;
    int repeat = 1;
    int warmup = -1; // -1: 2 when repeat > 1, else 0
    int threads = 0; // 0: LibTorch's default
    bool training = false;
    bool grad = false;
};

// Why the request cannot run, for people; empty when it can. Checks every spec against the input
// grammar and that named files exist; with the method's arguments known (not null), also their
// number and which ones need a value. signature: "forward(x: Tensor)", for the messages.
QString checkRunRequest(const RunRequest& request, const std::vector<ptscope::ArgumentSpec>* arguments,
                        const QString& signature);

// checkRunRequest against the method the request names in the model the worker holds (only the
// specs while no model is open yet).
QString checkRunRequest(const RunRequest& request, const ModelWorker& worker);

// The worker's `run` request (docs/worker-protocol.md), with absolute paths, trailing empty
// inputs left to their defaults and "method" only when it is not forward.
QJsonObject runRequestToJson(const RunRequest& request, const QString& outputFolder,
                             const QString& savedOutputs);
