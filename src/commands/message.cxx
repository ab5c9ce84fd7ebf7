// Outcome messages: message box and dispatch result (see message.hxx).
#include "message.hxx"

#include <osl/process.h>

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBox.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindow2.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <cstdio>

#include "objectives/texts.h"
#include "strings.hxx"

namespace qkpi::commands {

using namespace css;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;

namespace {

bool officeIsHeadless() {
  sal_uInt32 n = osl_getCommandArgCount();
  for (sal_uInt32 i = 0; i < n; ++i) {
    rtl::OUString arg;
    osl_getCommandArg(i, &arg.pData);
    if (arg == "--headless" || arg == "-headless") return true;
  }
  return false;
}

}  // namespace

std::string joinNames(const std::vector<std::string>& v, objectives::Lang lang) {
  const std::string last = " " + objectives::tr(lang, "and") + " ";
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += i + 1 == v.size() ? last : ", ";
    s += "\"" + v[i] + "\"";
  }
  return s;
}

void showMessage(const Reference<uno::XComponentContext>& ctx, const Reference<frame::XFrame>& frame,
                 const Outcome& out) {
  try {
    static const bool headless = officeIsHeadless();
    if (headless || !frame.is()) return;
    Reference<awt::XWindow2> window(frame->getContainerWindow(), UNO_QUERY);
    if (!window.is() || !window->isVisible()) return;
    Reference<awt::XMessageBoxFactory> factory(awt::Toolkit::create(ctx), UNO_QUERY_THROW);
    Reference<awt::XMessageBox> box =
        factory->createMessageBox(Reference<awt::XWindowPeer>(window, UNO_QUERY),
                                  out.ok ? awt::MessageBoxType_INFOBOX : awt::MessageBoxType_ERRORBOX,
                                  awt::MessageBoxButtons::BUTTONS_OK, "Quality Objectives", u(out.message));
    if (box.is()) box->execute();
  } catch (const uno::Exception& ex) {
    std::fprintf(stderr, "qkpi: cannot show a message: %s\n", utf8(ex.Message).c_str());
  }
}

void notifyResult(const Reference<frame::XDispatchResultListener>& listener,
                  const Reference<uno::XInterface>& source, const Outcome& out) {
  if (!listener.is()) return;
  frame::DispatchResultEvent ev;
  ev.Source = source;
  ev.State = out.ok ? frame::DispatchResultState::SUCCESS : frame::DispatchResultState::FAILURE;
  ev.Result <<= u(out.message);
  listener->dispatchFinished(ev);
}

}  // namespace qkpi::commands
