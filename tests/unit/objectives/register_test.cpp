// The register: headers, the NewRegister sheet (comments, dropdowns,
// completeness column, formats), readRegister, missingFields, sheet names.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>

#include "objectives/internal.h"
#include "objectives/objectives.h"
#include "objectives_test_util.h"

using namespace qkpi::objectives;
using qkpi::objectives::test::t;
using qkpi::objectives::test::userError;
using qkpi::sheet::Cell;
using qkpi::sheet::Pos;
using qkpi::sheet::SheetSpec;

namespace {

const Cell* at(const SheetSpec& s, int row, int col) {
  for (const Cell& c : s.cells)
    if (c.pos == Pos{row, col}) return &c;
  return nullptr;
}

Value n(double v) {
  return v;
}
const Value e{};

}  // namespace

TEST(ObjectivesRegister, Headers) {
  const std::vector<std::string> expected = {
      "ID",     "Objective", "KPI",      "Data", "Segment by",  "Options",   "Target",     "Direction",
      "Amber",  "Baseline",  "Start",    "Due",  "Responsible", "Resources", "Evaluation", "Review frequency",
      "Actual", "Status",    "Complete", "Check"};
  EXPECT_EQ(registerHeaders(), expected);
  EXPECT_EQ(actionLogHeaders(),
            (std::vector<std::string>{"Action ID", "Objective", "Finding", "Action", "Owner", "Resources",
                                      "Start", "Due", "Status", "Completed", "Effectiveness"}));
  EXPECT_STREQ(kRegisterSheet, "Objectives");
  EXPECT_STREQ(kActionLogSheet, "Action Log");
}

TEST(ObjectivesRegister, NewRegisterHeadersWithACommentOnEach) {
  SheetSpec s = newRegister();
  EXPECT_EQ(s.name, "Objectives");
  for (int j = 0; j < kFieldCount; ++j) {
    const Cell* c = at(s, 0, j);
    ASSERT_NE(c, nullptr) << j;
    EXPECT_EQ(c->kind, Cell::Kind::Text);
    EXPECT_EQ(c->text, registerHeaders()[j]);
    EXPECT_EQ(c->style, "qkpi Header");
    auto comment = std::find_if(s.comments.begin(), s.comments.end(), [&](const auto& m) {
      return m.pos == Pos{0, j};
    });
    ASSERT_NE(comment, s.comments.end()) << registerHeaders()[j];
    EXPECT_GT(comment->text.size(), 30u) << registerHeaders()[j];
  }
  EXPECT_EQ(s.comments.size(), 20u);
  // A few comments that matter.
  auto commentOf = [&](int col) {
    for (const auto& m : s.comments)
      if (m.pos == Pos{0, col}) return m.text;
    return std::string();
  };
  EXPECT_NE(commentOf(5).find("From=2026-01-01; LateDays=2; QtyTolerance=0.02; Columns={6;8;5;7}"),
            std::string::npos);
  EXPECT_NE(commentOf(2).find("For a reduction target use RETURNS with a Baseline"), std::string::npos);
  // The as-of rule, where the user writes the Options.
  EXPECT_NE(commentOf(5).find("OTIF, ONTIME and INFULL without To get To=TODAY()"), std::string::npos);
  EXPECT_NE(commentOf(5).find("TURNAROUNDDAYS without AsOf get AsOf=TODAY()"), std::string::npos);
  EXPECT_NE(commentOf(19).find("Update Actuals"), std::string::npos);
}

