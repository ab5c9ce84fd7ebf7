// Delivery performance: OTIF, ONTIME, INFULL, OTIFBY (kpi-rules.md,
// "Delivery performance").
//
// Every rule lives in classify(): one verdict per order line (eligible, on
// time, in full), shared by the base functions and OTIFBY.
//
// Data decisions (also in the help):
//  - OrderedQty <= 0 (blank, or a credit/return line): not eligible, left out;
//  - DeliveredQty < 0 on a line with OrderedQty > 0: bad data (#VALUE!);
//  - a Delivered date without Due: not eligible (no due date to compare);
//  - on time is judged by the dates, in full by the quantities only (a
//    quantity without a Delivered date is still "not delivered" for ONTIME);
//  - bad data in any line of the table is reported, whatever the segment and
//    the period (as in returns.cpp): classify() checks a line before it
//    applies the period, and every line is classified before the segment
//    filter, so each OTIFBY row equals OTIF with that Segment and a wrong
//    line is never hidden by a filter. Lines that are only ineligible (Due
//    blank, OrderedQty <= 0) are not bad data.
#include <cmath>
#include <optional>
#include <string>

#include "kpi/args.h"
#include "kpi/by_table.h"
#include "kpi/common_args.h"
#include "kpi/function_table.h"
#include "kpi/segments.h"

