// The printed report (Export PDF, Print): the page header and footer of the
// generated sheets, which review sheet is exported, where the PDF goes and its
// suggested file name. Pure; the commands only ask and apply.
//
// The texts of the printed report (header/footer words, the file name
// pattern, the messages of Export PDF) are all in report.cpp, in the block
// "Texts of the printed report" (English).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "objectives/lang.h"
#include "objectives/sheet_spec.h"

namespace qkpi::objectives {

// A review sheet's pages: header "{title}" | "Quality objectives review" (or
// "... review - record (values only)") | "Review date <isoDate>", footer
// <sheet name> | | "Page {page} of {pages}".
sheet::PageFrame reviewPageFrame(const std::string& sheetName, const std::string& isoDate, bool record,
                                 Lang lang = Lang::En);
// The action log's pages: the title line "Action log" | "As of <isoDate>" (the
// day of the last Action Log run) in the header, the same footer.
sheet::PageFrame actionLogPageFrame(const std::string& sheetName, const std::string& isoDate,
                                    Lang lang = Lang::En);

// Where Export PDF writes, in this order: the URL argument, the FileName
// argument, a file picker (a user at a visible window, no Silent), next to the
// saved document, else refused (unsavedPdfMessage).
enum class PdfTarget { Url, FileName, AskUser, NextToDocument, Refuse };
PdfTarget choosePdfTarget(bool hasUrl, bool hasFileName, bool interactive, bool saved);

// "<document> - <sheet>.pdf": `document` is the document's file name or title
// ("quality.ods", "Untitled 1"); a file extension (a last dot followed by 1-5
// letters/digits) is dropped, characters that are illegal in file names on
// Windows, macOS or Linux (/ \ : * ? " < > | and control characters) become
// "_", leading and trailing dots and spaces go; an empty name becomes "Untitled".
// E.g. ("quality.ods", "Review 2026-12-01") -> "quality - Review 2026-12-01.pdf".
std::string suggestedPdfName(std::string_view document, std::string_view sheet);

// The texts of Export PDF's outcomes.
std::string unsavedPdfMessage(Lang lang = Lang::En);    // refused: headless, unsaved, no FileName/URL
std::string pdfCancelledMessage(Lang lang = Lang::En);  // the user closed the file picker
std::string pdfFilterTitle(Lang lang = Lang::En);       // the file picker's filter: "PDF document (*.pdf)"
std::string pdfPickerTitle(Lang lang = Lang::En);       // the file picker's title

// The file the picker's answer `picked` (a URL) names: `picked` when it ends in
// ".pdf" (any case), else with ".pdf" added (the user switched "Automatic file
// name extension" off, or a picker without it). `extensionAdded`: the picker
// asked about another file than the one written, so Export PDF must ask itself
// before it replaces an existing one (mustAskBeforeReplacing).
struct PickedPdf {
  std::string url;
  bool extensionAdded = false;
};
PickedPdf pickedPdf(std::string_view picked);
bool mustAskBeforeReplacing(const PickedPdf& p, bool fileExists);
// "A file named "<name>" already exists. Do you want to replace it?" (`name`: the file name, no folder).
std::string pdfReplaceQuestion(std::string_view name, Lang lang = Lang::En);
// The PDF could not be written at `path` (system path): says why it may be and what to do.
std::string pdfNotWrittenMessage(std::string_view path, Lang lang = Lang::En);

}  // namespace qkpi::objectives
