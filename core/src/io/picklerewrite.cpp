#include "io/picklerewrite.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ptscope {

namespace {

// Follows the opcodes on a model of the stack in which each value knows the offset of the first
// opcode that made it, so a MARK can be put right before the value APPEND adds.
class Rewriter
{
    struct Value
    {
        size_t start; // its first opcode
        size_t end;   // past its last, memoizing ones included
        bool removable;
        std::vector<uint64_t> memo; // where it was memoized
        std::optional<std::string> text;
    };
    struct Edit
    {
        size_t at;
        size_t length; // bytes replaced
        std::string with;
    };

public:
    explicit Rewriter(const std::string& bytes) : m_bytes(bytes) {}

    std::optional<std::string> run()
    {
        while (m_at < m_bytes.size()) {
            m_op = m_at;
            const unsigned char op = static_cast<unsigned char>(m_bytes[m_at++]);
            const int result = step(op);
            if (result < 0)
                return std::nullopt;
            if (result == 0)
                return rewritten();
        }
        return std::nullopt;
    }

private:
    bool arg(int width, uint64_t& value)
    {
        if (m_bytes.size() - m_at < static_cast<size_t>(width))
            return false;
        value = 0;
        for (int i = width - 1; i >= 0; --i)
            value = (value << 8) | static_cast<unsigned char>(m_bytes[m_at + static_cast<size_t>(i)]);
        m_at += static_cast<size_t>(width);
        return true;
    }
    bool skipArg(int width)
    {
        uint64_t ignored = 0;
        return arg(width, ignored);
    }
    bool data(int width)
    {
        uint64_t length = 0;
        if (!arg(width, length) || length > m_bytes.size() - m_at)
            return false;
        m_at += static_cast<size_t>(length);
        return true;
    }
    bool line()
    {
        const size_t end = m_bytes.find('\n', m_at);
        if (end == std::string::npos)
            return false;
        m_at = end + 1;
        return true;
    }
    // A string made by one opcode (and memoized right after) can be taken out again.
    void push(size_t start, std::optional<std::string> text = std::nullopt)
    {
        m_stack.push_back({start, m_at, text.has_value(), {}, std::move(text)});
    }
    bool pop(size_t& start, Value* whole = nullptr)
    {
        const size_t floor = m_marks.empty() ? 0 : m_marks.back().first;
        if (m_stack.size() <= floor)
            return false;
        start = m_stack.back().start;
        if (whole)
            *whole = m_stack.back();
        m_stack.pop_back();
        return true;
    }
    // Takes a string's opcodes out of the pickle; later BINGETs of its memo entries get the string
    // itself instead.
    bool takeOut(const Value& v)
    {
        if (!v.removable || !v.text || v.text->find('\n') != std::string::npos)
            return false;
        m_edits.erase(std::remove_if(m_edits.begin(), m_edits.end(),
                                     [&](const Edit& e) { return e.at >= v.start && e.at < v.end; }),
                      m_edits.end());
        edit(v.start, v.end - v.start, "");
        for (uint64_t index : v.memo)
            m_takenOut[index] = *v.text;
        return true;
    }
    void edit(size_t at, size_t length, std::string with) { m_edits.push_back({at, length, std::move(with)}); }
    static std::string le32(uint64_t v)
    {
        std::string out(4, '\0');
        for (int i = 0; i < 4; ++i)
            out[static_cast<size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
        return out;
    }
    // A string opcode (its length field `width` bytes): pushed with its text; protocol 4's short
    // and 8-byte forms become BINUNICODE, which LibTorch reads.
    int text(int width, bool unicode)
    {
        uint64_t length = 0;
        if (!arg(width, length) || length > m_bytes.size() - m_at)
            return -1;
        std::string value = m_bytes.substr(m_at, static_cast<size_t>(length));
        m_at += static_cast<size_t>(length);
        if (unicode && width != 4) {
            if (length > 0xffffffffu)
                return -1;
            edit(m_op, 1 + static_cast<size_t>(width), "X" + le32(length));
        }
        push(m_op, std::move(value));
        return 1;
    }
    void memoize(uint64_t index)
    {
        Value& top = m_stack.back();
        m_memo[index] = top.text;
        m_takenOut.erase(index);
        if (top.end == m_op) {
            top.end = m_at;
            top.memo.push_back(index);
        } else {
            top.removable = false;
        }
    }
    // A value above the innermost MARK: the container APPEND, SETITEM and BUILD work on.
    bool hasContainer() const
    {
        return m_stack.size() > (m_marks.empty() ? 0 : m_marks.back().first);
    }
    // A MARK put in at `at` must open after the innermost open one, or it would change what that
    // one takes (well-formed pickles always have it so).
    bool insideInnermostMark(size_t at) const
    {
        return m_marks.empty() || m_marks.back().second < at;
    }
    bool popMark(size_t& start)
    {
        if (m_marks.empty())
            return false;
        m_stack.resize(std::min(m_stack.size(), m_marks.back().first), Value{0, 0, false, {}, std::nullopt});
        start = m_marks.back().second;
        m_marks.pop_back();
        return true;
    }
    // Pops n values and pushes one that starts where the first of them did.
    bool combine(int n)
    {
        size_t start = m_op;
        for (int i = 0; i < n; ++i)
            if (!pop(start))
                return false;
        push(start);
        return true;
    }

    // 1: go on; 0: STOP; -1: cannot follow.
    int step(unsigned char op)
    {
        size_t start = 0;
        switch (op) {
        case 0x80: // PROTO: LibTorch reads only 2, and protocols 3 to 5 become it here
            if (!skipArg(1))
                return -1;
            if (static_cast<unsigned char>(m_bytes[m_op + 1]) != 2)
                edit(m_op + 1, 1, std::string(1, '\x02'));
            return 1;
        case 0x95: // FRAME
            if (!skipArg(8))
                return -1;
            edit(m_op, 9, "");
            return 1;
        case '(': m_marks.emplace_back(m_stack.size(), m_op); return 1;
        case '.': return 0;
        case 'J': return skipArg(4) ? (push(m_op), 1) : -1;
        case 'K': return skipArg(1) ? (push(m_op), 1) : -1;
        case 'M': return skipArg(2) ? (push(m_op), 1) : -1;
        case 0x8a: return data(1) ? (push(m_op), 1) : -1;
        case 0x8b: return data(4) ? (push(m_op), 1) : -1;
        case 'N': case 0x88: case 0x89: push(m_op); return 1;
        case 'G': return skipArg(8) ? (push(m_op), 1) : -1;
        case 'X': return text(4, true);
        case 0x8c: return text(1, true);
        case 0x8d: return text(8, true);
        case 'B': return data(4) ? (push(m_op), 1) : -1;
        case 'C': return data(1) ? (push(m_op), 1) : -1;
        case 0x8e: return data(8) ? (push(m_op), 1) : -1;
        case 'q': case 'r': {
            uint64_t index = 0;
            if (!arg(op == 'q' ? 1 : 4, index) || m_stack.empty())
                return -1;
            memoize(index);
            return 1;
        }
        case 0x94: // MEMOIZE: LONG_BINPUT at the next index
            // Python memoizes at len(memo), as the scan does.
            if (m_stack.empty() || m_memo.size() >= (size_t(1) << 24))
                return -1;
            edit(m_op, 1, "r" + le32(m_memo.size()));
            memoize(m_memo.size());
            return 1;
        case 'h': case 'j': {
            uint64_t index = 0;
            if (!arg(op == 'h' ? 1 : 4, index))
                return -1;
            const auto taken = m_takenOut.find(index);
            if (taken != m_takenOut.end())
                edit(m_op, m_at - m_op, "X" + le32(taken->second.size()) + taken->second);
            const auto it = m_memo.find(index);
            push(m_op, it == m_memo.end() ? std::nullopt : it->second);
            return 1;
        }
        case ']': case ')': case '}': push(m_op); return 1;
        case 't': return popMark(start) ? (push(start), 1) : -1;
        case 0x85: return combine(1) ? 1 : -1;
        case 0x86: return combine(2) ? 1 : -1;
        case 0x87: return combine(3) ? 1 : -1;
        case 'e': case 'u': return popMark(start) && hasContainer() ? 1 : -1;
        case 'a': // APPEND -> MARK value APPENDS
            if (m_sawDup || !pop(start) || !hasContainer() || !insideInnermostMark(start))
                return -1;
            edit(start, 0, "(");
            edit(m_op, 1, "e");
            return 1;
        case 's': { // SETITEM -> MARK key value SETITEMS
            size_t value = 0;
            if (m_sawDup || !pop(value) || !pop(start) || !hasContainer() || !insideInnermostMark(start))
                return -1;
            edit(start, 0, "(");
            edit(m_op, 1, "u");
            return 1;
        }
        case 'c': return line() && line() ? (push(m_op), 1) : -1;
        case 0x93: { // STACK_GLOBAL -> POP POP GLOBAL module name, from the strings it takes
            Value module, name;
            if (!pop(start, &name) || !pop(start, &module) || !takeOut(module) || !takeOut(name))
                return -1;
            edit(m_op, 1, "c" + *module.text + "\n" + *name.text + "\n");
            push(m_op);
            return 1;
        }
        case 'R': case 0x81: return combine(2) ? 1 : -1;   // REDUCE, NEWOBJ
        case 'b': return pop(start) && hasContainer() ? 1 : -1; // BUILD
        case 'Q': return combine(1) ? 1 : -1;              // BINPERSID
        case '0': return pop(start) ? 1 : -1;              // POP
        case '2': // DUP reads below a MARK put before it: no MARKs are put in after one
            if (m_stack.empty())
                return -1;
            m_sawDup = true;
            push(m_op);
            return 1;
        default: return -1;
        }
    }

    std::optional<std::string> rewritten()
    {
        if (m_edits.empty())
            return std::nullopt;
        // Insertions before the replacement of the same opcode.
        std::stable_sort(m_edits.begin(), m_edits.end(), [](const Edit& x, const Edit& y) {
            return x.at != y.at ? x.at < y.at : x.length < y.length;
        });
        std::string out;
        out.reserve(m_bytes.size() + m_edits.size() * 8);
        size_t copied = 0;
        for (const Edit& e : m_edits) {
            if (e.at < copied)
                return std::nullopt; // overlapping edits: not a pickle this follows
            out.append(m_bytes, copied, e.at - copied);
            out += e.with;
            copied = e.at + e.length;
        }
        out.append(m_bytes, copied, std::string::npos);
        return out;
    }

    const std::string& m_bytes;
    size_t m_at = 0;
    size_t m_op = 0;
    std::vector<Value> m_stack;
    std::vector<std::pair<size_t, size_t>> m_marks; // (stack size, offset) of each MARK
    std::map<uint64_t, std::optional<std::string>> m_memo;
    std::map<uint64_t, std::string> m_takenOut; // memo entries whose string was taken out
    std::vector<Edit> m_edits;
    bool m_sawDup = false;
};

} // namespace

std::optional<std::string> rewritePickleForLibTorch(const std::string& pickle)
{
    return Rewriter(pickle).run();
}

} // namespace ptscope
