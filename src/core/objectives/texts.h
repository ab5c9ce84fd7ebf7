// The ONE catalogue of the workflow's fixed texts (sheet titles, headers,
// labels, comments, notes, command messages) in English and German. The key
// is the English text itself, so the code reads as before:
//   tr(lang, "Review date")            -> "Review date" / "Bewertungsdatum"
//   trf(lang, "Created \"{1}\".", {n}) -> {1} {2} ... replaced by the arguments
// A key that is not in the catalogue is a programming error (std::logic_error),
// also in English: the unit tests build every sheet in both languages, so a
// text missing from the catalogue fails them. Per-KPI texts (labels,
// per-segment headers, proposed actions) are the function table's
// kpi::LocalText (KpiFacts), read with in().
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include "kpi/function_table.h"
#include "objectives/lang.h"

namespace qkpi::objectives {

struct CatalogueEntry {
  std::string_view en, de;
};
// Every entry (for the tests: no empty text, no key twice).
std::span<const CatalogueEntry> catalogue();

// The text of `en` in `lang`. std::logic_error when `en` is not a key.
std::string tr(Lang lang, std::string_view en);
// tr() with "{1}", "{2}" ... replaced by args[0], args[1] ...
std::string trf(Lang lang, std::string_view en, std::initializer_list<std::string_view> args);
// A fixed text of the KPI library that Explain shows (a row reason such as
// "late", a field name such as "Due", a total, a DataError text such as
// "Good is negative in row 7") in `lang`; numbers inside are kept, a field
// name inside is translated. A text it does not know comes back unchanged.
std::string trKpi(Lang lang, std::string_view kpiText);
// Whether trKpi knows the text (for the tests).
bool kpiTextKnown(std::string_view kpiText);
std::span<const CatalogueEntry> kpiTexts();
// A function table text in `lang`.
std::string in(const LocalText& text, Lang lang);

}  // namespace qkpi::objectives
