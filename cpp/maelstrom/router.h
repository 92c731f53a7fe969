// The harness's network: decides where a line a node wrote goes. Pure: no
// I/O, no clock. Node-to-node messages are delivered unless the partition
// nemesis isolates one of their ends or the destination is down; messages to
// clients (c0, c1, ...) go to the workload. Everything else is counted.
#pragma once

#include <string>
#include <vector>

#include "envelope.h"

namespace maelstrom {

enum class Route { to_node, to_client, dropped_partition, dropped_down, unknown_dest, rejected };

struct RouteResult {
  Route route = Route::rejected;
  int node = -1;       // to_node: destination index
  Envelope envelope;   // parsed message (not for rejected)
  std::string why;     // rejected: what is wrong with the line; unknown_dest: the destination
};

struct NetworkCounts {
  long long node_to_node = 0;       // messages between nodes, delivered or not
  long long delivered = 0;          // of those, delivered
  long long dropped_partition = 0;
  long long dropped_down = 0;
  long long to_clients = 0;
  long long unknown_dest = 0;
  long long rejected = 0;
};

class Router {
 public:
  explicit Router(int nodes);

  static std::string node_name(int index) { return "n" + std::to_string(index + 1); }
  int node_index(const std::string& name) const;  // -1: not a node of this cluster
  static bool is_client(const std::string& name);  // "c" followed by digits
  int size() const { return static_cast<int>(alive_.size()); }

  // The partition nemesis: -1 (or false) heals.
  void isolate(int node) { isolated_ = node; }
  int isolated() const { return isolated_; }
  void set_down(int node) { alive_[node] = false; }
  bool alive(int node) const { return alive_[node]; }

  // A line node `from` wrote on stdout.
  RouteResult route(int from, const std::string& line);

  const NetworkCounts& counts() const { return counts_; }

 private:
  std::vector<bool> alive_;
  int isolated_ = -1;
  NetworkCounts counts_;
};

}  // namespace maelstrom
