#include "run/runrequest.h"

#include "worker/modelworker.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <algorithm>
#include <ptscope/common/error.h>
#include <ptscope/run/inputspec.h>

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("RunRequest", text);
}

QString absoluteSpec(const QString& spec)
{
    // The worker may not share our working directory forever; give it absolute paths.
    if (!spec.startsWith(QLatin1Char('@')))
        return spec;
    return QLatin1Char('@') + QFileInfo(spec.mid(1)).absoluteFilePath();
}

} // namespace

QString checkRunRequest(const RunRequest& request, const std::vector<ptscope::ArgumentSpec>* arguments,
                        const QString& signature)
{
    const QString method = request.method.isEmpty() ? QStringLiteral("forward") : request.method;
    if (!request.inputsFile.isEmpty())
        return QFileInfo::exists(request.inputsFile)
                   ? QString()
                   : tr("Inputs file not found: %1").arg(request.inputsFile);
    const qsizetype given = request.inputs.size();
    if (arguments && given > qsizetype(arguments->size()))
        return tr("%1 takes %2; got %3: %4")
            .arg(method, arguments->size() == 1 ? tr("1 input") : tr("%1 inputs").arg(arguments->size()))
            .arg(given)
            .arg(signature);
    for (qsizetype i = 0; i < given; ++i) {
        const QString spec = request.inputs[i].trimmed();
        const ptscope::ArgumentSpec* argument = arguments ? &(*arguments)[size_t(i)] : nullptr;
        const QString name = argument ? QString::fromStdString(argument->name) : QString::number(i + 1);
        if (spec.isEmpty()) {
            // Only trailing arguments can be left to their defaults.
            const bool laterGiven = std::any_of(request.inputs.begin() + i + 1, request.inputs.end(),
                                                [](const QString& s) { return !s.trimmed().isEmpty(); });
            if (!argument || !argument->hasDefault || laterGiven)
                return tr("Argument %1 needs an input, e.g. float32[1,3,224,224] or @file.npy.").arg(name);
            continue;
        }
        try {
            ptscope::parseInputSpec(spec.toStdString());
        } catch (const ptscope::Error& e) {
            return tr("Argument %1: %2").arg(name, QString::fromStdString(e.message()));
        }
        if (spec.startsWith(QLatin1Char('@')) && !QFileInfo::exists(spec.mid(1)))
            return tr("Argument %1: file not found: %2").arg(name, spec.mid(1));
    }
    if (arguments) {
        for (size_t i = size_t(given); i < arguments->size(); ++i)
            if (!(*arguments)[i].hasDefault)
                return tr("Argument %1 needs an input; %2 expects %3")
                    .arg(QString::fromStdString((*arguments)[i].name), method, signature);
    }
    return {};
}

QString checkRunRequest(const RunRequest& request, const ModelWorker& worker)
{
    const RunnableMethod* method = worker.isModelOpen() ? worker.method(request.method) : nullptr;
    return checkRunRequest(request, method ? &method->arguments : nullptr,
                           method ? method->signature : QString());
}

QJsonObject runRequestToJson(const RunRequest& request, const QString& outputFolder,
                             const QString& savedOutputs)
{
    QJsonObject run{
        {QStringLiteral("cmd"), QStringLiteral("run")},
        {QStringLiteral("seed"), QJsonValue(qint64(request.seed))},
        {QStringLiteral("repeat"), request.repeat},
        {QStringLiteral("warmup"), request.warmup},
        {QStringLiteral("threads"), request.threads},
        {QStringLiteral("train"), request.training},
        {QStringLiteral("grad"), request.grad},
        {QStringLiteral("output_dir"), outputFolder},
        {QStringLiteral("save_outputs"), savedOutputs},
    };
    if (!request.method.isEmpty())
        run.insert(QStringLiteral("method"), request.method);
    if (!request.inputsFile.isEmpty()) {
        run.insert(QStringLiteral("inputs_file"), absoluteSpec(QLatin1Char('@') + request.inputsFile));
        return run;
    }
    qsizetype last = request.inputs.size();
    while (last > 0 && request.inputs[last - 1].trimmed().isEmpty())
        --last;
    QStringList inputs;
    for (qsizetype i = 0; i < last; ++i)
        inputs.append(absoluteSpec(request.inputs[i].trimmed()));
    run.insert(QStringLiteral("inputs"), QJsonArray::fromStringList(inputs));
    return run;
}
