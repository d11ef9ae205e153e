#include "widgets/loadstatuswidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

LoadStatusWidget::LoadStatusWidget(QWidget* parent)
    : QWidget(parent), m_label(new QLabel(this)), m_busy(new QProgressBar(this)),
      m_cancel(new QToolButton(this))
{
    m_label->setObjectName(QStringLiteral("statusText"));
    m_busy->setRange(0, 0); // LibTorch reports no progress while loading
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(m_label->sizeHint().height());
    m_busy->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, &LoadStatusWidget::cancelRequested);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_busy);
    layout->addWidget(m_cancel);
    layout->addStretch(1);
    setBusy(false);
}

void LoadStatusWidget::setText(const QString& text)
{
    m_label->setText(text);
}

QString LoadStatusWidget::text() const
{
    return m_label->text();
}

void LoadStatusWidget::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    m_cancel->setVisible(busy);
}
