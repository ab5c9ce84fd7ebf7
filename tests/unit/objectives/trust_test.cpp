// A review a management meeting can trust: the trend's months (complete
// months plus the month to date), the as-of defaults of the register's KPI
// calls, and the comparison of a register's Actual formula with its Options.
#include <gtest/gtest.h>

#include <string>

#include "kpi/dates.h"
#include "objectives/internal.h"
#include "objectives/objectives.h"

using namespace qkpi::objectives;
using qkpi::dates::daysSince18991230;
using qkpi::objectives::detail::TrendMonth;
using qkpi::objectives::detail::trendMonths;
using qkpi::sheet::SheetSpec;

namespace {

long d(int y, int m, int day) {
  return daysSince18991230(y, m, day);
}

Objective row(const std::string& kpi, const std::string& data, const std::string& options) {
  Objective o;
  o.row = 3;
  for (int f = 0; f < kFieldCount; ++f) o.col[f] = f;
  o.id = "Q-05";
  o.kpi = kpi;
  o.data = data;
  o.options = options;
  return o;
}

}  // namespace

// ---- month arithmetic of the trend --------------------------------------------------------

TEST(TrustTrendMonths, ReviewOnTheFifteenthHasTwelveCompleteMonthsAndTheMonthToDate) {
  auto m = trendMonths(d(2026, 12, 15), 0);
  ASSERT_EQ(m.size(), 13u);
  EXPECT_EQ(m[0].label, "Dec 2025");
  EXPECT_EQ(m[0].from, d(2025, 12, 1));
  EXPECT_EQ(m[0].to, d(2025, 12, 31));
  EXPECT_TRUE(m[0].complete);
  EXPECT_EQ(m[2].label, "Feb 2026");
  EXPECT_EQ(m[2].to, d(2026, 2, 28));
  EXPECT_EQ(m[11].label, "Nov 2026");
  EXPECT_EQ(m[11].from, d(2026, 11, 1));
  EXPECT_EQ(m[11].to, d(2026, 11, 30));
  EXPECT_TRUE(m[11].complete);
  EXPECT_EQ(m[12].label, "Dec 2026 (to date)");
  EXPECT_EQ(m[12].from, d(2026, 12, 1));
  EXPECT_EQ(m[12].to, d(2026, 12, 15));
  EXPECT_FALSE(m[12].complete);
  for (std::size_t k = 1; k < m.size(); ++k)
    EXPECT_EQ(m[k].from, m[k - 1].to + 1) << k;  // no gap, no overlap
}

TEST(TrustTrendMonths, ReviewOnTheFirstHasNoMonthToDate) {
  auto m = trendMonths(d(2026, 12, 1), 0);
  ASSERT_EQ(m.size(), 12u);
  EXPECT_EQ(m.front().label, "Dec 2025");  // December of last year is the twelfth complete month
  EXPECT_EQ(m.back().label, "Nov 2026");
  EXPECT_EQ(m.back().to, d(2026, 11, 30));
  for (const TrendMonth& x : m) EXPECT_TRUE(x.complete);
}

TEST(TrustTrendMonths, ReviewOnTheLastDayOfAMonth) {
  // The 31st: the month itself is still "to date" (its data may grow during the day) but runs to its end.
  auto m = trendMonths(d(2026, 10, 31), 0);
  ASSERT_EQ(m.size(), 13u);
  EXPECT_EQ(m.front().label, "Oct 2025");
  EXPECT_EQ(m[11].label, "Sep 2026");
  EXPECT_EQ(m[11].to, d(2026, 9, 30));
  EXPECT_EQ(m[12].label, "Oct 2026 (to date)");
  EXPECT_EQ(m[12].to, d(2026, 10, 31));
  EXPECT_FALSE(m[12].complete);
}

TEST(TrustTrendMonths, ReviewInJanuaryReachesIntoTheYearBefore) {
  auto m = trendMonths(d(2027, 1, 10), 0);
  ASSERT_EQ(m.size(), 13u);
  EXPECT_EQ(m.front().label, "Jan 2026");
  EXPECT_EQ(m.front().from, d(2026, 1, 1));
  EXPECT_EQ(m[11].label, "Dec 2026");
  EXPECT_EQ(m[11].to, d(2026, 12, 31));
  EXPECT_EQ(m[12].label, "Jan 2027 (to date)");
}

