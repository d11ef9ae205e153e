#pragma once

#include "profile/profilesettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;

// The Profile tab's top row: which graph to run node by node and how often, Profile and Cancel,
// progress and status; the Export menu sits at its end.
class ProfileControls : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileControls(QWidget* parent = nullptr);

    ProfileSettings settings() const;
    void setSettings(const ProfileSettings& settings);
    void setBusy(bool busy);
    bool isBusy() const { return m_busy; }
    void setProgress(const QString& text, int done, int total);
    void setStatus(const QString& text);
    QString status() const;
    QToolButton* exportButton() const { return m_export; }

signals:
    void profileRequested();
    void cancelRequested();

private:
    QComboBox* m_variant;
    QSpinBox* m_warmup;
    QSpinBox* m_runs;
    QSpinBox* m_threads;
    QCheckBox* m_speedup;
    QPushButton* m_profile;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QLabel* m_status;
    QToolButton* m_export;
    bool m_busy = false;
};
