#include "codec.h"

#include <stdexcept>

namespace kv {

using nlohmann::json;

namespace {

// Thrown by FieldReader and turned into error 12 by decode().
struct Malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

OpKind op_from_name(const std::string& s) {
  if (s == "noop") return OpKind::noop;
  if (s == "read") return OpKind::read;
  if (s == "write") return OpKind::write;
  if (s == "cas") return OpKind::cas;
  throw Malformed("unknown log entry op '" + s + "'");
}

const char* op_name(OpKind op) {
  switch (op) {
    case OpKind::noop: return "noop";
    case OpKind::read: return "read";
    case OpKind::write: return "write";
    case OpKind::cas: return "cas";
  }
  return "noop";
}

// ---------------------------------------------------------------------------
// Which fields each message carries, written once for both directions: `io`
// is a FieldReader (decoding into a Body) or a FieldWriter (encoding a const
// Body), and each call names a field, its wire name and its shape. Decoding
// checks the fields in the order listed, so the first problem is the one
// reported.

template <class Io, class Entry>
void entry_fields(Io& io, Entry& e) {
  io.integer("term", e.term);
  io.op("op", e.op);
  if (e.op == OpKind::noop) return;
  io.text("key", e.key);
  io.integer_or_zero("value", e.value, /*written=*/e.op != OpKind::read);
  io.integer_or_zero("from", e.from, /*written=*/e.op == OpKind::cas);
  io.text("client", e.client);
  io.integer("client_msg_id", e.client_msg_id);
}

// Maelstrom's own messages: the init handshake, the lin-kv workload, errors.
template <class Io, class B>
void maelstrom_fields(Io& io, B& b) {
  switch (b.type) {
    case MsgType::init:
      io.text("node_id", b.node_id);
      io.text_list("node_ids", b.node_ids);
      break;
    case MsgType::read:
      io.key("key", b.key);
      io.forwarding(b.client, b.client_msg_id);
      break;
    case MsgType::write:
      io.key("key", b.key);
      io.value("value", b.value);
      io.forwarding(b.client, b.client_msg_id);
      break;
    case MsgType::cas:
      io.key("key", b.key);
      io.integer("from", b.from);
      io.integer("to", b.to);
      io.forwarding(b.client, b.client_msg_id);
      break;
    case MsgType::read_ok: io.nullable("value", b.value); break;
    case MsgType::error:
      io.integer("code", b.code);
      io.text_or_empty("text", b.text);
      break;
    default: break;  // no fields (init_ok, write_ok, cas_ok), or a protocol's message
  }
}

// The nodes' own traffic: Raft, primary-backup, quorum.
template <class Io, class B>
void protocol_fields(Io& io, B& b) {
  switch (b.type) {
    case MsgType::request_vote:
      io.integer("term", b.term);
      io.integer("last_log_index", b.last_log_index);
      io.integer("last_log_term", b.last_log_term);
      break;
    case MsgType::request_vote_res:
      io.integer("term", b.term);
      io.boolean("vote_granted", b.success);
      break;
    case MsgType::append_entries:
      io.integer("term", b.term);
      io.integer("prev_log_index", b.prev_log_index);
      io.integer("prev_log_term", b.prev_log_term);
      io.integer("leader_commit", b.leader_commit);
      io.entries("entries", b.entries);
      break;
    case MsgType::append_entries_res:
      io.integer("term", b.term);
      io.boolean("success", b.success);
      io.integer("match_index", b.match_index);
      break;
    case MsgType::replicate:
      io.integer("view", b.view);
      io.text("key", b.key);
      io.value("value", b.value);
      io.integer("version", b.version);
      break;
    case MsgType::replicate_ok:
      io.integer("view", b.view);
      io.integer("version", b.version);
      break;
    case MsgType::heartbeat: io.integer("view", b.view); break;
    case MsgType::replica_read: io.text("key", b.key); break;
    case MsgType::replica_read_ok:
      io.text("key", b.key);
      io.boolean("found", b.found);
      if (b.found) {
        io.value("value", b.value);
        io.integer("version", b.version);
        io.integer("writer", b.writer);
      }
      break;
    case MsgType::replica_write:
      io.text("key", b.key);
      io.value("value", b.value);
      io.integer("version", b.version);
      io.integer("writer", b.writer);
      break;
    default: break;  // no fields (replica_write_ok), or one of Maelstrom's messages
  }
}

template <class Io, class B>
void body_fields(Io& io, B& b) {
  maelstrom_fields(io, b);
  protocol_fields(io, b);
}

// ---------------------------------------------------------------------------
// Reads the fields of one JSON object, checking each one's type: a missing
// field or a wrong type throws Malformed, which names the field. A value is
// stored only after it was read whole, so the error reply to a half-read
// message carries only the src, dest and msg_id that were valid.
class FieldReader {
 public:
  explicit FieldReader(const json& object) : j_(object) {}

