#pragma once

#include <QJsonObject>
#include <QString>
#include <string>

// Reading the worker's replies (docs/worker-protocol.md).
struct WorkerError
{
    QString kind;
    QString message; // with the hint on a second line when there is one
    QString detail;
};

bool replySucceeded(const QJsonObject& reply);
WorkerError workerErrorOf(const QJsonObject& reply);
// A document the worker wrote to a file the client named (a profile, a comparison), whole, for
// core's readers; `what` names it in the error. Throws ptscope::Error (NotReadable).
std::string readWorkerDocument(const QString& file, const char* what);
// A reply's value as compact JSON text, for core's readers.
std::string compactJson(const QJsonValue& value);
