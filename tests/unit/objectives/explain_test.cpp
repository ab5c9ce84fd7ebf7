// Explain (objectives/explain.h): the formula parser, the arguments as Calc
// passes them, and the sheet.
#include "objectives/explain.h"

#include <gtest/gtest.h>

#include <clocale>
#include <string>
#include <vector>

#include "objectives/internal.h"
#include "objectives/objectives.h"
#include "objectives/texts.h"

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

// The C library's locale is the office's: a visible German Calc runs with a
// decimal comma (LC_NUMERIC de_DE), and formulas still read and write "0.02".
// (Before: Explain refused every formula with a decimal number there.)
TEST(ExplainParse, NumbersWhateverTheCLocale) {
  const std::string saved = std::setlocale(LC_ALL, nullptr);
  if (!std::setlocale(LC_ALL, "de_DE.UTF-8"))
    GTEST_SKIP() << "no de_DE.UTF-8 locale (scripts/setup.sh makes it)";
  ExplainCall c =
      parseExplainCall(src("=ORG.QKPI.QUALITYKPI.OTIF($Deliveries.D2:G9;;;\"2026-02-01\";TODAY();;2;0.02)"));
  const double tolerance = c.args[7].number;
  const std::string small = detail::numberText(0.000015), big = detail::numberText(1234567.25);
  std::setlocale(LC_ALL, saved.c_str());
  EXPECT_EQ(tolerance, 0.02);
  EXPECT_EQ(small, "0.000015");
  EXPECT_EQ(big, "1234567.25");
}

