// Reading the common arguments of qkpi functions: option numbers, dates,
// Columns maps and periods. Every rule about "not given", whole-day dates and
// ISO text dates lives here, once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "kpi/dates.h"
#include "kpi/value.h"

namespace qkpi {

// Days from 1899-12-30 (Calc's default NullDate) to a calendar day (the
// Context::nullDateOffset of a document whose NullDate is that day), and a
// serial rounded down to the whole day: see kpi/dates.h.
using dates::daysSince18991230;
using dates::wholeDay;

// ISO 8601 date text (the rule of kpi/dates.h) to a date serial of the
// document (Context::nullDateOffset); nullopt when the text is no such date.
std::optional<long> parseIsoDate(std::u16string_view text, const Context& ctx);

// Not given (omitted or "") -> nullopt; a number -> that number;
// a block of more than one cell, or other text -> ArgumentError naming `what`.
std::optional<double> optionalNumber(const Arg& a, std::string_view what);
// As optionalNumber, but not given is an ArgumentError.
double requiredNumber(const Arg& a, std::string_view what);

// A date argument (From, To, AsOf, Start, End ...): not given or 0 ("no date")
// -> nullopt; a number -> its whole day; ISO text -> its serial; other text, a
// block, or a day outside the years 1 to 9999 (kpi/dates.h) -> ArgumentError.
std::optional<long> optionalDate(const Arg& a, const Context& ctx, std::string_view what);
long requiredDate(const Arg& a, const Context& ctx, std::string_view what);

// A text option (Direction ...): not given -> nullopt; text -> the text; a
// number or block -> ArgumentError.
std::optional<std::u16string_view> optionalText(const Arg& a, std::string_view what);

// The option readers of the numeric ArgKinds (function_table.h): not given ->
// nullopt; a number in range -> that number; otherwise an ArgumentError
// naming `what` (as optionalNumber, or out of range).
std::optional<double> optionalCount(const Arg& a, std::string_view what);       // >= 0
std::optional<double> optionalFraction(const Arg& a, std::string_view what);    // 0 ... 1
std::optional<double> optionalPercentile(const Arg& a, std::string_view what);  // > 0 and <= 1

// Marks a field absent from a ColumnMap (an optional trailing field left out).
inline constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);

// Positions (0-based, inside the table) of a function's fields, in the
// documented field order. `fieldCount` fields are documented; the first
// `requiredFields` of them must be present, the others may be absent
// (kNoColumn).
//  - Columns not given: field i is column i, for i < min(fieldCount, tableCols);
//    a table narrower than requiredFields is an ArgumentError.
//  - Columns given (a row or column array, or one number): 1-based positions,
//    one per field in order, at least requiredFields and at most fieldCount of
//    them; a position that is not a whole number, outside 1..tableCols, or
//    repeated is an ArgumentError.
std::vector<std::size_t> columnMap(const Arg& columns, std::size_t tableCols, std::size_t fieldCount,
                                   std::size_t requiredFields);

// Checks a Columns argument without knowing the table: every position a whole
// number of 1 or more, none repeated (columnMap checks the rest: the count and
// the table's width). ArgumentError otherwise.
void checkColumnPositions(const Arg& columns);

// How many positions a given Columns argument lists (0 when not given);
// lets ONTIME/INFULL choose their layout. ArgumentError on a non-numeric entry.
std::size_t columnCount(const Arg& columns);

// A date field of a table (Due, Received ...): 0 (blank) -> nullopt; a day in
// the years 1 to 9999 -> its whole day; anything else is bad data: a
// DataError naming the field and the 0-based table row.
std::optional<long> tableDay(double raw, const Context& ctx, std::string_view field, std::size_t row);

// [From]; [To]: keeps rows whose period date is in [from, to], both inclusive.
// An omitted bound is open; once a bound is set, rows without a period date
// (blank = 0) are left out. From after To is an ArgumentError.
struct Period {
  std::optional<long> from, to;
  long nullDateOffset = 0;  // of the document, to check a table's dates

  bool active() const { return from.has_value() || to.has_value(); }
  bool containsDay(long d) const { return (!from || d >= *from) && (!to || d <= *to); }
  // `date` is a raw table value (0 = blank); a date outside the years 1 to
  // 9999 is a DataError (only read when the period is active).
  bool contains(double date) const {
    if (!active()) return true;
    if (date == 0) return false;
    auto d = dates::validDay(date, nullDateOffset);
    if (!d) throw DataError("a period date in the table is not a date in the years 1 to 9999");
    return containsDay(*d);
  }
};
Period readPeriod(const Arg& from, const Arg& to, const Context& ctx);

}  // namespace qkpi
