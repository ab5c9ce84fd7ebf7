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
  std::size_t kept = 0;
  qkpi::Arg target = qkpi::Arg::scalar(qkpi::Cell::of(std::u16string_view(u"kunde \u00E442")));
  ms = medianMs(5, [&] {
    qkpi::SegmentFilter f(col, target, rows);
    kept = 0;
    for (std::size_t r = 0; r < rows; ++r) kept += f.keep(r);
  });
  std::printf("SegmentFilter one segment of those, %zu rows kept: %.1f ms (median of 5)\n", kept, ms);
}

// One segment among `rows` distinct keys (a customer number per row): the
// single-segment filter, and the whole index (what the filter built before).
void distinctKeys(std::size_t rows, bool ascii) {
  std::vector<std::u16string> names;
  names.reserve(rows);
  for (std::size_t r = 0; r < rows; ++r) {
    std::u16string n = ascii ? u"K" : u"K\u00DC";
    for (char c : std::to_string(r)) n.push_back(static_cast<char16_t>(c));
    names.push_back(std::move(n));
  }
  std::vector<qkpi::Cell> cells;
  cells.reserve(rows);
  for (const auto& n : names) cells.push_back(qkpi::Cell::of(std::u16string_view(n)));
  qkpi::Arg col = qkpi::Arg::cells(rows, 1, std::move(cells));
  std::u16string wanted = ascii ? u"k4242" : u"k\u00FC4242";
  qkpi::Arg target = qkpi::Arg::scalar(qkpi::Cell::of(std::u16string_view(wanted)));
  std::size_t kept = 0;
  double ms = medianMs(5, [&] {
    qkpi::SegmentFilter f(col, target, rows);
    kept = 0;
    for (std::size_t r = 0; r < rows; ++r) kept += f.keep(r);
  });
  const char* kind = ascii ? "ASCII" : "non-ASCII";
  std::printf("SegmentFilter one of %zu distinct %s keys (%zu kept): %.1f ms (median of 5)\n", rows, kind,
              kept, ms);
  ms = medianMs(3, [&] { qkpi::SegmentIndex idx(col, rows); });
  std::printf("SegmentIndex of %zu distinct %s keys: %.1f ms (median of 3)\n", rows, kind, ms);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t rows = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1'000'000;
  segmentIndex(rows);
  distinctKeys(rows, true);
  distinctKeys(rows, false);
  return 0;
}