TEST(ObjectivesRegister, NewRegisterDropdowns) {
  SheetSpec s = newRegister();
  ASSERT_EQ(s.validations.size(), 3u);
  const auto& kpi = s.validations[0];
  EXPECT_EQ(kpi.range.first, (Pos{1, 2}));
  EXPECT_EQ(kpi.range.last, (Pos{999, 2}));
  EXPECT_EQ(kpi.values,
            (std::vector<std::string>{"OTIF", "ONTIME", "INFULL", "OTIFQTY", "OTIFORDERS", "RFT", "RFTJOBS",
                                      "RTY", "RETURNS", "TURNAROUND", "TURNAROUNDDAYS"}));
  EXPECT_TRUE(kpi.strict);
  EXPECT_FALSE(kpi.errorMessage.empty());
  const auto& dir = s.validations[1];
  EXPECT_EQ(dir.range.first, (Pos{1, 7}));
  EXPECT_EQ(dir.values, (std::vector<std::string>{"higher", "lower"}));
  EXPECT_TRUE(dir.strict);
  const auto& freq = s.validations[2];
  EXPECT_EQ(freq.range.first, (Pos{1, 15}));
  EXPECT_EQ(freq.values,
            (std::vector<std::string>{"Weekly", "Monthly", "Quarterly", "Half-yearly", "Yearly"}));
  EXPECT_FALSE(freq.strict);
}

TEST(ObjectivesRegister, NewRegisterCompletenessAndStatusFormulasForTheFirstRows) {
  SheetSpec s = newRegister();
  const Cell* complete = at(s, 1, 18);
  ASSERT_NE(complete, nullptr);
  EXPECT_EQ(complete->kind, Cell::Kind::Formula);
  EXPECT_EQ(complete->text,
            "=IF(COUNTA(A2:P2)=0;\"\";IF(AND(B2<>\"\";N2<>\"\";M2<>\"\";L2<>\"\";O2<>\"\");\"OK\";\"Missing: "
            "\"&MID("
            "IF(B2=\"\";\", what (Objective)\";\"\")&IF(N2=\"\";\", resources "
            "(Resources)\";\"\")&IF(M2=\"\";\", who "
            "(Responsible)\";\"\")&IF(L2=\"\";\", when (Due)\";\"\")&IF(O2=\"\";\", how evaluated "
            "(Evaluation)\";\"\");"
            "3;300)))");
  const Cell* status = at(s, 1, 17);
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(
      status->text,
      "=IF(ISBLANK(Q2);\"\";KPISTATUS(IFNA(Q2;\"\");G2;IF(ISBLANK(H2);\"\";H2);IF(ISBLANK(I2);\"\";I2)))");
  ASSERT_NE(at(s, 50, 18), nullptr);  // 50 prepared rows
  EXPECT_EQ(at(s, 51, 18), nullptr);
  EXPECT_EQ(at(s, 1, 16), nullptr);  // no Actual without a KPI
  // Nothing but headers and these formulas.
  for (const Cell& c : s.cells)
    if (c.pos.row > 0) {
      EXPECT_TRUE(c.pos.col == 17 || c.pos.col == 18) << c.pos.row << "," << c.pos.col;
    }
}

TEST(ObjectivesRegister, NewRegisterConditionalFormatsAndStyles) {
  SheetSpec s = newRegister();
  auto has = [&](int col, const std::string& formula, const std::string& style) {
    return std::any_of(s.conditionalFormats.begin(), s.conditionalFormats.end(), [&](const auto& cf) {
      return cf.range.first == Pos{1, col} && cf.range.last == Pos{999, col} && cf.formula == formula &&
             cf.style == style;
    });
  };
  EXPECT_TRUE(has(17, "$R2=\"GREEN\"", "qkpi GREEN"));
  EXPECT_TRUE(has(17, "$R2=\"AMBER\"", "qkpi AMBER"));
  EXPECT_TRUE(has(17, "$R2=\"RED\"", "qkpi RED"));
  EXPECT_TRUE(has(17, "$R2=\"GREY\"", "qkpi GREY"));
  EXPECT_TRUE(has(18, "LEFT($S2;8)=\"Missing:\"", "qkpi Missing"));
  EXPECT_TRUE(has(18, "$S2=\"OK\"", "qkpi Complete"));
  EXPECT_TRUE(has(12, "AND(COUNTA($A2:$P2)>0;$M2=\"\")", "qkpi Missing"));  // who
  EXPECT_TRUE(has(11, "AND(COUNTA($A2:$P2)>0;$L2=\"\")", "qkpi Missing"));  // when

  auto style = [&](const std::string& name) {
    auto it = std::find_if(s.styles.begin(), s.styles.end(), [&](const auto& st) { return st.name == name; });
    EXPECT_NE(it, s.styles.end()) << name;
    return it == s.styles.end() ? qkpi::sheet::Style{} : *it;
  };
  EXPECT_EQ(style("qkpi GREEN").background, 0xC6EFCE);
  EXPECT_EQ(style("qkpi AMBER").background, 0xFFEB9C);
  EXPECT_EQ(style("qkpi RED").background, 0xFFC7CE);
  EXPECT_EQ(style("qkpi GREY").background, 0xE7E6E6);
  EXPECT_EQ(style("qkpi Percent").numberFormat, "0.00%");
  EXPECT_EQ(style("qkpi Date").numberFormat, "YYYY-MM-DD");
  EXPECT_TRUE(style("qkpi Header").bold);

  EXPECT_TRUE(std::any_of(s.rangeStyles.begin(), s.rangeStyles.end(), [](const auto& r) {
    return r.range.first == Pos{1, 11} && r.range.last == Pos{999, 11} && r.style == "qkpi Date";
  }));
  EXPECT_EQ(s.columns.size(), 20u);
  for (const auto& c : s.columns) EXPECT_GT(c.widthMm100, 1000);
  EXPECT_EQ(s.freezeRows, 1);
  EXPECT_EQ(s.freezeCols, 2);
  EXPECT_TRUE(s.printLandscape);
  EXPECT_EQ(s.repeatRows, std::vector<int>{0});
  EXPECT_EQ(s.fitPagesWide, 1);
}

