// org.qkpi:ExportPdf: the print ranges of the latest review sheet
// (objectives::latestReviewSheet) — or of its values-only record when it has
// one (objectives::reviewRecordSheet) — and of the action log, as one PDF.
// Where (objectives::choosePdfTarget): to URL, to FileName (a system path,
// relative to the office's working directory), else a user at the window
// picks the file (a file picker in the document's folder or the work folder,
// suggested name objectives::suggestedPdfName: "<document> - Review
// YYYY-MM-DD.pdf"); headless or Silent: next to the saved document under that
// name, refused for an unsaved one. A name typed without ".pdf" gets it, and
// an existing file of that name is replaced only after a Yes
// (objectives::pickedPdf); a folder that cannot be written says so
// (objectives::pdfNotWrittenMessage).
#include <osl/process.h>

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxResults.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBox.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindow2.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/frame/XTitle.hpp>
#include <com/sun/star/io/IOException.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XPrintAreas.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XSheetCellRangeContainer.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/ui/dialogs/ExecutableDialogResults.hpp>
#include <com/sun/star/ui/dialogs/ExtendedFilePickerElementIds.hpp>
#include <com/sun/star/ui/dialogs/TemplateDescription.hpp>
#include <com/sun/star/ui/dialogs/XFilePicker3.hpp>
#include <com/sun/star/ui/dialogs/XFilePickerControlAccess.hpp>
#include <com/sun/star/util/thePathSettings.hpp>
#include <optional>
#include <osl/file.hxx>
#include <rtl/uri.hxx>
#include <string>
#include <vector>

#include "command.hxx"
#include "document.hxx"
#include "objectives/report.h"

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

// A user at the document's window may be asked: not headless, not Silent, a visible window.
bool interactive(const Env& e) {
  if (e.silent || officeIsHeadless() || !e.controller.is()) return false;
  Reference<frame::XFrame> frame = e.controller->getFrame();
  if (!frame.is()) return false;
  Reference<awt::XWindow2> window(frame->getContainerWindow(), UNO_QUERY);
  return window.is() && window->isVisible();
}

// The document's name for the suggested PDF name: its file name (decoded), or
// its title when unsaved ("Untitled 1").
std::string documentName(const Env& e, const OUString& location) {
  if (!location.isEmpty()) {
    OUString file = location.copy(location.lastIndexOf('/') + 1);
    return utf8(rtl::Uri::decode(file, rtl_UriDecodeWithCharset, RTL_TEXTENCODING_UTF8));
  }
  Reference<frame::XTitle> title(e.doc, UNO_QUERY);
  return title.is() ? utf8(title->getTitle()) : std::string();
}

// Yes/No: may Export PDF replace the existing file `url`? (No is the default button.)
bool replaceConfirmed(const Env& e, const OUString& url) {
  Reference<awt::XWindowPeer> parent(e.controller->getFrame()->getContainerWindow(), UNO_QUERY);
  Reference<awt::XMessageBoxFactory> factory(awt::Toolkit::create(e.ctx), UNO_QUERY_THROW);
  const OUString name =
      rtl::Uri::decode(url.copy(url.lastIndexOf('/') + 1), rtl_UriDecodeWithCharset, RTL_TEXTENCODING_UTF8);
  Reference<awt::XMessageBox> box = factory->createMessageBox(
      parent, awt::MessageBoxType_QUERYBOX,
      awt::MessageBoxButtons::BUTTONS_YES_NO | awt::MessageBoxButtons::DEFAULT_BUTTON_NO,
      u(objectives::pdfPickerTitle(e.lang)), u(objectives::pdfReplaceQuestion(utf8(name), e.lang)));
  return box.is() && box->execute() == awt::MessageBoxResults::YES;
}

bool fileExists(const OUString& url) {
  osl::DirectoryItem item;
  return osl::DirectoryItem::get(url, item) == osl::FileBase::E_None;
}

