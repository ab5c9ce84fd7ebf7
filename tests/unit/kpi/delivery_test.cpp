// OTIF, ONTIME, INFULL, OTIFBY: hand-worked examples for every rule.
#include <random>
#include <string>
#include <vector>

#include "kpi/segments.h"
#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;
using test::call;
using test::isNoValue;
using test::number;

constexpr double J = 46023;  // 2026-01-01 with the default NullDate

// Columns: Due, Delivered, OrderedQty, DeliveredQty.
std::vector<std::vector<double>> basicLines() {
  return {
      {J, J, 10, 10},      // 1 on the due date, full           -> OTIF
      {J, J + 1, 10, 10},  // 2 one day late, full
      {J, J - 5, 10, 10},  // 3 five days early, full            -> OTIF (EarlyDays omitted)
      {J, J, 10, 9},       // 4 on time, short
      {0, J, 10, 10},      // 5 no due date                      -> not eligible
      {J, J, 0, 0},        // 6 nothing ordered                  -> not eligible
      {J, 0, 10, 0},       // 7 not delivered, no To             -> failure
      {J, J, 10, 12},      // 8 over-delivered                   -> OTIF
  };
}

TEST(Otif, BasicRules) {
  Args a;
  // Eligible 1,2,3,4,7,8 = 6; on time and in full 1,3,8.
  EXPECT_DOUBLE_EQ(number(call("OTIF", {a.table(basicLines())})), 3.0 / 6);
  // On time: 1,3,4,8.
  EXPECT_DOUBLE_EQ(number(call("ONTIME", {a.table(basicLines())})), 4.0 / 6);
  // In full: 1,2,3,8.
  EXPECT_DOUBLE_EQ(number(call("INFULL", {a.table(basicLines())})), 4.0 / 6);
}

TEST(Otif, EarlyDays) {
  Args a;
  auto otif = [&](Arg early) {
    return number(call("OTIF", {a.table(basicLines()), {}, {}, {}, {}, std::move(early)}));
  };
  EXPECT_DOUBLE_EQ(otif(a.num(0)), 2.0 / 6);  // early deliveries are failures
  EXPECT_DOUBLE_EQ(otif(a.num(4)), 2.0 / 6);  // 5 days early > 4
  EXPECT_DOUBLE_EQ(otif(a.num(5)), 3.0 / 6);  // exactly at EarlyDays: on time
  EXPECT_DOUBLE_EQ(otif(a.text(u"")), 3.0 / 6);
  EXPECT_ARG_ERROR(otif(a.num(-1)));
  EXPECT_ARG_ERROR(otif(a.text(u"five")));
}

TEST(Otif, LateDays) {
  Args a;
  auto otif = [&](Arg late) {
    return number(call("OTIF", {a.table(basicLines()), {}, {}, {}, {}, {}, std::move(late)}));
  };
  EXPECT_DOUBLE_EQ(otif(a.num(0)), 3.0 / 6);
  EXPECT_DOUBLE_EQ(otif(a.num(1)), 4.0 / 6);  // exactly at LateDays: on time
  EXPECT_ARG_ERROR(otif(a.num(-0.5)));
}

TEST(Otif, WholeDayDates) {
  Args a;
  // Due 15:00, delivered 23:45 on the due day: on time.
  EXPECT_DOUBLE_EQ(number(call("OTIF", {a.table({{J + 0.625, J + 0.99, 5, 5}})})), 1.0);
  // Due 23:00, delivered 00:15 the next day: one day late.
  EXPECT_DOUBLE_EQ(number(call("OTIF", {a.table({{J + 0.96, J + 1.01, 5, 5}})})), 0.0);
  EXPECT_DOUBLE_EQ(
      number(call("OTIF", {a.table({{J + 0.96, J + 1.01, 5, 5}}), {}, {}, {}, {}, {}, a.num(1)})), 1.0);
  // Delivered 08:00 the day before, EarlyDays 0: early.
  EXPECT_DOUBLE_EQ(number(call("OTIF", {a.table({{J + 0.5, J - 0.7, 5, 5}}), {}, {}, {}, {}, a.num(0)})),
                   0.0);
  EXPECT_DOUBLE_EQ(number(call("OTIF", {a.table({{J + 0.5, J - 0.7, 5, 5}}), {}, {}, {}, {}, a.num(1)})),
                   1.0);
}

// Not yet delivered, due J+10, next to a line delivered on time.
std::vector<std::vector<double>> openLine() {
  return {{J + 10, 0, 10, 0}, {J + 2, J + 2, 5, 5}};
}

