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
#include <string_view>

#include "kpi/value.h"

namespace qkpi {

// How an argument crosses the UNO boundary.
enum class ArgType : unsigned char {
  Table,  // sequence<sequence<double>>: a numeric table (fast path)
  Any,    // any: omitted, one value, or a block of cells
};

// A text in the two UI languages qkpi ships (UTF-8).
struct LocalText {
  std::string_view en;
  std::string_view de;
  std::string_view in(std::string_view language) const { return language == "de" ? de : en; }
};

struct ArgSpec {
  std::string_view name;  // same in every language, e.g. "Lines"
  ArgType type;
  bool required;  // a required `any` still looks optional in Calc's wizard; the help says so
  LocalText description;
};

// Computes a function. `args` has exactly one entry per ArgSpec, in order;
// arguments the user left out are Arg::omitted(). Throws ArgumentError or
// DataError; returns NoValue when no row is eligible.
using EvalFn = Value (*)(const Context& ctx, std::span<const Arg> args);

struct FunctionSpec {
  std::string_view name;  // programmatic = display name, e.g. "OTIF"
  bool needsDocument;     // hidden first parameter giving the document's NullDate
  bool arrayResult;       // returns a Matrix (enter as an array formula)
  LocalText description;
  std::span<const ArgSpec> args;
  EvalFn eval;
};

// Every function, in a fixed order.
std::span<const FunctionSpec> functionTable();

// nullptr when there is no such function (exact, upper-case name).
const FunctionSpec* findFunction(std::string_view name);

// Checks that every required argument is given (not omitted, not "") and then
// calls spec.eval. `args` may be shorter
// than spec.args (missing trailing arguments count as omitted).
Value evaluate(const FunctionSpec& spec, const Context& ctx, std::span<const Arg> args);

// Module tables, concatenated by functionTable() (defined in the module files).
std::span<const FunctionSpec> deliveryFunctions();  // OTIF, ONTIME, INFULL, OTIFBY
std::span<const FunctionSpec> qualityFunctions();   // RFT, RFTJOBS, RTY, RFTBY, RFTJOBSBY
std::span<const FunctionSpec> returnsFunctions();   // RETURNS, REDUCTION, TARGETPATH, WORKDAYSELAPSED,
                                                    // TURNAROUND, TURNAROUNDDAYS, RETURNSBY, TURNAROUNDBY
std::span<const FunctionSpec> targetFunctions();    // KPISTATUS, SEGMENTS

}  // namespace qkpi
