#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

// Search box of the graph tab: text or regular expression, hit count, previous/next (Enter,
// Shift+Enter, F3, Shift+F3), and a Reveal button for a hit hidden in a collapsed module.
class GraphSearchBar : public QWidget
{
    Q_OBJECT
public:
    explicit GraphSearchBar(QWidget* parent = nullptr);

    QString text() const;
    bool isRegex() const;
    void setText(const QString& text);
    // current is 0-based, -1 before the first step.
    void setResult(int current, int total, int hidden, const QString& error);
    void setRevealVisible(bool visible);
    void focusSearch();

signals:
    void queryChanged(const QString& text, bool regex);
    void nextRequested();
    void previousRequested();
    void revealRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QLineEdit* m_edit;
    QToolButton* m_regex;
    QToolButton* m_previous;
    QToolButton* m_next;
    QToolButton* m_reveal;
    QLabel* m_count;
};
