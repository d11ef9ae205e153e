#pragma once

#include <QString>

// The Profile tab's own settings; inputs, seed and modes come from the Run tab's request.
struct ProfileSettings
{
    QString variant = QStringLiteral("inlined"); // inlined, frozen, optimized, as-saved
    int warmup = 3;
    int runs = 20;
    int threads = 0; // 0: LibTorch's default
    bool speedup = false;
};
