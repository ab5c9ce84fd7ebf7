// The catalogue of the workflow's fixed texts (objectives/texts.h) and the
// UI language (objectives/lang.h).
#include "objectives/texts.h"

#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "objectives/internal.h"

namespace qkpi::objectives {

namespace {

// English (the key), German. Sheet names ("Objectives", "Action Log",
// "Deliveries" ...), function names, status codes, Direction values (higher,
// lower) and option names stay English inside the German texts.
constexpr CatalogueEntry kCatalogue[] = {
#include "texts_catalogue.inc"
};

const std::unordered_map<std::string_view, std::string_view>& index() {
  static const auto m = [] {
    std::unordered_map<std::string_view, std::string_view> r;
    for (const CatalogueEntry& e : kCatalogue) r.emplace(e.en, e.de);
    return r;
  }();
  return m;
}

}  // namespace

Lang langOfLocale(std::string_view uiLocale) {
  return uiLocale.size() >= 2 && detail::lower(uiLocale.substr(0, 2)) == "de" &&
                 (uiLocale.size() == 2 || uiLocale[2] == '-' || uiLocale[2] == '_')
             ? Lang::De
             : Lang::En;
}

std::string_view langCode(Lang lang) {
  return lang == Lang::De ? "de" : "en";
}

std::span<const CatalogueEntry> catalogue() {
  return kCatalogue;
}

std::string tr(Lang lang, std::string_view en) {
  const auto& m = index();
  auto it = m.find(en);
  if (it == m.end()) {
    throw std::logic_error("objectives: no text \"" + std::string(en) + "\" in the catalogue (texts.cpp)");
  }
  return std::string(lang == Lang::De ? it->second : it->first);
}

namespace {

// `t` with "{1}", "{2}" ... replaced by args[0], args[1] ...; a placeholder
// without an argument (and "{6;8}" ...) stays as it is.
std::string substitute(std::string_view t, const std::vector<std::string_view>& args) {
  std::string r;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '{' && i + 2 < t.size() && t[i + 1] >= '1' && t[i + 1] <= '9' && t[i + 2] == '}') {
      const std::size_t k = static_cast<std::size_t>(t[i + 1] - '1');
      if (k < args.size()) {
        r += args[k];
        i += 2;
        continue;
      }
    }
    r += t[i];
  }
  return r;
}

}  // namespace

std::string trf(Lang lang, std::string_view en, std::initializer_list<std::string_view> args) {
  return substitute(tr(lang, en), std::vector<std::string_view>(args));
}

