// The workflow's language: the texts of the generated sheets and of the
// command messages follow the office's UI language (en-US or de). Function
// names, status codes (GREEN ...), formulas and sheet names never change.
#pragma once

#include <string_view>

namespace qkpi::objectives {

enum class Lang { En, De };

// De for a BCP 47 tag (or POSIX locale) of German: "de", "de-DE", "de_AT";
// En for anything else (also "").
Lang langOfLocale(std::string_view uiLocale);
// "en" / "de" (the language codes of kpi::LocalText::in).
std::string_view langCode(Lang lang);

}  // namespace qkpi::objectives
