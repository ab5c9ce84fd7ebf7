// Calendar dates, once for all of qkpi: document date serials <-> civil dates,
// ISO 8601 date text, weekdays and month arithmetic. Built on C++20 <chrono>
// (proleptic Gregorian calendar); no other date code exists in src/.
//
// A date serial s of a document is the day s + nullDateOffset counted from
// 1899-12-30 (Calc's default NullDate), where nullDateOffset is
// Context::nullDateOffset (0 by default; 1462 for the 1904 null date).
//
// ISO date text: "YYYY-MM-DD" (also "YYYY-M-D"), exactly four year digits,
// year 0001 to 9999, a real day of that month; white space (space, tab,
// U+00A0) around it is allowed. Anything else is not a date (nullopt). The
// same rule holds for function arguments (UTF-16 from Calc) and for the
// register's Options and cells (UTF-8).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace qkpi::dates {

using Ymd = std::chrono::year_month_day;

// Days from 1899-12-30 to the civil day (any valid year_month_day).
long daysSince18991230(const Ymd& ymd);
long daysSince18991230(int year, int month, int day);

// The civil date of a document serial, and back.
Ymd civil(long serial, long nullDateOffset);
long serial(const Ymd& ymd, long nullDateOffset);
// As Calc's DATE(y; m; d): the month is normalised (month 0 = December of the
// year before, 13 = January of the next), the day counts on from day 1 of
// that month (day 0 = the last day of the month before).
long serialOf(int year, int month, int day, long nullDateOffset);

// Monday = 0 ... Sunday = 6.
int weekday(long serial, long nullDateOffset);
int daysInMonth(int year, int month);  // month 1..12

// The first and the last day of the month of a serial, and the first day of
// the month `months` months later (negative: earlier).
long firstOfMonth(long serial, long nullDateOffset);
long lastOfMonth(long serial, long nullDateOffset);
long addMonths(long firstOfMonthSerial, int months, long nullDateOffset);

// ISO date text (rule above) to a civil date.
std::optional<Ymd> parseIso(std::u16string_view text);
std::optional<Ymd> parseIso(std::string_view utf8);
// "2026-11-25".
std::string isoText(const Ymd& ymd);
std::string isoText(long serial, long nullDateOffset);

// A date serial rounded down to the whole day (15:00 on the due day is the due day).
// Only for serials already known to be dates (validDay); see below.
long wholeDay(double serial);

// Range of values (kpi-rules.md v4): a date is a day from 0001-01-01 to
// 9999-12-31, counted from 1899-12-30 as Context::nullDateOffset is.
inline constexpr long kFirstDay = -693593;  // 0001-01-01
inline constexpr long kLastDay = 2958465;   // 9999-12-31
// The whole day of a date serial, or nullopt when the serial is not finite or
// the day (after the null-date shift) lies outside kFirstDay..kLastDay. Never
// overflows, whatever the double.
std::optional<long> validDay(double serial, long nullDateOffset);

}  // namespace qkpi::dates
