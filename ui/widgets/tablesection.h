#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QTreeView;

// A titled, sortable table of the details panel. The title counts the rows ("Methods (3)").
class TableSection : public QWidget
{
    Q_OBJECT
public:
    // sortRole: the model's role with raw values for sorting; Qt::DisplayRole if it has none.
    TableSection(const QString& title, QAbstractItemModel* model, int sortRole, QWidget* parent = nullptr);

    QTreeView* view() const { return m_view; }

private:
    void updateTitle();

    QString m_title;
    QAbstractItemModel* m_model;
    QLabel* m_label;
    QTreeView* m_view;
};
