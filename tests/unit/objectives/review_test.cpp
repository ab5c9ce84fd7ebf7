// The review sheet, cell by cell, for a small register: a segmented OTIF with
// a baseline, a RETURNS reduction objective, a TURNAROUNDDAYS (lower is
// better, no ...BY function) and an RTY without segments or period.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>

#include "objectives/objectives.h"
#include "objectives_test_util.h"

using namespace qkpi::objectives;
using qkpi::objectives::test::userError;
using qkpi::sheet::Cell;
using qkpi::sheet::Pos;
using qkpi::sheet::Range;
using qkpi::sheet::SheetSpec;

namespace {

constexpr long kToday = 46351;  // 2026-11-25
const std::string kCutOff =
    "Cut off: the data now has more segments than this table shows. Create a new review to see them all.";

Objective base(int row, const std::string& id, const std::string& kpi, const std::string& data,
               const std::string& seg, const std::string& options, double target) {
  Objective o;
  o.row = row;
  for (int f = 0; f < kFieldCount; ++f) o.col[f] = f;
  o.id = id;
  o.objective = "Objective " + id;
  o.kpi = kpi;
  o.data = data;
  o.segmentBy = seg;
  o.options = options;
  o.target = target;
  o.responsible = "Owner " + id;
  o.resources = "Team";
  o.evaluation = "Monthly meeting";
  o.reviewFrequency = "Monthly";
  return o;
}

std::vector<Objective> smallRegister() {
  Objective otif = base(1, "Q-1", "OTIF", "$Deliveries.D2:G101", "$Deliveries.A2:A101",
                        "From=2026-01-01; To=TODAY(); LateDays=2", 0.95);
  otif.objective = "=HYPERLINK(\"http://evil\")";  // user text stays text
  otif.direction = "higher";
  otif.amber = 0.92;
  otif.baseline = 0.9;
  otif.start = 46023.0;
  otif.due = 46387.0;
  Objective red = base(2, "Q-2", "RETURNS", "$Returns.C2:E50", "$Returns.A2:A50", "Columns={1;3}", 0.5);
  red.amber = 0.4;
  red.baseline = 10000.0;
  red.start = 46023.0;
  red.due = std::string("2026-12-31");
  Objective days = base(3, "Q-3", "TURNAROUNDDAYS", "$Returns.C2:D50", "$Returns.A2:A50",
                        "Holidays=Holidays; AsOf=TODAY()", 20);
  days.direction = "lower";
  days.amber = 25.0;
  days.responsible = "";
  Objective rty = base(4, "Q-4", "RTY", "$Steps.B2:B5", "", "", 0.9);
  return {otif, red, days, rty};
}

SheetSpec theReview() {
  return review(smallRegister(), {4, 3, 2, 0}, kToday, 0, "Review 2026-11-25");
}

const Cell& at(const SheetSpec& s, int row, int col) {
  for (const Cell& c : s.cells)
    if (c.pos == Pos{row, col}) return c;
  static Cell none;
  none.text = "<no cell " + std::to_string(row) + "," + std::to_string(col) + ">";
  return none;
}

// The text of a formula cell (or "<not a formula>").
std::string f(const SheetSpec& s, int row, int col) {
  const Cell& c = at(s, row, col);
  return c.kind == Cell::Kind::Formula ? c.text : "<not a formula: " + c.text + ">";
}
std::string text(const SheetSpec& s, int row, int col) {
  const Cell& c = at(s, row, col);
  return c.kind == Cell::Kind::Text ? c.text : "<not a text: " + c.text + ">";
}
bool hasCell(const SheetSpec& s, int row, int col) {
  return std::any_of(s.cells.begin(), s.cells.end(), [&](const Cell& c) { return c.pos == Pos{row, col}; });
}
bool hasFormat(const SheetSpec& s, Range r, const std::string& formula, const std::string& style) {
  return std::any_of(s.conditionalFormats.begin(), s.conditionalFormats.end(), [&](const auto& cf) {
    return cf.range == r && cf.formula == formula && cf.style == style;
  });
}
Range rg(int r1, int c1, int r2, int c2) {
  return {{r1, c1}, {r2, c2}};
}

}  // namespace

TEST(ObjectivesReview, TitleAndSummaryHeader) {
  SheetSpec s = theReview();
  EXPECT_EQ(s.name, "Review 2026-11-25");
  EXPECT_EQ(text(s, 0, 0), "Quality objectives review");
  EXPECT_EQ(at(s, 0, 0).style, "qkpi Title");
  EXPECT_EQ(text(s, 1, 0), "Review date");
  EXPECT_EQ(at(s, 1, 1).kind, Cell::Kind::Number);
  EXPECT_EQ(at(s, 1, 1).number, kToday);
  EXPECT_EQ(at(s, 1, 1).style, "qkpi Date");
  const std::vector<std::string> headers = {
      "ID",       "Objective",     "KPI",           "Actual",      "Target",
      "Status",   "Gap to target", "Worst segment", "Worst value", "On-track line",
      "On track", "Rows left out", "Responsible",   "Due"};
  for (int j = 0; j < 14; ++j) {
    EXPECT_EQ(text(s, 4, j), headers[j]);
    EXPECT_EQ(at(s, 4, j).style, "qkpi Header");
  }
  EXPECT_EQ(s.comments.size(), 14u);
}

