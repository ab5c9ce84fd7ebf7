// The sidebar deck's pure model: Objectives lines, Actions summary, Insert KPI formulas.
#include "objectives/sidebar_model.h"

#include <gtest/gtest.h>

#include <string>

#include "objectives/objectives.h"
#include "objectives_test_util.h"

using namespace qkpi::objectives;
using namespace qkpi::objectives::sidebar;
using qkpi::objectives::test::t;

namespace {

// A register with the standard headers and `rows` (ID, Objective, KPI, Data, Target, Status).
struct Row {
  const char *id, *objective, *kpi, *data;
  double target;
  const char* status;
};
Table registerOf(const std::vector<Row>& rows) {
  Table tab;
  std::vector<Value> h;
  for (const auto& s : registerHeaders()) h.emplace_back(s);
  tab.push_back(h);
  for (const Row& r : rows) {
    std::vector<Value> v(registerHeaders().size());
    v[0] = t(r.id);
    v[1] = t(r.objective);
    v[2] = t(r.kpi);
    v[3] = t(r.data);
    v[6] = r.target;
    v[16] = 0.5;  // Actual
    v[17] = t(r.status);
    tab.push_back(v);
  }
  return tab;
}

// What the register shows: "<row>:<col>" so the test sees which cell was asked for.
std::string shown(int row, int col) {
  return std::to_string(row) + ":" + std::to_string(col);
}

}  // namespace

TEST(SidebarObjectives, NoRegisterOffersTheTwoCommands) {
  ObjectivesView v = objectivesView(nullptr, shown, "en");
  EXPECT_FALSE(v.hasRegister);
  EXPECT_TRUE(v.lines.empty());
  EXPECT_NE(v.message.find("no \"Objectives\" register"), std::string::npos) << v.message;
  EXPECT_EQ(text("insert-sample", "en"), "Insert sample data");
  EXPECT_EQ(text("new-register", "de"), "Neues Register");
  EXPECT_NE(objectivesView(nullptr, shown, "de").message.find("kein Register"), std::string::npos);
}

TEST(SidebarObjectives, OneLinePerRowWithColourAndWord) {
  Table reg = registerOf({{"Q-01", "On-time in-full deliveries", "OTIF", "$D.A2:D9", 0.95, "GREEN"},
                          {"Q-02", "Right first time", "RFT", "$Q.A2:B9", 0.9, " amber "},
                          {"Q-03", "Returns", "RETURNS", "$R.A2:B9", 100, "RED"},
                          {"Q-04", "Turnaround", "TURNAROUND", "$R.A2:C9", 0.8, "#N/A"}});
  ObjectivesView v = objectivesView(&reg, shown, "en");
  ASSERT_TRUE(v.hasRegister);
  EXPECT_EQ(v.message, "");
  ASSERT_EQ(v.lines.size(), 4u);
  EXPECT_EQ(v.lines[0].id, "Q-01");
  EXPECT_EQ(v.lines[0].name, "On-time in-full deliveries");
  EXPECT_EQ(v.lines[0].row, 1);
  EXPECT_EQ(v.lines[0].actual, "1:16");  // the Actual cell as shown
  EXPECT_EQ(v.lines[0].target, "1:6");
  EXPECT_EQ(v.lines[0].light, Light::Green);
  EXPECT_EQ(v.lines[0].statusWord, "GREEN");
  EXPECT_EQ(v.lines[0].code, "GREEN");
  EXPECT_EQ(v.lines[0].chip, "GREEN");
  EXPECT_EQ(v.lines[0].background, 0xC6EFCEu);  // the register's GREEN style
  EXPECT_EQ(v.lines[1].light, Light::Amber);
  EXPECT_EQ(v.lines[2].light, Light::Red);
  EXPECT_EQ(v.lines[2].foreground, 0x9C0006u);
  EXPECT_EQ(v.lines[3].light, Light::Grey);  // an error is no status
  EXPECT_EQ(v.summary, "4 objectives: 1 GREEN, 1 AMBER, 1 RED, 1 GREY");
  ObjectivesView de = objectivesView(&reg, shown, "de");
  // German: the code stays (the register's Status says AMBER in every language), the word is added
  EXPECT_EQ(de.lines[0].code, "GREEN");
  EXPECT_EQ(de.lines[0].statusWord, "grün");
  EXPECT_EQ(de.lines[1].chip, "AMBER\ngelb");
  EXPECT_EQ(de.lines[2].statusWord, "rot");
  EXPECT_EQ(de.summary, "4 Ziele: 1 GREEN (grün), 1 AMBER (gelb), 1 RED (rot), 1 GREY (grau)");
  EXPECT_EQ(lightLabel(Light::Grey, "en"), "GREY");
  EXPECT_EQ(lightLabel(Light::Amber, "de"), "AMBER (gelb)");
  // without the Actual formulas nothing is stale
  for (const ObjectiveLine& l : v.lines) EXPECT_FALSE(l.stale) << l.id;
}

