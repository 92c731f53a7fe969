// Template program for the in-page compiler's runtime glue.
//
// Nobody runs this program. tools/compiler/make-runtime.mjs compiles it once
// with em++ so that Emscripten emits JavaScript glue containing the JS side of
// every libc/libc++ facility a lesson program is likely to use (threads, locks,
// condition variables, futures, latches, clocks, random numbers, stdio, files).
// Programs compiled in the page are then linked against the same libraries and
// run with this glue. A facility missing here still links; calling it aborts
// with "unsupported libc/JS function: NAME" (see patch-runtime.mjs).
// The project's multiprocessing library is linked too (make-runtime.mjs), and
// used below, so its JavaScript side is in the glue.
#include <algorithm>
#include <atomic>
#include <barrier>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <ctime>
#include <fstream>
#include <functional>
#include <future>
#include <iostream>
#include <latch>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <random>
#include <semaphore>
#include <shared_mutex>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <cdd/multiprocessing.h>

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

long long template_square(long long x) { return x * x; }
CDD_MP_TASK(template_square);

// Processes, a pool, a queue, a transferred buffer and a shared block: every
// JavaScript function of the library's browser backend is reached from here.
static long long use_multiprocessing(int argc) {
  cdd::mp::SharedMemory block = cdd::mp::SharedMemory::create("template", 64);
  block.fetch_add(0, argc);
  cdd::mp::Queue queue;
  queue.put(static_cast<long long>(argc));
  cdd::mp::Buffer buffer(static_cast<std::size_t>(argc));
  queue.put_buffer(std::move(buffer));
  cdd::mp::Process child("template_square", static_cast<long long>(argc));
  child.start();
  child.join();
  cdd::mp::PoolOptions options;
  options.task_timeout_ms = argc;
  options.memory_limit_bytes = static_cast<std::size_t>(argc) << 20;
  cdd::mp::Pool pool(2, options);
  auto results = pool.map<long long>("template_square", std::vector<long long>{1, 2, 3});
  return queue.get<long long>() + queue.get_buffer().size() + block.load(0) + results.size() +
         static_cast<long long>(cdd::mp::private_memory_bytes()) + cdd::mp::threads_available() +
         cdd::mp::processors_available();
}

