// The printed report (see report.h).
#include "objectives/report.h"

#include "objectives/texts.h"

namespace qkpi::objectives {

namespace {

// ---- Texts of the printed report (English keys of the catalogue, texts_catalogue.inc) ------
// Every word of the page headers/footers and of Export PDF's file name and messages, in one
// place. {title}, {page} and {pages} are fields (sheet_spec.h).
constexpr const char* kTitleField = "{title}";
constexpr const char* kReviewHeader = "Quality objectives review";
constexpr const char* kRecordHeader = "Quality objectives review - record (values only)";
constexpr const char* kReviewDate = "Review date";  // + " " + ISO date
constexpr const char* kActionLogHeader = "Action log";
constexpr const char* kAsOf = "As of";  // + " " + ISO date
constexpr const char* kPageOfPages = "Page {page} of {pages}";
constexpr const char* kUntitled = "Untitled";
constexpr const char* kNameSeparator = " - ";  // "<document> - <sheet>.pdf"
constexpr const char* kUnsaved =
    "The document has not been saved yet: save it first (the PDF is written next to it), or give a FileName.";
constexpr const char* kCancelled = "Export PDF cancelled: no PDF was written.";
constexpr const char* kFilter = "PDF document (*.pdf)";
constexpr const char* kPickerTitle = "Export Review as PDF";
constexpr const char* kReplace = "A file named \"{1}\" already exists. Do you want to replace it?";
constexpr const char* kNotWritten =
    "Export PDF: could not write \"{1}\" (is the folder write-protected, the disk full or the file open in "
    "another program?). No PDF was written: choose another folder.";
constexpr const char* kPdfExtension = ".pdf";
// ---- end of the texts --------------------------------------------------------------------

sheet::PageFrame frame(const std::string& sheetName, std::string center, std::string right, Lang lang) {
  sheet::PageFrame f;
  f.headerLeft = kTitleField;
  f.headerCenter = std::move(center);
  f.headerRight = std::move(right);
  f.footerLeft = sheetName;
  f.footerRight = tr(lang, kPageOfPages);
  return f;
}

bool asciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool illegalInFileName(unsigned char c) {
  return c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' ||
         c == '<' || c == '>' || c == '|';
}

// `name` without a trailing file extension (".ods", ".xlsx"; not " v1.2 final").
std::string_view withoutExtension(std::string_view name) {
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return name;
  const std::string_view ext = name.substr(dot + 1);
  if (ext.empty() || ext.size() > 5) return name;
  for (char c : ext)
    if (!asciiAlnum(c)) return name;
  return name.substr(0, dot);
}

std::string cleaned(std::string_view s) {
  std::string out;
  for (char c : s) out += illegalInFileName(static_cast<unsigned char>(c)) ? '_' : c;
  return out;
}

}  // namespace

sheet::PageFrame reviewPageFrame(const std::string& sheetName, const std::string& isoDate, bool record,
                                 Lang lang) {
  return frame(sheetName, tr(lang, record ? kRecordHeader : kReviewHeader),
               tr(lang, kReviewDate) + " " + isoDate, lang);
}

sheet::PageFrame actionLogPageFrame(const std::string& sheetName, const std::string& isoDate, Lang lang) {
  return frame(sheetName, tr(lang, kActionLogHeader), tr(lang, kAsOf) + " " + isoDate, lang);
}

PdfTarget choosePdfTarget(bool hasUrl, bool hasFileName, bool interactive, bool saved) {
  if (hasUrl) return PdfTarget::Url;
  if (hasFileName) return PdfTarget::FileName;
  if (interactive) return PdfTarget::AskUser;
  if (saved) return PdfTarget::NextToDocument;
  return PdfTarget::Refuse;
}

std::string suggestedPdfName(std::string_view document, std::string_view sheet) {
  std::string base = cleaned(withoutExtension(document));
  while (!base.empty() && (base.back() == ' ' || base.back() == '.')) base.pop_back();
  std::size_t lead = base.find_first_not_of(" .");
  base = lead == std::string::npos ? std::string() : base.substr(lead);
  if (base.empty()) base = kUntitled;
  return base + kNameSeparator + cleaned(sheet) + ".pdf";
}

std::string unsavedPdfMessage(Lang lang) {
  return tr(lang, kUnsaved);
}
std::string pdfCancelledMessage(Lang lang) {
  return tr(lang, kCancelled);
}
std::string pdfFilterTitle(Lang lang) {
  return tr(lang, kFilter);
}
std::string pdfPickerTitle(Lang lang) {
  return tr(lang, kPickerTitle);
}

PickedPdf pickedPdf(std::string_view picked) {
  const std::string_view ext = kPdfExtension;
  bool hasExt = picked.size() >= ext.size();
  for (std::size_t i = 0; hasExt && i < ext.size(); ++i) {
    char c = picked[picked.size() - ext.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    hasExt = c == ext[i];
  }
  if (hasExt) return {std::string(picked), false};
  std::string url(picked);
  if (!url.empty() && url.back() == '.') url.pop_back();  // "report." -> "report.pdf", not "report..pdf"
  return {url + kPdfExtension, true};
}

bool mustAskBeforeReplacing(const PickedPdf& p, bool fileExists) {
  return p.extensionAdded && fileExists;
}

std::string pdfReplaceQuestion(std::string_view name, Lang lang) {
  return trf(lang, kReplace, {name});
}

std::string pdfNotWrittenMessage(std::string_view path, Lang lang) {
  return trf(lang, kNotWritten, {path});
}

}  // namespace qkpi::objectives
