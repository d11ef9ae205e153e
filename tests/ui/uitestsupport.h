#pragma once

#include "modelinfoptr.h"

#include <QJsonObject>
#include <QString>

class ModelController;

namespace UiTest {

// Keeps user settings out of tests; call first in initTestCase().
void isolateSettings();
QString fixturePath(const QString& name);
// NAME.expected.json beside fixture NAME.pt: what Python saw in it.
QJsonObject expectedFor(const QString& fixture);
// Opens a fixture through a ModelController and waits; null (with a test warning) on failure.
ModelInfoPtr load(const QString& fixture);
// Waits until every job on the global pool has finished and its outcome has been delivered.
void drainJobs();

} // namespace UiTest