namespace qkpi {
namespace {

struct DeliveryRules {
  Period period;
  std::optional<double> earlyDays;  // not given: early is always on time
  double lateDays = 0;
  double tolerance = 0;
};

// Column of each field inside the table; kNoColumn when the layout lacks it
// (ONTIME and INFULL on two columns).
struct DeliveryColumns {
  std::size_t due = kNoColumn, delivered = kNoColumn, orderedQty = kNoColumn, deliveredQty = kNoColumn;
  bool hasDates() const { return due != kNoColumn; }
  bool hasQuantities() const { return orderedQty != kNoColumn; }
};

struct Verdict {
  bool eligible = false;
  bool onTime = false;
  bool inFull = false;
};

// Exactly at the boundary is in full: DeliveredQty >= OrderedQty * (1 - tol),
// with a relative margin for the rounding of the product (150 * (1 - 0.18) is
// 123.00000000000001 in binary floating point).
bool inFull(double ordered, double delivered, double tolerance) {
  double need = ordered * (1 - tolerance);
  return delivered >= need - 1e-12 * ordered;
}

// Checks the line first (every line, whatever the period; the callers call
// it for every line, whatever the segment), then decides eligibility.
Verdict classify(const NumTable& t, const DeliveryColumns& c, const DeliveryRules& r, std::size_t row) {
  Verdict v;
  double ordered = 0, deliveredQty = 0;
  if (c.hasQuantities()) {
    ordered = t.at(row, c.orderedQty);
    deliveredQty = t.at(row, c.deliveredQty);
    if (ordered > 0 && deliveredQty < 0)
      throw DataError("DeliveredQty is negative in row " + std::to_string(row + 1) + " of Lines");
  }
  std::optional<long> due, delivered;
  if (c.hasDates()) {
    // Both dates are checked on every line (a date outside the years 1 to 9999 is bad data).
    const Context ctx{r.period.nullDateOffset};
    due = tableDay(t.at(row, c.due), ctx, "Due", row);
    delivered = tableDay(t.at(row, c.delivered), ctx, "Delivered", row);
    if (!due || (r.period.active() && !r.period.containsDay(*due))) return v;
  }
  if (c.hasQuantities() && !(ordered > 0)) return v;
  if (c.hasDates()) {
    if (!delivered) {
      // Not delivered yet: not late at the end of the period -> left out.
      if (r.period.to && static_cast<double>(*due) + r.lateDays >= static_cast<double>(*r.period.to))
        return v;
    } else {
      double days = static_cast<double>(*delivered - *due);
      v.onTime = days <= r.lateDays && (!r.earlyDays || -days <= *r.earlyDays);
    }
  }
  if (c.hasQuantities()) v.inFull = inFull(ordered, deliveredQty, r.tolerance);
  v.eligible = true;
  return v;
}

enum class Measure { Otif, OnTime, InFull };

double success(const Verdict& v, Measure m) {
  switch (m) {
    case Measure::Otif:
      return v.onTime && v.inFull ? 1 : 0;
    case Measure::OnTime:
      return v.onTime ? 1 : 0;
    case Measure::InFull:
      return v.inFull ? 1 : 0;
  }
  return 0;
}

const NumTable& linesTable(const Arg& lines) {
  if (!lines.isTable()) throw ArgumentError("Lines: expects a range of cells");
  return lines.table();
}

double tolerance(const Arg& a) {
  return optionalFraction(a, "QtyTolerance").value_or(0);
}

DeliveryColumns fullLayout(const Arg& columns, std::size_t tableCols) {
  auto m = columnMap(columns, tableCols, 4, 4);
  return {m[0], m[1], m[2], m[3]};
}

// ONTIME and INFULL: the delivery layout (4 fields) or the 2-field one.
bool chooseFullLayout(const Arg& columns, std::size_t tableCols) {
  std::size_t listed = columnCount(columns);
  if (listed == 4) return true;
  if (listed == 2) return false;
  if (listed != 0)
    throw ArgumentError("Columns: list 4 positions (Due, Delivered, OrderedQty, DeliveredQty) or 2");
  if (tableCols >= 4) return true;
  if (tableCols == 2) return false;
  throw ArgumentError(
      "Lines: expects 4 or more columns (Due, Delivered, OrderedQty, DeliveredQty) or 2, or give Columns");
}

Value ratio(double numerator, double denominator) {
  if (denominator == 0) return NoValue{};
  return numerator / denominator;
}

// One base call: the rows of the segment, counted by the shared verdict.
// Every line is classified (and so checked) before the segment filter.
Value runBase(const NumTable& t, const DeliveryColumns& c, const DeliveryRules& r, const SegmentFilter& f,
              Measure m) {
  double numerator = 0, denominator = 0;
  for (std::size_t row = 0; row < t.rowCount(); ++row) {
    Verdict v = classify(t, c, r, row);
    if (!f.keep(row) || !v.eligible) continue;
    numerator += success(v, m);
    denominator += 1;
  }
  return ratio(numerator, denominator);
}

// --- OTIF ------------------------------------------------------------------

Value otif(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  DeliveryColumns c = fullLayout(a[8], t.cols);
  DeliveryRules r{readPeriod(a[3], a[4], ctx), optionalCount(a[5], "EarlyDays"),
                  optionalCount(a[6], "LateDays").value_or(0), tolerance(a[7])};
  SegmentFilter f(a[1], a[2], t.rowCount());
  return runBase(t, c, r, f, Measure::Otif);
}

Value ontime(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  DeliveryColumns c;
  if (chooseFullLayout(a[7], t.cols)) {
    c = fullLayout(a[7], t.cols);
  } else {
    auto m = columnMap(a[7], t.cols, 2, 2);
    c.due = m[0];
    c.delivered = m[1];
  }
  DeliveryRules r{readPeriod(a[3], a[4], ctx), optionalCount(a[5], "EarlyDays"),
                  optionalCount(a[6], "LateDays").value_or(0), 0};
  SegmentFilter f(a[1], a[2], t.rowCount());
  return runBase(t, c, r, f, Measure::OnTime);
}

Value infull(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  DeliveryColumns c;
  DeliveryRules r{readPeriod(a[3], a[4], ctx), std::nullopt, 0, tolerance(a[5])};
  if (chooseFullLayout(a[6], t.cols)) {
    c = fullLayout(a[6], t.cols);
  } else {
    auto m = columnMap(a[6], t.cols, 2, 2);
    c.orderedQty = m[0];
    c.deliveredQty = m[1];
    if (r.period.active())
      throw ArgumentError("From/To: a 2-column INFULL range (OrderedQty, DeliveredQty) has no due date");
  }
  SegmentFilter f(a[1], a[2], t.rowCount());
  return runBase(t, c, r, f, Measure::InFull);
}

Value otifBy(const Context& ctx, std::span<const Arg> a) {
  const NumTable& t = linesTable(a[0]);
  DeliveryColumns c = fullLayout(a[7], t.cols);
  DeliveryRules r{readPeriod(a[2], a[3], ctx), optionalCount(a[4], "EarlyDays"),
                  optionalCount(a[5], "LateDays").value_or(0), tolerance(a[6])};
  SegmentIndex index(a[1], t.rowCount(), "Segments");
  RatioByTable by(index);
  for (std::size_t row = 0; row < t.rowCount(); ++row) {
    by.countRow(row);
    Verdict v = classify(t, c, r, row);
    if (v.eligible) by.use(row, success(v, Measure::Otif), 1);
  }
  return by.result();
}

// --- Help texts and register facts ----------------------------------------------

namespace ca = common_args;

constexpr LocalText kLines{
    "The order lines: a range with the columns Due, Delivered (date; empty = not yet delivered), OrderedQty, DeliveredQty in this order, or in any order with Columns. Text and empty cells count as blank; lines with OrderedQty ≤ 0 are left out.",
    "Die Auftragspositionen: ein Bereich mit den Spalten Liefertermin (Due), Lieferdatum (Delivered; leer = noch nicht geliefert), Bestellmenge (OrderedQty), Liefermenge (DeliveredQty) in dieser Reihenfolge oder beliebig mit Columns. Text und leere Zellen gelten als leer; Positionen mit Bestellmenge ≤ 0 bleiben außen vor."};

constexpr LocalText kLinesOntime{
    "The order lines: a range with the columns Due, Delivered, OrderedQty, DeliveredQty (as for OTIF), or only Due, Delivered (2 columns); other orders with Columns. Empty Delivered = not yet delivered.",
    "Die Auftragspositionen: ein Bereich mit den Spalten Liefertermin, Lieferdatum, Bestellmenge, Liefermenge (wie bei OTIF) oder nur Liefertermin, Lieferdatum (2 Spalten); andere Reihenfolge mit Columns. Leeres Lieferdatum = noch nicht geliefert."};

constexpr LocalText kLinesInfull{
    "The order lines: a range with the columns Due, Delivered, OrderedQty, DeliveredQty (as for OTIF), or only OrderedQty, DeliveredQty (2 columns, then without period); other orders with Columns.",
    "Die Auftragspositionen: ein Bereich mit den Spalten Liefertermin, Lieferdatum, Bestellmenge, Liefermenge (wie bei OTIF) oder nur Bestellmenge, Liefermenge (2 Spalten, dann ohne Zeitraum); andere Reihenfolge mit Columns."};

constexpr LocalText kByDue{"The period date is Due.", "Das Periodendatum ist der Liefertermin (Due)."};

constexpr LocalText kToLate{
    "A line not yet delivered is a failure, except when To is given and Due + LateDays ≥ To: it is not late yet and is left out.",
    "Eine noch nicht gelieferte Position gilt als verfehlt, außer To ist angegeben und Liefertermin + LateDays ≥ To: Dann ist sie noch nicht verspätet und bleibt außen vor."};

constexpr LocalText kToInfull{
    "Needs the 4-column layout. A line not yet delivered with Due ≥ To is not late yet and is left out (as OTIF with LateDays 0).",
    "Nur mit 4 Spalten. Eine noch nicht gelieferte Position mit Liefertermin ≥ To ist noch nicht verspätet und bleibt außen vor (wie OTIF mit LateDays 0)."};

constexpr ArgSpec kEarlyDays{
    "EarlyDays",
    ArgType::Any,
    ArgKind::Count,
    false,
    {},
    {"Calendar days a delivery may arrive before Due and still be on time (≥ 0). Omitted = any early delivery is on time; 0 = early deliveries are failures.",
     "Kalendertage, die eine Lieferung vor dem Liefertermin eintreffen darf und noch termingerecht ist (≥ 0). Weggelassen = jede Frühlieferung ist termingerecht; 0 = Frühlieferungen gelten als verfehlt."}};

constexpr ArgSpec kLateDays{
    "LateDays",
    ArgType::Any,
    ArgKind::Count,
    false,
    {},
    {"Calendar days a delivery may arrive after Due and still be on time (≥ 0). Default 0: on or before the due date.",
     "Kalendertage, die eine Lieferung nach dem Liefertermin eintreffen darf und noch termingerecht ist (≥ 0). Standard 0: spätestens am Liefertermin."}};

constexpr ArgSpec kQtyTolerance{
    "QtyTolerance",
    ArgType::Any,
    ArgKind::Fraction,
    false,
    {},
    {"Allowed short delivery as a fraction 0…1: a line is in full when DeliveredQty ≥ OrderedQty × (1 − QtyTolerance); 0.02 accepts 49 of 50. Default 0. Over-delivery is in full.",
     "Zulässige Minderlieferung als Anteil 0…1: eine Position ist vollständig, wenn Liefermenge ≥ Bestellmenge × (1 − QtyTolerance); 0,02 akzeptiert 49 von 50. Standard 0. Überlieferung gilt als vollständig."}};

constexpr LocalText kFields{
    "Fields: Due, Delivered, OrderedQty, DeliveredQty, e.g. {6;8;5;7} for an ERP export.",
    "Felder: Liefertermin, Lieferdatum, Bestellmenge, Liefermenge, z. B. {6;8;5;7} für einen ERP-Export."};

constexpr LocalText kFieldsOntime{
    "4 positions for Due, Delivered, OrderedQty, DeliveredQty, e.g. {6;8;5;7}, or 2 for Due, Delivered.",
    "4 Positionen für Liefertermin, Lieferdatum, Bestellmenge, Liefermenge, z. B. {6;8;5;7}, oder 2 für Liefertermin, Lieferdatum."};

constexpr LocalText kFieldsInfull{
    "4 positions for Due, Delivered, OrderedQty, DeliveredQty, e.g. {6;8;5;7}, or 2 for OrderedQty, DeliveredQty.",
    "4 Positionen für Liefertermin, Lieferdatum, Bestellmenge, Liefermenge, z. B. {6;8;5;7}, oder 2 für Bestellmenge, Liefermenge."};

constexpr ArgSpec lines(LocalText text) {
  return {"Lines", ArgType::Table, ArgKind::Table, true, {}, text};
}

constexpr ArgSpec kOtifArgs[] = {
    lines(kLines), ca::segments(), ca::segment(), ca::from(kByDue),     ca::to(kToLate),
    kEarlyDays,    kLateDays,      kQtyTolerance, ca::columns(kFields),
};

constexpr ArgSpec kOntimeArgs[] = {
    lines(kLinesOntime), ca::segments(), ca::segment(), ca::from(kByDue),
    ca::to(kToLate),     kEarlyDays,     kLateDays,     ca::columns(kFieldsOntime),
};

constexpr ArgSpec kInfullArgs[] = {
    lines(kLinesInfull),        ca::segments(),    ca::segment(),
    ca::from(kByDue),           ca::to(kToInfull), kQtyTolerance,
    ca::columns(kFieldsInfull),
};

constexpr ArgSpec kOtifByArgs[] = {
    lines(kLines), ca::segmentsBy(), ca::from(kByDue), ca::to(kToLate),
    kEarlyDays,    kLateDays,        kQtyTolerance,    ca::columns(kFields),
};

constexpr LocalText kAction{
    "Analyse the late and short order lines by customer and cause (Pareto); agree corrective actions with planning, production and logistics; check the effect on the KPI at the next review.",
    "Verspätete und unvollständige Auftragspositionen nach Kunde und Ursache analysieren (Pareto); Korrekturmaßnahmen mit Arbeitsvorbereitung, Produktion und Logistik vereinbaren; die Wirksamkeit an der Kennzahl bei der nächsten Bewertung prüfen."};

// OTIFBY's result columns.
constexpr LocalText kOtifByColumns[] = {
    {"Segment", "Segment"},
    {"Lines", "Positionen"},
    {"Lines counted", "Positionen gezählt"},
    {"On time in full", "Termingerecht und vollständig"},
    {"Counted", "Gezählt"},
    {"OTIF", "OTIF"},
};

// As of: To (lines due after it, or not late by it, are left out).
constexpr KpiFacts kOtifFacts{
    MeasureKind::Ratio, {"OTIF", "Liefertreue (OTIF)"}, "OTIFBY", kOtifByColumns, kAction, false, "To"};
constexpr KpiFacts kOntimeFacts{MeasureKind::Ratio, {"ONTIME", "Termintreue"}, "", {}, kAction, false, "To"};
constexpr KpiFacts kInfullFacts{
    MeasureKind::Ratio, {"INFULL", "Mengentreue"}, "", {}, kAction, false, "To", 2};

constexpr FunctionSpec kFunctions[] = {
    {"OTIF",
     true,
     false,
     {"On time in full: share of order lines delivered on time and in full. Counted: lines with Due and OrderedQty > 0 in segment and period. On time: −EarlyDays ≤ Delivered − Due ≤ LateDays; in full: DeliveredQty ≥ OrderedQty × (1 − QtyTolerance). Errors: #N/A when no line counts; Err:502 for a bad argument; #VALUE! when DeliveredQty < 0 in any row.",
      "Liefertreue (OTIF): Anteil der Positionen, die termingerecht und vollständig geliefert wurden. Gezählt: Positionen mit Liefertermin und Bestellmenge > 0 im Segment und Zeitraum. Termingerecht: −EarlyDays ≤ Lieferdatum − Termin ≤ LateDays; vollständig: Liefermenge ≥ Bestellmenge × (1 − QtyTolerance). Fehler: #NV ohne zählbare Position; Fehler:502 bei falschem Argument; #WERT! bei Liefermenge < 0 in irgendeiner Zeile."},
     kOtifArgs,
     otif,
     &kOtifFacts},
    {"ONTIME",
     true,
     false,
     {"Share of order lines delivered on time: −EarlyDays ≤ Delivered − Due ≤ LateDays. On 4 or more columns it counts OTIF's lines; on 2 columns (Due, Delivered) every line with Due. Errors: #N/A when no line counts; Err:502 for a bad argument or another table width; #VALUE! when DeliveredQty < 0 in any row.",
      "Termintreue: Anteil der termingerecht gelieferten Positionen: −EarlyDays ≤ Lieferdatum − Termin ≤ LateDays. Mit 4 oder mehr Spalten zählen dieselben Positionen wie bei OTIF; mit 2 Spalten (Termin, Lieferdatum) jede Position mit Termin. Fehler: #NV ohne zählbare Position; Fehler:502 bei falschem Argument oder anderer Spaltenzahl; #WERT! bei Liefermenge < 0 in irgendeiner Zeile."},
     kOntimeArgs,
     ontime,
     &kOntimeFacts},
    {"INFULL",
     true,
     false,
     {"Share of order lines delivered in full: DeliveredQty ≥ OrderedQty × (1 − QtyTolerance). On 4 or more columns it counts OTIF's lines; on 2 columns (OrderedQty, DeliveredQty) every line with OrderedQty > 0. Errors: #N/A when no line counts; Err:502 for a bad argument, another width, or From/To on 2 columns; #VALUE! when DeliveredQty < 0 in any row.", "Mengentreue: Anteil der vollständig gelieferten Positionen: Liefermenge ≥ Bestellmenge × (1 − QtyTolerance). Mit 4 oder mehr Spalten dieselben Positionen wie bei OTIF; mit 2 Spalten (Bestellmenge, Liefermenge) jede mit Bestellmenge > 0. Fehler: #NV ohne zählbare Position; Fehler:502 bei falschem Argument, anderer Spaltenzahl oder From/To bei 2 Spalten; #WERT! bei Liefermenge < 0 in irgendeiner Zeile."},
     kInfullArgs,
     infull,
     &kInfullFacts},
    {"OTIFBY",
     true,
     true,
     {"OTIF per segment in one call (array formula): a row per segment in SEGMENTS order, then (blank), then (all); columns segment, lines, lines counted, on time in full, counted, OTIF (\"\" if none). Each row equals OTIF with that Segment. Errors: Err:502 for a bad argument; #VALUE! when DeliveredQty < 0 in any row.",
      "Liefertreue je Segment in einem Aufruf (Matrixformel): eine Zeile je Segment in der Reihenfolge von SEGMENTS, dann (blank), dann (all); Spalten Segment, Positionen, gezählt, termingerecht und vollständig, gezählt, OTIF (\"\" wenn keine). Jede Zeile gleicht OTIF mit diesem Segment. Fehler: Fehler:502 bei falschem Argument; #WERT! bei Liefermenge < 0 in irgendeiner Zeile."},
     kOtifByArgs,
     otifBy,
     nullptr},
};

}  // namespace

std::span<const FunctionSpec> deliveryFunctions() {
  return kFunctions;
}

}  // namespace qkpi
