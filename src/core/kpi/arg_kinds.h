// One validator per ArgKind (function_table.h): checkArgument() reads a value
// exactly as the functions read an argument of that kind, so that a caller
// that writes formulas (the objectives register's Options) can check a
// literal value before it writes it, with the functions' own rules.
#pragma once

#include <string_view>

#include "kpi/function_table.h"
#include "kpi/value.h"

namespace qkpi {

// Throws the ArgumentError the functions throw for `value` given as an
// argument of `kind` named `what`; returns when they would accept it.
//  - Date: optionalDate; Count, Fraction, Percentile: optionalCount,
//    optionalFraction, optionalPercentile; Number: optionalNumber (args.h);
//  - Columns: checkColumnPositions (the count and the table's width are
//    checked by columnMap when the table is known);
//  - Weekend: parseWeekend; Holidays: the holidays of WorkCalendar (calendar.h);
//  - Direction: readDirection (targets.h); Actual: a number or "";
//  - Table, Cells, Segments, Keys, Segment: only known with the data: not checked.
void checkArgument(ArgKind kind, const Arg& value, const Context& ctx, std::string_view what);

}  // namespace qkpi
