// RETURNS, REDUCTION, TARGETPATH, TURNAROUND, TURNAROUNDDAYS, RETURNSBY,
// TURNAROUNDBY (returns.cpp); WORKDAYSELAPSED is in calendar_test.cpp.
//
// Dates: with the default NullDate, serial 46023 = 2026-01-01, a Thursday.
#include "kpi/returns.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;
using test::call;
using test::isNoValue;
using test::number;

constexpr double kThu1 = 46023, kFri2 = 46024, kSat3 = 46025, kMon5 = 46027, kSun18 = 46040, kThu29 = 46051,
                 kFri30 = 46052, kMon2Feb = 46055;
constexpr long k1904 = 1462;  // nullDateOffset of the 1904 date system

const Arg none{};

// ---- the function table entries ------------------------------------------------

std::size_t codePoints(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(
      utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

TEST(ReturnsTable, NamesArgumentsAndFlags) {
  struct Expected {
    std::string_view name;
    bool needsDocument, array;
    std::vector<std::string_view> args;
    std::vector<bool> required;
  };
  const std::vector<Expected> expected = {
      {"RETURNS",
       true,
       false,
       {"Returns", "Segments", "Segment", "From", "To", "Columns"},
       {1, 0, 0, 0, 0, 0}},
      {"REDUCTION", false, false, {"Baseline", "Current"}, {1, 1}},
      {"TARGETPATH", true, false, {"Baseline", "Target", "Start", "End", "AsOf"}, {1, 1, 1, 1, 1}},
      {"WORKDAYSELAPSED", true, false, {"Start", "End", "Weekend", "Holidays"}, {1, 1, 0, 0}},
      {"TURNAROUND",
       true,
       false,
       {"Returns", "Segments", "Segment", "From", "To", "Days", "Weekend", "Holidays", "AsOf", "Columns"},
       {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
      {"TURNAROUNDDAYS",
       true,
       false,
       {"Returns", "Segments", "Segment", "From", "To", "Percentile", "Weekend", "Holidays", "AsOf",
        "Columns"},
       {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
      {"RETURNSBY", true, true, {"Returns", "Segments", "From", "To", "Columns"}, {1, 1, 0, 0, 0}},
      {"TURNAROUNDBY",
       true,
       true,
       {"Returns", "Segments", "From", "To", "Days", "Weekend", "Holidays", "AsOf", "Columns"},
       {1, 1, 0, 0, 0, 0, 0, 0, 0}},
  };
  auto fns = returnsFunctions();
  ASSERT_EQ(fns.size(), expected.size());
  for (std::size_t i = 0; i < fns.size(); ++i) {
    const FunctionSpec& f = fns[i];
    const Expected& e = expected[i];
    SCOPED_TRACE(std::string(e.name));
    EXPECT_EQ(f.name, e.name);
    ASSERT_NE(findFunction(e.name), nullptr);
    EXPECT_EQ(findFunction(e.name)->eval, f.eval);
    EXPECT_EQ(f.needsDocument, e.needsDocument);
    EXPECT_EQ(f.arrayResult, e.array);
    ASSERT_NE(f.eval, nullptr);
    for (std::string_view text : {f.description.en, f.description.de}) {
      EXPECT_GT(codePoints(text), 40u);
      EXPECT_LE(codePoints(text), 400u) << text;
    }
    EXPECT_NE(f.description.en, f.description.de);
    ASSERT_EQ(f.args.size(), e.args.size());
    for (std::size_t k = 0; k < f.args.size(); ++k) {
      const ArgSpec& a = f.args[k];
      SCOPED_TRACE(std::string(a.name));
      EXPECT_EQ(a.name, e.args[k]);
      EXPECT_EQ(a.required, e.required[k]);
      EXPECT_EQ(a.type, a.name == "Returns" ? ArgType::Table : ArgType::Any);
      const std::string en = argumentDescription(f, k, "en"), de = argumentDescription(f, k, "de");
      for (std::string_view text : {en, de}) {
        EXPECT_GT(codePoints(text), 10u);
        EXPECT_LE(codePoints(text), 400u) << text;
      }
      // The argument help says whether it is required.
      EXPECT_EQ(en.ends_with(" Required."), a.required) << en;
      EXPECT_EQ(de.ends_with(" Erforderlich."), a.required) << de;
    }
  }
}

// ---- RETURNS -------------------------------------------------------------------

// Date, Value.
std::vector<std::vector<double>> returnsRows() {
  return {{kThu1, 100}, {46054, 50.5}, {0, 0}, {46100, 20}, {46030, 0}};
}

TEST(Returns, SumsValues) {
  Args A;
  EXPECT_EQ(number(call("RETURNS", {A.table(returnsRows())})), 170.5);
  EXPECT_EQ(number(call("RETURNS", {A.table({{kThu1, -30}, {kThu1, 10}})})), -20);  // a credit
}

TEST(Returns, PeriodByDateInclusive) {
  Args A;
  auto t = A.table(returnsRows());
  EXPECT_EQ(number(call("RETURNS", {t, none, none, A.num(46030), A.num(46054)})), 50.5);
  EXPECT_EQ(number(call("RETURNS", {t, none, none, A.num(46054), A.num(46054)})), 50.5);
  EXPECT_EQ(number(call("RETURNS", {t, none, none, A.num(46055)})), 20);         // From only
  EXPECT_EQ(number(call("RETURNS", {t, none, none, none, A.num(46053)})), 100);  // To only
  EXPECT_EQ(number(call("RETURNS", {t, none, none, A.text(u"2026-01-01"), A.text(u"2026-1-31")})), 100);
  // A time of day on the last day is inside.
  EXPECT_EQ(number(call("RETURNS", {A.table({{46054.6, 7}}), none, none, A.num(46054), A.num(46054)})), 7);
  // From after To.
  EXPECT_ARG_ERROR(call("RETURNS", {t, none, none, A.num(46054), A.num(46030)}));
}

TEST(Returns, ZeroWhenNothingMatches) {
  Args A;
  auto t = A.table(returnsRows());
  Value v = call("RETURNS", {t, none, none, A.num(47000)});
  ASSERT_FALSE(isNoValue(v));
  EXPECT_EQ(number(v), 0);
  auto seg = A.column({u"North", u"South", u"", u"North", u"South"});
  EXPECT_EQ(number(call("RETURNS", {t, seg, A.text(u"West")})), 0);
}

TEST(Returns, Segments) {
  Args A;
  auto t = A.table(returnsRows());
  auto seg = A.column({u"North", u" south", u"", 1001.0, u"SOUTH\u00A0"});
  EXPECT_EQ(number(call("RETURNS", {t, seg, A.text(u"north")})), 100);
  EXPECT_EQ(number(call("RETURNS", {t, seg, A.text(u"South")})), 50.5);
  EXPECT_EQ(number(call("RETURNS", {t, seg, A.text(u"1001")})), 20);
  EXPECT_EQ(number(call("RETURNS", {t, seg, A.num(1001)})), 20);
  EXPECT_EQ(number(call("RETURNS", {t, seg})), 170.5);  // Segments without Segment: all rows
  EXPECT_EQ(number(call("RETURNS", {t, seg, A.text(u"South"), A.num(46040)})), 50.5);
  EXPECT_ARG_ERROR(call("RETURNS", {t, A.column({u"North", u"South"}), A.text(u"North")}));  // row count
  EXPECT_ARG_ERROR(call("RETURNS", {t, none, A.text(u"North")}));  // Segment without Segments
}

TEST(Returns, OneColumnIsValueOnly) {
  Args A;
  auto t = A.table({{10}, {0}, {20.25}});
  EXPECT_EQ(number(call("RETURNS", {t})), 30.25);
  EXPECT_EQ(number(call("RETURNS", {t, A.column({u"a", u"b", u"a"}), A.text(u"A")})), 30.25);
  EXPECT_ARG_ERROR(call("RETURNS", {t, none, none, A.num(kThu1)}));
  EXPECT_ARG_ERROR(call("RETURNS", {t, none, none, none, A.num(kThu1)}));
  // An empty cell as From (0 = no date) or "" is no period.
  EXPECT_EQ(number(call("RETURNS", {t, none, none, A.num(0), A.text(u"")})), 30.25);
}

TEST(Returns, ColumnsMapAnErpLayout) {
  Args A;
  // Value, Customer, Date, Reason.
  auto t = A.table({{100, 1001, kThu1, 3}, {50, 1002, 46054, 4}, {20, 1001, 46100, 3}});
  EXPECT_EQ(number(call("RETURNS", {t, none, none, A.num(46030), none, A.row({3.0, 1.0})})), 70);
  EXPECT_EQ(number(call("RETURNS", {t, none, none, A.num(46030), none, A.column({3.0, 1.0})})), 70);
  // One position: Value only.
  EXPECT_EQ(number(call("RETURNS", {t, none, none, none, none, A.row({1.0})})), 170);
  EXPECT_ARG_ERROR(call("RETURNS", {t, none, none, A.num(46030), none, A.row({1.0})}));
  // Without Columns, the first two columns are Date, Value.
  EXPECT_EQ(number(call("RETURNS", {t})), 1001 + 1002 + 1001);
  EXPECT_ARG_ERROR(call("RETURNS", {t, none, none, none, none, A.row({3.0, 3.0})}));
  EXPECT_ARG_ERROR(call("RETURNS", {t, none, none, none, none, A.row({3.0, 5.0})}));
  EXPECT_ARG_ERROR(call("RETURNS", {t, none, none, none, none, A.row({1.0, 2.0, 3.0})}));
  EXPECT_ARG_ERROR(call("RETURNS", {t, none, none, none, none, A.row({u"C", 1.0})}));
}

TEST(Returns, TableRequired) {
  Args A;
  EXPECT_ARG_ERROR(call("RETURNS", {none}));
}

// ---- REDUCTION, TARGETPATH -------------------------------------------------------

TEST(Reduction, Values) {
  Args A;
  EXPECT_EQ(number(call("REDUCTION", {A.num(100), A.num(50)})), 0.5);
  EXPECT_DOUBLE_EQ(number(call("REDUCTION", {A.num(100), A.num(120)})), -0.2);
  EXPECT_EQ(number(call("REDUCTION", {A.num(80), A.num(0)})), 1);
  EXPECT_EQ(number(call("REDUCTION", {A.num(80), A.num(80)})), 0);
}

TEST(Reduction, Errors) {
  Args A;
  EXPECT_ARG_ERROR(call("REDUCTION", {A.num(0), A.num(50)}));
  EXPECT_ARG_ERROR(call("REDUCTION", {A.num(-5), A.num(50)}));
  EXPECT_ARG_ERROR(call("REDUCTION", {A.num(100)}));
  EXPECT_ARG_ERROR(call("REDUCTION", {A.num(100), A.text(u"")}));
  EXPECT_ARG_ERROR(call("REDUCTION", {A.text(u"100"), A.num(50)}));
  EXPECT_ARG_ERROR(call("REDUCTION", {A.column({100.0, 200.0}), A.num(50)}));
}

TEST(TargetPath, StraightLineWithClamping) {
  Args A;
  // 2026-01-01 .. 2026-12-31 is 364 days; 2026-07-02 is day 182, half way.
  auto tp = [&](Arg asOf) {
    return number(call("TARGETPATH", {A.num(100), A.num(50), A.num(kThu1), A.num(kThu1 + 364), asOf}));
  };
  EXPECT_EQ(tp(A.num(kThu1 + 182)), 75);
  EXPECT_EQ(tp(A.num(kThu1 + 182.9)), 75);  // whole days
  EXPECT_EQ(tp(A.num(kThu1 + 91)), 87.5);
  EXPECT_EQ(tp(A.num(kThu1)), 100);
  EXPECT_EQ(tp(A.num(kThu1 + 364)), 50);
  EXPECT_EQ(tp(A.num(kThu1 - 100)), 100);  // clamped to Start
  EXPECT_EQ(tp(A.num(kThu1 + 1000)), 50);  // clamped to End
  EXPECT_EQ(tp(A.text(u"2026-07-02")), 75);
  EXPECT_DOUBLE_EQ(number(call("TARGETPATH", {A.num(0.9), A.num(0.98), A.text(u"2026-01-01"),
                                              A.text(u"2026-12-31"), A.text(u"2026-7-2")})),
                   0.94);
  // A rising path with a time of day on the ends.
  EXPECT_DOUBLE_EQ(number(call("TARGETPATH", {A.num(0), A.num(10), A.num(100.5), A.num(110.2), A.num(103)})),
                   3);
}

TEST(TargetPath, Errors) {
  Args A;
  EXPECT_ARG_ERROR(call("TARGETPATH", {A.num(100), A.num(50), A.num(kThu1), A.num(kThu1), A.num(kThu1)}));
  EXPECT_ARG_ERROR(call("TARGETPATH", {A.num(100), A.num(50), A.num(kThu1), A.num(kThu1 - 1), A.num(kThu1)}));
  // Same day with different times is still End <= Start.
  EXPECT_ARG_ERROR(
      call("TARGETPATH", {A.num(100), A.num(50), A.num(kThu1 + 0.1), A.num(kThu1 + 0.9), A.num(kThu1)}));
  EXPECT_ARG_ERROR(call("TARGETPATH", {A.num(100), A.num(50), A.num(kThu1), A.num(kThu1 + 364)}));  // no AsOf
  EXPECT_ARG_ERROR(call("TARGETPATH", {A.num(100), none, A.num(kThu1), A.num(kThu1 + 364), A.num(kThu1)}));
  EXPECT_ARG_ERROR(
      call("TARGETPATH", {A.num(100), A.num(50), A.text(u"Jan"), A.num(kThu1 + 364), A.num(kThu1)}));
}

// ---- TURNAROUND --------------------------------------------------------------------

// Received, Closed.
std::vector<std::vector<double>> turnRows() {
  return {
      {kThu1, kThu29},  // 20 working days: in time
      {kThu1, kFri30},  // 21: late
      {kFri2, kMon5},   // 1: in time
      {kSat3, 0},       // open
      {0, 0},           // blank row
  };
}

// TURNAROUND(table; Segments; Segment; From; To; Days; Weekend; Holidays; AsOf; Columns)
struct Turn {
  Args& A;
  Arg table, segments = {}, segment = {}, from = {}, to = {}, option = {}, weekend = {}, holidays = {},
             asOf = {}, columns = {};
  Value run(std::string_view fn = "TURNAROUND", Context ctx = {}) const {
    return call(fn, {table, segments, segment, from, to, option, weekend, holidays, asOf, columns}, ctx);
  }
  double operator()() const { return number(run()); }
};

TEST(Turnaround, ClosedRowsByWorkingDays) {
  Args A;
  Turn t{A, A.table(turnRows())};
  EXPECT_DOUBLE_EQ(t(), 2.0 / 3);  // the open row is left out without AsOf
  t.option = A.num(21);
  EXPECT_EQ(t(), 1);
  t.option = A.num(0);
  EXPECT_EQ(t(), 0);
  t.option = A.num(1);
  EXPECT_DOUBLE_EQ(t(), 1.0 / 3);
  t.option = A.text(u"");  // not given: 20
  EXPECT_DOUBLE_EQ(t(), 2.0 / 3);
}

TEST(Turnaround, SameDayAndTimesOfDay) {
  Args A;
  // Closed at 05:00, received at 17:00 on the same day: 0 days, not bad data.
  Turn t{A, A.table({{kThu1 + 0.7, kThu1 + 0.2}})};
  t.option = A.num(0);
  EXPECT_EQ(t(), 1);
  // Received Friday evening, closed Monday morning: 1 working day.
  Turn u{A, A.table({{kFri2 + 0.9, kMon5 + 0.1}})};
  u.option = A.num(0);
  EXPECT_EQ(u(), 0);
  u.option = A.num(1);
  EXPECT_EQ(u(), 1);
}

TEST(Turnaround, OpenRowsWithAsOf) {
  Args A;
  Turn t{A, A.table(turnRows())};
  // At Fri 01-30 the open row (received Sat 01-03) is at 20 days: still within time.
  t.asOf = A.num(kFri30);
  EXPECT_DOUBLE_EQ(t(), 2.0 / 3);
  // At Mon 02-02 it is at 21: late.
  t.asOf = A.num(kMon2Feb);
  EXPECT_EQ(t(), 0.5);
  t.asOf = A.text(u"2026-02-02");
  EXPECT_EQ(t(), 0.5);
  t.asOf = A.num(kMon2Feb + 0.5);
  EXPECT_EQ(t(), 0.5);
}

TEST(Turnaround, ClosedAfterAsOfCountsAsOpen) {
  Args A;
  Turn t{A, A.table(turnRows())};
  // At Sun 01-18 rows 1 and 2 are open (11 working days), row 3 is closed in time,
  // row 4 is open (10 working days).
  t.asOf = A.num(kSun18);
  EXPECT_EQ(t(), 1);
  t.option = A.num(5);  // rows 1, 2 and 4 are already late
  EXPECT_EQ(t(), 0.25);
  t.option = A.num(10);  // row 4 is at exactly 10: not late yet; rows 1 and 2 are
  EXPECT_DOUBLE_EQ(t(), 1.0 / 3);
  // At Thu 01-01 only rows 1 and 2 are received, both open at 0 days.
  t.asOf = A.num(kThu1);
  EXPECT_NA(t.run());
}

TEST(Turnaround, PastReviewGivesTheSameAnswerLater) {
  Args A;
  // The table as it was on Sun 01-18 ...
  Turn then{A, A.table({{kThu1, 0}, {kThu1, 0}, {kFri2, kMon5}, {kSat3, 0}})};
  then.option = A.num(5);
  then.asOf = A.num(kSun18);
  // ... and later: rows closed since, and new rows received after the review.
  Turn later = then;
  later.table =
      A.table({{kThu1, kThu29}, {kThu1, kFri30}, {kFri2, kMon5}, {kSat3, kMon2Feb}, {46042, 46043}});
  EXPECT_EQ(then(), 0.25);
  EXPECT_EQ(later(), 0.25);
}

TEST(Turnaround, NoDecidedRowIsNA) {
  Args A;
  EXPECT_NA(Turn(A, A.table({{kThu1, 0}, {kSat3, 0}})).run());
  EXPECT_NA(Turn(A, A.table({{0, 0}})).run());
}

TEST(Turnaround, PeriodByReceived) {
  Args A;
  // Mon 2025-12-29 -> Fri 2026-01-02: 4 days; Thu -> Fri: 1; Fri 01-09 -> Mon 01-12: 1.
  Turn t{A, A.table({{46020, kFri2}, {kThu1, kFri2}, {46031, 46034}, {0, 0}})};
  t.option = A.num(3);
  EXPECT_DOUBLE_EQ(t(), 2.0 / 3);
  t.from = A.num(kThu1);  // row 1 closed in the period but received before it
  EXPECT_EQ(t(), 1);
  t.from = A.num(46020);
  t.to = A.num(46020);
  EXPECT_EQ(t(), 0);
  t.from = A.text(u"2025-12-30");
  t.to = A.text(u"2026-01-08");
  EXPECT_EQ(t(), 1);
  t.from = A.num(46032);
  t.to = A.num(46040);
  EXPECT_NA(t.run());
  t.from = A.num(46040);
  t.to = A.num(46032);
  EXPECT_ARG_ERROR(t.run());
}

TEST(Turnaround, WeekendAndHolidays) {
  Args A;
  Turn t{A, A.table(turnRows())};
  t.holidays = A.text(u"2026-1-6");  // row 2 now takes 20 days
  EXPECT_EQ(t(), 1);
  t.holidays = A.column({46028.0, u"", u"2026-01-06"});
  EXPECT_EQ(t(), 1);
  t.holidays = A.text(u"Epiphany");
  EXPECT_ARG_ERROR(t.run());
  t.holidays = none;
  t.option = A.num(1);
  EXPECT_DOUBLE_EQ(t(), 1.0 / 3);  // row 3: Friday -> Monday = 1
  t.weekend = A.text(u"0000001");  // Saturday is a working day: 2
  EXPECT_EQ(t(), 0);
  t.weekend = A.num(11);
  EXPECT_EQ(t(), 0);
  t.weekend = A.text(u"1111111");
  EXPECT_ARG_ERROR(t.run());
}

TEST(Turnaround, NullDate) {
  Args A;
  // Serial 7 -> 10: Sat -> Tue (2 days) by default, Fri -> Mon (1 day) in the 1904 system.
  Turn t{A, A.table({{7, 10}})};
  t.option = A.num(1);
  EXPECT_EQ(number(t.run()), 0);
  EXPECT_EQ(number(t.run("TURNAROUND", Context{k1904})), 1);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS", Context{})), 2);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS", Context{k1904})), 1);
}

TEST(Turnaround, SegmentFilter) {
  Args A;
  Turn t{A, A.table(turnRows())};
  t.segments = A.column({u"ACME", u" acme", u"Beta", u"ACME", u""});
  EXPECT_DOUBLE_EQ(t(), 2.0 / 3);
  t.segment = A.text(u"ACME");
  EXPECT_EQ(t(), 0.5);
  t.segment = A.text(u"Acme\u00A0");
  EXPECT_EQ(t(), 0.5);
  t.segment = A.text(u"beta");
  EXPECT_EQ(t(), 1);
  t.segment = A.text(u"Gamma");
  EXPECT_NA(t.run());
  t.segments = A.column({u"ACME", u"Beta"});
  EXPECT_ARG_ERROR(t.run());
  t.segments = none;
  EXPECT_ARG_ERROR(t.run());
}

TEST(Turnaround, ColumnsMapAnErpLayout) {
  Args A;
  // Customer, Reason, Received, Value, Closed.
  Turn t{A, A.table({{1001, 5, kThu1, 99, kThu29}, {1001, 5, kThu1, 99, kFri30}, {1002, 1, kSat3, 10, 0}})};
  t.columns = A.row({3.0, 5.0});
  EXPECT_EQ(t(), 0.5);
  t.columns = A.column({3.0, 5.0});
  EXPECT_EQ(t(), 0.5);
  t.columns = A.row({3.0});
  EXPECT_ARG_ERROR(t.run());
  t.columns = A.row({3.0, 6.0});
  EXPECT_ARG_ERROR(t.run());
  t.columns = A.row({5.0, 5.0});
  EXPECT_ARG_ERROR(t.run());
  EXPECT_ARG_ERROR(Turn(A, A.table({{kThu1}})).run());  // one column, no Columns
}

TEST(Turnaround, BadArguments) {
  Args A;
  Turn t{A, A.table(turnRows())};
  t.option = A.num(-1);
  EXPECT_ARG_ERROR(t.run());
  t.option = A.text(u"twenty");
  EXPECT_ARG_ERROR(t.run());
  t.option = A.column({1.0, 2.0});
  EXPECT_ARG_ERROR(t.run());
  t.option = none;
  t.asOf = A.text(u"tomorrow");
  EXPECT_ARG_ERROR(t.run());
  EXPECT_ARG_ERROR(call("TURNAROUND", {}));
}

TEST(Turnaround, BadDataIsValueError) {
  Args A;
  EXPECT_DATA_ERROR(Turn(A, A.table({{kMon5, kFri2}})).run());  // Closed before Received
  EXPECT_DATA_ERROR(Turn(A, A.table({{0, kFri2}})).run());      // Closed without Received
  EXPECT_DATA_ERROR(Turn(A, A.table({{kMon5, kFri2}})).run("TURNAROUNDDAYS"));
  // Every row is checked, also rows outside the segment and the period.
  Turn t{A, A.table({{kThu1, kThu29}, {46100, 46099}})};
  t.segments = A.column({u"A", u"B"});
  t.segment = A.text(u"A");
  t.to = A.num(46050);
  EXPECT_DATA_ERROR(t.run());
  t.asOf = A.num(46060);  // also rows received after AsOf
  EXPECT_DATA_ERROR(t.run());
  // An argument error is reported before bad data.
  t.option = A.num(-1);
  EXPECT_ARG_ERROR(t.run());
}

// ---- TURNAROUNDDAYS ---------------------------------------------------------------

// Rows that took 1..n calendar days (Weekend "0000000": every day is a working day), shuffled.
std::vector<std::vector<double>> daysRows(int n, unsigned seed) {
  std::vector<std::vector<double>> rows;
  for (int k = 1; k <= n; ++k) rows.push_back({kThu1 + k, kThu1 + 2 * k});
  std::mt19937 rng(seed);
  std::shuffle(rows.begin(), rows.end(), rng);
  return rows;
}

TEST(TurnaroundDays, NearestRank) {
  Args A;
  Turn t{A, A.table(daysRows(30, 1))};
  t.weekend = A.text(u"0000000");
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 27);  // default 0.9: rank 27 of 30, not 28
  t.option = A.num(0.9);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 27);
  t.option = A.num(1);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 30);
  t.option = A.num(0.5);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 15);
  t.option = A.num(0.1);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 3);
  t.option = A.num(0.01);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 1);
  t.option = A.num(0.95);  // 28.5 -> 29
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 29);
  t.option = A.num(1.0 / 3);  // 0.3333333333333333 * 30 = 9.999999999999999 -> 10
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 10);
  Turn u{A, A.table(daysRows(31, 2))};
  u.weekend = A.text(u"0000000");
  EXPECT_EQ(number(u.run("TURNAROUNDDAYS")), 28);  // 27.9 -> 28
  Turn v{A, A.table(daysRows(10, 3))};
  v.weekend = A.text(u"0000000");
  v.option = A.num(0.7);  // 0.7 * 10 is 7.000000000000001 in binary: rank 7
  EXPECT_EQ(number(v.run("TURNAROUNDDAYS")), 7);
  Turn w{A, A.table(daysRows(100, 4))};
  w.weekend = A.text(u"0000000");
  w.option = A.num(0.07);  // 0.07 * 100 is 7.000000000000001 in binary
  EXPECT_EQ(number(w.run("TURNAROUNDDAYS")), 7);
}