TEST(ObjectivesReview, SummaryRowOfASegmentedObjectiveWithBaseline) {
  SheetSpec s = theReview();
  // Section 1 starts at row 10 (4 summary rows, a blank row); its facts are on row 12.
  EXPECT_EQ(text(s, 5, 0), "Q-1");
  EXPECT_EQ(text(s, 5, 1), "=HYPERLINK(\"http://evil\")");
  EXPECT_EQ(text(s, 5, 2), "OTIF");
  EXPECT_EQ(f(s, 5, 3), "=OTIF($Deliveries.D2:G101;;;\"2026-01-01\";DATE(2026;11;25);;2)");
  EXPECT_EQ(at(s, 5, 3).style, "qkpi Percent");
  EXPECT_EQ(f(s, 5, 4), "=D12");
  EXPECT_EQ(f(s, 5, 5), "=KPISTATUS(IFNA(D6;\"\");E6;IF(ISBLANK(F12);\"\";F12);IF(ISBLANK(H12);\"\";H12))");
  EXPECT_EQ(f(s, 5, 6), "=IF(ISNUMBER(D6);D6-E6;\"\")");
  const Cell& worstSeg = at(s, 5, 7);
  EXPECT_EQ(worstSeg.kind, Cell::Kind::ArrayFormula);
  EXPECT_EQ(worstSeg.text,
            "=IF(ISNUMBER(I6);INDEX(A19:A22;MATCH(1;ISNUMBER(F19:F22)*IFERROR((A19:A22&\"\"<>\"(all)\")*(A19:"
            "A22&\"\"<>"
            "\"(blank)\");0)*IFERROR(F19:F22=I6;0);0));\"\")");
  const Cell& worst = at(s, 5, 8);
  EXPECT_EQ(worst.kind, Cell::Kind::ArrayFormula);
  EXPECT_EQ(worst.arrayRows, 1);
  EXPECT_EQ(
      worst.text,
      "=IF(SUMPRODUCT(ISNUMBER(F19:F22)*IFERROR((A19:A22&\"\"<>\"(all)\")*(A19:A22&\"\"<>\"(blank)\");0))=0;"
      "\"\";MIN(IF("
      "ISNUMBER(F19:F22)*IFERROR((A19:A22&\"\"<>\"(all)\")*(A19:A22&\"\"<>\"(blank)\");0);F19:F22;\"\")))");
  EXPECT_EQ(f(s, 5, 9), "=TARGETPATH(F13;E6;D13;D14;DATE(2026;11;25))");
  EXPECT_EQ(f(s, 5, 10), "=IF(AND(ISNUMBER(D6);ISNUMBER(J6));IF(D6>=J6;\"on track\";\"behind\");\"\")");
  EXPECT_EQ(f(s, 5, 11), "=IF(A22&\"\"=\"(all)\";B22-C22;\"\")");
  EXPECT_EQ(text(s, 5, 12), "Owner Q-1");
  EXPECT_EQ(at(s, 5, 13).number, 46387);
  EXPECT_EQ(at(s, 5, 13).style, "qkpi Date");
}

TEST(ObjectivesReview, SectionFactsAreCopiedAsValuesAndText) {
  SheetSpec s = theReview();
  EXPECT_EQ(text(s, 10, 0), "Q-1");
  EXPECT_EQ(text(s, 10, 1), "=HYPERLINK(\"http://evil\")");
  EXPECT_EQ(at(s, 10, 1).style, "qkpi Section");
  EXPECT_TRUE(std::any_of(s.rangeStyles.begin(), s.rangeStyles.end(), [](const auto& r) {
    return r.range == Range{{10, 0}, {10, 13}} && r.style == "qkpi Section";
  }));
  EXPECT_EQ(text(s, 11, 2), "Target");
  EXPECT_EQ(at(s, 11, 3).number, 0.95);
  EXPECT_EQ(text(s, 11, 5), "higher");
  EXPECT_EQ(at(s, 11, 7).number, 0.92);
  EXPECT_EQ(at(s, 12, 5).number, 0.9);  // Baseline
  // Start and Due below the first facts row, in C/D: every fact within A..J (in view on a 1366-px screen)
  EXPECT_EQ(text(s, 12, 2), "Start");
  EXPECT_EQ(at(s, 12, 3).number, 46023);
  EXPECT_EQ(text(s, 13, 2), "Due");
  EXPECT_EQ(at(s, 13, 3).number, 46387);
  for (const auto& c : s.cells) {
    if (c.pos.row >= 11 && c.pos.row <= 13 && !(c.pos.row == 12 && c.pos.col >= 8)) {  // Options from I on
      EXPECT_LE(c.pos.col, 7) << c.pos.row << "," << c.pos.col;
    }
  }
  EXPECT_EQ(text(s, 12, 1), "$Deliveries.D2:G101");
  EXPECT_EQ(text(s, 12, 7), "$Deliveries.A2:A101");
  EXPECT_EQ(text(s, 12, 9), "From=2026-01-01; To=TODAY(); LateDays=2");
  EXPECT_EQ(text(s, 13, 7), "OK");
  // Q-3 has no Responsible and no Due: flagged in its section.
  EXPECT_EQ(text(s, 91, 7), "Missing: who (Responsible), when (Due)");
  EXPECT_EQ(at(s, 91, 7).style, "qkpi Missing");
}

