#include "run/runpanel.h"

#include "appsettings.h"
#include "controllers/runcontroller.h"
#include "worker/workerclient.h"
#include "run/inputguess.h"
#include "run/inputsmodel.h"
#include "run/messagebanner.h"
#include "run/outputspanel.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

namespace {

QString secondsText(double seconds)
{
    if (seconds < 1e-3)
        return RunPanel::tr("%1 µs").arg(seconds * 1e6, 0, 'f', 1);
    if (seconds < 1)
        return RunPanel::tr("%1 ms").arg(seconds * 1e3, 0, 'f', 2);
    return RunPanel::tr("%1 s").arg(seconds, 0, 'f', 3);
}

QString summaryOf(const ptscope::RunResult& result)
{
    QStringList parts;
    const qsizetype runs = qsizetype(result.seconds.size());
    parts.append(runs > 1
                     ? RunPanel::tr("median %1 over %2 runs").arg(secondsText(result.medianSeconds)).arg(runs)
                     : secondsText(result.medianSeconds));
    if (result.warmup > 0)
        parts.append(result.warmup == 1 ? RunPanel::tr("1 warm-up run")
                                        : RunPanel::tr("%1 warm-up runs").arg(result.warmup));
    if (result.batch)
        parts.append(RunPanel::tr("%1 samples").arg(result.samples.size()));
    parts.append(result.threads == 1 ? RunPanel::tr("1 thread")
                                     : RunPanel::tr("%1 threads").arg(result.threads));
    parts.append(QString::fromStdString(result.device));
    if (!result.blas.empty()) // "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ...": name and version say enough
        parts.append(
            QString::fromStdString(result.blas).section(QLatin1Char(' '), 0, 1).remove(QLatin1Char(',')));
    if (result.training)
        parts.append(RunPanel::tr("training mode"));
    if (result.grad)
        parts.append(RunPanel::tr("gradients on"));
    return RunPanel::tr("Done: %1").arg(parts.join(QStringLiteral(" · ")));
}

} // namespace

