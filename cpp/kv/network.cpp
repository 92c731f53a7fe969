#include "network.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace kv {

Time Latency::sample(Rng& rng) const {
  switch (kind) {
    case Kind::constant: return a;
    case Kind::uniform: return b > a ? rng.uniform(a, b) : a;
    case Kind::exponential: return static_cast<Time>(rng.exponential(static_cast<double>(a)));
  }
  return a;
}

namespace {

std::string format_time(Time t) {
  if (t % kMillisecond == 0) return std::to_string(t / kMillisecond) + "ms";
  if (t % 1000 == 0) return std::to_string(t / 1000) + "us";
  return std::to_string(t) + "ns";
}

bool parse_time(const std::string& s, Time& out) {
  size_t digits = 0;
  while (digits < s.size() && (std::isdigit(static_cast<unsigned char>(s[digits])) || s[digits] == '.')) ++digits;
  if (digits == 0) return false;
  const double number = std::strtod(s.substr(0, digits).c_str(), nullptr);
  const std::string unit = s.substr(digits);
  double scale = 0;
  if (unit == "ns") scale = 1;
  else if (unit == "us") scale = 1e3;
  else if (unit == "ms" || unit.empty()) scale = 1e6;
  else if (unit == "s") scale = 1e9;
  else return false;
  const double ns = number * scale;
  if (ns < 0 || ns > 3600e9) return false;
  out = static_cast<Time>(ns);
  return true;
}

}  // namespace

std::string Latency::describe() const {
  switch (kind) {
    case Kind::constant: return "constant:" + format_time(a);
    case Kind::uniform: return "uniform:" + format_time(a) + ":" + format_time(b);
    case Kind::exponential: return "exponential:" + format_time(a);
  }
  return "";
}

bool Latency::parse(const std::string& text, Latency& out, std::string& error) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t colon = text.find(':', start);
    parts.push_back(text.substr(start, colon - start));
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  Latency l;
  bool ok = false;
  if (parts[0] == "constant" && parts.size() == 2) {
    l.kind = Kind::constant;
    ok = parse_time(parts[1], l.a);
  } else if (parts[0] == "uniform" && parts.size() == 3) {
    l.kind = Kind::uniform;
    ok = parse_time(parts[1], l.a) && parse_time(parts[2], l.b) && l.b >= l.a;
  } else if (parts[0] == "exponential" && parts.size() == 2) {
    l.kind = Kind::exponential;
    ok = parse_time(parts[1], l.a);
  }
  if (!ok) {
    error = "latency '" + text + "' is not one of constant:<t>, uniform:<min>:<max>, exponential:<mean> (e.g. uniform:1ms:5ms)";
    return false;
  }
  out = l;
  return true;
}

void Network::reset(int nodes) {
  nodes_ = nodes;
  blocked_.assign(static_cast<size_t>(nodes) * nodes, false);
  drop_rate = 0;
  duplicate_rate = 0;
  reorder_delay = 0;
}

void Network::unblock_all() { std::fill(blocked_.begin(), blocked_.end(), false); }

void Network::split(const std::vector<int>& side) {
  std::vector<bool> in(nodes_, false);
  for (int n : side) in[n] = true;
  for (int a = 0; a < nodes_; ++a) {
    for (int b = 0; b < nodes_; ++b) {
      if (in[a] != in[b]) block(a, b);
    }
  }
}

int Network::route(int from, int to, Rng& rng, Time delays[2], bool& dropped_by_partition) const {
  dropped_by_partition = false;
  if (blocked(from, to)) {
    dropped_by_partition = true;
    return 0;
  }
  if (rng.chance(drop_rate)) return 0;
  const int copies = rng.chance(duplicate_rate) ? 2 : 1;
  for (int i = 0; i < copies; ++i) {
    delays[i] = latency.sample(rng);
    if (reorder_delay > 0) delays[i] += rng.uniform(0, reorder_delay);
  }
  return copies;
}

}  // namespace kv
