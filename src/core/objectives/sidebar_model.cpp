// The sidebar deck's data (see sidebar_model.h).
#include "objectives/sidebar_model.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "objectives/formula.h"
#include "objectives/internal.h"

namespace qkpi::objectives::sidebar {

using namespace detail;

namespace {

struct Text {
  const char* key;
  const char* en;
  const char* de;
};

// Every fixed text of the three panels, English and German.
constexpr Text kTexts[] = {
    {"no-register",
     "This document has no \"Objectives\" register yet. Insert the sample data to try qkpi, or start an empty register.",
     "Dieses Dokument hat noch kein Register \"Objectives\". Fügen Sie die Beispieldaten ein, um qkpi auszuprobieren, oder legen Sie ein leeres Register an."},
    {"no-objectives", "The register has no objectives yet: fill in a row of the \"Objectives\" sheet.",
     "Das Register enthält noch keine Ziele: Füllen Sie eine Zeile der Tabelle \"Objectives\" aus."},
    {"insert-sample", "Insert sample data", "Beispieldaten einfügen"},
    {"new-register", "New register", "Neues Register"},
    {"hint-select", "Click a line (or Tab to it and press Enter) to go to its row in the register.",
     "Klicken Sie auf eine Zeile (oder Tab und Eingabetaste), um zu ihrer Zeile im Register zu gehen."},
    {"col-actual", "Actual", "Ist"},
    {"col-target", "Target", "Ziel"},
    {"actions-open", "Open actions", "Offene Maßnahmen"},
    {"no-log", "No action log yet: \"Action Log\" creates it from the register.",
     "Noch kein Maßnahmenplan: \"Maßnahmenplan\" legt ihn aus dem Register an."},
    {"last-command", "Last command", "Letzter Befehl"},
    {"no-command", "No command run yet.", "Noch kein Befehl ausgeführt."},
    {"failed", "failed", "fehlgeschlagen"},
    {"unavailable", "This command is not available in this version of qkpi.",
     "Dieser Befehl ist in dieser qkpi-Version nicht verfügbar."},
    {"kpi-function", "KPI function", "Kennzahl-Funktion"},
    {"kpi-data", "Data range", "Datenbereich"},
    {"kpi-use-selection", "Use selection", "Auswahl übernehmen"},
    {"kpi-select-range", "Select…", "Auswählen…"},
    {"kpi-segments", "Segment column", "Segmentspalte"},
    {"kpi-segment", "Segment value", "Segmentwert"},
    {"kpi-from", "From", "Von"},
    {"kpi-to", "To", "Bis"},
    {"kpi-options", "Options", "Optionen"},
    {"kpi-formula", "Formula", "Formel"},
    {"kpi-preview", "Preview", "Vorschau"},
    {"kpi-insert", "Insert into current cell", "In aktuelle Zelle einfügen"},
    {"kpi-inserted", "Inserted into", "Eingefügt in"},
    {"kpi-no-cell", "Select a cell of a sheet first.", "Wählen Sie zuerst eine Zelle einer Tabelle."},
    {"kpi-need-data", "Give the data range (or take the current selection).",
     "Geben Sie den Datenbereich an (oder übernehmen Sie die Auswahl)."},
    {"kpi-value", "Value", "Wert"},
    {"kpi-select-help", "Select the range in the sheet (Calc's reference input); Enter or OK takes it.",
     "Den Bereich in der Tabelle markieren (Calcs Bezugseingabe); Eingabetaste oder OK übernimmt ihn."},
    {"kpi-select-title", "Insert KPI: select the range", "Kennzahl einfügen: Bereich markieren"},
    {"kpi-not-range",
     "is not a range: write it with its sheet, e.g. $Deliveries.D2:G20001, or a named range.",
     "ist kein Bereich: mit Tabelle schreiben, z. B. $Deliveries.D2:G20001, oder ein benannter Bereich."},
    {"kpi-one-column", "must be one column, e.g. $Deliveries.A2:A20001.",
     "muss eine Spalte sein, z. B. $Deliveries.A2:A20001."},
    {"kpi-no-sheet", "This document has no sheet", "Dieses Dokument hat keine Tabelle"},
    {"kpi-no-name", "This document has no named range", "Dieses Dokument hat keinen benannten Bereich"},
    {"kpi-fix-range", "Fix the range shown in red first.", "Zuerst den rot markierten Bereich korrigieren."},
    {"kpi-undo", "Insert KPI", "Kennzahl einfügen"},
    {"stale", "Actual is stale: run Update Actuals", "Istwert veraltet: Istwerte aktualisieren"},
    {"stale-count-1", "stale Actual", "veralteter Istwert"},
    {"stale-count-n", "stale Actuals", "veraltete Istwerte"},
};

const char* kpiStatusCode(Light l) {
  return ragColours()[static_cast<std::size_t>(l)].code;
}

// Index of the first code point boundary after `n` code points (or s.size()).
std::size_t utf8Prefix(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t count = 0; i < s.size() && count < n; ++count) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

std::size_t utf8Length(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

const Value& at(const Table& t, std::size_t r, int c) {
  static const Value kNone;
  if (c < 0 || r >= t.size() || static_cast<std::size_t>(c) >= t[r].size()) return kNone;
  return t[r][static_cast<std::size_t>(c)];
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

std::string panelLanguage(std::string_view uiLocale) {
  return std::string(langCode(langOfLocale(uiLocale)));
}

std::string text(std::string_view key, std::string_view language) {
  for (const Text& t : kTexts)
    if (key == t.key) return language == "de" ? t.de : t.en;
  return std::string(key);
}

// ---- Objectives ------------------------------------------------------------------

Light lightOf(std::string_view status) {
  const std::string s = trim(status);
  for (std::size_t i = 0; i < ragColours().size(); ++i)
    if (iequals(s, ragColours()[i].code)) return static_cast<Light>(i);
  return Light::Grey;
}

std::uint32_t lightBackground(Light l) {
  return static_cast<std::uint32_t>(ragColours()[static_cast<std::size_t>(l)].background);
}

std::uint32_t lightForeground(Light l) {
  return static_cast<std::uint32_t>(ragColours()[static_cast<std::size_t>(l)].font);
}

std::string lightCode(Light l) {
  return kpiStatusCode(l);
}

std::string lightWord(Light l, std::string_view language) {
  if (language == "de") {
    static const char* const kDe[] = {"grün", "gelb", "rot", "grau"};
    return kDe[static_cast<std::size_t>(l)];
  }
  return kpiStatusCode(l);
}

std::string lightLabel(Light l, std::string_view language) {
  const std::string code = kpiStatusCode(l);
  return language == "de" ? code + " (" + lightWord(l, language) + ")" : code;
}

std::string shortName(std::string_view s, std::size_t max) {
  std::string t = trim(s);
  for (char& c : t)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (utf8Length(t) <= max) return t;
  std::size_t cut = utf8Prefix(t, max - 1);  // room for the ellipsis
  std::size_t space = t.rfind(' ', cut);
  if (space != std::string::npos && space > cut / 2) cut = space;
  return trim(t.substr(0, cut)) + "…";
}

ObjectivesView objectivesView(const Table* reg, const ShownText& shown, std::string_view language,
                              const ShownText& formula) {
  ObjectivesView v;
  if (!reg) {
    v.message = text("no-register", language);
    return v;
  }
  v.hasRegister = true;
  std::vector<Objective> objs;
  try {
    objs = readRegister(*reg, langOfLocale(language));
  } catch (const UserError& e) {
    v.message = e.what();
    return v;
  }
  if (objs.empty()) {
    v.message = text("no-objectives", language);
    return v;
  }
  for (const Objective& o : objs) {
    ObjectiveLine line;
    line.row = o.row;
    line.id = o.id.empty() ? "#" + std::to_string(o.row + 1) : o.id;
    line.fullName = trim(o.objective);
    line.name = shortName(o.objective);
    auto cellText = [&](Field f) {
      const int col = o.col[static_cast<int>(f)];
      std::string s = col >= 0 && shown ? trim(shown(o.row, col)) : std::string();
      return s.empty() ? std::string("–") : s;
    };
    line.actual = cellText(Field::Actual);
    line.target = cellText(Field::Target);
    line.light = lightOf(o.status);
    line.code = lightCode(line.light);
    line.statusWord = lightWord(line.light, language);
    line.chip = language == "de" ? line.code + "\n" + line.statusWord : line.code;
    const int actualCol = o.col[static_cast<int>(Field::Actual)];
    if (formula && actualCol >= 0) {
      Objective withFormula = o;
      withFormula.actualRead = formula(o.row, actualCol);
      line.stale = actualDiffers(withFormula);  // the review's check, not a copy of it
    }
    if (line.stale) {
      line.staleNote = text("stale", language);
      ++v.stale;
    }
    line.background = lightBackground(line.light);
    line.foreground = lightForeground(line.light);
    switch (line.light) {
      case Light::Green:
        ++v.green;
        break;
      case Light::Amber:
        ++v.amber;
        break;
      case Light::Red:
        ++v.red;
        break;
      case Light::Grey:
        ++v.grey;
        break;
    }
    v.lines.push_back(std::move(line));
  }
  const bool de = language == "de";
  std::string s =
      plural(static_cast<int>(v.lines.size()), de ? "Ziel" : "objective", de ? "Ziele" : "objectives");
  std::vector<std::string> parts;
  const int counts[] = {v.green, v.amber, v.red, v.grey};
  for (std::size_t i = 0; i < 4; ++i)
    if (counts[i])
      parts.push_back(std::to_string(counts[i]) + " " + lightLabel(static_cast<Light>(i), language));
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : ": ") + parts[i];
  if (v.stale) s += "; " + plural(v.stale, text("stale-count-1", language), text("stale-count-n", language));
  v.summary = s;
  return v;
}

// ---- Actions ---------------------------------------------------------------------

std::vector<ActionButton> actionButtons(std::string_view language) {
  struct B {
    const char *cmd, *en, *de, *helpEn, *helpDe;
  };
  static const B kButtons[] = {
      {"SampleData", "Sample Data", "Beispieldaten", "Insert a complete example: data sheets and a register.",
       "Ein vollständiges Beispiel einfügen: Datentabellen und ein Register."},
      {"NewRegister", "New Register", "Neues Register", "Add an empty \"Objectives\" register.",
       "Ein leeres Register \"Objectives\" hinzufügen."},
      {"Review", "Review", "Bewertung", "Build today's management review sheet from the register.",
       "Die heutige Managementbewertung aus dem Register erstellen."},
      {"ReviewRecord", "Review (record)", "Bewertung (Aufzeichnung)",
       "The review plus its dated, values-only record sheet (what Export PDF then exports).",
       "Die Bewertung und ihre datierte Aufzeichnung nur mit Werten (die dann als PDF exportiert wird)."},
      {"ActionLog", "Action Log", "Maßnahmenplan", "Propose actions for objectives that miss their target.",
       "Maßnahmen für Ziele vorschlagen, die ihr Ziel verfehlen."},
      {"UpdateActuals", "Update Actuals", "Istwerte aktualisieren",
       "Rewrite Actual formulas that differ from their KPI, Data and Options.",
       "Ist-Formeln neu schreiben, die nicht zu Kennzahl, Daten und Optionen passen."},
      {"Explain", "Explain", "Erklären",
       "Explain the selected KPI cell: every failed or left-out row and why, on a new sheet.",
       "Die ausgewählte Kennzahl-Zelle erklären: jede verfehlte oder ausgelassene Zeile mit Grund, auf einem neuen Blatt."},
      {"ExportPdf", "Export PDF", "PDF exportieren", "Export the latest review as PDF.",
       "Die neueste Bewertung als PDF exportieren."},
  };
  std::vector<ActionButton> out;
  for (const B& b : kButtons)
    out.push_back({b.cmd, language == "de" ? b.de : b.en, language == "de" ? b.helpDe : b.helpEn});
  return out;
}

ActionSummary actionSummary(const Table* log, long today, long off) {
  ActionSummary s;
  if (!log || log->empty()) return s;
  // The headers in either language ("Status", "Due" / "Fällig").
  auto column = [&](std::size_t k) {
    for (std::size_t c = 0; c < (*log)[0].size(); ++c)
      for (Lang l : {Lang::En, Lang::De})
        if (iequals(valueText((*log)[0][c]), actionLogHeaders(l)[k])) return static_cast<int>(c);
    return -1;
  };
  const int status = column(8), due = column(7);
  if (status < 0) return s;
  s.hasLog = true;
  for (std::size_t r = 1; r < log->size(); ++r) {
    if (!isOpenAction(valueText(at(*log, r, status)))) continue;
    ++s.open;
    std::optional<long> d = valueDate(at(*log, r, due), off);
    if (!d) continue;
    if (*d < today)
      ++s.overdue;
    else if (!s.nextDue || *d < *s.nextDue)
      s.nextDue = *d;
  }
  return s;
}

std::string describe(const ActionSummary& s, long off, std::string_view language) {
  const bool de = language == "de";
  if (!s.hasLog) return text("no-log", language);
  std::string r =
      plural(s.open, de ? "offene Maßnahme" : "open action", de ? "offene Maßnahmen" : "open actions") +
      ", " + std::to_string(s.overdue) + (de ? " überfällig." : " overdue.");
  if (s.nextDue) r += (de ? " Nächste fällig: " : " Next due: ") + isoDate(*s.nextDue, off) + ".";
  return r;
}

std::string outcomeLine(std::string_view label, bool ok, std::string_view message,
                        std::string_view language) {
  std::string r(label);
  if (!ok) r += " " + text("failed", language);
  r += ": ";
  r += message.empty() ? (ok ? "OK" : "?") : std::string(message);
  return r;
}

// ---- Insert KPI ------------------------------------------------------------------

std::vector<const FunctionSpec*> insertableFunctions() {
  std::vector<const FunctionSpec*> out;
  for (const FunctionSpec& f : functionTable())
    if (f.kpi && !f.arrayResult) out.push_back(&f);
  return out;
}

std::string previewText(double v, const FunctionSpec& fn, std::string_view language) {
  // to_chars, not printf: the C library's locale is the office's, not the panel's language.
  const MeasureKind m = fn.kpi ? fn.kpi->measure : MeasureKind::Amount;
  const double shown = m == MeasureKind::Ratio ? v * 100 : v;
  char buf[64];
  auto r =
      std::to_chars(buf, buf + sizeof buf, shown, std::chars_format::fixed, m == MeasureKind::Amount ? 2 : 1);
  if (r.ec != std::errc()) return {};
  std::string s(buf, r.ptr);
  if (langOfLocale(language) == Lang::De)
    for (char& c : s)
      if (c == '.') c = ',';
  return m == MeasureKind::Ratio ? s + " %" : s;
}

std::vector<OptionField> optionFields(const FunctionSpec& fn, std::string_view language) {
  std::vector<OptionField> out;
  for (std::size_t i = 1; i < fn.args.size(); ++i) {
    const ArgSpec& a = fn.args[i];
    if (a.kind == ArgKind::Segments || a.kind == ArgKind::Segment || a.kind == ArgKind::Columns) continue;
    if (a.name == "From" || a.name == "To") continue;
    out.push_back({std::string(a.name), argumentDescription(fn, i, language)});
  }
  return out;
}

RangeCheck checkRange(std::string_view typed, bool oneColumn, std::string_view language) {
  RangeCheck c;
  const std::string t = trim(typed);
  if (t.empty()) return c;
  std::optional<ParsedReference> r = parseReference(t);
  if (!r) {
    c.problem = "\"" + t + "\" " + text("kpi-not-range", language);
    return c;
  }
  c.reference = r->text;
  c.sheet = r->sheet;
  c.named = r->named;
  c.columns = r->cols;
  if (oneColumn && !r->named && r->cols != 1) c.problem = "\"" + t + "\" " + text("kpi-one-column", language);
  return c;
}

KpiFormula kpiFormula(const KpiInputs& in, std::string_view language) {
  KpiFormula out;
  Objective o;  // the inputs as a register row: the register's own parsing and checks
  o.id = "Insert KPI";
  o.kpi = trim(in.function);
  o.data = trim(in.data);
  o.segmentBy = trim(in.segments);
  std::string options;
  auto add = [&](const std::string& name, const std::string& value) {
    if (!trim(value).empty()) options += (options.empty() ? "" : "; ") + name + "=" + trim(value);
  };
  add("From", in.from);
  add("To", in.to);
  for (const auto& [name, value] : in.options) add(name, value);
  o.options = options;
  const Lang lang = langOfLocale(language);
  const std::string where = rowLabel(o, lang) + ": ";
  try {
    if (o.data.empty()) throw UserError(where + text("kpi-need-data", language));
    KpiCall call = parseKpi(o, lang);
    std::vector<std::pair<std::string, std::string>> overrides;
    if (!call.segmentBy.empty()) {
      overrides.emplace_back("Segments", call.segmentBy);
      const std::string seg = trim(in.segment);
      if (!seg.empty()) {
        std::optional<double> n = valueNumber(Value{seg});
        // a number stays a number only when it reads back the same ("0011" stays text)
        overrides.emplace_back("Segment", n && numberText(*n) == seg ? seg : formula::text(seg));
      }
    }
    out.formula = "=" + renderCall(*call.fn, call, "TODAY()", overrides);
    if (call.measure == Measure::Ratio) {
      // the register's own percent style ("qkpi Percent"); a reduction objective's RETURNS stays an amount
      for (const sheet::Style& st : standardStyles())
        if (st.name == measureStyle(call.measure)) out.numberFormat = st.numberFormat;
    }
  } catch (const UserError& e) {
    std::string m = e.what();
    if (m.rfind(where, 0) == 0) m = m.substr(where.size());  // not a register row: no row label
    out.error = m;
  }
  return out;
}

}  // namespace qkpi::objectives::sidebar