TEST(Otif, NotYetDelivered) {
  Args a;
  auto otif = [&](Arg from, Arg to, Arg late) {
    return number(
        call("OTIF", {a.table(openLine()), {}, {}, std::move(from), std::move(to), {}, std::move(late)}));
  };
  // No To: a failure.
  EXPECT_DOUBLE_EQ(otif({}, {}, {}), 0.5);
  // Only From: still a failure.
  EXPECT_DOUBLE_EQ(otif(a.num(J), {}, {}), 0.5);
  // To on the due date: Due + 0 >= To, not late yet: left out.
  EXPECT_DOUBLE_EQ(otif({}, a.num(J + 10), {}), 1.0);
  // To as ISO text (2026-01-11 = J+10), and with a time of day.
  EXPECT_DOUBLE_EQ(otif({}, a.text(u"2026-01-11"), {}), 1.0);
  EXPECT_DOUBLE_EQ(otif({}, a.num(J + 10.75), {}), 1.0);
  // To the day after: late.
  EXPECT_DOUBLE_EQ(otif({}, a.num(J + 11), {}), 0.5);
  // ... unless LateDays reaches To: J+10 + 1 >= J+11.
  EXPECT_DOUBLE_EQ(otif({}, a.num(J + 11), a.num(1)), 1.0);
  EXPECT_DOUBLE_EQ(otif({}, a.num(J + 12), a.num(1)), 0.5);
  // The only line, left out: #N/A.
  EXPECT_NA(call("OTIF", {a.table({{J + 10, 0, 10, 0}}), {}, {}, {}, a.num(J + 10)}));
}

TEST(Otif, Period) {
  Args a;
  auto lines = [] {
    return std::vector<std::vector<double>>{
        {J, J, 1, 1}, {J + 5, J + 9, 1, 1}, {J + 10, J + 10, 1, 1}, {J + 20, J + 20, 1, 0}, {0, J, 1, 1}};
  };
  auto otif = [&](Arg from, Arg to) {
    return call("OTIF", {a.table(lines()), {}, {}, std::move(from), std::move(to)});
  };
  EXPECT_DOUBLE_EQ(number(otif({}, {})), 2.0 / 4);
  // [J+5, J+10], both inclusive: late, ok.
  EXPECT_DOUBLE_EQ(number(otif(a.num(J + 5), a.num(J + 10))), 1.0 / 2);
  EXPECT_DOUBLE_EQ(number(otif(a.text(u"2026-01-06"), a.text(u"2026-01-11"))), 1.0 / 2);
  EXPECT_DOUBLE_EQ(number(otif(a.num(J + 10), {})), 1.0 / 2);
  EXPECT_DOUBLE_EQ(number(otif({}, a.num(J))), 1.0);
  // An empty cell as From arrives as 0: no bound.
  EXPECT_DOUBLE_EQ(number(otif(a.num(0), a.num(0))), 2.0 / 4);
  EXPECT_NA(otif(a.num(J + 21), {}));
  EXPECT_ARG_ERROR(otif(a.num(J + 10), a.num(J + 5)));
  EXPECT_ARG_ERROR(otif(a.text(u"next week"), {}));
}

TEST(Otif, QtyToleranceBoundary) {
  Args a;
  auto infull = [&](double ordered, double delivered, Arg tol) {
    return number(
        call("OTIF", {a.table({{J, J, ordered, delivered}}), {}, {}, {}, {}, {}, {}, std::move(tol)}));
  };
  EXPECT_DOUBLE_EQ(infull(50, 49, a.num(0.02)), 1.0);  // exactly at the boundary
  EXPECT_DOUBLE_EQ(infull(50, 49, a.num(0.019)), 0.0);
  EXPECT_DOUBLE_EQ(infull(50, 49, {}), 0.0);
  // 150 * (1 - 0.18) is 123.00000000000001 in binary: 123 is still exactly at the boundary.
  EXPECT_DOUBLE_EQ(infull(150, 123, a.num(0.18)), 1.0);
  EXPECT_DOUBLE_EQ(infull(150, 122.999, a.num(0.18)), 0.0);
  EXPECT_DOUBLE_EQ(infull(500, 411, a.num(0.178)), 1.0);
  EXPECT_DOUBLE_EQ(infull(50, 0, a.num(1)), 1.0);
  EXPECT_DOUBLE_EQ(infull(50, 50, a.num(0)), 1.0);
  EXPECT_DOUBLE_EQ(infull(50, 49.5, a.num(0)), 0.0);
  EXPECT_ARG_ERROR(infull(50, 49, a.num(-0.01)));
  EXPECT_ARG_ERROR(infull(50, 49, a.num(1.01)));
  EXPECT_ARG_ERROR(infull(50, 49, a.text(u"2%")));
  EXPECT_ARG_ERROR(infull(50, 49, a.row({0.01, 0.02})));
}