TEST(SidebarObjectives, StaleActualIsMarkedInWordsAsTheReviewFindsIt) {
  Table reg = registerOf({{"Q-01", "Deliveries", "OTIF", "$D.A2:D9", 0.95, "GREEN"},
                          {"Q-02", "Right first time", "RFT", "$Q.A2:B9", 0.9, "AMBER"},
                          {"Q-03", "Returns", "RETURNS", "$R.A2:B9", 100, "RED"}});
  const std::vector<Objective> objs = readRegister(reg);
  ASSERT_EQ(objs.size(), 3u);
  std::vector<int> asked;
  auto formula = [&](int row, int col) -> std::string {
    asked.push_back(col);
    if (row == 1) return actualFormula(objs[0]);                // as Update Actuals writes it: current
    if (row == 2) return "=ORG.QKPI.QUALITYKPI.RFT($Q.A2:B5)";  // Data changed since: stale
    return "";  // an empty Actual is not stale (nothing computed yet)
  };
  ObjectivesView v = objectivesView(&reg, shown, "en", formula);
  ASSERT_EQ(v.lines.size(), 3u);
  EXPECT_EQ(asked, (std::vector<int>{16, 16, 16}));  // only the Actual cells
  EXPECT_FALSE(v.lines[0].stale);
  EXPECT_EQ(v.lines[0].staleNote, "");
  EXPECT_TRUE(v.lines[1].stale);
  EXPECT_EQ(v.lines[1].staleNote, "Actual is stale: run Update Actuals");
  EXPECT_FALSE(v.lines[2].stale);
  EXPECT_EQ(v.stale, 1);
  EXPECT_EQ(v.summary, "3 objectives: 1 GREEN, 1 AMBER, 1 RED; 1 stale Actual");
  // the same verdict as the review's check column
  Objective o = objs[1];
  o.actualRead = "=ORG.QKPI.QUALITYKPI.RFT($Q.A2:B5)";
  EXPECT_TRUE(actualDiffers(o));
  ObjectivesView de = objectivesView(&reg, shown, "de", formula);
  EXPECT_EQ(de.lines[1].staleNote, "Istwert veraltet: Istwerte aktualisieren");
  EXPECT_EQ(de.summary, "3 Ziele: 1 GREEN (grün), 1 AMBER (gelb), 1 RED (rot); 1 veralteter Istwert");
}

TEST(SidebarObjectives, EmptyShownCellIsADashAndBadHeaderIsTheRegistersMessage) {
  Table reg = registerOf({{"Q-01", "X", "OTIF", "$D.A2:D9", 0.95, "GREEN"}});
  ObjectivesView v = objectivesView(
      &reg, [](int, int) { return std::string("  "); }, "en");
  EXPECT_EQ(v.lines.at(0).actual, "–");
  Table bad = reg;
  bad[0][2] = t("Kennziffer");  // not a header in either language ("Kennzahl" is the German KPI)
  ObjectivesView b = objectivesView(&bad, shown, "en");
  EXPECT_TRUE(b.hasRegister);
  EXPECT_TRUE(b.lines.empty());
  EXPECT_NE(b.message.find("KPI"), std::string::npos) << b.message;
  Table none = registerOf({});
  EXPECT_EQ(objectivesView(&none, shown, "en").message, text("no-objectives", "en"));
}

TEST(SidebarObjectives, ShortNameCutsAtAWord) {
  EXPECT_EQ(shortName("  Short  "), "Short");
  EXPECT_EQ(shortName("Deliveries on time and in full to every customer", 20), "Deliveries on time…");
  EXPECT_EQ(shortName("Überfällige Maßnahmen", 12), "Überfällige…");
  EXPECT_EQ(shortName("abcdefghijklmnop", 6), "abcde…");
}

TEST(SidebarObjectives, Language) {
  EXPECT_EQ(panelLanguage("de-DE"), "de");
  EXPECT_EQ(panelLanguage("de"), "de");
  EXPECT_EQ(panelLanguage("en-US"), "en");
  EXPECT_EQ(panelLanguage("dex"), "en");
  EXPECT_EQ(lightOf("grey"), Light::Grey);
  EXPECT_EQ(lightOf("GREEN"), Light::Green);
  EXPECT_EQ(lightOf(""), Light::Grey);
}

