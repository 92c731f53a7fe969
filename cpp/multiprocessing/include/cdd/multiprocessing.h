// cdd::mp: processes, pools, queues and shared memory for lesson programs.
//
// Tasks are plain functions registered by name (CDD_MP_TASK), because a child
// process in a browser is a fresh copy of the program that can only be told
// *which* function to run, not handed a pointer to one. See the headers:
//   process.h        Process: one task in one new process, join, exit code
//   pool.h           Pool: map/imap over many inputs, per-item failures
//   queue.h          Queue (copies), Buffer (ownership transfer), make_pipe
//   shared_memory.h  SharedMemory: named block, atomic words, a lock
//   outcome.h        Failure / Outcome: how a task or process ended
//   resources.h      memory a process or a thread costs
#pragma once

#include <cdd/mp/outcome.h>
#include <cdd/mp/pool.h>
#include <cdd/mp/process.h>
#include <cdd/mp/queue.h>
#include <cdd/mp/registry.h>
#include <cdd/mp/resources.h>
#include <cdd/mp/serialize.h>
#include <cdd/mp/shared_memory.h>