TEST(TurnaroundDays, WorkingDaysAndOpenRows) {
  Args A;
  // Closed rows took 20, 21, 1 and 0 working days; an open row and a blank row.
  auto rows = turnRows();
  rows.push_back({kFri2, kSat3});  // 0
  Turn t{A, A.table(rows)};
  t.option = A.num(0.25);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 0);
  t.option = A.num(0.5);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 1);
  t.option = A.num(0.75);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 20);
  t.option = A.num(0.76);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 21);
  t.option = none;
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 21);
  // With AsOf Sun 01-18: rows 1 and 2 are still open then; received later is left out.
  t.asOf = A.num(kSun18);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 1);
  t.asOf = A.num(kFri30);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 21);
  t.asOf = A.num(kThu29);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 20);
  t.asOf = A.num(kThu1);
  EXPECT_NA(t.run("TURNAROUNDDAYS"));
  // Segment and period.
  t.asOf = none;
  t.segments = A.column({u"x", u"x", u"y", u"x", u"", u"y"});
  t.segment = A.text(u"X");
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 21);
  t.segment = A.text(u"y");
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 1);
  t.segment = none;
  t.from = A.num(kFri2);
  t.option = A.num(0.5);
  EXPECT_EQ(number(t.run("TURNAROUNDDAYS")), 0);
  // Only open rows: #N/A.
  EXPECT_NA(Turn(A, A.table({{kThu1, 0}})).run("TURNAROUNDDAYS"));
}

