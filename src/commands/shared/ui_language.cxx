#include "ui_language.hxx"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/uno/Exception.hpp>

#include "strings.hxx"

namespace qkpi::commands {

using namespace css;
using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::UNO_QUERY;

std::string uiLocale(const Reference<uno::XComponentContext>& ctx) {
  try {
    Reference<lang::XMultiServiceFactory> cp = configuration::theDefaultProvider::get(ctx);
    auto read = [&](const char* node, const char* prop) {
      beans::NamedValue nv("nodepath", Any(OUString::createFromAscii(node)));
      Sequence<Any> args(1);
      args.getArray()[0] <<= nv;
      Reference<container::XNameAccess> na(
          cp->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args), UNO_QUERY);
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

objectives::Lang uiLanguage(const Reference<uno::XComponentContext>& ctx) {
  return objectives::langOfLocale(uiLocale(ctx));
}

}  // namespace qkpi::commands
