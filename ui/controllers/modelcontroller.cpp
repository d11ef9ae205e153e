#include "controllers/modelcontroller.h"

#include "appsettings.h"
#include "jobs/jobrunner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

struct ModelController::Loaded
{
    ptscope::Model model;
    ModelInfoPtr info;
    qint64 milliseconds;
};

ModelController::ModelController(QObject* parent) : QObject(parent), m_runner(new JobRunner(this))
{
    qRegisterMetaType<ModelInfoPtr>();
    connect(m_runner, &JobRunner::progress, this, [this](JobId id, const QString& text) {
        if (id == m_job)
            emit progress(text);
    });
}

ModelController::~ModelController() = default;

QString ModelController::checkPath(const QString& path)
{
    // Cheap checks on the UI thread, so the obvious mistakes answer at once; core checks the
    // contents (magic, archive layout) on the worker.
    if (path.trimmed().isEmpty())
        return tr("No model file given.");
    const QFileInfo file(path);
    if (!file.exists())
        return tr("File not found: %1").arg(path);
    if (file.isDir())
        return tr("%1 is a folder, not a model file.").arg(path);
    return {};
}

bool ModelController::startOpen(const QString& path)
{
    const QString problem = checkPath(path);
    if (!problem.isEmpty()) {
        emit failed(problem, {});
        return false;
    }
    const bool wasLoading = isLoading();
    if (wasLoading)
        m_runner->cancel(m_job);

    ptscope::LoadOptions options;
    options.device = AppSettings::device().toStdString();
    const std::string file = QFile::encodeName(QFileInfo(path).absoluteFilePath()).toStdString();

    m_job = m_runner->start(
        [file, options](JobContext& job) {
            QElapsedTimer timer;
            timer.start();
            ptscope::Model model = ptscope::Model::open(file, options);
            job.throwIfCancelled();
            // Copied here, off the UI thread, so the item models can share it read-only.
            auto info = std::make_shared<const ptscope::ModelInfo>(model.info());
            return Loaded{std::move(model), std::move(info), timer.elapsed()};
        },
        [this](Loaded loaded) { finishLoad(std::move(loaded)); },
        [this](const JobFailure& failure) { failLoad(failure.message, failure.detail); });

    emit progress(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    if (!wasLoading)
        emit busyChanged(true);
    return true;
}

void ModelController::cancel()
{
    if (!isLoading())
        return;
    m_runner->cancel(m_job);
    m_job = 0;
    emit busyChanged(false);
    emit cancelled();
}

void ModelController::finishLoad(Loaded loaded)
{
    m_job = 0;
    m_model = std::move(loaded.model);
    m_info = std::move(loaded.info);
    m_lastLoadMs = loaded.milliseconds;
    emit busyChanged(false);
    emit modelAvailable(m_info);
}

void ModelController::failLoad(const QString& message, const QString& detail)
{
    m_job = 0;
    emit busyChanged(false);
    emit failed(message, detail);
}
