#include "controllers/comparecontroller.h"

#include "jobs/jobrunner.h"
#include "worker/modelworker.h"
#include "worker/workerreply.h"
#include "worker/workertask.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <cmath>
#include <ptscope/common/error.h>

namespace {

QString counterexampleName()
{
    return QStringLiteral("counterexample.pt");
}

} // namespace

CompareController::CompareController(ModelWorker* worker, QObject* parent)
    : QObject(parent), m_worker(worker), m_jobs(new JobRunner(this)), m_task(new WorkerTask(worker, this))
{
    qRegisterMetaType<CompareReportPtr>();
    qRegisterMetaType<ReviewPtr>();
    connect(m_worker, &ModelWorker::stateChanged, this, &CompareController::updateState);
    connect(m_task, &WorkerTask::progress, this, &CompareController::onTaskProgress);
    connect(m_task, &WorkerTask::succeeded, this, &CompareController::onTaskSucceeded);
    connect(m_task, &WorkerTask::cancelled, this, [this]() {
        endTask();
        emit cancelled();
    });
    connect(m_task, &WorkerTask::failed, this, [this](const QString& message, const QString& detail) {
        endTask();
        emit failed(message, detail);
    });
    connect(m_worker, &ModelWorker::opening, this, [this]() {
        if (!m_task->isRunning() && !m_reading) {
            m_lastReport.reset();
            m_lastReview.reset();
            m_keptFolder.reset();
        }
    });
    updateState();
}

CompareController::~CompareController() = default;

QString CompareController::counterexampleFile() const
{
    if (!m_keptFolder || !m_lastReport || !m_lastReport->search || !m_lastReport->search->found)
        return {};
    const QString file = m_keptFolder->filePath(counterexampleName());
    return QFileInfo::exists(file) ? file : QString();
}

QString CompareController::checkSettings(const CompareSettings& s) const
{
    if (s.modelB.isEmpty() == s.reference.isEmpty())
        return tr("Choose a second model or saved outputs to compare with.");
    const QString other = s.modelB.isEmpty() ? s.reference : s.modelB;
    if (!QFileInfo::exists(other))
        return tr("File not found: %1").arg(other);
    if (!s.modelB.isEmpty() && QFileInfo(s.modelB).isDir())
        return tr("%1 is a folder, not a TorchScript archive.").arg(s.modelB);
    if (!s.reference.isEmpty() && (s.search || s.trials > 1))
        return tr("Saved outputs belong to the inputs they were made from: they cannot be compared on "
                  "generated trials or searched inputs. Compare with a second model for that.");
    if (s.trials < 1)
        return tr("Trials must be at least 1.");
    if (!(s.atol >= 0) || !(s.rtol >= 0) || !std::isfinite(s.atol) || !std::isfinite(s.rtol))
        return tr("Tolerances must be non-negative numbers.");
    if (s.search && (s.searchBudget < 1 || !(s.searchSeconds > 0)))
        return tr("The search needs a budget of at least one trial and more than 0 seconds.");
    for (const CompareSettings::Range& r : s.vary)
        if (r.argument.isEmpty() || r.dim < 0 || r.min < 1 || r.max < r.min)
            return tr("The range %1:%2=%3..%4 is empty or below 1.").arg(r.argument).arg(r.dim).arg(r.min).arg(r.max);
    return {};
}