RunPanel::RunPanel(RunController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_inputs(new InputsModel(this)),
      m_banner(new MessageBanner(this)), m_runAction(new QAction(tr("&Run Model"), this)),
      m_cancelAction(new QAction(tr("Cancel Run"), this)), m_outputs(new OutputsPanel(this))
{
    setObjectName(QStringLiteral("runPanel"));
    m_runAction->setObjectName(QStringLiteral("runAction"));
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_cancelAction->setObjectName(QStringLiteral("cancelRunAction"));
    m_cancelAction->setIcon(style()->standardIcon(QStyle::SP_MediaStop));
    connect(m_runAction, &QAction::triggered, this, &RunPanel::run);
    connect(m_cancelAction, &QAction::triggered, m_controller, &RunController::cancel);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(createInputsArea());
    splitter->addWidget(m_outputs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);

    connect(m_controller, &RunController::modelReady, this, &RunPanel::onModelReady);
    connect(m_controller, &RunController::stateChanged, this, &RunPanel::onStateChanged);
    connect(m_controller, &RunController::runAvailable, this, &RunPanel::onRunAvailable);
    connect(m_controller, &RunController::progress, this, &RunPanel::onProgress);
    connect(m_controller, &RunController::failed, this,
            [this](const QString& message, const QString& detail) {
                m_banner->showError(message, detail);
                m_status->setText(tr("Run failed."));
            });
    connect(m_controller, &RunController::modelFailed, this,
            [this](const QString& message, const QString& detail) {
                m_banner->showError(tr("The model cannot be run: %1").arg(message), detail);
                m_signature->setText(tr("The worker could not open this model."));
            });
    connect(m_controller, &RunController::cancelled, this, [this]() {
        m_status->setText(tr("Run cancelled."));
        m_banner->showInfo(tr("The run was cancelled."));
    });
    connect(m_controller, &RunController::workerRestarted, this, [this](const QString& why) {
        m_banner->showInfo(tr("%1 A new worker has been started.").arg(why));
    });
    connect(m_inputs, &QAbstractItemModel::dataChanged, this, &RunPanel::onStateChanged);
    connect(m_inputs, &QAbstractItemModel::dataChanged, this,
            [this]() { m_guessLabel->setVisible(isInputGuessed()); });
    restoreSettings();
    fitInputsView();
    onStateChanged();
}

QWidget* RunPanel::createInputsArea()
{
    auto* box = new QGroupBox(tr("Inputs"), this);
    m_signature = new QLabel(tr("Open a model to run it."), box);
    m_signature->setObjectName(QStringLiteral("forwardSignature"));
    m_signature->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_signature->setWordWrap(true);

    m_inputsView = new QTableView(box);
    m_inputsView->setObjectName(QStringLiteral("inputsView"));
    m_inputsView->setModel(m_inputs);
    m_inputsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_inputsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_inputsView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                  QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_inputsView->verticalHeader()->hide();
    m_inputsView->verticalHeader()->setDefaultSectionSize(m_inputsView->fontMetrics().height() + 10);
    m_inputsView->setWordWrap(false);
    m_inputsView->setTextElideMode(Qt::ElideMiddle);
    m_inputsView->horizontalHeader()->setStretchLastSection(true);
    m_inputsView->setColumnWidth(InputsModel::Argument, 140);
    m_inputsView->setColumnWidth(InputsModel::Type, 200);
    m_inputsView->setToolTip(tr(
        "<p>One input per argument:</p><ul>"
        "<li><tt>float32[1,3,224,224]</tt> generated (<tt>:randn</tt> default, <tt>:rand</tt>, "
        "<tt>:zeros</tt>, "
        "<tt>:ones</tt>, <tt>:arange</tt> or a number)</li>"
        "<li><tt>@/path/x.npy</tt> or <tt>@/path/x.pt</tt> a file; a folder runs each file as a sample</li>"
        "<li><tt>int:3</tt>, <tt>float:0.5</tt>, <tt>bool:true</tt>, <tt>str:text</tt>, "
        "<tt>none</tt></li></ul>"));

    m_chooseFile = new QPushButton(tr("Input from File…"), box);
    m_chooseFile->setToolTip(tr("Use a .npy or .pt file for the selected argument"));
    m_chooseInputsFile = new QPushButton(tr("All Inputs from One .pt…"), box);
    m_chooseInputsFile->setToolTip(tr("A .pt holding a tuple or list with every argument (torch.save)"));
    m_inputsFileLabel = new QLabel(box);
    m_inputsFileLabel->setObjectName(QStringLiteral("inputsFileLabel"));
    m_clearInputsFile = new QToolButton(box);
    m_clearInputsFile->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_clearInputsFile->setToolTip(tr("Use the table's inputs again"));
    m_clearInputsFile->setAutoRaise(true);
    m_clearInputsFile->hide();
    connect(m_chooseFile, &QPushButton::clicked, this, &RunPanel::chooseFileForArgument);
    connect(m_chooseInputsFile, &QPushButton::clicked, this, &RunPanel::chooseInputsFile);
    connect(m_clearInputsFile, &QToolButton::clicked, this, &RunPanel::clearInputsFile);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_chooseFile);
    fileRow->addWidget(m_chooseInputsFile);
    fileRow->addWidget(m_inputsFileLabel, 1);
    fileRow->addWidget(m_clearInputsFile);

    m_runButton = new QPushButton(m_runAction->icon(), tr("Run"), box);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Run forward on these inputs (Ctrl+R)"));
    m_runButton->setDefault(true);
    m_cancelButton = new QPushButton(m_cancelAction->icon(), tr("Cancel"), box);
    m_cancelButton->setObjectName(QStringLiteral("cancelRunButton"));
    connect(m_runButton, &QPushButton::clicked, m_runAction, &QAction::trigger);
    connect(m_cancelButton, &QPushButton::clicked, m_cancelAction, &QAction::trigger);
    m_progress = new QProgressBar(box);
    m_progress->setObjectName(QStringLiteral("runProgress"));
    m_progress->setMaximumWidth(200);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_status = new QLabel(box);
    m_status->setObjectName(QStringLiteral("runStatus"));
    m_status->setSizePolicy(QSizePolicy::Ignored,
                            QSizePolicy::Preferred); // long summaries are cut, not widening
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_runButton);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress);
    runRow->addWidget(m_status, 1);

    auto* layout = new QVBoxLayout(box);
    m_guessLabel = new QLabel(box);
    m_guessLabel->setObjectName(QStringLiteral("inputGuess"));
    m_guessLabel->setWordWrap(true);
    m_guessLabel->setVisible(false);
    layout->addWidget(createMethodRow());
    layout->addWidget(m_signature);
    layout->addWidget(m_inputsView);
    layout->addWidget(m_guessLabel);
    layout->addLayout(fileRow);
    layout->addWidget(createSettingsRow());
    layout->addLayout(runRow);
    return box;
}

