#pragma once

#include <QString>

class MainWindow;

// For docs and visual checks (`ptscope --screenshot FILE`): once the model has loaded, selects a
// module, saves the window as an image and quits; quits with status 1 if the load fails.
void saveScreenshotWhenLoaded(MainWindow* window, const QString& file, const QString& modulePath);
