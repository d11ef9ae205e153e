#pragma once

#include "modelinfoptr.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>

namespace ptscope {
struct RunResult;
}

class ModelController;
class ModelWorker;

namespace UiTest {

// Keeps user settings out of tests; call first in initTestCase().
void isolateSettings();
QString fixturePath(const QString& name);
// NAME.expected.json beside fixture NAME.pt: what Python saw in it.
QJsonObject expectedFor(const QString& fixture);
// A model opened the way the window opens one: in a worker process (the ptscope-cli that
// PTSCOPE_CLI names), with its facts read back by a ModelController. Controllers that query the
// model (graph, source) are made on worker().
class OpenedModel
{
public:
    OpenedModel();
    ~OpenedModel();
    // Opens the fixture in this model's worker (replacing the one open) and waits.
    bool open(const QString& fixture);
    ModelWorker* worker() const { return m_worker.get(); }
    ModelController* controller() const { return m_controller.get(); }
    ModelInfoPtr modelInfo() const;

private:
    std::unique_ptr<ModelWorker> m_worker;
    std::unique_ptr<ModelController> m_controller;
};

// Null (with a test warning) when the fixture does not open.
std::unique_ptr<OpenedModel> openModel(const QString& fixture);
// Opens a fixture through a ModelController and waits; null (with a test warning) on failure.
ModelInfoPtr load(const QString& fixture);
// Waits until every job on the global pool has finished and its outcome has been delivered.
void drainJobs();

// Runs `ptscope-cli run MODEL ARGUMENTS --json --save-npy FOLDER` (the ptscope-cli PTSCOPE_CLI
// names) and says how a run's outputs differ from what it printed and wrote: the same paths and
// kinds, every tensor's .npy identical byte for byte. Empty when they agree.
QString differenceFromCli(const ptscope::RunResult& result, const QString& model,
                          const QStringList& arguments);

} // namespace UiTest