namespace {

// The KPI library's fixed texts that reach a sheet (Explain): row reasons
// (kpi/explain.h; the OTIFREASONS labels keep their English name, which the
// function returns), field, detail and total names, and the DataError texts.
// {1}, {2} stand for a number or a field name.
constexpr CatalogueEntry kKpiTexts[] = {
    {"on time in full", "termingerecht und vollständig (on time in full)"},
    {"short", "unvollständig (short)"},
    {"late", "zu spät (late)"},
    {"late and short", "zu spät und unvollständig (late and short)"},
    {"early", "zu früh (early)"},
    {"early and short", "zu früh und unvollständig (early and short)"},
    {"not delivered", "nicht geliefert (not delivered)"},
    {"in full", "vollständig"},
    {"other segment", "anderes Segment"},
    {"another line of the order failed", "eine andere Position des Auftrags ist verfehlt"},
    {"bad data", "falsche Daten"},
    {"blank Due", "Liefertermin leer"},
    {"outside the period", "außerhalb des Zeitraums"},
    {"nothing ordered", "nichts bestellt"},
    {"not late yet at To", "am Stichtag (To) noch nicht verspätet"},
    {"all good", "alle gut"},
    {"not all good", "nicht alle gut"},
    {"inspected blank or 0", "Prüfmenge leer oder 0"},
    {"blank Date", "Datum leer"},
    {"right first time", "beim ersten Mal richtig"},
    {"not right first time", "nicht beim ersten Mal richtig"},
    {"blank Outcome", "Ergebnis leer"},
    {"return counted", "Rücksendung gezählt"},
    {"blank row", "leere Zeile"},
    {"blank Received", "Eingang leer"},
    {"received after AsOf", "nach dem Stichtag (AsOf) eingegangen"},
    {"still open", "noch offen"},
    {"open, not late yet", "offen, noch nicht verspätet"},
    {"still open and late", "noch offen und verspätet"},
    {"within 1 working day", "innerhalb von 1 Arbeitstag"},
    {"within {1} working days", "innerhalb von {1} Arbeitstagen"},
    {"over 1 working day", "über 1 Arbeitstag"},
    {"over {1} working days", "über {1} Arbeitstage"},
    {"Due", "Liefertermin"},
    {"Delivered", "Lieferdatum"},
    {"OrderedQty", "Bestellmenge"},
    {"DeliveredQty", "Liefermenge"},
    {"Good", "Gutteile"},
    {"Inspected", "Prüfmenge"},
    {"Date", "Datum"},
    {"Outcome", "Ergebnis"},
    {"Value", "Wert"},
    {"Received", "Eingang"},
    {"Closed", "Abschluss"},
    {"Days late", "Tage verspätet"},
    {"Not good", "Nicht gut"},
    {"Working days", "Arbeitstage"},
    {"Quantity on time", "Menge termingerecht"},
    {"Quantity ordered", "Bestellte Menge"},
    {"Orders on time in full", "Aufträge termingerecht und vollständig"},
    {"Orders", "Aufträge"},
    {"Sum of Value", "Summe von Wert"},
    {"Closed returns", "Abgeschlossene Rücksendungen"},
    {"Rank", "Rang"},
    {"Percentile (working days)", "Perzentil (Arbeitstage)"},
    {"{1} in row {2} is not a date in the years 1 to 9999",
     "{1} in Zeile {2} ist kein Datum in den Jahren 1 bis 9999"},
    {"DeliveredQty is negative in row {1} of Lines", "Liefermenge ist negativ in Zeile {1} von Lines"},
    {"a period date in the table is not a date in the years 1 to 9999",
     "ein Datum des Zeitraums in der Tabelle ist kein Datum in den Jahren 1 bis 9999"},
    {"the result is not a finite number", "das Ergebnis ist keine endliche Zahl"},
    {"a result cell is not a finite number", "eine Ergebniszelle ist keine endliche Zahl"},
    {"Good is negative in row {1}", "Gutteile ist negativ in Zeile {1}"},
    {"Good is greater than Inspected in row {1}", "Gutteile ist größer als Prüfmenge in Zeile {1}"},
    {"Date is not a date in row {1} of Jobs", "Datum ist kein Datum in Zeile {1} von Jobs"},
    {"Outcome is not 1/0, TRUE/FALSE, Y/N or yes/no in row {1} of Jobs",
     "Ergebnis ist nicht 1/0, TRUE/FALSE, Y/N oder yes/no in Zeile {1} von Jobs"},
    {"Yields: a text is not a yield", "Yields: ein Text ist keine Ausbeute"},
    {"Yields: a yield is outside 0…1", "Yields: eine Ausbeute liegt außerhalb von 0…1"},
    {"Returns row {1}: Closed is filled but Received is blank",
     "Returns Zeile {1}: Abschluss ist gefüllt, aber Eingang ist leer"},
    {"Returns row {1}: Closed is before Received", "Returns Zeile {1}: Abschluss liegt vor Eingang"},
};

// Whether `text` is `pattern` with each {k} standing for a non-empty part
// (a literal between two placeholders matches at its first place); the
// parts in `parts`, in order.
bool matches(std::string_view pattern, std::string_view text, std::vector<std::string_view>& parts) {
  parts.clear();
  std::vector<std::string_view> literals;
  for (std::size_t p = 0;;) {
    const std::size_t open = pattern.find('{', p);
    if (open == std::string_view::npos) {
      literals.push_back(pattern.substr(p));
      break;
    }
    literals.push_back(pattern.substr(p, open - p));
    p = open + 3;  // "{k}"
  }
  if (!text.starts_with(literals.front())) return false;
  std::size_t t = literals.front().size();
  if (literals.size() == 1) return t == text.size();
  for (std::size_t i = 1; i < literals.size(); ++i) {
    std::size_t at = 0;
    if (i + 1 == literals.size()) {
      if (text.size() < t + 1 + literals[i].size() || !text.ends_with(literals[i])) return false;
      at = text.size() - literals[i].size();
    } else {
      if (literals[i].empty()) return false;
      at = text.find(literals[i], t + 1);
      if (at == std::string_view::npos) return false;
    }
    parts.push_back(text.substr(t, at - t));
    t = at + literals[i].size();
  }
  return true;
}

const CatalogueEntry* kpiEntry(std::string_view text, std::vector<std::string_view>& parts) {
  for (const CatalogueEntry& e : kKpiTexts)
    if (matches(e.en, text, parts)) return &e;
  return nullptr;
}

}  // namespace

std::string trKpi(Lang lang, std::string_view kpiText) {
  std::vector<std::string_view> parts;
  const CatalogueEntry* e = kpiEntry(kpiText, parts);
  if (!e || lang == Lang::En) return std::string(kpiText);
  for (std::string_view& part : parts) {
    std::vector<std::string_view> inner;
    const CatalogueEntry* name = kpiEntry(part, inner);  // a field name inside: translated too
    if (name && inner.empty()) part = name->de;
  }
  return substitute(e->de, parts);
}

bool kpiTextKnown(std::string_view kpiText) {
  std::vector<std::string_view> parts;
  return kpiEntry(kpiText, parts) != nullptr;
}

std::span<const CatalogueEntry> kpiTexts() {
  return kKpiTexts;
}

std::string in(const LocalText& text, Lang lang) {
  return std::string(lang == Lang::De && !text.de.empty() ? text.de : text.en);
}

}  // namespace qkpi::objectives