TEST(ObjectivesReview, PerSegmentTableOfTheProbedSize) {
  SheetSpec s = theReview();
  EXPECT_EQ(text(s, 16, 0), "Per segment");
  const std::vector<std::string> headers = {"Segment", "Lines", "Lines counted", "On time in full",
                                            "Counted", "OTIF",  "Status"};
  for (int j = 0; j < 7; ++j) EXPECT_EQ(text(s, 17, j), headers[j]);
  const Cell& by = at(s, 18, 0);
  EXPECT_EQ(by.kind, Cell::Kind::ArrayFormula);
  EXPECT_EQ(by.arrayRows, 4);
  EXPECT_EQ(by.arrayCols, 6);
  EXPECT_EQ(by.text, "=OTIFBY($Deliveries.D2:G101;$Deliveries.A2:A101;\"2026-01-01\";DATE(2026;11;25);;2)");
  for (int r = 18; r <= 21; ++r) {
    std::string n = std::to_string(r + 1);
    EXPECT_EQ(f(s, r, 6), "=KPISTATUS(IFNA(F" + n +
                              ";\"\");$D$12;IF(ISBLANK($F$12);\"\";$F$12);IF(ISBLANK($H$12);"
                              "\"\";$H$12))");
  }
  EXPECT_FALSE(hasCell(s, 22, 6));
  EXPECT_EQ(f(s, 22, 0), "=IF(A22&\"\"=\"(all)\";\"\";\"" + kCutOff + "\")");
  EXPECT_EQ(at(s, 22, 0).style, "qkpi Warning");
  EXPECT_TRUE(hasFormat(s, rg(18, 6, 21, 6), "$G19=\"RED\"", "qkpi RED"));
  EXPECT_TRUE(hasFormat(s, rg(18, 6, 21, 6), "$G19=\"GREEN\"", "qkpi GREEN"));
  EXPECT_TRUE(std::any_of(s.rangeStyles.begin(), s.rangeStyles.end(), [](const auto& r) {
    return r.range == Range{{18, 5}, {21, 5}} && r.style == "qkpi Percent";
  }));
}

