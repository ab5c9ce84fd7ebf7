// Layout policy of the written rows, decided here and not in the UNO writer:
// which cells are centred vertically, which rows get Calc's optimal height and
// which of them get extra air for printing. A pure function of a SheetSpec;
// the commands call it just before they hand a spec to the writer, which only
// applies sheet::SheetSpec::rowLayout.
#pragma once

#include "objectives/sheet_spec.h"

namespace qkpi::objectives {

// Specs whose cells span more rows than this (the big data sheets of the
// sample) get no row layout: measuring that many rows would be slow.
inline constexpr int kMaxLaidOutRows = 5000;

// Rows of wrapped text are padded by max(kRowPadMinMm100, height / kRowPadDivisor):
// the optimal height is measured with the screen's font metrics, and printing
// (PDF) lays the same lines out slightly taller, which cut off the top line.
inline constexpr int kRowPadMinMm100 = 80;
inline constexpr int kRowPadDivisor = 6;

// The row layout of `spec` (its own rowLayout field is ignored), for the rows
// its cells cover (an array formula covers its whole result):
//  - none when there are no cells or they span more than kMaxLaidOutRows rows;
//  - otherwise every cell from column 0 to the last written column of those
//    rows is centred vertically (a one-line cell next to a wrapped one sits in
//    the middle of the row), the rows get optimal height (measured after the
//    column widths are set), and a row with a cell in a wrapping style of
//    spec.styles (as its cell style, or through a rangeStyles entry covering
//    the cell's position) is padded as above, unless all its cells are plain
//    formulas (a template row such as the new register's Status/Complete
//    rows): it keeps the optimal height, so text typed there later grows it.
sheet::RowLayout rowLayout(const sheet::SheetSpec& spec);

}  // namespace qkpi::objectives