TEST(ObjectivesRegister, ReadRegisterWithHeadersInAnotherOrder) {
  // Status first, an extra "Notes" column, headers with odd case and spaces, no Complete column.
  Table table = {
      {t("Status"), t(" objective "), t("ID"), t("Notes"), t("KPI"), t("DATA"), t("Segment by"), t("Options"),
       t("Target"), t("Direction"), t("Amber"), t("Baseline"), t("Start"), t("Due"), t("Responsible"),
       t("Resources"), t("Evaluation"), t("Review frequency"), t("Actual")},
      {t("AMBER"), t("Deliver on time"), t("Q-02"), t("x"), t("OTIF"), t("$Deliveries.D2:G20001"),
       t("$Deliveries.A2:A20001"), t("LateDays=2"), n(0.95), t("higher"), n(0.92), e, n(46023), n(46387),
       t("Tom  "), t("Team"), t("Monthly meeting"), t("Monthly"), n(0.934)},
      {e, e, e, t("only a note"), e, e, e, e, e, e, e, e, e, e, e, e, e, e,
       e},  // skipped: no ID/Objective/KPI/Data
      {t(""), e, n(7), e, t("RFT"), t("$Quality.C2:E9"), e, e, t("99.8%"), e, e, e,
       t("2026-01-01")},  // short row
  };
  auto objs = readRegister(table);
  ASSERT_EQ(objs.size(), 2u);
  const Objective& a = objs[0];
  EXPECT_EQ(a.row, 1);
  EXPECT_EQ(a.id, "Q-02");
  EXPECT_EQ(a.objective, "Deliver on time");
  EXPECT_EQ(a.kpi, "OTIF");
  EXPECT_EQ(a.data, "$Deliveries.D2:G20001");
  EXPECT_EQ(a.segmentBy, "$Deliveries.A2:A20001");
  EXPECT_EQ(a.options, "LateDays=2");
  EXPECT_EQ(std::get<double>(a.target), 0.95);
  EXPECT_EQ(a.direction, "higher");
  EXPECT_EQ(std::get<double>(a.amber), 0.92);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(a.baseline));
  EXPECT_EQ(std::get<double>(a.start), 46023);
  EXPECT_EQ(std::get<double>(a.due), 46387);
  EXPECT_EQ(a.responsible, "Tom");
  EXPECT_EQ(a.reviewFrequency, "Monthly");
  EXPECT_EQ(std::get<double>(a.actual), 0.934);
  EXPECT_EQ(a.status, "AMBER");
  EXPECT_EQ(a.col[static_cast<int>(Field::Id)], 2);
  EXPECT_EQ(a.col[static_cast<int>(Field::Status)], 0);
  EXPECT_EQ(a.col[static_cast<int>(Field::Actual)], 18);
  EXPECT_EQ(a.col[static_cast<int>(Field::Complete)], -1);
  EXPECT_EQ(a.cell(Field::Actual), "S2");
  EXPECT_EQ(a.cell(Field::Status), "A2");
  EXPECT_EQ(statusFormula(a), "=KPISTATUS(IFNA(S2;\"\");I2;IF(ISBLANK(J2);\"\";J2);IF(ISBLANK(K2);\"\";K2))");
  EXPECT_EQ(actualFormula(a), "=OTIF($Deliveries.D2:G20001;;;;TODAY();;2)");

  const Objective& b = objs[1];
  EXPECT_EQ(b.row, 3);
  EXPECT_EQ(b.id, "7");  // a number read as its text
  EXPECT_EQ(std::get<std::string>(b.target), "99.8%");
  EXPECT_EQ(std::get<std::string>(b.start), "2026-01-01");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(b.due));
  EXPECT_EQ(b.status, "");
}

