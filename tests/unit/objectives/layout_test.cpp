// The row layout the writer applies (objectives::rowLayout): which cells are
// centred, which rows get the optimal height and which of them are padded.
#include "objectives/layout.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "objectives/objectives.h"

using qkpi::objectives::kMaxLaidOutRows;
using qkpi::objectives::rowLayout;
using qkpi::sheet::Cell;
using qkpi::sheet::Range;
using qkpi::sheet::RowLayout;
using qkpi::sheet::SheetSpec;
using qkpi::sheet::Style;

namespace {

Cell text(int row, int col, const std::string& style = {}) {
  Cell c;
  c.pos = {row, col};
  c.text = "x";
  c.style = style;
  return c;
}

Cell array(int row, int col, int rows, int cols) {
  Cell c = text(row, col);
  c.kind = Cell::Kind::ArrayFormula;
  c.text = "=SEGMENTS(A1:A9)";
  c.arrayRows = rows;
  c.arrayCols = cols;
  return c;
}

SheetSpec withWrapStyle() {
  SheetSpec s;
  s.name = "S";
  Style wrap;
  wrap.name = "qkpi Text";
  wrap.wrap = true;
  Style plain;
  plain.name = "qkpi Date";
  s.styles = {plain, wrap};
  return s;
}

TEST(Layout, NoCellsNoLayout) {
  SheetSpec s = withWrapStyle();
  RowLayout l = rowLayout(s);
  EXPECT_FALSE(l.centred);
  EXPECT_FALSE(l.optimalHeight);
  EXPECT_TRUE(l.paddedRows.empty());
}

TEST(Layout, CoversTheWrittenRowsAndColumns) {
  SheetSpec s = withWrapStyle();
  s.cells = {text(4, 2), text(2, 1), array(6, 3, 5, 2), text(7, 0)};
  RowLayout l = rowLayout(s);
  ASSERT_TRUE(l.centred);
  EXPECT_EQ(*l.centred, (Range{{2, 0}, {10, 4}}));  // the array ends at row 10, column 4
  ASSERT_TRUE(l.optimalHeight);
  EXPECT_EQ(*l.optimalHeight, (Range{{2, 0}, {10, 0}}));
  EXPECT_TRUE(l.paddedRows.empty());
  EXPECT_EQ(l.padMinMm100, 80);
  EXPECT_EQ(l.padDivisor, 6);
}

TEST(Layout, ColumnsStartAtZeroEvenForAOneCellAppend) {
  SheetSpec s;
  s.cells = {text(12, 5)};
  RowLayout l = rowLayout(s);
  ASSERT_TRUE(l.centred);
  EXPECT_EQ(*l.centred, (Range{{12, 0}, {12, 5}}));
  EXPECT_EQ(*l.optimalHeight, (Range{{12, 0}, {12, 0}}));
}

TEST(Layout, PadsRowsWithWrappedCellsOrWrappedRangeStyles) {
  SheetSpec s = withWrapStyle();
  s.cells = {
      text(1, 0, "qkpi Text"), text(1, 1, "qkpi Text"), text(3, 0, "qkpi Date"), text(5, 2), text(8, 2),
      text(9, 7, "qkpi Text"), text(2, 4, "Unknown")};
  // a wrapping range style over column 2 from row 4: the cells at rows 5 and 8 (not empty rows 4, 6, 7)
  s.rangeStyles = {{Range{{4, 2}, {8, 2}}, "qkpi Text"}, {Range{{0, 0}, {20, 20}}, "qkpi Date"}};
  RowLayout l = rowLayout(s);
  EXPECT_EQ(l.paddedRows, (std::vector<int>{1, 5, 8, 9}));
}

TEST(Layout, RowsOfPlainFormulasOnlyAreNotPadded) {
  SheetSpec s = withWrapStyle();
  Cell f = text(2, 0, "qkpi Text");
  f.kind = Cell::Kind::Formula;
  f.text = "=IF(A3=\"\";\"\";\"Missing\")";
  Cell g = f;
  g.pos = {4, 1};
  s.cells = {f, g, text(4, 0)};  // row 2: formulas only; row 4: a formula and a text
  EXPECT_EQ(rowLayout(s).paddedRows, (std::vector<int>{4}));
}

TEST(Layout, OnlyStylesOfTheSpecCountAsWrapping) {
  // "qkpi Text" may wrap in the document, but the spec does not define it: no padding.
  SheetSpec s;
  s.cells = {text(1, 0, "qkpi Text")};
  EXPECT_TRUE(rowLayout(s).paddedRows.empty());
}

TEST(Layout, AnArrayFormulaPadsOnlyItsFirstRow) {
  SheetSpec s = withWrapStyle();
  Cell a = array(3, 0, 4, 1);
  a.style = "qkpi Text";
  s.cells = {a};
  EXPECT_EQ(rowLayout(s).paddedRows, (std::vector<int>{3}));
}

TEST(Layout, BigDataBlocksAreLeftAlone) {
  SheetSpec s = withWrapStyle();
  s.cells = {text(0, 0, "qkpi Text"), text(kMaxLaidOutRows - 1, 3)};
  EXPECT_TRUE(rowLayout(s).optimalHeight);  // exactly kMaxLaidOutRows rows
  s.cells.push_back(text(kMaxLaidOutRows, 3));
  RowLayout l = rowLayout(s);
  EXPECT_FALSE(l.centred);
  EXPECT_FALSE(l.optimalHeight);
  EXPECT_TRUE(l.paddedRows.empty());
}

TEST(Layout, IgnoresTheSpecsOwnRowLayout) {
  SheetSpec s;
  s.rowLayout.paddedRows = {3};
  s.rowLayout.centred = Range{{0, 0}, {9, 9}};
  RowLayout l = rowLayout(s);
  EXPECT_FALSE(l.centred);
  EXPECT_TRUE(l.paddedRows.empty());
}

// The workflow's own specs: the register, a review and the sample data.
TEST(Layout, WorkflowSpecs) {
  namespace obj = qkpi::objectives;
  SheetSpec reg = obj::newRegister();
  RowLayout l = rowLayout(reg);
  ASSERT_TRUE(l.optimalHeight);
  EXPECT_EQ(l.optimalHeight->first.row, 0);
  EXPECT_FALSE(l.paddedRows.empty());
  EXPECT_EQ(l.paddedRows, (std::vector<int>{0}));  // the wrapped header row; not the formula-only rows
  // below it, which wait for typed objectives (a fixed padded height would clip the typed text)
  EXPECT_GE(l.optimalHeight->last.row, 50);
  obj::SampleData data = obj::sampleData(46351, 0);
  for (const SheetSpec& s : data.sheets) {
    RowLayout sl = rowLayout(s);
    if (s.name == "Deliveries") {
      EXPECT_FALSE(sl.optimalHeight) << s.name;  // 20,000 rows
    }
    if (s.name == obj::kRegisterSheet) {
      EXPECT_TRUE(sl.optimalHeight) << s.name;
    }
  }
}

}  // namespace
