#include "compare/comparesettingsbar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace {

QLineEdit* toleranceEdit(const QString& name, const QString& tip, QWidget* parent)
{
    auto* edit = new QLineEdit(QStringLiteral("1e-05"), parent);
    edit->setObjectName(name);
    edit->setToolTip(tip);
    auto* validator = new QDoubleValidator(0, 1e300, 20, edit);
    validator->setNotation(QDoubleValidator::ScientificNotation);
    validator->setLocale(QLocale::c()); // 1e-05 reads the same everywhere
    edit->setValidator(validator);
    edit->setMaximumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("0.000001")) + 16);
    return edit;
}

QLabel* buddyLabel(const QString& text, QWidget* buddy, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

CompareSettingsBar::CompareSettingsBar(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("compareSettings"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addWidget(createFirstRow());
    layout->addWidget(createSecondRow());
    updateEnabled();
}

QWidget* CompareSettingsBar::createFirstRow()
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_kind = new QComboBox(row);
    m_kind->setObjectName(QStringLiteral("compareKind"));
    m_kind->addItem(tr("Second model"));
    m_kind->addItem(tr("Saved outputs"));
    m_kind->setToolTip(tr("Compare with another TorchScript archive, or with outputs saved before "
                          "(a .pt or .npy of forward's outputs, or a folder of them)"));
    m_path = new QLineEdit(row);
    m_path->setObjectName(QStringLiteral("comparePath"));
    m_path->setReadOnly(true);
    m_path->setPlaceholderText(tr("Choose a file…"));
    m_choose = new QPushButton(tr("&Choose…"), row);
    m_choose->setObjectName(QStringLiteral("compareChoose"));
    connect(m_choose, &QPushButton::clicked, this, &CompareSettingsBar::chooseOther);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this]() {
        m_path->clear();
        updateEnabled();
    });

    m_inputs = new QLineEdit(row);
    m_inputs->setObjectName(QStringLiteral("compareInputs"));
    m_inputs->setPlaceholderText(tr("the Run tab's inputs"));
    m_inputs->setToolTip(tr("<p>One input spec per forward argument, separated by spaces, as in the Run tab: "
                            "<tt>float32[1,3,224,224]:randn</tt>, <tt>@/path/x.npy</tt>, <tt>int:3</tt>, "
                            "<tt>none</tt>. Empty: the Run tab's inputs.</p>"));
    connect(m_inputs, &QLineEdit::textChanged, this, &CompareSettingsBar::updateEnabled);

    layout->addWidget(buddyLabel(tr("Compare &with"), m_kind, row));
    layout->addWidget(m_kind);
    layout->addWidget(m_path, 2);
    layout->addWidget(m_choose);
    layout->addSpacing(12);
    layout->addWidget(buddyLabel(tr("&Inputs"), m_inputs, row));
    layout->addWidget(m_inputs, 3);
    return row;
}

QWidget* CompareSettingsBar::createSecondRow()
{
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_trials = new QSpinBox(row);
    m_trials->setObjectName(QStringLiteral("compareTrials"));
    m_trials->setRange(1, 10000);
    m_trials->setToolTip(tr("Generated inputs are made this many times, with seeds 0, 1, 2…"));
    m_atol = toleranceEdit(QStringLiteral("compareAtol"), tr("Absolute tolerance: |a − b| ≤ atol + rtol × |b|"), row);
    m_rtol = toleranceEdit(QStringLiteral("compareRtol"), tr("Relative tolerance: |a − b| ≤ atol + rtol × |b|"), row);
    m_perNode = new QCheckBox(tr("&Per node"), row);
    m_perNode->setObjectName(QStringLiteral("comparePerNode"));
    m_perNode->setChecked(true);
    m_perNode->setToolTip(tr("Run both inlined graphs node by node on the worst input (or the counterexample) "
                             "and name the first node whose output differs"));
    m_search = new QCheckBox(tr("&Search"), row);
    m_search->setObjectName(QStringLiteral("compareSearch"));
    m_search->setToolTip(tr("Look for an input on which the two models disagree, starting from the inputs "
                            "given: other values, then other sizes"));
    m_budget = new QSpinBox(row);
    m_budget->setObjectName(QStringLiteral("compareBudget"));
    m_budget->setRange(1, 1000000);
    m_budget->setValue(200);
    m_budget->setSuffix(tr(" trials"));
    m_budget->setToolTip(tr("The search calls both models at most this many times"));
    m_seconds = new QDoubleSpinBox(row);
    m_seconds->setObjectName(QStringLiteral("compareSeconds"));
    m_seconds->setRange(0.1, 24 * 3600);
    m_seconds->setDecimals(1);
    m_seconds->setValue(60);
    m_seconds->setSuffix(tr(" s"));
    m_seconds->setToolTip(tr("The search stops after this long"));
    connect(m_search, &QCheckBox::toggled, this, &CompareSettingsBar::updateEnabled);

    m_compare = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Compare"), row);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setDefault(true);
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Cancel"), row);
    m_cancel->setObjectName(QStringLiteral("compareCancelButton"));
    connect(m_compare, &QPushButton::clicked, this, &CompareSettingsBar::compareRequested);
    connect(m_cancel, &QPushButton::clicked, this, &CompareSettingsBar::cancelRequested);

    layout->addWidget(buddyLabel(tr("&Trials"), m_trials, row));
    layout->addWidget(m_trials);
    layout->addWidget(buddyLabel(tr("&atol"), m_atol, row));
    layout->addWidget(m_atol);
    layout->addWidget(buddyLabel(tr("&rtol"), m_rtol, row));
    layout->addWidget(m_rtol);
    layout->addSpacing(8);
    layout->addWidget(m_perNode);
    layout->addWidget(m_search);
    layout->addWidget(m_budget);
    layout->addWidget(m_seconds);
    layout->addStretch(1);
    layout->addWidget(m_compare);
    layout->addWidget(m_cancel);
    return row;
}