TEST(ObjectivesReview, TrendWithXmrLimitsAndChart) {
  // Review on 2026-11-25: the 12 complete months Nov 2025 .. Oct 2026, then November to date.
  SheetSpec s = theReview();
  EXPECT_EQ(text(s, 24, 0), "12-month trend");
  EXPECT_NE(text(s, 24, 2).find("Month to date (grey): not in the limits."), std::string::npos);
  EXPECT_EQ(text(s, 25, 0), "Month");
  EXPECT_EQ(text(s, 25, 1), "OTIF");
  EXPECT_EQ(text(s, 25, 2), "Moving range");
  EXPECT_EQ(text(s, 25, 3), "Centre line");
  EXPECT_EQ(text(s, 25, 4), "Lower limit");
  EXPECT_EQ(text(s, 25, 5), "Upper limit");
  EXPECT_FALSE(hasCell(s, 25, 6));  // OTIF: no Open column
  EXPECT_EQ(text(s, 26, 0), "Nov 2025");
  // The Options' To=TODAY() is replaced by each month's end.
  EXPECT_EQ(f(s, 26, 1), "=IFNA(OTIF($Deliveries.D2:G101;;;DATE(2025;11;1);DATE(2025;11;30);;2);\"\")");
  EXPECT_EQ(text(s, 29, 0), "Feb 2026");
  EXPECT_EQ(f(s, 29, 1), "=IFNA(OTIF($Deliveries.D2:G101;;;DATE(2026;2;1);DATE(2026;2;28);;2);\"\")");
  EXPECT_EQ(text(s, 37, 0), "Oct 2026");
  EXPECT_EQ(f(s, 37, 1), "=IFNA(OTIF($Deliveries.D2:G101;;;DATE(2026;10;1);DATE(2026;10;31);;2);\"\")");
  EXPECT_EQ(at(s, 37, 0).style, "");
  EXPECT_EQ(at(s, 37, 1).style, "qkpi Percent");
  // The month to date: marked in label and style, no moving range, no limits.
  EXPECT_EQ(text(s, 38, 0), "Nov 2026 (to date)");
  EXPECT_EQ(at(s, 38, 0).style, "qkpi To date");
  EXPECT_EQ(f(s, 38, 1), "=IFNA(OTIF($Deliveries.D2:G101;;;DATE(2026;11;1);DATE(2026;11;25);;2);\"\")");
  EXPECT_EQ(at(s, 38, 1).style, "qkpi To date Percent");
  EXPECT_FALSE(hasCell(s, 38, 2));
  EXPECT_EQ(text(s, 38, 3), "not in the limits");
  EXPECT_FALSE(hasCell(s, 38, 4));
  EXPECT_FALSE(hasCell(s, 38, 5));
  EXPECT_FALSE(hasCell(s, 39, 0));
  EXPECT_FALSE(hasCell(s, 26, 2));  // no moving range for the first month
  EXPECT_EQ(f(s, 27, 2), "=IF(OR(B28=\"\";B27=\"\");\"\";ABS(B28-B27))");
  EXPECT_EQ(f(s, 37, 2), "=IF(OR(B38=\"\";B37=\"\");\"\";ABS(B38-B37))");
  // Limits from the 12 complete months (rows 27..38 of the sheet) only.
  EXPECT_EQ(f(s, 26, 3), "=IFERROR(AVERAGE($B$27:$B$38);\"\")");
  EXPECT_EQ(f(s, 26, 4), "=IFERROR(MAX(0;D27-2.66*AVERAGE($C$28:$C$38));\"\")");
  EXPECT_EQ(f(s, 26, 5), "=IFERROR(MIN(1;D27+2.66*AVERAGE($C$28:$C$38));\"\")");
  for (int r = 27; r <= 37; ++r) {
    EXPECT_EQ(f(s, r, 3), "=$D$27");
    EXPECT_EQ(f(s, r, 4), "=$E$27");
    EXPECT_EQ(f(s, r, 5), "=$F$27");
  }
  // Signals: complete months only.
  EXPECT_TRUE(hasFormat(s, rg(26, 1, 37, 1), "AND(ISNUMBER(B27);ISNUMBER($E$27);OR(B27<$E$27;B27>$F$27))",
                        "qkpi Signal"));
  for (const auto& cf : s.conditionalFormats) {  // the other trends: Q-2 rows 72..83, Q-3 rows 102..113
    if (cf.style == "qkpi Signal") {
      EXPECT_TRUE(cf.range.last.row == 37 || cf.range.last.row == 83 || cf.range.last.row == 113)
          << cf.formula;
    }
  }
  ASSERT_EQ(s.charts.size(), 4u);  // RTY has no trend; Q-1's Pareto is charts[1]
  const auto& c = s.charts[0];
  EXPECT_EQ(c.title, "Q-1 OTIF per month (complete months)");
  EXPECT_EQ(c.anchor, rg(25, 7, 40, 13));
  EXPECT_EQ(c.categories, rg(26, 0, 37, 0));
  EXPECT_EQ(c.series,
            (std::vector<Range>{rg(26, 1, 37, 1), rg(26, 3, 37, 3), rg(26, 4, 37, 4), rg(26, 5, 37, 5)}));
  EXPECT_EQ(c.seriesNames, (std::vector<std::string>{"OTIF", "Centre line", "Lower limit", "Upper limit"}));
  EXPECT_NE(s.charts[0].name, s.charts[1].name);
}

TEST(ObjectivesReview, ReviewOnTheFirstHasNoMonthToDate) {
  // 2026-12-01: Dec 2025 .. Nov 2026, all complete; no to-date row.
  SheetSpec s = review(smallRegister(), {4, 3, 2, 0}, kToday + 6, 0, "Review 2026-12-01");
  EXPECT_EQ(text(s, 26, 0), "Dec 2025");
  EXPECT_EQ(f(s, 26, 1), "=IFNA(OTIF($Deliveries.D2:G101;;;DATE(2025;12;1);DATE(2025;12;31);;2);\"\")");
  EXPECT_EQ(text(s, 37, 0), "Nov 2026");
  EXPECT_EQ(f(s, 37, 1), "=IFNA(OTIF($Deliveries.D2:G101;;;DATE(2026;11;1);DATE(2026;11;30);;2);\"\")");
  EXPECT_FALSE(hasCell(s, 38, 0));
  EXPECT_EQ(f(s, 26, 3), "=IFERROR(AVERAGE($B$27:$B$38);\"\")");
  EXPECT_EQ(text(s, 24, 2).find("Month to date"), std::string::npos);
}

