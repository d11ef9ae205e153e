#include "ptscope/worker/worker.h"
#include "io/jsontext.h"

#include "ptscope/common/error.h"
#include "ptscope/load/devices.h"
#include "worker/workerinspector.h"
#include "worker/workersession.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <istream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>
#include <unistd.h>

namespace ptscope {

namespace {

using json = nlohmann::json;
using ordered = nlohmann::ordered_json;

constexpr int kProtocolVersion = 2;

// Replies come from the main loop, progress from inside a run, cancel replies from the reader
// thread: one line at a time, each flushed so the client sees it at once.
class LineWriter
{
public:
    explicit LineWriter(std::ostream& out) : m_out(out) {}

    void write(const ordered& message)
    {
        const std::string line = jsonText(message, -1);
        std::lock_guard<std::mutex> lock(m_mutex);
        m_out << line << '\n';
        m_out.flush();
    }

private:
    std::mutex m_mutex;
    std::ostream& m_out;
};

// A request waiting for its lane, with the number of opens sent before it: a request that looks
// at the model waits until those have finished, so it sees the model the client opened last.
struct Queued
{
    std::string line;
    int opensBefore = 0;
};

struct Inbox
{
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Queued> lines;       // the task lane: open, run, profile, compare, ping, shutdown...
    std::deque<Queued> inspections; // the inspection lane: graph, layout, render, source
    int opensQueued = 0;
    int opensDone = 0;
    bool ended = false;    // end of input reached: the reader has finished
    bool stopping = false; // shutdown: the inspection lane takes nothing more
    CancelToken current; // of the run in progress
    bool running = false;
    CancelToken inspection; // of the layout or render in progress
    bool inspecting = false;
};

ordered errorReply(const json& id, const Error& e)
{
    ordered error = {{"kind", errorKindId(e.kind())}, {"message", e.message()}, {"hint", e.hint()}};
    if (!e.detail().empty())
        error["detail"] = e.detail();
    return {{"id", id}, {"ok", false}, {"error", error}};
}

ordered okReply(const json& id, ordered result)
{
    return {{"id", id}, {"ok", true}, {"result", std::move(result)}};
}

// The request's id may be any JSON value the client likes; replies echo it.
json idOf(const json& request)
{
    return request.is_object() && request.contains("id") ? request["id"] : json(nullptr);
}

std::string commandOf(const json& request)
{
    if (!request.is_object())
        return {};
    const auto it = request.find("cmd");
    return it != request.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void readLines(std::istream& in, Inbox& inbox, LineWriter& writer)
{
    std::string line;
    while (std::getline(in, line)) {
        const json request = json::parse(line, nullptr, false);
        const std::string cmd = commandOf(request);
        if (cmd == "cancel") {
            // Handled here, not queued: the main loop is busy with the run it should stop, or the
            // inspection lane with the layout ("lane": "inspection").
            std::lock_guard<std::mutex> lock(inbox.mutex);
            const auto lane = request.find("lane");
            const bool inspection = lane != request.end() && lane->is_string() && *lane == "inspection";
            const bool busy = inspection ? inbox.inspecting : inbox.running;
            if (busy)
                (inspection ? inbox.inspection : inbox.current).cancel();
            writer.write(okReply(idOf(request), {{"cancelled", busy}}));
            continue;
        }
        std::lock_guard<std::mutex> lock(inbox.mutex);
        if (WorkerInspector::handles(cmd)) {
            inbox.inspections.push_back({std::move(line), inbox.opensQueued});
        } else {
            inbox.opensQueued += cmd == "open";
            inbox.lines.push_back({std::move(line), inbox.opensQueued});
        }
        inbox.changed.notify_all();
    }
    // End of input means no more requests; those already sent are still answered, like a script
    // piping its requests in. A client that wants the worker gone at once kills it.
    std::lock_guard<std::mutex> lock(inbox.mutex);
    inbox.ended = true;
    inbox.changed.notify_all();
}

// A lane's work in progress: its fresh cancel token where the reader's cancel finds it, and the
// lane marked busy until the work ends, however it ends.
struct LaneBusy
{
    LaneBusy(Inbox& inbox, CancelToken& slot, bool& flag) : inbox(inbox), flag(flag)
    {
        std::lock_guard<std::mutex> lock(inbox.mutex);
        slot = token;
        flag = true;
    }
    ~LaneBusy()
    {
        std::lock_guard<std::mutex> lock(inbox.mutex);
        flag = false;
    }
    LaneBusy(const LaneBusy&) = delete;
    LaneBusy& operator=(const LaneBusy&) = delete;

    Inbox& inbox;
    bool& flag;
    const CancelToken token;
};

class Dispatcher
{
public:
    Dispatcher(Inbox& inbox, LineWriter& writer) : m_inbox(inbox), m_writer(writer), m_session(m_slot) {}

    // The inspection lane's loop, on its own thread, until shutdown or the end of input.
    void inspect()
    {
        WorkerInspector inspector(m_slot);
        while (true) {
            std::string line;
            {
                std::unique_lock<std::mutex> lock(m_inbox.mutex);
                m_inbox.changed.wait(lock, [&] {
                    return m_inbox.stopping || (m_inbox.ended && m_inbox.lines.empty() && m_inbox.inspections.empty()) ||
                           (!m_inbox.inspections.empty() &&
                            m_inbox.inspections.front().opensBefore <= m_inbox.opensDone);
                });
                if (m_inbox.stopping || m_inbox.inspections.empty())
                    return;
                line = std::move(m_inbox.inspections.front().line);
                m_inbox.inspections.pop_front();
            }
            answer(line, [&](const std::string& cmd, const json& request) {
                const LaneBusy busy(m_inbox, m_inbox.inspection, m_inbox.inspecting);
                m_writer.write(okReply(idOf(request), inspector.handle(cmd, request, busy.token)));
                return true;
            });
        }
    }

    // The task lane. Returns false after shutdown.
    bool handle(const std::string& line)
    {
        return answer(line, [&](const std::string& cmd, const json& request) { return task(cmd, request); });
    }

    void finishOpen()
    {
        std::lock_guard<std::mutex> lock(m_inbox.mutex);
        ++m_inbox.opensDone;
        m_inbox.changed.notify_all();
    }

private:
    // Parses the line and hands it to work, turning every failure into the request's error reply.
    template <typename Work> bool answer(const std::string& line, Work work)
    {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            return true;
        const json request = json::parse(line, nullptr, false);
        const json id = idOf(request);
        try {
            if (request.is_discarded())
                throw Error(ErrorKind::ProtocolError, "The request is not valid JSON.",
                            "Send one JSON object per line.");
            const std::string cmd = commandOf(request);
            if (cmd.empty())
                throw Error(ErrorKind::ProtocolError, "The request has no \"cmd\".",
                            "Send {\"id\": 1, \"cmd\": \"open\", ...}.");
            return work(cmd, request);
        } catch (const Error& e) {
            m_writer.write(errorReply(id, e));
        } catch (const std::exception& e) {
            m_writer.write(
                errorReply(id, Error(ErrorKind::Internal, std::string("Unexpected error: ") + e.what())));
        } catch (...) {
            m_writer.write(errorReply(id, Error(ErrorKind::Internal, "Unexpected error.")));
        }
        return true;
    }

    bool task(const std::string& cmd, const json& request)
    {
        const json id = idOf(request);
        bool keepGoing = true;
        {
            if (cmd == "open") {
                struct Done
                {
                    Dispatcher& d;
                    ~Done() { d.finishOpen(); }
                } done{*this};
                m_writer.write(okReply(id, m_session.open(request)));
            } else if (cmd == "load_library") {
                m_writer.write(okReply(id, m_session.loadLibrary(request)));
            } else if (cmd == "run" || cmd == "profile" || cmd == "compare") {
                m_writer.write(okReply(id, longTask(request, cmd)));
            } else if (cmd == "ping") {
                m_writer.write(okReply(id, {{"protocol", kProtocolVersion}}));
            } else if (cmd == "shutdown") {
                m_writer.write(okReply(id, ordered::object()));
                keepGoing = false;
            } else {
                throw Error(ErrorKind::ProtocolError, "Unknown command '" + cmd + "'.",
                            "Commands: open, run, profile, compare, graph, layout, render, source, load_library, cancel, "
                            "ping, shutdown.");
            }
        }
        return keepGoing;
    }

    // run, profile and compare: one long request at a time, which cancel stops.
    ordered longTask(const json& request, const std::string& cmd)
    {
        const LaneBusy busy(m_inbox, m_inbox.current, m_inbox.running);
        const CancelToken& token = busy.token;
        const auto emit = [this](const ordered& event) { m_writer.write(event); };
        if (cmd == "compare")
            return m_session.compare(request, token, emit);
        return cmd == "run" ? m_session.run(request, token, emit) : m_session.profile(request, token, emit);
    }

    Inbox& m_inbox;
    LineWriter& m_writer;
    ModelSlot m_slot;
    WorkerSession m_session;
};

} // namespace

int serveWorker(std::istream& in, std::ostream& out)
{
    // Shared with the reader thread, which may outlive this call (see below).
    auto inbox = std::make_shared<Inbox>();
    auto writer = std::make_shared<LineWriter>(out);
    writer->write({{"event", "ready"},
                   {"protocol", kProtocolVersion},
                   {"pid", static_cast<int64_t>(getpid())},
                   {"devices", availableDevices()}});

    std::thread reader([inbox, writer, &in] { readLines(in, *inbox, *writer); });
    Dispatcher dispatcher(*inbox, *writer);
    std::thread inspections([&dispatcher] { dispatcher.inspect(); });
    while (true) {
        std::string line;
        {
            std::unique_lock<std::mutex> lock(inbox->mutex);
            inbox->changed.wait(lock, [&] { return !inbox->lines.empty() || inbox->ended; });
            if (inbox->lines.empty())
                break;
            line = std::move(inbox->lines.front().line);
            inbox->lines.pop_front();
        }
        if (!dispatcher.handle(line))
            break;
    }
    // Inspections already received are answered at the end of input (as requests are); after
    // shutdown the lane takes nothing more. Either way it finishes the one in hand.
    {
        std::unique_lock<std::mutex> lock(inbox->mutex);
        if (!inbox->ended)
            inbox->stopping = true;
        inbox->changed.notify_all();
    }
    inspections.join();

    // After shutdown the client may keep its end open; a read blocked on it cannot be interrupted,
    // so the reader is left to the process's exit unless it finishes promptly.
    std::unique_lock<std::mutex> lock(inbox->mutex);
    if (inbox->changed.wait_for(lock, std::chrono::milliseconds(200), [&] { return inbox->ended; })) {
        lock.unlock();
        reader.join();
    } else {
        lock.unlock();
        reader.detach();
    }
    return 0;
}

} // namespace ptscope
