// The UNO component of the commands: a ProtocolHandler for the URLs
// org.qkpi:SampleData, NewRegister, Review, ReviewRecord, UpdateActuals, ActionLog, Explain, ExportPdf and
// Help (menu "Quality Objectives", toolbar, scripts), implementation "org.qkpi.CommandsImpl", service
// com.sun.star.frame.ProtocolHandler, constructed by org_qkpi_Commands_get_implementation
// (extension/qkpi.components).
//
// A dispatch runs the command on the frame's Calc document (command.hxx) and
// reports its Outcome to the XDispatchResultListener of
// dispatchWithNotification (SUCCESS or FAILURE, Result = the message); in the
// UI errors and notices are also shown in a message box (message.hxx), unless
// the argument Silent is true.
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/FeatureStateEvent.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XDispatchResultListener.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/frame/XStatusListener.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/util/URL.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <cstdio>
#include <exception>
#include <string>

#include "command.hxx"
#include "document.hxx"
#include "objectives/texts.h"
#include "ui_language.hxx"

namespace qkpi::commands {
namespace {

using namespace css;
using css::uno::Any;
using css::uno::Sequence;
using css::uno::UNO_QUERY;

constexpr char kImplementationName[] = "org.qkpi.CommandsImpl";
constexpr char kProtocol[] = "org.qkpi:";

// The command of "org.qkpi:<name>[?...]", or nullptr.
const Command* commandOf(const util::URL& url) {
  OUString complete = url.Complete;
  if (!complete.startsWithIgnoreAsciiCase(kProtocol)) return nullptr;
  OUString path = complete.copy(static_cast<sal_Int32>(sizeof(kProtocol) - 1));
  sal_Int32 q = path.indexOf('?');
  if (q >= 0) path = path.copy(0, q);
  return findCommand(utf8(path));
}

class Commands : public cppu::WeakImplHelper4<frame::XDispatchProvider, frame::XNotifyingDispatch,
                                              lang::XInitialization, lang::XServiceInfo> {
 public:
  explicit Commands(const Reference<uno::XComponentContext>& ctx) : ctx_(ctx) {}

  // ---- XInitialization: the frame ----
  void SAL_CALL initialize(const Sequence<Any>& args) override {
    for (const Any& a : args) {
      Reference<frame::XFrame> f;
      if (a >>= f) frame_ = f;
    }
  }

  // ---- XDispatchProvider ----
  Reference<frame::XDispatch> SAL_CALL queryDispatch(const util::URL& url, const OUString&,
                                                     sal_Int32) override {
    if (!commandOf(url) || !calcDocument().is()) return {};
    return this;
  }
  Sequence<Reference<frame::XDispatch>> SAL_CALL
  queryDispatches(const Sequence<frame::DispatchDescriptor>& requests) override {
    Sequence<Reference<frame::XDispatch>> out(requests.getLength());
    for (sal_Int32 i = 0; i < requests.getLength(); ++i)
      out.getArray()[i] =
          queryDispatch(requests[i].FeatureURL, requests[i].FrameName, requests[i].SearchFlags);
    return out;
  }

  // ---- XDispatch / XNotifyingDispatch ----
  void SAL_CALL dispatch(const util::URL& url, const Sequence<beans::PropertyValue>& args) override {
    dispatchWithNotification(url, args, {});
  }
  void SAL_CALL dispatchWithNotification(const util::URL& url, const Sequence<beans::PropertyValue>& args,
                                         const Reference<frame::XDispatchResultListener>& listener) override {
    bool silent = false;
    Outcome out = run(commandOf(url), args, silent);
    // The bar always (it never blocks); Silent only keeps an error's box away.
    if (silent)
      showInfobar(ctx_, frame_, out);
    else
      showOutcome(ctx_, frame_, out);
    if (!out.ok) std::fprintf(stderr, "qkpi: %s\n", out.message.c_str());
    notifyResult(listener, static_cast<cppu::OWeakObject*>(this), out);
  }
  void SAL_CALL addStatusListener(const Reference<frame::XStatusListener>& l, const util::URL& url) override {
    if (!l.is()) return;
    frame::FeatureStateEvent ev;
    ev.Source = static_cast<cppu::OWeakObject*>(this);
    ev.FeatureURL = url;
    ev.IsEnabled = commandOf(url) && calcDocument().is();
    ev.Requery = false;
    l->statusChanged(ev);
  }
  void SAL_CALL removeStatusListener(const Reference<frame::XStatusListener>&, const util::URL&) override {}

  // ---- XServiceInfo ----
  OUString SAL_CALL getImplementationName() override { return kImplementationName; }
  sal_Bool SAL_CALL supportsService(const OUString& name) override {
    return cppu::supportsService(this, name);
  }
  Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
    Sequence<OUString> names(1);
    names.getArray()[0] = "com.sun.star.frame.ProtocolHandler";
    return names;
  }

 private:
  Reference<css::sheet::XSpreadsheetDocument> calcDocument() const {
    if (!frame_.is()) return {};
    Reference<frame::XController> c = frame_->getController();
    if (!c.is()) return {};
    return Reference<css::sheet::XSpreadsheetDocument>(c->getModel(), UNO_QUERY);
  }

  // The command's outcome; every exception becomes a failed one. `silent` is
  // set from the Silent argument as soon as it is read.
  Outcome run(const Command* cmd, const Sequence<beans::PropertyValue>& args, bool& silent) {
    objectives::Lang lang = objectives::Lang::En;
    auto failed = [&](const std::string& why) {
      const std::string what = cmd ? objectives::tr(lang, cmd->menu) : std::string("qkpi");
      return Outcome{false,
                     why.empty() ? objectives::trf(lang, "{1} failed.", {what})
                                 : objectives::trf(lang, "{1} failed: {2}", {what, why}),
                     false};
    };
    try {
      Env e;
      e.ctx = ctx_;
      e.lang = lang = uiLanguage(ctx_);
      e.doc = calcDocument();
      if (!cmd) return {false, objectives::tr(e.lang, "Unknown qkpi command."), false};
      e.menu = cmd->menu;
      if (!e.doc.is())
        return {false, objectives::tr(e.lang, "The qkpi commands work in Calc spreadsheets only."), false};
      e.controller = frame_->getController();
      e.nullDate = nullDateOffset(e.doc);
      silent = silentArg(args, e.lang);
      e.silent = silent;
      e.args = parseArgs(args, e.nullDate, e.lang);
      e.today = e.args.date ? *e.args.date : todaySerial(e.nullDate);
      return cmd->run(e);
    } catch (const objectives::UserError& ex) {
      return {false, ex.what(), false};
    } catch (const uno::Exception& ex) {
      return failed(utf8(ex.Message));
    } catch (const std::exception& ex) {
      return failed(ex.what());
    } catch (...) {
      return failed("");
    }
  }

  Reference<uno::XComponentContext> ctx_;
  Reference<frame::XFrame> frame_;
};

}  // namespace
}  // namespace qkpi::commands

extern "C" SAL_DLLPUBLIC_EXPORT css::uno::XInterface* org_qkpi_Commands_get_implementation(
    css::uno::XComponentContext* ctx, const css::uno::Sequence<css::uno::Any>&) {
  auto* instance = new qkpi::commands::Commands(ctx);
  instance->acquire();
  return static_cast<cppu::OWeakObject*>(instance);
}