TEST(SidebarActions, ButtonsAreTheMenusCommands) {
  auto b = actionButtons("en");
  const char* cmds[] = {"SampleData", "NewRegister",   "Review",  "ReviewRecord",
                        "ActionLog",  "UpdateActuals", "Explain", "ExportPdf"};
  ASSERT_EQ(b.size(), std::size(cmds));
  for (std::size_t i = 0; i < std::size(cmds); ++i) EXPECT_EQ(b[i].command, cmds[i]);
  EXPECT_EQ(b[4].label, "Action Log");
  EXPECT_EQ(actionButtons("de")[0].label, "Beispieldaten");
}

TEST(SidebarActions, OpenOverdueAndNextDue) {
  // today = serial 100; Due serials; columns in another order than the standard log
  Table log = {{t("Status"), t("Due"), t("Action ID")}, {t("Open"), 90.0, t("A-001")},  // overdue
               {t("in progress "), 120.0, t("A-002")},                                  // next due candidate
               {t("Open"), 105.0, t("A-003")},                                          // next due
               {t("Done"), 80.0, t("A-004")},                                           // closed: neither
               {t("Open"), Value{}, t("A-005")},                                        // open without a date
               {t("Cancelled"), 101.0, t("A-006")}};
  ActionSummary s = actionSummary(&log, 100, 0);
  EXPECT_TRUE(s.hasLog);
  EXPECT_EQ(s.open, 4);
  EXPECT_EQ(s.overdue, 1);
  ASSERT_TRUE(s.nextDue);
  EXPECT_EQ(*s.nextDue, 105);
  EXPECT_EQ(describe(s, 0, "en"), "4 open actions, 1 overdue. Next due: " + isoDate(105, 0) + ".");
  EXPECT_EQ(describe(s, 0, "de"),
            "4 offene Maßnahmen, 1 überfällig. Nächste fällig: " + isoDate(105, 0) + ".");
  EXPECT_FALSE(actionSummary(nullptr, 100, 0).hasLog);
  EXPECT_EQ(describe(actionSummary(nullptr, 100, 0), 0, "en"), text("no-log", "en"));
  Table one = {{t("Status"), t("Due")}, {t("Open"), 100.0}};  // due today: not overdue
  ActionSummary o = actionSummary(&one, 100, 0);
  EXPECT_EQ(describe(o, 0, "en"), "1 open action, 0 overdue. Next due: " + isoDate(100, 0) + ".");
}

TEST(SidebarActions, OutcomeLine) {
  EXPECT_EQ(outcomeLine("Review", true, "Wrote \"Review 2026-11-25\".", "en"),
            "Review: Wrote \"Review 2026-11-25\".");
  EXPECT_EQ(outcomeLine("Review", false, "No register.", "en"), "Review failed: No register.");
  EXPECT_EQ(outcomeLine("Bewertung", false, "x", "de"), "Bewertung fehlgeschlagen: x");
}

TEST(SidebarInsertKpi, FunctionsAndOptionFieldsFromTheTable) {
  auto fns = insertableFunctions();
  ASSERT_FALSE(fns.empty());
  bool otif = false;
  for (const auto* f : fns) {
    EXPECT_NE(f->kpi, nullptr);
    EXPECT_FALSE(f->arrayResult);
    otif = otif || f->name == "OTIF";
  }
  EXPECT_TRUE(otif);
  const auto* f = qkpi::findFunction("OTIF");
  ASSERT_NE(f, nullptr);
  auto fields = optionFields(*f, "en");
  std::vector<std::string> names;
  for (const auto& o : fields) names.push_back(o.name);
  EXPECT_EQ(names, (std::vector<std::string>{"EarlyDays", "LateDays", "QtyTolerance"}));
  EXPECT_NE(fields[1].help.find("Optional."), std::string::npos) << fields[1].help;
}

TEST(SidebarInsertKpi, FormulaAsTheRegisterBuildsIt) {
  KpiInputs in;
  in.function = "OTIF";
  in.data = "$Deliveries.D2:G20001";
  KpiFormula f = kpiFormula(in, "en-US");
  EXPECT_EQ(f.error, "");
  EXPECT_EQ(f.formula, "=OTIF($Deliveries.D2:G20001;;;;TODAY())");

  in.segments = "$Deliveries.A2:A20001";
  in.segment = "North";
  in.from = "2026-01-01";
  in.options = {{"LateDays", "2"}, {"EarlyDays", ""}};
  f = kpiFormula(in, "en-US");
  EXPECT_EQ(f.error, "");
  EXPECT_EQ(f.formula,
            "=OTIF($Deliveries.D2:G20001;$Deliveries.A2:A20001;\"North\";\"2026-01-01\";TODAY();;2)");

  in.segment = "7";  // a number stays a number
  EXPECT_EQ(kpiFormula(in, "en-US").formula,
            "=OTIF($Deliveries.D2:G20001;$Deliveries.A2:A20001;7;\"2026-01-01\";TODAY();;2)");
  in.segment = "007";  // but not a code with leading zeros
  EXPECT_EQ(kpiFormula(in, "en-US").formula,
            "=OTIF($Deliveries.D2:G20001;$Deliveries.A2:A20001;\"007\";\"2026-01-01\";TODAY();;2)");
}

