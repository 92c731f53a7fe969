#include "workload.h"

#include "broadcast_workload.h"
#include "echo_workload.h"
#include "lin_kv_workload.h"

namespace maelstrom {

std::unique_ptr<Workload> make_workload(const WorkloadOptions& o) {
  if (o.name == "echo") return std::make_unique<EchoWorkload>(o.seed);
  if (o.name == "broadcast") return std::make_unique<BroadcastWorkload>(o.seed, o.topology);
  if (o.name == "lin-kv") return std::make_unique<LinKvWorkload>(o.keys, o.values);
  return nullptr;
}

bool is_definite_error(long long code) {
  // Maelstrom's error table: 0 timeout and 13 crash are indefinite, as is any
  // code it does not define; these are definite.
  switch (code) {
    case 1: case 10: case 11: case 12: case 14: case 20: case 21: case 22: case 30: return true;
    default: return false;
  }
}

}  // namespace maelstrom