TEST(TurnaroundDays, PercentileMustBeInZeroToOne) {
  Args A;
  Turn t{A, A.table(turnRows())};
  for (double p : {0.0, -0.1, 1.0000001, 2.0, 90.0}) {
    SCOPED_TRACE(p);
    t.option = A.num(p);
    EXPECT_ARG_ERROR(t.run("TURNAROUNDDAYS"));
  }
  t.option = A.text(u"90%");
  EXPECT_ARG_ERROR(t.run("TURNAROUNDDAYS"));
}

TEST(NearestRank, ExactOnTheDecimalValue) {
  EXPECT_EQ(nearestRank(0.9, 30), 27u);
  EXPECT_EQ(nearestRank(0.9, 31), 28u);
  EXPECT_EQ(nearestRank(0.7, 10), 7u);
  EXPECT_EQ(nearestRank(0.07, 100), 7u);
  EXPECT_EQ(nearestRank(0.1, 30), 3u);
  EXPECT_EQ(nearestRank(0.3, 10), 3u);
  EXPECT_EQ(nearestRank(0.6, 5), 3u);
  EXPECT_EQ(nearestRank(0.999, 1000), 999u);
  EXPECT_EQ(nearestRank(0.9999, 1000), 1000u);
  EXPECT_EQ(nearestRank(0.95, 1000000), 950000u);
  EXPECT_EQ(nearestRank(0.95, 1000001), 950001u);
  EXPECT_EQ(nearestRank(1, 5), 5u);
  EXPECT_EQ(nearestRank(1, 1), 1u);
  EXPECT_EQ(nearestRank(0.5, 1), 1u);
  EXPECT_EQ(nearestRank(1e-300, 1000), 1u);
  EXPECT_EQ(nearestRank(5e-324, 1000), 1u);
  EXPECT_EQ(nearestRank(0.1234567890123456, 10000000000000000ull), 1234567890123456ull);
  EXPECT_EQ(nearestRank(0.1234567890123456, 10000000000000001ull), 1234567890123457ull);
}

