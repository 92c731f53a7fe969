// Raft skeleton: leader election done, log replication for you to write.
//
// What it does: nodes elect a leader with Raft's rules (terms, one vote per
// term, randomized election timeouts, heartbeats from the leader). Clients
// may send read, write and cas to any node; a follower forwards them to the
// leader it knows, and the leader serves them from its own map.
// What the lin-kv workload checks: the history of reads, writes and cas that
// clients saw is linearizable.
//
// As it is, the store is correct only while the leader never changes (no
// faults): a new leader starts with an empty map, and an old leader cut off
// by a partition keeps answering from a stale one. What to write (the TODOs):
// a log of operations that the leader appends to and replicates with
// append_entries, a commit index that advances once a majority stores an
// entry, applying committed entries in order (and only then replying to the
// client), and the election restriction (vote only for candidates whose log
// is at least as up to date as yours). Then partition the cluster and let
// the checker judge it.
//
//   maelstrom test -w lin-kv --bin build/native/programs/nodes/raft --node-count 3 --time-limit 20 --nemesis partition
#include <cdd/maelstrom.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>

using namespace cdd::maelstrom;

enum class Role { follower, candidate, leader };

int main() {
  Node node;
  Role role = Role::follower;
  std::int64_t term = 0;
  std::string voted_for;        // in this term; "" = nobody yet
  std::string leader;           // the leader of this term, once known
  Millis election_deadline = 0;
  std::map<std::string, json> store;  // TODO: becomes the state machine the committed log is applied to
  std::mt19937 random(std::random_device{}());

  // A follower that hears nothing from a leader for 300-600 ms stands for
  // election. The spread makes it unlikely that two stand at the same moment.
  auto reset_election_timer = [&] {
    election_deadline = node.now() + std::uniform_int_distribution<Millis>(300, 600)(random);
  };
  // Any message with a newer term means this node is behind: follow.
  auto observe_term = [&](const json& body) {
    std::int64_t seen = body.value("term", std::int64_t{0});
    if (seen > term) {
      term = seen;
      role = Role::follower;
      voted_for.clear();
      leader.clear();
    }
  };
  auto majority = [&] { return node.node_ids().size() / 2 + 1; };

  auto send_heartbeats = [&] {
    for (const auto& peer : node.node_ids()) {
      if (peer == node.id()) continue;
      // TODO: carry the log entries this peer lacks (prev_log_index, prev_log_term, entries, leader_commit).
      node.rpc(peer, {{"type", "append_entries"}, {"term", term}, {"leader_id", node.id()}},
               [&](Message& reply) { if (!reply.is_error()) observe_term(reply.body); }, 200);
    }
  };

  auto become_leader = [&] {
    role = Role::leader;
    leader = node.id();
    node.log("leader for term ", term);
    send_heartbeats();
  };

  auto start_election = [&] {
    role = Role::candidate;
    ++term;
    voted_for = node.id();
    leader.clear();
    reset_election_timer();
    auto votes = std::make_shared<std::size_t>(1);  // our own
    std::int64_t election_term = term;
    node.log("candidate for term ", term);
    if (*votes >= majority()) return become_leader();
    for (const auto& peer : node.node_ids()) {
      if (peer == node.id()) continue;
      // TODO: send last_log_index and last_log_term for the election restriction.
      node.rpc(peer, {{"type", "request_vote"}, {"term", term}, {"candidate_id", node.id()}},
               [&, votes, election_term](Message& reply) {
                 if (reply.is_error()) return;
                 observe_term(reply.body);
                 bool still_running = role == Role::candidate && term == election_term;
                 if (still_running && reply.body.value("vote_granted", false) && ++*votes >= majority()) become_leader();
               }, 300);
    }
  };

  node.on("init", [&](Message&) { reset_election_timer(); });

  // Every 50 ms: a leader sends heartbeats (every other tick), others check their election timeout.
  std::int64_t ticks = 0;
  node.every(50, [&] {
    if (node.id().empty()) return;  // before init
    if (role == Role::leader) {
      if (++ticks % 2 == 0) send_heartbeats();
    } else if (node.now() >= election_deadline) {
      start_election();
    }
  });

  node.on("request_vote", [&](Message& req) {
    observe_term(req.body);
    std::string candidate = req.body.value("candidate_id", std::string());
    bool grant = req.body.value("term", std::int64_t{0}) == term && (voted_for.empty() || voted_for == candidate);
    // TODO: and only if the candidate's log is at least as up to date as ours.
    if (grant) {
      voted_for = candidate;
      reset_election_timer();  // a vote given is a reason to wait for that candidate
    }
    node.reply(req, {{"type", "request_vote_ok"}, {"term", term}, {"vote_granted", grant}});
  });

  node.on("append_entries", [&](Message& req) {
    observe_term(req.body);
    bool current = req.body.value("term", std::int64_t{0}) == term;
    if (current) {
      role = Role::follower;  // a candidate that hears the new leader steps down
      leader = req.body.value("leader_id", std::string());
      reset_election_timer();
      // TODO: check prev_log_index/prev_log_term, append the entries, advance the commit index.
    }
    node.reply(req, {{"type", "append_entries_ok"}, {"term", term}, {"success", current}});
  });

  // Client requests. TODO: the leader appends the operation to its log and
  // replies only once the entry is committed and applied.
  auto apply = [&](Message& req) {
    std::string key = dump(req.body["key"]);
    auto it = store.find(key);
    std::string type = req.type();
    if (type == "write") {
      store[key] = req.body["value"];
      return node.reply(req, {{"type", "write_ok"}});
    }
    if (it == store.end()) return node.error(req, code::key_does_not_exist, "no such key");
    if (type == "read") return node.reply(req, {{"type", "read_ok"}, {"value", it->second}});
    if (it->second != req.body["from"]) return node.error(req, code::precondition_failed, "value differs");
    it->second = req.body["to"];
    node.reply(req, {{"type", "cas_ok"}});
  };
  auto serve = [&](Message& req) {
    if (role == Role::leader) return apply(req);
    if (leader.empty()) return node.error(req, code::temporarily_unavailable, "no leader known yet");
    json forward = req.body;
    forward.erase("msg_id");
    node.rpc(leader, forward, [&node, req](Message& answer) {
      json body = answer.body;
      body.erase("msg_id");
      body.erase("in_reply_to");
      node.reply(req, body);  // a timeout becomes error 0: the client cannot know whether it happened
    }, 1000);
  };
  node.on("read", serve);
  node.on("write", serve);
  node.on("cas", serve);

  node.run();
}
