#include "codec.h"

#include <stdexcept>

namespace kv {

using nlohmann::json;

namespace {

// Thrown by the field readers below and turned into error 12 by decode().
struct Malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& field(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end()) throw Malformed(std::string("missing field '") + name + "'");
  return *it;
}

std::int64_t integer(const json& body, const char* name) {
  const json& v = field(body, name);
  if (v.is_number_integer()) return v.get<std::int64_t>();
  throw Malformed(std::string("field '") + name + "' must be an integer");
}

std::int64_t integer_or(const json& body, const char* name, std::int64_t fallback) {
  return body.contains(name) ? integer(body, name) : fallback;
}

bool boolean(const json& body, const char* name) {
  const json& v = field(body, name);
  if (v.is_boolean()) return v.get<bool>();
  throw Malformed(std::string("field '") + name + "' must be true or false");
}

std::string text(const json& body, const char* name) {
  const json& v = field(body, name);
  if (v.is_string()) return v.get<std::string>();
  throw Malformed(std::string("field '") + name + "' must be a string");
}

// Maelstrom keys are any JSON value (lin-kv uses integers); we keep their text.
std::string key_of(const json& body) {
  const json& v = field(body, "key");
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.dump();
  throw Malformed("field 'key' must be a string or an integer");
}

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

void read_forwarding(const json& j, Body& b) {
  if (j.contains("client")) {
    b.client = text(j, "client");
    b.client_msg_id = integer(j, "client_msg_id");
  }
}

// Fills the fields of `b` that its type uses.
void read_body(const json& j, Body& b) {
  switch (b.type) {
    case MsgType::init:
      b.node_id = text(j, "node_id");
      {
        const json& ids = field(j, "node_ids");
        if (!ids.is_array()) throw Malformed("field 'node_ids' must be an array of strings");
        for (const json& id : ids) {
          if (!id.is_string()) throw Malformed("field 'node_ids' must be an array of strings");
          b.node_ids.push_back(id.get<std::string>());
        }
      }
      break;
    case MsgType::read:
      b.key = key_of(j);
      read_forwarding(j, b);
      break;
    case MsgType::write:
      b.key = key_of(j);
      b.value = integer(j, "value");
      read_forwarding(j, b);
      break;
    case MsgType::cas:
      b.key = key_of(j);
      b.from = integer(j, "from");
      b.to = integer(j, "to");
      read_forwarding(j, b);
      break;
    case MsgType::read_ok: {
      const json& v = field(j, "value");
      if (v.is_number_integer()) b.value = v.get<std::int64_t>();
      else if (!v.is_null()) throw Malformed("field 'value' must be an integer or null");
      break;
    }
    case MsgType::error:
      b.code = static_cast<int>(integer(j, "code"));
      if (j.contains("text")) b.text = text(j, "text");
      break;
    case MsgType::request_vote:
      b.term = integer(j, "term");
      b.last_log_index = integer(j, "last_log_index");
      b.last_log_term = integer(j, "last_log_term");
      break;
    case MsgType::request_vote_res:
      b.term = integer(j, "term");
      b.success = boolean(j, "vote_granted");
      break;
    case MsgType::append_entries: {
      b.term = integer(j, "term");
      b.prev_log_index = integer(j, "prev_log_index");
      b.prev_log_term = integer(j, "prev_log_term");
      b.leader_commit = integer(j, "leader_commit");
      const json& es = field(j, "entries");
      if (!es.is_array()) throw Malformed("field 'entries' must be an array");
      for (const json& e : es) {
        if (!e.is_object()) throw Malformed("each entry must be an object");
        LogEntry le;
        le.term = integer(e, "term");
        le.op = op_from_name(text(e, "op"));
        if (le.op != OpKind::noop) {
          le.key = text(e, "key");
          le.value = integer_or(e, "value", 0);
          le.from = integer_or(e, "from", 0);
          le.client = text(e, "client");
          le.client_msg_id = integer(e, "client_msg_id");
        }
        b.entries.push_back(std::move(le));
      }
      break;
    }
    case MsgType::append_entries_res:
      b.term = integer(j, "term");
      b.success = boolean(j, "success");
      b.match_index = integer(j, "match_index");
      break;
    case MsgType::replicate:
      b.view = integer(j, "view");
      b.key = text(j, "key");
      b.value = integer(j, "value");
      b.version = integer(j, "version");
      break;
    case MsgType::replicate_ok:
      b.view = integer(j, "view");
      b.version = integer(j, "version");
      break;
    case MsgType::heartbeat:
      b.view = integer(j, "view");
      break;
    case MsgType::replica_read:
      b.key = text(j, "key");
      break;
    case MsgType::replica_read_ok:
      b.key = text(j, "key");
      b.found = boolean(j, "found");
      if (b.found) {
        b.value = integer(j, "value");
        b.version = integer(j, "version");
        b.writer = integer(j, "writer");
      }
      break;
    case MsgType::replica_write:
      b.key = text(j, "key");
      b.value = integer(j, "value");
      b.version = integer(j, "version");
      b.writer = integer(j, "writer");
      break;
    case MsgType::init_ok:
    case MsgType::write_ok:
    case MsgType::cas_ok:
    case MsgType::replica_write_ok:
      break;
  }
}

void write_forwarding(const Body& b, json& j) {
  if (!b.client.empty()) {
    j["client"] = b.client;
    j["client_msg_id"] = b.client_msg_id;
  }
}

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
    m.src = text(j, "src");
    m.dest = text(j, "dest");
    const json& body = field(j, "body");
    if (!body.is_object()) throw Malformed("field 'body' must be an object");
    if (body.contains("msg_id")) m.body.msg_id = integer(body, "msg_id");
    if (body.contains("in_reply_to")) m.body.in_reply_to = integer(body, "in_reply_to");
    std::string type = text(body, "type");
    auto t = type_from_name(type);
    if (!t) {
      d.error_code = code::not_supported;
      d.error_text = "unsupported message type '" + type + "'";
    } else {
      m.body.type = *t;
      read_body(body, m.body);
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
  const Body& b = m.body;
  json body = json::object();
  body["type"] = type_name(b.type);
  if (b.msg_id) body["msg_id"] = *b.msg_id;
  if (b.in_reply_to) body["in_reply_to"] = *b.in_reply_to;
  switch (b.type) {
    case MsgType::init:
      body["node_id"] = b.node_id;
      body["node_ids"] = b.node_ids;
      break;
    case MsgType::read:
      body["key"] = b.key;
      write_forwarding(b, body);
      break;
    case MsgType::write:
      body["key"] = b.key;
      body["value"] = b.value.value_or(0);
      write_forwarding(b, body);
      break;
    case MsgType::cas:
      body["key"] = b.key;
      body["from"] = b.from;
      body["to"] = b.to;
      write_forwarding(b, body);
      break;
    case MsgType::read_ok:
      body["value"] = b.value ? json(*b.value) : json(nullptr);
      break;
    case MsgType::error:
      body["code"] = b.code;
      body["text"] = b.text;
      break;
    case MsgType::request_vote:
      body["term"] = b.term;
      body["last_log_index"] = b.last_log_index;
      body["last_log_term"] = b.last_log_term;
      break;
    case MsgType::request_vote_res:
      body["term"] = b.term;
      body["vote_granted"] = b.success;
      break;
    case MsgType::append_entries: {
      body["term"] = b.term;
      body["prev_log_index"] = b.prev_log_index;
      body["prev_log_term"] = b.prev_log_term;
      body["leader_commit"] = b.leader_commit;
      json es = json::array();
      for (const LogEntry& e : b.entries) {
        json je = {{"term", e.term}, {"op", op_name(e.op)}};
        if (e.op != OpKind::noop) {
          je["key"] = e.key;
          if (e.op != OpKind::read) je["value"] = e.value;
          if (e.op == OpKind::cas) je["from"] = e.from;
          je["client"] = e.client;
          je["client_msg_id"] = e.client_msg_id;
        }
        es.push_back(std::move(je));
      }
      body["entries"] = std::move(es);
      break;
    }
    case MsgType::append_entries_res:
      body["term"] = b.term;
      body["success"] = b.success;
      body["match_index"] = b.match_index;
      break;
    case MsgType::replicate:
      body["view"] = b.view;
      body["key"] = b.key;
      body["value"] = b.value.value_or(0);
      body["version"] = b.version;
      break;
    case MsgType::replicate_ok:
      body["view"] = b.view;
      body["version"] = b.version;
      break;
    case MsgType::heartbeat:
      body["view"] = b.view;
      break;
    case MsgType::replica_read:
      body["key"] = b.key;
      break;
    case MsgType::replica_read_ok:
      body["key"] = b.key;
      body["found"] = b.found;
      if (b.found) {
        body["value"] = b.value.value_or(0);
        body["version"] = b.version;
        body["writer"] = b.writer;
      }
      break;
    case MsgType::replica_write:
      body["key"] = b.key;
      body["value"] = b.value.value_or(0);
      body["version"] = b.version;
      body["writer"] = b.writer;
      break;
    case MsgType::init_ok:
    case MsgType::write_ok:
    case MsgType::cas_ok:
    case MsgType::replica_write_ok:
      break;
  }
  return json{{"src", m.src}, {"dest", m.dest}, {"body", std::move(body)}};
}

std::string encode(const Message& m) { return to_json(m).dump(); }

}  // namespace kv
