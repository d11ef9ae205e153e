#include "profile/profilecontrols.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QVBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <algorithm>
#include <initializer_list>
#include <thread>

ProfileControls::ProfileControls(QWidget* parent)
    : QWidget(parent), m_variant(new QComboBox(this)), m_warmup(new QSpinBox(this)), m_runs(new QSpinBox(this)),
      m_threads(new QSpinBox(this)), m_speedup(new QCheckBox(tr("Speed-up report"), this)),
      m_profile(new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Profile"), this)),
      m_cancel(new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Cancel"), this)),
      m_progress(new QProgressBar(this)), m_status(new QLabel(this)), m_export(new QToolButton(this))
{
    m_variant->setObjectName(QStringLiteral("profileVariant"));
    // The ids are what the worker and ptscope-cli take; the text says what each one is.
    m_variant->addItem(tr("inlined"), QStringLiteral("inlined"));
    m_variant->addItem(tr("frozen"), QStringLiteral("frozen"));
    m_variant->addItem(tr("optimized"), QStringLiteral("optimized"));
    m_variant->addItem(tr("as-saved"), QStringLiteral("as-saved"));
    m_variant->setItemData(0, tr("Every method call inlined; each node keeps the module it came from"),
                           Qt::ToolTipRole);
    m_variant->setItemData(1, tr("torch.jit.freeze: attributes become constants, batch norms fold into "
                                 "convolutions"),
                           Qt::ToolTipRole);
    m_variant->setItemData(2, tr("torch.jit.optimize_for_inference on top of freezing"), Qt::ToolTipRole);
    m_variant->setItemData(3, tr("As saved: calls to submodules stay calls, timed as one node each"),
                           Qt::ToolTipRole);
    m_variant->setToolTip(tr("The graph the node executor runs node by node"));
    m_warmup->setObjectName(QStringLiteral("profileWarmup"));
    m_warmup->setRange(0, 1000);
    m_warmup->setToolTip(tr("Untimed runs first: the JIT profiles and optimizes during the first runs"));
    m_runs->setObjectName(QStringLiteral("profileRuns"));
    m_runs->setRange(1, 100000);
    m_runs->setToolTip(tr("Measured runs; medians are over these"));
    m_threads->setObjectName(QStringLiteral("profileThreads"));
    m_threads->setRange(0, std::max(256, int(std::thread::hardware_concurrency())));
    m_threads->setSpecialValueText(tr("default"));
    m_threads->setToolTip(tr("Intra-op threads; default leaves LibTorch's setting"));
    m_speedup->setObjectName(QStringLiteral("profileSpeedup"));
    m_speedup->setToolTip(tr("Also time the model as saved, frozen and optimized under each executor mode, at "
                             "one thread and all cores, and its first runs after a fresh load (takes longer)"));
    m_profile->setObjectName(QStringLiteral("profileButton"));
    m_profile->setToolTip(tr("Time every node of forward on the Run tab's inputs"));
    m_cancel->setObjectName(QStringLiteral("cancelProfileButton"));
    m_progress->setObjectName(QStringLiteral("profileProgress"));
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_status->setObjectName(QStringLiteral("profileStatus"));
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long texts are cut, not widening
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export->setObjectName(QStringLiteral("profileExportButton"));
    m_export->setText(tr("Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_profile, &QPushButton::clicked, this, &ProfileControls::profileRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ProfileControls::cancelRequested);

    // Two rows: what to measure, then the actions and their progress; one row would set the
    // window's minimum width beyond a laptop's half screen.
    auto* settingsRow = new QHBoxLayout;
    auto addLabelled = [this, settingsRow](const QString& text, QWidget* field) {
        auto* label = new QLabel(text, this);
        label->setBuddy(field);
        settingsRow->addWidget(label);
        settingsRow->addWidget(field);
        settingsRow->addSpacing(6);
    };
    addLabelled(tr("&Graph"), m_variant);
    addLabelled(tr("&Warm-up"), m_warmup);
    addLabelled(tr("R&uns"), m_runs);
    addLabelled(tr("&Threads"), m_threads);
    settingsRow->addStretch(1);
    auto* layout = new QHBoxLayout;
    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(4);
    rows->addLayout(settingsRow);
    rows->addLayout(layout);
    layout->addWidget(m_speedup);
    layout->addSpacing(8);
    layout->addWidget(m_profile);
    layout->addWidget(m_cancel);
    layout->addWidget(m_progress);
    // The status takes what room is left: a long one must not widen the window.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setMinimumWidth(60);
    m_progress->setMaximumWidth(160);
    layout->addWidget(m_status, 1);
    layout->addWidget(m_export);
    setSettings(ProfileSettings{});
    setBusy(false);
}

ProfileSettings ProfileControls::settings() const
{
    ProfileSettings s;
    s.variant = m_variant->currentData().toString();
    s.warmup = m_warmup->value();
    s.runs = m_runs->value();
    s.threads = m_threads->value();
    s.speedup = m_speedup->isChecked();
    return s;
}

void ProfileControls::setSettings(const ProfileSettings& settings)
{
    const int index = m_variant->findData(settings.variant);
    m_variant->setCurrentIndex(index >= 0 ? index : 0);
    m_warmup->setValue(settings.warmup);
    m_runs->setValue(settings.runs);
    m_threads->setValue(settings.threads);
    m_speedup->setChecked(settings.speedup);
}

void ProfileControls::setBusy(bool busy)
{
    m_busy = busy;
    m_profile->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    for (QWidget* w : std::initializer_list<QWidget*>{m_variant, m_warmup, m_runs, m_threads, m_speedup})
        w->setEnabled(!busy);
    m_progress->setVisible(busy);
    if (busy) {
        m_progress->setRange(0, 0); // busy indicator until the first progress report
        m_status->setText(tr("Profiling…"));
    }
}

void ProfileControls::setProgress(const QString& text, int done, int total)
{
    if (total > 0) {
        m_progress->setRange(0, total);
        m_progress->setValue(std::clamp(done, 0, total));
    } else {
        m_progress->setRange(0, 0);
    }
    m_status->setText(text);
}

void ProfileControls::setStatus(const QString& text)
{
    m_status->setText(text);
}

QString ProfileControls::status() const
{
    return m_status->text();
}
