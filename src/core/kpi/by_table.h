// The result table of the ...BY functions: one row per segment in SEGMENTS
// order, then "(blank)" when some rows have a blank segment, then "(all)".
// Columns of result() (OTIFBY, RFTBY, RFTJOBSBY, TURNAROUNDBY): segment, rows
// in the segment, rows used, numerator, denominator, value ("" when no row is
// used). Columns of sums() (RETURNSBY): segment, rows in the segment, rows
// used, sum (the numerator).
//
// Sums run in table row order, the same order as the base function's loop,
// so each row equals the base function called with that Segment, bit for bit.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kpi/segments.h"
#include "kpi/value.h"

namespace qkpi {

// The labels of the rows after the named segments: rows with a blank segment,
// and all rows. UTF-16 as the table holds them; UTF-8 for the formulas that
// compare with them (the same ASCII text, checked below).
inline constexpr char16_t kBlankSegment[] = u"(blank)";
inline constexpr char16_t kAllSegment[] = u"(all)";
inline constexpr char kBlankSegmentUtf8[] = "(blank)";
inline constexpr char kAllSegmentUtf8[] = "(all)";

namespace by_table_detail {
template <std::size_t N>
constexpr bool sameAscii(const char16_t (&a)[N], const char (&b)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (a[i] != static_cast<char16_t>(b[i])) return false;
  return true;
}
static_assert(sameAscii(kBlankSegment, kBlankSegmentUtf8) && sameAscii(kAllSegment, kAllSegmentUtf8));
}  // namespace by_table_detail

class RatioByTable {
 public:
  explicit RatioByTable(const SegmentIndex& index) : index_(index), groups_(index.size() + 2) {}

  // Every table row, regardless of period and eligibility.
  void countRow(std::size_t row) {
    ++groups_[group(row)].rows;
    ++groups_.back().rows;
  }
  // A row the base function uses (a denominator row).
  void use(std::size_t row, double numerator, double denominator) {
    for (Group* g : {&groups_[group(row)], &groups_.back()}) {
      ++g->used;
      g->numerator += numerator;
      g->denominator += denominator;
    }
  }

  // Totals that are not sums over rows (OTIFORDERSBY: orders, not lines):
  // added to the group of `row` only, or to "(all)" only.
  void addToGroupOf(std::size_t row, double numerator, double denominator) {
    Group& g = groups_[group(row)];
    g.numerator += numerator;
    g.denominator += denominator;
  }
  void addToAll(double numerator, double denominator) {
    groups_.back().numerator += numerator;
    groups_.back().denominator += denominator;
  }

  Matrix result() const {
    return table(6, [](Matrix& m, const Group& g) {
      m.cells.push_back(g.numerator);
      m.cells.push_back(g.denominator);
      if (g.used > 0)
        m.cells.push_back(g.numerator / g.denominator);
      else
        m.cells.push_back(std::u16string());
    });
  }
  Matrix sums() const {
    return table(4, [](Matrix& m, const Group& g) { m.cells.push_back(g.numerator); });
  }

 private:
  struct Group {
    std::size_t rows = 0, used = 0;
    double numerator = 0, denominator = 0;
  };
  // One row per group; `tail` appends the columns after segment, rows, rows used.
  template <typename Tail>
  Matrix table(std::size_t cols, Tail tail) const {
    Matrix m;
    m.cols = cols;
    auto add = [&](OutCell label, const Group& g) {
      m.cells.push_back(std::move(label));
      m.cells.push_back(static_cast<double>(g.rows));
      m.cells.push_back(static_cast<double>(g.used));
      tail(m, g);
      ++m.rows;
    };
    for (std::size_t id = 0; id < index_.size(); ++id) add(index_.display(static_cast<int>(id)), groups_[id]);
    if (index_.anyBlank()) add(std::u16string(kBlankSegment), groups_[index_.size()]);
    add(std::u16string(kAllSegment), groups_.back());
    return m;
  }
  std::size_t group(std::size_t row) const {
    int id = index_.idOfRow(row);
    return id == SegmentIndex::kBlank ? index_.size() : static_cast<std::size_t>(id);
  }

  const SegmentIndex& index_;
  std::vector<Group> groups_;  // named ids, then blank, then all
};

}  // namespace qkpi
