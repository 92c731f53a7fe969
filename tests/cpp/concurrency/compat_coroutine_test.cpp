// cpp/compat/coroutine must not clash with a standard library that has its
// own <coroutine>: this test is compiled with that folder first on the
// include path (see CMakeLists.txt), so g++ reaches its own header through
// the project's (#include_next). The Emscripten builds use the project's
// definitions; tests/wasm/concurrency.test.mjs runs the coroutine program there.
#include <coroutine>

#include <gtest/gtest.h>

#ifndef CDD_COMPAT_COROUTINE
#error "the project's <coroutine> was not on the include path"
#endif

namespace {

struct Counter {
  struct promise_type {
    int value = 0;
    Counter get_return_object() { return Counter{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) {
      value = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> handle;
};

Counter count_to(int n) {
  for (int i = 1; i <= n; ++i) co_yield i;
}

TEST(CompatCoroutine, GeneratorThroughWhicheverHeaderIsActive) {
  Counter c = count_to(4);
  int sum = 0;
  while (true) {
    c.handle.resume();
    if (c.handle.done()) break;
    sum += c.handle.promise().value;
  }
  c.handle.destroy();
  EXPECT_EQ(sum, 10);
  std::coroutine_handle<> noop = std::noop_coroutine();
  EXPECT_TRUE(static_cast<bool>(noop));
  noop.resume();  // does nothing, by definition
}

}  // namespace
