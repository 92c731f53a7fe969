// cdd/maelstrom.h: write a Maelstrom node (https://github.com/jepsen-io/maelstrom)
// in a few lines. The node reads one JSON message a line on stdin, writes one
// a line on stdout and logs to stderr; this header does the protocol's
// bookkeeping so a program is only its handlers:
//
//   #include <cdd/maelstrom.h>
//   using namespace cdd::maelstrom;
//   int main() {
//     Node node;
//     node.on("echo", [&](Message& req) {
//       node.reply(req, {{"type", "echo_ok"}, {"echo", req.body["echo"]}});
//     });
//     node.run();
//   }
//
// API (class Node, cdd/maelstrom/node.h):
//   on(type, handler(Message&))        handle requests of a type; "init" is answered for you
//                                      (init_ok), a handler for it runs after id() is set
//   reply(req, body)                   body gets in_reply_to = req's msg_id
//   error(req, code, text)             an error reply; codes in code:: (0 timeout,
//                                      10 not_supported, 11 temporarily_unavailable,
//                                      12 malformed_request, 13 crash, 14 abort,
//                                      20 key_does_not_exist, 21 key_already_exists,
//                                      22 precondition_failed)
//   send(dest, body)                   fire and forget
//   rpc(dest, body, callback(Message&), timeout_ms = 0)
//                                      callback runs once: with the reply, or (timeout_ms > 0)
//                                      with an error of code 0 when none came in time
//   every(ms, fn), after(ms, fn)       timers (return an id for cancel(id))
//   id(), node_ids(), now()            this node, all nodes (after init), ms since start
//   log(parts...)                      one line to stderr (strings, numbers, json)
//   run()                              the loop; returns when stdin ends
// Message: src, dest, body (nlohmann::json, aliased json), type(), is_error().
// Unknown request types get error 10; a line that is not a message is logged and skipped.
//
// Nothing here throws (the page compiles without exceptions): parse JSON with
// json::parse(text, nullptr, false) and check is_discarded(); prefer
// body.find/contains/value over .at(), and check a value's type before get<T>().
//
// Native build and real Maelstrom, see cpp/include/cdd/README.md.
#pragma once

#include <cdd/maelstrom/io.h>
#include <cdd/maelstrom/message.h>
#include <cdd/maelstrom/node.h>
