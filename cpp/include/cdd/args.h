// Program parameters as `key=value` arguments, checked before any work starts.
//
// The page's controls and the benchmarks pass parameters the same way
// (`n=1000000 threads=2`). Every value is validated against a range so that a
// bad value gets a clear message instead of a crash or a huge allocation:
//
//   cdd::Args args(argc, argv);
//   long long n = args.integer("n", 1000000, 1, 100000000);
//   if (!args.ok()) return args.fail();   // prints every problem, returns 2
#pragma once

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#if !defined(__EMSCRIPTEN__) && defined(__unix__)
#include <unistd.h>
#endif

namespace cdd {

// Exit code for "the arguments were wrong"; the page shows the message, not a crash.
constexpr int kBadArguments = 2;

// Bytes a program may plan to allocate. In WebAssembly this is the module's
// maximum memory (2 GiB, see cmake/CddProgram.cmake) less room for the runtime;
// natively half the machine's physical memory.
inline double memory_budget_bytes() {
#if defined(__EMSCRIPTEN__)
  return 1.75 * 1024 * 1024 * 1024;
#elif defined(__unix__)
  return 0.5 * static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE));
#else
  return 4.0 * 1024 * 1024 * 1024;
#endif
}

inline std::string human_bytes(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
  int u = 0;
  while (bytes >= 1000 && u < 5) {
    bytes /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, bytes < 10 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
  return buf;
}

class Args {
 public:
  Args(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
      std::string arg = argv[i];
      size_t eq = arg.find('=');
      if (eq == std::string::npos || eq == 0) {
        errors_.push_back("argument '" + arg + "' is not of the form key=value");
        continue;
      }
      pairs_.push_back({arg.substr(0, eq), arg.substr(eq + 1), false});
    }
  }

  // An integer in [min, max]. Accepts 1e6-style values when they are whole.
  long long integer(const std::string& key, long long fallback, long long min, long long max) {
    const std::string* text = find(key);
    if (!text) return fallback;
    char* end = nullptr;
    errno = 0;
    double value = std::strtod(text->c_str(), &end);
    bool whole = end != text->c_str() && *end == '\0' && errno == 0 &&
                 value == static_cast<double>(static_cast<long long>(value));
    if (!whole || value < static_cast<double>(min) || value > static_cast<double>(max)) {
      errors_.push_back(key + " must be a whole number from " + std::to_string(min) + " to " +
                        std::to_string(max) + ", got '" + *text + "'");
      return fallback;
    }
    return static_cast<long long>(value);
  }

  // A real number in [min, max].
  double number(const std::string& key, double fallback, double min, double max) {
    const std::string* text = find(key);
    if (!text) return fallback;
    char* end = nullptr;
    errno = 0;
    double value = std::strtod(text->c_str(), &end);
    if (end == text->c_str() || *end != '\0' || errno != 0 || !(value >= min && value <= max)) {
      char range[64];
      std::snprintf(range, sizeof range, "from %g to %g", min, max);
      errors_.push_back(key + " must be a number " + range + ", got '" + *text + "'");
      return fallback;
    }
    return value;
  }

  // One of a fixed set of words.
  std::string choice(const std::string& key, const std::string& fallback,
                     const std::vector<std::string>& allowed) {
    const std::string* text = find(key);
    if (!text) return fallback;
    for (const auto& a : allowed)
      if (a == *text) return a;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    errors_.push_back(key + " must be one of " + list + ", got '" + *text + "'");
    return fallback;
  }

  // Refuses a plan that needs more memory than the runtime can give, before
  // anything is allocated.
  void require_memory(double bytes, const std::string& what) {
    double budget = memory_budget_bytes();
    if (bytes > budget)
      errors_.push_back(what + " needs about " + human_bytes(bytes) + ", more than the " +
                        human_bytes(budget) + " this runtime can give; choose a smaller size");
  }

  // A problem the program found itself (e.g. min > max).
  void error(const std::string& message) { errors_.push_back(message); }

  // True when every argument was known and valid.
  bool ok() {
    check_unknown();
    return errors_.empty();
  }

  const std::vector<std::string>& errors() {
    check_unknown();
    return errors_;
  }

  // Prints the problems to stderr and returns the exit code for main.
  int fail() {
    for (const auto& e : errors()) std::fprintf(stderr, "error: %s\n", e.c_str());
    std::fflush(stderr);
    return kBadArguments;
  }

 private:
  struct Pair {
    std::string key, value;
    bool used;
  };

  const std::string* find(const std::string& key) {
    const std::string* found = nullptr;
    for (auto& p : pairs_)
      if (p.key == key) {
        p.used = true;
        found = &p.value;  // the last one wins, like a command line
      }
    return found;
  }

  void check_unknown() {
    for (auto& p : pairs_)
      if (!p.used) {
        errors_.push_back("unknown parameter '" + p.key + "'");
        p.used = true;  // report it once
      }
  }

  std::vector<Pair> pairs_;
  std::vector<std::string> errors_;
};

}  // namespace cdd
