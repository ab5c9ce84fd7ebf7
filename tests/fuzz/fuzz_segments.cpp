// Segment keys, the segment index and the single-segment filter:
//  - every row's id names a segment whose key equals the row's key, and
//    find() of a row's value gives its id;
//  - the key of a key is the key (NFC, fold, NFC is stable);
//  - SegmentFilter (row by row, ASCII and number fast paths, a verdict cache
//    by text address) keeps exactly the rows whose key equals the target's.
// Rows may repeat an earlier row's cell (the same text view, as Calc hands
// equal strings of a range), so that the filter's cache is reached.
#include <cstdio>
#include <cstdlib>

#include "fuzz_input.h"
#include "kpi/segments.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider p(data, size);
  qkpi::fuzz::Input in(p);
  const std::size_t rows = p.ConsumeIntegralInRange<std::size_t>(1, 60);
  std::vector<qkpi::Cell> cells;
  for (std::size_t i = 0; i < rows; ++i) {
    if (i > 0 && p.ConsumeIntegralInRange<int>(0, 3) == 0)
      cells.push_back(cells[p.ConsumeIntegralInRange<std::size_t>(0, i - 1)]);
    else
      cells.push_back(in.cell());
  }
  std::vector<qkpi::Cell> copy = cells;
  qkpi::Arg col = qkpi::Arg::cells(rows, 1, std::move(cells));
  std::vector<std::u16string> keys;
  for (const qkpi::Cell& c : copy) {
    keys.push_back(qkpi::segmentKey(c));
    if (c.isText() && qkpi::segmentKey(qkpi::Cell::of(std::u16string_view(keys.back()))) != keys.back())
      std::abort();  // a key is its own key
  }
  try {
    qkpi::SegmentIndex idx(col, rows);
    for (std::size_t r = 0; r < rows; ++r) {
      int id = idx.idOfRow(r);
      if ((id == qkpi::SegmentIndex::kBlank) != keys[r].empty()) std::abort();
      if (id != qkpi::SegmentIndex::kBlank && idx.find(copy[r]) != id) std::abort();
    }
  } catch (const qkpi::ArgumentError&) {
  }

  // The filter for a row's own value, or another value.
  qkpi::Cell target = p.ConsumeBool() ? copy[p.ConsumeIntegralInRange<std::size_t>(0, rows - 1)] : in.cell();
  if (target.isBlankText()) return 0;  // "not given": every row, checked elsewhere
  const std::u16string targetKey = qkpi::segmentKey(target);
  qkpi::SegmentFilter f(col, qkpi::Arg::scalar(target), rows);
  for (std::size_t r = 0; r < rows; ++r) {
    bool expected = !targetKey.empty() && keys[r] == targetKey;
    if (f.keep(r) != expected) std::abort();
  }
  return 0;
}
