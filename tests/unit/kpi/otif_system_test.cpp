// OTIFQTY, OTIFORDERS, OTIFREASONS, OTIFQTYBY, OTIFORDERSBY (kpi-rules.md v4,
// "OTIF as a system of measures"): hand-worked examples for every rule, and
// agreement with OTIF on the same lines.
#include <random>
#include <string>
#include <vector>

#include "kpi/keys.h"
#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;
using test::call;
using test::number;

constexpr double J = 46023;  // 2026-01-01 with the default NullDate

Matrix matrix(const Value& v) {
  if (!std::holds_alternative<Matrix>(v)) throw std::logic_error("result is not an array");
  return std::get<Matrix>(v);
}
double num(const OutCell& c) {
  return std::get<double>(c);
}
std::u16string str(const OutCell& c) {
  return std::get<std::u16string>(c);
}

// Due, Delivered, OrderedQty, DeliveredQty: one line of every reason, plus two
// that are not eligible.
std::vector<std::vector<double>> reasonLines() {
  return {
      {J, J, 10, 10},          // 0 on time in full
      {J, J - 1, 10, 7},       // 1 short (on time: EarlyDays not given)
      {J, J + 2, 10, 10},      // 2 late
      {J, J + 3, 10, 4},       // 3 late and short
      {J + 10, J, 10, 12},     // 4 10 days early, over-delivered
      {J + 10, J + 1, 10, 9},  // 5 9 days early, short
      {J, 0, 10, 0},           // 6 not delivered
      {J, 0, 10, 10},          // 7 not delivered, quantity booked anyway
      {0, J, 10, 10},          // no Due: not eligible
      {J, J, 0, 5},            // OrderedQty 0: not eligible
  };
}

TEST(OtifQty, VolumeWeighted) {
  Args a;
  // Eligible: lines 0-7, ordered 80. On time (EarlyDays not given): 0, 1, 4, 5
  // adding min(delivered, ordered): 10 + 7 + 10 + 9 = 36.
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {a.table(reasonLines())})), 36.0 / 80);
  // EarlyDays 9: line 4 (10 days early) is early, line 5 (9 days) on time: 10 + 7 + 9.
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {a.table(reasonLines()), {}, {}, {}, {}, a.num(9)})), 26.0 / 80);
  // LateDays 2: line 2 on time now (+10).
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {a.table(reasonLines()), {}, {}, {}, {}, {}, a.num(2)})),
                   46.0 / 80);
}

TEST(OtifQty, ShortOnTimeAddsWhatArrived) {
  Args a;
  // 3 of 4 on time, 100 of 100 late: (3 + 0) / 104.
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {a.table({{J, J, 4, 3}, {J, J + 1, 100, 100}})})), 3.0 / 104);
  // Over-delivery counts up to the ordered quantity.
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {a.table({{J, J, 4, 40}})})), 1.0);
  // Not delivered with quantities: adds 0 (whatever DeliveredQty says).
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {a.table({{J, 0, 4, 4}, {J, J, 4, 4}})})), 0.5);
}

TEST(OtifQty, PeriodSegmentAndErrors) {
  Args a;
  auto t = a.table({{J, J, 10, 10}, {J + 5, J + 6, 30, 30}, {J + 40, 0, 50, 0}});
  auto segs = a.column({u"A", u"b", u" a "});
  // Segment "a": lines 0 and 2; To = J+30: line 2 is due after To, left out.
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {t, segs, a.text(u"A"), {}, a.num(J + 30)})), 1.0);
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {t, segs, a.text(u"A")})), 10.0 / 60);
  // Not yet late at To: left out, as OTIF.
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {t, {}, {}, {}, a.num(J + 40)})), 10.0 / 40);
  EXPECT_NA(call("OTIFQTY", {t, segs, a.text(u"nobody")}));
  EXPECT_NA(call("OTIFQTY", {a.table({{0, 0, 0, 0}})}));
  EXPECT_DATA_ERROR(call("OTIFQTY", {a.table({{J, J, 10, -1}})}));
  EXPECT_ARG_ERROR(call("OTIFQTY", {a.table({{J, J, 10}})}));
  // No QtyTolerance argument: Columns is the 8th.
  EXPECT_DOUBLE_EQ(
      number(
          call("OTIFQTY", {a.table({{10, 10, J, J}}), {}, {}, {}, {}, {}, {}, a.row({3.0, 4.0, 1.0, 2.0})})),
      1.0);
}

