// What a fully expanded graph costs to paint in the Graph tab: the scene built from the composed
// layout, then frames of a 1600x1000 canvas rendered into an image (what a repaint does) at the
// zooms a user pans and zooms through: the whole picture fitted, 0.1, 0.25, 0.5 and 1 (labels
// drawn), centred on the middle of the picture, and a pan at 0.25. Prints one JSON line per model
// (milliseconds, medians of --frames frames):
//
//   QT_QPA_PLATFORM=offscreen ptscope-bench-paint [--frames N] MODEL.pt...

#include "graph/graphcanvas.h"
#include "graph/graphdrawing.h"
#include "graph/graphscene.h"

#include <ptscope/common/error.h>
#include <ptscope/graph/graphlayout.h>
#include <ptscope/load/model.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

double medianFrame(GraphCanvas& canvas, int frames, const std::function<void(int)>& move)
{
    QImage image(canvas.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> ms;
    for (int i = 0; i < frames; ++i) {
        move(i);
        QElapsedTimer timer;
        timer.start();
        QPainter painter(&image);
        canvas.viewport()->render(&painter); // a paint event, as a repaint on screen
        painter.end();
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

void bench(const std::string& path, int frames)
{
    const ptscope::Model model = ptscope::Model::open(path);
    auto drawing = std::make_shared<GraphDrawing>();
    drawing->graph = std::make_shared<const ptscope::Graph>(ptscope::extractGraph(model, ptscope::GraphVariant::Inlined));
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
    for (qreal zoom : {0.1, 0.25, 0.5, 1.0}) {
        canvas.setZoom(zoom);
        canvas.centerOn(middle);
        std::printf(", \"zoom_%g_ms\": %.2f", zoom, medianFrame(canvas, frames, [](int) {}));
    }
    canvas.setZoom(0.25);
    std::printf(", \"pan_0.25_ms\": %.2f}\n", medianFrame(canvas, frames, [&](int i) {
                    canvas.centerOn(middle + QPointF(0, 40.0 * i));
                }));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    int frames = 21;
    std::vector<std::string> models;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
            frames = std::max(1, std::atoi(argv[++i]));
        else
            models.emplace_back(argv[i]);
    }
    try {
        for (const std::string& m : models)
            bench(m, frames);
    } catch (const ptscope::Error& e) {
        std::fprintf(stderr, "ptscope-bench-paint: %s\n", e.what());
        return 2;
    }
    return models.empty() ? 2 : 0;
}
