// `ptscope-cli worker` driven the way the GUI drives it: a child process, JSON lines through pipes.

#include "ptscope/run/runjson.h"
#include "runcases.h"
#include "testsupport.h"
#include "workerprocess.h"

#include <chrono>
#include <gtest/gtest.h>
#include <poll.h>
#include <set>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace ptscope;
using namespace ptscope::test;
using nlohmann::json;

namespace {

TEST(WorkerPipe, StartsReadyAndOpensAModel)
{
    Worker w;
    const json ready = w.next();
    EXPECT_EQ(ready["event"], "ready");
    EXPECT_EQ(ready["protocol"], 2);
    EXPECT_EQ(ready["devices"][0], "cpu");

    const json r = w.request(openRequest(1, "multi_io_scripted.pt"));
    ASSERT_EQ(r["ok"], true) << r;
    const json expected = expectedFor("multi_io_scripted.pt");
    EXPECT_EQ(r["result"]["model"]["root_type"], expected["root_type"]);
    EXPECT_EQ(r["result"]["model"]["num_parameters"], expected["num_parameters"]);
    EXPECT_EQ(r["result"]["forward"], "forward(x: Tensor, y: Tensor, scale: float, n: int)");
    ASSERT_EQ(r["result"]["arguments"].size(), 4u);
    EXPECT_EQ(r["result"]["arguments"][2]["name"], "scale");
    EXPECT_EQ(r["result"]["arguments"][2]["kind"], "float");
    EXPECT_EQ(w.request({{"id", 2}, {"cmd", "shutdown"}})["ok"], true);
    EXPECT_EQ(w.waitExit(10000), 0);
}

TEST(WorkerPipe, OpenDescribesEveryMethodARequestCanName)
{
    Worker w;
    w.next();
    const json r = w.request(openRequest(1, "lstm_scripted.pt"));
    ASSERT_EQ(r["ok"], true) << r;
    EXPECT_TRUE(r["result"]["forward"].is_null());
    const json& methods = r["result"]["model"]["methods"];
    ASSERT_EQ(methods.size(), expectedFor("lstm_scripted.pt")["methods"].size());
    EXPECT_EQ(methods[0]["name"], "forward__0");
    EXPECT_EQ(methods[0]["signature"],
              "forward__0(input: Tensor, hx: Optional[Tuple[Tensor, Tensor]] = None)");
    ASSERT_EQ(methods[0]["arguments"].size(), 2u);
    EXPECT_EQ(methods[0]["arguments"][0]["kind"], "tensor");
    EXPECT_EQ(methods[0]["arguments"][1]["default_spec"], "none");
    EXPECT_EQ(methods[1]["name"], "forward__1");
    EXPECT_EQ(methods[1]["arguments"][0]["type"], "__torch__.torch.nn.utils.rnn.PackedSequence");

    // A model with forward lists it among its methods, with the arguments open gives for it.
    const json simple = w.request(openRequest(2, "simplenet_scripted.pt"));
    ASSERT_EQ(simple["ok"], true) << simple;
    EXPECT_EQ(simple["result"]["model"]["methods"][0]["name"], "forward");
    EXPECT_EQ(simple["result"]["model"]["methods"][0]["signature"], simple["result"]["forward"]);
    EXPECT_EQ(simple["result"]["model"]["methods"][0]["arguments"], simple["result"]["arguments"]);
}

TEST(WorkerPipe, RunsWritingOutputsAsNpy)
{
    const json& c = runCase("detect_list_arg");
    const TempFolder folder("workerrun");
    Worker w;
    w.next();
    ASSERT_EQ(w.request(openRequest(1, c["model"]))["ok"], true);
    std::vector<json> events;
    const json r = w.request({{"id", "run-1"},
                              {"cmd", "run"},
                              {"inputs", caseInputs(c)},
                              {"threads", 1},
                              {"repeat", 3},
                              {"output_dir", folder.path()}},
                             &events);
    ASSERT_EQ(r["ok"], true) << r;
    const RunResult result = runResultFromJson(r["result"].dump());
    EXPECT_EQ(compareOutputs(c["outputs"], result.samples.at(0).outputs), "");
    EXPECT_EQ(result.seconds.size(), 3u);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back()["event"], "progress");
    EXPECT_EQ(events.back()["id"], "run-1");
    EXPECT_EQ(events.back()["done"], 3);

