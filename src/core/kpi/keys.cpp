#include "kpi/keys.h"

#include <string>
#include <unordered_map>

#include "kpi/segments.h"

namespace qkpi {

RowKeys::RowKeys(const Arg& column, std::size_t tableRows, std::string_view what) {
  std::string name(what);
  if (column.notGiven()) throw ArgumentError(name + ": is required");
  if (column.isTable()) throw ArgumentError(name + ": expects a range of cells");
  if (column.cols() != 1) throw ArgumentError(name + ": expects one column");
  if (column.rows() != tableRows)
    throw ArgumentError(name + ": has " + std::to_string(column.rows()) + " rows, the table has " +
                        std::to_string(tableRows));

  std::unordered_map<std::u16string, int> idByKey;
  // Raw values already seen (text views point into the caller's storage,
  // valid for this constructor): the key is computed once per raw value.
  std::unordered_map<double, int> idByNumber;
  std::unordered_map<std::u16string_view, int> idByText;
  idByNumber.reserve(tableRows / 2 + 1);

  auto intern = [&](std::u16string&& key) -> int {
    if (key.empty()) return kNone;
    auto [it, added] = idByKey.try_emplace(std::move(key), static_cast<int>(distinct_));
    if (added) ++distinct_;
    return it->second;
  };

  rowIds_.resize(tableRows);
  for (std::size_t r = 0; r < tableRows; ++r) {
    const Cell& c = column.cell(r, 0);
    int id = kNone;
    if (r > 0 && c.kind == column.cell(r - 1, 0).kind &&
        (c.isEmpty() || (c.isNumber() && c.number == column.cell(r - 1, 0).number) ||
         (c.isText() && c.text == column.cell(r - 1, 0).text))) {
      id = rowIds_[r - 1];  // order lines usually come together
    } else if (c.isNumber()) {
      double v = c.number == 0 ? 0.0 : c.number;  // -0 is 0
      auto it = idByNumber.find(v);
      if (it != idByNumber.end()) {
        id = it->second;
      } else {
        id = intern(segmentKey(Cell::of(v)));
        if (v == v) idByNumber.emplace(v, id);  // NaN never equals itself
      }
    } else if (c.isText()) {
      auto it = idByText.find(c.text);
      if (it != idByText.end()) {
        id = it->second;
      } else {
        id = intern(segmentKey(c));
        idByText.emplace(c.text, id);
      }
    }
    rowIds_[r] = id;
  }
}

}  // namespace qkpi
