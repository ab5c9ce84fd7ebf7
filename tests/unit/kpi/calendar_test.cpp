// The working-day calendar (calendar.h) and WORKDAYSELAPSED.
//
// Dates: with the default NullDate, serial 46023 = 2026-01-01, a Thursday.
#include "kpi/calendar.h"

#include <array>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <random>
#include <set>
#include <string>

#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;
using test::call;
using test::number;

// 2026-01: Thu 1 = 46023, Fri 2, Sat 3, Sun 4, Mon 5 = 46027, Tue 6, ...
constexpr long kThu1 = 46023, kFri2 = 46024, kSat3 = 46025, kSun4 = 46026, kMon5 = 46027, kTue6 = 46028,
               kFri9 = 46031;

// Days from 1899-12-30 to 1904-01-01 (the 1904 date system's NullDate).
constexpr long k1904 = 1462;

WorkCalendar calendar(const Arg& weekend = {}, const Arg& holidays = {}, long offset = 0) {
  return WorkCalendar(weekend, holidays, Context{offset});
}

// ---- weekdays and the NullDate ----------------------------------------------

TEST(Calendar, WeekdayFollowsNullDate) {
  WorkCalendar cal;
  EXPECT_EQ(cal.weekday(kThu1), 3);  // Thursday (Monday = 0)
  EXPECT_EQ(cal.weekday(kMon5), 0);
  EXPECT_EQ(cal.weekday(0), 5);   // 1899-12-30, a Saturday
  EXPECT_EQ(cal.weekday(-1), 4);  // 1899-12-29, a Friday
  EXPECT_EQ(cal.weekday(-8), 4);
  WorkCalendar cal1904 = calendar({}, {}, k1904);
  EXPECT_EQ(cal1904.weekday(0), 4);  // 1904-01-01, a Friday
  EXPECT_EQ(cal1904.weekday(3), 0);  // 1904-01-04, a Monday
}

TEST(Calendar, DefaultIsSaturdaySundayWithoutHolidays) {
  WorkCalendar cal;
  EXPECT_EQ(cal.workdaysPerWeek(), 5);
  EXPECT_TRUE(cal.isWeekend(kSat3));
  EXPECT_TRUE(cal.isWeekend(kSun4));
  EXPECT_FALSE(cal.isWeekend(kFri2));
  EXPECT_TRUE(cal.isWorkday(kThu1));
  EXPECT_TRUE(cal.workdayHolidays().empty());
}

// ---- counting ----------------------------------------------------------------

TEST(Calendar, ElapsedHandWorkedExamples) {
  WorkCalendar cal;
  EXPECT_EQ(cal.workdaysElapsed(kFri2, kFri2), 0);  // same day
  EXPECT_EQ(cal.workdaysElapsed(kFri2, kMon5), 1);  // Friday -> Monday
  EXPECT_EQ(cal.workdaysElapsed(kSat3, kMon5), 1);  // Saturday -> Monday
  EXPECT_EQ(cal.workdaysElapsed(kSun4, kMon5), 1);  // Sunday -> Monday
  EXPECT_EQ(cal.workdaysElapsed(kFri2, kSun4), 0);  // Friday -> Sunday
  EXPECT_EQ(cal.workdaysElapsed(kThu1, kFri2), 1);
  EXPECT_EQ(cal.workdaysElapsed(kThu1, kFri9), 6);  // Fri 2, Mon 5 .. Fri 9
  // 20 working days after Thu 2026-01-01 is Thu 2026-01-29; Fri 01-30 is the 21st.
  EXPECT_EQ(cal.workdaysElapsed(kThu1, kThu1 + 28), 20);
  EXPECT_EQ(cal.workdaysElapsed(kThu1, kThu1 + 29), 21);
  // The whole of 2026: 52 weeks and one Thursday.
  EXPECT_EQ(cal.workdaysElapsed(kThu1 - 1, kThu1 + 364), 261);
  // End before Start counts nothing (the functions report that as an error).
  EXPECT_EQ(cal.workdaysElapsed(kMon5, kFri2), 0);
}

