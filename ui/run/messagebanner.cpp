#include "run/messagebanner.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

MessageBanner::MessageBanner(QWidget* parent)
    : QWidget(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)),
      m_detailsButton(new QToolButton(this)), m_close(new QToolButton(this)),
      m_details(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailsButton->setText(tr("Details"));
    m_detailsButton->setCheckable(true);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setMaximumHeight(180);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->hide();

    auto* row = new QHBoxLayout;
    row->addWidget(m_icon, 0, Qt::AlignTop);
    row->addWidget(m_text, 1);
    row->addWidget(m_detailsButton, 0, Qt::AlignTop);
    row->addWidget(m_close, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addLayout(row);
    layout->addWidget(m_details);

    connect(m_detailsButton, &QToolButton::toggled, m_details, &QWidget::setVisible);
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    QWidget::hide();
}

void MessageBanner::showError(const QString& message, const QString& detail)
{
    show(message, detail, true);
}

void MessageBanner::showInfo(const QString& message)
{
    show(message, {}, false);
}

void MessageBanner::show(const QString& message, const QString& detail, bool error)
{
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(
        style()
            ->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxInformation)
            .pixmap(iconSize, iconSize));
    QPalette colours = palette();
    colours.setColor(QPalette::Window, error ? QColor(253, 236, 234) : QColor(232, 242, 253));
    colours.setColor(QPalette::WindowText, QColor(40, 40, 40));
    setPalette(colours);
    m_text->setText(message);
    m_details->setPlainText(detail);
    m_detailsButton->setVisible(!detail.isEmpty() && detail != message);
    m_detailsButton->setChecked(false);
    QWidget::show();
}

QString MessageBanner::message() const
{
    return isVisibleTo(parentWidget()) ? m_text->text() : QString();
}

QString MessageBanner::detail() const
{
    return m_details->toPlainText();
}
