// Fuzz target: the Maelstrom codec (cpp/kv/codec.h), which turns every line a
// node receives into a Message. Properties beyond "no sanitizer finding":
//   - decode() never throws, and a refusal carries code 10 or 12;
//   - an error reply, when there is one, is an error back to the sender;
//   - what decodes re-encodes to a line that decodes again, and encoding is
//     stable from then on: encode(decode(encode(m))) == encode(m).
#include <exception>

#include "codec.h"
#include "fuzz_driver.h"
#include "maelstrom_dictionary.h"

namespace {

void check_refusal(const kv::Decoded& d) {
  if (d.error_code != kv::code::malformed_request && d.error_code != kv::code::not_supported) {
    fuzz::fail("a refused line has error code " + std::to_string(d.error_code) + " (expected 10 or 12)");
  }
  if (d.reply && (d.reply->body.type != kv::MsgType::error || d.reply->body.code != d.error_code)) {
    fuzz::fail("the error reply to a refused line is not an error with its code");
  }
}

void check_round_trip(const kv::Message& message) {
  const std::string once = kv::encode(message);
  const kv::Decoded again = kv::decode(once);
  if (!again.message) fuzz::fail("a decoded message re-encodes to a line that does not decode: " + once);
  const std::string twice = kv::encode(*again.message);
  if (twice != once) fuzz::fail("encoding is not stable:\n  " + once + "\n  " + twice);
}

void run(const std::string& input) {
  try {
    const kv::Decoded d = kv::decode(input);
    if (d.message) check_round_trip(*d.message);
    else check_refusal(d);
  } catch (const std::exception& e) {
    fuzz::fail(std::string("the codec threw: ") + e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  const fuzz::Target target{"codec", run, fuzz::maelstrom_dictionary()};
  return fuzz::run_driver(target, argc, argv);
}