TEST(Otif, QuantityData) {
  Args a;
  // A negative OrderedQty (credit line) is left out.
  EXPECT_DOUBLE_EQ(number(call("OTIF", {a.table({{J, J, -5, -5}, {J, J, 5, 5}})})), 1.0);
  // A negative DeliveredQty on a counted line is bad data.
  EXPECT_DATA_ERROR(call("OTIF", {a.table({{J, J, 5, -1}, {J, J, 5, 5}})}));
  EXPECT_DATA_ERROR(call("ONTIME", {a.table({{J, J, 5, -1}, {J, J, 5, 5}})}));
  EXPECT_DATA_ERROR(call("INFULL", {a.table({{J, J, 5, -1}, {J, J, 5, 5}})}));
  // ... also on a line outside the period or the segment: bad data in any row.
  EXPECT_DATA_ERROR(call("OTIF", {a.table({{J, J, 5, -1}, {J + 1, J + 1, 5, 5}}), {}, {}, a.num(J + 1)}));
  EXPECT_DATA_ERROR(call("OTIF", {a.table({{J, J, 5, -1}, {J + 1, J + 1, 5, 5}}), {}, {}, {}, a.num(J - 1)}));
  EXPECT_DATA_ERROR(
      call("OTIF", {a.table({{J, J, 5, -1}, {J, J, 5, 5}}), a.column({u"B", u"A"}), a.text(u"a")}));
  EXPECT_DATA_ERROR(
      call("ONTIME", {a.table({{J, J, 5, -1}, {J, J, 5, 5}}), a.column({u"B", u"A"}), a.text(u"a")}));
  EXPECT_DATA_ERROR(call("INFULL", {a.table({{J, J, 5, -1}, {J + 1, J + 1, 5, 5}}), {}, {}, a.num(J + 1)}));
  EXPECT_DATA_ERROR(call("INFULL", {a.table({{5, -1}, {5, 5}}), a.column({u"B", u"A"}), a.text(u"a")}));
  // ... and on a line without Due (not eligible, but its quantities are wrong).
  EXPECT_DATA_ERROR(call("OTIF", {a.table({{0, J, 5, -1}, {J, J, 5, 5}})}));
  // A line left out for OrderedQty <= 0 is not bad data, whatever its DeliveredQty.
  EXPECT_DOUBLE_EQ(number(call("OTIF", {a.table({{J, J, 0, -1}, {J, J, 5, 5}})})), 1.0);
  // ONTIME on Due, Delivered only does not read the quantities.
  EXPECT_DOUBLE_EQ(
      number(call("ONTIME",
                  {a.table({{J, J, 5, -1}, {J, J, 5, 5}}), {}, {}, {}, {}, {}, {}, a.row({1.0, 2.0})})),
      1.0);
  // An argument error is reported before bad data.
  EXPECT_ARG_ERROR(call("OTIF", {a.table({{J, J, 5, -1}}), {}, {}, {}, {}, a.num(-1)}));
  // No eligible line at all.
  EXPECT_NA(call("OTIF", {a.table({{0, J, 5, 5}, {J, J, 0, 0}})}));
}

// An ERP export: 1 order no, 2 customer no, 3 item, 4 price, 5 OrderedQty,
// 6 Due, 7 DeliveredQty, 8 Delivered.
std::vector<std::vector<double>> erpLines() {
  return {
      {4711, 1001, 77, 9.5, 10, J, 10, J},          // on time, full
      {4712, 1001, 77, 9.5, 10, J, 10, J + 3},      // late
      {4713, 1002, 78, 1.0, 20, J + 1, 15, J + 1},  // short
      {4714, 1002, 79, 2.0, 5, J + 2, 5, J + 2},    // on time, full
      {4715, 1003, 79, 2.0, 0, J + 2, 0, 0},        // nothing ordered
  };
}

