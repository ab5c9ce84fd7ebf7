// Review sheet names: built by reviewSheetName / uniqueSheetName /
// frozenSheetName and read back by parseReviewSheetName / latestReviewSheet
// (ExportPdf picks the latest review with it).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "objectives/objectives.h"

using namespace qkpi::objectives;

namespace {

constexpr long kToday = 46351;  // 2026-11-25

TEST(Naming, BuildsReviewAndRecordNames) {
  EXPECT_EQ(reviewSheetName(kToday, 0, {}), "Review 2026-11-25");
  EXPECT_EQ(reviewSheetName(kToday, 0, {"review 2026-11-25"}), "Review 2026-11-25 (2)");
  EXPECT_EQ(reviewSheetName(kToday, 0, {"Review 2026-11-25", "Review 2026-11-25 (2)"}),
            "Review 2026-11-25 (3)");
  EXPECT_EQ(frozenSheetName("Review 2026-11-25", {}), "Review 2026-11-25 record");
  EXPECT_EQ(frozenSheetName("Review 2026-11-25", {"Review 2026-11-25 record"}),
            "Review 2026-11-25 record (2)");
}

TEST(Naming, ParsesWhatTheBuilderWrites) {
  std::vector<std::string> names;
  for (int i = 1; i <= 12; ++i) {
    const std::string n = reviewSheetName(kToday, 0, names);
    names.push_back(n);
    EXPECT_EQ(parseReviewSheetName(n), (ReviewSheet{"2026-11-25", i})) << n;
  }
  // 1904 null date: the same day has another serial, the same name
  EXPECT_EQ(parseReviewSheetName(reviewSheetName(kToday - 1462, 1462, {})), (ReviewSheet{"2026-11-25", 1}));
}

TEST(Naming, RecordsAndOtherNamesAreNotReviews) {
  for (const char* n : {"Review 2026-11-25 record",
                        "Review 2026-11-25 record (2)",
                        "Review 2026-11-25 (2) record",
                        "review 2026-11-25",
                        "Review  2026-11-25",
                        "Review 2026-11-25 ",
                        "Review 2026-1-25",
                        "Review 26-11-25",
                        "Review 2026/11/25",
                        "Review 2026-11-25 (x)",
                        "Review 2026-11-25 ()",
                        "Review 2026-11-25 (2",
                        "Review 2026-11-25(2)",
                        "Review 2026-11-25 (-2)",
                        "Review 2026-11-25 (2) ",
                        "Review 2026-11-25 (99999999999)",
                        "Review ",
                        "Review",
                        "",
                        "Objectives",
                        "Action Log",
                        "My Review 2026-11-25"})
    EXPECT_EQ(parseReviewSheetName(n), std::nullopt) << n;
}

TEST(Naming, ParsesTheShapeNotTheCalendar) {
  // As the name shows it: four-two-two digits, leading zeros in the number allowed.
  EXPECT_EQ(parseReviewSheetName("Review 2026-13-40"), (ReviewSheet{"2026-13-40", 1}));
  EXPECT_EQ(parseReviewSheetName("Review 2026-11-25 (007)"), (ReviewSheet{"2026-11-25", 7}));
  EXPECT_EQ(parseReviewSheetName("Review 2026-11-25 (0)"), (ReviewSheet{"2026-11-25", 0}));
}

TEST(Naming, LatestIsTheNewestDateThenTheHighestNumber) {
  EXPECT_EQ(latestReviewSheet({}), std::nullopt);
  EXPECT_EQ(latestReviewSheet({"Objectives", "Action Log", "Review 2026-11-25 record"}), std::nullopt);
  EXPECT_EQ(latestReviewSheet({"Review 2026-10-31", "Review 2026-11-25", "Review 2026-09-01"}),
            "Review 2026-11-25");
  EXPECT_EQ(latestReviewSheet({"Review 2026-11-25 (10)", "Review 2026-11-25 (9)", "Review 2026-11-25"}),
            "Review 2026-11-25 (10)");  // numbers, not text
  EXPECT_EQ(latestReviewSheet({"Review 2026-11-25 (3)", "Review 2026-12-01", "Review 2026-11-25 (4)"}),
            "Review 2026-12-01");
  // A record of a later day is no review.
  EXPECT_EQ(latestReviewSheet({"Review 2026-11-25", "Review 2026-12-01 record"}), "Review 2026-11-25");
  // Equal keys: the first one in the document's order.
  EXPECT_EQ(latestReviewSheet({"Review 2026-11-25 (1)", "Review 2026-11-25"}), "Review 2026-11-25 (1)");
  EXPECT_EQ(latestReviewSheet({"Review 2026-11-25", "Review 2026-11-25 (1)"}), "Review 2026-11-25");
}

}  // namespace
