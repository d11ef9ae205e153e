#include "controllers/modelcontroller.h"

#include "appsettings.h"
#include "jobs/jobrunner.h"
#include "worker/modelworker.h"

#include <QFile>
#include <QFileInfo>
#include <ptscope/common/error.h>
#include <ptscope/io/wire.h>

ModelController::ModelController(ModelWorker* worker, QObject* parent)
    : QObject(parent), m_worker(worker), m_runner(new JobRunner(this))
{
    qRegisterMetaType<ModelInfoPtr>();
    connect(m_worker, &ModelWorker::modelReady, this, &ModelController::onWorkerReady);
    connect(m_worker, &ModelWorker::modelFailed, this, &ModelController::onWorkerFailed);
}

ModelController::~ModelController() = default;

QString ModelController::checkPath(const QString& path)
{
    // Cheap checks at once, so the obvious mistakes answer without a worker; the worker checks
    // the contents (magic, archive layout) before LibTorch reads them.
    if (path.trimmed().isEmpty())
        return tr("No model file given.");
    const QFileInfo file(path);
    if (!file.exists())
        return tr("File not found: %1").arg(path);
    if (file.isDir())
        return tr("%1 is a folder, not a model file.").arg(path);
    return {};
}

bool ModelController::startOpen(const QString& path, const QStringList& libraries)
{
    const QString problem = checkPath(path);
    if (!problem.isEmpty()) {
        emit failed(problem, {});
        return false;
    }
    const bool wasLoading = m_loading;
    m_runner->cancel(m_readJob);
    m_readJob = 0;
    static int s_opens = 0;
    m_infoFile = m_worker->scratchFile(QStringLiteral("model-%1.json").arg(++s_opens));
    m_loading = true;
    m_timer.start();
    m_worker->setModel(QFileInfo(path).absoluteFilePath(), libraries, AppSettings::device(),
                       {{QStringLiteral("info_file"), m_infoFile}});
    emit progress(tr("Loading %1…").arg(QFileInfo(path).fileName()));
    if (!wasLoading)
        emit busyChanged(true);
    return true;
}

void ModelController::cancel()
{
    if (!m_loading)
        return;
    m_worker->cancelOpen();
    m_runner->cancel(m_readJob);
    m_readJob = 0;
    m_loading = false;
    emit busyChanged(false);
    emit cancelled();
}

void ModelController::onWorkerReady()
{
    // The worker also opens the model again after it was replaced: nothing changed for us then.
    if (!m_loading || m_readJob)
        return;
    const QString file = m_infoFile;
    // Megabytes for a big model (every module's code): read off the UI thread.
    m_readJob = m_runner->start(
        [file](JobContext&) {
            QFile in(file);
            if (!in.open(QIODevice::ReadOnly))
                throw ptscope::Error(ptscope::ErrorKind::ProtocolError,
                                     "The worker did not write the model's facts.");
            const QByteArray text = in.readAll();
            in.close();
            in.remove();
            return ModelInfoPtr(std::make_shared<const ptscope::ModelInfo>(
                ptscope::modelInfoFromWire(text.toStdString())));
        },
        [this](const ModelInfoPtr& info) { finishLoad(info); },
        [this](const JobFailure& failure) { failLoad(failure.message, failure.detail); });
}

void ModelController::onWorkerFailed(const QString& message, const QString& detail)
{
    if (m_loading)
        failLoad(message, detail);
}

void ModelController::finishLoad(const ModelInfoPtr& info)
{
    m_readJob = 0;
    m_loading = false;
    m_info = info;
    m_lastLoadMs = m_timer.elapsed();
    emit busyChanged(false);
    emit modelAvailable(m_info);
}

void ModelController::failLoad(const QString& message, const QString& detail)
{
    m_readJob = 0;
    m_loading = false;
    emit busyChanged(false);
    emit failed(message, detail);
}
