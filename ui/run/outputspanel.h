#pragma once

#include "jobs/jobrunner.h"
#include "run/tensorvalues.h"
#include "runresultptr.h"

#include <QWidget>
#include <functional>

class OutputTreeModel;
class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTreeView;
class TensorDetailView;
class TensorHistogram;
class TensorValuesModel;

// The outputs of a finished run: the tree of outputs on the left; on the right the selected
// tensor's statistics, values and histogram, or a scalar's or string's text. A batch run gets a
// sample selector. Saves forward's return value as .pt and tensors as .npy.
class OutputsPanel : public QWidget
{
    Q_OBJECT
public:
    // Tensors in bigger .npy files are read on the job pool, so the window stays responsive.
    static constexpr qint64 DefaultAsyncReadBytes = 8 * 1024 * 1024;

    explicit OutputsPanel(QWidget* parent = nullptr);

    void setResult(const RunResultPtr& result);
    void clear();
    const RunResultPtr& result() const { return m_result; }

    // Index into RunResult::samples; the selector is shown when there is more than one.
    void setSample(int sample);
    int sample() const { return m_sample; }
    bool isSampleSelectorShown() const;

    // Selects the output with this path ("1.0.boxes"); false if the sample has none.
    bool selectOutput(const QString& path);
    QString currentPath() const;
    // Index into the sample's outputs; -1 when nothing is selected.
    int currentOutput() const { return m_current; }
    // The selected tensor's values once read; null before, and for other outputs.
    const TensorValuesPtr& currentValues() const { return m_currentValues; }
    bool isReading() const { return m_readJob != 0; }

    // Saving without dialogs (the actions ask for the place first). Each runs as a job and
    // ends with exportFinished. saveAllTensorsNpy writes the current sample's tensors.
    void saveOutputsPt(const QString& file);
    void saveTensorNpy(const QString& file);
    void saveAllTensorsNpy(const QString& folder, bool overwrite = false);

    QAction* saveOutputsAction() const { return m_saveOutputs; }
    QAction* saveTensorAction() const { return m_saveTensor; }
    QAction* saveAllTensorsAction() const { return m_saveAllTensors; }

    OutputTreeModel* treeModel() const { return m_model; }
    QTreeView* treeView() const { return m_tree; }
    TensorDetailView* tensorView() const { return m_tensorView; }
    TensorValuesModel* valuesModel() const;
    TensorHistogram* histogram() const;

    void setAsyncReadBytes(qint64 bytes) { m_asyncReadBytes = bytes; } // tests use small values

signals:
    void currentOutputChanged(const QString& path);
    void tensorLoaded(const QString& path);
    void tensorLoadFailed(const QString& path, const QString& message);
    void exportFinished(bool ok, const QString& message);

private:
    struct LoadedTensor
    {
        TensorValuesPtr values;
        Histogram histogram;
    };
    static LoadedTensor loadTensor(const std::string& file);

    void onCurrentChanged();
    bool selectOnlyOutput();
    void showOutput(int index);
    void startRead(int index);
    void updateActions();
    void startExport(const QString& what, std::function<void()> work);
    bool refuseProtected(const QString& target);
    void failExport(const QString& message);

    QString startFolder() const;
    void reportExport(bool ok, const QString& message);
    void askSaveOutputs();
    void askSaveTensor();
    void askSaveAllTensors();

    RunResultPtr m_result;
    int m_sample = 0;
    int m_current = -1;
    TensorValuesPtr m_currentValues;
    qint64 m_asyncReadBytes = DefaultAsyncReadBytes;
    QString m_lastFolder;       // where the last save went; the dialogs start there
    bool m_askedExport = false; // the running save came from a dialog: report failure in a box

    JobRunner* m_reads;
    JobRunner* m_exports;
    JobId m_readJob = 0;

    OutputTreeModel* m_model;
    QWidget* m_sampleBar;
    QAction* m_sampleAction;
    QComboBox* m_samples;
    QTreeView* m_tree;
    QStackedWidget* m_detail;
    QLabel* m_placeholder;
    QWidget* m_textPage;
    QLabel* m_textHeader;
    QPlainTextEdit* m_text;
    TensorDetailView* m_tensorView;
    QAction* m_saveOutputs;
    QAction* m_saveTensor;
    QAction* m_saveAllTensors;
};