TEST(SidebarInsertKpi, RatioGetsTheRegistersPercentFormat) {
  KpiInputs in;
  in.function = "OTIF";
  in.data = "$Deliveries.D2:G20001";
  EXPECT_EQ(kpiFormula(in, "en-US").numberFormat, "0.00%");  // the "qkpi Percent" style
  in.function = "RFT";
  in.data = "$Quality.A2:B9";
  EXPECT_EQ(kpiFormula(in, "en-US").numberFormat, "0.00%");
  in.function = "RETURNS";  // an amount
  EXPECT_EQ(kpiFormula(in, "en-US").numberFormat, "");
  in.function = "TURNAROUNDDAYS";  // days
  EXPECT_EQ(kpiFormula(in, "en-US").numberFormat, "");
  in.function = "OTIF";
  in.data = "";  // no formula, no format
  EXPECT_EQ(kpiFormula(in, "en-US").numberFormat, "");
}

TEST(SidebarInsertKpi, RangeFieldAcceptsWhatTheRegisterAccepts) {
  RangeCheck c = checkRange(" $Deliveries.a2:d20001 ", false, "en");
  EXPECT_EQ(c.problem, "");
  EXPECT_EQ(c.reference, "$Deliveries.A2:D20001");
  EXPECT_EQ(c.sheet, "Deliveries");
  EXPECT_EQ(c.columns, 4);
  c = checkRange("'Action Log'.B2:B9", true, "en");
  EXPECT_EQ(c.problem, "");
  EXPECT_EQ(c.sheet, "Action Log");
  EXPECT_EQ(c.reference, "$'Action Log'.B2:B9");
  c = checkRange("MyDeliveries", true, "en");
  EXPECT_TRUE(c.named);
  EXPECT_EQ(c.problem, "");
  EXPECT_EQ(checkRange("", true, "en").problem, "");  // empty: nothing to check
  c = checkRange("$Deliveries.A2:B9", true, "en");
  EXPECT_EQ(c.problem, "\"$Deliveries.A2:B9\" must be one column, e.g. $Deliveries.A2:A20001.");
  c = checkRange("A2:D9 x", false, "de");
  EXPECT_EQ(c.reference, "");
  EXPECT_NE(c.problem.find("kein Bereich"), std::string::npos) << c.problem;
  EXPECT_NE(checkRange("=SUM(A1)", false, "en").problem, "");
}

TEST(SidebarInsertKpi, ErrorsWithoutARowLabel) {
  KpiInputs in;
  in.function = "OTIF";
  KpiFormula f = kpiFormula(in, "en-US");
  EXPECT_EQ(f.formula, "");
  EXPECT_EQ(f.error, text("kpi-need-data", "en"));
  in.data = "$Deliveries.D2:G20001";
  in.options = {{"LateDays", "-3"}};
  f = kpiFormula(in, "en-US");
  EXPECT_EQ(f.formula, "");
  EXPECT_NE(f.error.find("LateDays"), std::string::npos) << f.error;
  EXPECT_EQ(f.error.find("Objectives row"), std::string::npos) << f.error;
  in.options = {};
  in.function = "NOSUCH";
  EXPECT_NE(kpiFormula(in, "en-US").error.find("unknown KPI"), std::string::npos);
}

TEST(SidebarInsertKpi, PreviewText) {
  EXPECT_EQ(previewText(0.9544, *qkpi::findFunction("OTIF"), "en-US"), "95.4 %");
  EXPECT_EQ(previewText(1234.5, *qkpi::findFunction("RETURNS"), "en-US"), "1234.50");
  EXPECT_EQ(previewText(3.25, *qkpi::findFunction("TURNAROUNDDAYS"), "en-US"), "3.2");
  EXPECT_EQ(previewText(0.9544, *qkpi::findFunction("OTIF"), "de-DE"), "95,4 %");
  EXPECT_EQ(previewText(1234.5, *qkpi::findFunction("RETURNS"), "de"), "1234,50");
}
