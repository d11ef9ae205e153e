#pragma once

#include <QString>
#include <QVector>

// What the user asked to compare the open model with, and how (the options of ptscope-cli diff).
struct CompareSettings
{
    QString modelB;    // a second TorchScript archive...
    QString reference; // ...or saved outputs (a .pt, .npy, or a folder of them)
    int trials = 1;
    double atol = 1e-5;
    double rtol = 1e-5;
    bool perNode = true; // with a second model
    bool search = false; // with a second model
    int searchBudget = 200;
    double searchSeconds = 60;
    quint64 searchSeed = 0;
    struct Range
    {
        QString argument;
        int dim = 0;
        qint64 min = 1;
        qint64 max = 1;
    };
    QVector<Range> vary;
};