// The file picker (save, PDF filter, automatic extension) in `folder` with
// `name` suggested; "" when the user cancels. A name without ".pdf" gets it;
// when that file exists (the picker asked about the name as typed) the user is
// asked before it is replaced, and No shows the picker again.
OUString askForPdf(const Env& e, const OUString& folder, const std::string& name) {
  namespace dialogs = css::ui::dialogs;
  Sequence<uno::Any> init(1);
  init.getArray()[0] <<= dialogs::TemplateDescription::FILESAVE_AUTOEXTENSION;
  Reference<dialogs::XFilePicker3> picker(e.ctx->getServiceManager()->createInstanceWithArgumentsAndContext(
                                              "com.sun.star.ui.dialogs.FilePicker", init, e.ctx),
                                          UNO_QUERY_THROW);
  picker->setTitle(u(objectives::pdfPickerTitle(e.lang)));
  const OUString filter = u(objectives::pdfFilterTitle(e.lang));
  picker->appendFilter(filter, "*.pdf");
  picker->setCurrentFilter(filter);
  if (!folder.isEmpty()) picker->setDisplayDirectory(folder);
  picker->setDefaultName(u(name));
  Reference<dialogs::XFilePickerControlAccess> controls(picker, UNO_QUERY);
  if (controls.is()) {
    try {
      controls->setValue(dialogs::ExtendedFilePickerElementIds::CHECKBOX_AUTOEXTENSION, 0, uno::Any(true));
    } catch (const uno::Exception&) {  // a picker without the check box: the extension is added below
    }
  }
  for (;;) {
    if (picker->execute() != dialogs::ExecutableDialogResults::OK) return {};
    Sequence<OUString> files = picker->getSelectedFiles();
    if (files.getLength() == 0) return {};
    const objectives::PickedPdf picked = objectives::pickedPdf(utf8(files[0]));
    const OUString url = u(picked.url);
    if (!objectives::mustAskBeforeReplacing(picked, fileExists(url)) || replaceConfirmed(e, url)) return url;
    // No: the picker again, in that folder, with the name as it would be written
    const sal_Int32 slash = url.lastIndexOf('/');
    picker->setDisplayDirectory(url.copy(0, slash + 1));
    picker->setDefaultName(
        rtl::Uri::decode(url.copy(slash + 1), rtl_UriDecodeWithCharset, RTL_TEXTENCODING_UTF8));
  }
}

// The work folder of the office (Tools > Options > Paths > My Documents), as a URL; "" if unknown.
OUString workFolder(const Env& e) {
  try {
    OUString work;
    Reference<beans::XPropertySet>(util::thePathSettings::get(e.ctx), UNO_QUERY_THROW)
        ->getPropertyValue("Work") >>= work;
    return work;
  } catch (const uno::Exception&) {
    return {};
  }
}

// The PDF's URL (see the file comment); "" when the user cancelled the file
// picker; UserError for a bad FileName or an unsaved document without one.
OUString pdfTarget(const Env& e, const std::string& sheet) {
  const OUString loc = Reference<frame::XModel>(e.doc, UNO_QUERY_THROW)->getURL();
  switch (objectives::choosePdfTarget(!e.args.url.isEmpty(), !e.args.fileName.isEmpty(), interactive(e),
                                      !loc.isEmpty())) {
    case objectives::PdfTarget::Url:
      return e.args.url;
    case objectives::PdfTarget::FileName: {
      OUString url, abs, cwd;
      if (osl::FileBase::getFileURLFromSystemPath(e.args.fileName, url) != osl::FileBase::E_None)
        throw UserError(
            objectives::trf(e.lang, "FileName: \"{1}\" is not a valid file name", {utf8(e.args.fileName)}));
      osl_getProcessWorkingDir(&cwd.pData);
      if (osl::FileBase::getAbsoluteFileURL(cwd, url, abs) != osl::FileBase::E_None) abs = url;
      return abs;
    }
    case objectives::PdfTarget::AskUser:
      return askForPdf(e, loc.isEmpty() ? workFolder(e) : loc.copy(0, loc.lastIndexOf('/') + 1),
                       objectives::suggestedPdfName(documentName(e, loc), sheet));
    case objectives::PdfTarget::NextToDocument:
      return loc.copy(0, loc.lastIndexOf('/') + 1) +
             rtl::Uri::encode(u(objectives::suggestedPdfName(documentName(e, loc), sheet)),
                              rtl_UriCharClassPchar, rtl_UriEncodeIgnoreEscapes, RTL_TEXTENCODING_UTF8);
    case objectives::PdfTarget::Refuse:
      break;
  }
  throw UserError(objectives::unsavedPdfMessage(e.lang));
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
  try {
    Reference<frame::XStorable>(e.doc, UNO_QUERY_THROW)->storeToURL(url, store);
  } catch (const io::IOException&) {  // a write-protected folder, a full disk, a locked file
    OUString path;
    if (osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None) path = url;
    throw UserError(objectives::pdfNotWrittenMessage(utf8(path), e.lang));
  }
}

}  // namespace

Outcome exportPdfCommand(const Env& e) {
  const std::vector<std::string> names = sheetNames(e.doc);
  std::optional<std::string> review = objectives::latestReviewSheet(names);
  if (!review)
    throw UserError(
        objectives::tr(e.lang, "No review sheet to export: run Quality Objectives > Review first."));
  // The values-only record, when the latest review has one: the record of what was reviewed.
  const std::string sheet = objectives::reviewRecordSheet(*review, names).value_or(*review);
  std::vector<std::string> parts{sheet};
  if (hasSheet(e.doc, objectives::kActionLogSheet)) parts.push_back(objectives::kActionLogSheet);
  OUString url = pdfTarget(e, sheet);
  if (url.isEmpty()) return {true, objectives::pdfCancelledMessage(e.lang), true};

  recalcIfManual(e.doc);
  storePdf(e, parts, url);

  OUString path;
  if (osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None) path = url;
  return {true, objectives::trf(e.lang, "Exported {1} to {2}", {joinNames(parts, e.lang), utf8(path)}),
          false};
}

}  // namespace qkpi::commands
