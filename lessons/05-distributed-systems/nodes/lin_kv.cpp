// A single-node linearizable key-value store (Maelstrom's lin-kv workload).
//
// What it does: keeps a map from key to value and serves `read`, `write` and
// `cas` (compare-and-set) one message at a time. With one node there is one
// copy of the data and one order of operations, so every read sees the latest
// write: the store is linearizable without any extra work.
// What the lin-kv workload checks: the history of reads, writes and cas
// operations that clients saw is linearizable (some single order of the
// operations, each taking effect between its request and its reply, explains
// every result). Run it with 1 node; with more, each node would be its own
// separate store and the checker would find stale reads.
//
//   maelstrom test -w lin-kv --bin build/native/programs/nodes/lin_kv --node-count 1 --time-limit 10
#include <cdd/maelstrom.h>

#include <map>
#include <string>

using namespace cdd::maelstrom;

int main() {
  Node node;
  // Keys may be any JSON value ("k0", 3, ...): store them by their JSON text.
  std::map<std::string, json> store;

  node.on("read", [&](Message& req) {
    auto it = store.find(dump(req.body["key"]));
    if (it == store.end()) return node.error(req, code::key_does_not_exist, "no such key");
    node.reply(req, {{"type", "read_ok"}, {"value", it->second}});
  });

  node.on("write", [&](Message& req) {
    store[dump(req.body["key"])] = req.body["value"];
    node.reply(req, {{"type", "write_ok"}});
  });

  node.on("cas", [&](Message& req) {
    auto it = store.find(dump(req.body["key"]));
    if (it == store.end()) return node.error(req, code::key_does_not_exist, "no such key");
    if (it->second != req.body["from"]) {
      return node.error(req, code::precondition_failed, "expected " + dump(req.body["from"]) + ", found " + dump(it->second));
    }
    it->second = req.body["to"];
    node.reply(req, {{"type", "cas_ok"}});
  });

  node.run();
}