QWidget* RunPanel::createMethodRow()
{
    // Only for models without forward: the common case keeps its one signature line.
    m_methodRow = new QWidget(this);
    m_methodRow->setObjectName(QStringLiteral("methodRow"));
    m_method = new QComboBox(m_methodRow);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_method->setToolTip(tr("The method runs and profiles call in forward's place"));
    auto* label = new QLabel(tr("&Method"), m_methodRow);
    label->setBuddy(m_method);
    auto* note = new QLabel(
        tr("This model has no <tt>forward</tt>; runs and profiles call the method chosen."), m_methodRow);
    note->setWordWrap(true);
    auto* layout = new QHBoxLayout(m_methodRow);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_method);
    layout->addWidget(note, 1);
    m_methodRow->hide();
    connect(m_method, &QComboBox::currentIndexChanged, this, &RunPanel::showMethod);
    return m_methodRow;
}

QWidget* RunPanel::createSettingsRow()
{
    // Two lines, so the tab stays narrow enough for the docks beside it.
    auto* row = new QWidget(this);
    auto* rows = new QVBoxLayout(row);
    rows->setContentsMargins(0, 0, 0, 0);
    auto* layout = new QHBoxLayout;
    auto* second = new QHBoxLayout;
    rows->addLayout(layout);
    rows->addLayout(second);
    auto addSpin = [&](const QString& label, const QString& name, int min, int max, const QString& special,
                       const QString& tip) {
        auto* spin = new QSpinBox(row);
        spin->setObjectName(name);
        spin->setRange(min, max);
        spin->setSpecialValueText(special);
        spin->setToolTip(tip);
        auto* text = new QLabel(label, row);
        text->setBuddy(spin);
        layout->addWidget(text);
        layout->addWidget(spin);
        return spin;
    };
    m_seed = addSpin(tr("&Seed"), QStringLiteral("seedSpin"), 0, std::numeric_limits<int>::max(), {},
                     tr("torch.manual_seed before generated inputs are drawn"));
    m_repeat = addSpin(tr("Re&peats"), QStringLiteral("repeatSpin"), 1, 100000, {},
                       tr("Timed runs; the outputs shown come from the last"));
    m_warmup = addSpin(tr("&Warm-up"), QStringLiteral("warmupSpin"), -1, 1000, tr("auto"),
                       tr("Untimed runs first (auto: 2 when repeating, else none): a scripted model's first "
                          "runs are slower while the JIT profiles it"));
    m_threads = addSpin(tr("T&hreads"), QStringLiteral("threadsSpin"), 0, 1024, tr("default"),
                        tr("Intra-op threads (at::set_num_threads)"));
    m_warmup->setValue(-1);
    m_training = new QCheckBox(tr("&Training mode"), row);
    m_training->setObjectName(QStringLiteral("trainingCheck"));
    m_training->setToolTip(tr("Run in training mode (on a copy of the module) instead of eval()"));
    m_grad = new QCheckBox(tr("&Gradients"), row);
    m_grad->setObjectName(QStringLiteral("gradCheck"));
    m_grad->setToolTip(tr("Record gradients instead of running under torch.no_grad()"));
    m_device = new QComboBox(row);
    m_device->setObjectName(QStringLiteral("deviceCombo"));
    m_device->setToolTip(tr("Where the model runs; CUDA devices are listed when this LibTorch build has CUDA "
                            "and a GPU is present"));
    // The worker's LibTorch knows the devices; until a worker has said, the saved one stands.
    setDevices({QStringLiteral("cpu"), AppSettings::device()});
    connect(m_device, &QComboBox::currentTextChanged, this, [this](const QString& device) {
        AppSettings::setDevice(device);
        m_controller->setDevice(device);
    });
    auto* deviceLabel = new QLabel(tr("De&vice"), row);
    deviceLabel->setBuddy(m_device);
    layout->addStretch(1);
    second->addWidget(deviceLabel);
    second->addWidget(m_device);
    second->addWidget(m_training);
    second->addWidget(m_grad);
    second->addStretch(1);
    return row;
}

RunRequest RunPanel::request() const
{
    RunRequest request;
    request.method = method();
    if (m_inputsFile.isEmpty())
        request.inputs = m_inputs->specs();
    else
        request.inputsFile = m_inputsFile;
    request.seed = quint64(m_seed->value());
    request.repeat = m_repeat->value();
    request.warmup = m_warmup->value();
    request.threads = m_threads->value();
    request.training = m_training->isChecked();
    request.grad = m_grad->isChecked();
    return request;
}