TEST(Otif, ErpColumnMap) {
  Args a;
  EXPECT_DOUBLE_EQ(
      number(call("OTIF", {a.table(erpLines()), {}, {}, {}, {}, {}, {}, {}, a.row({6.0, 8.0, 5.0, 7.0})})),
      2.0 / 4);
  // The same positions as a column array.
  EXPECT_DOUBLE_EQ(
      number(call("OTIF", {a.table(erpLines()), {}, {}, {}, {}, {}, {}, {}, a.column({6.0, 8.0, 5.0, 7.0})})),
      2.0 / 4);
  // Segments by customer number; Segment as text.
  Arg customers = a.column({1001.0, 1001.0, 1002.0, 1002.0, 1003.0});
  EXPECT_DOUBLE_EQ(number(call("OTIF", {a.table(erpLines()),
                                        customers,
                                        a.text(u"1002"),
                                        {},
                                        {},
                                        {},
                                        {},
                                        {},
                                        a.row({6.0, 8.0, 5.0, 7.0})})),
                   1.0 / 2);
  EXPECT_DOUBLE_EQ(
      number(call("ONTIME", {a.table(erpLines()), {}, {}, {}, {}, {}, {}, a.row({6.0, 8.0, 5.0, 7.0})})),
      3.0 / 4);
  EXPECT_DOUBLE_EQ(
      number(call("INFULL", {a.table(erpLines()), {}, {}, {}, {}, {}, a.row({6.0, 8.0, 5.0, 7.0})})),
      3.0 / 4);
  // ONTIME with two positions reads Due, Delivered only: line 5 (nothing
  // ordered, not delivered) now counts as a failure.
  EXPECT_DOUBLE_EQ(number(call("ONTIME", {a.table(erpLines()), {}, {}, {}, {}, {}, {}, a.row({6.0, 8.0})})),
                   3.0 / 5);
  // INFULL with two positions reads OrderedQty, DeliveredQty.
  EXPECT_DOUBLE_EQ(number(call("INFULL", {a.table(erpLines()), {}, {}, {}, {}, {}, a.row({5.0, 7.0})})),
                   3.0 / 4);
}

TEST(Otif, ColumnsErrors) {
  Args a;
  auto otif = [&](Arg columns) {
    return call("OTIF", {a.table(erpLines()), {}, {}, {}, {}, {}, {}, {}, std::move(columns)});
  };
  EXPECT_ARG_ERROR(otif(a.row({6.0, 8.0, 5.0})));             // a field missing
  EXPECT_ARG_ERROR(otif(a.row({6.0, 8.0, 5.0, 7.0, 1.0})));   // one too many
  EXPECT_ARG_ERROR(otif(a.row({6.0, 8.0, 5.0, 9.0})));        // outside the table
  EXPECT_ARG_ERROR(otif(a.row({0.0, 8.0, 5.0, 7.0})));        // outside the table
  EXPECT_ARG_ERROR(otif(a.row({6.0, 8.0, 6.0, 7.0})));        // repeated
  EXPECT_ARG_ERROR(otif(a.row({6.0, 8.0, 5.0, 7.5})));        // not a whole number
  EXPECT_ARG_ERROR(otif(a.row({6.0, 8.0, 5.0, u"G"})));       // not a number
  EXPECT_ARG_ERROR(otif(a.block({{6.0, 8.0}, {5.0, 7.0}})));  // not a row or a column
  // Narrower than 4 columns without Columns.
  EXPECT_ARG_ERROR(call("OTIF", {a.table({{J, J, 1}})}));
}

TEST(Otif, Segments) {
  Args a;
  auto lines = [] {
    return std::vector<std::vector<double>>{
        {J, J, 1, 1},      // " acme\u00A0"  ok
        {J, J + 1, 1, 1},  // "ACME"        late
        {J, J, 1, 1},      // "Beta"        ok
        {J, J + 2, 1, 1},  // blank         late
        {J, J, 1, 1},      // 1001          ok
        {J, J, 1, 0},      // "1001"        short
        {J, J, 1, 1},      // "ÄRZTE"       ok
        {J, J, 1, 0},      // "ärzte"       short
    };
  };
  auto segs = [&] {
    return a.column({u" acme\u00A0", u"ACME", u"Beta", Args::empty(), 1001.0, u"1001", u"ÄRZTE", u"ärzte"});
  };
  auto otif = [&](Arg segment) { return call("OTIF", {a.table(lines()), segs(), std::move(segment)}); };
  EXPECT_DOUBLE_EQ(number(otif(a.text(u"acme"))), 0.5);
  EXPECT_DOUBLE_EQ(number(otif(a.text(u"ACME "))), 0.5);
  EXPECT_DOUBLE_EQ(number(otif(a.text(u"beta"))), 1.0);
  EXPECT_DOUBLE_EQ(number(otif(a.num(1001))), 0.5);
  EXPECT_DOUBLE_EQ(number(otif(a.text(u"1001"))), 0.5);
  EXPECT_DOUBLE_EQ(number(otif(a.text(u"Ärzte"))), 0.5);
  EXPECT_NA(otif(a.text(u"gamma")));
  // Not given: every line, blank segments too (4 of 8).
  EXPECT_DOUBLE_EQ(number(otif({})), 4.0 / 8);
  EXPECT_DOUBLE_EQ(number(otif(a.text(u""))), 4.0 / 8);
  // Errors.
  EXPECT_ARG_ERROR(call("OTIF", {a.table(lines()), a.column({u"a", u"b"}), a.text(u"a")}));
  EXPECT_ARG_ERROR(call("OTIF", {a.table(lines()), a.column({u"a", u"b"})}));
  EXPECT_ARG_ERROR(call("OTIF", {a.table(lines()), {}, a.text(u"acme")}));
  EXPECT_ARG_ERROR(call("OTIF", {a.table(lines()), segs(), a.column({u"acme", u"beta"})}));
  EXPECT_ARG_ERROR(call("OTIF", {a.table(lines()), a.block({{u"a", u"a"},
                                                            {u"a", u"a"},
                                                            {u"a", u"a"},
                                                            {u"a", u"a"},
                                                            {u"a", u"a"},
                                                            {u"a", u"a"},
                                                            {u"a", u"a"},
                                                            {u"a", u"a"}})}));
}

