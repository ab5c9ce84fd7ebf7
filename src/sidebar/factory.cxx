// The UNO component of the sidebar deck: an XUIElementFactory for the panel
// URLs private:resource/toolpanel/QkpiPanelFactory/<Panel> (registry/Sidebar.xcu,
// registry/Factories.xcu), implementation "org.qkpi.SidebarFactoryImpl",
// constructed by org_qkpi_SidebarFactory_get_implementation (extension/qkpi.components).
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/NoSuchElementException.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/ui/XUIElementFactory.hpp>
#include <cppuhelper/implbase2.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <cstdio>
#include <exception>

#include "objectives/sidebar_model.h"
#include "panel.hxx"
#include "ui_language.hxx"

namespace qkpi::sidebar {
namespace {

using namespace css;
using css::uno::Any;
using css::uno::Sequence;

constexpr char kImplementationName[] = "org.qkpi.SidebarFactoryImpl";

class Factory : public cppu::WeakImplHelper2<ui::XUIElementFactory, lang::XServiceInfo> {
 public:
  explicit Factory(const Reference<uno::XComponentContext>& ctx) : ctx_(ctx) {}

  Reference<ui::XUIElement> SAL_CALL createUIElement(const OUString& url,
                                                     const Sequence<beans::PropertyValue>& args) override {
    PanelArgs a;
    a.ctx = ctx_;
    a.resourceUrl = url;
    for (const beans::PropertyValue& p : args) {
      if (p.Name == "Frame") p.Value >>= a.frame;
      if (p.Name == "ParentWindow") p.Value >>= a.parent;
      if (p.Name == "Sidebar") p.Value >>= a.sidebar;
    }
    if (!a.parent.is())
      throw lang::IllegalArgumentException("qkpi sidebar: no ParentWindow",
                                           static_cast<cppu::OWeakObject*>(this), 1);
    if (!a.frame.is())
      throw lang::IllegalArgumentException("qkpi sidebar: no Frame", static_cast<cppu::OWeakObject*>(this),
                                           1);
    a.language = objectives::sidebar::panelLanguage(commands::uiLocale(ctx_));
    Reference<ui::XUIElement> e;
    try {
      e = createPanel(a);
    } catch (const uno::Exception& ex) {
      std::fprintf(stderr, "qkpi sidebar: cannot create %s: %s\n", utf8(url).c_str(),
                   utf8(ex.Message).c_str());
      throw;
    } catch (const std::exception& ex) {
      std::fprintf(stderr, "qkpi sidebar: cannot create %s: %s\n", utf8(url).c_str(), ex.what());
      throw uno::RuntimeException(u(ex.what()));
    }
    if (!e.is()) throw container::NoSuchElementException(url, static_cast<cppu::OWeakObject*>(this));
    return e;
  }

  OUString SAL_CALL getImplementationName() override { return kImplementationName; }
  sal_Bool SAL_CALL supportsService(const OUString& name) override {
    return cppu::supportsService(this, name);
  }
  Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
    Sequence<OUString> names(1);
    names.getArray()[0] = "com.sun.star.ui.UIElementFactory";
    return names;
  }

 private:
  Reference<uno::XComponentContext> ctx_;
};

}  // namespace
}  // namespace qkpi::sidebar

extern "C" SAL_DLLPUBLIC_EXPORT css::uno::XInterface* org_qkpi_SidebarFactory_get_implementation(
    css::uno::XComponentContext* ctx, const css::uno::Sequence<css::uno::Any>&) {
  auto* instance = new qkpi::sidebar::Factory(ctx);
  instance->acquire();
  return static_cast<cppu::OWeakObject*>(instance);
}
