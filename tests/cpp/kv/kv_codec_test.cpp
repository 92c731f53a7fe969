// The Maelstrom codec: every message kind survives encode -> decode, and bad
// input becomes error 12 (malformed) or 10 (unsupported), never a crash.
#include <gtest/gtest.h>

#include "codec.h"
#include "random.h"
#include "node_factory.h"

namespace kv {
namespace {

Message roundtrip(const Message& m) {
  Decoded d = decode(encode(m));
  EXPECT_TRUE(d.message.has_value()) << d.error_text << " for " << encode(m);
  return d.message.value_or(Message{});
}

Message make(MsgType type) {
  Message m;
  m.src = "n1";
  m.dest = "n2";
  m.body.type = type;
  m.body.msg_id = 7;
  return m;
}

TEST(Codec, ClientRequestsAndRepliesRoundTrip) {
  Message w = make(MsgType::write);
  w.src = "c3";
  w.body.key = "k1";
  w.body.value = -42;
  Message w2 = roundtrip(w);
  EXPECT_EQ(w2.src, "c3");
  EXPECT_EQ(w2.dest, "n2");
  EXPECT_EQ(w2.body.type, MsgType::write);
  EXPECT_EQ(*w2.body.msg_id, 7);
  EXPECT_EQ(w2.body.key, "k1");
  EXPECT_EQ(*w2.body.value, -42);
  EXPECT_FALSE(w2.body.in_reply_to.has_value());

  Message c = make(MsgType::cas);
  c.body.key = "x";
  c.body.from = 1;
  c.body.to = 2;
  c.body.client = "c9";
  c.body.client_msg_id = 44;
  Message c2 = roundtrip(c);
  EXPECT_EQ(c2.body.from, 1);
  EXPECT_EQ(c2.body.to, 2);
  EXPECT_EQ(c2.body.client, "c9");
  EXPECT_EQ(c2.body.client_msg_id, 44);

  Message r = make(MsgType::read_ok);
  r.body.in_reply_to = 3;
  r.body.value = 5;
  EXPECT_EQ(*roundtrip(r).body.value, 5);
  EXPECT_EQ(*roundtrip(r).body.in_reply_to, 3);
  r.body.value.reset();
  EXPECT_FALSE(roundtrip(r).body.value.has_value());

  Message e = make(MsgType::error);
  e.body.code = 22;
  e.body.text = "nope";
  EXPECT_EQ(roundtrip(e).body.code, 22);
  EXPECT_EQ(roundtrip(e).body.text, "nope");
}

TEST(Codec, InitAndProtocolMessagesRoundTrip) {
  Message init = make(MsgType::init);
  init.body.node_id = "n2";
  init.body.node_ids = {"n1", "n2", "n3"};
  EXPECT_EQ(roundtrip(init).body.node_ids, init.body.node_ids);

  Message ae = make(MsgType::append_entries);
  ae.body.term = 4;
  ae.body.prev_log_index = 10;
  ae.body.prev_log_term = 3;
  ae.body.leader_commit = 9;
  LogEntry noop;
  noop.term = 4;
  LogEntry cas;
  cas.term = 4;
  cas.op = OpKind::cas;
  cas.key = "k2";
  cas.from = 1;
  cas.value = 3;
  cas.client = "c1";
  cas.client_msg_id = 12;
  LogEntry read = cas;
  read.op = OpKind::read;
  read.value = 0;
  read.from = 0;
  ae.body.entries = {noop, cas, read};
  Message ae2 = roundtrip(ae);
  EXPECT_EQ(ae2.body.term, 4);
  EXPECT_EQ(ae2.body.prev_log_index, 10);
  EXPECT_EQ(ae2.body.prev_log_term, 3);
  EXPECT_EQ(ae2.body.leader_commit, 9);
  ASSERT_EQ(ae2.body.entries.size(), 3u);
  EXPECT_TRUE(ae2.body.entries[0] == noop);
  EXPECT_TRUE(ae2.body.entries[1] == cas);
  EXPECT_TRUE(ae2.body.entries[2] == read);

  Message vote = make(MsgType::request_vote_res);
  vote.body.term = 8;
  vote.body.success = true;
  EXPECT_TRUE(roundtrip(vote).body.success);

  Message rr = make(MsgType::replica_read_ok);
  rr.body.key = "k";
  rr.body.found = true;
  rr.body.value = 3;
  rr.body.version = 99;
  rr.body.writer = 2;
  Message rr2 = roundtrip(rr);
  EXPECT_TRUE(rr2.body.found);
  EXPECT_EQ(rr2.body.version, 99);
  EXPECT_EQ(rr2.body.writer, 2);

  // Every type has a wire name that maps back to itself.
  for (int t = 0; t <= static_cast<int>(MsgType::replica_write_ok); ++t) {
    auto type = static_cast<MsgType>(t);
    EXPECT_EQ(type_from_name(type_name(type)), type);
  }
}

TEST(Codec, IntegerKeysFromMaelstromBecomeText) {
  Decoded d = decode(R"({"src":"c1","dest":"n1","body":{"type":"read","msg_id":1,"key":0}})");
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.message->body.key, "0");
}

TEST(Codec, MalformedInputGetsError12WithAReplyWhenPossible) {
  // Not JSON: no one to answer.
  Decoded d = decode("{not json");
  EXPECT_FALSE(d.message);
  EXPECT_EQ(d.error_code, 12);
  EXPECT_FALSE(d.reply);

  // Missing field: answered to the sender with in_reply_to.
  d = decode(R"({"src":"c1","dest":"n1","body":{"type":"write","msg_id":5,"key":"a"}})");
  EXPECT_FALSE(d.message);
  EXPECT_EQ(d.error_code, 12);
  ASSERT_TRUE(d.reply);
  EXPECT_EQ(d.reply->dest, "c1");
  EXPECT_EQ(d.reply->src, "n1");
  EXPECT_EQ(d.reply->body.type, MsgType::error);
  EXPECT_EQ(d.reply->body.code, 12);
  EXPECT_EQ(*d.reply->body.in_reply_to, 5);
  EXPECT_NE(d.error_text.find("value"), std::string::npos);

  // Wrong types.
  for (const char* bad : {
           R"({"src":"c1","dest":"n1","body":{"type":"write","msg_id":5,"key":"a","value":"x"}})",
           R"({"src":"c1","dest":"n1","body":{"type":"cas","msg_id":5,"key":"a","from":1.5,"to":2}})",
           R"({"src":"c1","dest":"n1","body":{"type":"read","msg_id":"5","key":"a"}})",
           R"({"src":"c1","dest":"n1","body":{"type":"read","msg_id":5,"key":[1]}})",
           R"({"src":"c1","dest":"n1","body":{"type":"init","msg_id":5,"node_id":"n1","node_ids":[1]}})",
           R"({"src":"c1","dest":"n1","body":{"type":"append_entries","msg_id":5,"term":1,"prev_log_index":0,"prev_log_term":0,"leader_commit":0,"entries":[{"term":1,"op":"fly"}]}})",
           R"({"src":"c1","dest":"n1","body":"read"})",
           R"({"src":"c1","dest":"n1"})",
           R"([1,2,3])",
           R"({"src":5,"dest":"n1","body":{"type":"read"}})",
       }) {
    d = decode(std::string(bad));
    EXPECT_FALSE(d.message) << bad;
    EXPECT_EQ(d.error_code, 12) << bad;
  }
}

TEST(Codec, UnknownTypeGetsError10) {
  Decoded d = decode(R"({"src":"c1","dest":"n1","body":{"type":"broadcast","msg_id":3,"message":1}})");
  EXPECT_FALSE(d.message);
  EXPECT_EQ(d.error_code, 10);
  ASSERT_TRUE(d.reply);
  EXPECT_EQ(d.reply->body.code, 10);
  EXPECT_EQ(*d.reply->body.in_reply_to, 3);
}

TEST(Codec, NodesAnswerUnsupportedRequestsWithError10) {
  for (const std::string& protocol : protocol_names()) {
    auto node = make_node(protocol, NodeConfig{}, 1);
    std::vector<Message> out;
    Message init = make(MsgType::init);
    init.src = "c0";
    init.dest = "n1";
    init.body.node_id = "n1";
    init.body.node_ids = {"n1", "n2", "n3"};
    node->handle(init, 0, out);
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out[0].body.type, MsgType::init_ok) << protocol;
    out.clear();
    // A well-formed message of a kind this protocol does not speak.
    Message odd = make(protocol == "raft" ? MsgType::replica_read : MsgType::request_vote);
    odd.src = "c1";
    odd.dest = "n1";
    node->handle(odd, 0, out);
    ASSERT_EQ(out.size(), 1u) << protocol;
    EXPECT_EQ(out[0].body.type, MsgType::error);
    EXPECT_EQ(out[0].body.code, 10) << protocol;
  }
}

}  // namespace
}  // namespace kv

