// KERNEL marks a function that does a measured loop, so the compiler keeps it
// as a function of its own instead of inlining it into its caller.
//
// Why: browsers compile WebAssembly twice. Code first runs from a quick,
// unoptimized compile; a function that turns out to be hot is recompiled with
// the optimizing compiler in the background, and its NEXT call runs the fast
// version. A loop inlined into main() (called once) would never get there.
// Natively this only costs one call per kernel invocation.
#pragma once

#define KERNEL __attribute__((noinline))