TEST(Otif, LinesRequired) {
  Args a;
  EXPECT_ARG_ERROR(call("OTIF", {}));
  EXPECT_ARG_ERROR(call("OTIF", {Arg::omitted(), a.column({u"a"})}));
}

TEST(Ontime, TwoColumnLayout) {
  Args a;
  // Due, Delivered: on time; late; no due (left out); not delivered.
  auto lines = [] { return std::vector<std::vector<double>>{{J, J}, {J, J + 1}, {0, J}, {J + 3, 0}}; };
  EXPECT_DOUBLE_EQ(number(call("ONTIME", {a.table(lines())})), 1.0 / 3);
  // To on the open line's due date: it is left out.
  EXPECT_DOUBLE_EQ(number(call("ONTIME", {a.table(lines()), {}, {}, {}, a.num(J + 3)})), 1.0 / 2);
  EXPECT_DOUBLE_EQ(number(call("ONTIME", {a.table(lines()), {}, {}, {}, {}, {}, a.num(1)})), 2.0 / 3);
  EXPECT_DOUBLE_EQ(number(call("ONTIME", {a.table(lines()), {}, {}, a.num(J + 1)})), 0.0);
  EXPECT_NA(call("ONTIME", {a.table({{0, J}})}));
}

TEST(Ontime, LayoutChoice) {
  Args a;
  // Four or more columns: the delivery layout, OTIF's lines (OrderedQty 0 left out).
  auto four = [] { return std::vector<std::vector<double>>{{J, J, 1, 1, 99}, {J, J + 1, 0, 0, 99}}; };
  EXPECT_DOUBLE_EQ(number(call("ONTIME", {a.table(four())})), 1.0);
  // The same table read as Due, Delivered only: both lines.
  EXPECT_DOUBLE_EQ(number(call("ONTIME", {a.table(four()), {}, {}, {}, {}, {}, {}, a.row({1.0, 2.0})})), 0.5);
  EXPECT_ARG_ERROR(call("ONTIME", {a.table({{J, J, 1}})}));
  EXPECT_ARG_ERROR(call("ONTIME", {a.table({{J}})}));
  EXPECT_ARG_ERROR(call("ONTIME", {a.table(four()), {}, {}, {}, {}, {}, {}, a.row({1.0, 2.0, 3.0})}));
  EXPECT_ARG_ERROR(call("ONTIME", {a.table(four()), {}, {}, {}, {}, {}, {}, a.row({1.0})}));
  EXPECT_ARG_ERROR(
      call("ONTIME", {a.table(four()), {}, {}, {}, {}, {}, {}, a.row({1.0, 2.0, 3.0, 4.0, 5.0})}));
  EXPECT_ARG_ERROR(call("ONTIME", {a.table(four()), {}, {}, {}, {}, {}, {}, a.row({1.0, 1.0})}));
  EXPECT_ARG_ERROR(call("ONTIME", {a.table(four()), {}, {}, {}, {}, {}, {}, a.row({1.0, 6.0})}));
  EXPECT_ARG_ERROR(call("ONTIME", {a.table(four()), {}, {}, {}, {}, a.num(-1)}));
}

