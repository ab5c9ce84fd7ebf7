// The working-day calendar of WORKDAYSELAPSED, TURNAROUND, TURNAROUNDDAYS and
// TURNAROUNDBY: which days are working days, and how many working days lie
// between two dates.
//
// Rules (kpi-rules.md, "Returns turnaround"):
//  - Dates are document date serials, rounded down to the whole day. Serial s
//    is day s + Context::nullDateOffset counted from 1899-12-30 (a Saturday),
//    so the weekday of a serial depends on the document's NullDate.
//  - [Weekend] not given (omitted or "") = Saturday and Sunday. Otherwise
//      * a text mask of exactly 7 characters '0'/'1', Monday first,
//        1 = non-working: "0000011" = Sat+Sun, "0000001" = Sunday only; or
//      * a NETWORKDAYS.INTL weekend number:
//          1 Sat+Sun   2 Sun+Mon   3 Mon+Tue   4 Tue+Wed   5 Wed+Thu
//          6 Thu+Fri   7 Fri+Sat
//         11 Sun only 12 Mon only 13 Tue only 14 Wed only 15 Thu only
//         16 Fri only 17 Sat only.
//    A mask of all 1s (no working day at all), a mask of another length or
//    with other characters, another number (also 0, the empty cell, and
//    non-whole numbers) or a block of several cells is an ArgumentError.
//  - [Holidays] not given = none. Otherwise a single value, a range or an
//    inline array; each cell is a date serial (rounded down to the whole
//    day) or an ISO 8601 text date ("2026-12-25", also "2026-1-6").
//    Blank cells (empty, empty text, or the number 0 that an empty cell
//    passed by reference arrives as) are ignored; duplicates and holidays
//    that fall on a weekend day are harmless. Other text, or a number that is
//    not a finite date, is an ArgumentError.
//  - workdaysElapsed(start, end) = the number of working days d (neither a
//    weekend day nor a holiday) with start < d <= end: the same day is 0,
//    Friday -> Monday is 1, Saturday -> Monday is 1. With numeric holidays it
//    equals NETWORKDAYS.INTL(start + 1; end; weekend; holidays) for end > start.
//    It costs O(log holidays) per call: full weeks times the working days per
//    week, plus the remaining days from a precomputed table, minus the
//    working-day holidays in (start, end] found by binary search.
#pragma once

#include <array>
#include <vector>

#include "kpi/value.h"

namespace qkpi {

class WorkCalendar {
 public:
  // Saturday + Sunday, no holidays, in a document with the default NullDate.
  WorkCalendar() : WorkCalendar(Arg::omitted(), Arg::omitted(), Context{}) {}
  // Reads [Weekend] and [Holidays]; ArgumentError on a bad one.
  WorkCalendar(const Arg& weekend, const Arg& holidays, const Context& ctx);

  // Working days d with start < d <= end (whole-day serials); 0 when end <= start.
  long workdaysElapsed(long start, long end) const;

  // Monday = 0 ... Sunday = 6, of a whole-day serial.
  int weekday(long serial) const;
  bool isWeekend(long serial) const { return nonWorking_[static_cast<std::size_t>(weekday(serial))]; }
  bool isWorkday(long serial) const;
  int workdaysPerWeek() const { return perWeek_; }
  // The holidays that fall on working days: sorted, without duplicates.
  const std::vector<long>& workdayHolidays() const { return holidays_; }

 private:
  void setWeekend(const std::array<bool, 7>& nonWorking);
  void addHoliday(const Cell& c, const Context& ctx);

  long offset_ = 0;                   // Context::nullDateOffset
  std::array<bool, 7> nonWorking_{};  // Monday first
  int perWeek_ = 0;
  // firstDays_[w][k]: working days among the k days starting on weekday w (k < 7).
  std::array<std::array<int, 7>, 7> firstDays_{};
  std::vector<long> holidays_;
};

// Parses a [Weekend] argument into its non-working days, Monday first
// (exposed for tests and for the help of other modules). ArgumentError as above.
std::array<bool, 7> parseWeekend(const Arg& weekend);

}  // namespace qkpi