TEST(ObjectivesReview, ReductionObjective) {
  SheetSpec s = theReview();
  // Summary row 6 (0-based), section at 42, facts on row 43 (sheet row 44).
  EXPECT_EQ(f(s, 6, 3),
            "=REDUCTION(F60*(MIN(DATE(2026;11;25);D61)-D60+1)/"
            "(D61-D60+1);RETURNS($Returns.C2:E50;;;D60;MIN(DATE(2026;"
            "11;25);D61);{1;3}))");
  EXPECT_EQ(at(s, 6, 3).style, "qkpi Percent");
  EXPECT_EQ(f(s, 6, 9), "=TARGETPATH(0;E7;D60;D61;DATE(2026;11;25))");
  EXPECT_EQ(at(s, 59, 5).number, 10000);
  EXPECT_EQ(at(s, 59, 5).style, "qkpi Number");
  EXPECT_EQ(at(s, 60, 3).number, 46387);  // ISO text Due read as a date
  EXPECT_EQ(text(s, 63, 3), "Elapsed share of Start to Due");
  EXPECT_EQ(f(s, 63, 5), "=(MIN(DATE(2026;11;25);D61)-D60+1)/(D61-D60+1)");
  const std::vector<std::string> headers = {"Segment",      "Returns",         "Returns so far",
                                            "Value so far", "Value last year", "Baseline pro rata",
                                            "Reduction",    "Status"};
  for (int j = 0; j < 8; ++j) EXPECT_EQ(text(s, 64, j), headers[j]);
  const Cell& now = at(s, 65, 0);
  EXPECT_EQ(now.kind, Cell::Kind::ArrayFormula);
  EXPECT_EQ(now.arrayRows, 3);
  EXPECT_EQ(now.arrayCols, 4);
  EXPECT_EQ(now.text, "=RETURNSBY($Returns.C2:E50;$Returns.A2:A50;D60;MIN(DATE(2026;11;25);D61);{1;3})");
  const Cell& last = at(s, 65, 4);
  EXPECT_EQ(last.kind, Cell::Kind::ArrayFormula);
  EXPECT_EQ(last.arrayRows, 3);
  EXPECT_EQ(last.arrayCols, 1);
  EXPECT_EQ(last.text,
            "=INDEX(RETURNSBY($Returns.C2:E50;$Returns.A2:A50;DATE(YEAR(D60)-1;MONTH(D60);DAY(D60));DATE("
            "YEAR(D61)-1;"
            "MONTH(D61);DAY(D61));{1;3});0;4)");
  EXPECT_EQ(f(s, 65, 5), "=IF(ISNUMBER(E66);E66*$F$64;\"\")");
  EXPECT_EQ(f(s, 65, 6), "=IF(AND(ISNUMBER(F66);ISNUMBER(D66));IF(F66>0;REDUCTION(F66;D66);\"\");\"\")");
  EXPECT_EQ(f(s, 67, 7),
            "=KPISTATUS(IFNA(G68;\"\");$D$59;IF(ISBLANK($F$59);\"\";$F$59);IF(ISBLANK($H$59);\"\";$H$59))");
  EXPECT_EQ(f(s, 68, 0), "=IF(A68&\"\"=\"(all)\";\"\";\"" + kCutOff + "\")");
  EXPECT_EQ(f(s, 6, 11), "=IF(A68&\"\"=\"(all)\";B68-C68;\"\")");
  // Worst segment on the reduction column, higher is better.
  EXPECT_NE(at(s, 6, 8).text.find("MIN(IF(ISNUMBER(G66:G68)"), std::string::npos);
  // Trend: the monthly returns value, no upper cap at 1.
  EXPECT_EQ(text(s, 71, 1), "Returns value");
  EXPECT_EQ(f(s, 72, 1), "=IFNA(RETURNS($Returns.C2:E50;;;DATE(2025;11;1);DATE(2025;11;30);{1;3});\"\")");
  EXPECT_EQ(at(s, 72, 1).style, "qkpi Number");
  EXPECT_EQ(f(s, 72, 5), "=IFERROR(D73+2.66*AVERAGE($C$74:$C$84);\"\")");
  EXPECT_EQ(s.charts[2].title, "Q-2 Returns value per month (complete months)");
  EXPECT_FALSE(hasCell(s, 72, 6));  // RETURNS has no open rows
  EXPECT_EQ(s.charts[2].anchor, rg(71, 7, 86, 13));
}

// OTIF as a system (issue 10): after Q-1's trend, why lines failed (OTIFREASONS
// over the objective's period, as of the review date), its Pareto and the line
// and quantity figures; no Orders option: a note instead of the order figure.
TEST(ObjectivesReview, DeliveryObjectiveShowsOtifAsASystem) {
  SheetSpec s = theReview();
  // Q-1's trend ends at row 40 (chart 25..40): the block starts at 42.
  EXPECT_EQ(text(s, 42, 0), "Why lines failed");
  EXPECT_EQ(at(s, 42, 0).style, "qkpi Subheader");
  EXPECT_EQ(text(s, 43, 0), "Reason");
  EXPECT_EQ(text(s, 43, 4), "Pareto of failures");
  const Cell& reasons = at(s, 44, 0);
  EXPECT_EQ(reasons.kind, Cell::Kind::ArrayFormula);
  EXPECT_EQ(reasons.arrayRows, 8);
  EXPECT_EQ(reasons.arrayCols, 3);
  EXPECT_EQ(reasons.text, "=OTIFREASONS($Deliveries.D2:G101;;;\"2026-01-01\";DATE(2026;11;25);;2)");
  // Pareto row 1: the failure reason with most lines (rows 46..51 of the sheet: reasons 2..7).
  EXPECT_EQ(at(s, 44, 5).text,
            "=IF(SUM($B$46:$B$51)=0;\"\";ROUND(LARGE($B$46:$B$51-(ROW($B$46:$B$51)-ROW($B$46))/100;1);0))");
  EXPECT_EQ(f(s, 49, 6), "=IF(SUM($B$46:$B$51)=0;\"\";SUM(F45:F50)/SUM($B$46:$B$51))");
  EXPECT_EQ(text(s, 52, 4), "Order lines (OTIF)");
  EXPECT_EQ(f(s, 52, 6), "=IFNA(OTIF($Deliveries.D2:G101;;;\"2026-01-01\";DATE(2026;11;25);;2);\"\")");
  EXPECT_EQ(f(s, 53, 6), "=IFNA(OTIFQTY($Deliveries.D2:G101;;;\"2026-01-01\";DATE(2026;11;25);;2);\"\")");
  EXPECT_EQ(at(s, 53, 6).style, "qkpi Percent");
  EXPECT_NE(text(s, 54, 4).find("Orders="), std::string::npos);
  const auto& c = s.charts[1];
  EXPECT_TRUE(c.bars);
  EXPECT_EQ(c.title, "Q-1 why lines failed (Pareto)");
  EXPECT_EQ(c.categories, rg(44, 4, 49, 4));
  EXPECT_EQ(c.series, (std::vector<Range>{rg(44, 5, 49, 5)}));
  // The next section (Q-2) starts 15 rows later than without the block.
  EXPECT_EQ(text(s, 57, 0), "Q-2");
}