// "90 % within 20 days" holds exactly when TURNAROUNDDAYS(...;0.9) <= 20, which agrees with
// TURNAROUND(...;20) >= 0.9 over the same closed rows.
TEST(TurnaroundDays, AgreesWithTurnaroundOnRandomData) {
  std::mt19937 rng(7);
  int agreeTrue = 0, agreeFalse = 0;
  for (int iter = 0; iter < 300; ++iter) {
    Args A;
    std::size_t n = 1 + rng() % 40;
    std::vector<std::vector<double>> rows;
    for (std::size_t r = 0; r < n; ++r) {
      double received = kThu1 + rng() % 60;
      int kind = static_cast<int>(rng() % 10);
      if (kind == 0)
        rows.push_back({received, 0});  // open: left out by both without AsOf
      else if (kind == 1)
        rows.push_back({0, 0});
      else
        rows.push_back({received + 0.3, received + rng() % 40 + 0.1});
    }
    Turn t{A, A.table(rows)};
    if (iter % 2) t.holidays = A.column({46028.0, 46063.0, u"2026-02-16"});
    if (iter % 3 == 0) t.weekend = A.num(1 + static_cast<double>(rng() % 7));
    for (double p : {0.9, 0.8, 0.95, 0.5, 0.7, 1.0}) {
      t.option = A.num(p);
      Value daysValue = t.run("TURNAROUNDDAYS");
      for (int days : {0, 5, 10, 15, 20, 25, 30}) {
        Turn u = t;
        u.option = A.num(days);
        Value share = u.run("TURNAROUND");
        ASSERT_EQ(isNoValue(share), isNoValue(daysValue));
        if (isNoValue(share)) continue;
        bool byShare = number(share) >= p;
        bool byDays = number(daysValue) <= days;
        ASSERT_EQ(byShare, byDays) << "p " << p << " days " << days << " share " << number(share) << " pctl "
                                   << number(daysValue);
        (byShare ? agreeTrue : agreeFalse)++;
      }
    }
  }
  // Both answers occur often enough for the check to mean something.
  EXPECT_GT(agreeTrue, 500);
  EXPECT_GT(agreeFalse, 500);
}