  const json& field(const char* name) const {
    auto it = j_.find(name);
    if (it == j_.end()) throw Malformed(std::string("missing field '") + name + "'");
    return *it;
  }
  void integer(const char* name, std::int64_t& out) const {
    const json& v = field(name);
    if (!v.is_number_integer()) throw Malformed(std::string("field '") + name + "' must be an integer");
    out = v.get<std::int64_t>();
  }
  void integer(const char* name, int& out) const { out = static_cast<int>(read_integer(name)); }
  // Absent on the wire: 0. (`written` is the writer's business.)
  void integer_or_zero(const char* name, std::int64_t& out, bool /*written*/) const {
    out = j_.contains(name) ? read_integer(name) : 0;
  }
  // An integer that may be left out (msg_id, in_reply_to).
  void maybe_integer(const char* name, std::optional<std::int64_t>& out) const {
    if (j_.contains(name)) out = read_integer(name);
  }
  // An integer that must be there, kept in an optional (a write's value).
  void value(const char* name, std::optional<std::int64_t>& out) const { out = read_integer(name); }
  // An integer, or null for "no value" (read_ok).
  void nullable(const char* name, std::optional<std::int64_t>& out) const {
    const json& v = field(name);
    if (v.is_number_integer()) out = v.get<std::int64_t>();
    else if (!v.is_null()) throw Malformed(std::string("field '") + name + "' must be an integer or null");
  }
  void boolean(const char* name, bool& out) const {
    const json& v = field(name);
    if (!v.is_boolean()) throw Malformed(std::string("field '") + name + "' must be true or false");
    out = v.get<bool>();
  }
  void text(const char* name, std::string& out) const {
    const json& v = field(name);
    if (!v.is_string()) throw Malformed(std::string("field '") + name + "' must be a string");
    out = v.get<std::string>();
  }
  void text_or_empty(const char* name, std::string& out) const {
    if (j_.contains(name)) text(name, out);
  }
  // Maelstrom keys are any JSON value (lin-kv uses integers); we keep their text.
  void key(const char* name, std::string& out) const {
    const json& v = field(name);
    if (v.is_string()) out = v.get<std::string>();
    else if (v.is_number_integer()) out = v.dump();
    else throw Malformed(std::string("field '") + name + "' must be a string or an integer");
  }
  void text_list(const char* name, std::vector<std::string>& out) const {
    const json& list = field(name);
    const std::string wrong = std::string("field '") + name + "' must be an array of strings";
    if (!list.is_array()) throw Malformed(wrong);
    for (const json& item : list) {
      if (!item.is_string()) throw Malformed(wrong);
      out.push_back(item.get<std::string>());
    }
  }
  // A forwarded request names the client it came from (both fields, or neither).
  void forwarding(std::string& client, std::int64_t& client_msg_id) const {
    if (!j_.contains("client")) return;
    text("client", client);
    integer("client_msg_id", client_msg_id);
  }
  void op(const char* name, OpKind& out) const {
    std::string s;
    text(name, s);
    out = op_from_name(s);
  }
  void entries(const char* name, std::vector<LogEntry>& out) const {
    const json& list = field(name);
    if (!list.is_array()) throw Malformed(std::string("field '") + name + "' must be an array");
    for (const json& item : list) {
      if (!item.is_object()) throw Malformed("each entry must be an object");
      LogEntry e;
      FieldReader entry(item);
      entry_fields(entry, e);
      out.push_back(std::move(e));
    }
  }

