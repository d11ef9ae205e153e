#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

class MainWindow;

// What `ptscope --screenshot FILE` shows before it saves the window (for docs and visual checks).
struct ScreenshotOptions
{
    QString file;
    QString modulePath;    // module to select; null for none
    QString tab;           // central tab by object name ("graphPanel"); empty for the default
    QString graphVariant;  // "frozen", ...: shown before expanding; empty for the first one
    QStringList expand;    // graph modules to expand, one after the other
    QString graphSearch;   // searched in the graph; the first hit drawn as a box gets selected
    QSize size;            // window size; invalid for the saved or default one
    QStringList runInputs; // run the model on these input specs (the Run tab) before saving
    QString outputPath;    // the run's output to select ("0", "1.boxes")
    // Profile (with runInputs as the Run tab's inputs) rather than run; then show this chart
    // ("Timeline", a Profile tab chart's title), or the heat map on the graph.
    bool profile = false;
    QString profileChart;
    bool heatMap = false;
};

// Once the model has loaded (and the graph is laid out, when the graph tab is asked for; and the
// run has finished, when inputs are given), sets
// the window up as asked, saves it as an image and quits; quits with status 1 if loading fails.
void saveScreenshotWhenLoaded(MainWindow* window, const ScreenshotOptions& options);
