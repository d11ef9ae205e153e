#include "layoutpiece.h"

#include "ptscope/common/error.h"

#include <fmt/format.h>

namespace ptscope {

namespace {

constexpr double kMargin = 4; // around the whole picture, as Graphviz leaves
constexpr int kNamedInNote = 3;

LayoutPoint shifted(LayoutPoint p, LayoutPoint by)
{
    return {p.x + by.x, p.y + by.y};
}

// Appends `path` to `out`, joined by a cubic that leaves and arrives vertically: the joins run
// between a frame's border and its ports, in the band of the frame's header and padding where no
// box is, so they bend there rather than run along the border.
void appendPath(std::vector<LayoutPoint>& out, const std::vector<LayoutPoint>& path)
{
    if (path.empty())
        return;
    if (out.empty()) {
        out = path;
        return;
    }
    const LayoutPoint a = out.back();
    const LayoutPoint b = path.front();
    const double bend = (b.y - a.y) / 2;
    out.push_back({a.x, a.y + bend});
    out.push_back({b.x, b.y - bend});
    out.insert(out.end(), path.begin(), path.end());
}

class Composer
{
public:
    Composer(const GraphView& view, const LayoutOptions& options) : m_view(view), m_options(options) {}

    GraphLayout compose()
    {
        m_set = splitIntoPieces(m_view);
        LayoutCache local;
        LayoutCache& cache = m_options.cache ? *m_options.cache : local;
        m_laid.resize(m_set.pieces.size());
        m_frames.assign(m_view.clusters.size(), {});
        for (size_t p = 0; p < m_set.pieces.size(); ++p) {
            m_options.cancel.throwIfCancelled();
            const Piece& piece = m_set.pieces[p];
            const std::string key = pieceKey(piece, m_view, m_frames);
            std::shared_ptr<const PieceLayout> laid = cache.find(key);
            if (!laid) {
                laid = std::make_shared<const PieceLayout>(layOut(piece));
                cache.insert(key, laid);
                ++m_out.piecesLaidOut;
                m_out.seconds += laid->seconds;
            }
            m_out.piecesSimple += laid->fallback;
            m_laid[p] = std::move(laid);
            if (piece.cluster >= 0)
                m_frames[piece.cluster] = frameAround(*m_laid[p], m_view.clusters[piece.cluster].label);
        }
        m_out.pieces = static_cast<int>(m_set.pieces.size());
        place();
        route();
        writeNotes();
        return std::move(m_out);
    }

private:
    std::string scopeName(int cluster) const
    {
        return cluster < 0 ? std::string("the top level") : "'" + m_view.clusters[cluster].label + "'";
    }

    PieceLayout layOut(const Piece& piece)
    {
        if (piece.nodeCount() > m_options.maxPieceNodes) {
            m_tooBig.push_back(fmt::format("{} ({} boxes)", scopeName(piece.cluster), piece.nodeCount()));
            return placeSimply(piece, m_view, m_frames);
        }
        try {
            if (m_options.failPiece && m_options.failPiece(piece.cluster))
                throw Error(ErrorKind::Internal, "Graphviz could not lay the scope out.", {}, "a failure forced by a test");
            return layoutPieceWithDot(piece, m_view, m_frames);
        } catch (const Error& e) {
            if (e.kind() == ErrorKind::Cancelled)
                throw;
            m_failed.push_back(scopeName(piece.cluster) + (e.detail().empty() ? "" : " (" + e.detail() + ")"));
            return placeSimply(piece, m_view, m_frames);
        }
    }

    // Top down: each piece's content origin, from its frame in the parent.
    void place()
    {
        m_origin.assign(m_set.pieces.size(), {});
        m_out.items.resize(m_view.items.size());
        m_out.edges.resize(m_view.edges.size());
        m_out.clusters.resize(m_view.clusters.size());
        const size_t top = m_set.pieces.size() - 1;
        m_origin[top] = {kMargin, kMargin};
        m_out.width = m_laid[top]->width + 2 * kMargin;
        m_out.height = m_laid[top]->height + 2 * kMargin;
        for (size_t p = m_set.pieces.size(); p-- > 0;) {
            const Piece& piece = m_set.pieces[p];
            const PieceLayout& laid = *m_laid[p];
            const LayoutPoint o = m_origin[p];
            for (size_t m = 0; m < piece.items.size(); ++m) {
                const LayoutRect& r = laid.nodes[m];
                m_out.items[piece.items[m]] = {r.x + o.x, r.y + o.y, r.width, r.height};
            }
            for (size_t c = 0; c < piece.children.size(); ++c) {
                const int cluster = piece.children[c];
                const LayoutRect& r = laid.nodes[piece.items.size() + c];
                const LayoutRect frame{r.x + o.x, r.y + o.y, m_frames[cluster].width, m_frames[cluster].height};
                m_out.clusters[cluster] = frame;
                const int childPiece = m_set.pieceOfCluster[cluster];
                const double inner = frame.width - 2 * kFramePadding;
                m_origin[childPiece] = {frame.x + kFramePadding + (inner - m_laid[childPiece]->width) / 2,
                                        frame.y + kFrameHeader + kFramePadding};
            }
        }
    }

    // Each view edge: its legs' paths joined, from the source's piece up and down to the target's.
    void route()
    {
        for (size_t e = 0; e < m_view.edges.size(); ++e) {
            if (m_view.edges[e].ordering)
                continue;
            EdgeLayout& out = m_out.edges[e];
            for (const RouteLeg& leg : m_set.routes[e]) {
                const Piece& piece = m_set.pieces[leg.piece];
                const PieceEdge& edge = piece.edges[leg.edge];
                const EdgeLayout& laid = m_laid[leg.piece]->edges[leg.edge];
                const LayoutPoint o = m_origin[leg.piece];
                std::vector<LayoutPoint> path;
                path.reserve(laid.path.size());
                for (const LayoutPoint& p : laid.path)
                    path.push_back(shifted(p, o));
                appendPath(out.path, path);
                out.hasArrowHead = laid.hasArrowHead && edge.arrow;
                out.arrowTip = shifted(laid.arrowTip, o);
            }
        }
    }

    void writeNotes()
    {
        const auto listed = [](const std::vector<std::string>& names) {
            std::string text;
            for (size_t i = 0; i < names.size() && i < kNamedInNote; ++i)
                text += (i ? ", " : "") + names[i];
            if (names.size() > kNamedInNote)
                text += fmt::format(" and {} more", names.size() - kNamedInNote);
            return text;
        };
        if (!m_tooBig.empty())
            m_out.notes.push_back("Too big for one Graphviz layout, placed simply: " + listed(m_tooBig) + ".");
        if (!m_failed.empty())
            m_out.notes.push_back("Graphviz failed on " + listed(m_failed) + "; placed simply.");
    }

    const GraphView& m_view;
    const LayoutOptions& m_options;
    PieceSet m_set;
    std::vector<std::shared_ptr<const PieceLayout>> m_laid;
    std::vector<LayoutRect> m_frames; // by view cluster: frame sizes (positions are in m_out.clusters)
    std::vector<LayoutPoint> m_origin;
    std::vector<std::string> m_tooBig;
    std::vector<std::string> m_failed;
    GraphLayout m_out;
};

} // namespace

GraphLayout layoutGraphView(const Graph&, const GraphView& view, const LayoutOptions& options)
{
    return Composer(view, options).compose();
}

} // namespace ptscope
