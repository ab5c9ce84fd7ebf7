// Helpers shared by the objectives_*.cpp files (not part of the interface).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kpi/function_table.h"
#include "kpi/targets.h"  // KPISTATUS's Direction and Amber rules, for the review's checks
#include "objectives/objectives.h"
#include "objectives/sheet_spec.h"
#include "objectives/texts.h"

namespace qkpi::objectives::detail {

// ---- text and numbers -------------------------------------------------------
std::string trim(std::string_view s);
std::string lower(std::string_view s);  // ASCII only
bool iequals(std::string_view a, std::string_view b);
// The shortest decimal text that reads back as `v` ("0.998", "2", "-1.5").
std::string numberText(double v);
// A Value as text: text trimmed, a number as numberText, empty as "".
std::string valueText(const Value& v);
bool isEmpty(const Value& v);
// A number, or a text holding a number ("0.95", "95%", "95 %", "0,95").
std::optional<double> valueNumber(const Value& v);
// A Calc string literal: "a""b".
std::string quoted(std::string_view text);

// ---- dates: thin views of kpi/dates.h in the workflow's terms ---------------------
struct Ymd {
  int y = 0, m = 0, d = 0;
};
// A document serial <-> civil date (serial s is day s + offset after 1899-12-30).
Ymd ymdOf(long serial, long nullDateOffset);
long serialOf(int y, int m, int d, long nullDateOffset);  // month and day normalised as DATE() does
long serialOf(const Ymd& ymd, long nullDateOffset);
int daysInMonth(int y, int m);
// Monday = 0 ... Sunday = 6.
int weekdayOf(long serial, long nullDateOffset);
// ISO date text (kpi/dates.h; also surrounded by line breaks) -> date; nullopt otherwise.
std::optional<Ymd> parseIsoDate(std::string_view s);
// A date cell: a positive number (rounded down) or an ISO text date.
std::optional<long> valueDate(const Value& v, long nullDateOffset);
// "DATE(2026;11;25)".
std::string dateLiteral(long serial, long nullDateOffset);

// ---- cell references ----------------------------------------------------------
std::string columnName(int col);                  // 0 -> "A", 26 -> "AA"
std::string cellName(int row, int col);           // (3, 6) -> "G4"
std::string absCellName(int row, int col);        // (3, 6) -> "$G$4"
std::string rangeName(const sheet::Range& r);     // "A2:F7" (relative)
std::string absRangeName(const sheet::Range& r);  // "$A$2:$F$7"
std::string sheetPrefix(std::string_view sheet);  // "$Objectives." / "$'Action Log'."
// A reference as the register's Data and Segment by columns read it (kpi_call.cpp):
// a sheet-qualified cell range or a named range, normalised.
struct ParsedReference {
  std::string text;   // "$Deliveries.A2:D100" or the name
  std::string sheet;  // "" for a name
  bool named = false;
  int cols = 0;  // columns of a cell range; 0 for a name
};
std::optional<ParsedReference> parseReference(const std::string& s);

// ---- sheet spec building ------------------------------------------------------
sheet::Cell textCell(int row, int col, std::string text, std::string style = {});
sheet::Cell numberCell(int row, int col, double v, std::string style = {});
sheet::Cell formulaCell(int row, int col, std::string formula, std::string style = {});
sheet::Cell arrayCell(int row, int col, int rows, int cols, std::string formula, std::string style = {});
sheet::Range range(int r1, int c1, int r2, int c2);

// Style names shared by every qkpi sheet.
inline constexpr const char* kTitle = "qkpi Title";
inline constexpr const char* kSubtitle = "qkpi Subtitle";
inline constexpr const char* kHeader = "qkpi Header";
inline constexpr const char* kSection = "qkpi Section";
inline constexpr const char* kSubheader = "qkpi Subheader";
inline constexpr const char* kLabel = "qkpi Label";
inline constexpr const char* kText = "qkpi Text";
inline constexpr const char* kNote = "qkpi Note";
inline constexpr const char* kDate = "qkpi Date";
inline constexpr const char* kPercent = "qkpi Percent";
inline constexpr const char* kNumber = "qkpi Number";
inline constexpr const char* kInteger = "qkpi Integer";
inline constexpr const char* kDays = "qkpi Days";
inline constexpr const char* kFormula = "qkpi Formula";
inline constexpr const char* kGreen = "qkpi GREEN";
inline constexpr const char* kAmber = "qkpi AMBER";
inline constexpr const char* kRed = "qkpi RED";
inline constexpr const char* kGrey = "qkpi GREY";
inline constexpr const char* kMissing = "qkpi Missing";
inline constexpr const char* kComplete = "qkpi Complete";
inline constexpr const char* kOverdue = "qkpi Overdue";
inline constexpr const char* kClosed = "qkpi Closed";
inline constexpr const char* kSignal = "qkpi Signal";
inline constexpr const char* kWarning = "qkpi Warning";
// The four KPISTATUS codes with their cell style and colours (0xRRGGBB), in
// the order GREEN, AMBER, RED, GREY: the register's, review's and sidebar's.
struct RagColours {
  const char* style;  // kGreen ...
  const char* code;   // "GREEN" ...
  std::int32_t background, font;
};
const std::array<RagColours, 4>& ragColours();
inline constexpr const char* kToDate = "qkpi To date";  // the month to date: italic grey
inline constexpr const char* kToDatePercent = "qkpi To date Percent";
inline constexpr const char* kToDateNumber = "qkpi To date Number";
inline constexpr const char* kToDateDays = "qkpi To date Days";
inline constexpr const char* kStale = "qkpi Stale";  // an Actual that differs from its Options
// Every style above.
std::vector<sheet::Style> standardStyles();
// RAG conditional formats for a column of KPISTATUS codes: `range` must be one
// column; the formulas refer to its first cell.
void addRagFormats(sheet::SheetSpec& spec, const sheet::Range& range);

// ---- objectives ---------------------------------------------------------------
// "Objectives row 4 (ID Q-02)" ("Objectives Zeile 4 (ID Q-02)").
std::string rowLabel(const Objective& o, Lang lang = Lang::En);
// A header found twice in row 1 of `sheet` (0-based columns): which columns,
// why that is refused, what to do.
std::string repeatedHeaderMessage(std::string_view sheet, std::string_view header, int firstCol,
                                  std::size_t secondCol, Lang lang = Lang::En);
// The columns of a header row (row 0 of a sheet) for headers given in English
// (`en`) and German (`de`, same order), either language per header (case and
// spaces ignored); -1 = not found. `lang`: the language the headers mostly
// are in (De when more are German-only than English-only). UserError (in
// `lang`) for a header given twice.
struct HeaderMatch {
  std::vector<int> col;
  Lang lang = Lang::En;
};
HeaderMatch matchHeaders(const std::vector<Value>& row, const std::vector<std::string>& en,
                         const std::vector<std::string>& de, std::string_view sheet, Lang lang);

// How the workflow shows a KPI's value: KpiFacts::measure, plus Reduction
// for a KPI whose Baseline makes it a reduction objective.
enum class Measure {
  Ratio,      // MeasureKind::Ratio, a fraction 0...1 (OTIF, RFT, TURNAROUND ...): percent format
  Value,      // MeasureKind::Amount, a returns value: number format
  Days,       // MeasureKind::Days, working days (TURNAROUNDDAYS)
  Reduction,  // RETURNS with a Baseline: a reduction fraction
};

// The KPIs a register row may name (the functions with KpiFacts), in dropdown order.
const std::vector<std::string>& kpiNames();

// The functions of OTIF as a system of measures, which the review adds to a
// delivery objective (KpiFacts::deliverySystem).
inline constexpr std::string_view kLineFunction = "OTIF";
inline constexpr std::string_view kQuantityFunction = "OTIFQTY";
inline constexpr std::string_view kOrdersFunction = "OTIFORDERS";
inline constexpr std::string_view kReasonsFunction = "OTIFREASONS";

// An objective's KPI call, parsed and checked. Option expressions may contain
// the token TODAY(), replaced when rendered.
struct KpiCall {
  const FunctionSpec* fn = nullptr;    // fn->kpi is set: the KPI's facts
  const FunctionSpec* byFn = nullptr;  // fn->kpi->byFunction (OTIFBY ...) or nullptr
  // The options given, in the function's argument order: (argument name, expression).
  std::vector<std::pair<std::string, std::string>> options;
  std::string data, segmentBy;  // normalised references
  Measure measure = Measure::Ratio;
  bool reduction = false;      // RETURNS with a Baseline
  bool lowerIsBetter = false;  // from Direction
  // The as-of argument (KpiFacts::asOfArgument) was not in the Options and is
  // TODAY() by default (see kpi_call.cpp).
  bool asOfDefaulted = false;
  // A delivery KPI on the 4-field layout: the review adds the OTIF system block.
  bool deliverySystem = false;
  bool hasOption(std::string_view name) const {
    for (const auto& op : options)
      if (op.first == name) return true;
    return false;
  }
};
// UserError (naming the row, in `lang`) on an unknown KPI, bad Data/Segment by, bad options.
KpiCall parseKpi(const Objective& o, Lang lang);

// Where the cells a formula refers to are: the register row itself, or the
// facts row of a review section.
struct CallRefs {
  std::string today;                 // "TODAY()" or "DATE(2026;11;25)"
  std::string baseline, start, due;  // cell references (reduction objectives)
};
// "OTIF($Deliveries.D2:G20001;;;\"2026-01-01\")" (no '=') with `overrides`
// (argument name -> expression) replacing or adding arguments.
std::string renderCall(const FunctionSpec& fn, const KpiCall& call, const std::string& today,
                       const std::vector<std::pair<std::string, std::string>>& overrides = {});
// `expr` with each TODAY() replaced by `today` (as is when today is "TODAY()").
std::string replaceToday(const std::string& expr, const std::string& today);
// The Actual expression (no '='): the KPI call, or for a reduction objective
// REDUCTION(Baseline*share;RETURNS(...;From=Start;To=MIN(today;Due))).
std::string actualExpression(const KpiCall& call, const CallRefs& refs);
// The elapsed share of Start..Due (reduction objectives), no '='.
std::string elapsedShareExpression(const CallRefs& refs);
// The cell style of a KPI value.
const char* measureStyle(Measure m);
// Per-field readable label of the KPI value, e.g. "OTIF", "Returns value"
// (KpiFacts::label); "Reduction" for a reduction objective.
std::string measureLabel(const KpiCall& call, Lang lang = Lang::En);
// The header row of the review's per-segment table, with the Status column
// last: the ...BY function's result columns (KpiFacts::segmentColumns), or
// without a ...BY function Segment, measureLabel. Not for a reduction
// objective (its table has columns of its own).
std::vector<std::string> segmentTableHeaders(const KpiCall& call, Lang lang = Lang::En);
// The corrective action proposed for an objective whose KPI (the register's
// text, any case) misses its target: KpiFacts::proposedAction, or a general
// one for an unknown KPI.
std::string proposedAction(std::string_view kpi, Lang lang = Lang::En);
// UTF-8 text as UTF-16, for a literal qkpi::Arg (invalid bytes -> U+FFFD).
std::u16string utf16(std::string_view utf8);
// UTF-16 text (an add-in result's text) as UTF-8 (unpaired surrogates -> U+FFFD).
std::string utf8(std::u16string_view text);

// ---- review: trend months and the native counts of rows left out ------------
// One row of the review's trend: a calendar month, from its first day to its
// last day, or for the month to date to the review date.
struct TrendMonth {
  std::string label;  // "Nov 2026", "Dec 2026 (to date)"
  long from = 0, to = 0;
  bool complete = true;  // `to` is the month's last day (false: the month to date)
};
// The 12 complete calendar months before the month of `today`, oldest first,
// then - when `today` is not the 1st - the month to date (kpi/dates.h month arithmetic).
std::vector<TrendMonth> trendMonths(long today, long nullDateOffset, Lang lang = Lang::En);

// The style of a value of the month to date: `valueStyle`'s number format in
// italic grey ("qkpi To date Percent" ...); kToDate for any other style.
const char* toDateStyle(const char* valueStyle);

// Native COUNTIFS mirrors of the KPI rules (left_out.cpp), so the review can
// say why rows were left out. Each is a formula expression (no '=') on the
// objective's Data, or nullopt when the KPI has none or its Columns is not an
// inline array.
// The rows of a turnaround KPI (KpiFacts::asOfArgument "AsOf") received from
// `from` to `to` (date expressions) and not closed by `to`: still open.
std::optional<std::string> openRowsFormula(const KpiCall& call, const std::string& from,
                                           const std::string& to);
// Why the rows of OTIF or TURNAROUND were left out, as of `today` (a date
// expression): (label, expression) per reason, e.g. ("not yet due", ...),
// ("blank", ...), ("outside period", ...). `leftOut` is the cell with the
// total (rows minus rows used); a reason that the library decides with working
// days (open, still within time) is that total minus the other reasons.
std::vector<std::pair<std::string, std::string>> leftOutReasons(const KpiCall& call, const std::string& today,
                                                                const std::string& leftOut,
                                                                Lang lang = Lang::En);

// ---- register sheet -----------------------------------------------------------
// One objective to write into a register sheet (SampleData).
struct RegisterEntry {
  std::string id, objective, kpi, data, segmentBy, options;
  std::optional<double> target;
  std::string direction;
  std::optional<double> amber, baseline;
  std::optional<long> start, due;  // date serials
  std::string responsible, resources, evaluation, frequency;
};
// The register sheet with the standard column order, filled with `entries`
// from row 2 on (NewRegister: none).
sheet::SheetSpec registerSheet(const std::vector<RegisterEntry>& entries, long nullDateOffset,
                               Lang lang = Lang::En);
// The Complete column's formula for a 0-based row of a standard register.
std::string completenessFormula(int row, Lang lang = Lang::En);

}  // namespace qkpi::objectives::detail
