// Targets and segments: KPISTATUS, SEGMENTS (kpi-rules.md, "Targets and
// segments").
#include "kpi/targets.h"

#include <cmath>
#include <optional>
#include <string>

#include "kpi/args.h"
#include "kpi/function_table.h"
#include "kpi/segments.h"

namespace qkpi {
namespace {

// Comparisons as Calc makes them (rtl::math::approxEqual: relative 2^-48), so
// a ratio that Calc shows equal to its target is not one ulp short of GREEN.
bool approxEqual(double a, double b) {
  if (a == b) return true;
  if (a == 0 || b == 0) return false;
  double d = std::fabs(a - b);
  constexpr double e48 = 0x1p-48;
  return d < std::fabs(a) * e48 && d < std::fabs(b) * e48;
}
bool atLeast(double a, double b) {
  return a > b || approxEqual(a, b);
}
bool atMost(double a, double b) {
  return a < b || approxEqual(a, b);
}

bool equalsAsciiNoCase(std::u16string_view text, std::u16string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char16_t c = text[i];
    if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c + 0x20);
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<double> readActual(const Arg& a) {
  if (a.isOmitted()) throw ArgumentError("Actual: is required (\"\" for no value)");
  if (a.isTable() || a.rows() != 1 || a.cols() != 1) throw ArgumentError("Actual: expects a single value");
  const Cell& c = a.cell(0, 0);
  if (c.isBlankText()) return std::nullopt;
  if (c.isText()) throw ArgumentError("Actual: expects a number or \"\"");
  if (!std::isfinite(c.number)) throw ArgumentError("Actual: is not a finite number");
  return c.number;
}

Direction readDirection(const Arg& direction) {
  auto d = optionalText(direction, "Direction");
  if (!d || equalsAsciiNoCase(*d, u"higher")) return Direction::Higher;
  if (equalsAsciiNoCase(*d, u"lower")) return Direction::Lower;
  throw ArgumentError("Direction: expects \"higher\" or \"lower\"");
}

void checkAmberSide(double amber, double target, Direction direction) {
  bool higher = direction == Direction::Higher;
  if ((higher ? amber > target : amber < target) && !approxEqual(amber, target))
    throw ArgumentError(higher ? "Amber: must not be above Target when higher is better"
                               : "Amber: must not be below Target when lower is better");
}

namespace {

Value kpiStatus(const Context&, std::span<const Arg> a) {
  std::optional<double> actual = readActual(a[0]);
  double target = requiredNumber(a[1], "Target");
  Direction direction = readDirection(a[2]);
  bool higher = direction == Direction::Higher;
  std::optional<double> amber = optionalNumber(a[3], "Amber");
  if (amber) checkAmberSide(*amber, target, direction);
  if (!actual) return std::u16string(u"GREY");
  auto reaches = [&](double bound) { return higher ? atLeast(*actual, bound) : atMost(*actual, bound); };
  if (reaches(target)) return std::u16string(u"GREEN");
  if (amber && reaches(*amber)) return std::u16string(u"AMBER");
  return std::u16string(u"RED");
}

Value segments(const Context&, std::span<const Arg> a) {
  SegmentIndex index(a[0], a[0].rows(), "Segments");
  if (index.size() == 0) return NoValue{};
  Matrix m;
  m.rows = index.size();
  m.cols = 1;
  m.cells.reserve(m.rows);
  for (std::size_t id = 0; id < index.size(); ++id) m.cells.push_back(index.display(static_cast<int>(id)));
  return m;
}

// --- Help texts --------------------------------------------------------------

constexpr ArgSpec kKpiStatusArgs[] = {
    // Required, and "" is a value (GREY): ArgKind::Actual (isGiven).
    {"Actual",
     ArgType::Any,
     ArgKind::Actual,
     true,
     {},
     {"The KPI value, or \"\" for no value (GREY); pass IFNA(x;\"\"). An empty cell arrives as 0: pass IF(ISBLANK(A1);\"\";A1).",
      "Der Kennzahlwert oder \"\" für keinen Wert (GREY); z. B. WENNNV(x;\"\"). Eine leere Zelle kommt als 0 an: WENN(ISTLEER(A1);\"\";A1) übergeben."},
     {"The KPI value, or \"\" for no value (GREY).", "Der Kennzahlwert oder \"\" für keinen Wert (GREY)."}},
    {"Target",
     ArgType::Any,
     ArgKind::Number,
     true,
     {},
     {"The target value, e.g. 0.95 for 95 %.", "Der Zielwert, z. B. 0,95 für 95 %."},
     {"The target value, e.g. 0.95 for 95 %.", "Der Zielwert, z. B. 0,95 für 95 %."}},
    {"Direction",
     ArgType::Any,
     ArgKind::Direction,
     false,
     {},
     {"\"higher\" (default) when a higher value is better (OTIF, RFT), \"lower\" when a lower value is better (returns value, days); any case.",
      "\"higher\" (Standard), wenn ein höherer Wert besser ist (Liefertreue, RFT), \"lower\", wenn ein niedrigerer besser ist (Retourenwert, Tage); Groß-/Kleinschreibung egal."},
     {"\"higher\" (default) or \"lower\": which is better.",
      "\"higher\" (Standard) oder \"lower\": was besser ist."}},
    {"Amber",
     ArgType::Any,
     ArgKind::Number,
     false,
     {},
     {"Boundary between AMBER and RED, on the worse side of Target (below it for higher, above it for lower). Omitted = no AMBER: below target is RED.",
      "Grenze zwischen AMBER (gelb) und RED (rot), auf der schlechteren Seite des Ziels (darunter bei higher, darüber bei lower). Weggelassen = kein AMBER: Ziel verfehlt ist RED."},
     {"Boundary between AMBER and RED; omitted = no AMBER.",
      "Grenze zwischen AMBER und RED; weggelassen = kein AMBER."}},
};

constexpr ArgSpec kSegmentsArgs[] = {
    {"Segments",
     ArgType::Any,
     ArgKind::Segments,
     true,
     {},
     {"One column of segments (customers, sites, products ...), e.g. the customer column of the data.",
      "Eine Spalte mit Segmenten (Kunden, Werke, Produkte …), z. B. die Kundenspalte der Daten."},
     {"One column of segments, e.g. the customer column of the data.",
      "Eine Spalte mit Segmenten, z. B. die Kundenspalte der Daten."}},
};

constexpr FunctionSpec kFunctions[] = {
    {"KPISTATUS",
     false,
     false,
     {"Traffic light of a KPI: GREEN when Actual reaches Target, else AMBER when it reaches Amber, else RED; GREY when Actual is \"\". Direction says whether higher or lower is better. Errors: Err:502 when Target is missing, Direction is another text, Amber is on the wrong side of Target, or Actual is a text other than \"\".",
      "Ampel einer Kennzahl: GREEN, wenn Actual das Ziel erreicht, sonst AMBER, wenn es Amber erreicht, sonst RED; GREY, wenn Actual \"\" ist. Direction legt fest, ob höher oder niedriger besser ist. Fehler: Fehler:502, wenn Target fehlt, Direction ein anderer Text ist, Amber auf der falschen Seite des Ziels liegt oder Actual ein anderer Text als \"\" ist."},
     kKpiStatusArgs,
     kpiStatus,
     nullptr,
     nullptr,
     {"Traffic light of a KPI against its target: GREEN, AMBER or RED; GREY when there is no value.",
      "Ampel einer Kennzahl gegen ihr Ziel: GREEN, AMBER oder RED; GREY, wenn es keinen Wert gibt."}},
    {"SEGMENTS",
     false,
     true,
     {"The distinct segments of a column (array formula), one per row as first written: numbers ascending, then texts ignoring case and surrounding spaces. Empty cells are not listed. Errors: #N/A when there is no segment; Err:502 when Segments is missing or has more than one column.",
      "Die verschiedenen Segmente einer Spalte (Matrixformel), je eines pro Zeile in der ersten Schreibweise: Zahlen aufsteigend, dann Texte ohne Rücksicht auf Groß-/Kleinschreibung und umgebende Leerzeichen. Leere Zellen fehlen. Fehler: #NV ohne Segment; Fehler:502, wenn Segments fehlt oder mehr als eine Spalte hat."},
     kSegmentsArgs,
     segments,
     nullptr,
     nullptr,
     {"The distinct segments of a column (array formula), one per row; empty cells are not listed.",
      "Die verschiedenen Segmente einer Spalte (Matrixformel), eines je Zeile; leere Zellen fehlen."}},
};

}  // namespace

std::span<const FunctionSpec> targetFunctions() {
  return kFunctions;
}

}  // namespace qkpi