TEST(OtifOrders, AnOrderIsOtifOnlyWhenEveryLineIs) {
  Args a;
  auto t = a.table({
      {J, J, 10, 10},      // order 1001: OTIF
      {J, J, 5, 5},        // order 1001 (as text): OTIF -> order 1001 OTIF
      {J, J, 10, 10},      // order 1002: OTIF
      {J, J + 1, 10, 10},  // order 1002: late  -> order 1002 fails
      {J, J, 10, 9},       // order "B7": short -> fails
      {J, J, 10, 10},      // blank order: an order of its own, OTIF
      {J, J + 2, 10, 10},  // blank order: an order of its own, late
      {0, J, 10, 10},      // order 1003: no Due -> not eligible, no order
  });
  auto orders = a.column({1001.0, u"1001", 1002.0, 1002.0, u" b7", Args::empty(), u"  ", 1003.0});
  // Orders: 1001 (OTIF), 1002, B7, blank, blank (OTIF) -> 2 of 5.
  EXPECT_DOUBLE_EQ(number(call("OTIFORDERS", {t, orders})), 2.0 / 5);
  // LateDays 1: 1002 is OTIF too -> 3 of 5.
  EXPECT_DOUBLE_EQ(number(call("OTIFORDERS", {t, orders, {}, {}, {}, {}, {}, a.num(1)})), 3.0 / 5);
  // QtyTolerance 0.1: B7 (9 of 10) is in full -> 3 of 5.
  EXPECT_DOUBLE_EQ(number(call("OTIFORDERS", {t, orders, {}, {}, {}, {}, {}, {}, a.num(0.1)})), 3.0 / 5);
}

TEST(OtifOrders, FilteredLinesAreGroupedAfterTheFilter) {
  Args a;
  // Order 7 has a late line due in February: in January it is OTIF.
  auto t = a.table({{J, J, 1, 1}, {J + 40, J + 45, 1, 1}, {J + 3, 0, 1, 0}});
  auto orders = a.column({7.0, 7.0, 8.0});
  EXPECT_DOUBLE_EQ(number(call("OTIFORDERS", {t, orders})), 0.0);
  EXPECT_DOUBLE_EQ(number(call("OTIFORDERS", {t, orders, {}, {}, a.num(J), a.num(J + 30)})), 0.5);
  // To = J+3: order 8's line is not late yet, left out: one order, OTIF.
  EXPECT_DOUBLE_EQ(number(call("OTIFORDERS", {t, orders, {}, {}, a.num(J), a.num(J + 3)})), 1.0);
  // Segment filter: lines of other segments do not belong to the order here.
  auto segs = a.column({u"x", u"y", u"x"});
  EXPECT_DOUBLE_EQ(number(call("OTIFORDERS", {t, orders, segs, a.text(u"X")})), 0.5);
  EXPECT_DOUBLE_EQ(number(call("OTIFORDERS", {t, orders, segs, a.text(u"y")})), 0.0);
}

TEST(OtifOrders, Errors) {
  Args a;
  auto t = a.table({{J, J, 1, 1}, {J, J, 1, 1}});
  EXPECT_ARG_ERROR(call("OTIFORDERS", {t}));                                     // Orders required
  EXPECT_ARG_ERROR(call("OTIFORDERS", {t, a.text(u"")}));                        // not given
  EXPECT_ARG_ERROR(call("OTIFORDERS", {t, a.column({1.0})}));                    // too short
  EXPECT_ARG_ERROR(call("OTIFORDERS", {t, a.block({{1.0, 2.0}, {1.0, 2.0}})}));  // two columns
  EXPECT_NA(call("OTIFORDERS", {a.table({{J, J, 0, 1}}), a.num(5)}));
  EXPECT_DATA_ERROR(call("OTIFORDERS", {a.table({{J, J, 1, -1}, {J, J, 1, 1}}), a.column({1.0, 2.0})}));
}

