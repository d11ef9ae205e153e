#pragma once

#include <QWidget>
#include <ptscope/profile/profile.h>

class QLabel;

// The few numbers to read before the table: how long forward and the node executor took, how
// much of a run the nodes' own times explain, the machine's peaks, the memory peak and whether
// LibTorch's own events agree; and warnings when the per-node numbers cannot be trusted as is.
class ProfileSummary : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileSummary(QWidget* parent = nullptr);

    void setResult(const ptscope::ProfileResult* result);
    void clear();

    // Plain text of the summary and of the warnings (empty without any), for tests.
    QString text() const;
    QString warningText() const;

private:
    static QString timingLine(const ptscope::ProfileResult& r);
    static QString machineLine(const ptscope::ProfileResult& r);
    static QString memoryLine(const ptscope::ProfileResult& r);
    static QString eventsLine(const ptscope::ProfileResult& r);
    static QStringList warnings(const ptscope::ProfileResult& r);

    QLabel* m_text;
    QLabel* m_warning;
};
