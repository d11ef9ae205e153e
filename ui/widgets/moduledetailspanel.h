#pragma once

#include <QWidget>
#include <ptscope/load/modelinfo.h>

class AttributeTableModel;
class MethodTableModel;
class QLabel;
class QSplitter;
class TableSection;
class TensorTableModel;

// Everything about one module: a header with its path, type, mode and totals, then its
// parameters and buffers, attributes and methods.
class ModuleDetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ModuleDetailsPanel(QWidget* parent = nullptr);

    void setModule(const ptscope::ModuleInfo& module);
    void clear();

    QByteArray saveSplitterState() const;
    void restoreSplitterState(const QByteArray& state);

private:
    static QString headerHtml(const ptscope::ModuleInfo& module);

    QLabel* m_header;
    QSplitter* m_splitter;
    TableSection* m_tensorSection;
    TensorTableModel* m_tensors;
    AttributeTableModel* m_attributes;
    MethodTableModel* m_methods;
};
