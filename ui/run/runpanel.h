#pragma once

#include "modelinfoptr.h"
#include "runresultptr.h"

#include <QWidget>

class InputsModel;
class MessageBanner;
class OutputsPanel;
class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QToolButton;
class RunController;
struct RunRequest;

// The Run tab: forward's inputs and the run settings above, the outputs of the last run below. A
// model without forward (a scripted nn.LSTM) gets a picker of the methods to run instead.
// Everything it does goes through the RunController; it only turns its signals into widgets.
class RunPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunPanel(RunController* controller, QWidget* parent = nullptr);

    InputsModel* inputsModel() const { return m_inputs; }
    OutputsPanel* outputsPanel() const { return m_outputs; }
    MessageBanner* banner() const { return m_banner; }
    QAction* runAction() const { return m_runAction; }
    QAction* cancelAction() const { return m_cancelAction; }

    // The request the widgets describe now.
    RunRequest request() const;
    // Every argument from one .pt (a tuple or list, torch.save), instead of the table's inputs;
    // empty goes back to the table. The Compare mode's counterexample comes in this way.
    void setInputsFile(const QString& file);
    QString inputsFile() const { return m_inputsFile; }
    // Starts a run from the widgets; false (with the reason shown) when they do not describe one.
    bool run();
    QString statusText() const;
    // The loaded model's facts, for a first input guessed from its first layer (inputguess.h)
    // when forward's first tensor has none.
    void setModelInfo(const ModelInfoPtr& info);
    // The first input is still the guess (the Run tab says so).
    bool isInputGuessed() const;
    // The method runs call: empty for forward, else the one picked.
    QString method() const;

private:
    QWidget* createInputsArea();
    QWidget* createMethodRow();
    void fillMethods();
    void showMethod();
    QWidget* createSettingsRow();
    void chooseFileForArgument();
    void chooseInputsFile();
    void clearInputsFile();
    void fitInputsView();
    void onModelReady();
    void applyInputGuess();
    void setDevices(const QStringList& devices);
    void onStateChanged();
    void onRunAvailable(const RunResultPtr& result);
    void onProgress(const QString& text, int done, int total);
    void saveSettings() const;
    void restoreSettings();

    RunController* m_controller;
    InputsModel* m_inputs;
    MessageBanner* m_banner;
    QWidget* m_methodRow = nullptr;
    QComboBox* m_method = nullptr; // empty while the model has forward
    QLabel* m_signature = nullptr;
    QTableView* m_inputsView = nullptr;
    QPushButton* m_chooseFile = nullptr;
    QPushButton* m_chooseInputsFile = nullptr;
    QLabel* m_inputsFileLabel = nullptr;
    QToolButton* m_clearInputsFile = nullptr;
    QString m_inputsFile;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_repeat = nullptr;
    QSpinBox* m_warmup = nullptr;
    QSpinBox* m_threads = nullptr;
    QComboBox* m_device = nullptr;
    QCheckBox* m_training = nullptr;
    QCheckBox* m_grad = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QAction* m_runAction;
    QAction* m_cancelAction;
    OutputsPanel* m_outputs;
    ModelInfoPtr m_info;
    QLabel* m_guessLabel = nullptr;
    QString m_guessedSpec; // what applyInputGuess put in the first row; empty when nothing
};
