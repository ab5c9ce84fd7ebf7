// The Action Log: the new sheet, proposals for AMBER/RED objectives without an
// open action, numbering, due dates, appending without touching existing rows.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>

#include "objectives/objectives.h"
#include "objectives_test_util.h"

using namespace qkpi::objectives;
using qkpi::objectives::test::t;
using qkpi::objectives::test::userError;
using qkpi::sheet::Cell;
using qkpi::sheet::Pos;
using qkpi::sheet::SheetSpec;

namespace {

constexpr long kToday = 46351;  // 2026-11-25

Objective objective(const std::string& id, const std::string& kpi, const std::string& status, double actual,
                    double target) {
  Objective o;
  o.row = 1;
  for (int f = 0; f < kFieldCount; ++f) o.col[f] = f;
  o.id = id;
  o.objective = "Objective " + id;
  o.kpi = kpi;
  o.data = "$Data.A2:D100";
  o.segmentBy = "$Data.E2:E100";
  o.target = target;
  o.actual = actual;
  o.status = status;
  o.responsible = "Owner " + id;
  o.resources = "Resources " + id;
  o.due = static_cast<double>(kToday + 200);
  return o;
}

std::string text(const SheetSpec& s, int row, int col) {
  for (const Cell& c : s.cells)
    if (c.pos == Pos{row, col}) return c.kind == Cell::Kind::Text ? c.text : "<not a text>";
  return "<no cell>";
}
double number(const SheetSpec& s, int row, int col) {
  for (const Cell& c : s.cells)
    if (c.pos == Pos{row, col} && c.kind == Cell::Kind::Number) return c.number;
  return -1;
}
int maxRow(const SheetSpec& s) {
  int m = -1;
  for (const Cell& c : s.cells) m = std::max(m, c.pos.row);
  return m;
}

const Value e{};

}  // namespace

TEST(ObjectivesActionLog, NewSheet) {
  SheetSpec s = actionLog(nullptr, {}, kToday, 0);
  EXPECT_EQ(s.name, "Action Log");
  for (int j = 0; j < 11; ++j) {
    EXPECT_EQ(text(s, 0, j), actionLogHeaders()[j]);
    EXPECT_TRUE(std::any_of(s.comments.begin(), s.comments.end(), [&](const auto& c) {
      return c.pos == Pos{0, j};
    }));
  }
  EXPECT_EQ(maxRow(s), 0);  // nothing proposed
  ASSERT_EQ(s.validations.size(), 1u);
  EXPECT_EQ(s.validations[0].range.first, (Pos{1, 8}));
  EXPECT_EQ(s.validations[0].range.last, (Pos{4999, 8}));
  EXPECT_EQ(s.validations[0].values, (std::vector<std::string>{"Open", "In progress", "Done", "Cancelled"}));
  EXPECT_TRUE(s.validations[0].strict);
  ASSERT_EQ(s.conditionalFormats.size(), 2u);
  EXPECT_EQ(s.conditionalFormats[0].formula,
            "AND(ISNUMBER($H2);$H2<TODAY();$I2<>\"Done\";$I2<>\"Cancelled\")");
  EXPECT_EQ(s.conditionalFormats[0].style, "qkpi Overdue");
  EXPECT_EQ(s.conditionalFormats[0].range.first, (Pos{1, 0}));
  EXPECT_EQ(s.conditionalFormats[0].range.last, (Pos{4999, 10}));
  EXPECT_EQ(s.conditionalFormats[1].formula, "OR($I2=\"Done\";$I2=\"Cancelled\")");
  EXPECT_TRUE(std::any_of(s.rangeStyles.begin(), s.rangeStyles.end(), [](const auto& r) {
    return r.range.first == Pos{1, 7} && r.range.last == Pos{4999, 7} && r.style == "qkpi Date";
  }));
  EXPECT_EQ(s.columns.size(), 11u);
  EXPECT_EQ(s.freezeRows, 1);
  EXPECT_TRUE(s.printLandscape);
  EXPECT_EQ(s.repeatRows, std::vector<int>{0});
  EXPECT_FALSE(s.printRange.has_value());  // the log grows: Calc prints its used area
  auto overdue = std::find_if(s.styles.begin(), s.styles.end(),
                              [](const auto& st) { return st.name == "qkpi Overdue"; });
  ASSERT_NE(overdue, s.styles.end());
  EXPECT_EQ(overdue->background, 0xFFC7CE);
}