bool CompareController::startCompare(const RunRequest& inputs, const CompareSettings& settings)
{
    QString problem;
    if (m_worker->modelPath().isEmpty())
        problem = tr("Open a model first.");
    else if (isComparing())
        problem = tr("A comparison is going on; cancel it first.");
    else if (m_state == State::Busy)
        problem = tr("A run or profile is going on; wait for it or cancel it first.");
    else if (m_worker->isModelOpen() && !m_worker->method(inputs.method))
        problem = inputs.method.isEmpty() ? tr("This model has no forward method to compare.")
                                          : tr("This model has no method %1.").arg(inputs.method);
    if (problem.isEmpty())
        problem = checkSettings(settings);
    if (problem.isEmpty())
        problem = checkRunRequest(inputs, *m_worker);
    if (!problem.isEmpty()) {
        emit failed(problem, {});
        return false;
    }
    auto folder = std::make_shared<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("ptscope-compare-XXXXXX")));
    if (!folder->isValid()) {
        emit failed(tr("Could not create a temporary folder for the comparison: %1").arg(folder->errorString()), {});
        return false;
    }
    QJsonObject request = runRequestToJson(inputs, {}, {});
    for (const char* unused : {"repeat", "warmup", "output_dir", "save_outputs", "train", "grad"})
        request.remove(QLatin1String(unused));
    request.insert(QStringLiteral("cmd"), QStringLiteral("compare"));
    if (!settings.modelB.isEmpty())
        request.insert(QStringLiteral("model_b"), QFileInfo(settings.modelB).absoluteFilePath());
    else
        request.insert(QStringLiteral("reference"), QFileInfo(settings.reference).absoluteFilePath());
    request.insert(QStringLiteral("trials"), settings.trials);
    request.insert(QStringLiteral("atol"), settings.atol);
    request.insert(QStringLiteral("rtol"), settings.rtol);
    const bool twoModels = !settings.modelB.isEmpty();
    request.insert(QStringLiteral("per_node"), twoModels && settings.perNode);
    request.insert(QStringLiteral("search"), twoModels && settings.search);
    if (twoModels && settings.search) {
        request.insert(QStringLiteral("search_budget"), settings.searchBudget);
        request.insert(QStringLiteral("search_seconds"), settings.searchSeconds);
        request.insert(QStringLiteral("search_seed"), static_cast<double>(settings.searchSeed));
        QJsonArray vary;
        for (const CompareSettings::Range& r : settings.vary)
            vary.append(QJsonObject{{QStringLiteral("argument"), r.argument},
                                    {QStringLiteral("dim"), r.dim},
                                    {QStringLiteral("min"), static_cast<double>(r.min)},
                                    {QStringLiteral("max"), static_cast<double>(r.max)}});
        request.insert(QStringLiteral("vary"), vary);
        request.insert(QStringLiteral("save_counterexample"), folder->filePath(counterexampleName()));
    }
    request.insert(QStringLiteral("output_file"), folder->filePath(QStringLiteral("compare.json")));
    if (twoModels)
        request.insert(QStringLiteral("review_file"), folder->filePath(QStringLiteral("review.json")));
    m_folder = std::move(folder);
    m_task->start(request);
    updateState();
    emit progress(tr("Comparing…"), 0, 0);
    return true;
}

void CompareController::cancel()
{
    if (m_reading) {
        m_jobs->cancelAll();
        endTask();
        emit cancelled();
        return;
    }
    if (!m_task->isRunning() || m_worker->isCancelling())
        return;
    m_task->cancel();
    emit progress(tr("Cancelling…"), 0, 0);
}

void CompareController::onTaskProgress(const QJsonObject& event)
{
    const QString phase = event.value(QStringLiteral("phase")).toString();
    const int done = event.value(QStringLiteral("done")).toInt();
    const int total = event.value(QStringLiteral("total")).toInt();
    QString text;
    if (phase == QLatin1String("search"))
        text = tr("Searching for a disagreeing input: trial %1 of %2").arg(done).arg(total);
    else if (phase == QLatin1String("per_node"))
        text = tr("Comparing node by node…");
    else
        text = tr("Comparing outputs: input %1 of %2").arg(done).arg(total);
    const QString what = event.value(QStringLiteral("what")).toString();
    if (!what.isEmpty())
        text += QStringLiteral(" (") + what + QLatin1Char(')');
    emit progress(text, done, total);
}

void CompareController::onTaskSucceeded(const QJsonObject& result)
{
    readResult(result.value(QStringLiteral("file")).toString(), result.value(QStringLiteral("review_file")).toString());
}

namespace {

struct Documents
{
    CompareReportPtr report;
    ReviewPtr review;
};

} // namespace

void CompareController::readResult(const QString& file, const QString& reviewFile)
{
    m_reading = true;
    updateState();
    emit progress(tr("Reading the comparison…"), 0, 0);
    m_jobs->start(
        [file, reviewFile](JobContext&) {
            Documents d;
            d.report = std::make_shared<const ptscope::CompareReport>(
                ptscope::compareReportFromJson(readWorkerDocument(file, "comparison")));
            if (!reviewFile.isEmpty())
                d.review = std::make_shared<const ptscope::Review>(
                    ptscope::reviewFromJson(readWorkerDocument(reviewFile, "review")));
            return d;
        },
        [this](Documents d) {
            m_lastReport = std::move(d.report);
            m_lastReview = std::move(d.review);
            // The counterexample outlives the task's folder: the Run tab may run it.
            m_keptFolder = m_folder;
            endTask();
            if (m_lastReview)
                emit reviewAvailable(m_lastReview);
            emit comparisonAvailable(m_lastReport);
        },
        [this](const JobFailure& failure) {
            endTask();
            emit failed(failure.message, failure.detail);
        });
}

void CompareController::endTask()
{
    m_reading = false;
    m_folder.reset();
    updateState();
}

void CompareController::updateState()
{
    State state = State::NoModel;
    if (m_reading) {
        state = State::Reading;
    } else if (m_task->isRunning()) {
        state = State::Comparing;
    } else {
        state = stateOfWorker<State>(m_worker->state());
    }
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}
