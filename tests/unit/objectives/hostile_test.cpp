// Hostile register input (issue "Hardening"): references and option values of
// any length are read in linear time and constant stack. std::regex recursed
// per character: a Data, Segment by, named range or option value of 30-45 k
// characters overflowed the stack and killed Calc. Each case here is far
// longer than that.
#include <gtest/gtest.h>

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
