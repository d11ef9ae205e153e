#pragma once

#include "controllers/comparesettings.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

// The Compare mode's settings, in two rows: what to compare with (a second model or saved
// outputs) and on which inputs; then trials, tolerances, node by node, the search and its budget,
// and the Compare and Cancel buttons. Reads nothing from the model: the view fills it and asks.
class CompareSettingsBar : public QWidget
{
    Q_OBJECT
public:
    enum class Other
    {
        Model,
        Reference
    };

    explicit CompareSettingsBar(QWidget* parent = nullptr);

    // What the user chose to compare with; choosing through the dialog emits otherChosen.
    void setOther(Other kind, const QString& path);
    Other otherKind() const;
    QString otherPath() const;
    // The input specs as the Run tab's grammar writes them, separated by spaces. Filled from the
    // Run tab unless the user has typed their own.
    // inputsFile: the Run tab's file of every argument, used when no specs are typed here.
    void offerInputs(const QStringList& specs, const QString& inputsFile = {});
    void setInputs(const QStringList& specs);
    QStringList inputs() const;

    CompareSettings settings() const;
    void setComparing(bool comparing);
    void setCanCompare(bool can);

    QPushButton* compareButton() const { return m_compare; }
    QPushButton* cancelButton() const { return m_cancel; }
    QCheckBox* searchCheck() const { return m_search; }
    QCheckBox* perNodeCheck() const { return m_perNode; }
    QLineEdit* inputsEdit() const { return m_inputs; }

public slots:
    void chooseOther();

signals:
    void otherChosen(CompareSettingsBar::Other kind, const QString& path);
    void compareRequested();
    void cancelRequested();

private:
    QWidget* createFirstRow();
    QWidget* createSecondRow();
    void updateEnabled();

    QComboBox* m_kind = nullptr;
    QLineEdit* m_path = nullptr;
    QPushButton* m_choose = nullptr;
    QLineEdit* m_inputs = nullptr;
    QSpinBox* m_trials = nullptr;
    QLineEdit* m_atol = nullptr;
    QLineEdit* m_rtol = nullptr;
    QCheckBox* m_perNode = nullptr;
    QCheckBox* m_search = nullptr;
    QSpinBox* m_budget = nullptr;
    QDoubleSpinBox* m_seconds = nullptr;
    QPushButton* m_compare = nullptr;
    QPushButton* m_cancel = nullptr;
    bool m_comparing = false;
    bool m_canCompare = false;
};
