# -DCDD_SANITIZE=address,undefined | thread: a native build instrumented with
# GCC's (or Clang's) sanitizers, used by tools/test-sanitize.sh in its own
# build folder (build/asan, build/tsan). Empty (the default) changes nothing.
#
# A finding must fail the test that caused it: UBSan is told not to recover
# (-fno-sanitize-recover=all makes it abort like ASan and TSan do), and the
# runtime options in tools/test-sanitize.sh make every report exit non-zero.
set(CDD_SANITIZE "" CACHE STRING "Sanitizers for a native build: address,undefined or thread (empty: none)")

if(CDD_SANITIZE AND NOT EMSCRIPTEN)
  string(REPLACE "," ";" cdd_sanitizers "${CDD_SANITIZE}")
  foreach(s ${cdd_sanitizers})
    if(NOT s MATCHES "^(address|undefined|thread)$")
      message(FATAL_ERROR "CDD_SANITIZE: unknown sanitizer '${s}' (use address,undefined or thread)")
    endif()
  endforeach()
  if("thread" IN_LIST cdd_sanitizers AND "address" IN_LIST cdd_sanitizers)
    message(FATAL_ERROR "CDD_SANITIZE: thread and address cannot be combined; build them in two folders")
  endif()
  # Frame pointers and line tables make the reports name the source line.
  add_compile_options(-fsanitize=${CDD_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${CDD_SANITIZE})
  if("thread" IN_LIST cdd_sanitizers)
    # Lets TSan see std::timed_mutex's timed locks (see the file for why).
    add_library(cdd_tsan_clocklock STATIC ${CMAKE_CURRENT_LIST_DIR}/sanitize/tsan_clocklock.cpp)
    link_libraries(cdd_tsan_clocklock)
  endif()
  message(STATUS "CDD_SANITIZE: ${CDD_SANITIZE}")
endif()
