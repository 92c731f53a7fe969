#include "mutator.h"

#include "json_mutation.h"

#include <algorithm>
#include <utility>

namespace fuzz {

namespace {

// JSON's own punctuation and literals, which every target's format shares.
const std::vector<std::string> kJsonTokens = {
    "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "false",
    "\n", " ", "{}", "[]", "\"\"", "\xff", "\xc3\xa9", "\t"};

// Numbers at the edges of what the targets parse and compute with.
const std::vector<std::string> kEdgeNumbers = {
    "0", "-0", "1", "-1", "2", "63", "64", "65", "255", "2147483647", "-2147483648", "4294967296",
    "9007199254740993", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
    "18446744073709551615", "1e308", "1e309", "-1e-320", "0.5", "1.0"};

}  // namespace

std::uint64_t Random::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Random random_for(std::uint64_t seed, std::uint64_t index) {
  Random mix(seed);
  const std::uint64_t a = mix.next();
  Random by_index(index ^ 0xd1b54a32d192ed03ULL);
  return Random(a ^ by_index.next());
}

Mutator::Mutator(std::vector<std::string> corpus, std::vector<std::string> dictionary, std::size_t max_size)
    : corpus_(std::move(corpus)), dictionary_(std::move(dictionary)), max_size_(max_size) {
  dictionary_.insert(dictionary_.end(), kJsonTokens.begin(), kJsonTokens.end());
  if (corpus_.empty()) corpus_.push_back("");
}

std::string Mutator::input(std::uint64_t seed, std::uint64_t index) const {
  if (index < corpus_.size()) return corpus_[index];
  Random random = random_for(seed, index);
  std::string data = corpus_[random.below(corpus_.size())];
  // Mostly one or two changes, so most inputs still get past the parser.
  const std::size_t count = 1 + random.below(random.chance(8) ? 12 : 2);
  for (std::size_t i = 0; i < count; ++i) {
    if (random.chance(8)) mutate_once(data, random);
    else mutate_one_line(data, random);
  }
  if (data.size() > max_size_) data.resize(max_size_);
  return data;
}

void Mutator::mutate_once(std::string& data, Random& random) const {
  const auto at = [&](std::size_t extra) { return random.below(data.size() + extra); };
  switch (random.below(9)) {
    case 0:  // flip one bit
      if (!data.empty()) data[at(0)] ^= static_cast<char>(1u << random.below(8));
      break;
    case 1:  // any byte
      if (!data.empty()) data[at(0)] = static_cast<char>(random.below(256));
      break;
    case 2:  // a token of the format, or of JSON
      data.insert(at(1), dictionary_[random.below(dictionary_.size())]);
      break;
    case 3: {  // delete a short range
      if (data.empty()) break;
      const std::size_t from = at(0);
      data.erase(from, 1 + random.below(std::min<std::size_t>(32, data.size() - from)));
      break;
    }
    case 4: {  // duplicate a short range somewhere else
      if (data.empty()) break;
      const std::size_t from = at(0);
      const std::string piece = data.substr(from, 1 + random.below(64));
      data.insert(at(1), piece);
      break;
    }
    case 5: {  // splice: our head with another entry's tail
      const std::string& other = corpus_[random.below(corpus_.size())];
      data = data.substr(0, at(1)) + other.substr(random.below(other.size() + 1));
      break;
    }
    case 6:
      replace_number(data, random);
      break;
    case 7:
      swap_or_repeat_line(data, random);
      break;
    default:  // replace a range with a token
      if (!data.empty()) {
        const std::size_t from = at(0);
        data.replace(from, 1 + random.below(8), dictionary_[random.below(dictionary_.size())]);
      }
      break;
  }
}

// One line changes: a JSON value in it (if it is JSON), or some of its bytes.
void Mutator::mutate_one_line(std::string& data, Random& random) const {
  std::vector<std::pair<std::size_t, std::size_t>> lines;  // [begin, end) of each non-empty line
  for (std::size_t begin = 0; begin < data.size();) {
    const std::size_t end = std::min(data.find('\n', begin), data.size());
    if (end > begin) lines.emplace_back(begin, end);
    begin = end + 1;
  }
  if (lines.empty()) return mutate_once(data, random);
  const auto [begin, end] = lines[random.below(lines.size())];
  std::string line = data.substr(begin, end - begin);
  if (random.chance(8) || !mutate_json_value(line, dictionary_, random)) mutate_once(line, random);
  data.replace(begin, end - begin, line);
}

// The digits (with sign) around a random position become an edge number.
void Mutator::replace_number(std::string& data, Random& random) const {
  const std::string& edge = kEdgeNumbers[random.below(kEdgeNumbers.size())];
  const std::size_t start = data.find_first_of("-0123456789", data.empty() ? 0 : random.below(data.size()));
  if (start == std::string::npos) {
    data.insert(random.below(data.size() + 1), edge);
    return;
  }
  std::size_t end = start + 1;
  while (end < data.size() && data[end] >= '0' && data[end] <= '9') ++end;
  data.replace(start, end - start, edge);
}

// Message and history inputs are lines: reorder them, or send one twice.
void Mutator::swap_or_repeat_line(std::string& data, Random& random) const {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos <= data.size()) {
    const std::size_t end = std::min(data.find('\n', pos), data.size());
    lines.push_back(data.substr(pos, end - pos));
    pos = end + 1;
  }
  const std::size_t a = random.below(lines.size()), b = random.below(lines.size());
  if (random.chance(2)) std::swap(lines[a], lines[b]);
  else lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(b), lines[a]);
  data.clear();
  for (std::size_t i = 0; i < lines.size(); ++i) data += (i ? "\n" : "") + lines[i];
}

}  // namespace fuzz