TEST(OtifReasons, EveryLineInExactlyOneReason) {
  Args a;
  const Matrix m = matrix(call("OTIFREASONS", {a.table(reasonLines())}));
  ASSERT_EQ(m.rows, 8u);
  ASSERT_EQ(m.cols, 3u);
  const char16_t* names[] = {u"on time in full", u"short",           u"late",          u"late and short",
                             u"early",           u"early and short", u"not delivered", u"(all)"};
  // EarlyDays not given: lines 4 and 5 are on time (4 in full, 5 short).
  const double lines[] = {2, 2, 1, 1, 0, 0, 2, 8};
  for (std::size_t r = 0; r < 8; ++r) {
    EXPECT_EQ(str(m.at(r, 0)), names[r]);
    EXPECT_DOUBLE_EQ(num(m.at(r, 1)), lines[r]) << r;
    EXPECT_DOUBLE_EQ(num(m.at(r, 2)), lines[r] / 8) << r;
  }
  // EarlyDays 0: lines 1 (a day early, short), 4 and 5 are early.
  const Matrix e = matrix(call("OTIFREASONS", {a.table(reasonLines()), {}, {}, {}, {}, a.num(0)}));
  const double early[] = {1, 0, 1, 1, 1, 2, 2, 8};
  for (std::size_t r = 0; r < 8; ++r) EXPECT_DOUBLE_EQ(num(e.at(r, 1)), early[r]) << r;
  // The first share equals OTIF.
  EXPECT_DOUBLE_EQ(num(e.at(0, 2)), number(call("OTIF", {a.table(reasonLines()), {}, {}, {}, {}, a.num(0)})));
}

TEST(OtifReasons, NoEligibleLine) {
  Args a;
  const Matrix m = matrix(call("OTIFREASONS", {a.table({{0, J, 1, 1}})}));
  ASSERT_EQ(m.rows, 8u);
  for (std::size_t r = 0; r < 8; ++r) {
    EXPECT_DOUBLE_EQ(num(m.at(r, 1)), 0);
    EXPECT_EQ(str(m.at(r, 2)), u"");
  }
  EXPECT_DATA_ERROR(call("OTIFREASONS", {a.table({{J, J, 1, -2}})}));
  EXPECT_ARG_ERROR(call("OTIFREASONS", {a.table({{J, J, 1, 1}}), {}, a.text(u"x")}));
}

// Random tables: every BY row equals the base function with that Segment;
// OTIFREASONS' rows add up and its first share is OTIF; the order measures
// agree with a direct count.
TEST(OtifSystem, RandomAgreement) {
  std::mt19937 rng(7);
  for (int round = 0; round < 30; ++round) {
    Args a;
    std::vector<std::vector<double>> rows;
    std::vector<Args::In> segs, orders;
    std::uniform_int_distribution<int> day(-6, 6), qty(0, 6), pick(0, 9);
    const int n = 1 + round * 7;
    for (int i = 0; i < n; ++i) {
      double due = pick(rng) == 0 ? 0 : J + day(rng);
      double delivered = pick(rng) < 2 ? 0 : due + day(rng);
      double ordered = qty(rng), got = qty(rng);
      rows.push_back({due, delivered == 0 ? 0 : std::max(delivered, 1.0), ordered, got});
      const char16_t* names[] = {u"a", u"B", u"c", u" "};
      segs.emplace_back(std::u16string(names[pick(rng) % 4]));
      if (pick(rng) == 0)
        orders.emplace_back(Args::empty());
      else
        orders.emplace_back(static_cast<double>(pick(rng) % 5));
    }
    auto t = a.table(rows);
    auto s = a.column(segs);
    auto o = a.column(orders);
    Arg from = a.num(J - 3), to = a.num(J + 3), late = a.num(1), early = a.num(2), tol = a.num(0.2);

    const Matrix qby = matrix(call("OTIFQTYBY", {t, s, from, to, early, late}));
    const Matrix oby = matrix(call("OTIFORDERSBY", {t, o, s, from, to, early, late, tol}));
    ASSERT_EQ(qby.rows, oby.rows);
    for (std::size_t r = 0; r < qby.rows; ++r) {
      std::u16string label = std::holds_alternative<std::u16string>(qby.at(r, 0)) ? str(qby.at(r, 0)) : u"?";
      Arg seg = label == u"(all)" ? Arg() : a.text(label);
      if (label == u"(blank)") continue;  // no Segment value selects the blank rows
      Arg segsArg = label == u"(all)" ? Arg() : s;
      Value q = call("OTIFQTY", {t, segsArg, seg, from, to, early, late});
      Value ord = call("OTIFORDERS", {t, o, segsArg, seg, from, to, early, late, tol});
      if (test::isNoValue(q)) {
        EXPECT_EQ(str(qby.at(r, 5)), u"");
      } else {
        EXPECT_DOUBLE_EQ(num(qby.at(r, 5)), number(q));
      }
      if (test::isNoValue(ord)) {
        EXPECT_EQ(str(oby.at(r, 5)), u"");
      } else {
        EXPECT_DOUBLE_EQ(num(oby.at(r, 5)), number(ord)) << "round " << round << " row " << r;
      }
    }
    const Matrix rs = matrix(call("OTIFREASONS", {t, {}, {}, from, to, early, late, tol}));
    double sum = 0;
    for (std::size_t r = 0; r < 7; ++r) sum += num(rs.at(r, 1));
    EXPECT_DOUBLE_EQ(sum, num(rs.at(7, 1)));
    Value otif = call("OTIF", {t, {}, {}, from, to, early, late, tol});
    if (test::isNoValue(otif)) {
      EXPECT_DOUBLE_EQ(num(rs.at(7, 1)), 0);
    } else {
      EXPECT_DOUBLE_EQ(num(rs.at(0, 2)), number(otif));
    }
  }
}