// Every call below sits behind a run-time condition the compiler cannot see
// through (argc), so the code and its JS imports are kept but never executed.
int main(int argc, char** argv) {
  if (argc < 1000) {
    std::printf("runtime template: nothing to do\n");
    return 0;
  }
  if (argc > 3000) throw std::out_of_range("the glue reports what a program throws");
  if (argc > 2000) return static_cast<int>(use_multiprocessing(argc));
  std::atomic<long> counter{0};
  std::mutex m;
  std::recursive_mutex rm;
  std::timed_mutex tm;
  std::shared_mutex sm;
  std::condition_variable cv;
  std::condition_variable_any cva;
  bool ready = false;
  std::vector<std::thread> pool;
  for (int i = 0; i < argc; ++i)
    pool.emplace_back([&, i] {
      counter.fetch_add(i);
      counter.wait(-1);
      counter.notify_all();
      std::lock_guard<std::mutex> lock(m);
      ready = true;
      cv.notify_all();
    });
  {
    std::unique_lock<std::mutex> lock(m);
    cv.wait_for(lock, std::chrono::milliseconds(argc), [&] { return ready; });
    cv.wait_until(lock, std::chrono::steady_clock::now() + std::chrono::seconds(1));
  }
  { std::unique_lock<std::recursive_mutex> l(rm); cva.wait_for(l, std::chrono::milliseconds(1)); }
  if (tm.try_lock_for(std::chrono::milliseconds(argc))) tm.unlock();
  { std::shared_lock<std::shared_mutex> l(sm); }
  for (auto& t : pool) t.join();
  std::thread detached([] { std::this_thread::yield(); });
  detached.detach();

  std::future<int> f = std::async(std::launch::async, [argc] { return argc * 2; });
  std::promise<int> p;
  std::future<int> pf = p.get_future();
  p.set_value(f.get());
  std::packaged_task<int()> task([] { return 7; });
  std::shared_future<int> sf = task.get_future().share();
  task();
  std::latch latch(1);
  latch.count_down();
  latch.wait();
  std::barrier barrier(1);
  barrier.arrive_and_wait();
  std::counting_semaphore<8> sem(1);
  sem.acquire();
#ifdef __EMSCRIPTEN_PTHREADS__
  // The single-threaded libc has no sem_timedwait (the single-threaded glue
  // is built from this file too, without -pthread).
  sem.try_acquire_for(std::chrono::milliseconds(1));
#endif
  sem.release();
  std::binary_semaphore bsem(0);
  bsem.release();
  std::this_thread::sleep_for(std::chrono::microseconds(pf.get() + sf.get()));
  std::this_thread::sleep_until(std::chrono::system_clock::now());

  std::random_device rd;
  std::mt19937_64 gen(rd());
  std::uniform_real_distribution<double> dist(0, 1);
  std::normal_distribution<double> normal(0, 1);
  double x = dist(gen) + normal(gen) + std::rand() + std::sqrt(argc) + std::exp(argc) + std::log(argc);

  auto hr = std::chrono::high_resolution_clock::now().time_since_epoch().count();
  std::time_t now = std::time(nullptr);
  char buf[64];
  std::strftime(buf, sizeof buf, "%F %T", std::localtime(&now));
  std::strftime(buf, sizeof buf, "%F %T", std::gmtime(&now));
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  clock_gettime(CLOCK_REALTIME, &ts);
  clock_getres(CLOCK_MONOTONIC, &ts);
  timeval tv;
  gettimeofday(&tv, nullptr);
  nanosleep(&ts, nullptr);
  usleep(1);
  sched_yield();
  std::clock();
  rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  utsname names;
  uname(&names);

  std::cout << "x=" << x << " hr=" << hr << " " << buf << std::endl;
  std::cerr << "to stderr" << std::endl;
  std::string line;
  std::getline(std::cin, line);
  // A node program waits for its next message with a timeout (cdd/maelstrom.h);
  // patch-runtime.mjs makes poll on fd 0 ask the page's stdin pipe.
  pollfd stdin_poll{0, POLLIN, 0};
  poll(&stdin_poll, 1, argc);
  std::fprintf(stderr, "%s %ld %d\n", argv[0], sysconf(_SC_NPROCESSORS_ONLN), std::thread::hardware_concurrency());
  std::ostringstream os;
  os << 3.14 << std::hex << 255;
  std::istringstream is(os.str());
  double d;
  is >> d;
  std::ofstream out("/tmp/cdd-template.txt");
  out << d << '\n';
  out.close();
  std::ifstream in("/tmp/cdd-template.txt");
  in >> d;
  FILE* file = std::fopen("/tmp/cdd-template.txt", "r+");
  if (file) { std::fseek(file, 0, SEEK_END); std::ftell(file); std::fclose(file); }
  int fd = open("/tmp/cdd-template.txt", O_RDONLY);
  struct stat st;
  fstat(fd, &st);
  stat("/tmp", &st);
  lseek(fd, 0, SEEK_SET);
  ssize_t got = read(fd, buf, sizeof buf);
  close(fd);
  mkdir("/tmp/cdd-dir", 0755);
  if (DIR* dir = opendir("/tmp")) { readdir(dir); closedir(dir); }
  unlink("/tmp/cdd-template.txt");
  rmdir("/tmp/cdd-dir");
  char cwd[256];
  getcwd(cwd, sizeof cwd);
  std::getenv("HOME");
  setenv("CDD", "1", 1);
  std::signal(SIGINT, SIG_DFL);
  std::map<std::string, int> ordered{{"a", 1}};
  std::unordered_map<int, int> hashed{{1, 2}};
  std::vector<int> v(static_cast<size_t>(argc));
  std::iota(v.begin(), v.end(), 0);
  std::sort(v.begin(), v.end(), std::greater<int>());
  auto owned = std::make_unique<int[]>(static_cast<size_t>(argc));
  void* aligned = std::aligned_alloc(64, 64 * static_cast<size_t>(argc));
  std::free(aligned);
  sem_t csem;
  sem_init(&csem, 0, 1);
  sem_wait(&csem);
  sem_post(&csem);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 1 << 20);
  pthread_t tid;
  pthread_create(&tid, &attr, [](void*) -> void* { return nullptr; }, nullptr);
  pthread_join(tid, nullptr);
  if (got < 0) std::perror(std::strerror(errno));
  if (argc > 5000) std::abort();
  std::atexit([] { std::puts("bye"); });
  std::exit(static_cast<int>(ordered.size() + hashed.size() + owned[0] + v[0]));
}