bool RunPanel::run()
{
    if (m_controller->isRunning())
        return false;
    if (m_inputsFile.isEmpty() && m_controller->state() == RunController::State::Ready) {
        const QString problem = m_inputs->firstProblem();
        if (!problem.isEmpty()) {
            m_banner->showError(problem);
            return false;
        }
    }
    saveSettings();
    m_banner->hide();
    return m_controller->startRun(request());
}

QString RunPanel::statusText() const
{
    return m_status->text();
}

void RunPanel::chooseFileForArgument()
{
    const int row = m_inputsView->currentIndex().isValid() ? m_inputsView->currentIndex().row() : 0;
    if (row >= m_inputs->argumentCount())
        return;
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Input for %1").arg(QString::fromStdString(m_inputs->argument(row).name)), {},
        tr("Tensors (*.npy *.pt);;All Files (*)"));
    if (!file.isEmpty())
        m_inputs->setSpec(row, QLatin1Char('@') + file);
}

void RunPanel::chooseInputsFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("All Inputs"), {},
                                                      tr("PyTorch files (*.pt *.pth);;All Files (*)"));
    if (!file.isEmpty())
        setInputsFile(file);
}

void RunPanel::setInputsFile(const QString& file)
{
    m_inputsFile = file;
    m_inputsFileLabel->setText(file.isEmpty() ? QString() : tr("All inputs from %1").arg(QFileInfo(file).fileName()));
    m_inputsFileLabel->setToolTip(file);
    m_clearInputsFile->setVisible(!file.isEmpty());
    onStateChanged();
}

void RunPanel::clearInputsFile()
{
    setInputsFile({});
}

void RunPanel::setDevices(const QStringList& devices)
{
    const QSignalBlocker block(m_device);
    const QString current = m_device->count() ? m_device->currentText() : AppSettings::device();
    m_device->clear();
    for (const QString& device : devices)
        if (!device.isEmpty() && m_device->findText(device) < 0)
            m_device->addItem(device);
    const int index = m_device->findText(current);
    m_device->setCurrentIndex(index >= 0 ? index : 0);
}

void RunPanel::onModelReady()
{
    if (const WorkerClient* worker = m_controller->worker(); worker && !worker->devices().isEmpty())
        setDevices(worker->devices());
    fillMethods();
    showMethod();
}

void RunPanel::fillMethods()
{
    const QSignalBlocker block(m_method);
    m_method->clear();
    if (!m_controller->hasForward()) {
        for (const RunnableMethod& method : m_controller->methods()) {
            m_method->addItem(method.name);
            m_method->setItemData(m_method->count() - 1, method.signature, Qt::ToolTipRole);
        }
        // The method run last on this file, else the first (forward__0 of a scripted nn.LSTM).
        m_method->setCurrentIndex(
            std::max(0, m_method->findText(RunController::rememberedMethod(m_controller->modelPath()))));
    }
    m_methodRow->setVisible(m_method->count() > 0);
}

QString RunPanel::method() const
{
    return m_method->count() > 0 ? m_method->currentText() : QString();
}

void RunPanel::showMethod()
{
    const QString name = method();
    const RunnableMethod* chosen = m_controller->method(name);
    const QString path = m_controller->modelPath();
    m_inputs->setArguments(chosen ? chosen->arguments : std::vector<ptscope::ArgumentSpec>{},
                           RunController::rememberedInputs(path, name));
    applyInputGuess();
    fitInputsView();
    if (!chosen)
        m_signature->setText(tr("This model has no forward method to run."));
    else
        m_signature->setText(tr("<tt>%1</tt>").arg(chosen->signature.toHtmlEscaped()));
    onStateChanged();
}

void RunPanel::setModelInfo(const ModelInfoPtr& info)
{
    m_info = info;
    applyInputGuess();
}