    // The same model again, other inputs: the model stays open between runs.
    const json& again = runCase("detect_all");
    const json r2 = w.request({{"id", "run-2"},
                               {"cmd", "run"},
                               {"inputs_file", caseAllInputs(again)},
                               {"threads", 1},
                               {"output_dir", folder.path()}});
    ASSERT_EQ(r2["ok"], true) << r2;
    EXPECT_EQ(compareOutputs(again["outputs"], runResultFromJson(r2["result"].dump()).samples.at(0).outputs),
              "");
}

TEST(WorkerPipe, OpenLoadsOperatorLibraries)
{
    const json& c = runCase("nms");
    Worker w;
    w.next();
    json r = w.request(openRequest(1, c["model"]));
    EXPECT_EQ(r["error"]["kind"], "missing-operator");
    r = w.request({{"id", 2}, {"cmd", "open"}, {"path", caseModel(c)}, {"libraries", caseLibraries(c)}});
    ASSERT_EQ(r["ok"], true) << r;
    const TempFolder folder("workernms");
    r = w.request({{"id", 3},
                   {"cmd", "run"},
                   {"inputs", caseInputs(c)},
                   {"threads", 1},
                   {"output_dir", folder.path()}});
    ASSERT_EQ(r["ok"], true) << r;
    EXPECT_EQ(compareOutputs(c["outputs"], runResultFromJson(r["result"].dump()).samples.at(0).outputs), "");
}

TEST(WorkerPipe, BadRequestsGetErrorRepliesAndTheWorkerCarriesOn)
{
    Worker w;
    w.next();
    w.sendLine("this is not json");
    json r = w.next();
    EXPECT_TRUE(r["id"].is_null());
    EXPECT_EQ(r["ok"], false);
    EXPECT_EQ(r["error"]["kind"], "protocol-error");

    w.sendLine("[1, 2, 3]");
    EXPECT_EQ(w.next()["error"]["kind"], "protocol-error");

    r = w.request({{"id", 1}, {"cmd", "frobnicate"}});
    EXPECT_EQ(r["error"]["kind"], "protocol-error");
    EXPECT_NE(r["error"]["message"].get<std::string>().find("frobnicate"), std::string::npos);

    r = w.request({{"id", 2}, {"cmd", "run"}, {"inputs", {"float32[1,10]"}}});
    EXPECT_EQ(r["error"]["kind"], "protocol-error") << "run before open";

    r = w.request(openRequest(3, "no_such_model.pt"));
    EXPECT_EQ(r["error"]["kind"], "file-not-found");

    r = w.request(openRequest(4, "simplenet_scripted.pt"));
    ASSERT_EQ(r["ok"], true);
    r = w.request({{"id", 5}, {"cmd", "run"}, {"inputs", {"float32[1,10"}}});
    EXPECT_EQ(r["error"]["kind"], "invalid-input");
    r = w.request({{"id", 6}, {"cmd", "run"}, {"inputs", {"float32[1,7]"}}});
    EXPECT_EQ(r["error"]["kind"], "script-error");
    EXPECT_NE(r["error"]["detail"].get<std::string>().find("Traceback of TorchScript"), std::string::npos);
    r = w.request({{"id", 7}, {"cmd", "run"}, {"inputs", "float32[1,10]"}});
    EXPECT_EQ(r["error"]["kind"], "protocol-error") << "inputs must be a list";

    r = w.request({{"id", 8}, {"cmd", "ping"}});
    EXPECT_EQ(r["ok"], true);
    r = w.request({{"id", 9}, {"cmd", "run"}, {"inputs", {"float32[1,10]"}}});
    EXPECT_EQ(r["ok"], true) << r;
}