TEST(ExplainParse, FirstQkpiFunctionForContextHelp) {
  EXPECT_EQ(firstQkpiFunction("=OTIF($Deliveries.D2:G9)"), "OTIF");
  EXPECT_EQ(firstQkpiFunction("=IFNA(ORG.QKPI.QUALITYKPI.RFT($Quality.C2:E9);\"\")"), "RFT");
  EXPECT_EQ(firstQkpiFunction("=KPISTATUS(IFNA(Q2;\"\");G2;H2;I2)"), "KPISTATUS");
  EXPECT_EQ(firstQkpiFunction("{=OTIFBY($D.D2:G9;$D.A2:A9)}"), "OTIFBY");
  EXPECT_EQ(firstQkpiFunction("=SUM(A1:A3)"), std::nullopt);
  EXPECT_EQ(firstQkpiFunction("=OTIF("), std::nullopt);
  EXPECT_EQ(firstQkpiFunction("42"), std::nullopt);
  EXPECT_EQ(firstQkpiFunction(""), std::nullopt);
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

// Every text of the KPI library that an Explain sheet shows (row reasons,
// field, detail and total names, bad-data texts) is known to trKpi, and the
// German sheet shows it in German: one call per explainable function, with
// rows that give each reason.
struct KpiCase {
  std::string formula;
  std::vector<CellBlock> blocks;  // one per reference, in order
};

std::vector<KpiCase> everyReasonCases() {
  const std::monostate e;
  const double feb = J + 40, d31 = J + 30;
  std::vector<KpiCase> cases;
  // Delivery lines: on time, late, not delivered, short, nothing ordered, blank Due, outside, other
  // segment, not late yet at To, a Due that is not a date (bad data), early, early and short, late and short.
  const Rows lines = {{{J, J, 5.0, 5.0},
                       {J, J + 3, 5.0, 5.0},
                       {J, e, 5.0, e},
                       {J, J, 5.0, 4.0},
                       {J, J, 0.0, 0.0},
                       {e, J, 5.0, 5.0},
                       {feb, feb, 5.0, 5.0},
                       {J, J, 5.0, 5.0},
                       {d31, e, 5.0, e},
                       {1e9, J, 5.0, 5.0},
                       {J + 5, J, 5.0, 5.0},
                       {J + 5, J, 5.0, 1.0},
                       {J, J + 3, 5.0, 1.0}}};
  const Rows segs = {{{std::string("A")},
                      {std::string("A")},
                      {std::string("A")},
                      {std::string("A")},
                      {std::string("A")},
                      {std::string("A")},
                      {std::string("A")},
                      {std::string("B")},
                      {std::string("A")},
                      {std::string("A")},
                      {std::string("A")},
                      {std::string("A")},
                      {std::string("A")}}};
  const Rows orders = {
      {{1.0}, {1.0}, {2.0}, {3.0}, {4.0}, {5.0}, {6.0}, {7.0}, {8.0}, {9.0}, {10.0}, {11.0}, {12.0}}};
  const CellBlock lineBlock = block("D", 1, 3, lines), segBlock = block("D", 1, 0, segs),
                  orderBlock = block("D", 1, 1, orders);
  const std::string period = "DATE(2026;1;1);DATE(2026;1;31)";
  for (const char* fn : {"OTIF", "OTIFQTY", "OTIFREASONS"})
    cases.push_back(
        {std::string("=") + fn + "($D.D2:G14;$D.A2:A14;\"A\";" + period + ")", {lineBlock, segBlock}});
  cases.push_back(
      {"=OTIFORDERS($D.D2:G14;$D.B2:B14;$D.A2:A14;\"A\";" + period + ")", {lineBlock, orderBlock, segBlock}});
  cases.push_back({"=ONTIME($D.D2:E5)", {block("D", 1, 3, {{{J, J}, {J, J + 3}, {J, e}, {J + 5, J}}})}});
  cases.push_back({"=INFULL($D.F2:G3)", {block("D", 1, 5, {{{5.0, 5.0}, {5.0, 4.0}}})}});
  // Inspections: all good, not all good, inspected 0, blank Date, outside, Good > Inspected, Good < 0.
  cases.push_back({"=RFT($Q.C2:E8;;;" + period + ")",
                   {block("Q", 1, 2,
                          {{{5.0, 5.0, J},
                            {4.0, 5.0, J},
                            {0.0, 0.0, J},
                            {5.0, 5.0, e},
                            {5.0, 5.0, feb},
                            {6.0, 5.0, J},
                            {-1.0, 5.0, J}}})}});
  // Jobs: right, not right, blank Outcome, blank Date, outside, an Outcome of 2, a Date that is no date.
  cases.push_back(
      {"=RFTJOBS($J.C2:D8;;;" + period + ")",
       {block("J", 1, 2, {{{1.0, J}, {0.0, J}, {e, J}, {1.0, e}, {1.0, feb}, {2.0, J}, {1.0, 1e9}}})}});
  // Returns: counted, blank row, blank Date, outside.
  cases.push_back({"=RETURNS($R.C2:D5;;;" + period + ")",
                   {block("R", 1, 2, {{{J, 100.0}, {e, e}, {e, 50.0}, {feb, 10.0}}})}});
  // Turnaround: within, over, still open and late, open not late yet, blank Received, outside,
  // received after AsOf, Closed before Received, Closed without Received.
  const double asOf = J + 58;  // 2026-02-28
  cases.push_back({"=TURNAROUND($R.C2:D10;;;DATE(2026;1;1);DATE(2026;2;28);20;;;DATE(2026;2;28))",
                   {block("R", 1, 2,
                          {{{J, J + 5},
                            {J, J + 50},
                            {J + 1, e},
                            {asOf - 2, e},
                            {e, e},
                            {J - 40, J - 30},
                            {asOf + 1, e},
                            {J + 9, J + 2},
                            {e, J + 3}}})}});
  cases.push_back(
      {"=TURNAROUNDDAYS($R.C2:D4;;;;;0.5)", {block("R", 1, 2, {{{J, J + 1}, {J, J + 5}, {J, J + 30}}})}});
  cases.push_back({"=TURNAROUND($R.C2:D3;;;;;1)", {block("R", 1, 2, {{{J + 1, J + 2}, {J + 1, J + 9}}})}});
  return cases;
}

// The texts of the explain sheet's KPI-library places: the Rows header from
// column D, the Reason column (before any note), the count labels.
struct KpiPlaces {
  std::vector<std::pair<sheet::Pos, std::string>> texts;
};
KpiPlaces kpiPlaces(const sheet::SheetSpec& sp, Lang lang) {
  KpiPlaces out;
  int counts = -1, rows = -1;  // the section title "Counts" (RFT's first argument is called Counts too)
  for (const sheet::Cell& c : sp.cells)
    if (c.pos.col == 0 && c.style == "qkpi Section" && c.text == tr(lang, "Counts")) counts = c.pos.row;
  for (const sheet::Cell& c : sp.cells)
    if (c.pos.col == 0 && c.style == "qkpi Header" && c.text == tr(lang, "Row")) rows = c.pos.row;
  for (const sheet::Cell& c : sp.cells) {
    if (c.kind != sheet::Cell::Kind::Text) continue;
    if (c.pos.row == rows && c.pos.col >= 3 && c.text != tr(lang, "Segment") && c.text != tr(lang, "Order"))
      out.texts.emplace_back(c.pos, c.text);
    if (rows >= 0 && c.pos.row > rows && c.pos.col == 2)
      out.texts.emplace_back(c.pos, c.text.substr(0, c.text.find("; ")));
    if (c.pos.col == 0 && c.pos.row > counts && (rows < 0 || c.pos.row < rows - 2) &&
        c.style == "qkpi Label") {
      std::string label = c.text;
      for (const std::string& prefix : {trf(lang, "  failed: {1}", {""}), trf(lang, "Left out: {1}", {""})})
        if (label.starts_with(prefix)) label = label.substr(prefix.size());
      out.texts.emplace_back(c.pos, label);
    }
  }
  return out;
}

bool isCatalogueKey(const std::string& en) {
  for (const CatalogueEntry& e : catalogue())
    if (e.en == en) return true;
  return false;
}

TEST(ExplainSheet, EveryKpiTextKnownAndGermanInGerman) {
  ExplainSource s = src("");
  std::size_t checked = 0;
  for (const KpiCase& c : everyReasonCases()) {
    s.formula = c.formula;
    const ExplainCall call = parseExplainCall(s);
    ASSERT_EQ(call.references.size(), c.blocks.size()) << c.formula;
    const ExplainResult en = explainSheet(call, c.blocks, s, kToday, 0, "Explain", Lang::En);
    const ExplainResult de = explainSheet(call, c.blocks, s, kToday, 0, "Explain", Lang::De);
    ASSERT_EQ(en.spec.cells.size(), de.spec.cells.size()) << c.formula;
    EXPECT_EQ(at(de.spec, 0, 0)->text, "Erklärung: " + std::string(call.fn->name) + " in Objectives.Q3");
    for (const auto& [pos, text] : kpiPlaces(en.spec, Lang::En).texts) {
      if (isCatalogueKey(text)) continue;  // an objectives label ("Rows in the table" ...)
      ++checked;
      EXPECT_TRUE(kpiTextKnown(text)) << c.formula << ": \"" << text << "\" at " << pos.row << "," << pos.col;
      const sheet::Cell* g = at(de.spec, pos.row, pos.col);
      ASSERT_NE(g, nullptr);
      EXPECT_NE(g->text, text) << c.formula << ": not German: \"" << text << "\"";
    }
    // Bad data in the value line: the DataError text in German too.
    const int v = rowOf(de.spec, "Wert");
    ASSERT_GE(v, 0) << c.formula;
    const sheet::Cell* value = at(de.spec, v, 1);
    if (value->kind == sheet::Cell::Kind::Text) {
      EXPECT_EQ(value->text.find(" in row "), std::string::npos) << value->text;
    }
    EXPECT_EQ(de.message.find(" rows"), std::string::npos) << de.message;
  }
  EXPECT_GT(checked, 80u);  // the cases reach the reasons, fields and totals, not only labels
}

TEST(ExplainSheet, GermanReasonsFieldsAndNumbers) {
  ExplainSource s = src("=OTIF($D.D2:G3)");
  const ExplainCall call = parseExplainCall(s, Lang::De);
  const ExplainResult de = explainSheet(call, {block("D", 1, 3, {{{J, J + 2, 5.0, 5.0}, {J, J, 5.0, 4.0}}})},
                                        s, kToday, 0, "Explain", Lang::De);
  const int header = rowOf(de.spec, "Zeile");
  ASSERT_GT(header, 0);
  EXPECT_EQ(at(de.spec, header, 1)->text, "Status");
  EXPECT_EQ(at(de.spec, header, 2)->text, "Grund");
  EXPECT_EQ(at(de.spec, header, 3)->text, "Liefertermin");
  EXPECT_EQ(at(de.spec, header, 7)->text, "Tage verspätet");
  EXPECT_EQ(at(de.spec, header + 1, 1)->text, "verfehlt");
  EXPECT_EQ(at(de.spec, header + 1, 2)->text, "zu spät (late)");
  EXPECT_EQ(at(de.spec, header + 2, 2)->text, "unvollständig (short)");
  EXPECT_EQ(countOf(de.spec, "  verfehlt: zu spät (late)"), 1);
  EXPECT_EQ(de.message,
            "OTIF in Objectives.Q3 auf der neuen Tabelle \"Explain\" erklärt: 2 Zeilen, 2 gezählt, "
            "2 verfehlt, 0 ausgelassen.");
  // A DataError text with a field inside: the number kept, the field in German.
  EXPECT_EQ(trKpi(Lang::De, "Due in row 12 is not a date in the years 1 to 9999"),
            "Liefertermin in Zeile 12 ist kein Datum in den Jahren 1 bis 9999");
  EXPECT_EQ(trKpi(Lang::De, "over 20 working days"), "über 20 Arbeitstage");
  EXPECT_EQ(trKpi(Lang::En, "over 20 working days"), "over 20 working days");
  EXPECT_EQ(trKpi(Lang::De, "something new"), "something new");  // unknown: unchanged
  EXPECT_FALSE(kpiTextKnown("over  working days"));              // a part is never empty
  // Thousands in German.
  std::string err;
  try {
    parseExplainCall(src("=SUM(1)"), Lang::De);
  } catch (const UserError& e) {
    err = e.what();
  }
  EXPECT_EQ(
      err.rfind("Die Formel der Zelle Objectives.Q3 ruft keine qkpi-Kennzahlfunktion auf. Erklären zeigt", 0),
      0u)
      << err;
  EXPECT_NE(err.find("TURNAROUND oder TURNAROUNDDAYS"), std::string::npos) << err;
}

}  // namespace
}  // namespace qkpi::objectives
