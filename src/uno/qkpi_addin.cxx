// The qkpi Calc add-in: a thin UNO adapter over src/core. It converts
// arguments, forwards every call through the function table, converts the
// result, and answers Calc's XAddIn questions (names, help text in en-US and
// de) from the same table. No KPI rule lives here.
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/lang/XServiceName.hpp>
#include <com/sun/star/sheet/LocalizedName.hpp>
#include <com/sun/star/sheet/XAddIn.hpp>
#include <com/sun/star/sheet/XCompatibilityNames.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/util/Date.hpp>
#include <cppuhelper/implbase5.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <org/qkpi/XQualityKpi.hpp>
#include <span>
#include <string>

#include "convert.hxx"
#include "kpi/args.h"
#include "kpi/function_table.h"

namespace qkpi::uno {
namespace {

using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;

constexpr char kServiceName[] = "org.qkpi.QualityKpi";  // file-format API: never rename
constexpr char kImplementationName[] = "org.qkpi.QualityKpiImpl";
constexpr char kCategory[] = "Add-In";

class QualityKpi : public cppu::WeakImplHelper5<org::qkpi::XQualityKpi, css::sheet::XAddIn,
                                                css::sheet::XCompatibilityNames, css::lang::XServiceName,
                                                css::lang::XServiceInfo> {
 public:
  // ---- the functions (generated from the table) ----
#include "qkpi_forwarders.inc"

  // ---- XAddIn ----
  OUString SAL_CALL getProgrammaticFuntionName(const OUString& displayName) override {
    for (const FunctionSpec& f : functionTable())
      if (displayName.equalsIgnoreAsciiCase(fromUtf8(f.name))) return fromUtf8(f.name);
    return OUString();
  }
  OUString SAL_CALL getDisplayFunctionName(const OUString& name) override {
    const FunctionSpec* f = find(name);
    return f ? fromUtf8(f->name) : OUString();
  }
  OUString SAL_CALL getFunctionDescription(const OUString& name) override {
    const FunctionSpec* f = find(name);
    return f ? fromUtf8(functionSummary(*f, language())) : OUString();
  }
  OUString SAL_CALL getDisplayArgumentName(const OUString& name, sal_Int32 argument) override {
    const ArgSpec* a = argSpec(name, argument);
    return a ? fromUtf8(a->name) : OUString();
  }
  OUString SAL_CALL getArgumentDescription(const OUString& name, sal_Int32 argument) override {
    const ArgSpec* a = argSpec(name, argument);
    if (!a) return OUString();
    const FunctionSpec& f = *find(name);
    return fromUtf8(argumentDescription(f, static_cast<std::size_t>(a - f.args.data()), language()));
  }
  OUString SAL_CALL getProgrammaticCategoryName(const OUString&) override {
    return kCategory;
  }
  OUString SAL_CALL getDisplayCategoryName(const OUString&) override {
    return kCategory;
  }

  // ---- XLocalizable ----
  void SAL_CALL setLocale(const css::lang::Locale& locale) override {
    locale_ = locale;
  }
  css::lang::Locale SAL_CALL getLocale() override {
    return locale_;
  }

  // ---- XCompatibilityNames: the same name in every language ----
  Sequence<css::sheet::LocalizedName> SAL_CALL getCompatibilityNames(const OUString& name) override {
    const FunctionSpec* f = find(name);
    if (!f) return {};
    Sequence<css::sheet::LocalizedName> names(1);
    names.getArray()[0] = css::sheet::LocalizedName(css::lang::Locale("en", "US", ""), fromUtf8(f->name));
    return names;
  }

  // ---- XServiceName / XServiceInfo ----
  OUString SAL_CALL getServiceName() override {
    return kServiceName;
  }
  OUString SAL_CALL getImplementationName() override {
    return kImplementationName;
  }
  sal_Bool SAL_CALL supportsService(const OUString& name) override {
    return cppu::supportsService(this, name);
  }
  Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
    Sequence<OUString> names(2);
    names.getArray()[0] = "com.sun.star.sheet.AddIn";
    names.getArray()[1] = kServiceName;
    return names;
  }

 private:
  static const FunctionSpec* find(const OUString& name) {
    OString utf8 = OUStringToOString(name, RTL_TEXTENCODING_UTF8);
    return findFunction(std::string_view(utf8.getStr(), static_cast<std::size_t>(utf8.getLength())));
  }
  // Argument positions count the hidden Document parameter, as Calc does.
  static const ArgSpec* argSpec(const OUString& name, sal_Int32 position) {
    const FunctionSpec* f = find(name);
    if (!f) return nullptr;
    sal_Int32 visible = position - (f->needsDocument ? 1 : 0);
    if (visible < 0 || visible >= static_cast<sal_Int32>(f->args.size())) return nullptr;
    return &f->args[static_cast<std::size_t>(visible)];
  }
  std::string_view language() const {
    return locale_.Language == "de" ? "de" : "en";
  }

  // The document's NullDate as an offset from 1899-12-30, read on every call:
  // no cache, as nothing tells reliably when it changes (ScModelObj's
  // property-change listener is a stub), and the read is not what a call
  // costs (docs/reliability.md, "Scalar call cost").
  static long nullDateOffset(const Reference<css::beans::XPropertySet>& document) {
    if (!document.is()) return 0;
    css::util::Date d;
    if (!(document->getPropertyValue("NullDate") >>= d)) return 0;
    return daysSince18991230(d.Year, d.Month, d.Day);
  }

  Any call(std::size_t index, const Reference<css::beans::XPropertySet>& document,
           std::span<const InArg> in) {
    const FunctionSpec& f = functionTable()[index];
    try {
      Context ctx;
      if (f.needsDocument) ctx.nullDateOffset = nullDateOffset(document);
      CallStorage storage;
      std::vector<Arg> args;
      args.reserve(in.size());
      for (const InArg& a : in) args.push_back(toArg(a, storage));
      return toAny(evaluate(f, ctx, args));
    } catch (const ArgumentError& e) {  // Err:502
      throw css::lang::IllegalArgumentException(fromUtf8(f.name) + ": " + fromUtf8(e.what()),
                                                static_cast<cppu::OWeakObject*>(this), 0);
    } catch (const css::uno::Exception&) {
      throw;
    } catch (const std::exception& e) {  // DataError and anything unexpected: #VALUE!
      throw css::uno::RuntimeException(fromUtf8(f.name) + ": " + fromUtf8(e.what()),
                                       static_cast<cppu::OWeakObject*>(this));
    }
  }

  css::lang::Locale locale_{"en", "US", ""};
};

}  // namespace
}  // namespace qkpi::uno

extern "C" SAL_DLLPUBLIC_EXPORT css::uno::XInterface* org_qkpi_QualityKpi_get_implementation(
    css::uno::XComponentContext*, const css::uno::Sequence<css::uno::Any>&) {
  auto* instance = new qkpi::uno::QualityKpi();
  instance->acquire();
  return static_cast<cppu::OWeakObject*>(instance);
}