// ---- RETURNSBY, TURNAROUNDBY ---------------------------------------------------------

std::u16string str(const OutCell& c) {
  return std::get<std::u16string>(c);
}
double num(const OutCell& c) {
  return std::get<double>(c);
}
bool isLabel(const OutCell& c, std::u16string_view label) {
  return std::holds_alternative<std::u16string>(c) && std::get<std::u16string>(c) == label;
}

TEST(ReturnsBy, HandWorked) {
  Args A;
  auto t = A.table(returnsRows());
  auto seg = A.column({u"North", u"south", u"", u"North ", u"South"});
  Matrix m = std::get<Matrix>(call("RETURNSBY", {t, seg}));
  ASSERT_EQ(m.rows, 4u);
  ASSERT_EQ(m.cols, 4u);
  EXPECT_EQ(str(m.at(0, 0)), u"North");
  EXPECT_EQ(str(m.at(1, 0)), u"south");  // as first written
  EXPECT_EQ(str(m.at(2, 0)), u"(blank)");
  EXPECT_EQ(str(m.at(3, 0)), u"(all)");
  // rows in the segment, rows used, sum
  EXPECT_EQ((std::vector<double>{num(m.at(0, 1)), num(m.at(0, 2)), num(m.at(0, 3))}),
            (std::vector<double>{2, 2, 120}));
  EXPECT_EQ((std::vector<double>{num(m.at(1, 1)), num(m.at(1, 2)), num(m.at(1, 3))}),
            (std::vector<double>{2, 2, 50.5}));  // a dated row with value 0 is used
  EXPECT_EQ((std::vector<double>{num(m.at(2, 1)), num(m.at(2, 2)), num(m.at(2, 3))}),
            (std::vector<double>{1, 0, 0}));  // the all-blank row is not
  EXPECT_EQ((std::vector<double>{num(m.at(3, 1)), num(m.at(3, 2)), num(m.at(3, 3))}),
            (std::vector<double>{5, 4, 170.5}));
  // With a period: rows in the segment stay, rows used and sums shrink.
  m = std::get<Matrix>(call("RETURNSBY", {t, seg, A.num(46030)}));
  EXPECT_EQ((std::vector<double>{num(m.at(0, 1)), num(m.at(0, 2)), num(m.at(0, 3))}),
            (std::vector<double>{2, 1, 20}));
  EXPECT_EQ((std::vector<double>{num(m.at(3, 1)), num(m.at(3, 2)), num(m.at(3, 3))}),
            (std::vector<double>{5, 3, 70.5}));
  // Without blank segments there is no "(blank)" row.
  m = std::get<Matrix>(call("RETURNSBY", {A.table({{kThu1, 5}, {kThu1, 6}}), A.column({2.0, 1.0})}));
  ASSERT_EQ(m.rows, 3u);
  EXPECT_EQ(num(m.at(0, 0)), 1);
  EXPECT_EQ(num(m.at(0, 3)), 6);
  EXPECT_EQ(num(m.at(1, 0)), 2);
  EXPECT_EQ(str(m.at(2, 0)), u"(all)");
}

