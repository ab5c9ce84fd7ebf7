// The office's UI language, which the workflow's texts follow (objectives/lang.h):
// the commands (Env::lang) and the sidebar panels read it here.
#pragma once

#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <string>

#include "objectives/lang.h"

namespace qkpi::commands {

// The UI language tag: Tools > Options > Language Settings (UILocale), else the
// locale the office picked at start (ooLocale); "" when neither can be read.
std::string uiLocale(const css::uno::Reference<css::uno::XComponentContext>& ctx);
// objectives::langOfLocale(uiLocale(ctx)).
objectives::Lang uiLanguage(const css::uno::Reference<css::uno::XComponentContext>& ctx);

}  // namespace qkpi::commands
