// Hostile register input (issue "Hardening"): references and option values of
// any length are read in linear time and constant stack. std::regex recursed
// per character: a Data, Segment by, named range or option value of 30-45 k
// characters overflowed the stack and killed Calc. Each case here is far
// longer than that.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "objectives/objectives.h"
#include "objectives_test_util.h"

using namespace qkpi::objectives;
using qkpi::objectives::test::userError;

namespace {

constexpr std::size_t kLong = 200'000;

Objective row(const std::string& kpi, const std::string& data, const std::string& segmentBy,
              const std::string& options) {
  Objective o;
  o.row = 3;
  for (int f = 0; f < kFieldCount; ++f) o.col[f] = f;
  o.id = "Q-01";
  o.kpi = kpi;
  o.data = data;
  o.segmentBy = segmentBy;
  o.options = options;
  o.target = 0.95;
  return o;
}

TEST(HostileRegister, HugeSheetNameInData) {
  const std::string sheet(kLong, 'S');
  // A valid reference, however long the sheet name: it is written as given.
  std::string f = actualFormula(row("OTIF", "$" + sheet + ".D2:G100", "", ""));
  EXPECT_EQ(f, "=OTIF($" + sheet + ".D2:G100;;;;TODAY())");
  // Quoted, with quotes inside.
  std::string quoted = "$'" + std::string(kLong, 'x') + "''y'.A1:B2";
  EXPECT_NE(actualFormula(row("RFT", quoted, "", "")).find("''y'.A1:B2"), std::string::npos);
  // Not a reference: a clear message, no crash.
  EXPECT_NE(userError([&] { actualFormula(row("OTIF", "$" + sheet + "!!", "", "")); }).find("is not a range"),
            std::string::npos);
  EXPECT_NE(
      userError([&] { actualFormula(row("OTIF", std::string(kLong, '\''), "", "")); }).find("is not a range"),
      std::string::npos);
}

TEST(HostileRegister, HugeNamesAndSegmentBy) {
  const std::string name = "N" + std::string(kLong, '.');
  EXPECT_EQ(actualFormula(row("OTIF", name, "", "")), "=OTIF(" + name + ";;;;TODAY())");
  EXPECT_NE(userError([&] {
              actualFormula(row("OTIF", "$D.D2:G9", "$" + std::string(kLong, 'z') + ".A2:B9", ""));
            }).find("Segment by"),
            std::string::npos);
}

TEST(HostileRegister, HugeOptionValues) {
  // TODAY()+<200 000 digits>, DATE( with 200 000 spaces, a huge Holidays reference.
  // (accepted as written; the date it gives is outside the years 1 to 9999, which the function reports)
  const std::string digits(kLong, '1');
  EXPECT_EQ(actualFormula(row("OTIF", "$D.D2:G9", "", "To=TODAY()+" + digits)),
            "=OTIF($D.D2:G9;;;;TODAY()+" + digits + ")");
  EXPECT_NE(userError([&] {
              actualFormula(row("OTIF", "$D.D2:G9", "", "From=DATE(" + std::string(kLong, ' ') + "2026;1;1"));
            }).find("From"),
            std::string::npos);
  std::string hol = "Holidays=$" + std::string(kLong, 'H') + ".A2:A40";
  std::string f = actualFormula(row("TURNAROUND", "$R.C2:D9", "", hol));
  EXPECT_NE(f.find(std::string(kLong, 'H')), std::string::npos);
  EXPECT_NE(userError([&] {
              actualFormula(row("TURNAROUND", "$R.C2:D9", "", "Holidays={" + std::string(kLong, ';') + "}"));
            }).find("Holidays"),
            std::string::npos);
}

}  // namespace

// A header given twice (the user copied a column, or typed "actual " next to
// "Actual"): either column could be the wrong one to read or write, so the
// register and the action log are refused, naming both columns.
TEST(HostileRegister, RepeatedRegisterHeaderIsRefused) {
  Table reg(2);
  for (const std::string& h : registerHeaders()) reg[0].push_back(h);
  reg[0].push_back(std::string(" actual "));  // column U
  reg[1] = {std::string("Q-01"), std::string("x"), std::string("OTIF"), std::string("$D.A1:D9")};
  EXPECT_EQ(
      userError([&] { readRegister(reg); }),
      "The \"Objectives\" sheet has the header \"Actual\" twice in row 1 (columns Q and U), so qkpi cannot "
      "tell which column to read and write. Rename or remove one of them. Nothing was changed.");
  reg[0].back() = std::string("Actual (old)");  // a different header: an extra column, kept and ignored
  ASSERT_EQ(readRegister(reg).size(), 1u);
  EXPECT_EQ(readRegister(reg)[0].col[static_cast<int>(Field::Actual)], 16);
}

TEST(HostileRegister, RepeatedActionLogHeaderIsRefused) {
  Table log = {
      {std::string("Action ID"), std::string("Objective"), std::string("Status"), std::string("STATUS")},
      {std::string("A-001"), std::string("Q-01"), std::string("Done"), std::string("Open")}};
  Objective o = row("OTIF", "$D.A1:D9", "", "");
  o.status = "RED";
  EXPECT_EQ(
      userError([&] { actionLog(&log, {o}, 46000, 0); }),
      "The \"Action Log\" sheet has the header \"Status\" twice in row 1 (columns C and D), so qkpi cannot "
      "tell which column to read and write. Rename or remove one of them. Nothing was changed.");
}

// Columns in any order, extra columns anywhere: each field is read from the
// column under its header, and the formulas refer to those columns.
TEST(HostileRegister, ColumnsInAnotherOrderWithExtraOnes) {
  const std::vector<std::string> order = {
      "Notes", "Status",    "Target",      "ID",        "Actual",     "Extra",           "KPI",
      "Data",  "Objective", "Segment by",  "Options",   "Direction",  "Amber",           "Baseline",
      "Start", "Due",       "Responsible", "Resources", "Evaluation", "Review frequency"};
  Table reg(2);
  for (const std::string& h : order) reg[0].push_back(h);
  reg[1].resize(order.size());
  auto put = [&](const std::string& h, Value v) {
    reg[1][std::find(order.begin(), order.end(), h) - order.begin()] = std::move(v);
  };
  put("Notes", std::string("my note"));
  put("ID", std::string("Q-07"));
  put("KPI", std::string("OTIF"));
  put("Data", std::string("$Deliveries.D2:G9"));
  put("Objective", std::string("On time"));
  put("Target", 0.95);
  put("Amber", 0.9);
  put("Extra", std::string("=1+1"));
  std::vector<Objective> objs = readRegister(reg);
  ASSERT_EQ(objs.size(), 1u);
  const Objective& o = objs[0];
  EXPECT_EQ(o.id, "Q-07");
  EXPECT_EQ(o.objective, "On time");
  EXPECT_EQ(std::get<double>(o.target), 0.95);
  EXPECT_EQ(o.col[static_cast<int>(Field::Actual)], 4);
  EXPECT_EQ(o.col[static_cast<int>(Field::Status)], 1);
  EXPECT_EQ(o.col[static_cast<int>(Field::Complete)], -1);
  EXPECT_EQ(statusFormula(o), "=KPISTATUS(IFNA(E2;\"\");C2;IF(ISBLANK(L2);\"\";L2);IF(ISBLANK(M2);\"\";M2))");
  qkpi::sheet::SheetSpec f = registerFormulas(objs);
  for (const qkpi::sheet::Cell& c : f.cells) {
    EXPECT_EQ(c.pos.row, 1);
    EXPECT_TRUE(c.pos.col == 4 || c.pos.col == 1) << c.pos.col;
  }
}
