// Range of values (kpi-rules.md v4, issue "Hardening"): a date outside
// 0001-01-01 .. 9999-12-31 (after the null-date shift) is Err:502 as an
// argument and #VALUE! in a table; a result that would not be a finite number
// is #VALUE!. Never a wrong finite number from an overflow. Each case is a
// finding of the fuzzing run, kept as a regression test.
#include <gtest/gtest.h>

#include <limits>

#include "kpi/dates.h"
#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;
using test::call;
using test::number;

constexpr double kLast = 2958465;   // 9999-12-31
constexpr double kFirst = -693593;  // 0001-01-01

TEST(RangeOfValues, FindingsOfTheFuzzingRun) {
  Args a;
  // =WORKDAYSELAPSED(1E300;46023) gave 6.6e18.
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {a.num(1e300), a.num(46023)}));
  // =RETURNS({46023;5};;;1E19) gave 5 instead of an error.
  EXPECT_ARG_ERROR(call("RETURNS", {a.table({{46023, 5}}), {}, {}, a.num(1e19)}));
  // =OTIF({1E300;46023;1;1}) counted the line as on time.
  EXPECT_DATA_ERROR(call("OTIF", {a.table({{1e300, 46023, 1, 1}})}));
  EXPECT_DATA_ERROR(call("OTIF", {a.table({{46023, -1e300, 1, 1}})}));
  // =TARGETPATH(0;1;-9E18;9E18;46023) gave -20.1.
  EXPECT_ARG_ERROR(call("TARGETPATH", {a.num(0), a.num(1), a.num(-9e18), a.num(9e18), a.num(46023)}));
}

TEST(RangeOfValues, ArgumentDatesAtTheBoundaries) {
  Args a;
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {a.num(kLast - 7), a.num(kLast)})), 5);
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {a.num(kLast - 7), a.num(kLast + 1)}));
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {a.num(kFirst), a.num(kFirst + 7)})), 5);
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {a.num(kFirst - 1), a.num(kFirst + 7)}));
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {a.num(46023), a.num(-1e300)}));
  // With the 1904 null date the same serial is 1462 days later: the boundary moves.
  Context c1904{1462};
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {a.num(kLast - 1462 - 7), a.num(kLast - 1461)}, c1904));
  EXPECT_EQ(number(call("WORKDAYSELAPSED", {a.num(kLast - 1462 - 7), a.num(kLast - 1462)}, c1904)), 5);
  // From/To/AsOf of every record function go through the same reader.
  EXPECT_ARG_ERROR(call("RFT", {a.table({{1, 1, 46023}}), {}, {}, a.num(46000), a.num(3e6)}));
  EXPECT_ARG_ERROR(call("TURNAROUND", {a.table({{46023, 46024}}), {}, {}, {}, {}, {}, {}, {}, a.num(-1e7)}));
  // Holidays: a number that is not a date (was accepted up to 1e9).
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {a.num(46023), a.num(46030), {}, a.column({46024.0, 1e9})}));
  EXPECT_ARG_ERROR(call("WORKDAYSELAPSED", {a.num(46023), a.num(46030), {}, a.num(-1e300)}));
}

TEST(RangeOfValues, TableDatesAreBadData) {
  Args a;
  // Delivery dates, whatever the period and the segment.
  EXPECT_DATA_ERROR(call("ONTIME", {a.table({{46023, 46023}, {46023, kLast + 1}})}));
  EXPECT_DATA_ERROR(
      call("OTIF",
           {a.table({{46023, 46023, 1, 1}, {kFirst - 1, 46023, 1, 1}}), {}, {}, a.num(46000), a.num(46100)}));
  EXPECT_DATA_ERROR(
      call("OTIFBY", {a.table({{46023, 46023, 1, 1}, {46023, 1e19, 1, 1}}), a.column({u"A", u"B"})}));
  // At the boundary the dates are fine.
  EXPECT_EQ(number(call("OTIF", {a.table({{kLast, kLast, 1, 1}, {kFirst, kFirst, 1, 1}})})), 1);
  // Turnaround: Received and Closed.
  EXPECT_DATA_ERROR(call("TURNAROUND", {a.table({{46023, 1e300}})}));
  EXPECT_DATA_ERROR(call("TURNAROUNDDAYS", {a.table({{-1e300, 46030}})}));
  EXPECT_DATA_ERROR(call("TURNAROUNDBY", {a.table({{46023, 46024}, {46023, 9e18}}), a.column({u"N", u"S"})}));
  // A period date read by RFT and RETURNS.
  EXPECT_DATA_ERROR(call("RFT", {a.table({{1, 1, 1e300}}), {}, {}, a.num(46000)}));
  EXPECT_DATA_ERROR(call("RETURNS", {a.table({{1e19, 5}}), {}, {}, a.num(46000)}));
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.block({{1.0, 1e300}}), {}, {}, a.num(46000)}));
}

TEST(RangeOfValues, NonFiniteResultsAreBadData) {
  Args a;
  // A sum overflowing to infinity.
  EXPECT_DATA_ERROR(call("RETURNS", {a.table({{1e308}, {1e308}})}));
  EXPECT_DATA_ERROR(call("RETURNSBY", {a.table({{46023, 1e308}, {46024, 1e308}}), a.column({u"N", u"N"})}));
  // inf / inf.
  EXPECT_DATA_ERROR(call("RFT", {a.table({{1e308, 1e308}, {1e308, 1e308}})}));
  // Large but finite sums are fine.
  EXPECT_DOUBLE_EQ(number(call("RETURNS", {a.table({{1e307}, {1e307}})})), 2e307);
  // Arithmetic on huge arguments: (1e-300 + 1e300) / 1e-300 overflows.
  EXPECT_DATA_ERROR(call("REDUCTION", {a.num(1e-300), a.num(-1e300)}));
}

TEST(RangeOfValues, ValidDayNeverOverflows) {
  EXPECT_EQ(dates::validDay(46023.75, 0), 46023);
  EXPECT_EQ(dates::validDay(kLast + 0.999, 0), static_cast<long>(kLast));
  EXPECT_FALSE(dates::validDay(kLast + 1, 0));
  EXPECT_FALSE(dates::validDay(kFirst - 0.5, 0));
  EXPECT_FALSE(dates::validDay(1e300, 0));
  EXPECT_FALSE(dates::validDay(-1e300, 0));
  EXPECT_FALSE(dates::validDay(std::numeric_limits<double>::quiet_NaN(), 0));
  EXPECT_FALSE(dates::validDay(std::numeric_limits<double>::infinity(), 0));
  EXPECT_FALSE(dates::validDay(46023, std::numeric_limits<long>::max()));
  EXPECT_FALSE(dates::validDay(46023, std::numeric_limits<long>::min()));
}

}  // namespace
}  // namespace qkpi
