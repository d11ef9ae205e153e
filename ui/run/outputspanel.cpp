#include "run/outputspanel.h"

#include "run/outputexport.h"
#include "run/outputtext.h"
#include "run/outputtreemodel.h"
#include "run/tensordetailview.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>
#include <utility>

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

OutputsPanel::OutputsPanel(QWidget* parent)
    : QWidget(parent), m_reads(new JobRunner(this)), m_exports(new JobRunner(this)),
      m_model(new OutputTreeModel(this))
{
    auto* toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("outputsToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_sampleBar = new QWidget(toolbar);
    m_samples = new QComboBox(m_sampleBar);
    m_samples->setObjectName(QStringLiteral("sampleSelector"));
    m_samples->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* sampleLayout = new QHBoxLayout(m_sampleBar);
    sampleLayout->setContentsMargins(0, 0, 8, 0);
    sampleLayout->addWidget(new QLabel(tr("Sample:"), m_sampleBar));
    sampleLayout->addWidget(m_samples);
    // A widget in a tool bar is shown and hidden through its action.
    m_sampleAction = toolbar->addWidget(m_sampleBar);
    m_saveOutputs = toolbar->addAction(tr("Save Outputs as .pt…"), this, &OutputsPanel::askSaveOutputs);
    m_saveOutputs->setToolTip(tr("Forward's return value, as Python's torch.load reads it"));
    m_saveTensor = toolbar->addAction(tr("Save Tensor as .npy…"), this, &OutputsPanel::askSaveTensor);
    m_saveAllTensors =
        toolbar->addAction(tr("Save All Tensors as .npy…"), this, &OutputsPanel::askSaveAllTensors);
    m_saveAllTensors->setToolTip(tr("One .npy file per tensor output, named after its path"));

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("outputsTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(false);

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_textPage = new QWidget(this);
    m_textHeader = new QLabel(m_textPage);
    m_textHeader->setTextFormat(Qt::RichText);
    m_textHeader->setWordWrap(true);
    m_text = new QPlainTextEdit(m_textPage);
    m_text->setObjectName(QStringLiteral("outputText"));
    m_text->setReadOnly(true);
    auto* textLayout = new QVBoxLayout(m_textPage);
    textLayout->setContentsMargins(0, 0, 0, 0);
    textLayout->addWidget(m_textHeader);
    textLayout->addWidget(m_text, 1);
    m_tensorView = new TensorDetailView(this);

    m_detail = new QStackedWidget(this);
    m_detail->setObjectName(QStringLiteral("outputDetail"));
    m_detail->addWidget(m_placeholder);
    m_detail->addWidget(m_textPage);
    m_detail->addWidget(m_tensorView);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("outputsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_detail);
    splitter->setSizes({560, 640});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &OutputsPanel::onCurrentChanged);
    connect(this, &OutputsPanel::exportFinished, this, &OutputsPanel::reportExport);
    connect(m_samples, qOverload<int>(&QComboBox::currentIndexChanged), this, &OutputsPanel::setSample);
    clear();
}

TensorValuesModel* OutputsPanel::valuesModel() const
{
    return m_tensorView->valuesModel();
}

TensorHistogram* OutputsPanel::histogram() const
{
    return m_tensorView->histogram();
}

void OutputsPanel::setResult(const RunResultPtr& result)
{
    m_result = result;
    {
        const QSignalBlocker block(m_samples);
        m_samples->clear();
        if (m_result) {
            for (size_t i = 0; i < m_result->samples.size(); ++i) {
                const std::string& name = m_result->samples[i].name;
                m_samples->addItem(name.empty() ? tr("Sample %1").arg(i + 1) : qs(name));
            }
        }
    }
    m_sampleAction->setVisible(m_result && m_result->samples.size() > 1);
    m_sample = -1;
    setSample(0);
}

bool OutputsPanel::isSampleSelectorShown() const
{
    return m_sampleAction->isVisible();
}

void OutputsPanel::clear()
{
    setResult(nullptr);
}

void OutputsPanel::setSample(int sample)
{
    if (sample == m_sample)
        return;
    // Keep the same output selected across samples when it exists there too: comparing one
    // output over a batch is the usual reason to switch.
    const QString path = currentPath();
    m_sample = sample;
    {
        const QSignalBlocker block(m_samples);
        m_samples->setCurrentIndex(sample);
    }
    m_model->setResult(m_result, sample);
    m_tree->expandAll();
    for (int column = 0; column < m_model->columnCount(); ++column)
        m_tree->resizeColumnToContents(column);
    m_current = -1;
    if ((path.isEmpty() || !selectOutput(path)) && !selectOnlyOutput())
        showOutput(-1);
    updateActions();
}

bool OutputsPanel::selectOutput(const QString& path)
{
    const QModelIndex index = m_model->indexOfPath(path);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    onCurrentChanged(); // in case the view thought it current already
    return true;
}

bool OutputsPanel::selectOnlyOutput()
{
    // One tensor or value (inside containers or not): show it rather than an empty half.
    int only = -1;
    const std::vector<ptscope::OutputInfo>& outputs = m_model->outputs();
    for (size_t i = 0; i < outputs.size(); ++i) {
        if (OutputText::isContainer(outputs[i].kind))
            continue;
        if (only >= 0)
            return false;
        only = static_cast<int>(i);
    }
    return only >= 0 && selectOutput(qs(outputs[static_cast<size_t>(only)].path));
}

QString OutputsPanel::currentPath() const
{
    if (m_current < 0 || m_current >= static_cast<int>(m_model->outputs().size()))
        return {};
    return qs(m_model->outputs()[static_cast<size_t>(m_current)].path);
}

void OutputsPanel::onCurrentChanged()
{
    const QModelIndex index = m_tree->currentIndex();
    const int output = index.isValid() ? index.data(OutputTreeModel::OutputIndexRole).toInt() : -1;
    if (output == m_current)
        return;
    showOutput(output);
}

void OutputsPanel::showOutput(int index)
{
    m_reads->cancel(m_readJob);
    m_readJob = 0;
    m_current = index;
    m_currentValues.reset();
    updateActions();
    if (index < 0) {
        m_placeholder->setText(m_result ? tr("Select an output.") : tr("No run yet."));
        m_detail->setCurrentWidget(m_placeholder);
        m_tensorView->clear();
        emit currentOutputChanged({});
        return;
    }
    const ptscope::OutputInfo& output = m_model->outputs()[static_cast<size_t>(index)];
    emit currentOutputChanged(qs(output.path));
    if (output.kind != ptscope::OutputInfo::Kind::Tensor) {
        m_textHeader->setText(
            tr("<b>%1</b> &nbsp;%2")
                .arg(qs(output.path).toHtmlEscaped(), OutputText::type(output).toHtmlEscaped()));
        m_text->setPlainText(OutputText::value(output));
        m_detail->setCurrentWidget(m_textPage);
        return;
    }
    m_tensorView->setOutput(output);
    m_detail->setCurrentWidget(m_tensorView);
    startRead(index);
}

OutputsPanel::LoadedTensor OutputsPanel::loadTensor(const std::string& file)
{
    auto values = std::make_shared<const TensorValues>(TensorValues::read(file));
    const Histogram histogram = computeHistogram(*values);
    return {std::move(values), histogram};
}

void OutputsPanel::startRead(int index)
{
    const ptscope::OutputInfo& output = m_model->outputs()[static_cast<size_t>(index)];
    const QString path = qs(output.path);
    if (output.file.empty()) {
        m_tensorView->setError(tr("The run kept no values for this tensor."));
        emit tensorLoadFailed(path, tr("No file"));
        return;
    }
    const auto done = [this, index, path](const LoadedTensor& loaded) {
        m_readJob = 0;
        if (index != m_current)
            return;
        m_currentValues = loaded.values;
        m_tensorView->setValues(loaded.values, loaded.histogram);
        emit tensorLoaded(path);
    };
    const auto failed = [this, index, path](const JobFailure& failure) {
        m_readJob = 0;
        if (index != m_current)
            return;
        m_tensorView->setError(failure.message);
        emit tensorLoadFailed(path, failure.message);
    };
    // Small files are read at once, so clicking through outputs does not flash a "reading" note.
    if (QFileInfo(qs(output.file)).size() <= m_asyncReadBytes) {
        try {
            done(loadTensor(output.file));
        } catch (...) {
            failed(JobFailure::fromCurrentException());
        }
        return;
    }
    m_readJob = m_reads->start([file = output.file](JobContext&) { return loadTensor(file); }, done, failed);
}

void OutputsPanel::updateActions()
{
    const bool haveSaved = m_result && !m_result->savedOutputs.empty();
    m_saveOutputs->setEnabled(haveSaved);
    m_saveOutputs->setToolTip(haveSaved ? tr("Forward's return value, as Python's torch.load reads it")
                                        : tr("This run did not save its outputs"));
    const auto& outputs = m_model->outputs();
    const bool tensor = m_current >= 0 &&
                        outputs[static_cast<size_t>(m_current)].kind == ptscope::OutputInfo::Kind::Tensor &&
                        !outputs[static_cast<size_t>(m_current)].file.empty();
    m_saveTensor->setEnabled(tensor);
    m_saveAllTensors->setEnabled(!OutputExport::tensorFiles(outputs).isEmpty());
}

bool OutputsPanel::refuseProtected(const QString& target)
{
    if (!m_result || !OutputExport::isProtected(*m_result, target))
        return false;
    failExport(tr("%1 is a file this run read; ptscope does not write over its inputs.")
                   .arg(QDir::toNativeSeparators(target)));
    return true;
}

void OutputsPanel::failExport(const QString& message)
{
    // Queued, so that every save reports after it returns, whether it failed at once or in its job.
    QMetaObject::invokeMethod(
        this, [this, message] { emit exportFinished(false, message); }, Qt::QueuedConnection);
}

void OutputsPanel::startExport(const QString& what, std::function<void()> work)
{
    m_exports->start(
        [work = std::move(work)](JobContext&) {
            work();
            return true;
        },
        [this, what](bool) { emit exportFinished(true, tr("Saved %1.").arg(what)); },
        [this](const JobFailure& failure) { emit exportFinished(false, failure.message); });
}

void OutputsPanel::saveOutputsPt(const QString& file)
{
    if (!m_result || m_result->savedOutputs.empty()) {
        failExport(tr("This run did not save its outputs."));
        return;
    }
    if (refuseProtected(file))
        return;
    const QString source = qs(m_result->savedOutputs);
    // The job holds the result, and with it the run's temporary folder, until the copy is done.
    startExport(QDir::toNativeSeparators(file),
                [source, file, keep = m_result] { OutputExport::copyFile(source, file); });
}

void OutputsPanel::saveTensorNpy(const QString& file)
{
    if (m_current < 0 || m_model->outputs()[static_cast<size_t>(m_current)].file.empty()) {
        failExport(tr("No tensor is selected."));
        return;
    }
    if (refuseProtected(file))
        return;
    const QString source = qs(m_model->outputs()[static_cast<size_t>(m_current)].file);
    startExport(QDir::toNativeSeparators(file),
                [source, file, keep = m_result] { OutputExport::copyFile(source, file); });
}

void OutputsPanel::saveAllTensorsNpy(const QString& folder, bool overwrite)
{
    const QVector<OutputExport::TensorFile> files = OutputExport::tensorFiles(m_model->outputs());
    if (files.isEmpty()) {
        failExport(tr("This sample has no tensor outputs."));
        return;
    }
    for (const OutputExport::TensorFile& file : files) {
        if (refuseProtected(QDir(folder).filePath(file.name)))
            return;
    }
    startExport((files.size() == 1 ? tr("1 tensor in %1") : tr("%2 tensors in %1").arg(files.size()))
                    .arg(QDir::toNativeSeparators(folder)),
                [files, folder, overwrite, keep = m_result] {
                    OutputExport::exportTensors(files, folder, overwrite);
                });
}

QString OutputsPanel::startFolder() const
{
    if (!m_lastFolder.isEmpty())
        return m_lastFolder;
    return m_result ? QFileInfo(qs(m_result->model)).absolutePath() : QDir::homePath();
}

void OutputsPanel::askSaveOutputs()
{
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Save Outputs"), QDir(startFolder()).filePath(QStringLiteral("outputs.pt")),
        tr("PyTorch files (*.pt);;All files (*)"));
    if (file.isEmpty())
        return;
    m_lastFolder = QFileInfo(file).absolutePath();
    m_askedExport = true;
    saveOutputsPt(file);
}

void OutputsPanel::askSaveTensor()
{
    const auto files = OutputExport::tensorFiles({m_model->outputs()[static_cast<size_t>(m_current)]});
    const QString name = files.isEmpty() ? QStringLiteral("tensor.npy") : files.first().name;
    const QString file = QFileDialog::getSaveFileName(this, tr("Save Tensor %1").arg(currentPath()),
                                                      QDir(startFolder()).filePath(name),
                                                      tr("NumPy arrays (*.npy);;All files (*)"));
    if (file.isEmpty())
        return;
    m_lastFolder = QFileInfo(file).absolutePath();
    m_askedExport = true;
    saveTensorNpy(file);
}

void OutputsPanel::askSaveAllTensors()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Save All Tensors into Folder"), startFolder());
    if (folder.isEmpty())
        return;
    m_lastFolder = folder;
    const QStringList existing =
        OutputExport::existingNames(folder, OutputExport::tensorFiles(m_model->outputs()));
    bool overwrite = false;
    if (!existing.isEmpty()) {
        const QString names = existing.mid(0, 5).join(QStringLiteral(", ")) +
                              (existing.size() > 5 ? tr(" and %1 more").arg(existing.size() - 5) : QString());
        if (QMessageBox::question(
                this, tr("Replace Files?"),
                tr("%1 already holds %2. Replace them?").arg(QDir::toNativeSeparators(folder), names),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
            return;
        overwrite = true;
    }
    m_askedExport = true;
    saveAllTensorsNpy(folder, overwrite);
}

void OutputsPanel::reportExport(bool ok, const QString& message)
{
    // Only saves the user started from a dialog get a message box; callers of the save
    // functions (tests, other widgets) read exportFinished themselves.
    if (!std::exchange(m_askedExport, false) || ok)
        return;
    QMessageBox::warning(this, tr("Save Failed"), message);
}