TEST(ObjectivesActionLog, ProposesForAmberAndRedOnly) {
  std::vector<Objective> objs = {
      objective("Q-01", "OTIF", "AMBER", 0.934, 0.95),
      objective("Q-02", "RFT", " red ", 0.99752, 0.998),
      objective("Q-03", "TURNAROUND", "GREEN", 0.95, 0.9),
      objective("Q-04", "OTIF", "GREY", 0, 0.95),
      objective("Q-05", "OTIF", "", 0, 0.95),
  };
  objs[1].segmentBy = "";
  objs[1].due = static_cast<double>(kToday + 10);  // sooner than 30 days
  SheetSpec s = actionLog(nullptr, objs, kToday, 0);
  EXPECT_EQ(maxRow(s), 2);
  EXPECT_EQ(text(s, 1, 0), "A-001");
  EXPECT_EQ(text(s, 1, 1), "Q-01");
  EXPECT_EQ(text(s, 1, 2),
            "OTIF is 93.4% against a target of 95.0% (AMBER) on 2026-11-25. See the review for the worst "
            "segments.");
  EXPECT_EQ(
      text(s, 1, 3),
      "Analyse the late and short order lines by customer and cause (Pareto); agree corrective actions with "
      "planning, production and logistics; check the effect on the KPI at the next review.");
  EXPECT_EQ(text(s, 1, 4), "Owner Q-01");
  EXPECT_EQ(text(s, 1, 5), "Resources Q-01");
  EXPECT_EQ(number(s, 1, 6), kToday);
  EXPECT_EQ(number(s, 1, 7), kToday + 30);
  EXPECT_EQ(text(s, 1, 8), "Open");
  EXPECT_EQ(text(s, 1, 9), "<no cell>");
  EXPECT_EQ(text(s, 1, 10), "<no cell>");
  EXPECT_EQ(text(s, 2, 0), "A-002");
  EXPECT_EQ(text(s, 2, 1), "Q-02");
  // 99.8 % targets need two decimals to tell 99.75 % from 99.80 %.
  EXPECT_EQ(text(s, 2, 2), "RFT is 99.75% against a target of 99.80% (RED) on 2026-11-25.");
  EXPECT_EQ(number(s, 2, 7), kToday + 10);  // the objective's Due is sooner
  for (const Cell& c : s.cells)
    if (c.pos.row > 0 && (c.pos.col == 6 || c.pos.col == 7)) {
      EXPECT_EQ(c.style, "qkpi Date");
    }
}

TEST(ObjectivesActionLog, FindingsPerKindOfKpi) {
  Objective red = objective("Q-3", "RETURNS", "RED", 0.312, 0.5);
  red.baseline = 10000.0;
  red.start = 46023.0;
  red.options = "Columns={1;3}";
  Objective value = objective("Q-4", "RETURNS", "RED", 45210, 30000);
  value.direction = "lower";
  value.segmentBy = "";
  Objective days = objective("Q-5", "TURNAROUNDDAYS", "AMBER", 24, 20);
  days.segmentBy = "";
  Objective broken = objective("Q-6", "NOPE", "RED", 3, 2);  // a stale status: still proposed, plain wording
  broken.segmentBy = "";
  SheetSpec s = actionLog(nullptr, {red, value, days, broken}, kToday, 0);
  EXPECT_EQ(text(s, 1, 2),
            "Returns value reduced by 31.2% against the baseline (pro rata), target 50.0% reduction (RED) on "
            "2026-11-25. See the review for the worst segments.");
  EXPECT_EQ(text(s, 2, 2), "Returns value is 45,210 against a target of 30,000 (RED) on 2026-11-25.");
  EXPECT_EQ(text(s, 3, 2),
            "Turnaround days is 24 working days against a target of 20 working days (AMBER) on "
            "2026-11-25.");
  EXPECT_EQ(text(s, 4, 2), "NOPE is 3 against a target of 2 (RED) on 2026-11-25.");
  EXPECT_EQ(text(s, 1, 3).substr(0, 35), "Pareto of the returns value by site");
  red.actual = -0.125;  // more returns than last year
  red.segmentBy = "";
  EXPECT_EQ(
      text(actionLog(nullptr, {red}, kToday, 0), 1, 2),
      "Returns value increased by 12.5% against the baseline (pro rata), target 50.0% reduction (RED) on "
      "2026-11-25.");
}

