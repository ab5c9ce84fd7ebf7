// Grouping the rows of a table by a key column (OTIFORDERS' Orders): each row
// gets a dense id 0..size()-1 in order of first appearance, in one linear
// pass, with no sorting. Keys are compared as segment keys (segments.h): text
// trimmed and case-folded, a number as its shortest decimal text, so 1001 and
// "1001" are one key. An empty or white-space-only cell has no key (kNone).
//
// Cost: one hash lookup per row (numbers in a flat table by value, texts by
// their key, computed once per distinct raw text); a number's key is computed
// only when the column also holds texts (to find 1001 = "1001"). No
// allocation per row. Ids are dense in order of first appearance, except that
// a number merged with an equal text leaves its own id unused (size() is an
// upper bound of the ids, not the number of distinct keys).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "kpi/value.h"

namespace qkpi {

class RowKeys {
 public:
  static constexpr int kNone = -1;

  // `column`: one column with `tableRows` rows (a Cells block, or a Scalar
  // when tableRows == 1); omitted, another shape or length is an
  // ArgumentError naming `what`.
  RowKeys(const Arg& column, std::size_t tableRows, std::string_view what);

  std::size_t size() const { return distinct_; }  // every id is below it
  int idOfRow(std::size_t row) const { return rowIds_[row]; }

 private:
  std::vector<int> rowIds_;
  std::size_t distinct_ = 0;
};

}  // namespace qkpi
