// The tiles a big drawing is painted from when zoomed out: they draw what the items draw, a frame
// over tiles already rendered renders none again, and a change drops only the tiles it touches.
#include "graph/graphsnapshot.h"

#include "uitestsupport.h"

#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QPainter>
#include <QTest>

namespace {

constexpr int Columns = 60, Rows = 60; // 3600 boxes, enough to be drawn from tiles
constexpr qreal Pitch = 100;

// A grid of boxes, each a different grey, with one red box at column 10, row 20.
void fill(QGraphicsScene& scene)
{
    for (int r = 0; r < Rows; ++r)
        for (int c = 0; c < Columns; ++c) {
            auto* box = scene.addRect(c * Pitch + 10, r * Pitch + 10, 80, 60, QPen(Qt::black, 2));
            box->setBrush(QColor(100 + c, 150 + r, 200));
            box->setData(0, QPoint(c, r));
        }
    scene.setSceneRect(scene.itemsBoundingRect());
}

QGraphicsRectItem* boxAt(QGraphicsScene& scene, int c, int r)
{
    for (QGraphicsItem* item : scene.items())
        if (item->data(0).toPoint() == QPoint(c, r))
            return static_cast<QGraphicsRectItem*>(item);
    return nullptr;
}

// A frame of `size` pixels at `zoom`, its top-left at the scene's point `at`: drawn from the
// snapshot's tiles, or item by item as QGraphicsView does.
QImage frame(QGraphicsScene& scene, GraphSnapshot* snapshot, qreal zoom, QPointF at, QSize size = {800, 600})
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF exposed(at, QSizeF(size) / zoom);
    if (snapshot) {
        painter.scale(zoom, zoom);
        painter.translate(-at);
        snapshot->paint(painter, exposed, zoom);
    } else {
        scene.render(&painter, QRectF(image.rect()), exposed);
    }
    return image;
}

// Mean difference per channel of the two pictures in blocks of 4x4 pixels: tiles off the frame's
// pixel grid are resampled, which blurs one-pixel lines but must not move or recolour anything.
double meanDifference(const QImage& a, const QImage& b)
{
    constexpr int Block = 4;
    double sum = 0;
    int blocks = 0;
    for (int y = 0; y + Block <= a.height(); y += Block)
        for (int x = 0; x + Block <= a.width(); x += Block, ++blocks) {
            int d[3] = {0, 0, 0};
            for (int dy = 0; dy < Block; ++dy)
                for (int dx = 0; dx < Block; ++dx) {
                    const QRgb p = a.pixel(x + dx, y + dy), q = b.pixel(x + dx, y + dy);
                    d[0] += qRed(p) - qRed(q);
                    d[1] += qGreen(p) - qGreen(q);
                    d[2] += qBlue(p) - qBlue(q);
                }
            sum += (std::abs(d[0]) + std::abs(d[1]) + std::abs(d[2])) / (3.0 * Block * Block);
        }
    return sum / blocks;
}

} // namespace

class GraphSnapshotTest : public QObject
{
    Q_OBJECT
private slots:
    void onlyBigDrawingsZoomedOutAreDrawnFromTiles()
    {
        QGraphicsScene small;
        small.addRect(0, 0, 10, 10);
        small.setSceneRect(0, 0, 10, 10);
        GraphSnapshot smallSnapshot(&small);
        QVERIFY(!smallSnapshot.covers(0.1));

        QGraphicsScene big;
        fill(big);
        GraphSnapshot snapshot(&big);
        QVERIFY(snapshot.covers(0.1));
        QVERIFY(snapshot.covers(GraphSnapshot::MaxZoom));
        QVERIFY(!snapshot.covers(GraphSnapshot::MaxZoom * 1.01));
    }

    void tilesDrawWhatTheItemsDraw()
    {
        QGraphicsScene scene;
        fill(scene);
        boxAt(scene, 10, 20)->setBrush(Qt::red);
        GraphSnapshot snapshot(&scene);
        // At a tile level's own scale and on its pixel grid (8 pitches are 100 pixels at 1/8),
        // tiles give the items' very pixels; between levels they are resampled, which blurs
        // one-pixel lines but moves nothing.
        const QPointF grid = scene.sceneRect().topLeft() + QPointF(8 * Pitch, 16 * Pitch);
        const std::tuple<qreal, QPointF, double> cases[] = {{0.125, grid, 1},
                                                            {0.25, grid, 1},
                                                            {0.1, grid + QPointF(3, 7), 10},
                                                            {0.4, grid + QPointF(3, 7), 10}};
        for (const auto& [zoom, at, tolerance] : cases) {
            const QImage tiles = frame(scene, &snapshot, zoom, at);
            const QImage items = frame(scene, nullptr, zoom, at);
            const double difference = meanDifference(tiles, items);
            QVERIFY2(difference < tolerance,
                     qPrintable(QStringLiteral("zoom %1: mean difference %2").arg(zoom).arg(difference)));
            // The red box's middle, where the items put it.
            const QPointF red = (QPointF(10 * Pitch + 50, 20 * Pitch + 40) - at) * zoom;
            QCOMPARE(QColor(tiles.pixel(red.toPoint())), QColor(Qt::red));
            QCOMPARE(QColor(items.pixel(red.toPoint())), QColor(Qt::red));
        }
    }

    void aFrameOverRenderedTilesRendersNone()
    {
        QGraphicsScene scene;
        fill(scene);
        GraphSnapshot snapshot(&scene);
        frame(scene, &snapshot, 0.2, {0, 0});
        const int first = snapshot.tilesRendered();
        QVERIFY(first > 0);
        // A pan by less than a tile and a zoom within the same level need nothing new...
        frame(scene, &snapshot, 0.2, {0, 0}, {400, 300});
        frame(scene, &snapshot, 0.15, {0, 0}, {400, 300});
        QCOMPARE(snapshot.tilesRendered(), first);
        // ...a pan to the far corner does.
        frame(scene, &snapshot, 0.2, {Columns * Pitch - 4000, Rows * Pitch - 3000});
        QVERIFY(snapshot.tilesRendered() > first);
        QVERIFY(snapshot.tilesHeld() <= 96);
    }

    void aChangeDropsOnlyTheTilesItTouches()
    {
        QGraphicsScene scene;
        fill(scene);
        QGraphicsView view(&scene); // as in the window: a scene with no view says all of it changed
        GraphSnapshot snapshot(&scene);
        QCoreApplication::processEvents(); // the scene says its new items changed it all
        const QSize whole(int(Columns * Pitch * 0.125), int(Rows * Pitch * 0.125));
        frame(scene, &snapshot, 0.125, {0, 0}, whole);
        const int held = snapshot.tilesHeld();
        QCOMPARE(held, 4); // 750 pixels a side: 2x2 tiles of 512
        const int rendered = snapshot.tilesRendered();

        boxAt(scene, 1, 1)->setBrush(Qt::green); // inside the first tile only
        QTRY_COMPARE(snapshot.tilesHeld(), held - 1);
        const QImage after = frame(scene, &snapshot, 0.125, {0, 0}, whole);
        QCOMPARE(snapshot.tilesRendered(), rendered + 1);
        QCOMPARE(QColor(after.pixel(QPointF((Pitch + 50) * 0.125, (Pitch + 40) * 0.125).toPoint())),
                 QColor(Qt::green));
    }
};

QTEST_MAIN(GraphSnapshotTest)
#include "graphsnapshottest.moc"
