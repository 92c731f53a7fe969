#include "router.h"

#include <cctype>

namespace maelstrom {

Router::Router(int nodes) : alive_(static_cast<size_t>(nodes), true) {}

int Router::node_index(const std::string& name) const {
  if (name.size() < 2 || name[0] != 'n') return -1;
  int value = 0;
  for (size_t i = 1; i < name.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(name[i])) || i > 6) return -1;
    value = value * 10 + (name[i] - '0');
  }
  if (name[1] == '0' || value < 1 || value > size()) return -1;
  return value - 1;
}

bool Router::is_client(const std::string& name) {
  if (name == "c0") return true;  // the harness's own client: init, topology, final reads
  if (name.size() < 2 || name[0] != 'c' || name[1] == '0') return false;
  for (size_t i = 1; i < name.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) return false;
  return true;
}

RouteResult Router::route(int from, const std::string& line) {
  RouteResult r;
  if (!parse_envelope(line, r.envelope, r.why)) {
    ++counts_.rejected;
    return r;
  }
  // A node speaks only for itself: a forged src would confuse replies.
  if (r.envelope.src != node_name(from)) {
    ++counts_.rejected;
    r.why = "src is \"" + r.envelope.src + "\", not " + node_name(from);
    return r;
  }
  if (is_client(r.envelope.dest)) {
    ++counts_.to_clients;
    r.route = Route::to_client;
    return r;
  }
  const int to = node_index(r.envelope.dest);
  if (to < 0) {
    ++counts_.unknown_dest;
    r.route = Route::unknown_dest;
    r.why = r.envelope.dest;
    return r;
  }
  ++counts_.node_to_node;
  r.node = to;
  if (isolated_ >= 0 && (from == isolated_ || to == isolated_)) {
    ++counts_.dropped_partition;
    r.route = Route::dropped_partition;
  } else if (!alive_[to]) {
    ++counts_.dropped_down;
    r.route = Route::dropped_down;
  } else {
    ++counts_.delivered;
    r.route = Route::to_node;
  }
  return r;
}

}  // namespace maelstrom
