// The arguments that the record functions share (Segments, Segment, From, To,
// Columns): their specs and help texts, written once so that the four module
// files cannot drift apart. Each function adds only its own words (which date
// is the period date, which fields Columns lists ...); argumentDescription()
// (function_table.h) joins them and adds "Required." / "Optional."; the
// wizard shows the one-line summaries (k...Summary) instead.
#pragma once

#include "kpi/function_table.h"

namespace qkpi::common_args {

inline constexpr LocalText kSegments{
    "One column with as many rows as the table, giving each row's segment (customer, site, product …). Compared ignoring case and surrounding spaces; 1001 equals \"1001\".",
    "Eine Spalte mit so vielen Zeilen wie die Tabelle, die jeder Zeile ihr Segment zuordnet (Kunde, Werk, Produkt …). Groß-/Kleinschreibung und umgebende Leerzeichen zählen nicht; 1001 ist gleich \"1001\"."};

inline constexpr LocalText kSegment{
    "The segment to evaluate, e.g. a customer number or name; needs Segments. Omitted or \"\" = all rows. Rows with an empty segment belong to no segment but count in the total.",
    "Das auszuwertende Segment, z. B. Kundennummer oder Kundenname; braucht Segments. Weggelassen oder \"\" = alle Zeilen. Zeilen ohne Segment gehören zu keinem Segment, zählen aber in der Summe."};

inline constexpr LocalText kFrom{
    "First day of the period, inclusive: a date or ISO text such as \"2026-01-01\". Omitted = open; once From or To is set, rows without a period date are left out.",
    "Erster Tag des Zeitraums, einschließlich: ein Datum oder ISO-Text wie \"2026-01-01\". Weggelassen = offen; sobald From oder To gesetzt ist, bleiben Zeilen ohne Periodendatum außen vor."};

inline constexpr LocalText kTo{
    "Last day of the period, inclusive, given as From. Omitted = open.",
    "Letzter Tag des Zeitraums, einschließlich, Angabe wie bei From. Weggelassen = offen."};

inline constexpr LocalText kColumns{
    "Positions (1-based) of the fields inside the table, in field order, as a row or column array. Omitted = the first columns in field order.",
    "Positionen (ab 1) der Felder innerhalb der Tabelle, in Feldreihenfolge, als Zeilen- oder Spaltenmatrix. Weggelassen = die ersten Spalten in Feldreihenfolge."};

// The Function Wizard's one-line texts of these arguments (ArgSpec::summary).
inline constexpr LocalText kSegmentsSummary{
    "Column with each row's segment (customer, site …), as long as the table.",
    "Spalte mit dem Segment jeder Zeile (Kunde, Werk …) der Tabelle."};
inline constexpr LocalText kSegmentSummary{
    "The segment to evaluate (needs Segments); omitted or \"\" = all rows.",
    "Auszuwertendes Segment (braucht Segments); weggelassen oder \"\" = alle."};
inline constexpr LocalText kFromSummary{
    "First day of the period, inclusive: a date or ISO text \"2026-01-01\".",
    "Erster Tag des Zeitraums, einschließlich: Datum oder ISO-Text \"2026-01-01\"."};
inline constexpr LocalText kToSummary{"Last day of the period, inclusive; omitted = open.",
                                      "Letzter Tag des Zeitraums, einschließlich; weggelassen = offen."};
inline constexpr LocalText kColumnsSummary{
    "Positions of the fields in the table (from 1); omitted = the first columns.",
    "Positionen der Felder in der Tabelle (ab 1); weggelassen = erste Spalten."};

// [Segments] of a base function; Segments of a ...BY function (required, one
// result row per segment).
constexpr ArgSpec segments() {
  return {"Segments", ArgType::Any, ArgKind::Segments, false, kSegments, {}, kSegmentsSummary};
}
constexpr ArgSpec segmentsBy() {
  return {"Segments",
          ArgType::Any,
          ArgKind::Segments,
          true,
          kSegments,
          {"One result row per segment, then (blank) and (all).",
           "Eine Ergebniszeile je Segment, dann (blank) und (all)."},
          kSegmentsSummary};
}
constexpr ArgSpec segment() {
  return {"Segment", ArgType::Any, ArgKind::Segment, false, kSegment, {}, kSegmentSummary};
}
// [From]; `periodDate` names the function's period date.
constexpr ArgSpec from(LocalText periodDate) {
  return {"From", ArgType::Any, ArgKind::Date, false, kFrom, periodDate, kFromSummary};
}
constexpr ArgSpec to(LocalText more = {}) {
  return {"To", ArgType::Any, ArgKind::Date, false, kTo, more, kToSummary};
}
// [Columns]; `fields` lists the function's fields, with an example.
constexpr ArgSpec columns(LocalText fields) {
  return {"Columns", ArgType::Any, ArgKind::Columns, false, kColumns, fields, kColumnsSummary};
}

}  // namespace qkpi::common_args
