#include "load/picklescan.h"

#include "ptscope/common/error.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace ptscope {

namespace {

class Scanner
{
public:
    Scanner(const std::string& bytes, const std::string& record, const PickleLimits& limits)
        : m_bytes(bytes), m_record(record), m_limits(limits)
    {
    }

    void run()
    {
        while (m_at < m_bytes.size()) {
            m_op = m_at;
            const unsigned char op = static_cast<unsigned char>(m_bytes[m_at++]);
            if (!step(op))
                return;
        }
        fail("the pickle ends without its STOP opcode");
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw Error(ErrorKind::CorruptArchive,
                    "The archive is damaged: " + m_record + " " + what + " (at byte " + std::to_string(m_op) + ").",
                    "LibTorch's unpickler would crash or exhaust memory on it; the file is damaged or was made to.");
    }
    uint64_t arg(int width)
    {
        if (m_bytes.size() - m_at < static_cast<size_t>(width))
            fail("is cut short inside an opcode");
        uint64_t value = 0;
        for (int i = width - 1; i >= 0; --i)
            value = (value << 8) | static_cast<unsigned char>(m_bytes[m_at + static_cast<size_t>(i)]);
        m_at += static_cast<size_t>(width);
        return value;
    }
    void skip(uint64_t length)
    {
        if (length > m_bytes.size() - m_at)
            fail("claims " + std::to_string(length) + " bytes of data that are not there");
        m_at += static_cast<size_t>(length);
    }
    void line()
    {
        const size_t end = m_bytes.find('\n', m_at);
        if (end == std::string::npos)
            fail("has an unterminated name");
        m_at = end + 1;
    }
    void push(int depth)
    {
        if (depth > m_limits.maxDepth)
            fail("nests containers more than " + std::to_string(m_limits.maxDepth) + " deep");
        m_stack.push_back(depth);
    }
    int pop()
    {
        if (m_stack.size() <= base())
            fail("takes more values than its stack holds");
        const int depth = m_stack.back();
        m_stack.pop_back();
        return depth;
    }
    size_t base() const { return m_marks.empty() ? 0 : m_marks.back(); }
    void need(size_t count) const
    {
        if (m_stack.size() < base() + count)
            fail("takes more values than its stack holds");
    }
    // The values since the last MARK, popped with it; their deepest nesting.
    int popMark()
    {
        if (m_marks.empty())
            fail("pops to a MARK that was never set");
        int deepest = 0;
        while (m_stack.size() > m_marks.back()) {
            deepest = std::max(deepest, m_stack.back());
            m_stack.pop_back();
        }
        m_marks.pop_back();
        return deepest;
    }
    void put(uint64_t index)
    {
        if (m_stack.empty())
            fail("memoizes a value from an empty stack");
        if (index > m_limits.maxMemoIndex)
            fail("uses memo index " + std::to_string(index));
        m_memo[index] = m_stack.back();
    }
    void get(uint64_t index)
    {
        const auto it = m_memo.find(index);
        if (it == m_memo.end())
            fail("reads memo index " + std::to_string(index) + ", which was never set");
        push(it->second);
    }
    // Adds to the container below the mark (APPENDS, SETITEMS).
    void addToContainer(int deepest)
    {
        if (m_stack.empty() || m_stack.size() <= base())
            fail("adds to a container that is not there");
        m_stack.back() = std::max(m_stack.back(), deepest + 1);
        if (m_stack.back() > m_limits.maxDepth)
            fail("nests containers more than " + std::to_string(m_limits.maxDepth) + " deep");
    }

    // False at STOP or at an opcode left to LibTorch.
    bool step(unsigned char op)
    {
        switch (op) {
        case 0x80: arg(1); return true;   // PROTO
        case 0x95: arg(8); return true;   // FRAME
        case '(':                         // MARK
            if (m_marks.size() >= static_cast<size_t>(m_limits.maxDepth))
                fail("nests MARKs more than " + std::to_string(m_limits.maxDepth) + " deep");
            m_marks.push_back(m_stack.size());
            return true;
        case '.': // STOP
            if (m_stack.empty())
                fail("stops with nothing on its stack");
            return false;
        case 'J': arg(4); push(0); return true; // BININT
        case 'K': arg(1); push(0); return true; // BININT1
        case 'M': arg(2); push(0); return true; // BININT2
        case 0x8a: skip(arg(1)); push(0); return true; // LONG1
        case 0x8b: skip(arg(4)); push(0); return true; // LONG4
        case 'N': case 0x88: case 0x89: push(0); return true; // NONE, NEWTRUE, NEWFALSE
        case 'G': arg(8); push(0); return true;                // BINFLOAT
        case 'X': case 'B': skip(arg(4)); push(0); return true; // BINUNICODE, BINBYTES
        case 0x8c: case 'C': skip(arg(1)); push(0); return true; // SHORT_BINUNICODE, SHORT_BINBYTES
        case 0x8d: case 0x8e: skip(arg(8)); push(0); return true; // BINUNICODE8, BINBYTES8
        case 'q': put(arg(1)); return true;            // BINPUT
        case 'r': put(arg(4)); return true;            // LONG_BINPUT
        case 0x94: put(m_memo.size()); return true;    // MEMOIZE
        case 'h': get(arg(1)); return true;            // BINGET
        case 'j': get(arg(4)); return true;            // LONG_BINGET
        case ']': case ')': case '}': push(1); return true; // EMPTY_LIST, EMPTY_TUPLE, EMPTY_DICT
        case 't': push(popMark() + 1); return true;    // TUPLE
        case 0x85: push(pop() + 1); return true;       // TUPLE1
        case 0x86: { const int a = pop(), b = pop(); push(std::max(a, b) + 1); return true; } // TUPLE2
        case 0x87: { const int a = pop(), b = pop(), c = pop(); push(std::max({a, b, c}) + 1); return true; } // TUPLE3
        case 'e': addToContainer(popMark()); return true; // APPENDS
        case 'u': addToContainer(popMark()); return true; // SETITEMS
        case 'a': addToContainer(pop()); return true;     // APPEND
        case 's': { const int v = pop(), k = pop(); addToContainer(std::max(v, k)); return true; } // SETITEM
        case 'c': line(); line(); push(0); return true;   // GLOBAL
        case 0x93: need(2); pop(); pop(); push(0); return true; // STACK_GLOBAL
        case 'R': { need(2); const int args = pop(); pop(); push(args); return true; } // REDUCE
        case 0x81: { need(2); const int args = pop(); pop(); push(args); return true; } // NEWOBJ
        case 'b': need(2); pop(); return true;            // BUILD
        case 'Q': need(1); pop(); push(0); return true;   // BINPERSID
        case '0': pop(); return true;                     // POP
        case '2': { need(1); const int top = m_stack.back(); push(top); return true; } // DUP
        default: return false; // LibTorch refuses what it does not know
        }
    }

    const std::string& m_bytes;
    const std::string& m_record;
    const PickleLimits& m_limits;
    size_t m_at = 0;
    size_t m_op = 0;
    std::vector<int> m_stack; // each value's nesting depth
    std::vector<size_t> m_marks;
    std::unordered_map<uint64_t, int> m_memo;
};

} // namespace

void scanPickle(const std::string& bytes, const std::string& record, const PickleLimits& limits)
{
    Scanner(bytes, record, limits).run();
}

} // namespace ptscope
