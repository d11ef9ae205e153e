#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

// An error shown in place, above what it concerns, rather than in a modal box: a failed run is
// routine while trying inputs. The library's full text (a TorchScript traceback) folds out.
class MessageBanner : public QWidget
{
    Q_OBJECT
public:
    explicit MessageBanner(QWidget* parent = nullptr);

    void showError(const QString& message, const QString& detail = {});
    void showInfo(const QString& message);
    QString message() const;
    QString detail() const;

private:
    void show(const QString& message, const QString& detail, bool error);

    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_detailsButton;
    QToolButton* m_close;
    QPlainTextEdit* m_details;
};