TEST(ObjectivesActionLog, DueDateIsTheSoonerButNotInThePast) {
  Objective late = objective("Q-1", "OTIF", "RED", 0.8, 0.95);
  late.due = static_cast<double>(kToday - 40);  // the objective is already overdue
  Objective iso = objective("Q-2", "OTIF", "RED", 0.8, 0.95);
  iso.due = std::string("2026-12-01");
  Objective none = objective("Q-3", "OTIF", "RED", 0.8, 0.95);
  none.due = std::monostate{};
  SheetSpec s = actionLog(nullptr, {late, iso, none}, kToday, 0);
  EXPECT_EQ(number(s, 1, 7), kToday);
  EXPECT_EQ(number(s, 2, 7), kToday + 6);
  EXPECT_EQ(number(s, 3, 7), kToday + 30);
}

TEST(ObjectivesActionLog, ExistingLogIsOnlyExtended) {
  Table log = {
      {t("Action ID"), t("Objective"), t("Finding"), t("Action"), t("Owner"), t("Resources"), t("Start"),
       t("Due"), t("Status"), t("Completed"), t("Effectiveness")},
      {t("A-001"), t("Q-01"), t("x"), t("y"), t("Tom"), e, 46300.0, 46330.0, t("Open"), e, e},
      {t("A-002"), t("Q-02"), t("x"), t("y"), t("Ann"), e, 46300.0, 46330.0, t("Done"), 46320.0, t("ok")},
      {t("a-007"), t("q-03"), t("x"), t("y"), t("Ann"), e, 46300.0, 46330.0, t("Cancelled"), e, e},
      {t("A-003"), t("Q-04"), t("x"), t("y"), t("Ann"), e, 46300.0, 46330.0, t(" in progress "), e, e},
      {t("Note"), e, e, e, e, e, e, e, e, e, e},
      {e, e, e, e, e, e, e, e, e, e, e},  // an empty row inside the used area
  };
  std::vector<Objective> objs = {
      objective("Q-01", "OTIF", "RED", 0.8, 0.95),     // has an Open action: none
      objective("Q-02", "OTIF", "RED", 0.8, 0.95),     // only a Done action: proposed
      objective("Q-03", "OTIF", "AMBER", 0.93, 0.95),  // only a Cancelled action: proposed
      objective("Q-04", "OTIF", "RED", 0.8, 0.95),     // In progress counts as open: none
      objective("Q-05", "OTIF", "RED", 0.8, 0.95),     // no action yet: proposed
      objective("Q-05", "OTIF", "RED", 0.8, 0.95),     // the same ID twice: one proposal
  };
  SheetSpec s = actionLog(&log, objs, kToday, 0);
  EXPECT_EQ(s.name, "Action Log");
  // Only cells of new rows, appended after the last non-empty row (row 5).
  for (const Cell& c : s.cells) EXPECT_GE(c.pos.row, 6);
  EXPECT_EQ(maxRow(s), 8);
  EXPECT_EQ(text(s, 6, 0), "A-008");  // continues after the highest number (a-007)
  EXPECT_EQ(text(s, 6, 1), "Q-02");
  EXPECT_EQ(text(s, 7, 0), "A-009");
  EXPECT_EQ(text(s, 7, 1), "Q-03");
  EXPECT_EQ(text(s, 8, 0), "A-010");
  EXPECT_EQ(text(s, 8, 1), "Q-05");
  EXPECT_TRUE(s.validations.empty());
  EXPECT_TRUE(s.conditionalFormats.empty());
  EXPECT_TRUE(s.comments.empty());
  EXPECT_TRUE(s.columns.empty());
  EXPECT_EQ(s.freezeRows, 0);

  // Nothing new to propose: nothing at all.
  SheetSpec again = actionLog(&log, {objs[0], objs[3]}, kToday, 0);
  EXPECT_TRUE(again.cells.empty());
}

