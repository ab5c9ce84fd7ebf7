// Segmentation by customer, site, product ...: the segment key and the
// per-row segment index shared by every record function, SEGMENTS and the
// ...BY functions.
//
// Segment key: text with all Unicode white space (including U+00A0) trimmed
// at both ends, NFC-normalised and case-folded without the host's locales
// (NFC, Unicode default full case folding, NFC: see text_key.h); a number as
// its shortest decimal text, so 1001 and "1001" match. An empty or
// white-space-only cell is a blank segment: it belongs to no named segment
// but counts in the totals.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kpi/value.h"

namespace qkpi {

// The key of one cell; empty = blank segment.
std::u16string segmentKey(const Cell& c);

// The segment of every row of a table, read once.
//
// Ids of named segments run 0..size()-1 in SEGMENTS order: numbers
// ascending, then text case-insensitively (by key). A row of a blank segment
// has id kBlank.
class SegmentIndex {
 public:
  static constexpr int kBlank = -1;

  // `segments`: one column with `tableRows` rows (a Cells block, or a Scalar
  // when tableRows == 1). Another shape is an ArgumentError naming `what`.
  SegmentIndex(const Arg& segments, std::size_t tableRows, std::string_view what = "Segments");

  std::size_t size() const { return display_.size(); }
  std::size_t rowCount() const { return rowIds_.size(); }
  int idOfRow(std::size_t row) const { return rowIds_[row]; }
  bool anyBlank() const { return anyBlank_; }
  // The segment as first written (a number or the original text).
  const OutCell& display(int id) const { return display_[static_cast<std::size_t>(id)]; }
  // Id of a segment value; nullopt when no row has it (or it is blank).
  std::optional<int> find(const Cell& segment) const;

 private:
  std::vector<int> rowIds_;
  std::vector<OutCell> display_;
  std::vector<std::u16string> keys_;  // by id, sorted order
  bool anyBlank_ = false;
};

// [Segments]; [Segment] of a record function, as a row filter.
//  - Segments not given: every row (Segment given without Segments is an ArgumentError).
//  - Segments given, Segment not given: every row (Segments is still checked).
//  - Both given: rows whose key equals Segment's key (maybe none).
// A Segment that is a block of more than one cell is an ArgumentError.
// One segment is found by comparing each row's key with Segment's key, row
// by row: no SegmentIndex is built, and no row costs a heap allocation (the
// verdicts take one byte per row).
class SegmentFilter {
 public:
  SegmentFilter(const Arg& segments, const Arg& segment, std::size_t tableRows);
  bool keep(std::size_t row) const { return all_ || kept_[row] != 0; }

 private:
  bool all_ = true;
  std::vector<unsigned char> kept_;  // by row, when !all_
};

}  // namespace qkpi
