#pragma once

#include <QWidget>
#include <memory>
#include <ptscope/compare/review.h>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class UnifiedDiffHighlighter;

// The version review's code changes: which module's code (and every other module whose code
// changed the same way), and that change as a unified diff with its added and removed lines
// coloured.
class CodeDiffView : public QWidget
{
    Q_OBJECT
public:
    explicit CodeDiffView(QWidget* parent = nullptr);

    void setReview(const std::shared_ptr<const ptscope::Review>& review);
    int changeCount() const;
    void showChange(int index);
    int currentChange() const;
    QString diffText() const;
    QComboBox* changes() const { return m_changes; }

private:
    std::shared_ptr<const ptscope::Review> m_review;
    QComboBox* m_changes;
    QLabel* m_modules;
    QPlainTextEdit* m_text;
    UnifiedDiffHighlighter* m_highlighter;
};
