// The printed report (objectives/report.h): page header/footer of the review,
// its record and the action log, the record Export PDF picks, where the PDF
// goes and its suggested file name.
#include "objectives/report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "objectives/help.h"
#include "objectives/objectives.h"

using namespace qkpi::objectives;

namespace {

constexpr long kToday = 46351;  // 2026-11-25

TEST(Report, ReviewPagesNameTitleDateAndPageOfPages) {
  qkpi::sheet::PageFrame f = reviewPageFrame("Review 2026-11-25", "2026-11-25", false);
  EXPECT_EQ(f.headerLeft, "{title}");
  EXPECT_EQ(f.headerCenter, "Quality objectives review");
  EXPECT_EQ(f.headerRight, "Review date 2026-11-25");
  EXPECT_EQ(f.footerLeft, "Review 2026-11-25");
  EXPECT_EQ(f.footerCenter, "");
  EXPECT_EQ(f.footerRight, "Page {page} of {pages}");
  qkpi::sheet::PageFrame r = reviewPageFrame("Review 2026-11-25 record", "2026-11-25", true);
  EXPECT_EQ(r.headerCenter, "Quality objectives review - record (values only)");
  EXPECT_EQ(r.footerLeft, "Review 2026-11-25 record");
}

TEST(Report, ActionLogPagesHaveTheirOwnTitleLine) {
  qkpi::sheet::PageFrame f = actionLogPageFrame("Action Log", "2026-12-01");
  EXPECT_EQ(f.headerLeft, "{title}");
  EXPECT_EQ(f.headerCenter, "Action log");
  EXPECT_EQ(f.headerRight, "As of 2026-12-01");
  EXPECT_EQ(f.footerRight, "Page {page} of {pages}");
}

TEST(Report, TheGeneratedSpecsCarryTheirPageFrame) {
  const std::vector<Objective> none;
  EXPECT_EQ(actionLog(nullptr, none, kToday, 0).pageFrame, actionLogPageFrame("Action Log", "2026-11-25"));
  // The 1904 null date: the same day.
  EXPECT_EQ(actionLog(nullptr, none, kToday - 1462, 1462).pageFrame->headerRight, "As of 2026-11-25");
}

TEST(Report, FindsTheRecordOfAReview) {
  const std::string rv = "Review 2026-11-25";
  EXPECT_EQ(reviewRecordSheet(rv, {"Objectives", rv}), std::nullopt);
  EXPECT_EQ(reviewRecordSheet(rv, {rv, "Review 2026-11-25 record"}), "Review 2026-11-25 record");
  // frozenSheetName's numbered records: the highest number is the newest.
  EXPECT_EQ(reviewRecordSheet(rv, {"Review 2026-11-25 record (3)", "Review 2026-11-25 record",
                                   "Review 2026-11-25 record (2)"}),
            "Review 2026-11-25 record (3)");
  // Not its record: another review's, a numbered review's, other text.
  EXPECT_EQ(reviewRecordSheet(rv, {"Review 2026-11-24 record", "Review 2026-11-25 (2) record",
                                   "Review 2026-11-25 record (x)", "Review 2026-11-25 record (1)",
                                   "Review 2026-11-25 record copy", "review 2026-11-25 record"}),
            std::nullopt);
  EXPECT_EQ(reviewRecordSheet("Review 2026-11-25 (2)",
                              {"Review 2026-11-25 record", "Review 2026-11-25 (2) record"}),
            "Review 2026-11-25 (2) record");
  // What frozenSheetName makes is found.
  std::vector<std::string> names = {rv, "Review 2026-11-25 record"};
  names.push_back(frozenSheetName(rv, names));
  EXPECT_EQ(reviewRecordSheet(rv, names), names.back());
}

TEST(Report, PdfTargetOrder) {
  EXPECT_EQ(choosePdfTarget(true, true, true, true), PdfTarget::Url);
  EXPECT_EQ(choosePdfTarget(false, true, true, true), PdfTarget::FileName);
  // A user at the window always gets the file picker (saved or not).
  EXPECT_EQ(choosePdfTarget(false, false, true, false), PdfTarget::AskUser);
  EXPECT_EQ(choosePdfTarget(false, false, true, true), PdfTarget::AskUser);
  // Headless (or Silent): next to the saved document, else refused.
  EXPECT_EQ(choosePdfTarget(false, false, false, true), PdfTarget::NextToDocument);
  EXPECT_EQ(choosePdfTarget(false, false, false, false), PdfTarget::Refuse);
  EXPECT_NE(unsavedPdfMessage().find("give a FileName"), std::string::npos);
}

TEST(Report, PickedPdfGetsTheExtensionAndAsksBeforeReplacing) {
  // The picker added ".pdf" itself (Automatic file name extension on) and asked about that file.
  EXPECT_EQ(pickedPdf("file:///tmp/out/report.pdf").url, "file:///tmp/out/report.pdf");
  EXPECT_FALSE(pickedPdf("file:///tmp/out/report.pdf").extensionAdded);
  EXPECT_FALSE(pickedPdf("file:///tmp/out/REPORT.PDF").extensionAdded);
  EXPECT_FALSE(mustAskBeforeReplacing(pickedPdf("file:///tmp/out/report.pdf"), true));
  // Typed without the extension (the check box off): ".pdf" is added, and the picker's own question was
  // about "report", not "report.pdf": an existing report.pdf must not be replaced without asking.
  const PickedPdf p = pickedPdf("file:///tmp/out/report");
  EXPECT_EQ(p.url, "file:///tmp/out/report.pdf");
  EXPECT_TRUE(p.extensionAdded);
  EXPECT_TRUE(mustAskBeforeReplacing(p, true));
  EXPECT_FALSE(mustAskBeforeReplacing(p, false));
  EXPECT_EQ(pickedPdf("file:///tmp/out/report.").url, "file:///tmp/out/report.pdf");
  EXPECT_EQ(pickedPdf("file:///tmp/out/report.txt").url, "file:///tmp/out/report.txt.pdf");
  EXPECT_EQ(pickedPdf("file:///tmp/out/a%20pdf").url, "file:///tmp/out/a%20pdf.pdf");
  EXPECT_EQ(pickedPdf("pdf").url, "pdf.pdf");
  EXPECT_EQ(pdfReplaceQuestion("report.pdf"),
            "A file named \"report.pdf\" already exists. Do you want to replace it?");
  EXPECT_EQ(pdfReplaceQuestion("report.pdf", Lang::De),
            "Eine Datei namens \"report.pdf\" ist bereits vorhanden. Möchten Sie sie ersetzen?");
  const std::string bad = pdfNotWrittenMessage("/mnt/ro/x.pdf");
  EXPECT_NE(bad.find("could not write \"/mnt/ro/x.pdf\""), std::string::npos);
  EXPECT_NE(bad.find("choose another folder"), std::string::npos);
  EXPECT_NE(pdfNotWrittenMessage("/mnt/ro/x.pdf", Lang::De).find("schreibgeschützt"), std::string::npos);
}

TEST(Report, SuggestedPdfName) {
  EXPECT_EQ(suggestedPdfName("quality.ods", "Review 2026-12-01"), "quality - Review 2026-12-01.pdf");
  EXPECT_EQ(suggestedPdfName("quality", "Review 2026-12-01"), "quality - Review 2026-12-01.pdf");
  EXPECT_EQ(suggestedPdfName("Untitled 1", "Review 2026-12-01"), "Untitled 1 - Review 2026-12-01.pdf");
  EXPECT_EQ(suggestedPdfName("Q3.xlsx", "Review 2026-12-01 record"), "Q3 - Review 2026-12-01 record.pdf");
  // Not an extension: a dot in the name, a long or spaced tail.
  EXPECT_EQ(suggestedPdfName("Plan v1.2 final", "R"), "Plan v1.2 final - R.pdf");
  EXPECT_EQ(suggestedPdfName("a.backup2026", "R"), "a.backup2026 - R.pdf");
  // No hidden file: leading dots go.
  EXPECT_EQ(suggestedPdfName(".ods", "R"), "ods - R.pdf");
  // Characters illegal in file names.
  EXPECT_EQ(suggestedPdfName("Q/A: \"plan\" <v2>|*?\\.ods", "R"), "Q_A_ _plan_ _v2_____ - R.pdf");
  EXPECT_EQ(suggestedPdfName(std::string("a\tb\x01.ods"), "R"), "a_b_ - R.pdf");
  // Trailing dots/spaces, empty names.
  EXPECT_EQ(suggestedPdfName("report. .ods", "R"), "report - R.pdf");
  EXPECT_EQ(suggestedPdfName("", "Review 2026-12-01"), "Untitled - Review 2026-12-01.pdf");
  EXPECT_EQ(suggestedPdfName("  .ods", "R"), "Untitled - R.pdf");
  // UTF-8 stays.
  EXPECT_EQ(suggestedPdfName("Qualitätsziele 2026.ods", "R"), "Qualitätsziele 2026 - R.pdf");
}

// Help pages only where the office shows them without aborting (measured: 7.4 yes, 25.2 no).
TEST(Help, ExtensionHelpOnlyBefore76) {
  EXPECT_TRUE(showsExtensionHelp(parseOfficeVersion("7.4.7.2")));
  EXPECT_TRUE(showsExtensionHelp(parseOfficeVersion("7.5")));
  EXPECT_TRUE(showsExtensionHelp(parseOfficeVersion("6.4.7")));
  EXPECT_FALSE(showsExtensionHelp(parseOfficeVersion("7.6.0.1")));
  EXPECT_FALSE(showsExtensionHelp(parseOfficeVersion("25.2.3.2")));
  EXPECT_FALSE(showsExtensionHelp(parseOfficeVersion("")));  // unknown: unsafe
  EXPECT_FALSE(showsExtensionHelp(parseOfficeVersion("abc")));
  EXPECT_FALSE(showsExtensionHelp(parseOfficeVersion("7")));
  EXPECT_FALSE(showsExtensionHelp(parseOfficeVersion("7.")));
  EXPECT_EQ(versionText(parseOfficeVersion("25.2.3.2")), "25.2");
  EXPECT_EQ(versionText(parseOfficeVersion("x")), "?");
}

}  // namespace
