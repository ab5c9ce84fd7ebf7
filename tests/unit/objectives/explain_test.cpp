// Explain (objectives/explain.h): the formula parser, the arguments as Calc
// passes them, and the sheet.
#include "objectives/explain.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "objectives/objectives.h"

namespace qkpi::objectives {
namespace {

constexpr double J = 46023;  // 2026-01-01 (NullDate 1899-12-30)
constexpr long kToday = 46350;

ExplainSource src(std::string formula, std::string sheet = "Objectives", int row = 2, int col = 16) {
  return {std::move(sheet), row, col, std::move(formula)};
}

std::string errorOf(const ExplainSource& s) {
  try {
    parseExplainCall(s);
  } catch (const UserError& e) {
    return e.what();
  }
  return "";
}

TEST(ExplainParse, DirectCallAndArguments) {
  ExplainCall c = parseExplainCall(src("=OTIF($Deliveries.D2:G20001;;;\"2026-01-01\";TODAY();;2;0.02)"));
  ASSERT_NE(c.fn, nullptr);
  EXPECT_EQ(c.fn->name, "OTIF");
  ASSERT_EQ(c.args.size(), 8u);
  EXPECT_EQ(c.args[0].kind, Expr::Kind::Ref);
  EXPECT_EQ(c.args[1].kind, Expr::Kind::Empty);
  EXPECT_EQ(c.args[3].kind, Expr::Kind::Text);
  EXPECT_EQ(c.args[3].text, "2026-01-01");
  EXPECT_EQ(c.args[4].kind, Expr::Kind::Call);
  EXPECT_EQ(c.args[7].number, 0.02);
  ASSERT_EQ(c.references.size(), 1u);
  const ExplainRef& r = c.references[0];
  EXPECT_EQ(r.sheet, "Deliveries");
  EXPECT_EQ(r.firstRow, 1);
  EXPECT_EQ(r.lastRow, 20000);
  EXPECT_EQ(r.firstCol, 3);
  EXPECT_EQ(r.lastCol, 6);
  EXPECT_EQ(r.source, "$Deliveries.D2:G20001");
}

TEST(ExplainParse, ProgrammaticNameWrappedAndNested) {
  EXPECT_EQ(parseExplainCall(src("=ORG.QKPI.QUALITYKPI.OTIF($Deliveries.$D$2:$G$9)")).fn->name, "OTIF");
  EXPECT_EQ(parseExplainCall(src("=org.qkpi.QualityKpi.rft($Quality.C2:E9)")).fn->name, "RFT");
  ExplainCall c =
      parseExplainCall(src("=IFNA(OTIFQTY($Deliveries.D2:G9;;;DATE(2026;1;1);DATE(2026;1;31));\"\")"));
  EXPECT_EQ(c.fn->name, "OTIFQTY");
  EXPECT_EQ(c.callText, "OTIFQTY($Deliveries.D2:G9;;;DATE(2026;1;1);DATE(2026;1;31))");
  // The register's reduction Actual: RETURNS inside REDUCTION, with cell references and MIN.
  ExplainCall red = parseExplainCall(src(
      "=REDUCTION(J4*(MIN(TODAY();L4)-K4+1)/(L4-K4+1);RETURNS($Returns.C2:E706;;;K4;MIN(TODAY();L4);{1;3}))"));
  EXPECT_EQ(red.fn->name, "RETURNS");
  ASSERT_EQ(red.references.size(), 3u);
  EXPECT_EQ(red.references[1].source, "K4");
  EXPECT_EQ(red.references[1].sheet, "");
  EXPECT_EQ(red.args[5].kind, Expr::Kind::Array);
  ExplainCall named =
      parseExplainCall(src("=TURNAROUND($'Returns log'.C2:D706;;;\"2026-01-01\";;20;;Holidays;TODAY())"));
  EXPECT_EQ(named.references[0].sheet, "Returns log");
  EXPECT_TRUE(named.references[1].isName);
  EXPECT_EQ(named.references[1].source, "Holidays");
}

TEST(ExplainParse, WhatItCanExplain) {
  std::string none = errorOf(src(""));
  EXPECT_NE(none.find("holds no formula"), std::string::npos);
  EXPECT_NE(none.find("OTIF, ONTIME, INFULL"), std::string::npos);
  EXPECT_NE(none.find("TURNAROUNDDAYS"), std::string::npos);
  std::string sum = errorOf(src("=SUM(A1:A3)"));
  EXPECT_NE(sum.find("calls no qkpi KPI function"), std::string::npos);
  EXPECT_NE(sum.find("Objectives.Q3"), std::string::npos);
  EXPECT_NE(errorOf(src("=KPISTATUS(1;2)")).find("calls no qkpi KPI function"), std::string::npos);
  EXPECT_NE(errorOf(src("=OTIF(")).find("cannot read the formula"), std::string::npos);
  // An array formula cell as getFormula gives it: a per-segment table is not explained, a base call is.
  EXPECT_NE(errorOf(src("{=OTIFBY($Deliveries.D2:G9;$Deliveries.A2:A9)}")).find("calls no qkpi KPI function"),
            std::string::npos);
  EXPECT_EQ(parseExplainCall(src("{=OTIF($Deliveries.D2:G9)}")).fn->name, "OTIF");
}

// A block of the Deliveries sheet at D2: Due, Delivered, OrderedQty, DeliveredQty.
struct Rows {
  std::vector<std::vector<std::variant<std::monostate, double, std::string>>> rows;
};
CellBlock block(const std::string& sheet, int firstRow, int firstCol, const Rows& in) {
  CellBlock b;
  b.sheet = sheet;
  b.firstRow = firstRow;
  b.firstCol = firstCol;
  b.rows = static_cast<int>(in.rows.size());
  b.cols = in.rows.empty() ? 0 : static_cast<int>(in.rows[0].size());
  for (const auto& row : in.rows)
    for (const auto& v : row) {
      if (const double* d = std::get_if<double>(&v)) {
        b.numbers.push_back(*d);
        b.kinds.push_back(CellBlock::Number);
      } else if (const std::string* s = std::get_if<std::string>(&v)) {
        b.texts.emplace_back(b.numbers.size(), *s);
        b.numbers.push_back(0);
        b.kinds.push_back(CellBlock::Text);
      } else {
        b.numbers.push_back(0);
        b.kinds.push_back(CellBlock::Empty);
      }
    }
  return b;
}

const sheet::Cell* at(const sheet::SheetSpec& s, int row, int col) {
  for (const sheet::Cell& c : s.cells)
    if (c.pos.row == row && c.pos.col == col) return &c;
  return nullptr;
}
int rowOf(const sheet::SheetSpec& s, const std::string& text, int col = 0) {
  for (const sheet::Cell& c : s.cells)
    if (c.pos.col == col && c.text == text) return c.pos.row;
  return -1;
}
double countOf(const sheet::SheetSpec& s, const std::string& label) {
  int r = rowOf(s, label);
  if (r < 0) return -1;
  const sheet::Cell* c = at(s, r, 1);
  return c ? c->number : -1;
}

TEST(ExplainSheet, OtifRowsReasonsLinksAndTextCells) {
  const std::monostate e;
  ExplainSource s = src("=IFNA(OTIF($Deliveries.D2:G7;;;;;;1);\"\")");
  ExplainCall call = parseExplainCall(s);
  std::vector<CellBlock> blocks = {block("Deliveries", 1, 3,
                                         {{{J, J, 5.0, 5.0},
                                           {J, J + 2, 5.0, 5.0},
                                           {std::string("2026-03-30"), J, 5.0, 5.0},
                                           {J, e, 5.0, e},
                                           {e, e, e, e},
                                           {J, J, 5.0, 4.0}}})};
  ExplainResult res = explainSheet(call, blocks, s, kToday, 0, "Explain Objectives Q3");
  const sheet::SheetSpec& sp = res.spec;
  EXPECT_EQ(sp.name, "Explain Objectives Q3");
  EXPECT_EQ(at(sp, 0, 0)->text, "Explain: OTIF in Objectives.Q3");
  EXPECT_EQ(countOf(sp, "Rows in the table"), 6);
  EXPECT_EQ(countOf(sp, "Counted"), 4);
  EXPECT_EQ(countOf(sp, "Succeeded"), 1);
  EXPECT_EQ(countOf(sp, "Failed"), 3);
  EXPECT_EQ(countOf(sp, "  failed: late"), 1);
  EXPECT_EQ(countOf(sp, "  failed: not delivered"), 1);
  EXPECT_EQ(countOf(sp, "  failed: short"), 1);
  EXPECT_EQ(countOf(sp, "Left out: blank Due"), 2);
  EXPECT_EQ(countOf(sp, "Text where a number or date is expected"), 1);
  EXPECT_NE(rowOf(sp, "1 left-out rows whose fields are all empty are counted above, not listed."), -1);
  // The value as the function gives it: 1 of 4 on time in full.
  const int v = rowOf(sp, "Value");
  EXPECT_DOUBLE_EQ(at(sp, v, 1)->number, 0.25);
  // Listed: late (sheet row 3), the text Due (row 4), not delivered (row 5), short (row 7).
  const int header = rowOf(sp, "Row");
  ASSERT_GT(header, 0);
  EXPECT_EQ(at(sp, header, 3)->text, "Due");
  EXPECT_EQ(at(sp, header, 7)->text, "Days late");
  EXPECT_EQ(at(sp, header + 1, 0)->text, "=HYPERLINK(\"#Deliveries.D3\";3)");
  EXPECT_EQ(at(sp, header + 1, 2)->text, "late");
  EXPECT_EQ(at(sp, header + 1, 7)->number, 2);
  EXPECT_EQ(at(sp, header + 2, 0)->text, "=HYPERLINK(\"#Deliveries.D4\";4)");
  EXPECT_EQ(at(sp, header + 2, 1)->text, "left out");
  EXPECT_EQ(at(sp, header + 2, 2)->text,
            "blank Due; Due holds the text \"2026-03-30\", which OTIF reads as blank");
  EXPECT_EQ(at(sp, header + 2, 3)->text, "2026-03-30");
  EXPECT_EQ(at(sp, header + 3, 2)->text, "not delivered");
  EXPECT_EQ(at(sp, header + 4, 0)->text, "=HYPERLINK(\"#Deliveries.D7\";7)");
  EXPECT_EQ(at(sp, header + 4, 2)->text, "short");
  EXPECT_EQ(at(sp, header + 5, 0), nullptr);
  EXPECT_EQ(res.listed, 4u);
  EXPECT_NE(res.message.find("6 rows, 4 counted, 3 failed, 2 left out, 1 text cell read as blank"),
            std::string::npos)
      << res.message;
  // The formula is written as text, the explained call beside it.
  EXPECT_EQ(at(sp, rowOf(sp, "Formula"), 1)->kind, sheet::Cell::Kind::Text);
  EXPECT_EQ(at(sp, rowOf(sp, "Explained"), 1)->text, "OTIF($Deliveries.D2:G7;;;;;;1)");
}

TEST(ExplainSheet, BadDataEveryRowAndLinksToQuotedSheet) {
  ExplainSource s = src("=RFT($'Quality log'.C2:D4)");
  ExplainCall call = parseExplainCall(s);
  std::vector<CellBlock> blocks = {block("Quality log", 1, 2, {{{5.0, 4.0}, {4.0, 4.0}, {-1.0, 4.0}}})};
  ExplainResult res = explainSheet(call, blocks, s, kToday, 0, "Explain");
  const sheet::SheetSpec& sp = res.spec;
  EXPECT_EQ(countOf(sp, "Bad data (#VALUE!)"), 2);
  const int v = rowOf(sp, "Value");
  EXPECT_EQ(at(sp, v, 1)->text.rfind("#VALUE!: bad data (Good is greater than Inspected in row 1)", 0), 0u);
  const int header = rowOf(sp, "Row");
  EXPECT_EQ(at(sp, header + 1, 0)->text, "=HYPERLINK(\"#'Quality log'.C2\";2)");
  EXPECT_EQ(at(sp, header + 1, 2)->text, "Good is greater than Inspected in row 1");
  EXPECT_EQ(at(sp, header + 2, 2)->text, "Good is negative in row 3");
}

TEST(ExplainSheet, ArgumentsFromCellsAndLiterals) {
  // RETURNS inside REDUCTION: K4 = Start (a date cell), MIN(TODAY();L4), Columns {1;3}.
  ExplainSource s = src(
      "=REDUCTION(J4*(MIN(TODAY();L4)-K4+1)/(L4-K4+1);RETURNS($Returns.C2:E5;;;K4;MIN(TODAY();L4);{1;3}))");
  ExplainCall call = parseExplainCall(s);
  std::vector<CellBlock> blocks = {
      block("Returns", 1, 2,
            {{{J, 7.0, 100.0}, {J + 400, 7.0, 50.0}, {J - 5, 7.0, 10.0}, {J + 1, 7.0, 1.0}}}),
      block("Objectives", 3, 10, {{{J}}}), block("Objectives", 3, 11, {{{J + 365}}})};
  ExplainResult res = explainSheet(call, blocks, s, static_cast<long>(J) + 10, 0, "Explain");
  const sheet::SheetSpec& sp = res.spec;
  EXPECT_EQ(countOf(sp, "Counted"), 2);
  EXPECT_EQ(countOf(sp, "Left out: outside the period"), 2);
  EXPECT_EQ(countOf(sp, "Sum of Value"), 101);
  EXPECT_EQ(rowOf(sp, "Succeeded"), -1);  // RETURNS only sums
  EXPECT_DOUBLE_EQ(at(sp, rowOf(sp, "Value"), 1)->number, 101);
  // The resolved To: MIN(TODAY();L4) = today.
  const int to = rowOf(sp, "To");
  EXPECT_EQ(at(sp, to, 1)->text, "MIN(TODAY();L4)");
  EXPECT_EQ(at(sp, to, 2)->text, "2026-01-11");
  // An argument that is an expression is named in the message.
  ExplainCall bad = parseExplainCall(src("=OTIF($Deliveries.D2:G3;;;A1+1)"));
  std::vector<CellBlock> b2 = {block("Deliveries", 1, 3, {{{J, J, 1.0, 1.0}, {J, J, 1.0, 1.0}}}),
                               block("Objectives", 0, 0, {{{1.0}}})};
  try {
    explainSheet(bad, b2, s, kToday, 0, "Explain");
    ADD_FAILURE() << "no error";
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("argument From (A1+1) of OTIF"), std::string::npos) << e.what();
  }
  // A bad argument: the cell shows Err:502, Explain says why.
  ExplainCall badArg = parseExplainCall(src("=OTIF($Deliveries.D2:G3;;;;;-1)"));
  try {
    explainSheet(badArg, {b2[0]}, s, kToday, 0, "Explain");
    ADD_FAILURE() << "no error";
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("Err:502"), std::string::npos) << e.what();
  }
}

TEST(ExplainSheet, CapWithCompleteCounts) {
  const std::size_t n = kExplainMaxListed + 7;
  Rows rows;
  for (std::size_t i = 0; i < n; ++i) rows.rows.push_back({J, J + 1, 1.0, 1.0});  // all late
  ExplainSource s = src("=OTIF($Deliveries.D2:G50008)");
  ExplainCall call = parseExplainCall(s);
  ExplainResult res = explainSheet(call, {block("Deliveries", 1, 3, rows)}, s, kToday, 0, "Explain");
  EXPECT_EQ(res.listed, kExplainMaxListed);
  EXPECT_EQ(countOf(res.spec, "Failed"), static_cast<double>(n));
  EXPECT_NE(rowOf(res.spec,
                  "Only the first 50,000 of 50,007 rows are listed below; the counts above are complete."),
            -1);
  EXPECT_NE(res.message.find("The first 50,000 rows are listed."), std::string::npos);
}

}  // namespace
}  // namespace qkpi::objectives