TEST(Infull, TwoColumnLayout) {
  Args a;
  // OrderedQty, DeliveredQty: full; short; nothing ordered; credit line.
  auto lines = [] { return std::vector<std::vector<double>>{{10, 10}, {10, 9}, {0, 0}, {-3, 0}}; };
  EXPECT_DOUBLE_EQ(number(call("INFULL", {a.table(lines())})), 0.5);
  EXPECT_DOUBLE_EQ(number(call("INFULL", {a.table(lines()), {}, {}, {}, {}, a.num(0.1)})), 1.0);
  // No Due: a period is an error; an empty cell (0) is no bound.
  EXPECT_ARG_ERROR(call("INFULL", {a.table(lines()), {}, {}, a.num(J)}));
  EXPECT_ARG_ERROR(call("INFULL", {a.table(lines()), {}, {}, {}, a.text(u"2026-01-31")}));
  EXPECT_DOUBLE_EQ(number(call("INFULL", {a.table(lines()), {}, {}, a.num(0), a.text(u"")})), 0.5);
  EXPECT_DATA_ERROR(call("INFULL", {a.table({{10, -1}})}));
  EXPECT_ARG_ERROR(call("INFULL", {a.table({{10, 10, 1}})}));
  EXPECT_ARG_ERROR(call("INFULL", {a.table(lines()), {}, {}, {}, {}, a.num(2)}));
}

TEST(Infull, FourColumnsAgreeWithOtif) {
  Args a;
  // A line not yet delivered, due on To: left out by OTIF (LateDays 0) and so by INFULL.
  auto lines = [] { return std::vector<std::vector<double>>{{J + 5, 0, 10, 0}, {J, J + 9, 10, 10}}; };
  EXPECT_DOUBLE_EQ(number(call("INFULL", {a.table(lines()), {}, {}, {}, a.num(J + 5)})), 1.0);
  EXPECT_DOUBLE_EQ(number(call("OTIF", {a.table(lines()), {}, {}, {}, a.num(J + 5)})), 0.0);
  EXPECT_DOUBLE_EQ(number(call("INFULL", {a.table(lines())})), 0.5);
  EXPECT_DOUBLE_EQ(number(call("INFULL", {a.table(lines()), {}, {}, {}, a.num(J + 6)})), 0.5);
}

OutCell cellAt(const Matrix& m, std::size_t r, std::size_t c) {
  return m.at(r, c);
}
std::u16string str(const char16_t* s) {
  return s;
}

TEST(OtifBy, HandWorkedTable) {
  Args a;
  auto lines = [] {
    return std::vector<std::vector<double>>{
        {J, J, 1, 1},            // ACME ok
        {J, J + 1, 1, 1},        // acme late
        {J + 40, J + 40, 1, 1},  // Beta ok, outside [J, J+30]
        {J, J, 1, 1},            // blank ok
        {J, J, 0, 0},            // 7 not eligible
        {J, J, 1, 0},            // blank short
    };
  };
  Arg segs = a.column({u"ACME", u"acme", u"Beta", u" ", 7.0, Args::empty()});
  Value v = call("OTIFBY", {a.table(lines()), segs, a.num(J), a.num(J + 30)});
  ASSERT_TRUE(std::holds_alternative<Matrix>(v));
  const Matrix& m = std::get<Matrix>(v);
  ASSERT_EQ(m.cols, 6u);
  ASSERT_EQ(m.rows, 5u);  // 7, ACME, Beta, (blank), (all)
  std::vector<std::vector<OutCell>> expected = {
      {7.0, 1.0, 0.0, 0.0, 0.0, str(u"")},          {str(u"ACME"), 2.0, 2.0, 1.0, 2.0, 0.5},
      {str(u"Beta"), 1.0, 0.0, 0.0, 0.0, str(u"")}, {str(u"(blank)"), 2.0, 2.0, 1.0, 2.0, 0.5},
      {str(u"(all)"), 6.0, 4.0, 2.0, 4.0, 0.5},
  };
  for (std::size_t r = 0; r < m.rows; ++r)
    for (std::size_t c = 0; c < m.cols; ++c)
      EXPECT_EQ(cellAt(m, r, c), expected[r][c]) << "row " << r << " col " << c;
}

TEST(OtifBy, NoBlankRowWhenNoBlankSegment) {
  Args a;
  Value v = call("OTIFBY", {a.table({{J, J, 1, 1}, {J, J, 1, 0}}), a.column({u"b", u"a"})});
  const Matrix& m = std::get<Matrix>(v);
  ASSERT_EQ(m.rows, 3u);
  EXPECT_EQ(m.at(0, 0), OutCell(str(u"a")));
  EXPECT_EQ(m.at(0, 5), OutCell(0.0));
  EXPECT_EQ(m.at(1, 5), OutCell(1.0));
  EXPECT_EQ(m.at(2, 0), OutCell(str(u"(all)")));
  EXPECT_EQ(m.at(2, 5), OutCell(0.5));
}