TEST(ObjectivesRegister, ReadRegisterMissingHeader) {
  std::vector<Value> headers;
  for (const auto& h : registerHeaders())
    if (h != "Due") headers.push_back(h);
  EXPECT_EQ(userError([&] { readRegister({headers}); }),
            "The \"Objectives\" sheet has no \"Due\" column in row 1. The register needs the headers ID, "
            "Objective, "
            "KPI, Data, Segment by, Options, Target, Direction, Amber, Baseline, Start, Due, Responsible, "
            "Resources, "
            "Evaluation, Review frequency, Actual, Status (any order). Add the missing header, or start from "
            "Quality "
            "Objectives > New Register.");
  std::vector<Value> few = {t("ID"), t("Objective")};
  std::string msg = userError([&] { readRegister({few}); });
  EXPECT_EQ(
      msg.rfind("The \"Objectives\" sheet has no \"KPI\", \"Data\", \"Segment by\", \"Options\", \"Target\"",
                0),
      0u)
      << msg;
  EXPECT_NE(msg.find("columns in row 1"), std::string::npos);
  EXPECT_NE(userError([] { readRegister({}); }).find("sheet is empty"), std::string::npos);
  // Headers only: no objectives, no error.
  std::vector<Value> all(registerHeaders().begin(), registerHeaders().end());
  EXPECT_TRUE(readRegister({all}).empty());
}

TEST(ObjectivesRegister, MissingFields) {
  Objective o;
  o.objective = "Deliver on time";
  o.resources = "Team";
  o.responsible = "Tom";
  o.due = 46387.0;
  o.evaluation = "Monthly meeting";
  EXPECT_TRUE(missingFields(o).empty());
  Objective none;
  none.objective = "  ";
  EXPECT_EQ(missingFields(none),
            (std::vector<std::string>{"what (Objective)", "resources (Resources)", "who (Responsible)",
                                      "when (Due)", "how evaluated (Evaluation)"}));
  o.due = std::string(" ");
  o.responsible = "";
  EXPECT_EQ(missingFields(o), (std::vector<std::string>{"who (Responsible)", "when (Due)"}));
}

TEST(ObjectivesNames, UniqueSheetName) {
  EXPECT_EQ(uniqueSheetName("Review 2026-11-25", {"Objectives", "Deliveries"}), "Review 2026-11-25");
  EXPECT_EQ(uniqueSheetName("Review 2026-11-25", {"Objectives", "Review 2026-11-25"}),
            "Review 2026-11-25 (2)");
  EXPECT_EQ(uniqueSheetName("Review 2026-11-25", {"review 2026-11-25", "Review 2026-11-25 (2)"}),
            "Review 2026-11-25 (3)");
  EXPECT_EQ(uniqueSheetName("Review 2026-11-25", {"Review 2026-11-25 (2)"}), "Review 2026-11-25");
}

