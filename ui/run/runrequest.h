#pragma once

#include <QJsonObject>
#include <QStringList>
#include <ptscope/run/runspec.h>
#include <vector>

// What the user asked to run: the input grammar's specs (ptscope/run/inputspec.h) and run settings.
struct RunRequest
{
    QStringList inputs; // one spec per forward argument; trailing empty ones take their default
    QString inputsFile; // instead of inputs: a .pt with every argument, or a folder of them
    quint64 seed = 0;
    int repeat = 1;
    int warmup = -1; // -1: 2 when repeat > 1, else 0
    int threads = 0; // 0: LibTorch's default
    bool training = false;
    bool grad = false;
};

// Why the request cannot run, for people; empty when it can. Checks every spec against the input
// grammar and that named files exist; with forward's arguments known (not null), also their
// number and which ones need a value.
QString checkRunRequest(const RunRequest& request, const std::vector<ptscope::ArgumentSpec>* arguments,
                        const QString& forward);

// The worker's `run` request (docs/worker-protocol.md), with absolute paths and trailing empty
// inputs left to their defaults.
QJsonObject runRequestToJson(const RunRequest& request, const QString& outputFolder,
                             const QString& savedOutputs);