TEST(OtifBy, Errors) {
  Args a;
  auto lines = [] { return std::vector<std::vector<double>>{{J, J, 1, 1}, {J, J, 1, -1}}; };
  EXPECT_ARG_ERROR(call("OTIFBY", {a.table(lines())}));
  EXPECT_ARG_ERROR(call("OTIFBY", {a.table(lines()), a.text(u"")}));
  EXPECT_ARG_ERROR(call("OTIFBY", {a.table(lines()), a.column({u"a"})}));
  EXPECT_ARG_ERROR(call("OTIFBY", {a.table({{J, J, 1, 1}}), a.column({u"a"}), {}, {}, {}, {}, a.num(3)}));
  EXPECT_ARG_ERROR(
      call("OTIFBY", {a.table({{J, J, 1, 1}}), a.column({u"a"}), {}, {}, {}, {}, {}, a.row({1.0, 2.0})}));
  // Bad data where OTIF without Segment would see it.
  EXPECT_DATA_ERROR(call("OTIFBY", {a.table(lines()), a.column({u"a", u"b"})}));
  // Also when the bad line is outside the period: bad data in any row, as OTIF with each Segment.
  EXPECT_DATA_ERROR(call("OTIFBY", {a.table(lines()), a.column({u"a", u"b"}), {}, a.num(J - 1)}));
  EXPECT_DATA_ERROR(call("OTIF", {a.table(lines()), a.column({u"a", u"b"}), a.text(u"a"), {}, a.num(J - 1)}));
}

// Equal to the base function with that Segment, on seeded random data.
TEST(OtifBy, EqualsOtifPerSegmentOnRandomData) {
  std::mt19937 rng(20260101);
  const std::vector<Args::In> pool = {u"ACME", u" acme",      u"Beta", u"BETA ", 1001.0,   u"1001", u"",
                                      u" ",    Args::empty(), u"Zulu", 7.0,      u"ärzte", u"ÄRZTE"};
  for (int round = 0; round < 6; ++round) {
    Args a;
    std::size_t n = 300 + round * 50;
    std::vector<std::vector<double>> lines;
    std::vector<Args::In> segValues;
    for (std::size_t i = 0; i < n; ++i) {
      double due = rng() % 8 == 0 ? 0 : J + rng() % 40 + (rng() % 4) * 0.25;
      double delivered = rng() % 6 == 0 ? 0 : (due == 0 ? J : due) + static_cast<int>(rng() % 9) - 4;
      double ordered = static_cast<int>(rng() % 12) - 1;
      double deliveredQty = ordered <= 0 ? 0 : ordered - static_cast<int>(rng() % 3) + 1;
      lines.push_back({due, delivered, ordered, deliveredQty});
      segValues.push_back(pool[rng() % pool.size()]);
    }
    Arg from = round % 2 ? a.num(J + 5) : Arg::omitted();
    Arg to = round % 3 ? a.num(J + 30) : Arg::omitted();
    Arg early = round >= 3 ? a.num(1) : Arg::omitted();
    Arg late = round % 2 ? a.num(2) : Arg::omitted();
    Arg tol = round >= 2 ? a.num(0.1) : Arg::omitted();
    Arg segs = a.column(segValues);
    Value v = call("OTIFBY", {a.table(lines), segs, from, to, early, late, tol});
    const Matrix& m = std::get<Matrix>(v);
    ASSERT_EQ(m.cols, 6u);
    std::size_t totalRows = 0;
    for (std::size_t r = 0; r < m.rows; ++r) {
      const OutCell& label = m.at(r, 0);
      bool all = label == OutCell(str(u"(all)"));
      bool blank = label == OutCell(str(u"(blank)"));
      Arg segment = std::holds_alternative<double>(label) ? a.num(std::get<double>(label))
                                                          : a.text(std::get<std::u16string>(label));
      Value base = (all || blank) ? call("OTIF", {a.table(lines), segs, {}, from, to, early, late, tol})
                                  : call("OTIF", {a.table(lines), segs, segment, from, to, early, late, tol});
      double used = std::get<double>(m.at(r, 2));
      double rows = std::get<double>(m.at(r, 1));
      EXPECT_EQ(std::get<double>(m.at(r, 4)), used);
      if (!all) totalRows += static_cast<std::size_t>(rows);
      if (blank) continue;  // no Segment selects the blank rows
      if (isNoValue(base)) {
        EXPECT_EQ(m.at(r, 5), OutCell(str(u""))) << "round " << round << " row " << r;
        EXPECT_EQ(used, 0.0);
      } else {
        EXPECT_EQ(m.at(r, 5), OutCell(number(base))) << "round " << round << " row " << r;
      }
      // Rows in the segment, counted here by key.
      std::size_t expectRows = 0;
      for (const Args::In& s : segValues) {
        std::u16string k = segmentKey(a.cell(s));
        std::u16string want = all ? k
                                  : segmentKey(a.cell(std::holds_alternative<double>(label)
                                                          ? Args::In(std::get<double>(label))
                                                          : Args::In(std::get<std::u16string>(label))));
        if (all || k == want) ++expectRows;
      }
      EXPECT_EQ(rows, static_cast<double>(expectRows));
    }
    EXPECT_EQ(totalRows, n);
    EXPECT_EQ(m.at(m.rows - 1, 1), OutCell(static_cast<double>(n)));
    // Segments: 7, 1001, acme, beta, zulu, ärzte, then (blank), (all).
    ASSERT_EQ(m.rows, 8u);
    EXPECT_EQ(m.at(0, 0), OutCell(7.0));
    EXPECT_EQ(m.at(6, 0), OutCell(str(u"(blank)")));
  }
}

