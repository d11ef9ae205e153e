#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

// The status bar's left part: what is happening or what was loaded, with a busy bar and a Cancel
// button while a load runs.
class LoadStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit LoadStatusWidget(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const;
    void setBusy(bool busy);

signals:
    void cancelRequested();

private:
    QLabel* m_label;
    QProgressBar* m_busy;
    QToolButton* m_cancel;
};