 private:
  std::int64_t read_integer(const char* name) const {
    std::int64_t v = 0;
    integer(name, v);
    return v;
  }
  const json& j_;
};

// ---------------------------------------------------------------------------
// Writes fields into one JSON object: the same calls as FieldReader, so
// body_fields lists a message's fields once for both directions. (nlohmann's
// objects keep their keys sorted, so the order of the calls does not change
// the bytes on the wire.)
class FieldWriter {
 public:
  explicit FieldWriter(json& object) : j_(object) {}

  void integer(const char* name, std::int64_t v) { j_[name] = v; }
  void integer(const char* name, int v) { j_[name] = v; }
  void integer_or_zero(const char* name, std::int64_t v, bool written) {
    if (written) j_[name] = v;
  }
  void maybe_integer(const char* name, const std::optional<std::int64_t>& v) {
    if (v) j_[name] = *v;
  }
  void value(const char* name, const std::optional<std::int64_t>& v) { j_[name] = v.value_or(0); }
  void nullable(const char* name, const std::optional<std::int64_t>& v) { j_[name] = v ? json(*v) : json(nullptr); }
  void boolean(const char* name, bool v) { j_[name] = v; }
  void text(const char* name, const std::string& v) { j_[name] = v; }
  void text_or_empty(const char* name, const std::string& v) { j_[name] = v; }  // written even when empty
  void key(const char* name, const std::string& v) { j_[name] = v; }
  void text_list(const char* name, const std::vector<std::string>& v) { j_[name] = v; }
  void forwarding(const std::string& client, std::int64_t client_msg_id) {
    if (client.empty()) return;
    j_["client"] = client;
    j_["client_msg_id"] = client_msg_id;
  }
  void op(const char* name, OpKind v) { j_[name] = op_name(v); }
  void entries(const char* name, const std::vector<LogEntry>& list) {
    json out = json::array();
    for (const LogEntry& e : list) {
      json item = json::object();
      FieldWriter entry(item);
      entry_fields(entry, e);
      out.push_back(std::move(item));
    }
    j_[name] = std::move(out);
  }

 private:
  json& j_;
};

}  // namespace

Decoded decode(const std::string& line) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    Decoded d;
    d.error_code = code::malformed_request;
    d.error_text = "not valid JSON";
    return d;
  }
  return decode_json(j);
}

Decoded decode_json(const json& j) {
  Decoded d;
  Message m;
  // First the envelope: without src and msg_id we cannot even answer.
  try {
    if (!j.is_object()) throw Malformed("a message must be a JSON object");
    const FieldReader envelope(j);
    envelope.text("src", m.src);
    envelope.text("dest", m.dest);
    const json& body = envelope.field("body");
    if (!body.is_object()) throw Malformed("field 'body' must be an object");
    const FieldReader fields(body);
    fields.maybe_integer("msg_id", m.body.msg_id);
    fields.maybe_integer("in_reply_to", m.body.in_reply_to);
    std::string type;
    fields.text("type", type);
    auto t = type_from_name(type);
    if (!t) {
      d.error_code = code::not_supported;
      d.error_text = "unsupported message type '" + type + "'";
    } else {
      m.body.type = *t;
      body_fields(fields, m.body);
      d.message = std::move(m);
      return d;
    }
  } catch (const Malformed& e) {
    d.error_code = code::malformed_request;
    d.error_text = e.what();
  } catch (const json::exception& e) {
    d.error_code = code::malformed_request;
    d.error_text = e.what();
  }
  if (!m.src.empty() && !m.dest.empty()) d.reply = error_reply(m, d.error_code, d.error_text);
  return d;
}

json to_json(const Message& m) {
  json body = json::object();
  FieldWriter fields(body);
  fields.text("type", type_name(m.body.type));
  fields.maybe_integer("msg_id", m.body.msg_id);
  fields.maybe_integer("in_reply_to", m.body.in_reply_to);
  body_fields(fields, m.body);
  return json{{"src", m.src}, {"dest", m.dest}, {"body", std::move(body)}};
}

std::string encode(const Message& m) { return to_json(m).dump(); }

}  // namespace kv
