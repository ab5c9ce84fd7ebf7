// Segment keys and the segment index: every row's id names a segment whose
// key equals the row's key; find() of a segment's display value gives its id.
#include <cstdio>
#include <cstdlib>

#include "fuzz_input.h"
#include "kpi/segments.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider p(data, size);
  qkpi::fuzz::Input in(p);
  const std::size_t rows = p.ConsumeIntegralInRange<std::size_t>(1, 60);
  std::vector<qkpi::Cell> cells;
  for (std::size_t i = 0; i < rows; ++i) cells.push_back(in.cell());
  std::vector<qkpi::Cell> copy = cells;
  qkpi::Arg col = qkpi::Arg::cells(rows, 1, std::move(cells));
  try {
    qkpi::SegmentIndex idx(col, rows);
    for (std::size_t r = 0; r < rows; ++r) {
      int id = idx.idOfRow(r);
      std::u16string key = qkpi::segmentKey(copy[r]);
      if ((id == qkpi::SegmentIndex::kBlank) != key.empty()) std::abort();
      if (id != qkpi::SegmentIndex::kBlank && idx.find(copy[r]) != id) std::abort();
    }
  } catch (const qkpi::ArgumentError&) {
  }
  return 0;
}