TEST(WorkerPipe, CancelStopsARun)
{
    Worker w;
    w.next();
    ASSERT_EQ(w.request(openRequest(1, "run/spin_scripted.pt"))["ok"], true);
    w.send({{"id", 2},
            {"cmd", "run"},
            {"inputs", {"float32[4]", "int:2000"}},
            {"repeat", 1000000},
            {"warmup", 0}});
    const json progress = w.next();
    EXPECT_EQ(progress["event"], "progress");
    w.send({{"id", 3}, {"cmd", "cancel"}});
    bool cancelReplied = false;
    bool runReplied = false;
    while (!(cancelReplied && runReplied)) {
        const json line = w.next();
        if (line.is_null())
            break;
        if (line["id"] == 3) {
            EXPECT_EQ(line["result"]["cancelled"], true);
            cancelReplied = true;
        } else if (line["id"] == 2 && line.contains("ok")) {
            EXPECT_EQ(line["ok"], false);
            EXPECT_EQ(line["error"]["kind"], "cancelled");
            runReplied = true;
        }
    }
    EXPECT_TRUE(cancelReplied && runReplied);
    EXPECT_EQ(w.request({{"id", 4}, {"cmd", "cancel"}})["result"]["cancelled"], false) << "nothing to cancel";
    EXPECT_EQ(w.request({{"id", 5}, {"cmd", "ping"}})["ok"], true);
}

TEST(WorkerPipe, TorchScriptPrintsDoNotReachTheProtocol)
{
    Worker w;
    w.next();
    ASSERT_EQ(w.request(openRequest(1, "run/print_scripted.pt"))["ok"], true);
    const json r = w.request({{"id", 2}, {"cmd", "run"}, {"inputs", {"float32[2]:zeros"}}, {"repeat", 2}});
    EXPECT_EQ(r["ok"], true) << r; // every line before the reply parsed as JSON (next() checks)
    EXPECT_EQ(r["result"]["outputs"][0]["min"], 1.0);
}

TEST(WorkerPipe, AnswersQueuedRequestsThenExitsAtTheEndOfInput)
{
    Worker w;
    w.next();
    w.send(openRequest(1, "simplenet_scripted.pt"));
    w.send({{"id", 2}, {"cmd", "run"}, {"inputs", {"float32[1,10]"}}});
    w.closeInput();
    EXPECT_EQ(w.reply(1)["ok"], true);
    EXPECT_EQ(w.reply(2)["ok"], true);
    EXPECT_EQ(w.waitExit(10000), 0);
}

} // namespace

TEST(WorkerPipe, ProfilesIntoAFileWithProgressByPhase)
{
    const TempFolder folder("workerprofile");
    Worker w;
    w.next();
    ASSERT_EQ(w.request(openRequest(1, "loop_scripted.pt"))["ok"], true);
    std::vector<json> events;
    const std::string file = folder.file("profile.json");
    const json r = w.request({{"id", "p-1"},
                              {"cmd", "profile"},
                              {"inputs", {"float32[2,4]:randn", "int:3"}},
                              {"threads", 1},
                              {"warmup", 2},
                              {"runs", 5},
                              {"output_file", file}},
                             &events);
    ASSERT_EQ(r["ok"], true) << r;
    EXPECT_EQ(r["result"]["file"], file);
    const json doc = readJson(file);
    EXPECT_EQ(r["result"]["nodes"], doc["nodes"].size());
    EXPECT_EQ(doc["timelines"].size(), 5u);
    EXPECT_EQ(doc["outputs_equal_forward"], true);
    std::set<std::string> phases;
    for (const json& e : events) {
        EXPECT_EQ(e["event"], "progress");
        EXPECT_EQ(e["id"], "p-1");
        phases.insert(e["phase"].get<std::string>());
    }
    EXPECT_EQ(phases, (std::set<std::string>{"probe", "warmup", "run"}));

    // A profile that cannot start says why; the worker carries on.
    const json bad = w.request({{"id", "p-2"}, {"cmd", "profile"}, {"inputs", {"float32[2,4]"}}, {"output_file", file}});
    EXPECT_EQ(bad["ok"], false);
    EXPECT_EQ(bad["error"]["kind"], "invalid-input");
    // Without a file the document comes inline, without timelines.
    const json inline_ = w.request({{"id", "p-3"}, {"cmd", "profile"}, {"inputs", {"float32[2,4]", "int:1"}}, {"runs", 2}});
    ASSERT_EQ(inline_["ok"], true) << inline_;
    EXPECT_EQ(inline_["result"]["executor"]["runs"].size(), 2u);
    EXPECT_FALSE(inline_["result"].contains("timelines"));
    EXPECT_EQ(w.request({{"id", 4}, {"cmd", "shutdown"}})["ok"], true);
    EXPECT_EQ(w.waitExit(10000), 0);
}
