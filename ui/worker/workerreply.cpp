#include "worker/workerreply.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <ptscope/common/error.h>

bool replySucceeded(const QJsonObject& reply)
{
    return reply.value(QStringLiteral("ok")).toBool();
}

WorkerError workerErrorOf(const QJsonObject& reply)
{
    const QJsonObject error = reply.value(QStringLiteral("error")).toObject();
    WorkerError result;
    result.kind = error.value(QStringLiteral("kind")).toString();
    result.message = error.value(QStringLiteral("message")).toString();
    const QString hint = error.value(QStringLiteral("hint")).toString();
    if (!hint.isEmpty())
        result.message += QLatin1Char('\n') + hint;
    result.detail = error.value(QStringLiteral("detail")).toString();
    return result;
}

std::string compactJson(const QJsonValue& value)
{
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return document.toJson(QJsonDocument::Compact).toStdString();
}

std::string readWorkerDocument(const QString& file, const char* what)
{
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly))
        throw ptscope::Error(ptscope::ErrorKind::NotReadable,
                             std::string("The worker's ") + what + " could not be read: " + in.errorString().toStdString());
    const QByteArray text = in.readAll();
    return std::string(text.constData(), static_cast<size_t>(text.size()));
}