namespace kv {
namespace {

// Random damage to valid lines, fed to the codec and every protocol: errors
// are fine, crashes and hangs are not (run under the sanitizers to be strict).
TEST(Codec, SurvivesRandomlyDamagedInput) {
  const std::vector<std::string> seeds = {
      R"({"src":"c1","dest":"n1","body":{"type":"write","msg_id":5,"key":"a","value":3}})",
      R"({"src":"c1","dest":"n1","body":{"type":"cas","msg_id":6,"key":0,"from":3,"to":4}})",
      R"({"src":"n2","dest":"n1","body":{"type":"append_entries","msg_id":7,"term":3,"prev_log_index":2,"prev_log_term":1,"leader_commit":9,"entries":[{"term":3,"op":"write","key":"k","value":1,"client":"c1","client_msg_id":4}]}})",
      R"({"src":"n2","dest":"n1","body":{"type":"append_entries_res","msg_id":8,"in_reply_to":3,"term":3,"success":false,"match_index":-7}})",
      R"({"src":"n9","dest":"n1","body":{"type":"replica_read_ok","in_reply_to":1,"key":"k","found":true,"value":1,"version":5,"writer":7}})",
      R"({"src":"n2","dest":"n1","body":{"type":"replicate","msg_id":9,"view":99,"key":"k","value":1,"version":4}})",
      R"({"src":"n3","dest":"n1","body":{"type":"request_vote","msg_id":10,"term":5,"last_log_index":100,"last_log_term":4}})",
  };
  std::vector<std::unique_ptr<Node>> nodes;
  for (const std::string& protocol : protocol_names()) {
    nodes.push_back(make_node(protocol, NodeConfig{}, 5));
    std::vector<Message> out;
    Decoded init = decode(R"({"src":"c0","dest":"n1","body":{"type":"init","msg_id":0,"node_id":"n1","node_ids":["n1","n2","n3"]}})");
    nodes.back()->handle(*init.message, 0, out);
  }
  Rng rng(11);
  const std::string alphabet = "{}[]\":,0123456789-abcnrtuvx \\e";
  int decoded = 0, rejected = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string line = seeds[rng.uniform(0, static_cast<std::int64_t>(seeds.size()))];
    const int edits = static_cast<int>(rng.uniform(0, 4));
    for (int e = 0; e < edits && !line.empty(); ++e) {
      const size_t at = static_cast<size_t>(rng.uniform(0, static_cast<std::int64_t>(line.size())));
      switch (rng.uniform(0, 3)) {
        case 0: line[at] = alphabet[rng.uniform(0, static_cast<std::int64_t>(alphabet.size()))]; break;
        case 1: line.erase(at, 1); break;
        default: line.insert(at, 1, alphabet[rng.uniform(0, static_cast<std::int64_t>(alphabet.size()))]); break;
      }
    }
    Decoded d = decode(line);
    if (!d.message) {
      ++rejected;
      EXPECT_TRUE(d.error_code == 12 || d.error_code == 10) << line;
      continue;
    }
    ++decoded;
    std::vector<Message> out;
    for (auto& node : nodes) {
      node->handle(*d.message, i * kMillisecond, out);
      node->tick(i * kMillisecond, out);
      for (const Message& m : out) EXPECT_FALSE(encode(m).empty());
      out.clear();
    }
  }
  EXPECT_GT(decoded, 1000);
  EXPECT_GT(rejected, 1000);
}

}  // namespace
}  // namespace kv
