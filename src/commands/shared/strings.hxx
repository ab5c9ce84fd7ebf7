// Text between the core (UTF-8 std::string) and UNO (rtl::OUString): the one
// conversion every file of the commands uses. Invalid UTF-8 is converted as
// rtl does (replacement characters), never an exception.
#pragma once

#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <rtl/ustring.hxx>
#include <string>

namespace qkpi::commands {

using rtl::OUString;

OUString u(const std::string& utf8);
std::string utf8(const OUString& s);

// The UI language tag ("de-DE", "en-US" ...): Tools > Options > Language
// Settings (UILocale), else the locale the office picked at start (ooLocale);
// "" when neither can be read.
std::string uiLocale(const css::uno::Reference<css::uno::XComponentContext>& ctx);

}  // namespace qkpi::commands
