// The one table that describes every qkpi formula function: its name,
// arguments, help text (en-US, de), and the core routine that computes it.
//
// It drives everything else: the generated IDL (idl/XQualityKpi.idl), the
// UNO method forwarders and XAddIn metadata (src/uno), and the function
// reference check in the tests. Function names and argument order are a
// file-format API (saved in users' ODS files as ORG.QKPI.QUALITYKPI.<NAME>):
// never rename or reorder, only append optional arguments at the end.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "kpi/explain.h"
#include "kpi/value.h"

namespace qkpi {

// How an argument crosses the UNO boundary.
enum class ArgType : unsigned char {
  Table,  // sequence<sequence<double>>: a numeric table (fast path)
  Any,    // any: omitted, one value, or a block of cells
};

// What an argument means, and so which validator reads it (kpi/arg_kinds.h):
// the functions and the objectives register check a value of a kind the same way.
enum class ArgKind : unsigned char {
  Table,       // the data as a numeric table (ArgType::Table)
  Cells,       // the data as a block of cells (RFTJOBS Jobs, RTY Yields)
  Segments,    // one column as long as the table (customer, site ...)
  Keys,        // one column as long as the table grouping its rows (OTIFORDERS' Orders)
  Segment,     // the segment to keep: one value
  Date,        // a date serial or ISO text date; 0 or "" = no date
  Count,       // a number of days, 0 or more (EarlyDays, LateDays, Days)
  Fraction,    // a number from 0 to 1 (QtyTolerance)
  Percentile,  // a number greater than 0 and at most 1
  Columns,     // 1-based positions of the fields inside the table
  Weekend,     // a 7-character 0/1 mask or a NETWORKDAYS.INTL weekend number
  Holidays,    // dates: a value, a range or an inline array
  Number,      // a finite number (Target, Amber, Baseline ...)
  Actual,      // a number, or "" for no value (KPISTATUS)
  Direction,   // "higher" or "lower" (KPISTATUS)
};

// A text in the two UI languages qkpi ships (UTF-8).
struct LocalText {
  std::string_view en;
  std::string_view de;
  std::string_view in(std::string_view language) const { return language == "de" ? de : en; }
  bool empty() const { return en.empty(); }
};

struct ArgSpec {
  std::string_view name;  // same in every language, e.g. "Lines"
  ArgType type;
  ArgKind kind;
  // Must be given (evaluate() checks it). A required `any` still looks
  // optional in Calc's wizard; argumentDescription() says "Required.".
  bool required;
  // The full help text (help pages, docs/functions.md) is `common` (a fragment
  // shared by every function that has this argument, kpi/common_args.h; may be
  // empty) followed by `description` (this function's own words; may be
  // empty), without the words "Required." / "Optional.": argumentHelp() adds
  // them from `required`.
  LocalText common;
  LocalText description;
  // The Function Wizard's text: one line, what to enter (at most
  // kWizardArgumentChars with the "Required."/"Optional." that
  // argumentDescription() adds). The details stay in common + description.
  LocalText summary = {};
};

// What Calc 7.4's Function Wizard shows without cutting the text off with "…"
// (measured at its default size: docs/img/function-wizard.png), in code points.
// The unit test HelpTexts.FitTheWizard checks every text against them.
inline constexpr std::size_t kWizardFunctionChars = 150;  // about two lines
inline constexpr std::size_t kWizardArgumentChars = 85;   // one line

// How the objectives workflow shows a KPI's value.
enum class MeasureKind : unsigned char {
  Ratio,   // a fraction 0...1, shown as a percentage (OTIF, RFT, TURNAROUND ...)
  Amount,  // an amount, shown as a number (RETURNS)
  Days,    // working days (TURNAROUNDDAYS)
};

// The facts the objectives workflow needs about a function that a register row
// may name as its KPI. Adding a KPI to the register = one table entry with
// these facts, plus its rule.
struct KpiFacts {
  MeasureKind measure;
  LocalText label;              // the value's readable name, e.g. "OTIF", "Returns value"
  std::string_view byFunction;  // its per-segment twin ("OTIFBY"), or "" when it has none
  // Headers of the per-segment table: one per column of byFunction's result
  // (empty when there is no byFunction).
  std::span<const LocalText> segmentColumns;
  LocalText proposedAction;  // the corrective action proposed when the KPI misses its target
  // A Baseline makes the objective a pro-rata reduction against it (RETURNS).
  bool reductionWithBaseline;
  // The argument that says "as of when" the KPI is measured (To for the
  // delivery KPIs: lines not due by then are left out; AsOf for TURNAROUND):
  // when a register row's Options do not set it, the workflow sets it to the
  // review date (TODAY() in the register). "" = none.
  std::string_view asOfArgument = {};
  // A Data layout of this many fields (range width, or positions in Columns)
  // has no dates, so no as-of default (INFULL on OrderedQty, DeliveredQty: 2). 0 = none.
  int undatedFields = 0;
  // A delivery KPI (OTIF family, 4-field layout): the register accepts an
  // Orders option for it (OTIFORDERS' Orders), and the review shows the line,
  // quantity and order figures and why lines failed (OTIFREASONS).
  bool deliverySystem = false;
};

// Computes a function. `args` has exactly one entry per ArgSpec, in order;
// arguments the user left out are Arg::omitted(). Throws ArgumentError or
// DataError; returns NoValue when no row is eligible.
using EvalFn = Value (*)(const Context& ctx, std::span<const Arg> args);

// Explains a record function's value row by row (kpi/explain.h), from the
// same per-row rules as its EvalFn. Same arguments; throws ArgumentError as
// the function does; bad data is recorded per row, never thrown.
using ExplainFn = RowJudgements (*)(const Context& ctx, std::span<const Arg> args);

struct FunctionSpec {
  std::string_view name;  // programmatic = display name, e.g. "OTIF"
  bool needsDocument;     // hidden first parameter giving the document's NullDate
  bool arrayResult;       // returns a Matrix (enter as an array formula)
  // The full reference text: what counts, the rules, the errors (help pages,
  // docs/functions.md).
  LocalText description;
  std::span<const ArgSpec> args;
  EvalFn eval;
  const KpiFacts* kpi;          // nullptr unless a register row may name it as its KPI
  ExplainFn explain = nullptr;  // the record functions that Explain can take apart; nullptr for the others
  // The Function Wizard's text: what it computes, in one or two lines (at most
  // kWizardFunctionChars). The full text is `description`.
  LocalText summary = {};
};

// Every function, in a fixed order.
std::span<const FunctionSpec> functionTable();

// nullptr when there is no such function (exact, upper-case name).
const FunctionSpec* findFunction(std::string_view name);

// Whether `a` counts as given for `spec`: not omitted and not "" ("" is a value
// for ArgKind::Actual: no value, GREY).
bool isGiven(const ArgSpec& spec, const Arg& a);

// Checks that every required argument is given (isGiven) and then calls
// spec.eval. `args` may be shorter than spec.args (missing trailing arguments
// count as omitted).
Value evaluate(const FunctionSpec& spec, const Context& ctx, std::span<const Arg> args);

// Checks the arguments as evaluate() does, then calls spec.explain (which
// must be set).
RowJudgements explain(const FunctionSpec& spec, const Context& ctx, std::span<const Arg> args);

// The Function Wizard's one-line text of argument `arg` of `f` in `language`
// ("de" or any other for English): its summary, then "Required." or
// "Optional." ("Erforderlich." / "Optional.").
std::string argumentDescription(const FunctionSpec& f, std::size_t arg, std::string_view language);

// The full help text of the argument, as the help pages and docs/functions.md
// show it: the common fragment, the function's own text, then "Required." or
// "Optional.".
std::string argumentHelp(const FunctionSpec& f, std::size_t arg, std::string_view language);

// The Function Wizard's text of `f`: its summary.
std::string_view functionSummary(const FunctionSpec& f, std::string_view language);

// Module tables, concatenated by functionTable() (defined in the module files).
std::span<const FunctionSpec> deliveryFunctions();  // OTIF, ONTIME, INFULL, OTIFBY, OTIFQTY, OTIFORDERS,
                                                    // OTIFREASONS, OTIFQTYBY, OTIFORDERSBY
std::span<const FunctionSpec> qualityFunctions();   // RFT, RFTJOBS, RTY, RFTBY, RFTJOBSBY
std::span<const FunctionSpec> returnsFunctions();   // RETURNS, REDUCTION, TARGETPATH, WORKDAYSELAPSED,
                                                    // TURNAROUND, TURNAROUNDDAYS, RETURNSBY, TURNAROUNDBY
std::span<const FunctionSpec> targetFunctions();    // KPISTATUS, SEGMENTS

}  // namespace qkpi
