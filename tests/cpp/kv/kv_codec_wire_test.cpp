// The Maelstrom wire format, byte for byte: the exact line encode() writes for
// every message type, and the exact error and reply decode() gives for some
// malformed lines. kv_codec_test.cpp checks that messages survive a round trip;
// this file pins the bytes themselves, so a change to the codec that would
// alter what other Maelstrom nodes (or the page) see fails here. The expected
// lines were written by the codec before its field list was shared by both
// directions.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "codec.h"

namespace kv {
namespace {

// Every field set, so each type shows exactly the ones it carries.
Message full_message(MsgType type) {
  Message m;
  m.src = "n1";
  m.dest = "n2";
  Body& b = m.body;
  b.type = type;
  b.msg_id = 7;
  b.in_reply_to = 3;
  b.node_id = "n2";
  b.node_ids = {"n1", "n2"};
  b.key = "k";
  b.value = 5;
  b.from = 1;
  b.to = 2;
  b.code = 22;
  b.text = "no";
  b.client = "c4";
  b.client_msg_id = 9;
  b.term = 6;
  b.last_log_index = 11;
  b.last_log_term = 5;
  b.prev_log_index = 10;
  b.prev_log_term = 4;
  b.leader_commit = 8;
  b.match_index = 12;
  b.success = true;
  b.view = 2;
  b.version = 13;
  b.writer = 1;
  b.found = true;
  LogEntry noop;
  noop.term = 6;
  LogEntry cas;
  cas.term = 6;
  cas.op = OpKind::cas;
  cas.key = "k";
  cas.value = 3;
  cas.from = 1;
  cas.client = "c4";
  cas.client_msg_id = 9;
  LogEntry read = cas;
  read.op = OpKind::read;
  b.entries = {noop, cas, read};
  return m;
}

const std::vector<std::pair<MsgType, std::string>> kEveryType = {
    {MsgType::init, R"({"body":{"in_reply_to":3,"msg_id":7,"node_id":"n2","node_ids":["n1","n2"],"type":"init"},"dest":"n2","src":"n1"})"},
    {MsgType::init_ok, R"({"body":{"in_reply_to":3,"msg_id":7,"type":"init_ok"},"dest":"n2","src":"n1"})"},
    {MsgType::read, R"({"body":{"client":"c4","client_msg_id":9,"in_reply_to":3,"key":"k","msg_id":7,"type":"read"},"dest":"n2","src":"n1"})"},
    {MsgType::read_ok, R"({"body":{"in_reply_to":3,"msg_id":7,"type":"read_ok","value":5},"dest":"n2","src":"n1"})"},
    {MsgType::write, R"({"body":{"client":"c4","client_msg_id":9,"in_reply_to":3,"key":"k","msg_id":7,"type":"write","value":5},"dest":"n2","src":"n1"})"},
    {MsgType::write_ok, R"({"body":{"in_reply_to":3,"msg_id":7,"type":"write_ok"},"dest":"n2","src":"n1"})"},
    {MsgType::cas, R"({"body":{"client":"c4","client_msg_id":9,"from":1,"in_reply_to":3,"key":"k","msg_id":7,"to":2,"type":"cas"},"dest":"n2","src":"n1"})"},
    {MsgType::cas_ok, R"({"body":{"in_reply_to":3,"msg_id":7,"type":"cas_ok"},"dest":"n2","src":"n1"})"},
    {MsgType::error, R"({"body":{"code":22,"in_reply_to":3,"msg_id":7,"text":"no","type":"error"},"dest":"n2","src":"n1"})"},
    {MsgType::request_vote, R"({"body":{"in_reply_to":3,"last_log_index":11,"last_log_term":5,"msg_id":7,"term":6,"type":"request_vote"},"dest":"n2","src":"n1"})"},
    {MsgType::request_vote_res, R"({"body":{"in_reply_to":3,"msg_id":7,"term":6,"type":"request_vote_res","vote_granted":true},"dest":"n2","src":"n1"})"},
    {MsgType::append_entries, R"({"body":{"entries":[{"op":"noop","term":6},{"client":"c4","client_msg_id":9,"from":1,"key":"k","op":"cas","term":6,"value":3},{"client":"c4","client_msg_id":9,"key":"k","op":"read","term":6}],"in_reply_to":3,"leader_commit":8,"msg_id":7,"prev_log_index":10,"prev_log_term":4,"term":6,"type":"append_entries"},"dest":"n2","src":"n1"})"},
    {MsgType::append_entries_res, R"({"body":{"in_reply_to":3,"match_index":12,"msg_id":7,"success":true,"term":6,"type":"append_entries_res"},"dest":"n2","src":"n1"})"},
    {MsgType::replicate, R"({"body":{"in_reply_to":3,"key":"k","msg_id":7,"type":"replicate","value":5,"version":13,"view":2},"dest":"n2","src":"n1"})"},
    {MsgType::replicate_ok, R"({"body":{"in_reply_to":3,"msg_id":7,"type":"replicate_ok","version":13,"view":2},"dest":"n2","src":"n1"})"},
    {MsgType::heartbeat, R"({"body":{"in_reply_to":3,"msg_id":7,"type":"heartbeat","view":2},"dest":"n2","src":"n1"})"},
    {MsgType::replica_read, R"({"body":{"in_reply_to":3,"key":"k","msg_id":7,"type":"replica_read"},"dest":"n2","src":"n1"})"},
    {MsgType::replica_read_ok, R"({"body":{"found":true,"in_reply_to":3,"key":"k","msg_id":7,"type":"replica_read_ok","value":5,"version":13,"writer":1},"dest":"n2","src":"n1"})"},
    {MsgType::replica_write, R"({"body":{"in_reply_to":3,"key":"k","msg_id":7,"type":"replica_write","value":5,"version":13,"writer":1},"dest":"n2","src":"n1"})"},
    {MsgType::replica_write_ok, R"({"body":{"in_reply_to":3,"msg_id":7,"type":"replica_write_ok"},"dest":"n2","src":"n1"})"},
};

struct Rejected {
  std::string line;
  int code;
  std::string text;
  std::string reply;
};
const std::vector<Rejected> kRejected = {
    {R"({"src":"c1","dest":"n1","body":{"type":"write","msg_id":5,"key":"a"}})",
     12, "missing field 'value'",
     R"({"body":{"code":12,"in_reply_to":5,"text":"missing field 'value'","type":"error"},"dest":"c1","src":"n1"})"},
    {R"({"src":"c1","dest":"n1","body":{"type":"read","msg_id":"5","key":"a"}})",
     12, "field 'msg_id' must be an integer",
     R"({"body":{"code":12,"text":"field 'msg_id' must be an integer","type":"error"},"dest":"c1","src":"n1"})"},
    {R"({"src":"c1","dest":"n1","body":{"type":"read","msg_id":5,"key":[1]}})",
     12, "field 'key' must be a string or an integer",
     R"({"body":{"code":12,"in_reply_to":5,"text":"field 'key' must be a string or an integer","type":"error"},"dest":"c1","src":"n1"})"},
    {R"({"src":"c1","dest":"n1","body":{"type":"init","msg_id":5,"node_id":"n1","node_ids":[1]}})",
     12, "field 'node_ids' must be an array of strings",
     R"({"body":{"code":12,"in_reply_to":5,"text":"field 'node_ids' must be an array of strings","type":"error"},"dest":"c1","src":"n1"})"},
    {R"({"src":"n2","dest":"n1","body":{"type":"append_entries","msg_id":5,"term":1,"prev_log_index":0,"prev_log_term":0,"leader_commit":0,"entries":[{"term":1,"op":"fly"}]}})",
     12, "unknown log entry op 'fly'",
     R"({"body":{"code":12,"in_reply_to":5,"text":"unknown log entry op 'fly'","type":"error"},"dest":"n2","src":"n1"})"},
    {R"({"src":"n2","dest":"n1","body":{"type":"read_ok","in_reply_to":5,"value":"x"}})",
     12, "field 'value' must be an integer or null",
     R"({"body":{"code":12,"text":"field 'value' must be an integer or null","type":"error"},"dest":"n2","src":"n1"})"},
    {R"({"src":"n2","dest":"n1","body":{"type":"broadcast","msg_id":3}})",
     10, "unsupported message type 'broadcast'",
     R"({"body":{"code":10,"in_reply_to":3,"text":"unsupported message type 'broadcast'","type":"error"},"dest":"n2","src":"n1"})"},
};

TEST(CodecWire, EveryTypeEncodesToItsExactLine) {
  ASSERT_EQ(kEveryType.size(), static_cast<size_t>(MsgType::replica_write_ok) + 1);
  for (const auto& [type, line] : kEveryType) {
    EXPECT_EQ(encode(full_message(type)), line) << type_name(type);
    // And the line decodes to a message that encodes to the same bytes.
    Decoded d = decode(line);
    ASSERT_TRUE(d.message) << d.error_text;
    EXPECT_EQ(encode(*d.message), line);
  }
}

TEST(CodecWire, AbsentAndEmptyValuesHaveTheirOwnShape) {
  Message m;
  m.src = "c1";
  m.dest = "n1";
  m.body.type = MsgType::read_ok;  // no msg_id, no in_reply_to, no value
  EXPECT_EQ(encode(m), R"({"body":{"type":"read_ok","value":null},"dest":"n1","src":"c1"})");
  m.body.type = MsgType::error;
  m.body.code = 11;
  EXPECT_EQ(encode(m), R"({"body":{"code":11,"text":"","type":"error"},"dest":"n1","src":"c1"})");
  m.body.type = MsgType::replica_read_ok;  // not found: no value, version, writer
  m.body.key = "k";
  m.body.value = 4;
  m.body.version = 2;
  m.body.writer = 1;
  EXPECT_EQ(encode(m), R"({"body":{"found":false,"key":"k","type":"replica_read_ok"},"dest":"n1","src":"c1"})");
  m.body.type = MsgType::write;  // not forwarded: no client fields
  m.body.key = "0";
  m.body.value.reset();
  EXPECT_EQ(encode(m), R"({"body":{"key":"0","type":"write","value":0},"dest":"n1","src":"c1"})");
}

TEST(CodecWire, RejectedLinesGetTheirExactErrorAndReply) {
  for (const Rejected& r : kRejected) {
    Decoded d = decode(r.line);
    EXPECT_FALSE(d.message) << r.line;
    EXPECT_EQ(d.error_code, r.code) << r.line;
    EXPECT_EQ(d.error_text, r.text) << r.line;
    ASSERT_TRUE(d.reply) << r.line;
    EXPECT_EQ(encode(*d.reply), r.reply) << r.line;
  }
}

}  // namespace
}  // namespace kv
