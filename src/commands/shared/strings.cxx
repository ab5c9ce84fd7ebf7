// UTF-8 <-> OUString and the UI language tag (see strings.hxx).
#include "strings.hxx"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <rtl/string.hxx>

namespace qkpi::commands {

OUString u(const std::string& s) {
  return OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8);
}

std::string utf8(const OUString& s) {
  rtl::OString o = rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8);
  return std::string(o.getStr(), static_cast<std::size_t>(o.getLength()));
}

std::string uiLocale(const css::uno::Reference<css::uno::XComponentContext>& ctx) {
  using namespace css;
  try {
    uno::Reference<lang::XMultiServiceFactory> cp = configuration::theDefaultProvider::get(ctx);
    auto read = [&](const char* node, const char* prop) {
      beans::NamedValue nv("nodepath", uno::Any(OUString::createFromAscii(node)));
      uno::Sequence<uno::Any> args(1);
      args.getArray()[0] <<= nv;
      uno::Reference<container::XNameAccess> na(
          cp->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args),
          uno::UNO_QUERY);
      OUString v;
      if (na.is() && na->hasByName(OUString::createFromAscii(prop)))
        na->getByName(OUString::createFromAscii(prop)) >>= v;
      return utf8(v);
    };
    std::string l = read("/org.openoffice.Office.Linguistic/General", "UILocale");
    return l.empty() ? read("/org.openoffice.Setup/L10N", "ooLocale") : l;
  } catch (const uno::Exception&) {
    return "";
  }
}

}  // namespace qkpi::commands
