// Echo: the smallest Maelstrom node (Gossip Glomers' challenge 1).
//
// What it does: answers every `echo` request with `echo_ok`, carrying back the
// same `echo` value. `init` (which node am I, who else is there) is answered
// by the header before any other message.
// What the echo workload checks: every echo request gets an echo_ok whose
// `echo` equals what was sent.
//
// Runs natively too: build/native/programs/nodes/echo, and under real Maelstrom:
//   maelstrom test -w echo --bin build/native/programs/nodes/echo --node-count 1 --time-limit 10
#include <cdd/maelstrom.h>

using namespace cdd::maelstrom;

int main() {
  Node node;
  node.on("echo", [&](Message& req) {
    // reply() fills in in_reply_to, so the client can match answer to question.
    node.reply(req, {{"type", "echo_ok"}, {"echo", req.body["echo"]}});
  });
  node.run();  // reads stdin until it ends
}
