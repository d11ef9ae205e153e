#pragma once

#include "run/tensorvalues.h"

#include <QWidget>
#include <ptscope/run/runresult.h>

class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QToolButton;
class QSpinBox;
class TensorHistogram;
class TensorValuesModel;

// One tensor output: its statistics, then its values (paged) and histogram in tabs. The values
// arrive after the output itself, since big .npy files are read in the background.
class TensorDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit TensorDetailView(QWidget* parent = nullptr);

    // Shows the statistics the run reported and a loading note until setValues() or setError().
    void setOutput(const ptscope::OutputInfo& output);
    void setValues(TensorValuesPtr values, const Histogram& histogram);
    void setError(const QString& message);
    void clear();

    TensorValuesModel* valuesModel() const { return m_values; }
    TensorHistogram* histogram() const { return m_histogram; }
    QTabWidget* tabs() const { return m_tabs; }
    QTableView* table() const { return m_table; }
    QLabel* summary() const { return m_summary; }

private:
    QWidget* createValuesTab();
    void updatePageControls();

    ptscope::OutputInfo m_output;
    QLabel* m_summary;
    QTabWidget* m_tabs;
    QStackedWidget* m_valuesStack; // the table, or a note while reading / on error
    QLabel* m_valuesNote;
    QTableView* m_table;
    TensorValuesModel* m_values;
    QWidget* m_pageBar;
    QToolButton* m_previous;
    QToolButton* m_next;
    QSpinBox* m_page;
    QLabel* m_pageLabel;
    TensorHistogram* m_histogram;
};