TEST(ReturnsBy, Errors) {
  Args A;
  auto t = A.table(returnsRows());
  EXPECT_ARG_ERROR(call("RETURNSBY", {t}));
  EXPECT_ARG_ERROR(call("RETURNSBY", {t, A.text(u"")}));
  EXPECT_ARG_ERROR(call("RETURNSBY", {t, A.column({u"a", u"b"})}));
  EXPECT_ARG_ERROR(call("RETURNSBY", {A.table({{1}, {2}}), A.column({u"a", u"b"}), A.num(kThu1)}));
  EXPECT_ARG_ERROR(
      call("RETURNSBY", {t, A.column({u"a", u"b", u"c", u"d", u"e"}), A.num(46054), A.num(46030)}));
}

TEST(TurnaroundBy, HandWorked) {
  Args A;
  auto rows = turnRows();
  rows.push_back({kFri2, kSat3});  // 0 days: in time
  auto t = A.table(rows);
  auto seg = A.column({u"Beta", u"alpha", 7.0, u"BETA ", u"", u"Alpha"});
  Matrix m = std::get<Matrix>(call("TURNAROUNDBY", {t, seg}));
  ASSERT_EQ(m.rows, 5u);
  ASSERT_EQ(m.cols, 6u);
  // Numbers first, then text case-insensitively; shown as first written.
  EXPECT_EQ(num(m.at(0, 0)), 7);
  EXPECT_EQ(str(m.at(1, 0)), u"alpha");
  EXPECT_EQ(str(m.at(2, 0)), u"Beta");
  EXPECT_EQ(str(m.at(3, 0)), u"(blank)");
  EXPECT_EQ(str(m.at(4, 0)), u"(all)");
  auto row = [&](std::size_t r) {
    return std::vector<double>{num(m.at(r, 1)), num(m.at(r, 2)), num(m.at(r, 3)), num(m.at(r, 4))};
  };
  EXPECT_EQ(row(0), (std::vector<double>{1, 1, 1, 1}));
  EXPECT_EQ(num(m.at(0, 5)), 1);
  EXPECT_EQ(row(1), (std::vector<double>{2, 2, 1, 2}));
  EXPECT_EQ(num(m.at(1, 5)), 0.5);
  EXPECT_EQ(row(2), (std::vector<double>{2, 1, 1, 1}));  // the open row is not used
  EXPECT_EQ(num(m.at(2, 5)), 1);
  EXPECT_EQ(row(3), (std::vector<double>{1, 0, 0, 0}));
  EXPECT_EQ(str(m.at(3, 5)), u"");
  EXPECT_EQ(row(4), (std::vector<double>{6, 4, 3, 4}));
  EXPECT_EQ(num(m.at(4, 5)), 0.75);
  // With AsOf Mon 02-02 the open "BETA " row is late.
  m = std::get<Matrix>(call("TURNAROUNDBY", {t, seg, none, none, none, none, none, A.num(kMon2Feb)}));
  EXPECT_EQ(row(2), (std::vector<double>{2, 2, 1, 2}));
  EXPECT_EQ(row(4), (std::vector<double>{6, 5, 3, 5}));
  EXPECT_EQ(num(m.at(4, 5)), 0.6);
}