TEST(TrustTrendMonths, ReviewOnTheTwentyNinthOfFebruary) {
  auto m = trendMonths(d(2028, 2, 29), 0);
  ASSERT_EQ(m.size(), 13u);
  EXPECT_EQ(m.front().label, "Feb 2027");
  EXPECT_EQ(m.front().to, d(2027, 2, 28));  // 2027 is no leap year
  EXPECT_EQ(m[11].label, "Jan 2028");
  EXPECT_EQ(m[12].label, "Feb 2028 (to date)");
  EXPECT_EQ(m[12].to, d(2028, 2, 29));
  // On 1 March the leap February is the last complete month.
  auto mar = trendMonths(d(2028, 3, 1), 0);
  ASSERT_EQ(mar.size(), 12u);
  EXPECT_EQ(mar.back().label, "Feb 2028");
  EXPECT_EQ(mar.back().to, d(2028, 2, 29));
}

TEST(TrustTrendMonths, The1904NullDate) {
  auto m = trendMonths(d(2026, 12, 15) - 1462, 1462);
  ASSERT_EQ(m.size(), 13u);
  EXPECT_EQ(m.front().from, d(2025, 12, 1) - 1462);
  EXPECT_EQ(m.back().label, "Dec 2026 (to date)");
}

// ---- as of the review date -----------------------------------------------------------------

TEST(TrustAsOf, DeliveryKpisWithoutToAreMeasuredToToday) {
  EXPECT_EQ(actualFormula(row("ONTIME", "$Deliveries.D2:G20001", "From=2026-01-01")),
            "=ONTIME($Deliveries.D2:G20001;;;\"2026-01-01\";TODAY())");
  EXPECT_EQ(actualFormula(row("OTIF", "$Deliveries.D2:G20001", "LateDays=2")),
            "=OTIF($Deliveries.D2:G20001;;;;TODAY();;2)");
  EXPECT_EQ(actualFormula(row("INFULL", "$Deliveries.D2:G20001", "")),
            "=INFULL($Deliveries.D2:G20001;;;;TODAY())");
}

TEST(TrustAsOf, TurnaroundKpisWithoutAsOfAreMeasuredAsOfToday) {
  EXPECT_EQ(actualFormula(row("TURNAROUND", "$Returns.C2:D735", "Days=10")),
            "=TURNAROUND($Returns.C2:D735;;;;;10;;;TODAY())");
  EXPECT_EQ(actualFormula(row("TURNAROUNDDAYS", "$Returns.C2:D735", "Columns={1;2}")),
            "=TURNAROUNDDAYS($Returns.C2:D735;;;;;;;;TODAY();{1;2})");
}

TEST(TrustAsOf, OptionsThatSetToOrAsOfWin) {
  EXPECT_EQ(actualFormula(row("OTIF", "$D.D2:G9", "To=2026-06-30")), "=OTIF($D.D2:G9;;;;\"2026-06-30\")");
  EXPECT_EQ(actualFormula(row("TURNAROUND", "$R.C2:D9", "AsOf=2026-06-30")),
            "=TURNAROUND($R.C2:D9;;;;;;;;\"2026-06-30\")");
  // A TURNAROUND's To is the period, not the as-of date: AsOf is still added.
  EXPECT_EQ(actualFormula(row("TURNAROUND", "$R.C2:D9", "To=2026-06-30")),
            "=TURNAROUND($R.C2:D9;;;;\"2026-06-30\";;;;TODAY())");
}

TEST(TrustAsOf, NoDefaultWhereItDoesNotApply) {
  // INFULL on OrderedQty, DeliveredQty only has no dates (To would be an error).
  EXPECT_EQ(actualFormula(row("INFULL", "$D.F2:G9", "")), "=INFULL($D.F2:G9)");
  EXPECT_EQ(actualFormula(row("INFULL", "$D.A2:H9", "Columns={3;4}")), "=INFULL($D.A2:H9;;;;;;{3;4})");
  // KPIs without an as-of argument.
  EXPECT_EQ(actualFormula(row("RFT", "$Q.C2:E9", "")), "=RFT($Q.C2:E9)");
  EXPECT_EQ(actualFormula(row("RETURNS", "$R.C2:D9", "")), "=RETURNS($R.C2:D9)");
}

TEST(TrustAsOf, TheReviewMeasuresAsOfItsDate) {
  Objective o = row("ONTIME", "$Deliveries.D2:G20001", "From=2026-01-01");
  o.target = 0.95;
  SheetSpec s = review({o}, std::vector<int>{0}, d(2026, 12, 15), 0, "Review 2026-12-15");
  bool found = false;
  for (const auto& c : s.cells)
    if (c.pos == qkpi::sheet::Pos{5, 3}) {
      EXPECT_EQ(c.text, "=ONTIME($Deliveries.D2:G20001;;;\"2026-01-01\";DATE(2026;12;15))");
      found = true;
    }
  EXPECT_TRUE(found);
}

