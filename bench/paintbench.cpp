// What a fully expanded graph costs to paint in the Graph tab: the scene built from the composed
// layout, then frames of a 1600x1000 canvas rendered into an image (what a repaint does) at the
// zooms a user pans and zooms through: the whole picture fitted, 0.1, 0.25, 0.5 and 1 (labels
// drawn), centred on the middle of the picture, each also as its first frame (zoomed out, the
// tiles it needs rendered then); a pan at 0.25; and a wheel-zoom sweep, notch by notch from the
// fitted picture in to 1 and back out, each frame after a notch timed (median and worst). Each
// zoom is also painted item by item, without the tiles (zoom_Z_items_ms), side by side. Prints
// one JSON line per model (milliseconds, medians of --frames frames):
//
//   QT_QPA_PLATFORM=offscreen ptscope-bench-paint [--frames N] [--save-frames PREFIX] MODEL.pt...

#include "graph/graphcanvas.h"
#include "graph/graphdrawing.h"
#include "graph/graphscene.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ptscope/common/error.h>
#include <ptscope/graph/graphlayout.h>
#include <ptscope/load/model.h>
#include <vector>

namespace {

QImage& frameImage()
{
    static QImage image;
    return image;
}

double frameMs(GraphCanvas& canvas)
{
    QImage& image = frameImage();
    if (image.size() != canvas.viewport()->size())
        image = QImage(canvas.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer timer;
    timer.start();
    QPainter painter(&image);
    canvas.viewport()->render(&painter); // a paint event, as a repaint on screen
    painter.end();
    return timer.nsecsElapsed() / 1e6;
}

double median(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

double medianFrame(GraphCanvas& canvas, int frames, const std::function<void(int)>& move)
{
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) {
        move(i);
        ms.push_back(frameMs(canvas));
    }
    return median(ms);
}

void bench(const std::string& path, int frames, const QString& savePrefix)
{
    const ptscope::Model model = ptscope::Model::open(path);
    auto drawing = std::make_shared<GraphDrawing>();
    drawing->graph =
        std::make_shared<const ptscope::Graph>(ptscope::extractGraph(model, ptscope::GraphVariant::Inlined));
    for (const ptscope::ModuleInfo& m : model.info().modules)
        drawing->options.scopeTypes[m.path] = m.shortType;
    drawing->view = ptscope::buildGraphView(*drawing->graph, drawing->options);
    drawing->layout = ptscope::layoutGraphView(*drawing->graph, drawing->view);

    GraphScene scene;
    QElapsedTimer timer;
    timer.start();
    scene.setDrawing(drawing);
    const double sceneMs = timer.nsecsElapsed() / 1e6;
    GraphCanvas canvas(&scene);
    canvas.resize(1600, 1000);
    canvas.show();
    QApplication::processEvents();

    const QPointF middle(drawing->layout.width / 2, drawing->layout.height / 2);
    std::printf("{\"model\": \"%s\", \"boxes\": %zu, \"edges\": %zu, \"scene_build_ms\": %.1f", path.c_str(),
                drawing->view.items.size(), drawing->view.edges.size(), sceneMs);
    canvas.fitAll();
    std::printf(", \"fit_all_zoom\": %.4f, \"fit_all_ms\": %.2f", canvas.zoom(),
                medianFrame(canvas, frames, [](int) {}));
    const qreal fitted = canvas.zoom();
    for (qreal zoom : {0.1, 0.25, 0.5, 1.0}) {
        canvas.setZoom(zoom);
        canvas.centerOn(middle);
        const double first = frameMs(canvas);
        std::printf(", \"zoom_%g_ms\": %.2f, \"zoom_%g_first_ms\": %.2f", zoom,
                    medianFrame(canvas, frames, [](int) {}), zoom, first);
        if (!savePrefix.isEmpty())
            frameImage().save(savePrefix + QStringLiteral("zoom-%1-tiles.png").arg(zoom));
        canvas.setTilesEnabled(false);
        std::printf(", \"zoom_%g_items_ms\": %.2f", zoom, medianFrame(canvas, frames, [](int) {}));
        if (!savePrefix.isEmpty())
            frameImage().save(savePrefix + QStringLiteral("zoom-%1-items.png").arg(zoom));
        canvas.setTilesEnabled(true);
    }
    canvas.setZoom(0.25);
    std::printf(", \"pan_0.25_ms\": %.2f",
                medianFrame(canvas, frames, [&](int i) { canvas.centerOn(middle + QPointF(0, 40.0 * i)); }));
    // One wheel notch is 120 eighths of a degree: the canvas zooms by 1.0015^120 per notch.
    const qreal notch = std::pow(1.0015, 120);
    std::vector<double> sweep;
    canvas.setZoom(fitted);
    canvas.centerOn(middle);
    for (int direction : {1, -1})
        while (direction > 0 ? canvas.zoom() < 1 : canvas.zoom() > fitted * notch) {
            const qreal before = canvas.zoom();
            canvas.zoomBy(direction > 0 ? notch : 1 / notch);
            if (canvas.zoom() == before)
                break; // the canvas's zoom limit: fitting a huge drawing can go past it
            sweep.push_back(frameMs(canvas));
        }
    std::printf(
        ", \"zoom_sweep_frames\": %zu, \"zoom_sweep_median_ms\": %.2f, \"zoom_sweep_max_ms\": %.2f}\n",
        sweep.size(), median(sweep), *std::max_element(sweep.begin(), sweep.end()));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    int frames = 21;
    QString savePrefix; // --save-frames PREFIX: each zoom's last frame as PREFIXzoom-Z-tiles|items.png
    std::vector<std::string> models;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--save-frames") == 0 && i + 1 < argc)
            savePrefix = QString::fromLocal8Bit(argv[++i]);
        else if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
            frames = std::max(1, std::atoi(argv[++i]));
        else
            models.emplace_back(argv[i]);
    }
    try {
        for (const std::string& m : models)
            bench(m, frames, savePrefix);
    } catch (const ptscope::Error& e) {
        std::fprintf(stderr, "ptscope-bench-paint: %s\n", e.what());
        return 2;
    }
    return models.empty() ? 2 : 0;
}
