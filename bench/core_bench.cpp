// Micro-benchmarks of qkpi_kpi without Calc: how long the core takes for
// the data shapes Calc users have (1 M rows). Not a test: it prints times and
// asserts nothing about them. The end-to-end ratios against native formulas
// are measured in Calc by bench/bench.py.
//
//   build/bench/qkpi_core_bench [rows]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kpi/segments.h"
#include "kpi/value.h"

namespace {

using Clock = std::chrono::steady_clock;

template <typename F>
double medianMs(int reps, F f) {
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    auto t = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

// SegmentIndex over `rows` rows with 300 text segments (non-ASCII, padded with
// spaces and U+00A0), 90 numeric ones and some blanks.
void segmentIndex(std::size_t rows) {
  std::vector<std::u16string> names;
  for (int i = 0; i < 300; ++i) {
    std::u16string n = u"Kunde \u00C4";
    for (char c : std::to_string(i)) n.push_back(static_cast<char16_t>(c));
    if (i % 3 == 0) n = u" " + n + u"\u00A0";
    names.push_back(n);
  }
  std::vector<qkpi::Cell> cells;
  cells.reserve(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    std::size_t k = (r * 7919) % 400;
    if (k < 300)
      cells.push_back(qkpi::Cell::of(std::u16string_view(names[k])));
    else if (k < 390)
      cells.push_back(qkpi::Cell::of(static_cast<double>(k)));
    else
      cells.push_back(qkpi::Cell::of(std::u16string_view(u"")));
  }
  qkpi::Arg col = qkpi::Arg::cells(rows, 1, std::move(cells));
  std::size_t segments = 0;
  double ms = medianMs(5, [&] {
    qkpi::SegmentIndex idx(col, rows);
    segments = idx.size();
  });
  std::printf("SegmentIndex, %zu rows, %zu segments: %.1f ms (median of 5)\n", rows, segments, ms);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t rows = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1'000'000;
  segmentIndex(rows);
  return 0;
}