TEST(TurnaroundBy, Errors) {
  Args A;
  auto t = A.table(turnRows());
  auto seg = A.column({u"a", u"b", u"a", u"b", u""});
  EXPECT_ARG_ERROR(call("TURNAROUNDBY", {t}));
  EXPECT_ARG_ERROR(call("TURNAROUNDBY", {t, A.column({u"a"})}));
  EXPECT_ARG_ERROR(call("TURNAROUNDBY", {t, seg, none, none, A.num(-2)}));
  EXPECT_ARG_ERROR(call("TURNAROUNDBY", {t, seg, none, none, none, A.text(u"11")}));
  EXPECT_ARG_ERROR(call("TURNAROUNDBY", {t, seg, none, none, none, none, A.text(u"x")}));
  EXPECT_ARG_ERROR(call("TURNAROUNDBY", {t, seg, none, none, none, none, none, none, A.row({1.0, 1.0})}));
  EXPECT_DATA_ERROR(call("TURNAROUNDBY", {A.table({{kMon5, kFri2}, {kThu1, 0}}), A.column({u"a", u"b"})}));
  // Bad data in any row: also outside the period and received after AsOf.
  EXPECT_DATA_ERROR(call("TURNAROUNDBY", {A.table({{kThu1, kThu29}, {46100, 46099}}), A.column({u"a", u"b"}),
                                          none, A.num(46050), none, none, none, A.num(46060)}));
}