TEST(RowKeys, NumbersTextsAndTheirMerging) {
  // 1001 and "1001" and " 1001 " are one order; -0 is 0; "a" and "A " are one; blanks have none.
  const std::u16string t1001 = u"1001", t1001s = u" 1001 ", ta = u"a", tA = u"A ", blank = u"  ";
  std::vector<Cell> cells = {Cell::of(7.0),
                             Cell::of(std::u16string_view(t1001)),
                             Cell::of(1001.0),
                             Cell::of(-0.0),
                             Cell::of(std::u16string_view(ta)),
                             Cell::of(0.0),
                             Cell::empty(),
                             Cell::of(std::u16string_view(tA)),
                             Cell::of(7.0),
                             Cell::of(std::u16string_view(blank)),
                             Cell::of(std::u16string_view(t1001s)),
                             Cell::of(2.5)};
  const Arg col = Arg::cells(cells.size(), 1, cells);
  RowKeys k(col, cells.size(), "Orders");
  auto id = [&](std::size_t r) { return k.idOfRow(r); };
  EXPECT_EQ(id(1), id(2));   // "1001" = 1001
  EXPECT_EQ(id(10), id(1));  // " 1001 "
  EXPECT_EQ(id(3), id(5));   // -0 = 0
  EXPECT_EQ(id(4), id(7));   // "a" = "A "
  EXPECT_EQ(id(0), id(8));
  EXPECT_EQ(id(6), RowKeys::kNone);
  EXPECT_EQ(id(9), RowKeys::kNone);
  const std::vector<int> distinct = {id(0), id(1), id(3), id(4), id(11)};
  for (std::size_t i = 0; i < distinct.size(); ++i)
    for (std::size_t j = i + 1; j < distinct.size(); ++j)
      EXPECT_NE(distinct[i], distinct[j]) << i << " " << j;
  for (std::size_t r = 0; r < cells.size(); ++r) {
    if (id(r) != RowKeys::kNone) {
      EXPECT_LT(static_cast<std::size_t>(id(r)), k.size());
    }
  }
  // many numbers in no order (the flat table grows): equal values, equal ids
  std::vector<Cell> many;
  for (int i = 0; i < 50000; ++i) many.push_back(Cell::of(static_cast<double>((i * 7919) % 20011)));
  RowKeys m(Arg::cells(many.size(), 1, many), many.size(), "Orders");
  std::vector<int> first(20011, -2);
  for (int i = 0; i < 50000; ++i) {
    int& f = first[static_cast<std::size_t>((i * 7919) % 20011)];
    if (f == -2) f = m.idOfRow(static_cast<std::size_t>(i));
    EXPECT_EQ(m.idOfRow(static_cast<std::size_t>(i)), f);
  }
  EXPECT_EQ(m.size(), 20011u);
}

}  // namespace
}  // namespace qkpi
