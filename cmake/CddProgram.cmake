# cdd_add_program(<name> SOURCES <file>... [LIBS <target>...])
#
# One lesson program, built three ways from the same source:
#   - natively with g++ (tests and benchmarks run it): target <name>
#   - to WebAssembly with pthreads (the page runs it when the page is
#     cross-origin isolated):        ${CDD_WASM_OUT}/<name>.js/.wasm/.worker.js
#   - to WebAssembly single-threaded (the fallback without SharedArrayBuffer):
#                                    ${CDD_WASM_OUT}/<name>.st.js/.wasm
# Threaded programs use PROXY_TO_PTHREAD so main() runs on a pthread and the
# worker hosting the module never blocks (it keeps streaming stdout, and
# starting more threads than the pool holds does not deadlock).

set(CDD_WASM_MEMORY_FLAGS
    -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB -sMAXIMUM_MEMORY=2GB)
set(CDD_WASM_COMMON_FLAGS
    -sMODULARIZE=1 -sEXPORT_NAME=createProgram -sENVIRONMENT=web,worker,node
    -sEXIT_RUNTIME=1 -sWASM_BIGINT=1
    # The page compiles a program's wasm before Run is pressed and
    # instantiates it (static constructors, then main) only when Run is
    # pressed (web/src/runner/program-worker.js).
    # An uncaught C++ exception names its type and what() (cpp/browser/).
    "SHELL:--js-library ${CMAKE_SOURCE_DIR}/cpp/browser/uncaught_exception.js"
    # Running out of memory says so, with the limit (not a bare abort()).
    "SHELL:--js-library ${CMAKE_SOURCE_DIR}/cpp/browser/out_of_memory.js"
    ${CDD_WASM_MEMORY_FLAGS})
set(CDD_WASM_THREAD_FLAGS -pthread -sPROXY_TO_PTHREAD=1 -sPTHREAD_POOL_SIZE=4
    -sPTHREAD_POOL_SIZE_STRICT=0
    # Growing shared memory makes JS re-check its views of the heap; the cost
    # is in JS glue only (stdout), not in the program's own wasm code.
    -Wno-pthreads-mem-growth)

function(cdd_add_program name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  if(NOT EMSCRIPTEN)
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE cdd_program_support Threads::Threads ${ARG_LIBS})
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/programs)
    return()
  endif()

  # Threaded build.
  add_executable(${name} ${ARG_SOURCES})
  # cdd_browser_atomic_wait: C++20 atomic waits sleep on a futex (cpp/browser/).
  target_link_libraries(${name} PRIVATE cdd_program_support cdd_browser_atomic_wait ${ARG_LIBS})
  target_compile_options(${name} PRIVATE -pthread -msimd128)
  target_link_options(${name} PRIVATE ${CDD_WASM_COMMON_FLAGS} ${CDD_WASM_THREAD_FLAGS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CDD_WASM_OUT} SUFFIX ".js"
    LINK_DEPENDS "${CMAKE_SOURCE_DIR}/cpp/browser/uncaught_exception.js;${CMAKE_SOURCE_DIR}/cpp/browser/out_of_memory.js")

  # Single-threaded fallback: same source, no SharedArrayBuffer needed.
  # std::thread::hardware_concurrency() is 1 there and starting a thread fails,
  # which programs must handle (they ask for threads through cdd::Args).
  add_executable(${name}.st ${ARG_SOURCES})
  target_link_libraries(${name}.st PRIVATE cdd_program_support ${ARG_LIBS})
  target_compile_options(${name}.st PRIVATE -msimd128)
  target_link_options(${name}.st PRIVATE ${CDD_WASM_COMMON_FLAGS})
  set_target_properties(${name}.st PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CDD_WASM_OUT} SUFFIX ".js"
    LINK_DEPENDS "${CMAKE_SOURCE_DIR}/cpp/browser/uncaught_exception.js;${CMAKE_SOURCE_DIR}/cpp/browser/out_of_memory.js")

  # A library may link the two builds differently (cdd_multiprocessing: shared
  # memory in one, messages in the other).
  foreach(lib ${ARG_LIBS})
    if(TARGET ${lib})
      get_target_property(threaded_options ${lib} CDD_THREADED_LINK_OPTIONS)
      get_target_property(single_options ${lib} CDD_SINGLE_THREADED_LINK_OPTIONS)
      if(threaded_options)
        target_link_options(${name} PRIVATE ${threaded_options})
      endif()
      if(single_options)
        target_link_options(${name}.st PRIVATE ${single_options})
      endif()
    endif()
  endforeach()
endfunction()
