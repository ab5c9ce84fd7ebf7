// The formula builder (objectives/formula.h): each piece's exact text, and the
// "(all)" / "(blank)" labels matching the ...BY tables of qkpi_kpi.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kpi/by_table.h"
#include "objectives/formula.h"

namespace formula = qkpi::objectives::formula;

TEST(FormulaBuilder, TextIsACalcLiteralWithQuotesDoubled) {
  EXPECT_EQ(formula::text("OK"), "\"OK\"");
  EXPECT_EQ(formula::text(""), "\"\"");
  EXPECT_EQ(formula::text("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(formula::text("=HYPERLINK(\"x\")"), "\"=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(std::string(formula::kEmpty), formula::text(""));
}

TEST(FormulaBuilder, CallJoinsArgumentsWithSemicolons) {
  EXPECT_EQ(formula::call("TODAY", {}), "TODAY()");
  EXPECT_EQ(formula::call("ABS", {"B2-B1"}), "ABS(B2-B1)");
  EXPECT_EQ(formula::call("IF", {"A1>0", formula::text("yes"), formula::kEmpty}), "IF(A1>0;\"yes\";\"\")");
  // Empty arguments stay empty (an omitted optional argument).
  EXPECT_EQ(formula::call("OTIF", {"$D.A2:D9", "", "", "2"}), "OTIF($D.A2:D9;;;2)");
  const std::string inner = formula::call("SEGMENTS", {"$D.A2:A9"});
  EXPECT_EQ(formula::call("ROWS", {inner}), "ROWS(SEGMENTS($D.A2:A9))");
}

TEST(FormulaBuilder, CallListTakesARunTimeList) {
  EXPECT_EQ(formula::callList("AND", {}), "AND()");
  EXPECT_EQ(formula::callList("AND", std::vector<std::string>{"B2<>\"\"", "L2<>\"\""}),
            "AND(B2<>\"\";L2<>\"\")");
}

TEST(FormulaBuilder, BlankAsEmptyAndIfna) {
  EXPECT_EQ(formula::blankAsEmpty("H2"), "IF(ISBLANK(H2);\"\";H2)");
  EXPECT_EQ(formula::blankAsEmpty("$F$9"), "IF(ISBLANK($F$9);\"\";$F$9)");
  EXPECT_EQ(formula::ifna("OTIF(x)"), "IFNA(OTIF(x);\"\")");
  EXPECT_EQ(formula::ifna("Q2", "0"), "IFNA(Q2;0)");
}

// The KPISTATUS shape of the register's Status column and the review's status
// cells (objectives.h documents it).
TEST(FormulaBuilder, KpiStatus) {
  EXPECT_EQ(formula::kpiStatus("Q2", "G2", "H2", "I2"),
            "KPISTATUS(IFNA(Q2;\"\");G2;IF(ISBLANK(H2);\"\";H2);IF(ISBLANK(I2);\"\";I2))");
  EXPECT_EQ(formula::kpiStatus("G20", "$D$14", "$F$14", "$H$14"),
            "KPISTATUS(IFNA(G20;\"\");$D$14;IF(ISBLANK($F$14);\"\";$F$14);IF(ISBLANK($H$14);\"\";$H$14))");
}

TEST(FormulaBuilder, SegmentLabelsAreTheByTableRows) {
  EXPECT_EQ(formula::allSegmentText(), "\"(all)\"");
  EXPECT_EQ(formula::blankSegmentText(), "\"(blank)\"");
  EXPECT_EQ(std::u16string(qkpi::kAllSegment), u"(all)");
  EXPECT_EQ(std::u16string(qkpi::kBlankSegment), u"(blank)");
  EXPECT_EQ(formula::allSegmentText(), formula::text(qkpi::kAllSegmentUtf8));
  EXPECT_EQ(formula::blankSegmentText(), formula::text(qkpi::kBlankSegmentUtf8));
}
