// Row layout of a sheet spec (see layout.h).
#include "objectives/layout.h"

#include <algorithm>
#include <set>
#include <string>

namespace qkpi::objectives {
namespace {

using sheet::Cell;

int lastRowOf(const Cell& c) {
  return c.pos.row + (c.kind == Cell::Kind::ArrayFormula ? std::max(1, c.arrayRows) - 1 : 0);
}

int lastColOf(const Cell& c) {
  return c.pos.col + (c.kind == Cell::Kind::ArrayFormula ? std::max(1, c.arrayCols) - 1 : 0);
}

bool covers(const sheet::Range& r, const sheet::Pos& p) {
  return p.row >= r.first.row && p.row <= r.last.row && p.col >= r.first.col && p.col <= r.last.col;
}

// Rows with a cell in a wrapping style of the spec, ascending.
std::vector<int> wrappedRows(const sheet::SheetSpec& spec) {
  std::set<std::string> wrapped;
  for (const sheet::Style& st : spec.styles)
    if (st.wrap) wrapped.insert(st.name);
  std::set<int> rows;
  for (const Cell& c : spec.cells)
    if (wrapped.count(c.style)) rows.insert(c.pos.row);
  for (const sheet::RangeStyle& rs : spec.rangeStyles)
    if (wrapped.count(rs.style))
      for (const Cell& c : spec.cells)
        if (covers(rs.range, c.pos)) rows.insert(c.pos.row);
  // A row of plain formulas only (a template row: the new register's Status and Complete formulas
  // waiting for a row to be typed) keeps Calc's optimal height, so what the user types there
  // later makes it grow; a fixed, padded height would clip it.
  std::set<int> withConstantOrArray;
  for (const Cell& c : spec.cells)
    if (c.kind != Cell::Kind::Formula) withConstantOrArray.insert(c.pos.row);
  std::vector<int> out;
  for (int r : rows)
    if (withConstantOrArray.count(r)) out.push_back(r);
  return out;
}

}  // namespace

sheet::RowLayout rowLayout(const sheet::SheetSpec& spec) {
  sheet::RowLayout out;
  if (spec.cells.empty()) return out;
  int firstRow = spec.cells.front().pos.row, lastRow = lastRowOf(spec.cells.front()), lastCol = 0;
  for (const Cell& c : spec.cells) {
    firstRow = std::min(firstRow, c.pos.row);
    lastRow = std::max(lastRow, lastRowOf(c));
    lastCol = std::max(lastCol, lastColOf(c));
  }
  if (firstRow < 0 || lastRow - firstRow >= kMaxLaidOutRows) return out;
  out.centred = sheet::Range{{firstRow, 0}, {lastRow, lastCol}};
  out.optimalHeight = sheet::Range{{firstRow, 0}, {lastRow, 0}};
  out.paddedRows = wrappedRows(spec);
  out.padMinMm100 = kRowPadMinMm100;
  out.padDivisor = kRowPadDivisor;
  return out;
}

}  // namespace qkpi::objectives
