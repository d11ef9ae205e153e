#include "run/inputguess.h"

#include <QCoreApplication>
#include <ptscope/load/modelinfo.h>

namespace {

const ptscope::AttributeInfo* attribute(const ptscope::ModuleInfo& module, const char* name)
{
    for (const ptscope::AttributeInfo& attr : module.attributes)
        if (attr.name == name)
            return &attr;
    return nullptr;
}

// A positive int attribute, or 0.
qint64 positiveInt(const ptscope::ModuleInfo& module, const char* name)
{
    const ptscope::AttributeInfo* attr = attribute(module, name);
    if (!attr)
        return 0;
    bool ok = false;
    const qint64 value = QString::fromStdString(attr->value).trimmed().toLongLong(&ok);
    return ok && value > 0 ? value : 0;
}

// Dimension dim of the parameter called name, or 0: TorchScript keeps in_features and the like as
// class constants, not attributes, so the weights' shapes are what an archive says for sure.
qint64 parameterDim(const ptscope::ModuleInfo& module, const char* name, size_t dim)
{
    for (const ptscope::TensorInfo& parameter : module.parameters)
        if (parameter.name == name && parameter.shape.size() > dim && parameter.shape[dim] > 0)
            return parameter.shape[dim];
    return 0;
}

// The attribute when the archive has it, else the weight's dimension.
qint64 size(const ptscope::ModuleInfo& module, const char* attr, const char* parameter, size_t dim)
{
    const qint64 value = positiveInt(module, attr);
    return value > 0 ? value : parameterDim(module, parameter, dim);
}

QString tr(const char* text)
{
    return QCoreApplication::translate("InputGuess", text);
}

} // namespace

InputGuess guessFirstInput(const ptscope::ModelInfo& info)
{
    // modules are in pre-order: the first leaf is the first layer declared.
    const ptscope::ModuleInfo* first = nullptr;
    for (size_t i = 1; i < info.modules.size(); ++i) {
        if (info.modules[i].children.empty()) {
            first = &info.modules[i];
            break;
        }
    }
    if (!first && info.modules.size() == 1)
        first = &info.modules.front(); // a lone nn.Linear saved by itself
    if (!first)
        return {};
    const ptscope::ModuleInfo& module = *first;
    const QString name = module.path.empty() ? tr("the model") : QString::fromStdString(module.path);
    const QString type = QString::fromStdString(module.shortType);
    auto because = [&](const char* attr, qint64 value) {
        return tr("from %1 (%2, %3 %4)").arg(name, type, QString::fromLatin1(attr)).arg(value);
    };

    if (module.shortType == "Linear") {
        if (const qint64 n = size(module, "in_features", "weight", 1))
            return {QStringLiteral("float32[1,%1]").arg(n), because("in_features", n)};
    } else if (module.shortType == "Conv2d") {
        if (const qint64 c = size(module, "in_channels", "weight", 1); c > 0 && positiveInt(module, "groups") <= 1)
            return {QStringLiteral("float32[1,%1,224,224]").arg(c), because("in_channels", c)};
    } else if (module.shortType == "Embedding") {
        return {QStringLiteral("int64[1,16]"), tr("from %1 (%2: 16 token ids)").arg(name, type)};
    } else if (module.shortType == "LSTM") {
        if (const qint64 n = size(module, "input_size", "weight_ih_l0", 1)) {
            const ptscope::AttributeInfo* batchFirst = attribute(module, "batch_first");
            const bool byBatch = batchFirst && (batchFirst->value == "True" || batchFirst->value == "true");
            return {byBatch ? QStringLiteral("float32[1,5,%1]").arg(n) : QStringLiteral("float32[5,1,%1]").arg(n),
                    because("input_size", n)};
        }
    }
    return {};
}
