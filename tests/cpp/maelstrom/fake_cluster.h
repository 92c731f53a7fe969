// Runs the harness's pure core against in-process fake nodes, in virtual
// time: every line the harness sends is handed to the fake node at once
// (FIFO), the fake's answers go back through Harness::on_line, and when
// nothing is in flight the clock jumps to the harness's next wake-up. So a
// test sees exactly what the core decides, with no process or timing in it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "harness.h"

namespace maelstrom_test {

using maelstrom::Json;
using maelstrom::Time;

// A fake node: gets a message envelope (src, dest, body) and returns the
// envelopes it sends in answer.
using FakeNode = std::function<std::vector<Json>(const Json& message, int self)>;

inline Json reply_to(const Json& m, Json body) {
  body["in_reply_to"] = m["body"]["msg_id"];
  return Json{{"src", m["dest"]}, {"dest", m["src"]}, {"body", std::move(body)}};
}

struct FakeRun {
  maelstrom::Summary summary;
  std::vector<std::vector<Json>> received;  // per node, every message it got
  Time end = 0;
  std::unique_ptr<maelstrom::Harness> harness;  // to look at the workload afterwards
};

inline FakeRun run_fake(maelstrom::HarnessOptions options, std::unique_ptr<maelstrom::Workload> workload,
                        const FakeNode& node) {
  auto harness = std::make_unique<maelstrom::Harness>(options, std::move(workload));
  FakeRun run;
  run.received.resize(static_cast<size_t>(options.nodes));
  Time now = 0;
  harness->start(now);
  for (int guard = 0; !harness->done() && guard < 1'000'000; ++guard) {
    std::vector<maelstrom::Delivery> out = harness->take_outbox();
    if (out.empty()) {
      now = std::max(now + 1, harness->next_wakeup());
      harness->on_tick(now);
      continue;
    }
    for (const auto& d : out) {
      now += 1000;  // 1 us per delivery, so latencies are not all zero
      const Json message = Json::parse(d.line);
      run.received[d.node].push_back(message);
      for (const Json& sent : node(message, d.node)) harness->on_line(d.node, sent.dump(), now);
    }
  }
  run.end = now;
  run.summary = harness->summary();
  run.harness = std::move(harness);
  return run;
}

}  // namespace maelstrom_test
