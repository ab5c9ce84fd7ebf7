// actualFormula / statusFormula / segmentTableProbes: the formula text built
// from a register row (KPI, Data, Segment by, Options), every KPI, the
// Options syntax and its errors.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "objectives/objectives.h"
#include "objectives_test_util.h"

using namespace qkpi::objectives;
using qkpi::objectives::test::userError;

namespace {

// A register row in the standard column order, sheet row 4 (0-based 3).
Objective row(const std::string& kpi, const std::string& data, const std::string& segmentBy = "",
              const std::string& options = "") {
  Objective o;
  o.row = 3;
  for (int f = 0; f < kFieldCount; ++f) o.col[f] = f;
  o.id = "Q-02";
  o.objective = "Deliver on time";
  o.kpi = kpi;
  o.data = data;
  o.segmentBy = segmentBy;
  o.options = options;
  o.target = 0.95;
  return o;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

std::string formulaOf(const std::string& kpi, const std::string& data, const std::string& options) {
  return actualFormula(row(kpi, data, "", options));
}

}  // namespace

TEST(ObjectivesFormula, OtifWithPeriodAndTolerances) {
  EXPECT_EQ(formulaOf("OTIF", "$Deliveries.D2:G20001",
                      "From=2026-01-01; To=TODAY(); LateDays=2; QtyTolerance=0.02"),
            "=OTIF($Deliveries.D2:G20001;;;\"2026-01-01\";TODAY();;2;0.02)");
}

TEST(ObjectivesFormula, OptionsFollowTheFunctionsArgumentOrderWhateverTheirOrderInTheCell) {
  EXPECT_EQ(formulaOf("OTIF", "$Erp.A2:H20001", "Columns={6,8,5,7}; EarlyDays=0"),
            "=OTIF($Erp.A2:H20001;;;;TODAY();0;;;{6;8;5;7})");
  EXPECT_EQ(formulaOf("OTIF", "$Erp.A2:H20001", "columns = {6;8;5;7}\nlatedays=1"),
            "=OTIF($Erp.A2:H20001;;;;TODAY();;1;;{6;8;5;7})");
}

TEST(ObjectivesFormula, NoOptionsGivesTheBareCall) {
  EXPECT_EQ(formulaOf("OTIF", "$Deliveries.D2:G20001", ""), "=OTIF($Deliveries.D2:G20001;;;;TODAY())");
  EXPECT_EQ(formulaOf("otif", "$Deliveries.D2:G20001", " ;; "), "=OTIF($Deliveries.D2:G20001;;;;TODAY())");
}

TEST(ObjectivesFormula, OntimeAndInfull) {
  EXPECT_EQ(formulaOf("ONTIME", "$Deliveries.D2:G20001", "LateDays=1; EarlyDays=3"),
            "=ONTIME($Deliveries.D2:G20001;;;;TODAY();3;1)");
  EXPECT_EQ(formulaOf("INFULL", "$Deliveries.D2:G20001", "QtyTolerance=5%"),
            "=INFULL($Deliveries.D2:G20001;;;;TODAY();0.05)");
  EXPECT_EQ(formulaOf("INFULL", "$Deliveries.F2:G20001", "Columns=1,2"),
            "=INFULL($Deliveries.F2:G20001;;;;;;{1;2})");
}

TEST(ObjectivesFormula, RftWithDateFormsAndRftJobs) {
  EXPECT_EQ(formulaOf("RFT", "$Quality.C2:E827", "From=DATE(2026,1,1); To=\"2026-6-30\""),
            "=RFT($Quality.C2:E827;;;DATE(2026;1;1);\"2026-06-30\")");
  EXPECT_EQ(formulaOf("RFT", "$Quality.C2:E827", "From=TODAY()-90"), "=RFT($Quality.C2:E827;;;TODAY()-90)");
  EXPECT_EQ(formulaOf("RFTJOBS", "$Jobs.A2:D100", "Columns={3;1}"), "=RFTJOBS($Jobs.A2:D100;;;;;{3;1})");
}

TEST(ObjectivesFormula, RtyHasNoOptions) {
  EXPECT_EQ(formulaOf("RTY", "$Steps.B2:B5", ""), "=RTY($Steps.B2:B5)");
  EXPECT_EQ(userError([] { formulaOf("RTY", "$Steps.B2:B5", "From=2026-01-01"); }),
            "Objectives row 4 (ID Q-02): unknown option \"From\" for RTY. Valid options: none.");
  EXPECT_TRUE(contains(userError([] { actualFormula(row("RTY", "$Steps.B2:B5", "$Steps.A2:A5")); }),
                       "RTY has no segments; leave Segment by empty."));
}

TEST(ObjectivesFormula, ReturnsValueWithColumns) {
  EXPECT_EQ(formulaOf("RETURNS", "$Returns.C2:E735", "Columns={1;3}; From=TODAY()-365"),
            "=RETURNS($Returns.C2:E735;;;TODAY()-365;;{1;3})");
}

TEST(ObjectivesFormula, ReturnsWithBaselineIsAProRataReduction) {
  Objective o = row("RETURNS", "$Returns.C2:E735", "$Returns.A2:A735", "Columns={1;3}");
  o.baseline = 263902.0;
  o.start = 46023.0;
  o.due = 46387.0;
  EXPECT_EQ(
      actualFormula(o),
      "=REDUCTION(J4*(MIN(TODAY();L4)-K4+1)/(L4-K4+1);RETURNS($Returns.C2:E735;;;K4;MIN(TODAY();L4);{1;3}))");
  // ISO text dates in Start/Due are fine too.
  o.start = std::string("2026-01-01");
  o.due = std::string("2026-12-31");
  EXPECT_EQ(actualFormula(o).substr(0, 11), "=REDUCTION(");
}

TEST(ObjectivesFormula, ReturnsWithBaselineErrors) {
  Objective o = row("RETURNS", "$Returns.C2:E735", "", "Columns={1;3}");
  o.baseline = 1000.0;
  EXPECT_TRUE(contains(userError([&] { actualFormula(o); }), "needs Start and Due"));
  o.start = 46023.0;
  o.due = 46387.0;
  o.options = "Columns={1;3}; From=2026-01-01";
  EXPECT_TRUE(contains(userError([&] { actualFormula(o); }), "remove the option From"));
  o.options = "Columns={1;3}";
  o.baseline = std::string("last year");
  EXPECT_EQ(
      userError([&] { actualFormula(o); }),
      "Objectives row 4 (ID Q-02): Baseline \"last year\" must be a returns value greater than 0 (e.g. last "
      "year's total), or empty.");
  o.baseline = -5.0;
  EXPECT_TRUE(contains(userError([&] { actualFormula(o); }), "greater than 0"));
}

TEST(ObjectivesFormula, TurnaroundAndTurnaroundDays) {
  EXPECT_EQ(formulaOf("TURNAROUND", "$Returns.C2:D735",
                      "From=2026-01-01; Days=20; Holidays=Holidays; AsOf=TODAY()"),
            "=TURNAROUND($Returns.C2:D735;;;\"2026-01-01\";;20;;Holidays;TODAY())");
  EXPECT_EQ(formulaOf("TURNAROUNDDAYS", "$Returns.C2:D735",
                      "Percentile=90%; Weekend=0000011; Holidays=$Holidays.$A$2:$A$40"),
            "=TURNAROUNDDAYS($Returns.C2:D735;;;;;0.9;\"0000011\";$Holidays.$A$2:$A$40;TODAY())");
  EXPECT_EQ(
      formulaOf("TURNAROUNDDAYS", "$Returns.C2:D735", "Weekend=11; Holidays={\"2026-12-24\",2026-12-25}"),
      "=TURNAROUNDDAYS($Returns.C2:D735;;;;;;11;{\"2026-12-24\";\"2026-12-25\"};TODAY())");
}

TEST(ObjectivesFormula, SingleCellReferencesAreWrappedBecauseTheyMayBeEmpty) {
  EXPECT_EQ(formulaOf("OTIF", "$Deliveries.D2:G20001", "From=$Settings.B2; LateDays=$Settings.B3"),
            "=OTIF($Deliveries.D2:G20001;;;IF(ISBLANK($Settings.B2);\"\";$Settings.B2);TODAY();;IF(ISBLANK($"
            "Settings.B3);\"\";"
            "$Settings.B3))");
}

TEST(ObjectivesFormula, DataIsNormalised) {
  EXPECT_EQ(formulaOf("OTIF", "Deliveries!d2:g20001", ""), "=OTIF($Deliveries.D2:G20001;;;;TODAY())");
  EXPECT_EQ(formulaOf("OTIF", "Order lines.A2:D9", ""), "=OTIF($'Order lines'.A2:D9;;;;TODAY())");
  EXPECT_EQ(formulaOf("OTIF", "$'Bob''s lines'.A2:D9", ""), "=OTIF($'Bob''s lines'.A2:D9;;;;TODAY())");
  EXPECT_EQ(formulaOf("OTIF", "DeliveryTable", ""), "=OTIF(DeliveryTable;;;;TODAY())");
}

TEST(ObjectivesFormula, KpiErrors) {
  EXPECT_EQ(userError([] { formulaOf("OTIFF", "$D.A1:D9", ""); }),
            "Objectives row 4 (ID Q-02): unknown KPI \"OTIFF\". Choose one of OTIF, ONTIME, INFULL, "
            "OTIFQTY, OTIFORDERS, RFT, RFTJOBS, RTY, "
            "RETURNS, TURNAROUND, TURNAROUNDDAYS.");
  EXPECT_TRUE(contains(userError([] { formulaOf("OTIFBY", "$D.A1:D9", ""); }),
                       "Use OTIF with a Segment by column: the review adds the per-segment table."));
  EXPECT_TRUE(
      contains(userError([] { formulaOf("REDUCTION", "$D.A1:D9", ""); }), "use RETURNS with a Baseline"));
  EXPECT_TRUE(contains(userError([] { formulaOf("", "$D.A1:D9", ""); }), "KPI is empty"));
  // SEGMENTS and KPISTATUS are functions, but no objective's KPI.
  EXPECT_TRUE(contains(userError([] { formulaOf("KPISTATUS", "$D.A1:D9", ""); }), "unknown KPI"));
}

TEST(ObjectivesFormula, DataAndSegmentByErrors) {
  EXPECT_EQ(userError([] { formulaOf("OTIF", "", ""); }),
            "Objectives row 4 (ID Q-02): Data is empty. Give the OTIF table as a range with its sheet, e.g. "
            "$Deliveries.D2:G20001.");
  EXPECT_TRUE(contains(userError([] { formulaOf("OTIF", "D2:G20001", ""); }), "is not a range"));
  EXPECT_TRUE(contains(userError([] { formulaOf("OTIF", "=OTIF(A1)", ""); }), "is not a range"));
  EXPECT_TRUE(contains(userError([] { actualFormula(row("OTIF", "$D.D2:G9", "$D.A2:B9")); }),
                       "Segment by \"$D.A2:B9\" must be one column"));
}

TEST(ObjectivesFormula, UnknownOptionNamesTheRowAndTheValidNames) {
  EXPECT_EQ(
      userError([] { formulaOf("OTIF", "$D.D2:G9", "Late=2"); }),
      "Objectives row 4 (ID Q-02): unknown option \"Late\" for OTIF. Valid options: From, To, EarlyDays, "
      "LateDays, QtyTolerance, Columns, Orders.");
  // Orders: a column reference only; OTIFORDERS requires it.
  EXPECT_EQ(formulaOf("OTIF", "$D.D2:G9", "Orders=$D.B2:B9"), "=OTIF($D.D2:G9;;;;TODAY())");
  EXPECT_EQ(formulaOf("OTIFORDERS", "$D.D2:G9", "Orders=$D.B2:B9"),
            "=OTIFORDERS($D.D2:G9;$D.B2:B9;;;;TODAY())");
  EXPECT_TRUE(
      contains(userError([] { formulaOf("OTIFORDERS", "$D.D2:G9", ""); }), "needs the option Orders="));
  EXPECT_TRUE(
      contains(userError([] { formulaOf("OTIF", "$D.D2:G9", "Orders=5"); }), "Orders=5 is not valid"));
  EXPECT_TRUE(contains(userError([] { formulaOf("OTIF", "$D.D2:G9", "Orders=$D.A2:B9"); }), "is not valid"));
  EXPECT_TRUE(contains(userError([] { formulaOf("OTIF", "$D.D2:G9", "Segment=ACME"); }),
                       "Segments go in the Segment by column"));
  EXPECT_TRUE(contains(userError([] { formulaOf("OTIF", "$D.D2:G9", "LateDays=2; latedays=3"); }),
                       "option LateDays is given twice"));
  EXPECT_TRUE(contains(userError([] { formulaOf("OTIF", "$D.D2:G9", "LateDays 2"); }), "has no '='"));
  EXPECT_TRUE(contains(userError([] { formulaOf("OTIF", "$D.D2:G9", "Columns=6;8;5;7"); }), "has no '='"));
  EXPECT_TRUE(contains(userError([] { formulaOf("OTIF", "$D.D2:G9", "LateDays="); }),
                       "option LateDays has no value"));
}

TEST(ObjectivesFormula, BadOptionValues) {
  EXPECT_EQ(
      userError([] { formulaOf("OTIF", "$D.D2:G9", "LateDays=abc"); }),
      "Objectives row 4 (ID Q-02): option LateDays=abc is not valid. Expected a number of days of 0 or more, "
      "e.g. 2.");
  for (const char* bad :
       {"LateDays=-1", "QtyTolerance=2", "QtyTolerance=150%", "From=46000", "From=2026-02-30",
        "From=DATE(2026;13;1)", "To=yesterday", "Columns={0;1}", "Columns={1.5;2}", "EarlyDays=$D.A1:A5"})
    EXPECT_TRUE(contains(userError([&] { formulaOf("OTIF", "$D.D2:G9", bad); }), "is not valid")) << bad;
  for (const char* bad : {"Percentile=0", "Percentile=1.5", "Weekend=8", "Weekend=\"0000012\"",
                          "Holidays=2026", "Holidays={\"Christmas\"}", "Days=-3"})
    EXPECT_TRUE(contains(userError([&] { formulaOf("TURNAROUNDDAYS", "$R.C2:D9", bad); }), "is not valid") ||
                contains(userError([&] { formulaOf("TURNAROUND", "$R.C2:D9", bad); }), "is not valid"))
        << bad;
}

TEST(ObjectivesFormula, StatusFormulaWrapsTheOptionalCells) {
  EXPECT_EQ(statusFormula(row("OTIF", "$D.D2:G9")),
            "=KPISTATUS(IFNA(Q4;\"\");G4;IF(ISBLANK(H4);\"\";H4);IF(ISBLANK(I4);\"\";I4))");
}

TEST(ObjectivesFormula, CellReferencesFollowTheRegistersColumnOrder) {
  Objective o = row("OTIF", "$D.D2:G9");
  o.row = 9;
  o.col[static_cast<int>(Field::Actual)] = 0;
  o.col[static_cast<int>(Field::Target)] = 25;
  EXPECT_EQ(o.cell(Field::Actual), "A10");
  EXPECT_EQ(o.cell(Field::Target), "Z10");
  EXPECT_EQ(o.absCell(Field::Target), "$Objectives.$Z$10");
  EXPECT_EQ(statusFormula(o),
            "=KPISTATUS(IFNA(A10;\"\");Z10;IF(ISBLANK(H10);\"\";H10);IF(ISBLANK(I10);\"\";I10))");
}

TEST(ObjectivesFormula, RegisterFormulasWriteActualAndStatus) {
  Objective o = row("OTIF", "$D.D2:G9", "", "LateDays=2");
  auto spec = registerFormulas({o});
  EXPECT_EQ(spec.name, "Objectives");
  ASSERT_EQ(spec.cells.size(), 2u);
  EXPECT_EQ(spec.cells[0].pos, (qkpi::sheet::Pos{3, 16}));
  EXPECT_EQ(spec.cells[0].kind, qkpi::sheet::Cell::Kind::Formula);
  EXPECT_EQ(spec.cells[0].text, "=OTIF($D.D2:G9;;;;TODAY();;2)");
  EXPECT_EQ(spec.cells[0].style, "qkpi Percent");
  EXPECT_EQ(spec.cells[1].pos, (qkpi::sheet::Pos{3, 17}));
  EXPECT_EQ(spec.cells[1].text, statusFormula(o));
  Objective bad = row("NOPE", "$D.D2:G9");
  EXPECT_TRUE(contains(userError([&] { registerFormulas({o, bad}); }), "unknown KPI \"NOPE\""));
}

TEST(ObjectivesFormula, ProbesUseTheByFunctionOrSegments) {
  std::vector<Objective> objs = {
      row("OTIF", "$Deliveries.D2:G20001", "$Deliveries.A2:A20001", "From=2026-01-01; LateDays=2"),
      row("RFT", "$Quality.C2:E827"),
      row("RETURNS", "$Returns.C2:E735", "$Returns.A2:A735", "Columns={1;3}"),
      row("ONTIME", "$Deliveries.D2:G20001", "$Deliveries.A2:A20001"),
      row("TURNAROUND", "$Returns.C2:D735", "$Returns.A2:A735", "Holidays=Holidays"),
  };
  auto probes = segmentTableProbes(objs);
  ASSERT_EQ(probes.size(), 5u);
  EXPECT_EQ(probes[0], "=ROWS(OTIFBY($Deliveries.D2:G20001;$Deliveries.A2:A20001))");
  EXPECT_EQ(probes[1], "");
  EXPECT_EQ(probes[2], "=ROWS(RETURNSBY($Returns.C2:E735;$Returns.A2:A735;;;{1;3}))");
  EXPECT_EQ(probes[3], "=ROWS(SEGMENTS($Deliveries.A2:A20001))");
  EXPECT_EQ(probes[4], "=ROWS(TURNAROUNDBY($Returns.C2:D735;$Returns.A2:A735))");
}

// Option values are checked by the functions' own validators (kpi/arg_kinds.h):
// what the register accepts, the function accepts, and the other way round.
TEST(ObjectivesFormula, OptionValuesAreCheckedByTheFunctionsValidators) {
  EXPECT_EQ(formulaOf("TURNAROUND", "$R.C2:D9", "Weekend=0000011"),
            "=TURNAROUND($R.C2:D9;;;;;;\"0000011\";;TODAY())");
  EXPECT_EQ(formulaOf("TURNAROUND", "$R.C2:D9", "Weekend=\"0000001\""),
            "=TURNAROUND($R.C2:D9;;;;;;\"0000001\";;TODAY())");
  EXPECT_EQ(formulaOf("TURNAROUND", "$R.C2:D9", "Weekend=2"), "=TURNAROUND($R.C2:D9;;;;;;2;;TODAY())");
  EXPECT_EQ(formulaOf("TURNAROUND", "$R.C2:D9", "Days=0"), "=TURNAROUND($R.C2:D9;;;;;0;;;TODAY())");
  EXPECT_EQ(formulaOf("OTIF", "$D.A2:H9", "Columns=6,8,5,7"), "=OTIF($D.A2:H9;;;;TODAY();;;;{6;8;5;7})");
  EXPECT_EQ(formulaOf("RETURNS", "$R.A2:C9", "Columns=3"), "=RETURNS($R.A2:C9;;;;;3)");
  EXPECT_EQ(formulaOf("OTIF", "$D.D2:G9", "QtyTolerance=100%"), "=OTIF($D.D2:G9;;;;TODAY();;;1)");
  EXPECT_EQ(formulaOf("TURNAROUNDDAYS", "$R.C2:D9", "Percentile=1"),
            "=TURNAROUNDDAYS($R.C2:D9;;;;;1;;;TODAY())");
  EXPECT_EQ(formulaOf("TURNAROUND", "$R.C2:D9", "Holidays={46000;\"2026-1-6\"}"),
            "=TURNAROUND($R.C2:D9;;;;;;;{46000;\"2026-1-6\"};TODAY())");
  // Rejected as the functions reject them (Err:502), with the register's message.
  EXPECT_EQ(
      userError([] { formulaOf("TURNAROUND", "$R.C2:D9", "Weekend=1111111"); }),
      "Objectives row 4 (ID Q-02): option Weekend=1111111 is not valid. Expected a 7-character mask such "
      "as \"0000011\" (Monday first, 1 = day off) or a weekend number 1-7 or 11-17.");
  for (const char* bad : {"Columns={1;1}", "Columns=0", "QtyTolerance=-0.1", "EarlyDays=\"2\"",
                          "LateDays=\"\"", "From=\"2026-13-01\""})
    EXPECT_TRUE(contains(userError([&] { formulaOf("OTIF", "$D.D2:G9", bad); }), "is not valid")) << bad;
  for (const char* bad :
       {"Weekend=1.5", "Weekend=\"2\"", "Holidays={\"2026-02-30\"}", "Holidays={50%}", "Percentile=\"0.9\""})
    EXPECT_TRUE(contains(userError([&] { formulaOf("TURNAROUNDDAYS", "$R.C2:D9", bad); }), "is not valid"))
        << bad;
}