void RunPanel::applyInputGuess()
{
    m_guessedSpec.clear();
    m_guessLabel->setVisible(false);
    // The facts and the worker's arguments must be of the same model, whichever arrived last.
    if (!m_info || m_inputs->argumentCount() == 0 ||
        QFileInfo(QString::fromStdString(m_info->archive.path)).canonicalFilePath() !=
            QFileInfo(m_controller->modelPath()).canonicalFilePath())
        return;
    const ptscope::ArgumentSpec& first = m_inputs->argument(0);
    if (first.kind != "tensor" || !m_inputs->specs().value(0).isEmpty())
        return;
    // The first layer says what forward takes, and so its overloads (forward__0, forward__1 of a
    // scripted nn.LSTM); other methods (check_input, permute_hidden...) may take anything.
    const QString name = method().isEmpty() ? QStringLiteral("forward") : method();
    if (name != QLatin1String("forward") && !name.startsWith(QLatin1String("forward__")))
        return;
    const InputGuess guess = guessFirstInput(*m_info);
    if (guess.spec.isEmpty())
        return;
    m_guessedSpec = guess.spec;
    m_inputs->setSpec(0, guess.spec);
    m_guessLabel->setText(tr("<i>Guessed:</i> <tt>%1</tt> for %2, %3. Change it if %4 expects another shape.")
                              .arg(guess.spec.toHtmlEscaped(),
                                   QString::fromStdString(first.name).toHtmlEscaped(),
                                   guess.reason.toHtmlEscaped(), name.toHtmlEscaped()));
    m_guessLabel->setVisible(true);
}

bool RunPanel::isInputGuessed() const
{
    return !m_guessedSpec.isEmpty() && m_inputs->specs().value(0) == m_guessedSpec;
}

void RunPanel::fitInputsView()
{
    // As tall as its rows, up to eight: the outputs below deserve the room.
    const int rows = std::clamp(m_inputs->argumentCount(), 1, 8);
    const int height = m_inputsView->horizontalHeader()->height() +
                       rows * m_inputsView->verticalHeader()->defaultSectionSize() +
                       2 * m_inputsView->frameWidth();
    m_inputsView->setFixedHeight(height);
}

void RunPanel::onStateChanged()
{
    const RunController::State state = m_controller->state();
    const bool running = state == RunController::State::Running;
    if (state == RunController::State::NoModel) {
        {
            const QSignalBlocker block(m_method);
            m_method->clear();
        }
        m_methodRow->hide();
        m_inputs->clear();
        m_outputs->clear();
        m_signature->setText(tr("Open a model to run it."));
        m_guessLabel->hide();
        m_status->clear();
        m_banner->hide();
    }
    const bool haveModel = state != RunController::State::NoModel;
    const bool usingFile = !m_inputsFile.isEmpty();
    const bool busy = state == RunController::State::Busy; // profiling
    if (busy)
        m_status->setText(tr("The worker is profiling the model; runs wait until it is done."));
    m_runAction->setEnabled(haveModel && !running && !busy &&
                            (usingFile || m_controller->hasForward() || !method().isEmpty() ||
                             state != RunController::State::Ready));
    m_cancelAction->setEnabled(running);
    m_runButton->setEnabled(m_runAction->isEnabled());
    m_cancelButton->setEnabled(running);
    m_inputsView->setEnabled(!running && !usingFile);
    m_chooseFile->setEnabled(!running && !usingFile && m_inputs->argumentCount() > 0);
    m_chooseInputsFile->setEnabled(!running && haveModel);
    m_device->setEnabled(!running);
    m_method->setEnabled(!running && !busy);
    m_progress->setVisible(running || state == RunController::State::Opening);
    if (!running && state != RunController::State::Opening)
        m_progress->setRange(0, 0);
    if (state == RunController::State::Ready &&
        (m_status->text().startsWith(tr("Starting")) || m_status->text().startsWith(tr("The worker is profiling"))))
        m_status->setText(tr("Ready."));
}

void RunPanel::onProgress(const QString& text, int done, int total)
{
    m_status->setText(text);
    if (total > 0) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    } else {
        m_progress->setRange(0, 0);
    }
}

void RunPanel::onRunAvailable(const RunResultPtr& result)
{
    m_status->setText(summaryOf(*result));
    m_status->setToolTip(QString::fromStdString(result->blas));
    m_outputs->setResult(result);
}

void RunPanel::saveSettings() const
{
    AppSettings::setRunSettings({{QStringLiteral("seed"), m_seed->value()},
                                 {QStringLiteral("repeat"), m_repeat->value()},
                                 {QStringLiteral("warmup"), m_warmup->value()},
                                 {QStringLiteral("threads"), m_threads->value()}});
}

void RunPanel::restoreSettings()
{
    // Training mode and gradients are not remembered: they change results, so each session
    // starts from the safe default.
    const QVariantMap settings = AppSettings::runSettings();
    m_seed->setValue(settings.value(QStringLiteral("seed"), 0).toInt());
    m_repeat->setValue(settings.value(QStringLiteral("repeat"), 1).toInt());
    m_warmup->setValue(settings.value(QStringLiteral("warmup"), -1).toInt());
    m_threads->setValue(settings.value(QStringLiteral("threads"), 0).toInt());
}
