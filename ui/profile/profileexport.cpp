#include "profile/profileexport.h"

#include <QFile>
#include <QFileInfo>
#include <ptscope/common/error.h>
#include <ptscope/io/atomicfile.h>
#include <ptscope/profile/profilejson.h>

QStringList ProfileExport::formats()
{
    return {QStringLiteral("csv"), QStringLiteral("json"), QStringLiteral("chrome-trace")};
}

QString ProfileExport::fileFilter(const QString& format)
{
    if (format == QLatin1String("csv"))
        return tr("CSV files (*.csv)");
    if (format == QLatin1String("chrome-trace"))
        return tr("Chrome trace (*.json *.trace.json)");
    return tr("ptscope profile (*.json)");
}

QString ProfileExport::suggestedFileName(const ptscope::ProfileResult& result, const QString& format)
{
    const QString stem = QFileInfo(QString::fromStdString(result.model)).completeBaseName();
    const QString base = stem.isEmpty() ? QStringLiteral("profile") : stem;
    if (format == QLatin1String("csv"))
        return base + QStringLiteral(".profile.csv");
    if (format == QLatin1String("chrome-trace"))
        return base + QStringLiteral(".trace.json");
    return base + QStringLiteral(".profile.json");
}

bool ProfileExport::write(const ptscope::ProfileResult& result, const QString& format, const QString& path,
                          QString* error)
{
    std::string text;
    if (format == QLatin1String("csv"))
        text = ptscope::profileToCsv(result);
    else if (format == QLatin1String("json"))
        text = ptscope::profileResultToJson(result, {true});
    else if (format == QLatin1String("chrome-trace"))
        text = ptscope::profileToChromeTrace(result);
    else {
        if (error)
            *error = tr("Unknown export format \"%1\" (csv, json or chrome-trace).").arg(format);
        return false;
    }
    try {
        ptscope::writeFileAtomically(QFile::encodeName(path).toStdString(), text);
    } catch (const ptscope::Error& e) {
        if (error)
            *error = QString::fromStdString(e.message());
        return false;
    } catch (const std::exception& e) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, QString::fromLocal8Bit(e.what()));
        return false;
    }
    return true;
}
