// Broadcast by gossip (Gossip Glomers' challenge 3).
//
// What it does: clients send `broadcast {message: m}` to any node; every node
// must learn every message, and `read` returns all the messages a node has
// seen. `topology` tells each node its neighbours. A node passes new messages
// on to its neighbours in batches (`gossip`) every 100 ms and keeps resending
// a message to a neighbour until that neighbour acknowledges it, so a lost or
// delayed message is sent again and a partition only delays delivery.
// What the broadcast workload checks: every value whose broadcast was
// acknowledged is eventually read on every node; it also reports messages
// between nodes per broadcast and how long a value takes to arrive.
// Things to try: gossip at once instead of on a timer (latency vs. messages),
// or a topology of your own (a tree, a ring) instead of the given one.
//
//   maelstrom test -w broadcast --bin build/native/programs/nodes/broadcast --node-count 5 --time-limit 20 --rate 10 --nemesis partition
#include <cdd/maelstrom.h>

#include <map>
#include <set>
#include <string>
#include <vector>

using namespace cdd::maelstrom;

int main() {
  Node node;
  std::map<std::string, json> seen;                       // message text -> message
  std::vector<std::string> neighbours;                    // whom this node gossips to
  std::map<std::string, std::set<std::string>> unacked;  // neighbour -> messages it has not confirmed
  std::set<std::string> in_flight;                        // neighbours with a gossip awaiting its ack

  // A message new to this node is kept, and owed to every neighbour but the sender.
  auto learn = [&](const json& message, const std::string& from) {
    std::string text = dump(message);
    if (!seen.emplace(text, message).second) return;
    for (const auto& n : neighbours) {
      if (n != from) unacked[n].insert(text);
    }
  };

  node.on("init", [&](Message&) {
    // Until a topology arrives, everyone is a neighbour.
    for (const auto& n : node.node_ids()) {
      if (n != node.id()) neighbours.push_back(n);
    }
  });

  node.on("topology", [&](Message& req) {
    auto mine = req.body["topology"].find(node.id());
    if (mine != req.body["topology"].end() && mine->is_array()) {
      neighbours.clear();
      for (const auto& n : *mine) {
        if (n.is_string() && n != node.id()) neighbours.push_back(n.get<std::string>());
      }
    }
    node.reply(req, {{"type", "topology_ok"}});
  });

  node.on("broadcast", [&](Message& req) {
    learn(req.body["message"], req.src);
    node.reply(req, {{"type", "broadcast_ok"}});
  });

  node.on("read", [&](Message& req) {
    json messages = json::array();
    for (const auto& [text, message] : seen) messages.push_back(message);
    node.reply(req, {{"type", "read_ok"}, {"messages", messages}});
  });

  node.on("gossip", [&](Message& req) {
    for (const auto& message : req.body["messages"]) learn(message, req.src);
    node.reply(req, {{"type", "gossip_ok"}});
  });

  // Every 100 ms: send each neighbour what it has not acknowledged yet (one
  // batch in flight per neighbour). An ack removes exactly the messages of
  // that batch; no ack within 1 s (lost, partitioned) leaves them owed, so a
  // later round sends them again.
  node.every(100, [&] {
    for (const auto& [neighbour, owed] : unacked) {
      if (owed.empty() || in_flight.count(neighbour)) continue;
      json batch = json::array();
      for (const auto& text : owed) batch.push_back(seen[text]);
      std::string to = neighbour;
      in_flight.insert(to);
      node.rpc(to, {{"type", "gossip"}, {"messages", batch}}, [&, to, batch](Message& reply) {
        in_flight.erase(to);
        if (reply.is_error()) return;  // timed out: still owed
        for (const auto& message : batch) unacked[to].erase(dump(message));
      }, 1000);
    }
  });

  node.run();
}