TEST(Calendar, NegativeSerialsBeforeTheNullDate) {
  WorkCalendar cal;
  // -3 = Wed 1899-12-27 -> 4 = Wed 1900-01-03: Thu, Fri, Mon, Tue, Wed.
  EXPECT_EQ(cal.workdaysElapsed(-3, 4), 5);
}

TEST(Calendar, TheNullDateShiftsWeekdaysOfSerials) {
  // Serial 7 -> 10: Sat 1900-01-06 -> Tue 1900-01-09 by default (Mon, Tue = 2),
  // Fri 1904-01-08 -> Mon 1904-01-11 in the 1904 system (Mon = 1).
  EXPECT_EQ(calendar().workdaysElapsed(7, 10), 2);
  EXPECT_EQ(calendar({}, {}, k1904).workdaysElapsed(7, 10), 1);
}

// ---- holidays ------------------------------------------------------------------

TEST(Calendar, HolidaysOnWorkingDaysAreLeftOut) {
  Args A;
  // (Wed 2025-12-31, Fri 2026-01-09]: Jan 1, 2, 5, 6, 7, 8, 9 = 7 working days.
  EXPECT_EQ(calendar().workdaysElapsed(kThu1 - 1, kFri9), 7);
  EXPECT_EQ(calendar({}, A.column({double(kThu1), double(kTue6)})).workdaysElapsed(kThu1 - 1, kFri9), 5);
  // ISO text, also without leading zeros.
  EXPECT_EQ(calendar({}, A.column({u"2026-01-01", u"2026-1-6"})).workdaysElapsed(kThu1 - 1, kFri9), 5);
  // A single cell, a number or a text.
  EXPECT_EQ(calendar({}, A.num(kTue6)).workdaysElapsed(kThu1 - 1, kFri9), 6);
  EXPECT_EQ(calendar({}, A.text(u"2026-01-06")).workdaysElapsed(kThu1 - 1, kFri9), 6);
  // A time of day on the holiday is the same day.
  EXPECT_EQ(calendar({}, A.num(kTue6 + 0.75)).workdaysElapsed(kThu1 - 1, kFri9), 6);
  // An inline array as a row.
  EXPECT_EQ(calendar({}, A.row({double(kThu1), u"2026-01-06"})).workdaysElapsed(kThu1 - 1, kFri9), 5);
}

TEST(Calendar, HolidayDuplicatesAndWeekendHolidaysAreHarmless) {
  Args A;
  EXPECT_EQ(calendar({}, A.column({double(kThu1), double(kThu1), u"2026-01-01", kThu1 + 0.5}))
                .workdaysElapsed(kThu1 - 1, kFri9),
            6);
  // Saturday 3 and Sunday 4 are no working days anyway.
  EXPECT_EQ(calendar({}, A.column({double(kSat3), u"2026-01-04"})).workdaysElapsed(kThu1 - 1, kFri9), 7);
  auto cal = calendar({}, A.column({double(kSat3), double(kTue6), double(kTue6)}));
  EXPECT_EQ(cal.workdayHolidays(), std::vector<long>{kTue6});
  EXPECT_FALSE(cal.isWorkday(kTue6));
}

TEST(Calendar, HolidayAtTheEndsOfTheRange) {
  Args A;
  // Start itself is never counted: a holiday there changes nothing.
  EXPECT_EQ(calendar({}, A.num(kThu1)).workdaysElapsed(kThu1, kFri2), 1);
  // End is counted: a holiday there is left out.  (Thu 1, Tue 6]: Fri 2, Mon 5, Tue 6.
  EXPECT_EQ(calendar().workdaysElapsed(kThu1, kTue6), 3);
  EXPECT_EQ(calendar({}, A.num(kTue6)).workdaysElapsed(kThu1, kTue6), 2);
  // Outside the range: nothing.
  EXPECT_EQ(calendar({}, A.column({kThu1 - 10.0, kFri9 + 1.0})).workdaysElapsed(kThu1, kTue6), 3);
}