// Random tables: each BY row equals the base function called with that segment.
const std::vector<Args::In> kSegmentPool = {u"ACME", u"acme ", 1001.0,  u"1001", u"Beta",  u"",
                                            u"  ",   u"Ünal",  u"ünal", 7.5,     u"\u00A0"};

Arg segmentArg(Args& A, const OutCell& label) {
  if (std::holds_alternative<double>(label)) return A.num(std::get<double>(label));
  return A.text(std::get<std::u16string>(label));
}

TEST(TurnaroundBy, RowsEqualTheBaseFunctionOnRandomData) {
  std::mt19937 rng(11);
  for (int iter = 0; iter < 60; ++iter) {
    Args A;
    std::size_t n = 1 + rng() % 200;
    std::vector<std::vector<double>> rows;
    std::vector<Args::In> segs;
    for (std::size_t r = 0; r < n; ++r) {
      double received = kThu1 + rng() % 90 + 0.5;
      switch (rng() % 6) {
        case 0:
          rows.push_back({received, 0});
          break;
        case 1:
          rows.push_back({0, 0});
          break;
        default:
          rows.push_back({received, received + rng() % 45});
      }
      segs.push_back(kSegmentPool[rng() % kSegmentPool.size()]);
    }
    auto table = A.table(rows);
    auto segments = A.column(segs);
    Arg from = rng() % 2 ? A.num(kThu1 + rng() % 30) : Arg{};
    Arg to = rng() % 2 ? A.num(kThu1 + 40 + rng() % 60) : Arg{};
    Arg days = rng() % 2 ? A.num(static_cast<double>(rng() % 25)) : Arg{};
    Arg weekend = rng() % 3 == 0 ? A.num(11) : Arg{};
    Arg holidays = rng() % 2 ? A.column({u"2026-01-06", 46050.0}) : Arg{};
    Arg asOf = rng() % 2 ? A.num(kThu1 + 30 + rng() % 90) : Arg{};
    Matrix m = std::get<Matrix>(
        call("TURNAROUNDBY", {table, segments, from, to, days, weekend, holidays, asOf, Arg{}}));
    ASSERT_EQ(m.cols, 6u);
    auto check = [&](std::size_t r, Value base) {
      if (isNoValue(base)) {
        EXPECT_EQ(str(m.at(r, 5)), u"");
        EXPECT_EQ(num(m.at(r, 4)), 0);
      } else {
        EXPECT_EQ(num(m.at(r, 5)), number(base)) << "row " << r;
        EXPECT_EQ(num(m.at(r, 3)) / num(m.at(r, 4)), number(base));
        EXPECT_EQ(num(m.at(r, 2)), num(m.at(r, 4)));  // rows used = decided rows
      }
    };
    double rowsTotal = 0;
    std::size_t r = 0;
    for (; !isLabel(m.at(r, 0), u"(blank)") && !isLabel(m.at(r, 0), u"(all)"); ++r) {
      rowsTotal += num(m.at(r, 1));
      check(r, call("TURNAROUND",
                    {table, segments, segmentArg(A, m.at(r, 0)), from, to, days, weekend, holidays, asOf}));
    }
    if (isLabel(m.at(r, 0), u"(blank)")) rowsTotal += num(m.at(r++, 1));
    ASSERT_EQ(str(m.at(r, 0)), u"(all)");
    ASSERT_EQ(r + 1, m.rows);
    EXPECT_EQ(num(m.at(r, 1)), static_cast<double>(n));
    EXPECT_EQ(rowsTotal, static_cast<double>(n));
    check(r, call("TURNAROUND", {table, none, none, from, to, days, weekend, holidays, asOf}));
    check(r, call("TURNAROUND", {table, segments, none, from, to, days, weekend, holidays, asOf}));
  }
}

TEST(ReturnsBy, RowsEqualTheBaseFunctionOnRandomData) {
  std::mt19937 rng(13);
  for (int iter = 0; iter < 60; ++iter) {
    Args A;
    std::size_t n = 1 + rng() % 200;
    std::vector<std::vector<double>> rows;
    std::vector<Args::In> segs;
    for (std::size_t r = 0; r < n; ++r) {
      if (rng() % 5 == 0)
        rows.push_back({0, 0});
      else
        rows.push_back({rng() % 7 == 0 ? 0.0 : kThu1 + rng() % 365, (rng() % 100000) / 100.0});
      segs.push_back(kSegmentPool[rng() % kSegmentPool.size()]);
    }
    auto table = A.table(rows);
    auto segments = A.column(segs);
    Arg from = rng() % 2 ? A.num(kThu1 + rng() % 100) : Arg{};
    Arg to = rng() % 2 ? A.num(kThu1 + 150 + rng() % 200) : Arg{};
    Matrix m = std::get<Matrix>(call("RETURNSBY", {table, segments, from, to}));
    ASSERT_EQ(m.cols, 4u);
    std::size_t r = 0;
    for (; !isLabel(m.at(r, 0), u"(blank)") && !isLabel(m.at(r, 0), u"(all)"); ++r)
      EXPECT_EQ(num(m.at(r, 3)),
                number(call("RETURNS", {table, segments, segmentArg(A, m.at(r, 0)), from, to})));
    if (isLabel(m.at(r, 0), u"(blank)")) ++r;
    ASSERT_EQ(str(m.at(r, 0)), u"(all)");
    EXPECT_EQ(num(m.at(r, 1)), static_cast<double>(n));
    EXPECT_EQ(num(m.at(r, 3)), number(call("RETURNS", {table, none, none, from, to})));
  }
}

}  // namespace
}  // namespace qkpi