void CompareSettingsBar::chooseOther()
{
    const bool model = otherKind() == Other::Model;
    const QString start = m_path->text().isEmpty() ? QString() : QFileInfo(m_path->text()).absolutePath();
    const QString path =
        model ? QFileDialog::getOpenFileName(this, tr("Compare With Model"), start,
                                             tr("TorchScript (*.pt *.pth *.ptl *.zip);;All files (*)"))
              : QFileDialog::getOpenFileName(this, tr("Compare With Saved Outputs"), start,
                                             tr("Saved outputs (*.pt *.pth *.npy);;All files (*)"));
    if (path.isEmpty())
        return;
    setOther(otherKind(), path);
    emit otherChosen(otherKind(), path);
}

void CompareSettingsBar::setOther(Other kind, const QString& path)
{
    {
        const QSignalBlocker block(m_kind);
        m_kind->setCurrentIndex(kind == Other::Model ? 0 : 1);
    }
    m_path->setText(path);
    m_path->setToolTip(path);
    updateEnabled();
}

CompareSettingsBar::Other CompareSettingsBar::otherKind() const
{
    return m_kind->currentIndex() == 0 ? Other::Model : Other::Reference;
}

QString CompareSettingsBar::otherPath() const
{
    return m_path->text();
}

void CompareSettingsBar::offerInputs(const QStringList& specs, const QString& inputsFile)
{
    m_inputs->setPlaceholderText(inputsFile.isEmpty()
                                     ? tr("the Run tab's inputs")
                                     : tr("the Run tab's inputs: all from %1").arg(QFileInfo(inputsFile).fileName()));
    if (!m_inputs->isModified())
        setInputs(inputsFile.isEmpty() ? specs : QStringList());
}

void CompareSettingsBar::setInputs(const QStringList& specs)
{
    QStringList given = specs;
    while (!given.isEmpty() && given.last().isEmpty())
        given.removeLast();
    m_inputs->setText(given.join(QLatin1Char(' ')));
    m_inputs->setModified(false);
}

QStringList CompareSettingsBar::inputs() const
{
    return m_inputs->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

CompareSettings CompareSettingsBar::settings() const
{
    CompareSettings s;
    (otherKind() == Other::Model ? s.modelB : s.reference) = m_path->text();
    s.trials = m_trials->value();
    s.atol = QLocale::c().toDouble(m_atol->text());
    s.rtol = QLocale::c().toDouble(m_rtol->text());
    const bool model = otherKind() == Other::Model;
    s.perNode = model && m_perNode->isChecked();
    s.search = model && m_search->isChecked();
    s.searchBudget = m_budget->value();
    s.searchSeconds = m_seconds->value();
    return s;
}

void CompareSettingsBar::setComparing(bool comparing)
{
    m_comparing = comparing;
    updateEnabled();
}

void CompareSettingsBar::setCanCompare(bool can)
{
    m_canCompare = can;
    updateEnabled();
}

void CompareSettingsBar::updateEnabled()
{
    // Saved outputs belong to the inputs they were made from: no trials, search or nodes.
    const bool model = otherKind() == Other::Model;
    for (QWidget* w : std::initializer_list<QWidget*>{m_kind, m_choose, m_inputs, m_atol, m_rtol})
        w->setEnabled(!m_comparing);
    m_trials->setEnabled(!m_comparing && model);
    m_perNode->setEnabled(!m_comparing && model);
    m_search->setEnabled(!m_comparing && model);
    m_budget->setEnabled(!m_comparing && model && m_search->isChecked());
    m_seconds->setEnabled(!m_comparing && model && m_search->isChecked());
    m_compare->setEnabled(!m_comparing && m_canCompare && !m_path->text().isEmpty());
    m_cancel->setEnabled(m_comparing);
}