TEST(ObjectivesNames, IsoDateAndReviewNames) {
  EXPECT_EQ(isoDate(46351, 0), "2026-11-25");
  EXPECT_EQ(isoDate(46023, 0), "2026-01-01");
  EXPECT_EQ(isoDate(1, 0), "1899-12-31");
  EXPECT_EQ(isoDate(0, 1462), "1904-01-01");  // a document with NullDate 1904-01-01
  EXPECT_EQ(isoDate(46082, 0), "2026-03-01");
  EXPECT_EQ(isoDate(46081, 0), "2026-02-28");
  EXPECT_EQ(reviewSheetName(46351, 0, {"Review 2026-11-25"}), "Review 2026-11-25 (2)");
  EXPECT_EQ(frozenSheetName("Review 2026-11-25", {}), "Review 2026-11-25 record");
  EXPECT_EQ(frozenSheetName("Review 2026-11-25", {"Review 2026-11-25 record"}),
            "Review 2026-11-25 record (2)");
}

// The per-KPI facts of the function table (kpi/function_table.h KpiFacts)
// drive the register's KPI list, labels, per-segment headers and proposals.
TEST(ObjectivesRegister, KpiFactsDriveTheWorkflow) {
  using namespace qkpi::objectives::detail;
  EXPECT_EQ(kpiNames(),
            (std::vector<std::string>{"OTIF", "ONTIME", "INFULL", "OTIFQTY", "OTIFORDERS", "RFT", "RFTJOBS",
                                      "RTY", "RETURNS", "TURNAROUND", "TURNAROUNDDAYS"}));
  auto call = [](const std::string& kpi, const std::string& segmentBy = "") {
    Objective o;
    o.row = 3;
    for (int f = 0; f < kFieldCount; ++f) o.col[f] = f;
    o.kpi = kpi;
    o.data = "$D.A2:D9";
    o.segmentBy = segmentBy;
    return parseKpi(o, Lang::En);
  };
  EXPECT_EQ(measureLabel(call("OTIF")), "OTIF");
  EXPECT_EQ(measureLabel(call("rftjobs")), "RFT (jobs)");
  EXPECT_EQ(measureLabel(call("RETURNS")), "Returns value");
  EXPECT_EQ(measureLabel(call("TURNAROUND")), "Turnaround");
  EXPECT_EQ(measureLabel(call("TURNAROUNDDAYS")), "Turnaround days");
  EXPECT_EQ(call("RETURNS").measure, Measure::Value);
  EXPECT_EQ(call("TURNAROUNDDAYS").measure, Measure::Days);
  EXPECT_EQ(call("RTY").measure, Measure::Ratio);
  for (const char* k : {"ONTIME", "INFULL", "RTY", "TURNAROUNDDAYS"}) EXPECT_EQ(call(k).byFn, nullptr) << k;
  EXPECT_EQ(call("OTIF").byFn->name, "OTIFBY");
  EXPECT_EQ(call("TURNAROUND").byFn->name, "TURNAROUNDBY");
  using H = std::vector<std::string>;
  EXPECT_EQ(segmentTableHeaders(call("OTIF", "$D.E2:E9")),
            (H{"Segment", "Lines", "Lines counted", "On time in full", "Counted", "OTIF", "Status"}));
  EXPECT_EQ(segmentTableHeaders(call("RETURNS", "$D.E2:E9")),
            (H{"Segment", "Returns", "Returns counted", "Returns value", "Status"}));
  EXPECT_EQ(segmentTableHeaders(call("TURNAROUND", "$D.E2:E9")),
            (H{"Segment", "Returns", "Returns decided", "In time", "Decided", "Turnaround", "Status"}));
  EXPECT_EQ(segmentTableHeaders(call("ONTIME", "$D.E2:E9")), (H{"Segment", "ONTIME", "Status"}));
  EXPECT_EQ(proposedAction(" infull "), proposedAction("OTIF"));
  EXPECT_EQ(proposedAction("RTY"),
            "Pareto of the defects by customer and cause; 8D on the top causes; verify the fix with the next "
            "inspection results.");
  EXPECT_EQ(proposedAction("TURNAROUNDDAYS"), proposedAction("TURNAROUND"));
  EXPECT_EQ(proposedAction("OTIFBY"), proposedAction("NOPE"));  // not a register KPI: the general text
  EXPECT_EQ(utf16("Müller"), u"Müller");
}
