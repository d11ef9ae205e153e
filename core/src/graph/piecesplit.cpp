#include "layoutpiece.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace ptscope {

namespace {

// Clusters from `cluster` up to the top level (-1 last).
std::vector<int> chainOf(const GraphView& view, int cluster)
{
    std::vector<int> chain;
    for (int c = cluster; c >= 0; c = view.clusters[c].parent)
        chain.push_back(c);
    chain.push_back(-1);
    return chain;
}

class Splitter
{
public:
    explicit Splitter(const GraphView& view) : m_view(view) {}

    PieceSet split()
    {
        m_set.pieceOfCluster.assign(m_view.clusters.size(), -1);
        for (size_t c = 0; c < m_view.clusters.size(); ++c)
            if (m_view.clusters[c].parent < 0)
                addPiece(static_cast<int>(c));
        addTopLevel();
        m_memberOfItem.assign(m_view.items.size(), -1);
        for (const Piece& piece : m_set.pieces)
            for (size_t m = 0; m < piece.items.size(); ++m)
                m_memberOfItem[piece.items[m]] = static_cast<int>(m);
        m_set.routes.resize(m_view.edges.size());
        for (size_t e = 0; e < m_view.edges.size(); ++e)
            route(static_cast<int>(e));
        return std::move(m_set);
    }

private:
    // Children first, so a parent's piece comes after every piece inside it.
    void addPiece(int cluster)
    {
        for (int child : m_view.clusters[cluster].children)
            addPiece(child);
        Piece piece;
        piece.cluster = cluster;
        piece.items = m_view.clusters[cluster].items;
        piece.children = m_view.clusters[cluster].children;
        m_set.pieceOfCluster[cluster] = static_cast<int>(m_set.pieces.size());
        m_set.pieces.push_back(std::move(piece));
    }

    void addTopLevel()
    {
        Piece top;
        for (size_t i = 0; i < m_view.items.size(); ++i)
            if (m_view.items[i].cluster < 0)
                top.items.push_back(static_cast<int>(i));
        for (size_t c = 0; c < m_view.clusters.size(); ++c)
            if (m_view.clusters[c].parent < 0)
                top.children.push_back(static_cast<int>(c));
        m_set.pieces.push_back(std::move(top));
    }

    int pieceIndex(int cluster) const
    {
        return cluster < 0 ? static_cast<int>(m_set.pieces.size()) - 1 : m_set.pieceOfCluster[cluster];
    }

    // The member of `cluster`'s piece that holds the item: the item itself, or the child on the chain.
    int memberFor(int item, const std::vector<int>& chain, size_t at) const
    {
        if (at == 0)
            return m_memberOfItem[item];
        const Piece& piece = m_set.pieces[pieceIndex(chain[at])];
        const int child = chain[at - 1];
        const auto it = std::find(piece.children.begin(), piece.children.end(), child);
        return static_cast<int>(piece.items.size() + (it - piece.children.begin()));
    }

    int port(int pieceIdx, int member, bool in)
    {
        Piece& piece = m_set.pieces[pieceIdx];
        const auto key = std::make_tuple(pieceIdx, member, in);
        auto it = m_ports.find(key);
        if (it == m_ports.end()) {
            it = m_ports.emplace(key, piece.memberCount() + static_cast<int>(piece.ports.size())).first;
            piece.ports.push_back({member, in});
        }
        return it->second;
    }

    RouteLeg leg(int pieceIdx, int from, int to, const ViewEdge& viewEdge, bool arrow)
    {
        Piece& piece = m_set.pieces[pieceIdx];
        const auto key = std::make_tuple(pieceIdx, from, to);
        auto it = m_edges.find(key);
        if (it == m_edges.end()) {
            it = m_edges.emplace(key, static_cast<int>(piece.edges.size())).first;
            PieceEdge edge;
            edge.from = from;
            edge.to = to;
            edge.constraint = !viewEdge.backEdge;
            edge.visible = !viewEdge.ordering;
            edge.arrow = arrow;
            piece.edges.push_back(edge);
        }
        PieceEdge& edge = piece.edges[it->second];
        // Shared by several view edges: drawn if any is, a constraint if any is not a back edge.
        edge.visible = edge.visible || !viewEdge.ordering;
        edge.constraint = edge.constraint || !viewEdge.backEdge;
        return {pieceIdx, it->second};
    }

    void route(int e)
    {
        const ViewEdge& edge = m_view.edges[e];
        if (edge.from == edge.to)
            return;
        const std::vector<int> a = chainOf(m_view, m_view.items[edge.from].cluster);
        const std::vector<int> b = chainOf(m_view, m_view.items[edge.to].cluster);
        size_t ai = 0, bi = 0;
        // The nearest scope holding both ends.
        for (bi = 0; bi < b.size(); ++bi) {
            const auto found = std::find(a.begin(), a.end(), b[bi]);
            if (found != a.end()) {
                ai = static_cast<size_t>(found - a.begin());
                break;
            }
        }
        std::vector<RouteLeg>& legs = m_set.routes[e];
        for (size_t k = 0; k < ai; ++k) {
            const int p = pieceIndex(a[k]);
            const int member = memberFor(edge.from, a, k);
            legs.push_back(leg(p, member, port(p, member, false), edge, false));
        }
        const int lca = pieceIndex(a[ai]);
        const int toMember = memberFor(edge.to, b, bi);
        legs.push_back(leg(lca, memberFor(edge.from, a, ai), toMember, edge, bi == 0));
        for (size_t k = bi; k-- > 0;) {
            const int p = pieceIndex(b[k]);
            const int member = memberFor(edge.to, b, k);
            legs.push_back(leg(p, port(p, member, true), member, edge, k == 0));
        }
    }

    const GraphView& m_view;
    PieceSet m_set;
    std::vector<int> m_memberOfItem;
    std::map<std::tuple<int, int, bool>, int> m_ports;
    std::map<std::tuple<int, int, int>, int> m_edges;
};

} // namespace

PieceSet splitIntoPieces(const GraphView& view)
{
    return Splitter(view).split();
}

} // namespace ptscope
