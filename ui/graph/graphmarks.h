#pragma once

#include <QColor>
#include <QHash>
#include <QString>
#include <ptscope/graph/graph.h>

// A box singled out by another workflow than search or the heat map (the Compare mode marks
// where two models part and what runs in one only): an outline in its colour and a short tag.
struct GraphMark
{
    QColor color;
    QString tag;      // written above the box's top left corner ("first divergent")
    int priority = 0; // a collapsed module box holding several marked nodes shows the highest
};

// Marks by node id of one variant's graph: another variant's ids mean other nodes, so a drawing
// of another variant is left unmarked.
struct GraphMarks
{
    ptscope::GraphVariant variant = ptscope::GraphVariant::Inlined;
    QHash<int, GraphMark> byNode;

    bool isEmpty() const { return byNode.isEmpty(); }
};
