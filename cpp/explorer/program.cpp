#include "program.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace cdd::explorer {
namespace {

std::string trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && (std::isspace(static_cast<unsigned char>(s[e - 1])) || s[e - 1] == ';')) --e;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool is_number(const std::string& s) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size() || s.size() - i > 9) return false;
  return std::all_of(s.begin() + static_cast<long>(i), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

int index_of(const std::vector<std::string>& names, const std::string& name) {
  auto it = std::find(names.begin(), names.end(), name);
  return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

int add_name(std::vector<std::string>& names, const std::string& name) {
  int i = index_of(names, name);
  if (i >= 0) return i;
  names.push_back(name);
  return static_cast<int>(names.size()) - 1;
}

// "name(arg, arg)" or "obj.name(arg)": returns false if the line has neither form.
bool parse_call(const std::string& line, std::string& name, std::vector<std::string>& args) {
  size_t open = line.find('(');
  if (open == std::string::npos || line.back() != ')') return false;
  std::string head = trim(line.substr(0, open));
  std::string inside = line.substr(open + 1, line.size() - open - 2);
  args.clear();
  size_t dot = head.find('.');
  if (dot != std::string::npos) {  // m.lock() -> lock(m)
    args.push_back(trim(head.substr(0, dot)));
    head = trim(head.substr(dot + 1));
  }
  name = head;
  size_t start = 0;
  if (!trim(inside).empty()) {
    while (true) {
      size_t comma = inside.find(',', start);
      args.push_back(trim(inside.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return true;
}

class Compiler {
 public:
  explicit Compiler(Program& p) : p_(p) {}

  // Compiles one line of thread t; returns an error or "".
  std::string line(Thread& t, const std::string& raw) {
    std::string text = trim(raw);
    Step step;
    step.text = text;
    if (text.empty()) return "empty line";
    if (text.find("++") != std::string::npos || text.find("+=") != std::string::npos ||
        text.find("--") != std::string::npos || text.find("-=") != std::string::npos)
      return "'" + text + "' hides a read and a write in one step; write it as two lines, "
             "r = x then x = r + 1, or as x.fetch_add(1)";

    std::string name;
    std::vector<std::string> args;
    size_t eq = text.find('=');
    if (eq == std::string::npos && parse_call(text, name, args)) return call(t, step, name, args);
    if (eq == std::string::npos) return "cannot read '" + text + "': expected an assignment like r = x, or a call like lock(m)";
    return assignment(t, step, trim(text.substr(0, eq)), trim(text.substr(eq + 1)));
  }

 private:
  std::string call(Thread& t, Step& step, const std::string& name, const std::vector<std::string>& args) {
    auto need = [&](size_t n) -> std::string {
      if (args.size() != n) return name + " takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s");
      for (const auto& a : args)
        if (!is_identifier(a)) return "'" + a + "' is not a name";
      return "";
    };
    std::string err;
    if (name == "lock" || name == "unlock") {
      if (!(err = need(1)).empty()) return err;
      if ((err = kind_check(args[0], "mutex")).size()) return err;
      step.op = name == "lock" ? Op::lock : Op::unlock;
      step.mutex = add_name(p_.mutex_names, args[0]);
    } else if (name == "wait") {
      if ((args.size() != 2 && args.size() != 3) || !(err = need(args.size())).empty())
        return "wait takes a condition variable, a mutex and optionally a shared flag: wait(cv, m) or wait(cv, m, ready)";
      if ((err = kind_check(args[0], "condition variable")).size()) return err;
      if ((err = kind_check(args[1], "mutex")).size()) return err;
      step.op = Op::wait;
      step.cv = add_name(p_.cv_names, args[0]);
      step.mutex = add_name(p_.mutex_names, args[1]);
      if (args.size() == 3) {
        step.predicate = index_of(p_.shared_names, args[2]);
        if (step.predicate < 0) return "the condition of wait(cv, m, " + args[2] + ") must be a shared variable";
      }
    } else if (name == "notify_one" || name == "notify_all") {
      if (!(err = need(1)).empty()) return err;
      if ((err = kind_check(args[0], "condition variable")).size()) return err;
      step.op = name == "notify_one" ? Op::notify_one : Op::notify_all;
      step.cv = add_name(p_.cv_names, args[0]);
    } else if (name == "fetch_add") {
      if (args.size() != 2 || !is_number(args[1])) return "write x.fetch_add(1) with a whole number";
      int s = index_of(p_.shared_names, args[0]);
      if (s < 0) return "fetch_add needs a shared variable; '" + args[0] + "' is not one";
      step.op = Op::fetch_add;
      step.shared = s;
      step.amount = std::atoll(args[1].c_str());
    } else {
      return "unknown operation '" + name + "': use lock, unlock, wait, notify_one, notify_all or fetch_add";
    }
    t.steps.push_back(step);
    return "";
  }

  std::string assignment(Thread& t, Step& step, const std::string& target, const std::string& expr) {
    if (!is_identifier(target)) return "'" + target + "' cannot be assigned to";
    std::string err;
    if ((err = value_check(target)).size()) return err;
    // expr: operand [(+|-) operand]
    std::string left = expr, right;
    char arith = 0;
    for (size_t i = 1; i < expr.size(); ++i)
      if (expr[i] == '+' || expr[i] == '-') {
        arith = expr[i];
        left = trim(expr.substr(0, i));
        right = trim(expr.substr(i + 1));
        break;
      }
    int shared_touches = 0;
    if ((err = operand(t, left, step.left, shared_touches)).size()) return err;
    if (arith && (err = operand(t, right, step.right, shared_touches)).size()) return err;
    step.arith = arith;
    int s = index_of(p_.shared_names, target);
    if (s >= 0) {
      step.target = {Operand::Kind::shared, s, 0};
      ++shared_touches;
    } else {
      step.target = {Operand::Kind::local, add_name(t.locals, target), 0};
    }
    if (shared_touches > 1)
      return "'" + step.text + "' touches shared memory more than once in one step; a real CPU "
             "cannot do that indivisibly. Read into a local first (r = x), then write (x = r + 1)";
    step.op = Op::assign;
    t.steps.push_back(step);
    return "";
  }

  std::string operand(Thread& t, const std::string& text, Operand& out, int& shared_touches) {
    if (is_number(text)) {
      out = {Operand::Kind::constant, 0, std::atoll(text.c_str())};
      return "";
    }
    if (!is_identifier(text)) return "cannot read '" + text + "': expected a name or a whole number";
    std::string err = value_check(text);
    if (!err.empty()) return err;
    int s = index_of(p_.shared_names, text);
    if (s >= 0) {
      out = {Operand::Kind::shared, s, 0};
      ++shared_touches;
    } else {
      out = {Operand::Kind::local, add_name(t.locals, text), 0};
    }
    return "";
  }

  // A name used as a value must not be a mutex or condition variable.
  std::string value_check(const std::string& name) {
    if (index_of(p_.mutex_names, name) >= 0) return "'" + name + "' is a mutex, not a value";
    if (index_of(p_.cv_names, name) >= 0) return "'" + name + "' is a condition variable, not a value";
    return "";
  }

  std::string kind_check(const std::string& name, const std::string& wanted) {
    if (index_of(p_.shared_names, name) >= 0) return "'" + name + "' is a shared variable, not a " + wanted;
    if (wanted == "mutex" && index_of(p_.cv_names, name) >= 0) return "'" + name + "' is a condition variable, not a mutex";
    if (wanted != "mutex" && index_of(p_.mutex_names, name) >= 0) return "'" + name + "' is a mutex, not a condition variable";
    return "";
  }

  Program& p_;
};

}  // namespace

ParseResult parse_program(const ProgramSpec& spec) {
  ParseResult r;
  Program& p = r.program;
  if (spec.threads.empty()) return {p, "a program needs at least one thread"};
  if (static_cast<int>(spec.threads.size()) > kMaxThreads)
    return {p, "at most " + std::to_string(kMaxThreads) + " threads, so every interleaving can be explored"};
  if (static_cast<int>(spec.shared.size()) > kMaxShared)
    return {p, "at most " + std::to_string(kMaxShared) + " shared variables"};
  for (const auto& [name, value] : spec.shared) {
    if (!is_identifier(name)) return {p, "'" + name + "' is not a valid variable name"};
    if (index_of(p.shared_names, name) >= 0) return {p, "shared variable '" + name + "' is declared twice"};
    p.shared_names.push_back(name);
    p.shared_initial.push_back(value);
  }
  Compiler compiler(p);
  for (const auto& ts : spec.threads) {
    Thread t;
    t.name = ts.name.empty() ? std::string(1, static_cast<char>('A' + p.threads.size())) : ts.name;
    if (static_cast<int>(ts.lines.size()) > kMaxLinesPerThread)
      return {p, "thread " + t.name + " has more than " + std::to_string(kMaxLinesPerThread) + " lines"};
    for (size_t i = 0; i < ts.lines.size(); ++i) {
      std::string err = compiler.line(t, ts.lines[i]);
      if (!err.empty()) return {p, "thread " + t.name + ", line " + std::to_string(i + 1) + ": " + err};
    }
    p.threads.push_back(std::move(t));
  }
  // A name may have been used as a local in one thread before another thread
  // used it as a mutex or condition variable.
  for (const auto& t : p.threads)
    for (const auto& local : t.locals)
      if (index_of(p.mutex_names, local) >= 0 || index_of(p.cv_names, local) >= 0)
        return {p, "thread " + t.name + " uses '" + local + "' as a value, elsewhere it is a mutex or condition variable"};
  return r;
}

}  // namespace cdd::explorer
