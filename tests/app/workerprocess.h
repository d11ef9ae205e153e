#pragma once

// `ptscope-cli worker` as a child process driven through pipes, the way the GUI drives it.

#include "testsupport.h"

#include <chrono>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace ptscope::test {

using nlohmann::json;

class Worker
{
public:
    Worker()
    {
        int in[2];
        int out[2];
        if (pipe(in) != 0 || pipe(out) != 0)
            throw std::runtime_error("pipe failed");
        m_pid = fork();
        if (m_pid == 0) {
            dup2(in[0], STDIN_FILENO);
            dup2(out[1], STDOUT_FILENO);
            close(in[0]);
            close(in[1]);
            close(out[0]);
            close(out[1]);
            execl(PTSCOPE_CLI_PATH, PTSCOPE_CLI_PATH, "worker", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(in[0]);
        close(out[1]);
        m_toWorker = in[1];
        m_fromWorker = out[0];
    }

    ~Worker()
    {
        if (m_toWorker >= 0)
            close(m_toWorker);
        close(m_fromWorker);
        if (m_pid > 0 && !m_exited) {
            kill(m_pid, SIGKILL);
            waitpid(m_pid, nullptr, 0);
        }
    }

    void sendLine(const std::string& line)
    {
        const std::string data = line + "\n";
        ASSERT_EQ(write(m_toWorker, data.data(), data.size()), static_cast<ssize_t>(data.size()));
    }
    void send(const json& request) { sendLine(request.dump()); }

    // The next line, parsed; fails the test (returning null) when none arrives in time or it is not JSON.
    json next(int timeoutMs = 60000)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (true) {
            const size_t newline = m_buffer.find('\n');
            if (newline != std::string::npos) {
                const std::string line = m_buffer.substr(0, newline);
                m_buffer.erase(0, newline + 1);
                const json parsed = json::parse(line, nullptr, false);
                EXPECT_FALSE(parsed.is_discarded()) << "not JSON: " << line;
                return parsed;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd p{m_fromWorker, POLLIN, 0};
            if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) {
                ADD_FAILURE() << "no line from the worker in time";
                return nullptr;
            }
            char chunk[65536];
            const ssize_t n = read(m_fromWorker, chunk, sizeof chunk);
            if (n <= 0) {
                ADD_FAILURE() << "the worker closed its output";
                return nullptr;
            }
            m_buffer.append(chunk, static_cast<size_t>(n));
        }
    }

    // The reply to request id, skipping progress events (collected in events).
    json reply(const json& id, std::vector<json>* events = nullptr)
    {
        while (true) {
            json line = next();
            if (line.is_null() || (line.contains("ok") && line["id"] == id))
                return line;
            if (events)
                events->push_back(line);
        }
    }

    json request(const json& r, std::vector<json>* events = nullptr)
    {
        send(r);
        return reply(r["id"], events);
    }

    // Exit status, waiting up to timeoutMs; -1 if still running.
    int waitExit(int timeoutMs)
    {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
                m_exited = true;
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            usleep(10000);
        }
        return -1;
    }

    void closeInput()
    {
        close(m_toWorker);
        m_toWorker = -1;
    }

private:
    pid_t m_pid = -1;
    int m_toWorker = -1;
    int m_fromWorker = -1;
    bool m_exited = false;
    std::string m_buffer;
};

inline json openRequest(int id, const std::string& model)
{
    return {{"id", id}, {"cmd", "open"}, {"path", fixturePath(model)}};
}

} // namespace ptscope::test