// With Orders= in the Options the review adds the order figure; the function
// itself (OTIF) never sees Orders.
TEST(ObjectivesReview, OrdersOptionGivesTheOrderFigure) {
  std::vector<Objective> reg = smallRegister();
  reg[0].options += "; Orders=$Deliveries.B2:B101";
  SheetSpec s = review(reg, {4, 3, 2, 0}, kToday, 0, "Review 2026-11-25");
  EXPECT_EQ(text(s, 54, 4), "Orders (OTIFORDERS)");
  EXPECT_EQ(
      f(s, 54, 6),
      "=IFNA(OTIFORDERS($Deliveries.D2:G101;$Deliveries.B2:B101;;;\"2026-01-01\";DATE(2026;11;25);;2);\"\")");
  EXPECT_EQ(f(s, 5, 3), "=OTIF($Deliveries.D2:G101;;;\"2026-01-01\";DATE(2026;11;25);;2)");
}

TEST(ObjectivesReview, LowerIsBetterWithoutByFunction) {
  SheetSpec s = theReview();
  // Summary row 7, section at 73, facts on row 74 (sheet row 75).
  EXPECT_EQ(f(s, 7, 3), "=TURNAROUNDDAYS($Returns.C2:D50;;;;;;;Holidays;DATE(2026;11;25))");
  EXPECT_EQ(at(s, 7, 3).style, "qkpi Days");
  EXPECT_EQ(f(s, 7, 6), "=IF(ISNUMBER(D8);E8-D8;\"\")");
  EXPECT_EQ(text(s, 7, 10), "no baseline");
  EXPECT_FALSE(hasCell(s, 7, 9));
  EXPECT_FALSE(hasCell(s, 7, 11));  // no rows-left-out without a ...BY table
  EXPECT_FALSE(hasCell(s, 7, 12));  // no Responsible: nothing written
  EXPECT_EQ(text(s, 95, 0), "Segment");
  EXPECT_EQ(text(s, 95, 1), "Turnaround days");
  EXPECT_EQ(text(s, 95, 2), "Status");
  const Cell& segs = at(s, 96, 0);
  EXPECT_EQ(segs.kind, Cell::Kind::ArrayFormula);
  EXPECT_EQ(segs.arrayRows, 2);
  EXPECT_EQ(segs.arrayCols, 1);
  EXPECT_EQ(segs.text, "=SEGMENTS($Returns.A2:A50)");
  EXPECT_EQ(f(s, 96, 1),
            "=IFNA(TURNAROUNDDAYS($Returns.C2:D50;$Returns.A2:A50;A97;;;;;Holidays;DATE(2026;11;25));\"\")");
  EXPECT_EQ(f(s, 97, 1),
            "=IFNA(TURNAROUNDDAYS($Returns.C2:D50;$Returns.A2:A50;A98;;;;;Holidays;DATE(2026;11;25));\"\")");
  EXPECT_EQ(f(s, 97, 2),
            "=KPISTATUS(IFNA(B98;\"\");$D$90;IF(ISBLANK($F$90);\"\";$F$90);IF(ISBLANK($H$90);\"\";$H$90))");
  EXPECT_EQ(f(s, 98, 0), "=IF(ROWS(SEGMENTS($Returns.A2:A50))>2;\"" + kCutOff + "\";\"\")");
  // The worst segment is the highest number of days.
  EXPECT_EQ(
      at(s, 7, 8).text,
      "=IF(SUMPRODUCT(ISNUMBER(B97:B98)*IFERROR((A97:A98&\"\"<>\"(all)\")*(A97:A98&\"\"<>\"(blank)\");0))=0;"
      "\"\";MAX(IF("
      "ISNUMBER(B97:B98)*IFERROR((A97:A98&\"\"<>\"(all)\")*(A97:A98&\"\"<>\"(blank)\");0);B97:B98;\"\")))");
  // Each month as of its last day (the Options' AsOf=TODAY() is the review date for the Actual only).
  EXPECT_EQ(f(s, 102, 1),
            "=IFNA(TURNAROUNDDAYS($Returns.C2:D50;;;DATE(2025;11;1);DATE(2025;11;30);;;Holidays;DATE(2025;11;"
            "30));\"\")");
  EXPECT_EQ(f(s, 114, 1),
            "=IFNA(TURNAROUNDDAYS($Returns.C2:D50;;;DATE(2026;11;1);DATE(2026;11;25);;;Holidays;DATE(2026;11;"
            "25));\"\")");
  // Open rows beside each month: received in the month, not closed by its end.
  EXPECT_EQ(text(s, 101, 6), "Open");
  EXPECT_EQ(
      f(s, 102, 6),
      "=COUNTIFS(INDEX($Returns.C2:D50;0;1);\">=\"&DATE(2025;11;1);INDEX($Returns.C2:D50;0;1);\"<\"&("
      "DATE(2025;11;30)+1);INDEX($Returns.C2:D50;0;2);\"\")+COUNTIFS(INDEX($Returns.C2:D50;0;1);\">=\"&"
      "DATE(2025;11;1);INDEX($Returns.C2:D50;0;1);\"<\"&(DATE(2025;11;30)+1);INDEX($Returns.C2:D50;0;2);"
      "\">=\"&DATE(2025;11;30)+1)");
  EXPECT_EQ(at(s, 114, 6).style, "qkpi To date");
  EXPECT_EQ(f(s, 102, 5), "=IFERROR(D103+2.66*AVERAGE($C$104:$C$114);\"\")");
}

