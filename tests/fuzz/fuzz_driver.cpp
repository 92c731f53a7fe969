#include "fuzz_driver.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "mutator.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#include <sanitizer/common_interface_defs.h>
#define CDD_FUZZ_HAS_SANITIZER 1
#endif

namespace fuzz {

namespace {

// What the crash handlers need, set before each input runs. Only plain
// memory and write(2) are used from the handlers (async-signal-safe).
const std::string* g_input = nullptr;
char g_crash_path[4096] = "";
char g_replay_hint[4096] = "";
constexpr unsigned kSecondsPerInput = 20;  // a hang is a finding too

// Copies into a fixed buffer the handlers can read (cut short if it must be).
template <std::size_t N>
void set_text(char (&buffer)[N], const std::string& text) {
  const std::size_t n = std::min(text.size(), N - 1);
  std::memcpy(buffer, text.data(), n);
  buffer[n] = '\0';
}

void save_current_input() {
  static volatile sig_atomic_t saved = 0;  // a sanitizer's death may abort() after calling us
  if (saved || !g_input) return;
  saved = 1;
  const int fd = g_crash_path[0] ? open(g_crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
  if (fd >= 0) {
    const char* p = g_input->data();
    std::size_t left = g_input->size();
    while (left > 0) {
      const ssize_t n = write(fd, p, left);
      if (n <= 0) break;
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    close(fd);
  }
  const ssize_t ignored = write(STDERR_FILENO, g_replay_hint, strlen(g_replay_hint));
  (void)ignored;
}

void on_fatal_signal(int sig) {
  if (sig == SIGALRM) {
    const char msg[] = "\nfuzz: one input ran longer than the time limit (a hang)\n";
    const ssize_t ignored = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)ignored;
  }
  save_current_input();
  signal(sig, SIG_DFL);
  raise(sig == SIGALRM ? SIGABRT : sig);
}

// Under a sanitizer its own report comes first (it handles SIGSEGV and the
// like itself, and calls us back before dying); otherwise we catch the signals.
void install_handlers() {
#ifdef CDD_FUZZ_HAS_SANITIZER
  __sanitizer_set_death_callback(save_current_input);
  for (int sig : {SIGABRT, SIGALRM}) signal(sig, on_fatal_signal);
#else
  for (int sig : {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGALRM}) signal(sig, on_fatal_signal);
#endif
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

// The corpus folder's files, sorted by name so the order (and so every
// input index) does not depend on the file system.
bool read_corpus(const std::string& dir, std::vector<std::string>& corpus) {
  DIR* d = opendir(dir.c_str());
  if (!d) return false;
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    if (e->d_name[0] != '.') names.push_back(e->d_name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    std::string text;
    if (!read_file(dir + "/" + name, text)) return false;
    corpus.push_back(std::move(text));
  }
  return !corpus.empty();
}

struct Options {
  std::string corpus_dir;
  std::string crash_dir;  // empty: failing inputs are not saved (they can be replayed by index)
  std::uint64_t seed = 1;
  std::uint64_t runs = 1000;
  long long only = -1;
  std::size_t max_size = 64 * 1024;
  std::vector<std::string> files;
};

bool parse_number(const char* text, std::uint64_t& out) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (!end || *end || !*text || text[0] == '-') return false;
  out = v;
  return true;
}

bool parse_options(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    std::uint64_t n = 0;
    if (arg == "--corpus" && has_value) o.corpus_dir = argv[++i];
    else if (arg == "--crash-dir" && has_value) o.crash_dir = argv[++i];
    else if (arg == "--seed" && has_value && parse_number(argv[++i], n)) o.seed = n;
    else if (arg == "--runs" && has_value && parse_number(argv[++i], n)) o.runs = n;
    else if (arg == "--only" && has_value && parse_number(argv[++i], n)) o.only = static_cast<long long>(n);
    else if (arg == "--max-size" && has_value && parse_number(argv[++i], n) && n > 0) o.max_size = n;
    else if (arg.rfind("--", 0) != 0) o.files.push_back(arg);
    else return false;
  }
  return !o.corpus_dir.empty() || !o.files.empty();
}

void run_one(const Target& target, const std::string& input) {
  g_input = &input;
  alarm(kSecondsPerInput);
  target.run(input);
  alarm(0);
  g_input = nullptr;
}

// What the handlers save and print if input `index` fails.
void prepare_report(const Target& target, const Options& o, std::uint64_t index) {
  const std::string id = "seed " + std::to_string(o.seed) + " input " + std::to_string(index);
  const std::string saved = o.crash_dir.empty() ? std::string()
                                                : o.crash_dir + "/crash-" + target.name + "-seed" +
                                                      std::to_string(o.seed) + "-input" + std::to_string(index);
  set_text(g_crash_path, saved);
  set_text(g_replay_hint, std::string("fuzz ") + target.name + ": " + id + " failed" +
                              (saved.empty() ? "" : "; saved as " + saved) + "\n  replay: fuzz_" + target.name +
                              " --corpus " + o.corpus_dir + " --seed " + std::to_string(o.seed) + " --only " +
                              std::to_string(index) + "\n");
}

int replay_files(const Target& target, const Options& o) {
  for (const std::string& path : o.files) {
    std::string input;
    if (!read_file(path, input)) {
      std::cerr << "fuzz " << target.name << ": cannot read " << path << "\n";
      return 2;
    }
    set_text(g_replay_hint, std::string("fuzz ") + target.name + ": the failing input is the file " + path + "\n");
    run_one(target, input);
  }
  std::cout << "fuzz " << target.name << ": " << o.files.size() << " file(s) replayed, no finding\n";
  return 0;
}

}  // namespace

void fail(const std::string& what) {
  std::cerr << "\nfuzz: property violated: " << what << "\n";
  std::abort();  // the SIGABRT handler saves the input
}

int run_driver(const Target& target, int argc, char** argv) {
  Options o;
  if (!parse_options(argc, argv, o)) {
    std::cerr << "usage: fuzz_" << target.name
              << " --corpus DIR [--seed S] [--runs N] [--only I] [--crash-dir DIR] [--max-size BYTES]\n"
                 "       fuzz_" << target.name << " FILE...   (replay inputs)\n";
    return 2;
  }
  install_handlers();
  if (!o.files.empty()) return replay_files(target, o);

  std::vector<std::string> corpus;
  if (!read_corpus(o.corpus_dir, corpus)) {
    std::cerr << "fuzz " << target.name << ": no readable corpus in " << o.corpus_dir << "\n";
    return 2;
  }
  const Mutator mutator(corpus, target.dictionary, o.max_size);
  const auto start = std::chrono::steady_clock::now();
  const std::uint64_t first = o.only >= 0 ? static_cast<std::uint64_t>(o.only) : 0;
  const std::uint64_t last = o.only >= 0 ? first + 1 : o.runs;
  for (std::uint64_t i = first; i < last; ++i) {
    const std::string input = mutator.input(o.seed, i);
    prepare_report(target, o, i);
    run_one(target, input);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("fuzz %s: %llu inputs (%zu corpus entries), seed %llu: no finding (%.1f s)\n", target.name,
              static_cast<unsigned long long>(last - first), corpus.size(),
              static_cast<unsigned long long>(o.seed), seconds);
  return 0;
}

}  // namespace fuzz
