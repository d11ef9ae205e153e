#include "profile/treemaplayout.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace {

// The worst aspect ratio in a row of areas laid along a side of length side.
double worstRatio(double sum, double smallest, double largest, double side)
{
    if (sum <= 0 || smallest <= 0)
        return std::numeric_limits<double>::infinity();
    const double s2 = sum * sum;
    const double w2 = side * side;
    return std::max(w2 * largest / s2, s2 / (w2 * smallest));
}

} // namespace

QVector<QRectF> squarify(const QVector<double>& values, const QRectF& rect)
{
    QVector<QRectF> out(values.size(), QRectF(rect.topLeft(), QSizeF(0, 0)));
    const double total = std::accumulate(values.begin(), values.end(), 0.0,
                                         [](double sum, double v) { return v > 0 ? sum + v : sum; });
    if (total <= 0 || rect.isEmpty())
        return out;
    const double scale = rect.width() * rect.height() / total;
    QVector<int> items;
    for (int i = 0; i < values.size(); ++i) {
        if (values[i] > 0)
            items.append(i);
    }

    QRectF free = rect;
    int next = 0;
    while (next < items.size()) {
        // Grow the row while that does not make its worst rectangle worse.
        const double side = std::min(free.width(), free.height());
        double sum = 0;
        double smallest = std::numeric_limits<double>::infinity();
        double largest = 0;
        int end = next;
        while (end < items.size()) {
            const double area = values[items[end]] * scale;
            const double newSum = sum + area;
            const double newSmallest = std::min(smallest, area);
            const double newLargest = std::max(largest, area);
            if (end > next && worstRatio(newSum, newSmallest, newLargest, side) >
                                  worstRatio(sum, smallest, largest, side))
                break;
            sum = newSum;
            smallest = newSmallest;
            largest = newLargest;
            ++end;
        }
        // Lay the row along the shorter side, then take it off the free space. The last row
        // fills what is left exactly, so rounding leaves no sliver.
        const bool last = end == items.size();
        if (free.width() >= free.height()) {
            const double width = last ? free.width() : sum / free.height();
            double y = free.top();
            for (int k = next; k < end; ++k) {
                const double height = values[items[k]] * scale / width;
                out[items[k]] = QRectF(free.left(), y, width, k + 1 == end ? free.bottom() - y : height);
                y += height;
            }
            free.setLeft(free.left() + width);
        } else {
            const double height = last ? free.height() : sum / free.width();
            double x = free.left();
            for (int k = next; k < end; ++k) {
                const double width = values[items[k]] * scale / height;
                out[items[k]] = QRectF(x, free.top(), k + 1 == end ? free.right() - x : width, height);
                x += width;
            }
            free.setTop(free.top() + height);
        }
        next = end;
    }
    return out;
}
