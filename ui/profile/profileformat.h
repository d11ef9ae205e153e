#pragma once

#include <QCoreApplication>
#include <QString>
#include <ptscope/profile/profile.h>

// How the Profile tab words times, sizes and shapes, so the table, the charts' tooltips and the
// summary say the same thing the same way (and as `ptscope-cli profile` does).
class ProfileFormat
{
    Q_DECLARE_TR_FUNCTIONS(ProfileFormat)
public:
    // "7.930 ms", "612.2 µs", "1.204 s"
    static QString duration(double ms);
    // A number of milliseconds for a column headed "(ms)": "7.930", "0.0123".
    static QString milliseconds(double ms);
    static QString bytes(int64_t bytes);
    static QString bytes(double bytes);
    static QString percent(double fraction, int decimals = 1);
    static QString gflops(double gflopsPerSecond);
    // "float32[1,64,56,56]"; other kinds by name ("int", "list").
    static QString shape(const ptscope::ValueShape& value);
    static QString shapes(const std::vector<ptscope::ValueShape>& values);
    // "(root)" for the root module's empty scope.
    static QString scope(const std::string& scope);
    // "OpenBLAS 0.3.21" from BLAS's long configuration string.
    static QString blasName(const std::string& blas);
    // "49 · conv2d 7x7 /2 (conv1)": how a node is named in charts and tooltips.
    static QString nodeName(const ptscope::NodeProfile& node);
};