TEST(ObjectivesActionLog, ExistingLogWithColumnsInAnotherOrder) {
  Table log = {
      {t("Status"), t("Action ID"), t("Due"), t("Objective")},  // the user deleted some columns
      {t("Done"), t("A-004"), 46330.0, t("Q-01")},
  };
  SheetSpec s = actionLog(&log, {objective("Q-01", "OTIF", "RED", 0.8, 0.95)}, kToday, 0);
  EXPECT_EQ(text(s, 2, 0), "Open");
  EXPECT_EQ(text(s, 2, 1), "A-005");
  EXPECT_EQ(number(s, 2, 2), kToday + 30);
  EXPECT_EQ(text(s, 2, 3), "Q-01");
  EXPECT_EQ(s.cells.size(), 4u);  // no Finding/Owner... columns to write to
}

TEST(ObjectivesActionLog, ExistingLogWithoutTheNeededHeaders) {
  Table log = {{t("Action"), t("Owner")}, {t("x"), t("y")}};
  EXPECT_EQ(userError([&] { actionLog(&log, {}, kToday, 0); }),
            "The \"Action Log\" sheet has no \"Action ID\", \"Objective\", \"Status\" header in row 1, so "
            "qkpi cannot "
            "tell which objectives already have open actions. Put the header back (the columns may be in any "
            "order) "
            "or rename the sheet to start a new log.");
  // An empty existing sheet gets the whole log.
  Table empty = {{e, e}};
  SheetSpec s = actionLog(&empty, {}, kToday, 0);
  EXPECT_EQ(text(s, 0, 0), "Action ID");
  EXPECT_EQ(s.validations.size(), 1u);
}

TEST(ObjectivesActionLog, UserTextStaysText) {
  Objective o = objective("=1+1", "OTIF", "RED", 0.8, 0.95);
  o.responsible = "=HYPERLINK(\"http://evil\")";
  o.resources = "=SUM(A1)";
  SheetSpec s = actionLog(nullptr, {o}, kToday, 0);
  EXPECT_EQ(text(s, 1, 1), "=1+1");
  EXPECT_EQ(text(s, 1, 4), "=HYPERLINK(\"http://evil\")");
  EXPECT_EQ(text(s, 1, 5), "=SUM(A1)");
  for (const Cell& c : s.cells) EXPECT_TRUE(c.kind == Cell::Kind::Text || c.kind == Cell::Kind::Number);
}

TEST(ObjectivesActionLog, RedObjectiveWithoutId) {
  Objective o = objective("", "OTIF", "RED", 0.8, 0.95);
  o.row = 6;
  EXPECT_EQ(userError([&] { actionLog(nullptr, {o}, kToday, 0); }),
            "Objectives row 7 is RED but has no ID: give it an ID (e.g. Q-05) so that its actions can refer "
            "to it.");
}