TEST(Calendar, BlankHolidayCellsAreIgnored) {
  Args A;
  EXPECT_EQ(
      calendar({}, A.column({Args::empty(), u"", double(kTue6), u"", 0.0})).workdaysElapsed(kThu1, kTue6), 2);
  EXPECT_EQ(calendar({}, A.num(0)).workdaysElapsed(kThu1, kTue6), 3);  // an empty cell by reference
  EXPECT_EQ(calendar({}, A.text(u"")).workdaysElapsed(kThu1, kTue6), 3);
}

TEST(Calendar, BadHolidaysAreArgumentErrors) {
  Args A;
  EXPECT_ARG_ERROR(calendar({}, A.text(u"Christmas")));
  EXPECT_ARG_ERROR(calendar({}, A.column({double(kTue6), u"25.12.2026"})));
  EXPECT_ARG_ERROR(calendar({}, A.column({u"2026-02-30"})));  // no such day
  EXPECT_ARG_ERROR(calendar({}, A.column({u"2026-13-01"})));
  EXPECT_ARG_ERROR(calendar({}, A.num(1e300)));
  EXPECT_ARG_ERROR(calendar({}, A.num(std::nan(""))));
}

TEST(Calendar, IsoHolidaysFollowTheNullDate) {
  Args A;
  // In the 1904 system 2026-01-06 is serial 46028 - 1462; Thu 2026-01-01 is 46023 - 1462.
  auto cal = calendar({}, A.text(u"2026-01-06"), k1904);
  EXPECT_EQ(cal.workdayHolidays(), std::vector<long>{kTue6 - k1904});
  EXPECT_EQ(cal.workdaysElapsed(kThu1 - k1904, kTue6 - k1904), 2);
}

// ---- weekends ------------------------------------------------------------------

TEST(Calendar, WeekendMaskIsMondayFirst) {
  Args A;
  // Sunday only: Friday -> Monday is Saturday + Monday.
  EXPECT_EQ(calendar(A.text(u"0000001")).workdaysElapsed(kFri2, kMon5), 2);
  // Friday + Saturday off: Thursday -> Monday is Sunday + Monday.
  EXPECT_EQ(calendar(A.text(u"0000110")).workdaysElapsed(kThu1, kMon5), 2);
  // No weekend at all: calendar days.
  EXPECT_EQ(calendar(A.text(u"0000000")).workdaysElapsed(kThu1, kThu1 + 30), 30);
  EXPECT_EQ(calendar(A.text(u"0000000")).workdaysPerWeek(), 7);
  // Monday only working.
  EXPECT_EQ(calendar(A.text(u"0111111")).workdaysElapsed(kThu1, kThu1 + 28), 4);
  // "" is not given: the default.
  EXPECT_EQ(calendar(A.text(u"")).workdaysElapsed(kFri2, kMon5), 1);
}

// The non-working days of each NETWORKDAYS.INTL weekend number (from its documentation).
struct NumberCase {
  int number;
  std::set<int> off;  // boost weekdays: Sunday = 0 ... Saturday = 6
};
const std::vector<NumberCase> kNumberCases = {
    {1, {6, 0}}, {2, {0, 1}}, {3, {1, 2}}, {4, {2, 3}}, {5, {3, 4}}, {6, {4, 5}}, {7, {5, 6}},
    {11, {0}},   {12, {1}},   {13, {2}},   {14, {3}},   {15, {4}},   {16, {5}},   {17, {6}},
};

int boostWeekday(long serial, long offset) {
  boost::gregorian::date epoch(1899, boost::gregorian::Dec, 30);
  return (epoch + boost::gregorian::days(serial + offset)).day_of_week().as_number();
}