// ---- stale Actuals -------------------------------------------------------------------------

TEST(TrustStale, NormalisationIgnoresSpaceCaseAndTheAddInPrefix) {
  EXPECT_EQ(normalizedFormula("=ORG.QKPI.QUALITYKPI.OTIF($Deliveries.D2:G20001;;;\"2026-01-01\";TODAY())"),
            "OTIF($DELIVERIES.D2:G20001;;;\"2026-01-01\";TODAY())");
  EXPECT_TRUE(sameFormula("=org.qkpi.QualityKpi.otif( $Deliveries.D2:G20001 ; ; ;\"2026-01-01\";today() )",
                          "=OTIF($Deliveries.D2:G20001;;;\"2026-01-01\";TODAY())"));
  // Text literals keep their case and spaces.
  EXPECT_FALSE(
      sameFormula("=TURNAROUND($R.C2:D9;;;;;;\"0000011\")", "=TURNAROUND($R.C2:D9;;;;;;\"0000 011\")"));
  EXPECT_FALSE(sameFormula("=A1&\"a\"", "=A1&\"A\""));
  // A different argument is a difference.
  EXPECT_FALSE(sameFormula("=OTIF($D.D2:G9;;;;TODAY();;2)", "=OTIF($D.D2:G9;;;;TODAY();;3)"));
  // The prefix only as a function name, not inside another name.
  EXPECT_EQ(normalizedFormula("=XORG.QKPI.QUALITYKPI.OTIF(A1)"), "XORG.QKPI.QUALITYKPI.OTIF(A1)");
}

// After a column of the register is moved (cut and paste), Calc gives the
// Actual's ranges back with the sheet repeated at the end:
// $Quality.C2:$Quality.E827. That is the same range, not a stale Actual.
TEST(TrustStale, RangeEndWithTheSheetRepeatedIsTheSameRange) {
  EXPECT_TRUE(sameFormula("=ORG.QKPI.QUALITYKPI.RFT($Quality.C2:$Quality.E827;;;\"2026-01-01\")",
                          "=RFT($Quality.C2:E827;;;\"2026-01-01\")"));
  EXPECT_TRUE(sameFormula("=OTIF(Deliveries.$D$2:Deliveries.$G$20001)", "=OTIF(Deliveries.$D$2:$G$20001)"));
  EXPECT_TRUE(sameFormula("=OTIF($'O''Brien''s data'.D2:$'O''Brien''s data'.G9)",
                          "=OTIF($'O''Brien''s data'.D2:G9)"));
  EXPECT_TRUE(sameFormula("=RETURNS($Returns.C2:$Returns.E706;;;K4;MIN(TODAY();M4);{1;3})",
                          "=RETURNS($Returns.C2:E706;;;K4;MIN(TODAY();M4);{1;3})"));
  // Another sheet at the end is another range (a 3-D reference), kept.
  EXPECT_FALSE(sameFormula("=OTIF($A.D2:$B.G9)", "=OTIF($A.D2:G9)"));
  EXPECT_FALSE(sameFormula("=OTIF($XA.D2:$A.G9)", "=OTIF($XA.D2:G9)"));
  // In a text literal nothing changes.
  EXPECT_FALSE(sameFormula("=T(\"$A.D2:$A.G9\")", "=T(\"$A.D2:G9\")"));
  EXPECT_EQ(normalizedFormula("=A1:B2"), "A1:B2");
  EXPECT_EQ(normalizedFormula("=$S.A1:$S.B2+S.C1:S.C2"), "$S.A1:B2+S.C1:C2");
  // Linear: a long chain of ranges and colons.
  std::string chain;
  for (int i = 0; i < 100000; ++i) chain += "$S.A1:$S.B2:";
  EXPECT_EQ(normalizedFormula(chain).size(), 100000u * 9);
}

TEST(TrustStale, OptionsSpelledDifferentlyAreTheSameActual) {
  Objective o = row("OTIF", "$Deliveries.D2:G20001", "From=2026-01-01; LateDays=2; QtyTolerance=0.02");
  // The formula as LibreOffice's getFormula() gives it back for the Actual written from those Options.
  o.actualRead = "=ORG.QKPI.QUALITYKPI.OTIF($Deliveries.D2:G20001;;;\"2026-01-01\";TODAY();;2;0.02)";
  EXPECT_FALSE(actualDiffers(o));
  o.options = "  qtytolerance = 2%;\nlatedays=2 ;FROM=2026-1-1  ";  // case, spaces, order, 2 %, 2026-1-1
  EXPECT_FALSE(actualDiffers(o));
  EXPECT_EQ(checkText(o), "");
}

