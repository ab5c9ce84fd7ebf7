// org.qkpi:Help: opens a qkpi help page of the extension (help/<lang>/org.qkpi.extension/, generated
// by tools/qkpi_gen help), in the UI language (de, else en-US): the page of the qkpi function that the
// current cell's formula calls (=OTIF(...) gives OTIF.xhp: context help, as F1 in the Function Wizard
// cannot give it), else the index page.
//
// The page is found by its path:
// vnd.sun.star.help://scalc/org.qkpi.extension%2Findex.xhp?Language=…&System=UNX (no page has a help
// id: F1 on a qkpi entry would make 7.6 and later read the help.jar, see below). An extension cannot
// start LibreOffice's help window itself (that is vcl's Help::Start, not UNO API): when the help window
// is open, the page is loaded into it; otherwise it opens in a window of its own (the same page,
// rendered by LibreOffice's help content provider, read-only).
//
// Not in LibreOffice 7.6 and later: their help content provider (xmlhelp) aborts soffice on any page of
// an extension (measured in 25.2.3, with any extension that has help, qkpi's or a one-page test one). It
// opens the extension's compiled help.jar with its own XInputStream_impl, which is no
// comphelper::ByteReader, and package's ByteGrabber calls through that null ByteReader (SIGSEGV in
// ZipFile's search for the end record, then abort). Its other way (UseDB=no) finds no extension page at
// all. There the command opens nothing and says why, instead of closing the user's office.
#include <com/sun/star/awt/XTopWindow.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/FrameSearchFlag.hpp>
#include <com/sun/star/frame/XComponentLoader.hpp>
#include <com/sun/star/frame/XDesktop2.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetView.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>
#include <optional>
#include <string>

#include "command.hxx"
#include "objectives/explain.h"
#include "objectives/help.h"
#include "objectives/sidebar_model.h"
#include "objectives/texts.h"
#include "strings.hxx"
#include "ui_language.hxx"

namespace qkpi::commands {

using namespace css;
using css::uno::Sequence;
using css::uno::UNO_QUERY;

namespace {

std::string officeVersion(const Reference<uno::XComponentContext>& ctx) {
  try {
    Reference<lang::XMultiServiceFactory> cp = configuration::theDefaultProvider::get(ctx);
    beans::NamedValue nv("nodepath", uno::Any(OUString("/org.openoffice.Setup/Product")));
    Sequence<uno::Any> args(1);
    args.getArray()[0] <<= nv;
    Reference<container::XNameAccess> na(
        cp->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args), UNO_QUERY);
    OUString v;
    if (na.is() && na->hasByName("ooSetupVersionAboutBox")) na->getByName("ooSetupVersionAboutBox") >>= v;
    if (v.isEmpty() && na.is() && na->hasByName("ooSetupVersion")) na->getByName("ooSetupVersion") >>= v;
    return OUStringToOString(v, RTL_TEXTENCODING_UTF8).getStr();
  } catch (const uno::Exception&) {
    return "";
  }
}

}  // namespace

OUString helpIndexUrl(const std::string& uiLocaleTag, const std::string& page) {
  const bool german = objectives::sidebar::panelLanguage(uiLocaleTag) == "de";
  return OUString::createFromAscii("vnd.sun.star.help://scalc/org.qkpi.extension%2F") +
         OUString::createFromAscii(page.c_str()) +
         ".xhp?Language=" + OUString::createFromAscii(german ? "de" : "en-US") + "&System=UNX";
}

namespace {

// Context help: the page of the qkpi function the current cell's formula calls ("OTIF"), else "index".
std::string pageOfCurrentCell(const Env& e) {
  try {
    Reference<view::XSelectionSupplier> selection(e.controller, UNO_QUERY);
    if (!selection.is()) return "index";
    Reference<css::sheet::XCellRangeAddressable> range(selection->getSelection(), UNO_QUERY);
    Reference<css::sheet::XSpreadsheetView> view(e.controller, UNO_QUERY);
    if (!range.is() || !view.is()) return "index";
    const table::CellRangeAddress a = range->getRangeAddress();
    const OUString f = view->getActiveSheet()->getCellByPosition(a.StartColumn, a.StartRow)->getFormula();
    return objectives::firstQkpiFunction(utf8(f)).value_or("index");
  } catch (const uno::Exception&) {
    return "index";
  }
}

}  // namespace

Outcome helpCommand(const Env& e) {
  const std::optional<objectives::OfficeVersion> version =
      objectives::parseOfficeVersion(officeVersion(e.ctx));
  if (!objectives::showsExtensionHelp(version)) {
    const std::string v = objectives::versionText(version);
    return {
        false,
        objectives::trf(e.lang,
                        "LibreOffice {1} cannot show the help pages of extensions: its help viewer would "
                        "close LibreOffice, so the qkpi help is not opened. Each function's help is in the "
                        "Function Wizard (Insert > Function, category Add-in).",
                        {v}),
        false};
  }
  const OUString url = helpIndexUrl(uiLocale(e.ctx), pageOfCurrentCell(e));
  Reference<frame::XDesktop2> desktop = frame::Desktop::create(e.ctx);
  // the content frame of LibreOffice's help window (sfx2 names it so), when that window is open
  Reference<frame::XFrame> content = desktop->findFrame("OFFICE_HELP", frame::FrameSearchFlag::CHILDREN);
  Reference<frame::XComponentLoader> loader(content, UNO_QUERY);
  if (loader.is()) {
    loader->loadComponentFromURL(url, "_self", 0, {});
    Reference<frame::XFrame> task = desktop->findFrame("OFFICE_HELP_TASK", frame::FrameSearchFlag::CHILDREN);
    if (task.is())
      if (Reference<awt::XTopWindow> top{task->getContainerWindow(), UNO_QUERY}; top.is()) top->toFront();
    return {true, objectives::tr(e.lang, "Opened the qkpi help in the help window."), false};
  }
  Reference<frame::XComponentLoader> blank(desktop, UNO_QUERY);
  Sequence<beans::PropertyValue> props(1);
  props.getArray()[0].Name = "ReadOnly";
  props.getArray()[0].Value <<= true;
  if (!blank->loadComponentFromURL(url, "_blank", 0, props).is())
    return {
        false,
        objectives::tr(
            e.lang,
            "The qkpi help could not be opened. It needs the LibreOffice help viewer files (Debian: libreoffice-help-common and libreoffice-writer)."),
        false};
  return {true, objectives::tr(e.lang, "Opened the qkpi help."), false};
}

}  // namespace qkpi::commands