TEST(Calendar, EveryWeekendNumber) {
  Args A;
  for (const auto& c : kNumberCases) {
    SCOPED_TRACE(c.number);
    WorkCalendar cal = calendar(A.num(c.number));
    EXPECT_EQ(cal.workdaysPerWeek(), 7 - static_cast<int>(c.off.size()));
    for (long d = kMon5; d < kMon5 + 7; ++d)
      EXPECT_EQ(cal.isWeekend(d), c.off.count(boostWeekday(d, 0)) == 1);
    // One full week (Sun 4, Sun 11]: always the working days per week.
    EXPECT_EQ(cal.workdaysElapsed(kSun4, kSun4 + 7), cal.workdaysPerWeek());
  }
  // Hand-worked: Friday -> Monday with Sun+Mon off (2) = Saturday only; with Fri+Sat off (7) = Sun + Mon.
  EXPECT_EQ(calendar(A.num(2)).workdaysElapsed(kFri2, kMon5), 1);
  EXPECT_EQ(calendar(A.num(7)).workdaysElapsed(kFri2, kMon5), 2);
  EXPECT_EQ(calendar(A.num(17)).workdaysElapsed(kFri2, kMon5), 2);
  // A one-cell range holding the number.
  EXPECT_EQ(calendar(A.column({11.0})).workdaysElapsed(kFri2, kMon5), 2);
}

TEST(Calendar, BadWeekendsAreArgumentErrors) {
  Args A;
  EXPECT_ARG_ERROR(calendar(A.text(u"1111111")));  // no working day (Calc: 0, Excel: error)
  EXPECT_ARG_ERROR(calendar(A.text(u"000001")));
  EXPECT_ARG_ERROR(calendar(A.text(u"00000011")));
  EXPECT_ARG_ERROR(calendar(A.text(u"0000021")));
  EXPECT_ARG_ERROR(calendar(A.text(u"000001a")));
  EXPECT_ARG_ERROR(calendar(A.text(u" 0000011")));
  EXPECT_ARG_ERROR(calendar(A.text(u"Sat")));
  for (double n : {0.0, -1.0, 8.0, 10.0, 18.0, 1.5, 21.0}) {
    SCOPED_TRACE(n);
    EXPECT_ARG_ERROR(calendar(A.num(n)));
  }
  EXPECT_ARG_ERROR(calendar(A.column({1.0, 2.0})));
}

// ---- brute force ---------------------------------------------------------------

// Counts day by day with Boost's weekday, independent of WorkCalendar's arithmetic.
long bruteForce(long start, long end, const std::set<int>& offBoost, const std::set<long>& holidays,
                long offset) {
  long n = 0;
  for (long d = start + 1; d <= end; ++d)
    if (!offBoost.count(boostWeekday(d, offset)) && !holidays.count(d)) ++n;
  return n;
}

std::u16string toU16(const std::string& s) {
  return std::u16string(s.begin(), s.end());
}

