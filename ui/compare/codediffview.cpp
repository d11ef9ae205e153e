#include "compare/codediffview.h"

#include "compare/unifieddiffhighlighter.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace {

QString moduleName(const std::string& path)
{
    return path.empty() ? CodeDiffView::tr("(root)") : QString::fromStdString(path);
}

} // namespace

CodeDiffView::CodeDiffView(QWidget* parent)
    : QWidget(parent), m_changes(new QComboBox(this)), m_modules(new QLabel(this)), m_text(new QPlainTextEdit(this)),
      m_highlighter(new UnifiedDiffHighlighter(m_text->document()))
{
    setObjectName(QStringLiteral("codeDiffView"));
    m_changes->setObjectName(QStringLiteral("codeDiffChanges"));
    m_changes->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_modules->setObjectName(QStringLiteral("codeDiffModules"));
    m_modules->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("codeDiffText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(tr("No module's code changed."));
    connect(m_changes, &QComboBox::currentIndexChanged, this, &CodeDiffView::showChange);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Code of"), this));
    row->addWidget(m_changes, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_modules);
    layout->addWidget(m_text, 1);
}

void CodeDiffView::setReview(const std::shared_ptr<const ptscope::Review>& review)
{
    m_review = review;
    {
        const QSignalBlocker block(m_changes);
        m_changes->clear();
        if (review)
            for (const ptscope::CodeChange& c : review->code)
                m_changes->addItem(c.modules.size() > 1 ? tr("%1 and %2 more").arg(moduleName(c.module)).arg(c.modules.size() - 1)
                                                        : moduleName(c.module));
    }
    m_changes->setEnabled(m_changes->count() > 0);
    showChange(m_changes->count() > 0 ? 0 : -1);
}

int CodeDiffView::changeCount() const
{
    return m_review ? int(m_review->code.size()) : 0;
}

int CodeDiffView::currentChange() const
{
    return m_changes->currentIndex();
}

void CodeDiffView::showChange(int index)
{
    if (!m_review || index < 0 || index >= changeCount()) {
        m_text->clear();
        m_modules->clear();
        m_modules->hide();
        return;
    }
    if (m_changes->currentIndex() != index) {
        const QSignalBlocker block(m_changes);
        m_changes->setCurrentIndex(index);
    }
    const ptscope::CodeChange& c = m_review->code[size_t(index)];
    QStringList modules;
    for (const std::string& m : c.modules)
        modules << moduleName(m);
    // One diff stands for every module whose code changed the same way (the blocks of a ResNet).
    m_modules->setText(tr("The same change in: %1").arg(modules.join(QStringLiteral(", "))));
    m_modules->setVisible(modules.size() > 1);
    m_text->setPlainText(QString::fromStdString(c.diff));
}

QString CodeDiffView::diffText() const
{
    return m_text->toPlainText();
}
