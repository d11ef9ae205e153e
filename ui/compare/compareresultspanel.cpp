#include "compare/compareresultspanel.h"

#include "compare/compareformat.h"
#include "compare/compareinputsmodel.h"
#include "compare/compareoutputsmodel.h"
#include "compare/compareverdictbanner.h"
#include "compare/diffhistogramchart.h"
#include "compare/divergenceview.h"
#include "compare/searchsummaryview.h"
#include "run/messagebanner.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

CompareResultsPanel::CompareResultsPanel(QWidget* parent)
    : QWidget(parent), m_message(new MessageBanner(this)), m_verdict(new CompareVerdictBanner(this)),
      m_progress(new QProgressBar(this)), m_progressText(new QLabel(this)), m_inputs(new CompareInputsModel(this)),
      m_outputs(new CompareOutputsModel(this)), m_outputsNote(new QLabel(this)),
      m_histogram(new DiffHistogramChart(this)), m_divergence(new DivergenceView(this)),
      m_search(new SearchSummaryView(this))
{
    setObjectName(QStringLiteral("compareResults"));
    m_progress->setObjectName(QStringLiteral("compareProgress"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    m_progressText->setObjectName(QStringLiteral("compareProgressText"));
    m_progressText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_outputsNote->setObjectName(QStringLiteral("compareOutputsNote"));
    m_outputsNote->setWordWrap(true);
    m_outputsNote->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_outputsNote->hide();
    m_histogram->setMinimumHeight(190);

    m_inputsView = createTable(QStringLiteral("compareInputsView"));
    m_inputsView->setModel(m_inputs);
    m_inputsView->horizontalHeader()->setSectionResizeMode(CompareInputsModel::Input, QHeaderView::Stretch);
    m_outputsView = createTable(QStringLiteral("compareOutputsView"));
    m_outputsView->setModel(m_outputs);
    m_outputsView->horizontalHeader()->setSectionResizeMode(CompareOutputsModel::Shapes, QHeaderView::Stretch);
    connect(m_inputsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CompareResultsPanel::onInputChanged);
    connect(m_outputsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CompareResultsPanel::onOutputChanged);

    auto* outputs = new QWidget(this);
    auto* outputsLayout = new QVBoxLayout(outputs);
    outputsLayout->setContentsMargins(0, 0, 0, 0);
    outputsLayout->addWidget(m_outputsView);
    outputsLayout->addWidget(m_outputsNote);
    outputsLayout->addWidget(m_histogram);

    // The sections scroll together; the verdict and the progress stay in sight above them.
    auto* content = new QWidget(this);
    auto* sections = new QVBoxLayout(content);
    sections->setContentsMargins(0, 0, 4, 0);
    sections->addWidget(section(tr("Inputs"), m_inputsView));
    sections->addWidget(section(tr("Outputs"), outputs));
    sections->addWidget(section(tr("Where they part"), m_divergence));
    sections->addWidget(section(tr("Search"), m_search));
    sections->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("compareResultsScroll"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_progressText, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_verdict);
    layout->addLayout(progressRow);
    layout->addWidget(scroll, 1);

    connect(m_divergence, &DivergenceView::focusNodes, this, &CompareResultsPanel::focusNodes);
    connect(m_divergence, &DivergenceView::showSource, this, &CompareResultsPanel::showSource);
    connect(m_search, &SearchSummaryView::runRequested, this, &CompareResultsPanel::runCounterexampleRequested);
    setBusy(false);
    fitTables();
}

QWidget* CompareResultsPanel::section(const QString& title, QWidget* content)
{
    auto* box = new QGroupBox(title, this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 4, 6, 6);
    layout->addWidget(content);
    return box;
}

QTableView* CompareResultsPanel::createTable(const QString& name)
{
    auto* view = new QTableView(this);
    view->setObjectName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    // The text column stretches (set by the caller); the numbers take what they need.
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->setTextElideMode(Qt::ElideMiddle);
    return view;
}

void CompareResultsPanel::fitTables()
{
    // As tall as their rows, up to a few (they scroll past that): the histogram and the reasons
    // below deserve the room.
    const auto fit = [](QTableView* view, int rows, int most) {
        view->setFixedHeight(view->horizontalHeader()->sizeHint().height() +
                             std::clamp(rows, 1, most) * view->verticalHeader()->defaultSectionSize() +
                             2 * view->frameWidth());
    };
    fit(m_inputsView, m_inputs->rowCount(), 4);
    fit(m_outputsView, m_outputs->rowCount(), 6);
}

void CompareResultsPanel::setReport(const CompareReportPtr& report)
{
    m_report = report;
    m_message->hide();
    m_verdict->setReport(report);
    m_inputs->setReport(report);
    fitTables();
    m_divergence->setReport(report);
    m_search->setReport(report);
    m_outputs->clear();
    m_histogram->clear();
    m_outputsNote->hide();
    if (report)
        selectInput(m_inputs->defaultRow());
}

void CompareResultsPanel::clear()
{
    setReport(nullptr);
    m_verdict->setNeutral(tr("No comparison yet"), tr("Choose a second model or saved outputs above, then Compare."));
    m_divergence->clear();
    m_search->clear();
}

void CompareResultsPanel::selectInput(int row)
{
    if (row < 0 || row >= m_inputs->rowCount())
        return;
    m_inputsView->setCurrentIndex(m_inputs->index(row, 0));
    onInputChanged(); // also when the row was current already
}

void CompareResultsPanel::selectOutput(int row)
{
    if (row < 0 || row >= m_outputs->rowCount())
        return;
    m_outputsView->setCurrentIndex(m_outputs->index(row, 0));
    onOutputChanged();
}

void CompareResultsPanel::onInputChanged()
{
    const ptscope::InputDiff* input = m_inputs->inputAt(m_inputsView->currentIndex().row());
    m_outputs->setOutputs(input ? input->outputs : std::vector<ptscope::OutputDiff>());
    fitTables();
    m_histogram->clear();
    QStringList raised;
    if (input && !input->errorA.empty())
        raised << tr("A raised: %1").arg(QString::fromStdString(input->errorA));
    if (input && !input->errorB.empty())
        raised << tr("B raised: %1").arg(QString::fromStdString(input->errorB));
    m_outputsNote->setText(raised.join(QLatin1Char('\n')));
    m_outputsNote->setVisible(!raised.isEmpty());
    selectOutput(m_outputs->firstMismatch());
}

void CompareResultsPanel::onOutputChanged()
{
    const int row = m_outputsView->currentIndex().row();
    if (row < 0 || row >= m_outputs->rowCount()) {
        m_histogram->clear();
        return;
    }
    m_histogram->setOutput(m_outputs->output(row));
}

void CompareResultsPanel::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_progressText->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0);
        m_message->hide();
        m_verdict->setNeutral(tr("Comparing…"), m_report ? tr("Below: the previous comparison, until this one is in.")
                                                          : QString());
    } else if (m_report) {
        m_verdict->setReport(m_report);
    }
}

void CompareResultsPanel::setProgress(const QString& text, int done, int total)
{
    m_progressText->setText(text);
    m_progressText->setToolTip(text);
    if (total > 0) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    } else {
        m_progress->setRange(0, 0);
    }
}

QString CompareResultsPanel::progressText() const
{
    return m_progressText->text();
}

void CompareResultsPanel::showError(const QString& message, const QString& detail)
{
    m_message->showError(message, detail);
    if (!m_report)
        m_verdict->setNeutral(tr("No verdict"), tr("The comparison did not finish."));
}

void CompareResultsPanel::showInfo(const QString& message)
{
    m_message->showInfo(message);
}

void CompareResultsPanel::setCounterexampleFile(const QString& file)
{
    m_search->setCounterexampleFile(file);
}
