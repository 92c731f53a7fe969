// Primary-backup key-value store, with a planted bug to find.
//
// What it does: the first node (n1) is the primary; the others are backups.
// Writes and cas go to the primary (a backup forwards them there); the
// primary applies each one, copies the new value to every backup
// (`replicate`) and answers the client once every backup has confirmed. A
// backup that does not confirm within 500 ms is taken out of the copy list,
// so one dead backup cannot stall every write. Reads are answered at once.
// What the lin-kv workload checks: the history of reads, writes and cas that
// clients saw is linearizable (one order of the operations, each taking
// effect between its request and its reply, explains every result).
//
// What to find: run it with 3 nodes and no faults; the checker is happy. Now
// isolate n1 from the other nodes (clients still reach every node) while the
// workload runs. The checker finds a violation. Which line of reasoning above
// is wrong, and what is the smallest fix? (An answer is at the bottom of this
// file, under "Spoiler".)
//
//   maelstrom test -w lin-kv --bin build/native/programs/nodes/primary_backup --node-count 3 --time-limit 20 --nemesis partition
#include <cdd/maelstrom.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

using namespace cdd::maelstrom;

struct Entry {
  json value;
  std::int64_t version = 0;  // the primary's count of writes; orders replicate messages
};

int main() {
  Node node;
  std::map<std::string, Entry> store;  // key (as JSON text) -> value
  std::set<std::string> backups;       // the primary's copy list
  std::int64_t writes = 0;
  auto primary = [&] { return node.node_ids().empty() ? std::string() : node.node_ids().front(); };

  node.on("init", [&](Message&) {
    for (const auto& n : node.node_ids()) {
      if (n != primary()) backups.insert(n);
    }
  });

  // Primary: send the key's new value to every backup, then answer the client.
  auto replicate_then_reply = [&](const Message& req, const std::string& key, json ok) {
    const Entry& entry = store[key];
    auto waiting = std::make_shared<int>(static_cast<int>(backups.size()));
    auto done = [&node, req, ok] { node.reply(req, ok); };
    if (*waiting == 0) return done();
    for (const auto& backup : std::set<std::string>(backups)) {
      json body = {{"type", "replicate"}, {"key", key}, {"value", entry.value}, {"version", entry.version}};
      node.rpc(backup, body, [&, backup, waiting, done](Message& reply) {
        if (reply.is_error()) {
          node.log("backup ", backup, " did not confirm; dropping it from the copy list");
          backups.erase(backup);
        }
        if (--*waiting == 0) done();
      }, 500);
    }
  };

  // Primary: apply a write or cas. Backup: forward it to the primary and pass the answer back.
  auto update = [&](Message& req) {
    if (node.id() != primary()) {
      json forward = req.body;
      forward.erase("msg_id");
      return node.rpc(primary(), forward, [&node, req](Message& answer) {
        json body = answer.body;
        body.erase("msg_id");
        body.erase("in_reply_to");
        node.reply(req, body);  // a timeout becomes error 0: the client cannot know whether it happened
      }, 1000);
    }
    std::string key = dump(req.body["key"]);
    auto it = store.find(key);
    if (req.type() == "cas") {
      if (it == store.end()) return node.error(req, code::key_does_not_exist, "no such key");
      if (it->second.value != req.body["from"]) return node.error(req, code::precondition_failed, "value differs");
    }
    store[key] = Entry{req.type() == "cas" ? req.body["to"] : req.body["value"], ++writes};
    replicate_then_reply(req, key, {{"type", req.type() + "_ok"}});
  };
  node.on("write", update);
  node.on("cas", update);

  node.on("replicate", [&](Message& req) {
    std::string key = req.body["key"].is_string() ? req.body["key"].get<std::string>() : std::string();
    std::int64_t version = req.body.value("version", std::int64_t{0});
    Entry& entry = store[key];
    if (version > entry.version) entry = Entry{req.body["value"], version};  // a late, older copy loses
    node.reply(req, {{"type", "replicate_ok"}});
  });

  node.on("read", [&](Message& req) {
    auto it = store.find(dump(req.body["key"]));
    if (it == store.end()) return node.error(req, code::key_does_not_exist, "no such key");
    node.reply(req, {{"type", "read_ok"}, {"value", it->second.value}});
  });

  node.run();
}

// Spoiler
// .
// .
// .
// Reads. A backup answers a read from its own copy, but nothing tells it that
// its copy is current: once n1 is cut off it drops the backups from its copy
// list and keeps acknowledging writes, while n2 and n3 keep serving the old
// values. A write acknowledged by n1 followed by a read at n2 that returns the
// older value is exactly what the checker reports. Fix: forward reads to the
// primary like writes (then the cut-off backups answer with errors instead of
// stale data). Even then, dropping backups without agreement is only safe
// while n1 stays the one primary; electing a new one safely is Raft's job.
