// Can this program start threads here?
//
// Natively, always. In the page, the threaded WebAssembly build runs when the
// page is cross-origin isolated (SharedArrayBuffer available); otherwise the
// page runs the single-threaded build, where pthread_create fails. There,
// std::thread's constructor would throw, and with exceptions disabled (the
// WebAssembly default) that aborts the program. So programs ask first, with
// the C call that reports failure as a return value, and explain instead.
#pragma once

#include <pthread.h>

#include <cstdio>

namespace lesson {

// The probe thread's whole job: say that it ran.
inline void* mark_ran(void* ran) {
  *static_cast<bool*>(ran) = true;
  return nullptr;
}

// pthread_create's signature: tests pass one that fails, to see the answer change.
using ThreadStarter = int (*)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);

// Starts and joins one thread that marks a flag; false when the runtime
// cannot start it, or it did not run.
inline bool threads_can_start(ThreadStarter start = pthread_create) {
  bool ran = false;
  pthread_t probe;
  if (start(&probe, nullptr, mark_ran, &ran) != 0) return false;
  pthread_join(probe, nullptr);  // makes the probe's write visible here
  return ran;
}

// Prints why a threaded part is skipped; returns false so callers can write
// `if (!lesson::require_threads("the race demo")) return 0;`.
inline bool require_threads(const char* what, ThreadStarter start = pthread_create) {
  if (threads_can_start(start)) return true;
  std::printf(
      "Threads are not available here, so %s cannot run.\n"
      "This is the single-threaded build: the page is not cross-origin isolated, so the\n"
      "browser gives it no SharedArrayBuffer and no way to start a thread. Reload the page\n"
      "(the service worker enables isolation), or run the native build.\n",
      what);
  std::fflush(stdout);
  return false;
}

}  // namespace lesson
