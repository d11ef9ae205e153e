#pragma once

#include <QString>
#include <QStringList>
#include <QVector>
#include <ptscope/run/runresult.h>

// Saving a run's outputs where the user asks: whole files or nothing, never over the files the
// run read. Plain functions, called from jobs; they throw ptscope::Error (WriteFailed,
// NotReadable, InvalidArgument).
namespace OutputExport {

// A tensor output's .npy as the worker wrote it, and the name it gets in an export folder.
struct TensorFile
{
    QString source;
    QString name; // "1.0.boxes.npy"
};

// The sample's tensor outputs with unique file names made from their paths
// (ptscope::outputFileStem, never starting with '.'); a name taken by an earlier output gets
// "~2", "~3" appended before ".npy".
QVector<TensorFile> tensorFiles(const std::vector<ptscope::OutputInfo>& outputs);
// The names of files that exist in folder already.
QStringList existingNames(const QString& folder, const QVector<TensorFile>& files);

// Files the run read (the model and @PATH inputs) or that lie in a folder it read from: an
// export never replaces them, even when the user confirmed a dialog.
bool isProtected(const ptscope::RunResult& result, const QString& target);

// Copies source to target through a temporary file beside target and a rename.
void copyFile(const QString& source, const QString& target);
// Copies every file into folder: first all into a hidden temporary folder inside it, then each
// renamed into place, so a failure (disk full, unreadable source) leaves the folder as it was.
// Refuses to replace existing files unless overwrite.
void exportTensors(const QVector<TensorFile>& files, const QString& folder, bool overwrite);

} // namespace OutputExport
