#include "run/tensordetailview.h"

#include "run/outputtext.h"
#include "run/tensorhistogram.h"
#include "run/tensorvaluesmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <ptscope/common/format.h>

namespace {

QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace

TensorDetailView::TensorDetailView(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_values(new TensorValuesModel(this)), m_histogram(new TensorHistogram(this))
{
    m_summary->setObjectName(QStringLiteral("tensorSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tabs->setObjectName(QStringLiteral("tensorTabs"));
    m_tabs->addTab(createValuesTab(), tr("Values"));
    m_tabs->addTab(m_histogram, tr("Histogram"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);

    connect(m_values, &TensorValuesModel::pageChanged, this, &TensorDetailView::updatePageControls);
    clear();
}

QWidget* TensorDetailView::createValuesTab()
{
    auto* tab = new QWidget(this);
    m_table = new QTableView(tab);
    m_table->setObjectName(QStringLiteral("valuesTable"));
    m_table->setModel(m_values);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Fixed row heights keep a 10,000-row page cheap to lay out.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setDefaultSectionSize(90);

    m_valuesNote = new QLabel(tab);
    m_valuesNote->setObjectName(QStringLiteral("valuesNote"));
    m_valuesNote->setAlignment(Qt::AlignCenter);
    m_valuesNote->setWordWrap(true);
    m_valuesStack = new QStackedWidget(tab);
    m_valuesStack->addWidget(m_table);
    m_valuesStack->addWidget(m_valuesNote);

    m_pageBar = new QWidget(tab);
    m_previous = new QToolButton(m_pageBar);
    m_previous->setObjectName(QStringLiteral("previousPage"));
    m_previous->setArrowType(Qt::LeftArrow);
    m_previous->setToolTip(tr("Previous page"));
    m_next = new QToolButton(m_pageBar);
    m_next->setObjectName(QStringLiteral("nextPage"));
    m_next->setArrowType(Qt::RightArrow);
    m_next->setToolTip(tr("Next page"));
    m_page = new QSpinBox(m_pageBar);
    m_page->setObjectName(QStringLiteral("pageSpin"));
    m_page->setKeyboardTracking(false);
    m_pageLabel = new QLabel(m_pageBar);
    auto* pageLayout = new QHBoxLayout(m_pageBar);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(new QLabel(tr("Page"), m_pageBar));
    pageLayout->addWidget(m_previous);
    pageLayout->addWidget(m_page);
    pageLayout->addWidget(m_next);
    pageLayout->addWidget(m_pageLabel, 1);
    connect(m_previous, &QToolButton::clicked, this, [this] { m_values->setPage(m_values->page() - 1); });
    connect(m_next, &QToolButton::clicked, this, [this] { m_values->setPage(m_values->page() + 1); });
    connect(m_page, qOverload<int>(&QSpinBox::valueChanged), this,
            [this](int page) { m_values->setPage(page - 1); });

    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_pageBar);
    layout->addWidget(m_valuesStack, 1);
    return tab;
}

void TensorDetailView::setOutput(const ptscope::OutputInfo& output)
{
    m_output = output;
    const ptscope::TensorStats& s = output.tensor;
    QString nonFinite = tr("NaN %1 · Inf %2").arg(s.nan).arg(s.inf);
    if (s.nan > 0 || s.inf > 0)
        nonFinite = QStringLiteral("<span style='color:#c81e1e'><b>%1</b></span>").arg(nonFinite);
    QString stats = s.dtype.rfind("complex", 0) == 0
                        ? tr("no statistics for complex values")
                        : tr("min %1 · max %2 · mean %3 · std %4")
                              .arg(OutputText::statistic(s.min), OutputText::statistic(s.max),
                                   OutputText::statistic(s.mean), OutputText::statistic(s.std));
    m_summary->setText((s.numel == 1 ? tr("<b>%1</b> &nbsp;%2 %3 · %4 element<br>%5 · %6")
                                     : tr("<b>%1</b> &nbsp;%2 %3 · %4 elements<br>%5 · %6"))
                           .arg(qs(output.path).toHtmlEscaped(), qs(s.dtype), OutputText::shape(s),
                                qs(ptscope::formatCount(s.numel)), stats, nonFinite));
    m_values->clear();
    m_histogram->clear();
    m_valuesNote->setText(tr("Reading the values…"));
    m_valuesStack->setCurrentWidget(m_valuesNote);
    updatePageControls();
}

void TensorDetailView::setValues(TensorValuesPtr values, const Histogram& histogram)
{
    QString dtype = qs(m_output.tensor.dtype);
    // The worker writes bfloat16 as float32, which numpy reads; say so beside the values.
    if (values && values->dtype() != m_output.tensor.dtype)
        m_summary->setText(
            m_summary->text() +
            tr("<br><small>Values stored as %1 in the .npy file.</small>").arg(qs(values->dtype())));
    m_values->setValues(std::move(values));
    m_histogram->setHistogram(histogram, dtype);
    if (m_values->rowCount() == 0) {
        m_valuesNote->setText(tr("The tensor has no elements."));
        m_valuesStack->setCurrentWidget(m_valuesNote);
    } else {
        m_valuesStack->setCurrentWidget(m_table);
    }
}

void TensorDetailView::setError(const QString& message)
{
    m_values->clear();
    m_histogram->clear();
    m_valuesNote->setText(message);
    m_valuesStack->setCurrentWidget(m_valuesNote);
}

void TensorDetailView::clear()
{
    m_output = {};
    m_summary->clear();
    m_values->clear();
    m_histogram->clear();
    m_valuesNote->clear();
    m_valuesStack->setCurrentWidget(m_valuesNote);
}

void TensorDetailView::updatePageControls()
{
    const int pages = m_values->pageCount();
    m_pageBar->setVisible(pages > 1);
    const QSignalBlocker block(m_page);
    m_page->setRange(1, pages);
    m_page->setValue(m_values->page() + 1);
    m_previous->setEnabled(m_values->page() > 0);
    m_next->setEnabled(m_values->page() + 1 < pages);
    const int64_t first = m_values->firstRowOfPage();
    m_pageLabel->setText(tr("of %1 · rows %2–%3 of %4")
                             .arg(pages)
                             .arg(qs(ptscope::formatCount(first)))
                             .arg(qs(ptscope::formatCount(first + m_values->rowCount() - 1)))
                             .arg(qs(ptscope::formatCount(m_values->totalRows()))));
}
