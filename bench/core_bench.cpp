// Micro-benchmarks of qkpi_kpi without Calc: how long the core takes for
// the data shapes Calc users have (1 M rows). Not a test: it prints times and
// asserts nothing about them. The end-to-end ratios against native formulas
// are measured in Calc by bench/bench.py.
//
//   build/bench/qkpi_core_bench [rows]
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "kpi/function_table.h"
#include "kpi/keys.h"
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

// OTIFORDERS' grouping: an order number per row drawn from 1..rows/3 in no order (numbers, as Calc
// passes a column of order numbers), and the same as texts "SO-123".
void rowKeys(std::size_t rows) {
  std::vector<qkpi::Cell> numbers;
  std::vector<std::u16string> texts;
  numbers.reserve(rows);
  texts.reserve(rows);
  std::uint64_t x = 88172645463325252ull;  // xorshift: deterministic, no <random> distribution differences
  for (std::size_t r = 0; r < rows; ++r) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    const std::size_t order = 1 + x % std::max<std::size_t>(1, rows / 3);
    numbers.push_back(qkpi::Cell::of(static_cast<double>(order)));
    std::u16string t = u"SO-";
    for (char c : std::to_string(order)) t.push_back(static_cast<char16_t>(c));
    texts.push_back(std::move(t));
  }
  std::vector<qkpi::Cell> textCells;
  textCells.reserve(rows);
  for (const auto& t : texts) textCells.push_back(qkpi::Cell::of(std::u16string_view(t)));
  for (bool asText : {false, true}) {
    qkpi::Arg col = qkpi::Arg::cells(rows, 1, asText ? textCells : numbers);
    std::size_t distinct = 0;
    double ms = medianMs(5, [&] {
      qkpi::RowKeys keys(col, rows, "Orders");
      distinct = keys.size();
    });
    std::printf("RowKeys, %zu rows, %zu distinct %s orders in no order: %.1f ms (median of 5)\n", rows,
                distinct, asText ? "text" : "numeric", ms);
  }
}

// OTIF with a segment against OTIFORDERS with the same segment and an order column as rowKeys(): the
// core's part of bench.py's otiforders ratio (Calc's marshalling of the ranges comes on top of both).
void otifOrders(std::size_t rows) {
  std::vector<double> data(rows * 4);
  std::vector<const double*> ptrs(rows);
  std::vector<qkpi::Cell> segs, orders;
  const std::u16string acme = u"ACME", other = u"Globex";
  std::uint64_t x = 88172645463325252ull;
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  for (std::size_t r = 0; r < rows; ++r) {
    double* row = &data[r * 4];
    row[0] = 46000 + static_cast<double>(next() % 700);
    row[1] = row[0] + static_cast<double>(next() % 6) - 1;
    row[2] = 10;
    row[3] = next() % 10 ? 10 : 8;
    ptrs[r] = row;
    segs.push_back(qkpi::Cell::of(std::u16string_view(next() % 7 ? other : acme)));
    orders.push_back(qkpi::Cell::of(static_cast<double>(1 + next() % std::max<std::size_t>(1, rows / 3))));
  }
  const qkpi::Arg lines = qkpi::Arg::table(qkpi::NumTable{ptrs, 4});
  const qkpi::Arg segCol = qkpi::Arg::cells(rows, 1, segs), orderCol = qkpi::Arg::cells(rows, 1, orders);
  const qkpi::Arg segment = qkpi::Arg::scalar(qkpi::Cell::of(std::u16string_view(acme)));
  const qkpi::Context ctx{};
  auto run = [&](const char* name, std::vector<qkpi::Arg> given) {
    const qkpi::FunctionSpec& fn = *qkpi::findFunction(name);
    std::vector<qkpi::Arg> args(fn.args.size());
    for (std::size_t i = 0; i < given.size(); ++i) args[i] = given[i];
    double value = 0;
    double ms = medianMs(5, [&] { value = std::get<double>(qkpi::evaluate(fn, ctx, args)); });
    std::printf("%s with segment ACME, %zu rows: %.1f ms (median of 5), value %.4f\n", name, rows, ms, value);
    return ms;
  };
  const double otif = run("OTIF", {lines, segCol, segment});
  const double byOrder = run("OTIFORDERS", {lines, orderCol, segCol, segment});
  std::printf("OTIFORDERS / OTIF (core only): %.2f\n", byOrder / otif);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t rows = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1'000'000;
  segmentIndex(rows);
  distinctKeys(rows, true);
  distinctKeys(rows, false);
  rowKeys(rows);
  otifOrders(rows);
  return 0;
}
