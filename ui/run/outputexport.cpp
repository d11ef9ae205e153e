#include "run/outputexport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryDir>
#include <cstdio>
#include <cstring>
#include <ptscope/common/error.h>
#include <ptscope/io/outputnames.h>

namespace OutputExport {

namespace {

[[noreturn]] void fail(const QString& message)
{
    throw ptscope::Error(ptscope::ErrorKind::WriteFailed, message.toStdString());
}

QString safeName(const std::string& path)
{
    QString name = QString::fromStdString(ptscope::outputFileStem(path));
    // A leading dot would hide the file; an empty key would leave only ".npy".
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')))
        name.prepend(QLatin1Char('_'));
    return name;
}

QString canonical(const QString& path)
{
    const QFileInfo info(path);
    return info.exists()
               ? info.canonicalFilePath()
               : QFileInfo(info.absolutePath()).canonicalFilePath() + QLatin1Char('/') + info.fileName();
}

} // namespace

QVector<TensorFile> tensorFiles(const std::vector<ptscope::OutputInfo>& outputs)
{
    QVector<TensorFile> files;
    QSet<QString> taken;
    for (const ptscope::OutputInfo& output : outputs) {
        if (output.kind != ptscope::OutputInfo::Kind::Tensor || output.file.empty())
            continue;
        const QString stem = safeName(output.path);
        QString name = stem + QStringLiteral(".npy");
        for (int n = 2; taken.contains(name.toLower()); ++n)
            name = stem + QLatin1Char('~') + QString::number(n) + QStringLiteral(".npy");
        taken.insert(name.toLower());
        files.append({QString::fromStdString(output.file), name});
    }
    return files;
}

QStringList existingNames(const QString& folder, const QVector<TensorFile>& files)
{
    QStringList names;
    const QDir dir(folder);
    for (const TensorFile& file : files) {
        if (QFileInfo::exists(dir.filePath(file.name)))
            names.append(file.name);
    }
    return names;
}

bool isProtected(const ptscope::RunResult& result, const QString& target)
{
    const QString wanted = canonical(target);
    const QString wantedFolder = QFileInfo(wanted).absolutePath();
    QStringList sources{QString::fromStdString(result.model)};
    for (const ptscope::InputInfo& input : result.inputs) {
        if (input.spec.rfind('@', 0) == 0)
            sources.append(QString::fromStdString(input.spec.substr(1)));
    }
    for (const QString& source : sources) {
        const QFileInfo info(source);
        if (!info.exists())
            continue;
        if (info.isDir() ? info.canonicalFilePath() == wantedFolder : info.canonicalFilePath() == wanted)
            return true;
    }
    return false;
}

void copyFile(const QString& source, const QString& target)
{
    if (canonical(source) == canonical(target))
        fail(QStringLiteral("%1 is the file being saved; choose another name.").arg(target));
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        throw ptscope::Error(
            ptscope::ErrorKind::NotReadable,
            QStringLiteral("Cannot read %1: %2.").arg(source, in.errorString()).toStdString());
    // QSaveFile writes a temporary file in target's folder and renames it over target on commit;
    // dropping it without commit removes the temporary file.
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        fail(QStringLiteral("Cannot write %1: %2.").arg(target, out.errorString()));
    QByteArray chunk;
    while (!(chunk = in.read(1 << 20)).isEmpty()) {
        if (out.write(chunk) != chunk.size())
            fail(QStringLiteral("Cannot write %1: %2.").arg(target, out.errorString()));
    }
    if (in.error() != QFileDevice::NoError)
        throw ptscope::Error(
            ptscope::ErrorKind::NotReadable,
            QStringLiteral("Cannot read %1: %2.").arg(source, in.errorString()).toStdString());
    if (!out.commit())
        fail(QStringLiteral("Cannot write %1: %2.").arg(target, out.errorString()));
}

void exportTensors(const QVector<TensorFile>& files, const QString& folder, bool overwrite)
{
    if (!QFileInfo(folder).isDir())
        fail(QStringLiteral("%1 is not a folder.").arg(folder));
    const QDir dir(folder);
    if (!overwrite) {
        const QStringList existing = existingNames(folder, files);
        if (!existing.isEmpty())
            fail(QStringLiteral("%1 already holds %2.").arg(folder, existing.join(QStringLiteral(", "))));
    }
    QTemporaryDir staging(dir.filePath(QStringLiteral(".ptscope-export-XXXXXX")));
    if (!staging.isValid())
        fail(QStringLiteral("Cannot write into %1: %2.").arg(folder, staging.errorString()));
    for (const TensorFile& file : files)
        copyFile(file.source, staging.filePath(file.name));
    // rename() replaces an existing file in one step, unlike QFile::rename.
    for (const TensorFile& file : files) {
        const QByteArray from = QFile::encodeName(staging.filePath(file.name));
        const QByteArray to = QFile::encodeName(dir.filePath(file.name));
        if (std::rename(from.constData(), to.constData()) != 0)
            fail(QStringLiteral("Cannot write %1: %2.")
                     .arg(dir.filePath(file.name), QString::fromLocal8Bit(std::strerror(errno))));
    }
}

} // namespace OutputExport
