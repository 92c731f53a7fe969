// The key-value state every protocol applies operations to, and the Maelstrom
// reply each operation earns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "message.h"

namespace kv {

// What an operation returned: read_ok (value), write_ok, cas_ok, or error (code, text).
struct OpResult {
  MsgType type = MsgType::error;
  std::optional<std::int64_t> value;
  int code = 0;
  const char* text = "";

  // The reply to `request` carrying this result.
  Message reply(const Message& request) const {
    Message m = reply_to(request, type);
    m.body.value = value;
    m.body.code = code;
    m.body.text = text;
    return m;
  }
  // The same, addressed explicitly (for answers sent long after the request arrived).
  Message reply(const std::string& from, const std::string& to, std::int64_t in_reply_to) const {
    Message m;
    m.src = from;
    m.dest = to;
    m.body.type = type;
    m.body.in_reply_to = in_reply_to;
    m.body.value = value;
    m.body.code = code;
    m.body.text = text;
    return m;
  }
};

inline OpResult ok(MsgType type, std::optional<std::int64_t> value = std::nullopt) {
  OpResult r;
  r.type = type;
  r.value = value;
  return r;
}

inline OpResult failure(int error_code, const char* text) {
  OpResult r;
  r.type = MsgType::error;
  r.code = error_code;
  r.text = text;
  return r;
}

class Store {
 public:
  OpResult read(const std::string& key) const {
    auto it = data_.find(key);
    if (it == data_.end()) return failure(code::key_does_not_exist, "key does not exist");
    return ok(MsgType::read_ok, it->second);
  }
  OpResult write(const std::string& key, std::int64_t value) {
    data_[key] = value;
    return ok(MsgType::write_ok);
  }
  OpResult cas(const std::string& key, std::int64_t from, std::int64_t to) {
    auto it = data_.find(key);
    if (it == data_.end()) return failure(code::key_does_not_exist, "key does not exist");
    if (it->second != from) return failure(code::precondition_failed, "current value differs from 'from'");
    it->second = to;
    return ok(MsgType::cas_ok);
  }
  // Applies a client request (read, write or cas).
  OpResult apply(const Body& request) {
    switch (request.type) {
      case MsgType::read: return read(request.key);
      case MsgType::write: return write(request.key, request.value.value_or(0));
      case MsgType::cas: return cas(request.key, request.from, request.to);
      default: return failure(code::not_supported, "not a key-value request");
    }
  }
  std::optional<std::int64_t> get(const std::string& key) const {
    auto it = data_.find(key);
    if (it == data_.end()) return std::nullopt;
    return it->second;
  }
  void clear() { data_.clear(); }
  // Every key and its value, for a node's summary (read only).
  const std::unordered_map<std::string, std::int64_t>& contents() const { return data_; }

 private:
  std::unordered_map<std::string, std::int64_t> data_;
};

}  // namespace kv
