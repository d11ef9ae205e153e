#include "jobs/jobfailure.h"

#include <QCoreApplication>
#include <stdexcept>

JobFailure JobFailure::fromError(const ptscope::Error& error)
{
    JobFailure failure;
    failure.kind = error.kind();
    failure.message = QString::fromStdString(error.message());
    if (!error.hint().empty())
        failure.message += QLatin1Char('\n') + QString::fromStdString(error.hint());
    failure.detail = QString::fromStdString(error.detail());
    return failure;
}

JobFailure JobFailure::fromCurrentException()
{
    try {
        throw;
    } catch (const ptscope::Error& error) {
        return fromError(error);
    } catch (const std::exception& exception) {
        // Core promises to throw only ptscope::Error, so anything else is a bug; the raw text
        // goes to the details, not the headline.
        JobFailure failure;
        failure.message = QCoreApplication::translate("JobFailure", "An unexpected internal error occurred.");
        failure.detail = QString::fromLocal8Bit(exception.what());
        return failure;
    } catch (...) {
        JobFailure failure;
        failure.message = QCoreApplication::translate("JobFailure", "An unknown internal error occurred.");
        return failure;
    }
}
