#include "graph/graphsearchbar.h"

#include <QAction>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

GraphSearchBar::GraphSearchBar(QWidget* parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_regex(new QToolButton(this)),
      m_previous(new QToolButton(this)), m_next(new QToolButton(this)), m_reveal(new QToolButton(this)),
      m_count(new QLabel(this))
{
    m_edit->setObjectName(QStringLiteral("graphSearch"));
    m_edit->setPlaceholderText(tr("Find op, value name or module (Ctrl+F)"));
    m_edit->setClearButtonEnabled(true);
    m_edit->setMinimumWidth(140);
    m_edit->setMaximumWidth(360);
    m_edit->installEventFilter(this);
    m_regex->setText(QStringLiteral(".*"));
    m_regex->setCheckable(true);
    m_regex->setToolTip(tr("Regular expression"));
    m_previous->setArrowType(Qt::UpArrow);
    m_previous->setToolTip(tr("Previous hit (Shift+Enter, Shift+F3)"));
    m_next->setArrowType(Qt::DownArrow);
    m_next->setToolTip(tr("Next hit (Enter, F3)"));
    m_reveal->setText(tr("Reveal"));
    m_reveal->setToolTip(tr("Expand the collapsed modules around this hit"));
    m_reveal->setVisible(false);
    m_count->setObjectName(QStringLiteral("graphSearchCount"));
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(QStringLiteral("8888 of 8888")));

    auto emitQuery = [this]() { emit queryChanged(text(), isRegex()); };
    connect(m_edit, &QLineEdit::textChanged, this, emitQuery);
    connect(m_regex, &QToolButton::toggled, this, emitQuery);
    connect(m_previous, &QToolButton::clicked, this, &GraphSearchBar::previousRequested);
    connect(m_next, &QToolButton::clicked, this, &GraphSearchBar::nextRequested);
    connect(m_reveal, &QToolButton::clicked, this, &GraphSearchBar::revealRequested);

    // F3 anywhere in the tab, not only in the box.
    auto* next = new QAction(this);
    next->setShortcut(QKeySequence::FindNext);
    next->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(next, &QAction::triggered, this, &GraphSearchBar::nextRequested);
    auto* previous = new QAction(this);
    previous->setShortcut(QKeySequence::FindPrevious);
    previous->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(previous, &QAction::triggered, this, &GraphSearchBar::previousRequested);
    addActions({next, previous});

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addWidget(m_edit, 2);
    layout->addWidget(m_regex);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_count);
    layout->addWidget(m_reveal);
    layout->addStretch(1);
    setResult(-1, 0, 0, {});
}

QString GraphSearchBar::text() const
{
    return m_edit->text();
}

bool GraphSearchBar::isRegex() const
{
    return m_regex->isChecked();
}

void GraphSearchBar::setText(const QString& text)
{
    m_edit->setText(text);
}

void GraphSearchBar::setResult(int current, int total, int hidden, const QString& error)
{
    QString text;
    if (!error.isEmpty())
        text = tr("bad pattern");
    else if (!m_edit->text().isEmpty())
        text = current >= 0 ? tr("%1 of %2").arg(current + 1).arg(total)
                            : (total == 1 ? tr("1 hit") : tr("%1 hits").arg(total));
    m_count->setText(text);
    m_count->setToolTip(!error.isEmpty() ? error
                        : hidden > 0
                            ? tr("%1 more among hidden constants; turn on Constants to see them").arg(hidden)
                            : QString());
    m_previous->setEnabled(total > 0);
    m_next->setEnabled(total > 0);
}

void GraphSearchBar::setRevealVisible(bool visible)
{
    m_reveal->setVisible(visible);
}

void GraphSearchBar::focusSearch()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

bool GraphSearchBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ControlModifier)
                emit revealRequested();
            else if (key->modifiers() & Qt::ShiftModifier)
                emit previousRequested();
            else
                emit nextRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
