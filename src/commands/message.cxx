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
#include <com/sun/star/frame/InfobarType.hpp>
#include <com/sun/star/frame/XInfobarProvider.hpp>
#include <cstdio>

#include "objectives/texts.h"
#include "strings.hxx"
#include "ui_language.hxx"

namespace qkpi::commands {

using namespace css;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;

bool officeIsHeadless() {
  sal_uInt32 n = osl_getCommandArgCount();
  for (sal_uInt32 i = 0; i < n; ++i) {
    rtl::OUString arg;
    osl_getCommandArg(i, &arg.pData);
    if (arg == "--headless" || arg == "-headless") return true;
  }
  return false;
}

std::string joinNames(const std::vector<std::string>& v, objectives::Lang lang) {
  const std::string last = " " + objectives::tr(lang, "and") + " ";
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += i + 1 == v.size() ? last : ", ";
    s += "\"" + v[i] + "\"";
  }
  return s;
}

bool showInfobar(const Reference<uno::XComponentContext>& ctx, const Reference<frame::XFrame>& frame,
                 const Outcome& out) {
  try {
    if (!frame.is()) return false;
    Reference<frame::XInfobarProvider> bars(frame->getController(), UNO_QUERY);
    if (!bars.is()) return false;
    const sal_Int32 type = !out.ok      ? frame::InfobarType::DANGER
                           : out.notice ? frame::InfobarType::WARNING
                                        : frame::InfobarType::SUCCESS;
    const OUString id = u(kOutcomeInfobar);
    const OUString title = u(objectives::tr(uiLanguage(ctx), kOutcomeTitle));
    if (bars->hasInfobar(id))
      bars->updateInfobar(id, title, u(out.message), type);
    else
      bars->appendInfobar(id, title, u(out.message), type, {}, true);
    return true;
  } catch (const uno::Exception& ex) {
    std::fprintf(stderr, "qkpi: cannot show the outcome bar: %s\n", utf8(ex.Message).c_str());
    return false;
  }
}

void showOutcome(const Reference<uno::XComponentContext>& ctx, const Reference<frame::XFrame>& frame,
                 const Outcome& out) {
  if (out.ok) {
    showInfobar(ctx, frame, out);
    return;
  }
  // An error stops the user: a box, and the bar keeps the text visible after it is closed.
  showInfobar(ctx, frame, out);
  showMessage(ctx, frame, out);
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
                                  awt::MessageBoxButtons::BUTTONS_OK,
                                  u(objectives::tr(uiLanguage(ctx), kOutcomeTitle)), u(out.message));
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
