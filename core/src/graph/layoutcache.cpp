#include "layoutpiece.h"

#include <mutex>
#include <unordered_map>

namespace ptscope {

struct LayoutCache::Impl
{
    mutable std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const PieceLayout>> pieces;
    size_t maxEntries = 0;
    size_t hits = 0;
    size_t misses = 0;
};

LayoutCache::LayoutCache(size_t maxEntries) : m_impl(std::make_unique<Impl>())
{
    m_impl->maxEntries = maxEntries;
}

LayoutCache::~LayoutCache() = default;

std::shared_ptr<const PieceLayout> LayoutCache::find(const std::string& key)
{
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    const auto it = m_impl->pieces.find(key);
    if (it == m_impl->pieces.end()) {
        ++m_impl->misses;
        return nullptr;
    }
    ++m_impl->hits;
    return it->second;
}

void LayoutCache::insert(const std::string& key, std::shared_ptr<const PieceLayout> piece)
{
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    // Simplest bound that keeps a session's views: start afresh when full.
    if (m_impl->pieces.size() >= m_impl->maxEntries)
        m_impl->pieces.clear();
    m_impl->pieces[key] = std::move(piece);
}

size_t LayoutCache::hits() const
{
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    return m_impl->hits;
}

size_t LayoutCache::misses() const
{
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    return m_impl->misses;
}

size_t LayoutCache::size() const
{
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    return m_impl->pieces.size();
}

} // namespace ptscope
