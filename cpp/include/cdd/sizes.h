// Problem sizes for a sweep: 1, 2, 5, 10, 20, 50, ... between lo and hi,
// three evenly spaced points per decade on a logarithmic axis.
#pragma once

#include <vector>

namespace cdd {

inline std::vector<long long> sizes_1_2_5(long long lo, long long hi) {
  std::vector<long long> sizes;
  for (long long decade = 1; decade <= hi; decade *= 10)
    for (long long step : {1, 2, 5})
      if (decade * step >= lo && decade * step <= hi) sizes.push_back(decade * step);
  return sizes;
}

}  // namespace cdd