TEST(ObjectivesReview, ObjectiveWithoutSegmentsOrPeriod) {
  SheetSpec s = theReview();
  EXPECT_EQ(f(s, 8, 3), "=RTY($Steps.B2:B5)");
  EXPECT_FALSE(hasCell(s, 8, 7));
  EXPECT_FALSE(hasCell(s, 8, 8));
  EXPECT_EQ(text(s, 118, 0), "Q-4");
  EXPECT_EQ(text(s, 125, 0), "No Segment by: the KPI is measured over all data only.");
  EXPECT_EQ(text(s, 127, 0), "12-month trend");
  EXPECT_EQ(text(s, 128, 0), "RTY has no period: no monthly trend.");
  ASSERT_TRUE(s.printRange.has_value());
  EXPECT_EQ(*s.printRange, rg(0, 0, 128, 13));
}

TEST(ObjectivesReview, SummaryFormatsAndPageSetup) {
  SheetSpec s = theReview();
  for (const char* code : {"GREEN", "AMBER", "RED", "GREY"})
    EXPECT_TRUE(
        hasFormat(s, rg(5, 5, 8, 5), std::string("$F6=\"") + code + "\"", std::string("qkpi ") + code));
  EXPECT_TRUE(hasFormat(s, rg(5, 10, 8, 10), "$K6=\"on track\"", "qkpi GREEN"));
  EXPECT_TRUE(hasFormat(s, rg(5, 10, 8, 10), "$K6=\"behind\"", "qkpi RED"));
  EXPECT_EQ(s.columns.size(), 14u);
  // One objective per printed page: a manual break before every section but the first.
  EXPECT_EQ(s.rowBreaks, (std::vector<int>{57, 88, s.rowBreaks.back()}));
  EXPECT_GT(s.rowBreaks.back(), 73);
  EXPECT_EQ(s.freezeRows, 5);  // below the summary header (row 4): it stays in view
  EXPECT_TRUE(s.printLandscape);
  EXPECT_EQ(s.repeatRows, (std::vector<int>{0, 1}));
  EXPECT_EQ(s.fitPagesWide, 1);
  // No user text ever becomes a formula.
  for (const Cell& c : s.cells) {
    if (c.kind == Cell::Kind::Formula || c.kind == Cell::Kind::ArrayFormula) {
      EXPECT_EQ(c.text.find("HYPERLINK"), std::string::npos);
    }
  }
}

// Rows kept together on one printed page, hand-checked on the small register (probed table sizes 4, 3, 2,
// none): the title with the summary; per section its title and facts, "Per segment" with the table (header
// row, rows, cut-off flag, the Rows left out beside it), the trend with its chart, the OTIF system block.
TEST(ObjectivesReview, KeepTogetherBlocks) {
  using Block = qkpi::sheet::RowBlock;
  SheetSpec s = theReview();
  const std::vector<Block> expected = {
      {0, 8},  // title, legend, summary header (4) and its 4 rows (5..8)
      // Q-1 OTIF at 10: facts 10..15; "Per segment" 16, header 17, rows 18..21, cut-off flag 22 (Rows left
      // out 17..21 beside it); trend 24 (header 25, months 26..38, chart 25..40); why lines failed 42..55
      {10, 15},
      {16, 22},
      {24, 40},
      {42, 55},
      // Q-2 RETURNS at 57 (a manual break): facts, table 63 (header 64, rows 65..67, flag 68), trend 70..86
      {57, 62},
      {63, 68},
      {70, 86},
      // Q-3 TURNAROUNDDAYS at 88: table 94 (header 95, rows 96..97, flag 98; left out 95..98), trend 100..116
      {88, 93},
      {94, 98},
      {100, 116},
      // Q-4 RTY at 118: no Segment by (its note at 125), no period (the note at 128)
      {118, 123},
      {124, 125},
      {127, 128},
  };
  EXPECT_EQ(s.keepTogether, expected);
  EXPECT_EQ(text(s, 64, 0), "Segment");  // the RETURNS table's header row is in its block
  EXPECT_EQ(text(s, 42, 0), "Why lines failed");
  EXPECT_EQ(text(s, 70, 0), "12-month trend");
  EXPECT_EQ(text(s, 100, 0), "12-month trend");
}

