#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <ptscope/profile/profile.h>

// Writing a profile to a file: CSV (one row per node), the full JSON document (timelines
// included, what profileResultFromJson reads back) or a Chrome trace. Each file is written
// completely or not at all.
class ProfileExport
{
    Q_DECLARE_TR_FUNCTIONS(ProfileExport)
public:
    // "csv", "json", "chrome-trace".
    static QStringList formats();
    static QString fileFilter(const QString& format); // for a file dialog
    // "resnet18_scripted.profile.csv" for a profile of resnet18_scripted.pt.
    static QString suggestedFileName(const ptscope::ProfileResult& result, const QString& format);
    // False, with a message for people in error, when the format is unknown or writing failed.
    static bool write(const ptscope::ProfileResult& result, const QString& format, const QString& path,
                      QString* error);
};