TEST(Calendar, MatchesDayByDayCountOnRandomRanges) {
  std::mt19937 rng(20260101);
  const boost::gregorian::date epoch(1899, boost::gregorian::Dec, 30);
  for (long offset : {0L, k1904, -517L, 3L}) {
    for (int iter = 0; iter < 150; ++iter) {
      Args A;
      // The weekend: a number, or a random mask with at least one working day.
      std::set<int> off;
      Arg weekend;
      if (iter % 3 != 2) {
        const auto& c = kNumberCases[static_cast<std::size_t>(rng() % kNumberCases.size())];
        off = c.off;
        weekend = A.num(c.number);
      } else {
        std::u16string mask;
        do {
          mask.clear();
          off.clear();
          for (int i = 0; i < 7; ++i) {
            bool nonWorking = rng() % 3 == 0;
            mask += nonWorking ? u'1' : u'0';
            if (nonWorking) off.insert((i + 1) % 7);  // Monday first -> boost's Sunday = 0
          }
        } while (off.size() == 7);
        weekend = A.text(mask);
      }
      long start = static_cast<long>(rng() % 60000) - 5000;
      long end = start + static_cast<long>(rng() % 1500);
      // Holidays around the range: numbers (some with a time), ISO texts, blanks, repeats.
      std::set<long> holidaySet;
      std::vector<Args::In> cells;
      int count = static_cast<int>(rng() % 40);
      for (int h = 0; h < count; ++h) {
        long d = start - 20 + static_cast<long>(rng() % static_cast<unsigned>(end - start + 40));
        if (d == 0) continue;  // the number 0 is a blank cell
        switch (rng() % 4) {
          case 0:
            cells.push_back(double(d));
            break;
          case 1:
            cells.push_back(d + 0.25);
            break;
          case 2: {
            auto date = epoch + boost::gregorian::days(d + offset);
            cells.push_back(toU16(boost::gregorian::to_iso_extended_string(date)));
            break;
          }
          default: {
            auto date = epoch + boost::gregorian::days(d + offset);
            auto ymd = date.year_month_day();
            cells.push_back(toU16(std::to_string(ymd.year) + "-" + std::to_string(ymd.month.as_number()) +
                                  "-" + std::to_string(ymd.day.as_number())));
          }
        }
        holidaySet.insert(d);
        if (rng() % 5 == 0) cells.push_back(u"");
      }
      Arg holidays = cells.empty() ? Arg{} : A.column(cells);
      WorkCalendar cal(weekend, holidays, Context{offset});
      ASSERT_EQ(cal.workdaysElapsed(start, end), bruteForce(start, end, off, holidaySet, offset))
          << "offset " << offset << " start " << start << " end " << end;
      // And through the function.
      if (start != 0 && end != 0) {  // serial 0 is "no date"
        ASSERT_EQ(
            number(call("WORKDAYSELAPSED", {A.num(start), A.num(end), weekend, holidays}, Context{offset})),
            bruteForce(start, end, off, holidaySet, offset));
      }
    }
  }
}

// ---- WORKDAYSELAPSED -----------------------------------------------------------

TEST(WorkdaysElapsed, HandWorkedExamples) {
  Args A;
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(kFri2), A.num(kFri2)})), 0);
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(kFri2), A.num(kMon5)})), 1);
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(kSat3), A.num(kMon5)})), 1);
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(kThu1), A.num(kThu1 + 28)})), 20);
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(kThu1), A.num(kThu1 + 29)})), 21);
  // Times of day are dropped: 23:00 Friday -> 01:00 Monday is one working day.
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(kFri2 + 0.95), A.num(kMon5 + 0.05)})), 1);
  // ISO text dates.
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.text(u"2026-01-02"), A.text(u"2026-1-5")})), 1);
  // Weekend and holidays.
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(kFri2), A.num(kMon5), A.text(u"0000001")})), 2);
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(kFri2), A.num(kTue6), A.num(1), A.text(u"2026-01-05")})),
            1);
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(kFri2), A.num(kTue6), Arg{}, A.column({46027.0, u""})})),
            1);
}

TEST(WorkdaysElapsed, NullDate) {
  Args A;
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(7), A.num(10)})), 2);
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.num(7), A.num(10)}, Context{k1904})), 1);
  // Text dates name the same days in both systems.
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {A.text(u"2026-01-02"), A.text(u"2026-01-05")}, Context{k1904})),
            1);
}

TEST(WorkdaysElapsed, Errors) {
  Args A;
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {A.num(kMon5), A.num(kFri2)}));  // End < Start
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {A.num(kMon5)}));
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {Arg{}, A.num(kMon5)}));
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {A.text(u""), A.num(kMon5)}));
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {A.text(u"soon"), A.num(kMon5)}));
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {A.num(kFri2), A.num(kMon5), A.text(u"1111111")}));
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {A.num(kFri2), A.num(kMon5), A.num(9)}));
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {A.num(kFri2), A.num(kMon5), Arg{}, A.text(u"Easter")}));
}

}  // namespace
}  // namespace qkpi