TEST(ObjectivesActionLog, FindingNamesTheWorstSegments) {
  Objective otif = objective("Q-01", "OTIF", "AMBER", 0.934, 0.95);
  Objective rft = objective("Q-02", "RFT", "RED", 0.99752, 0.998);
  // The per-segment call the finding reads: the review's ...BY call, as of the day (a literal date).
  Objective green = objective("Q-06", "OTIF", "GREEN", 0.99, 0.95);  // no proposal: no call
  const std::vector<SegmentCall> f = findingSegmentCalls({otif, rft, green}, kToday, 0);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0], (SegmentCall{"OTIFBY", "=OTIFBY($Data.A2:D100;$Data.E2:E100;;DATE(2026;11;25))"}));
  EXPECT_EQ(f[1], (SegmentCall{"RFTBY", "=RFTBY($Data.A2:D100;$Data.E2:E100)"}));
  EXPECT_EQ(f[2], SegmentCall{});
  // A ...BY table (segment first, value last): those below the target, worst first, "(all)" and
  // "(blank)" and text values not named.
  const Table by = {{t("Initech"), 10.0, 10.0, 9.0, 9.0, 0.9}, {t("ACME"), 10.0, 10.0, 9.0, 9.0, 0.97},
                    {t("Globex"), 10.0, 10.0, 8.0, 8.0, 0.8},  {t("Hooli"), 10.0, 10.0, 8.0, 8.0, t("")},
                    {t("(blank)"), 1.0, 1.0, 0.0, 0.0, 0.0},   {t("(all)"), 41.0, 41.0, 34.0, 34.0, 0.829}};
  const std::vector<SegmentValue> worst = worstSegments(otif, by);
  EXPECT_EQ(worst, (std::vector<SegmentValue>{{"Globex", 0.8}, {"Initech", 0.9}}));
  SheetSpec s = actionLog(nullptr, {otif}, kToday, 0, Lang::En, {worst});
  EXPECT_EQ(text(s, 1, 2),
            "OTIF is 93.4% against a target of 95.0% (AMBER) on 2026-11-25. Worst segments: Globex 80.0%, "
            "Initech 90.0%.");
  EXPECT_EQ(
      text(actionLog(nullptr, {otif}, kToday, 0, Lang::De, {worst}), 1, 2),
      "Liefertreue (OTIF) ist 93,4% bei einem Zielwert von 95,0% (AMBER) am 2026-11-25. Schlechteste Segmente: "
      "Globex 80,0%, Initech 90,0%.");
  // none misses the target: the single worst; lower is better: the highest first
  otif.target = 0.5;
  EXPECT_EQ(worstSegments(otif, by), (std::vector<SegmentValue>{{"Globex", 0.8}}));
  otif.direction = "lower";
  otif.target = 0.85;
  EXPECT_EQ(worstSegments(otif, by), (std::vector<SegmentValue>{{"ACME", 0.97}, {"Initech", 0.9}}));
  // at most three named
  Table many;
  for (int i = 0; i < 6; ++i) many.push_back({Value{"S" + std::to_string(i)}, 0.1 * i});
  otif.direction = "";
  otif.target = 0.99;
  EXPECT_EQ(worstSegments(otif, many).size(), kWorstSegmentsNamed);
  // no Segment by, a KPI that does not parse, a reduction objective: no formula
  Objective plain = objective("Q-03", "OTIF", "RED", 0.5, 0.9);
  plain.segmentBy = "";
  Objective broken = objective("Q-04", "NOPE", "RED", 3, 2);
  Objective reduction = objective("Q-05", "RETURNS", "RED", 0.312, 0.5);
  reduction.baseline = 10000.0;
  reduction.start = 46023.0;
  reduction.options = "Columns={1;3}";
  EXPECT_EQ(findingSegmentCalls({plain, broken, reduction}, kToday, 0), std::vector<SegmentCall>(3));
  // from the function's own result (a Matrix with UTF-16 texts)
  qkpi::Matrix m{2, 2, {std::u16string(u"Ærø Metall"), 0.5, std::u16string(u"(all)"), 0.7}};
  EXPECT_EQ(worstSegments(plain, qkpi::Value{m}), (std::vector<SegmentValue>{{"Ærø Metall", 0.5}}));
  EXPECT_TRUE(worstSegments(plain, qkpi::Value{0.5}).empty());
}
