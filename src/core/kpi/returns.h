// Helpers of the returns functions (returns.cpp) that tests check directly.
#pragma once

#include <cstddef>

namespace qkpi {

// The nearest rank ceil(p * n) of TURNAROUNDDAYS, for 0 < p <= 1 and n >= 1,
// computed exactly on the decimal value of p: p is read as the shortest
// decimal that gives back the same double (what the user typed, so 0.9 is
// 9/10 and 0.9 of 30 is rank 27, 0.7 of 10 is rank 7). The result is in 1..n.
std::size_t nearestRank(double p, std::size_t n);

}  // namespace qkpi
