// Does a change to a global variable reach the parent?
//
// The same function sets the same global, once in a new thread and once in a
// new process. The thread shares the program's memory, so the parent sees
// the change. The process got its own copy of everything (a fork() natively,
// a fresh instance of this program in a Web Worker in the browser), so its
// change stays in the child: the parent's value is untouched, and the only
// way to learn the child's value is for the child to send it back.
#include <cdd/args.h>
#include <cdd/multiprocessing.h>
#include <cdd/report.h>

#include <cstdio>
#include <string>
#include <thread>

long long counter = 0;  // the global both workers change

// Runs in the thread, and (registered below) in the child process.
long long set_counter(long long value) {
  counter = value;
  return counter;  // what the worker itself sees after its change
}
CDD_MP_TASK(set_counter);

int main(int argc, char** argv) {
  cdd::Args args(argc, argv);
  long long value = args.integer("value", 42, -1000000, 1000000);
  if (!args.ok()) return args.fail();
  cdd::table_columns("isolation", {"worker", "worker saw", "parent sees afterwards", "shared memory?"});

  counter = 0;
  std::printf("parent: counter = %lld before either worker runs\n", counter);

  // 1. A thread.
  if (cdd::mp::threads_available()) {
    long long thread_saw = 0;
    std::thread worker([&] { thread_saw = set_counter(value); });
    worker.join();
    std::printf("thread: set counter to %lld; the parent now sees %lld\n", thread_saw, counter);
    cdd::table_row("isolation", {"thread", std::to_string(thread_saw), std::to_string(counter), "yes: one memory"});
  } else {
    std::printf("thread: this build cannot start threads\n");
    cdd::table_row("isolation", {"thread", "(no threads in this build)", std::to_string(counter), "-"});
  }

  // 2. A process. The parent's counter starts from 0 again, as for the
  // thread. The child writes value + 1, not value: a number nobody else
  // wrote, so if it ever showed up in the parent, it could only have come
  // from the child (42 could be the thread's leftover).
  counter = 0;
  long long child_value = value + 1;
  std::printf("process: asked to write %lld (value + %lld, a number only the child writes, so we would "
              "know if it reached the parent)\n", child_value, child_value - value);
  cdd::mp::Process child("set_counter", child_value);
  child.start();
  const cdd::mp::Outcome& how = child.join();
  if (!how.ok()) {
    std::printf("process: %s\n", how.describe().c_str());
    cdd::table_row("isolation", {"process", how.describe(), std::to_string(counter), "-"});
    return 1;
  }
  long long child_saw = child.result<long long>();
  std::printf("process %d: set counter to %lld; the parent still sees %lld\n", child.id(), child_saw, counter);
  cdd::table_row("isolation", {"process", std::to_string(child_saw), std::to_string(counter), "no: its own copy"});
  std::printf("The child's value reached the parent only as its returned result.\n");
  return 0;
}
