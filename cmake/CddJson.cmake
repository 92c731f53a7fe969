# nlohmann-json (header-only) as the target cdd_json, for the libraries that
# read or write JSON (cpp/kv; the explorer's JSON shapes in cpp/explorer).
# Each includes this file; the target is defined once.
if(TARGET cdd_json)
  return()
endif()
add_library(cdd_json INTERFACE)
if(EMSCRIPTEN)
  # emcmake's sysroot does not see Debian's headers, and adding all of
  # /usr/include would mix glibc's headers into the wasm build. nlohmann-json
  # is header-only: expose just its folder through a link.
  set(CDD_JSON_INCLUDE ${CMAKE_BINARY_DIR}/json-include)
  file(MAKE_DIRECTORY ${CDD_JSON_INCLUDE})
  if(NOT EXISTS ${CDD_JSON_INCLUDE}/nlohmann)
    file(CREATE_LINK /usr/include/nlohmann ${CDD_JSON_INCLUDE}/nlohmann SYMBOLIC)
  endif()
  target_include_directories(cdd_json SYSTEM INTERFACE ${CDD_JSON_INCLUDE})
else()
  find_package(nlohmann_json 3 REQUIRED)
  target_link_libraries(cdd_json INTERFACE nlohmann_json::nlohmann_json)
endif()
