// A command's outcome and how it reaches the user: the result event of
// dispatchWithNotification (always) and a message box (only in the UI: never
// in a headless office or for a hidden document, so it never blocks a script).
#pragma once

#include <com/sun/star/frame/XDispatchResultListener.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/uno/XInterface.hpp>
#include <string>
#include <vector>

#include "objectives/lang.h"

namespace qkpi::commands {

using css::uno::Reference;

struct Outcome {
  bool ok = true;
  std::string message;  // in the UI language (Env::lang), shown as is
  bool notice = false;  // a success the user should look at (shown as a warning bar)
};

// "\"a\"", "\"a\" and \"b\"", "\"a\", \"b\" and \"c\"": sheet names in a message.
std::string joinNames(const std::vector<std::string>& names, objectives::Lang lang = objectives::Lang::En);

// The bar above the document (the frame controller's XInfobarProvider, id
// kOutcomeInfobar, titled kOutcomeTitle in the UI language) shows every outcome without stopping
// the user: SUCCESS, WARNING for a success with a notice, DANGER for a
// failure; a second command's outcome replaces the first's. It works in a
// headless office too (the bar of an invisible window is not seen). false
// when the frame has no such bar (toolkit errors are logged to stderr).
inline constexpr char kOutcomeInfobar[] = "org.qkpi.outcome";
inline constexpr char kOutcomeTitle[] = "Quality Objectives";
bool showInfobar(const Reference<css::uno::XComponentContext>& ctx,
                 const Reference<css::frame::XFrame>& frame, const Outcome& out);

// What the protocol handler shows for an outcome: the bar; for a failure
// also an error box (showMessage).
void showOutcome(const Reference<css::uno::XComponentContext>& ctx,
                 const Reference<css::frame::XFrame>& frame, const Outcome& out);

// An info box (ok) or an error box on the frame's window, titled "Quality
// Objectives"; does nothing in a headless office or for an invisible window.
// Errors of the toolkit are logged to stderr, never thrown.
void showMessage(const Reference<css::uno::XComponentContext>& ctx,
                 const Reference<css::frame::XFrame>& frame, const Outcome& out);

// True when soffice runs with --headless (no dialog can be shown).
bool officeIsHeadless();

// Tells `listener` (if any) SUCCESS or FAILURE with the message as Result.
void notifyResult(const Reference<css::frame::XDispatchResultListener>& listener,
                  const Reference<css::uno::XInterface>& source, const Outcome& out);

}  // namespace qkpi::commands
