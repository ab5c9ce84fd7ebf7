// org.qkpi:ExportPdf: the print ranges of the latest review sheet
// (objectives::latestReviewSheet) and of the action log, as one PDF: to URL,
// to FileName (a system path, relative to the office's working directory), or
// next to the saved document as "<document> - Review YYYY-MM-DD.pdf".
#include <osl/process.h>

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XPrintAreas.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XSheetCellRangeContainer.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <optional>
#include <osl/file.hxx>
#include <rtl/uri.hxx>
#include <string>
#include <vector>

#include "command.hxx"
#include "document.hxx"

namespace qkpi::commands {

using namespace css;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using objectives::UserError;

namespace {

// The sheet's first print range, or its used area.
table::CellRangeAddress printedArea(const Reference<css::sheet::XSpreadsheet>& sh) {
  Reference<css::sheet::XPrintAreas> pa(sh, UNO_QUERY_THROW);
  Sequence<table::CellRangeAddress> areas = pa->getPrintAreas();
  if (areas.getLength() > 0) return areas[0];
  Reference<css::sheet::XSheetCellCursor> cur = sh->createCursor();
  Reference<css::sheet::XUsedAreaCursor>(cur, UNO_QUERY_THROW)->gotoStartOfUsedArea(false);
  Reference<css::sheet::XUsedAreaCursor>(cur, UNO_QUERY_THROW)->gotoEndOfUsedArea(true);
  return Reference<css::sheet::XCellRangeAddressable>(cur, UNO_QUERY_THROW)->getRangeAddress();
}

// The PDF's URL (see the file comment); UserError for a bad FileName or an unsaved document.
OUString pdfTarget(const Env& e, const std::string& review) {
  if (!e.args.url.isEmpty()) return e.args.url;
  if (!e.args.fileName.isEmpty()) {
    OUString url, abs, cwd;
    if (osl::FileBase::getFileURLFromSystemPath(e.args.fileName, url) != osl::FileBase::E_None)
      throw UserError("FileName: \"" + utf8(e.args.fileName) + "\" is not a valid file name");
    osl_getProcessWorkingDir(&cwd.pData);
    if (osl::FileBase::getAbsoluteFileURL(cwd, url, abs) != osl::FileBase::E_None) abs = url;
    return abs;
  }
  Reference<frame::XModel> model(e.doc, UNO_QUERY_THROW);
  OUString loc = model->getURL();
  if (loc.isEmpty())
    throw UserError(
        "The document has not been saved yet: save it first (the PDF is written next to it), or give a FileName.");
  sal_Int32 slash = loc.lastIndexOf('/');
  OUString dir = loc.copy(0, slash + 1), file = loc.copy(slash + 1);
  sal_Int32 dot = file.lastIndexOf('.');
  if (dot > 0) file = file.copy(0, dot);
  OUString suffix = rtl::Uri::encode(u(" - " + review + ".pdf"), rtl_UriCharClassPchar,
                                     rtl_UriEncodeIgnoreEscapes, RTL_TEXTENCODING_UTF8);
  return dir + file + suffix;
}

// Stores the print ranges of `parts` as PDF at `url` (no comments, with bookmarks).
void storePdf(const Env& e, const std::vector<std::string>& parts, const OUString& url) {
  Reference<css::sheet::XSheetCellRangeContainer> ranges(
      Reference<lang::XMultiServiceFactory>(e.doc, UNO_QUERY_THROW)
          ->createInstance("com.sun.star.sheet.SheetCellRanges"),
      UNO_QUERY_THROW);
  for (const std::string& p : parts) ranges->addRangeAddress(printedArea(sheetByName(e.doc, p)), false);

  Sequence<beans::PropertyValue> filterData(3);
  beans::PropertyValue* fd = filterData.getArray();
  fd[0].Name = "Selection";
  fd[0].Value <<= Reference<uno::XInterface>(ranges, UNO_QUERY);
  fd[1].Name = "ExportNotes";  // the header comments are help for editing, not part of the record
  fd[1].Value <<= false;
  fd[2].Name = "ExportBookmarks";
  fd[2].Value <<= true;
  Sequence<beans::PropertyValue> store(3);
  beans::PropertyValue* s = store.getArray();
  s[0].Name = "FilterName";
  s[0].Value <<= OUString("calc_pdf_Export");
  s[1].Name = "FilterData";
  s[1].Value <<= filterData;
  s[2].Name = "Overwrite";
  s[2].Value <<= true;
  Reference<frame::XStorable>(e.doc, UNO_QUERY_THROW)->storeToURL(url, store);
}

}  // namespace

Outcome exportPdfCommand(const Env& e) {
  std::optional<std::string> review = objectives::latestReviewSheet(sheetNames(e.doc));
  if (!review)
    throw UserError(
        objectives::tr(e.lang, "No review sheet to export: run Quality Objectives > Review first."));
  std::vector<std::string> parts{*review};
  if (hasSheet(e.doc, objectives::kActionLogSheet)) parts.push_back(objectives::kActionLogSheet);
  OUString url = pdfTarget(e, *review);

  recalcIfManual(e.doc);
  storePdf(e, parts, url);

  OUString path;
  if (osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None) path = url;
  return {true, objectives::trf(e.lang, "Exported {1} to {2}", {joinNames(parts, e.lang), utf8(path)}), true};
}

}  // namespace qkpi::commands