TEST(TrustStale, EditedOptionsMakeTheActualDiffer) {
  Objective o = row("ONTIME", "$Deliveries.D2:G20001", "From=2026-01-01; To=TODAY()");
  o.actualRead = "=ORG.QKPI.QUALITYKPI.ONTIME($Deliveries.D2:G20001;;;\"2026-01-01\")";  // written before To
  EXPECT_TRUE(actualDiffers(o));
  EXPECT_EQ(actualDiffersMessage(o),
            "Q-05: Actual differs from its Options; run Update Actuals or edit the Options.");
  EXPECT_EQ(checkText(o), "Actual differs from its Options: run Update Actuals or edit the Options");
  // A hand-typed number, or Options the KPI cannot take, differ too; an empty Actual is not checked.
  o.actualRead = "0.95";
  EXPECT_TRUE(actualDiffers(o));
  o.actualRead = "";
  EXPECT_FALSE(actualDiffers(o));
  o.actualRead = "=ONTIME($Deliveries.D2:G20001)";
  o.options = "Bogus=1";
  EXPECT_TRUE(actualDiffers(o));
}

TEST(TrustStale, CheckCellsOnlyWhereTheRegisterHasACheckColumnAndTheTextChanges) {
  Objective ok = row("OTIF", "$D.D2:G9", "");
  ok.actualRead = "=OTIF($D.D2:G9;;;;TODAY())";
  Objective stale = row("OTIF", "$D.D2:G9", "LateDays=1");
  stale.row = 4;
  stale.actualRead = "=OTIF($D.D2:G9;;;;TODAY())";
  auto cells = checkCells({ok, stale});
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_EQ(cells[0].pos, (qkpi::sheet::Pos{4, 19}));
  EXPECT_EQ(cells[0].text, checkText(stale));
  stale.check = checkText(stale);  // already flagged: nothing to write
  ok.check = "old flag";           // no longer differs: cleared
  cells = checkCells({ok, stale});
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_EQ(cells[0].pos, (qkpi::sheet::Pos{3, 19}));
  EXPECT_EQ(cells[0].text, "");
  stale.col[static_cast<int>(Field::Check)] = -1;  // a register without the column
  stale.check.clear();
  EXPECT_TRUE(checkCells({stale}).empty());
}

TEST(TrustStale, StatusFormulasOfEitherFormAreKept) {
  Objective o = row("OTIF", "$D.D2:G9", "");
  EXPECT_FALSE(statusDiffers(o, statusFormula(o)));
  EXPECT_FALSE(statusDiffers(
      o,
      "=IF(ISBLANK(Q4);\"\";ORG.QKPI.QUALITYKPI.KPISTATUS(IFNA(Q4;\"\");G4;IF(ISBLANK(H4);\"\";H4);IF("
      "ISBLANK(I4);\"\";I4)))"));
  EXPECT_TRUE(statusDiffers(o, ""));
  EXPECT_TRUE(statusDiffers(o, "GREEN"));
}

TEST(TrustStale, TheReviewFlagsTheSummaryRowAndTheActionLogTheFinding) {
  Objective o = row("OTIF", "$D.D2:G9", "LateDays=1");
  o.target = 0.95;
  o.actualRead = "=OTIF($D.D2:G9;;;;TODAY())";
  SheetSpec s = review({o}, std::vector<int>{0}, d(2026, 12, 15), 0, "Review 2026-12-15");
  bool idFlagged = false, note = false;
  for (const auto& c : s.cells) {
    if (c.pos == qkpi::sheet::Pos{5, 0}) idFlagged = c.style == "qkpi Stale" && c.text == "Q-05";
    if (c.pos == qkpi::sheet::Pos{3, 0})
      note = c.text.find("Q-05") != std::string::npos && c.style == "qkpi Warning";
  }
  EXPECT_TRUE(idFlagged);
  EXPECT_TRUE(note);
  o.actualRead = actualFormula(o);
  s = review({o}, std::vector<int>{0}, d(2026, 12, 15), 0, "Review 2026-12-15");
  for (const auto& c : s.cells) {
    if (c.pos == qkpi::sheet::Pos{5, 0}) {
      EXPECT_EQ(c.style, "");
    }
    EXPECT_FALSE(c.pos == (qkpi::sheet::Pos{3, 0}));
  }
}