TEST(DeliveryFunctions, Specs) {
  auto names = [](const FunctionSpec& f) {
    std::vector<std::string> out;
    for (const ArgSpec& s : f.args) out.emplace_back(s.name);
    return out;
  };
  auto fs = deliveryFunctions();
  ASSERT_EQ(fs.size(), 9u);
  EXPECT_EQ(fs[0].name, "OTIF");
  EXPECT_EQ(fs[1].name, "ONTIME");
  EXPECT_EQ(fs[2].name, "INFULL");
  EXPECT_EQ(fs[3].name, "OTIFBY");
  EXPECT_EQ(fs[4].name, "OTIFQTY");
  EXPECT_EQ(fs[5].name, "OTIFORDERS");
  EXPECT_EQ(fs[6].name, "OTIFREASONS");
  EXPECT_EQ(fs[7].name, "OTIFQTYBY");
  EXPECT_EQ(fs[8].name, "OTIFORDERSBY");
  // kpi-rules.md v4, "OTIF as a system of measures".
  EXPECT_EQ(names(fs[4]), (std::vector<std::string>{"Lines", "Segments", "Segment", "From", "To", "EarlyDays",
                                                    "LateDays", "Columns"}));
  EXPECT_EQ(names(fs[5]), (std::vector<std::string>{"Lines", "Orders", "Segments", "Segment", "From", "To",
                                                    "EarlyDays", "LateDays", "QtyTolerance", "Columns"}));
  EXPECT_EQ(names(fs[6]), names(fs[0]));
  EXPECT_TRUE(fs[5].args[1].required);
  EXPECT_EQ(names(fs[0]), (std::vector<std::string>{"Lines", "Segments", "Segment", "From", "To", "EarlyDays",
                                                    "LateDays", "QtyTolerance", "Columns"}));
  EXPECT_EQ(names(fs[1]), (std::vector<std::string>{"Lines", "Segments", "Segment", "From", "To", "EarlyDays",
                                                    "LateDays", "Columns"}));
  EXPECT_EQ(names(fs[2]), (std::vector<std::string>{"Lines", "Segments", "Segment", "From", "To",
                                                    "QtyTolerance", "Columns"}));
  EXPECT_EQ(names(fs[3]), (std::vector<std::string>{"Lines", "Segments", "From", "To", "EarlyDays",
                                                    "LateDays", "QtyTolerance", "Columns"}));
  for (const FunctionSpec& f : fs) {
    EXPECT_TRUE(f.needsDocument) << f.name;
    EXPECT_EQ(f.arrayResult, f.name.ends_with("BY") || f.name == "OTIFREASONS") << f.name;
    EXPECT_EQ(f.args[0].type, ArgType::Table);
    EXPECT_TRUE(f.args[0].required);
    for (std::size_t i = 1; i < f.args.size(); ++i) {
      EXPECT_EQ(f.args[i].type, ArgType::Any) << f.name << " " << f.args[i].name;
      const bool required =
          (f.name.ends_with("BY") && f.args[i].name == "Segments") || f.args[i].name == "Orders";
      EXPECT_EQ(f.args[i].required, required) << f.name;
    }
  }
}

}  // namespace
}  // namespace qkpi
