// How much memory a process or thread costs, as far as the program can see.
#pragma once

#include <cstddef>

namespace cdd::mp {

// Memory that belongs to this process alone. Natively: its private resident
// pages (Private_Clean + Private_Dirty in /proc/self/smaps_rollup), which
// leaves out pages a forked child still shares with its parent. In a
// browser worker: the instance's whole linear memory, none of it shared.
std::size_t private_memory_bytes();

// Memory in use that grows when a thread starts. Natively: resident pages
// (a thread's stack is mapped and touched); in wasm: bytes allocated by
// malloc (a thread's stack comes from the heap there).
std::size_t memory_in_use_bytes();

}  // namespace cdd::mp
