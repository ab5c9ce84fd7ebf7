#include "kpi/keys.h"

#include <bit>
#include <cstdint>
#include <numeric>
#include <string>
#include <unordered_map>

#include "kpi/segments.h"

namespace qkpi {

namespace {

// Ids of numbers by their bit pattern: open addressing, linear probing, a
// power-of-two capacity kept at most half full. Order numbers are mostly
// numbers (hundreds of thousands of them in no order); a node-based map spent
// most of RowKeys' time in allocation and cache misses.
class NumberIds {
 public:
  NumberIds() : keys_(1024), ids_(1024, -1) {}

  // The id of `bits`, or `next` (then stored) when it is new; `added` says which.
  int findOrAdd(std::uint64_t bits, int next, bool& added) {
    if (2 * (count_ + 1) > ids_.size()) grow();
    std::size_t i = slot(bits);
    while (ids_[i] >= 0) {
      if (keys_[i] == bits) {
        added = false;
        return ids_[i];
      }
      i = (i + 1) & (ids_.size() - 1);
    }
    keys_[i] = bits;
    ids_[i] = next;
    ++count_;
    added = true;
    return next;
  }

  template <typename F>
  void forEach(F f) const {
    for (std::size_t i = 0; i < ids_.size(); ++i)
      if (ids_[i] >= 0) f(keys_[i], ids_[i]);
  }
  std::size_t size() const { return count_; }

 private:
  std::size_t slot(std::uint64_t x) const {  // splitmix64's finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return static_cast<std::size_t>(x) & (ids_.size() - 1);
  }
  void grow() {
    std::vector<std::uint64_t> keys(ids_.size() * 2);
    std::vector<int> ids(ids_.size() * 2, -1);
    keys.swap(keys_);
    ids.swap(ids_);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] < 0) continue;
      std::size_t j = slot(keys[i]);
      while (ids_[j] >= 0) j = (j + 1) & (ids_.size() - 1);
      keys_[j] = keys[i];
      ids_[j] = ids[i];
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<int> ids_;  // -1 = free
  std::size_t count_ = 0;
};

}  // namespace

RowKeys::RowKeys(const Arg& column, std::size_t tableRows, std::string_view what) {
  std::string name(what);
  if (column.notGiven()) throw ArgumentError(name + ": is required");
  if (column.isTable()) throw ArgumentError(name + ": expects a range of cells");
  if (column.cols() != 1) throw ArgumentError(name + ": expects one column");
  if (column.rows() != tableRows)
    throw ArgumentError(name + ": has " + std::to_string(column.rows()) + " rows, the table has " +
                        std::to_string(tableRows));

  // Pass 1: numbers by value, texts by their segment key (computed once per
  // distinct raw text; the views point into the caller's storage, valid for
  // this constructor).
  NumberIds idByNumber;
  std::unordered_map<std::u16string, int> idByKey;  // text keys
  std::unordered_map<std::u16string_view, int> idByText;

  rowIds_.resize(tableRows);
  for (std::size_t r = 0; r < tableRows; ++r) {
    const Cell& c = column.cell(r, 0);
    int id = kNone;
    if (r > 0 && c.kind == column.cell(r - 1, 0).kind &&
        (c.isEmpty() || (c.isNumber() && c.number == column.cell(r - 1, 0).number) ||
         (c.isText() && c.text == column.cell(r - 1, 0).text))) {
      id = rowIds_[r - 1];  // order lines usually come together
    } else if (c.isNumber()) {
      const double v = c.number == 0 ? 0.0 : c.number;  // -0 is 0
      bool added = false;
      id = idByNumber.findOrAdd(std::bit_cast<std::uint64_t>(v), static_cast<int>(distinct_), added);
      if (added) ++distinct_;
    } else if (c.isText()) {
      auto it = idByText.find(c.text);
      if (it != idByText.end()) {
        id = it->second;
      } else {
        std::u16string key = segmentKey(c);
        if (!key.empty()) {
          auto [k, added] = idByKey.try_emplace(std::move(key), static_cast<int>(distinct_));
          if (added) ++distinct_;
          id = k->second;
        }
        idByText.emplace(c.text, id);
      }
    }
    rowIds_[r] = id;
  }

  // Pass 2, only when both occur: a number whose key is a text's key (1001
  // and "1001") is that text's order. Ids stay below size(); merged ones are
  // simply never used again.
  if (idByKey.empty() || idByNumber.size() == 0) return;
  std::vector<int> merged(distinct_);
  std::iota(merged.begin(), merged.end(), 0);
  bool any = false;
  idByNumber.forEach([&](std::uint64_t bits, int id) {
    auto it = idByKey.find(segmentKey(Cell::of(std::bit_cast<double>(bits))));
    if (it != idByKey.end()) {
      merged[static_cast<std::size_t>(id)] = it->second;
      any = true;
    }
  });
  if (any)
    for (int& id : rowIds_)
      if (id != kNone) id = merged[static_cast<std::size_t>(id)];
}

}  // namespace qkpi
