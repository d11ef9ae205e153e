#pragma once

#include <QRectF>
#include <QVector>

// Squarified treemap layout (Bruls, Huizing and van Wijk, 2000): splits rect into one rectangle
// per value, areas proportional to the values, laid out in rows that keep each rectangle close
// to a square so that small ones stay readable. Values are taken in the order given (largest
// first gives the best aspect ratios); zero or negative values get an empty rectangle.
QVector<QRectF> squarify(const QVector<double>& values, const QRectF& rect);
