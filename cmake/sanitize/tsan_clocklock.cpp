// Linked into ThreadSanitizer builds only (cmake/CddSanitize.cmake).
//
// libstdc++ 12 implements std::timed_mutex::try_lock_for/until (and the
// recursive variant) with pthread_mutex_clocklock, which the ThreadSanitizer
// runtime of GCC 12 (and clang 14) does not intercept. TSan then never sees
// those locks taken, reports every later unlock as "unlock of an unlocked
// mutex", and could not see what the lock protects. This definition takes
// the call instead and forwards it to pthread_mutex_timedlock, which TSan does
// intercept, with the same deadline expressed on CLOCK_REALTIME. So the
// sanitizer sees the real locking; nothing is suppressed.
#include <pthread.h>
#include <time.h>

namespace {

constexpr long long kNanosPerSecond = 1'000'000'000;

long long nanos(const timespec& t) { return t.tv_sec * kNanosPerSecond + t.tv_nsec; }

}  // namespace

extern "C" int pthread_mutex_clocklock(pthread_mutex_t* mutex, clockid_t clock, const timespec* deadline) {
  if (clock == CLOCK_REALTIME) return pthread_mutex_timedlock(mutex, deadline);
  timespec now_on_clock{}, now_real{};
  clock_gettime(clock, &now_on_clock);
  clock_gettime(CLOCK_REALTIME, &now_real);
  long long left = nanos(*deadline) - nanos(now_on_clock);
  if (left < 0) left = 0;
  const long long real_deadline = nanos(now_real) + left;
  const timespec converted{static_cast<time_t>(real_deadline / kNanosPerSecond),
                           static_cast<long>(real_deadline % kNanosPerSecond)};
  return pthread_mutex_timedlock(mutex, &converted);
}