// For any review: the blocks ascend, do not overlap, lie in the print range, every section's manual break
// starts a block and none falls inside one; every table header row (qkpi Header cells below the summary)
// is in a block with rows below it.
TEST(ObjectivesReview, KeepTogetherBlocksCoverTheTables) {
  for (const std::vector<int>& rows : {std::vector<int>{4, 3, 2, 0}, std::vector<int>{30, 1, 12, 0}}) {
    SheetSpec s = review(smallRegister(), rows, kToday, 0, "Review 2026-11-25");
    ASSERT_FALSE(s.keepTogether.empty());
    ASSERT_TRUE(s.printRange.has_value());
    for (std::size_t i = 0; i < s.keepTogether.size(); ++i) {
      const auto& b = s.keepTogether[i];
      EXPECT_LE(b.first, b.last);
      EXPECT_LE(b.last, s.printRange->last.row);
      if (i > 0) {
        EXPECT_GT(b.first, s.keepTogether[i - 1].last);
      }
      for (int r : s.rowBreaks) EXPECT_FALSE(b.first < r && r <= b.last) << r;
    }
    auto blockOf = [&](int r) {
      return std::find_if(s.keepTogether.begin(), s.keepTogether.end(),
                          [r](const auto& b) { return b.first <= r && r <= b.last; });
    };
    for (int r : s.rowBreaks) {
      auto b = blockOf(r);
      ASSERT_NE(b, s.keepTogether.end()) << r;
      EXPECT_EQ(b->first, r);
    }
    for (const Cell& c : s.cells) {
      if (c.style != "qkpi Header" || c.pos.row <= 4) continue;
      auto b = blockOf(c.pos.row);
      ASSERT_NE(b, s.keepTogether.end()) << c.pos.row;
      EXPECT_GT(b->last, c.pos.row) << c.pos.row;
    }
  }
}

TEST(ObjectivesReview, ProbeFailureAndErrors) {
  auto reg = smallRegister();
  SheetSpec s = review(reg, {0, 3, 2, 0}, kToday, 0, "R");
  EXPECT_EQ(text(s, 17, 0),
            "The per-segment table could not be sized (its probe formula gave no result): check Data, "
            "Segment by and "
            "Options.");
  EXPECT_FALSE(hasCell(s, 5, 8));

  EXPECT_THROW(review(reg, {1, 2}, kToday, 0, "R"), std::invalid_argument);
  EXPECT_EQ(userError([&] { review({}, {}, kToday, 0, "R"); }).substr(0, 51),
            "The \"Objectives\" register has no objectives yet: ad");
  auto bad = reg;
  bad[0].target = std::monostate{};
  EXPECT_EQ(
      userError([&] {
        review(bad, {4, 3, 2, 0}, kToday, 0, "R");
      }),
      "Objectives row 2 (ID Q-1): Target is empty. Give the value to reach, e.g. 95% or 0.95 for a ratio.");
  bad = reg;
  bad[0].target = std::string("95%");
  EXPECT_NO_THROW(review(bad, {4, 3, 2, 0}, kToday, 0, "R"));
  bad[0].direction = "up";
  EXPECT_EQ(userError([&] {
              review(bad, {4, 3, 2, 0}, kToday, 0, "R");
            }),
            "Objectives row 2 (ID Q-1): Direction \"up\" must be higher or lower (or empty for higher).");
  bad = reg;
  bad[0].amber = 0.97;
  EXPECT_EQ(
      userError([&] {
        review(bad, {4, 3, 2, 0}, kToday, 0, "R");
      }),
      "Objectives row 2 (ID Q-1): Amber must lie on the worse side of Target (below it, as Direction is "
      "higher).");
  bad = reg;
  bad[0].due = std::string("soon");
  EXPECT_NE(userError([&] {
              review(bad, {4, 3, 2, 0}, kToday, 0, "R");
            }).find("Due \"soon\" is not a date"),
            std::string::npos);
  bad = reg;
  bad[2].kpi = "TAT";
  EXPECT_NE(userError([&] {
              review(bad, {4, 3, 2, 0}, kToday, 0, "R");
            }).find("row 4 (ID Q-3): unknown KPI"),
            std::string::npos);
}
