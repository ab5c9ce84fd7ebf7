// Explain (kpi/explain.h): the per-row judgements of the record functions,
// with hand-worked examples for every reason, and random cross-checks that
// the rows the explanation marks as failed are exactly those the function
// counts as failed (each row evaluated by the function alone).
#include <random>
#include <string>
#include <vector>

#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;
using test::call;
using test::number;

constexpr double J = 46023;  // 2026-01-01 with the default NullDate

RowJudgements explainCall(std::string_view name, std::vector<Arg> args) {
  const FunctionSpec* f = findFunction(name);
  if (!f) throw std::logic_error("no function");
  return explain(*f, Context{}, args);
}

// "status:reason" of every row, e.g. "F:late".
std::vector<std::string> summary(const RowJudgements& j) {
  std::vector<std::string> out;
  const char* code[] = {"S", "F", "C", "L", "O", "B"};
  for (std::size_t r = 0; r < j.rowCount(); ++r)
    out.push_back(std::string(code[static_cast<int>(j.status[r])]) + ":" + j.reasonOf(r));
  return out;
}

using Strings = std::vector<std::string>;

// Due, Delivered, OrderedQty, DeliveredQty: one line of every reason and
// every cause of being left out.
std::vector<std::vector<double>> deliveryLines() {
  return {
      {J, J, 10, 10},          // 0 on time in full
      {J, J - 1, 10, 7},       // 1 short
      {J, J + 2, 10, 10},      // 2 late (LateDays 1)
      {J, J + 3, 10, 4},       // 3 late and short
      {J + 5, J, 10, 12},      // 4 5 days early (EarlyDays 2), over-delivered
      {J + 5, J + 1, 10, 9},   // 5 4 days early, short
      {J, 0, 10, 0},           // 6 not delivered
      {0, J, 10, 10},          // 7 blank Due
      {J + 40, J + 40, 5, 5},  // 8 outside the period
      {J, J, 0, 0},            // 9 nothing ordered
      {J + 9, 0, 5, 0},        // 10 not late yet at To (Due + 1 >= To)
      {J, J, 10, 10},          // 11 another segment
  };
}

TEST(Explain, OtifEveryReason) {
  Args a;
  auto t = a.table(deliveryLines());
  auto segs = a.column({u"A", u"A", u"A", u"A", u"A", u"A", u"A", u"A", u"A", u"A", u"A", u"B"});
  RowJudgements j =
      explainCall("OTIF", {t, segs, a.text(u"a"), a.num(J - 10), a.num(J + 10), a.num(2), a.num(1), {}});
  EXPECT_EQ(summary(j),
            (Strings{"S:on time in full", "F:short", "F:late", "F:late and short", "F:early",
                     "F:early and short", "F:not delivered", "L:blank Due", "L:outside the period",
                     "L:nothing ordered", "L:not late yet at To", "O:other segment"}));
  JudgementCounts c = countJudgements(j);
  EXPECT_EQ(c.rows, 12u);
  EXPECT_EQ(c.eligible, 7u);
  EXPECT_EQ(c.succeeded, 1u);
  EXPECT_EQ(c.failed, 6u);
  EXPECT_EQ(c.otherSegment, 1u);
  EXPECT_EQ(c.leftOutTotal(), 4u);
  ASSERT_EQ(j.fields.size(), 4u);
  EXPECT_EQ(j.fields[0].first, "Due");
  EXPECT_EQ(j.detailName, "Days late");
  EXPECT_EQ(j.detail[2], 2);
  EXPECT_EQ(j.detail[4], -5);
  EXPECT_TRUE(std::isnan(j.detail[6]));
  // The function agrees: 1 of 7.
  Value v = call("OTIF", {t, segs, a.text(u"a"), a.num(J - 10), a.num(J + 10), a.num(2), a.num(1), {}});
  EXPECT_DOUBLE_EQ(number(v), 1.0 / 7);
}

TEST(Explain, OntimeInfullAndReasonsSameLines) {
  Args a;
  auto t = a.table(deliveryLines());
  RowJudgements on = explainCall("ONTIME", {t, {}, {}, a.num(J - 10), a.num(J + 10), a.num(2), a.num(1)});
  // ONTIME on the delivery layout: OTIF's lines and reasons; "short" is on time.
  EXPECT_EQ(on.status[1], RowStatus::Succeeded);
  EXPECT_EQ(on.reasonOf(1), "short");
  EXPECT_EQ(on.status[2], RowStatus::Failed);
  RowJudgements full = explainCall("INFULL", {t, {}, {}, a.num(J - 10), a.num(J + 10)});
  EXPECT_EQ(full.status[2], RowStatus::Succeeded);  // late but in full
  EXPECT_EQ(full.status[1], RowStatus::Failed);
  RowJudgements rs =
      explainCall("OTIFREASONS", {t, {}, {}, a.num(J - 10), a.num(J + 10), a.num(2), a.num(1), {}});
  EXPECT_EQ(rs.reasonOf(5), "early and short");
  // Two-column layouts: the half of the reason the layout has.
  auto dates = a.table({{J, J + 1}, {J, 0}, {J, J}});
  RowJudgements d = explainCall("ONTIME", {dates});
  EXPECT_EQ(summary(d), (Strings{"F:late", "F:not delivered", "S:on time"}));
  auto qty = a.table({{10, 9}, {10, 10}, {0, 0}});
  RowJudgements q = explainCall("INFULL", {qty});
  EXPECT_EQ(summary(q), (Strings{"F:short", "S:in full", "L:nothing ordered"}));
}

TEST(Explain, EveryBadRowListed) {
  Args a;
  auto t = a.table({{J, J, 10, -1}, {J, J, 10, 10}, {J, J, 10, -2}, {J, J, 1e9, 1}});
  auto segs = a.column({u"x", u"y", u"y", u"x"});
  // Bad data in every row whatever the segment, as the function reports it.
  EXPECT_DATA_ERROR(call("OTIF", {t, segs, a.text(u"y")}));
  RowJudgements j = explainCall("OTIF", {t, segs, a.text(u"y")});
  ASSERT_EQ(j.badData.size(), 2u);
  EXPECT_EQ(j.badData[0].first, 0u);
  EXPECT_EQ(j.badData[1].first, 2u);
  EXPECT_NE(j.badData[1].second.find("row 3"), std::string::npos);
  EXPECT_EQ(j.status[1], RowStatus::Succeeded);
  EXPECT_EQ(j.status[3], RowStatus::OtherSegment);
  EXPECT_EQ(countJudgements(j).badData, 2u);
}

TEST(Explain, OtifOrders) {
  Args a;
  // Order 1001: one late line -> both of its lines fail; order "1001 " is the same order.
  // Order 7: all lines OTIF. A blank order key is an order of its own.
  auto t = a.table({{J, J, 5, 5}, {J, J + 2, 5, 5}, {J, J, 5, 5}, {J, J, 5, 5}, {J, J + 1, 5, 5}});
  auto orders = a.column({1001.0, u"1001 ", 7.0, 7.0, Args::empty()});
  RowJudgements j = explainCall("OTIFORDERS", {t, orders});
  EXPECT_EQ(summary(j), (Strings{"F:another line of the order failed", "F:late", "S:on time in full",
                                 "S:on time in full", "F:late"}));
  ASSERT_EQ(j.totals.size(), 2u);
  EXPECT_EQ(j.totals[0].second, 1);  // order 7
  EXPECT_EQ(j.totals[1].second, 3);  // 1001, 7, the blank one
  EXPECT_DOUBLE_EQ(number(call("OTIFORDERS", {t, orders})), 1.0 / 3);
}

TEST(Explain, OtifQty) {
  Args a;
  auto t = a.table({{J, J, 10, 7}, {J, J, 10, 12}, {J, J + 1, 10, 10}});
  RowJudgements j = explainCall("OTIFQTY", {t});
  EXPECT_EQ(summary(j), (Strings{"F:short", "S:on time in full", "F:late"}));
  ASSERT_EQ(j.totals.size(), 2u);
  EXPECT_EQ(j.totals[0].second, 17);  // 7 + 10 (over-delivery counts up to ordered)
  EXPECT_EQ(j.totals[1].second, 30);
  EXPECT_DOUBLE_EQ(number(call("OTIFQTY", {t})), 17.0 / 30);
}

TEST(Explain, Rft) {
  Args a;
  // Good, Inspected, Date
  auto t = a.table({{10, 10, J}, {8, 10, J}, {0, 0, J}, {5, 5, 0}, {5, 5, J + 100}, {3, 2, J}, {5, 6, J}});
  auto segs = a.column({u"a", u"a", u"a", u"a", u"a", u"a", u"b"});
  RowJudgements j = explainCall("RFT", {t, segs, a.text(u"A"), a.num(J), a.num(J + 10)});
  EXPECT_EQ(summary(j), (Strings{"S:all good", "F:not all good", "L:inspected blank or 0", "L:blank Date",
                                 "L:outside the period", "B:bad data", "O:other segment"}));
  EXPECT_EQ(j.detail[1], 2);
  ASSERT_EQ(j.badData.size(), 1u);
  EXPECT_NE(j.badData[0].second.find("Good is greater than Inspected"), std::string::npos);
  EXPECT_EQ(j.totals[0].second, 18);
  EXPECT_EQ(j.totals[1].second, 20);
}

TEST(Explain, RftJobs) {
  Args a;
  auto jobs = a.block(
      {{u"Y", J}, {0.0, J}, {Args::empty(), J}, {u"yes", Args::empty()}, {1.0, J + 50}, {u"maybe", J}});
  RowJudgements j = explainCall("RFTJOBS", {jobs, {}, {}, a.num(J), a.num(J + 10)});
  EXPECT_EQ(summary(j), (Strings{"S:right first time", "F:not right first time", "L:blank Outcome",
                                 "L:blank Date", "L:outside the period", "B:bad data"}));
}

TEST(Explain, Returns) {
  Args a;
  auto t = a.table({{J, 100}, {0, 0}, {0, 50}, {J + 99, 10}, {J, 5}});
  auto segs = a.column({u"s", u"s", u"s", u"s", u"t"});
  RowJudgements j = explainCall("RETURNS", {t, segs, a.text(u"s"), a.num(J), a.num(J + 10)});
  EXPECT_EQ(summary(j), (Strings{"C:return counted", "L:blank row", "L:blank Date", "L:outside the period",
                                 "O:other segment"}));
  EXPECT_EQ(j.totals[0].second, 100);
  EXPECT_EQ(countJudgements(j).eligible, 1u);
}

TEST(Explain, Turnaround) {
  Args a;
  // Received, Closed; J = Thursday 2026-01-01. Days 2, AsOf J + 14.
  auto t = a.table({
      {J, J + 1},   // 0 1 working day: within
      {J, J + 7},   // 1 5 working days: over
      {J, 0},       // 2 open at AsOf, 10 working days: still open and late
      {J + 13, 0},  // 3 open, 1 working day: not late yet
      {0, 0},       // 4 blank Received
      {J - 40, 0},  // 5 outside the period
      {J + 20, 0},  // 6 in the period but received after AsOf
      {0, J},       // 7 bad: Closed without Received
      {J, J - 1},   // 8 bad: Closed before Received
  });
  RowJudgements j =
      explainCall("TURNAROUND", {t, {}, {}, a.num(J - 5), a.num(J + 30), a.num(2), {}, {}, a.num(J + 14)});
  EXPECT_EQ(summary(j), (Strings{"S:within 2 working days", "F:over 2 working days", "F:still open and late",
                                 "L:open, not late yet", "L:blank Received", "L:outside the period",
                                 "L:received after AsOf", "B:bad data", "B:bad data"}));
  EXPECT_EQ(j.detail[1], 5);
  EXPECT_EQ(j.badData.size(), 2u);
  // Without AsOf, an open row is left out.
  auto open = a.table({{J, 0}});
  EXPECT_EQ(summary(explainCall("TURNAROUND", {open})), (Strings{"L:still open"}));
}

TEST(Explain, TurnaroundDays) {
  Args a;
  // 10 closed rows taking 1..10 working days (J Thursday; J + k*... keep simple: weekend none).
  std::vector<std::vector<double>> rows;
  for (int k = 1; k <= 10; ++k) rows.push_back({J, J + k});
  rows.push_back({J, 0});  // open
  auto t = a.table(rows);
  Arg noWeekend = a.text(u"0000000");
  RowJudgements j = explainCall("TURNAROUNDDAYS", {t, {}, {}, {}, {}, a.num(0.9), noWeekend});
  EXPECT_DOUBLE_EQ(number(call("TURNAROUNDDAYS", {t, {}, {}, {}, {}, a.num(0.9), noWeekend})), 9);
  JudgementCounts c = countJudgements(j);
  EXPECT_EQ(c.succeeded, 9u);
  EXPECT_EQ(c.failed, 1u);
  EXPECT_EQ(j.reasonOf(9), "over 9 working days");
  EXPECT_EQ(j.reasonOf(10), "still open");
  EXPECT_EQ(j.totals.back().second, 9);
}

TEST(Explain, NotForOtherFunctions) {
  Args a;
  EXPECT_EQ(findFunction("KPISTATUS")->explain, nullptr);
  EXPECT_EQ(findFunction("OTIFBY")->explain, nullptr);
  EXPECT_ARG_ERROR(explainCall("RTY", {a.num(1)}));
  // Argument errors as the function gives them.
  EXPECT_ARG_ERROR(explainCall("OTIF", {a.table({{J, J}})}));
}

// One row alone, through the function: 1 succeeded, 0 failed, NoValue left
// out, a DataError bad data; the judgement of that row must say the same.
void expectSameAsFunction(std::string_view name, const RowJudgements& j, std::size_t row, const Value* v,
                          bool bad, int round) {
  SCOPED_TRACE(std::string(name) + " round " + std::to_string(round) + " row " + std::to_string(row));
  RowStatus s = j.status[row];
  if (bad) {
    EXPECT_EQ(s, RowStatus::BadData);
  } else if (test::isNoValue(*v)) {
    EXPECT_TRUE(s == RowStatus::LeftOut || s == RowStatus::OtherSegment) << j.reasonOf(row);
  } else if (number(*v) == 1) {
    EXPECT_EQ(s, RowStatus::Succeeded) << j.reasonOf(row);
  } else {
    EXPECT_EQ(s, RowStatus::Failed) << j.reasonOf(row);
  }
}

TEST(Explain, RandomAgreementDelivery) {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> day(-6, 6), qty(-1, 6), pick(0, 9);
  for (int round = 0; round < 20; ++round) {
    Args a;
    std::vector<std::vector<double>> rows;
    std::vector<Args::In> segs;
    const int n = 1 + round * 9;
    for (int i = 0; i < n; ++i) {
      double due = pick(rng) == 0 ? 0 : J + day(rng);
      double delivered = pick(rng) < 2 ? 0 : J + day(rng);
      rows.push_back({due, delivered, static_cast<double>(qty(rng)), static_cast<double>(qty(rng))});
      segs.emplace_back(std::u16string(pick(rng) < 5 ? u"a" : u"b"));
    }
    auto t = a.table(rows);
    auto s = a.column(segs);
    Arg seg = a.text(u"a"), from = a.num(J - 4), to = a.num(J + 3), early = a.num(2), late = a.num(1),
        tol = a.num(0.2);
    for (std::string_view name : {"OTIF", "ONTIME", "INFULL", "OTIFQTY", "OTIFREASONS"}) {
      auto args = [&](const Arg& tab, const Arg& sg, const Arg& sv) -> std::vector<Arg> {
        if (name == "ONTIME") return {tab, sg, sv, from, to, early, late};
        if (name == "INFULL") return {tab, sg, sv, from, to, tol};
        if (name == "OTIFQTY") return {tab, sg, sv, from, to, early, late};
        return {tab, sg, sv, from, to, early, late, tol};
      };
      RowJudgements j = explainCall(name, args(t, s, seg));
      for (std::size_t r = 0; r < rows.size(); ++r) {
        Args one;
        auto t1 = one.table({rows[r]});
        auto s1 = one.column({segs[r]});
        bool bad = false;
        Value v;
        try {
          // OTIFQTY / OTIFREASONS: OTIF's line judgement on one line.
          std::string_view fn = name == "OTIFQTY" || name == "OTIFREASONS" ? "OTIF" : name;
          std::vector<Arg> a1 = args(t1, s1, seg);
          if (name == "OTIFQTY") a1.push_back(a.num(0));  // OTIF with QtyTolerance 0
          v = call(fn, a1);
        } catch (const DataError&) {
          bad = true;
        }
        expectSameAsFunction(name, j, r, &v, bad, round);
      }
      // The counts give the function's value.
      bool anyBad = countJudgements(j).badData > 0;
      if (name == "OTIF" && !anyBad) {
        JudgementCounts c = countJudgements(j);
        Value whole = call("OTIF", args(t, s, seg));
        if (c.eligible == 0)
          EXPECT_NA(whole);
        else
          EXPECT_DOUBLE_EQ(number(whole), static_cast<double>(c.succeeded) / static_cast<double>(c.eligible));
      }
    }
  }
}

TEST(Explain, RandomAgreementOthers) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> day(-8, 8), small(0, 6), pick(0, 9);
  for (int round = 0; round < 20; ++round) {
    Args a;
    const int n = 1 + round * 7;
    std::vector<std::vector<double>> rft, tr;
    for (int i = 0; i < n; ++i) {
      double insp = small(rng), good = insp - (pick(rng) < 3 ? small(rng) : 0);
      rft.push_back({good, insp, pick(rng) == 0 ? 0 : J + day(rng)});
      double rec = pick(rng) == 0 ? 0 : J + day(rng);
      double closed = pick(rng) < 3 ? 0 : rec + small(rng) * (pick(rng) == 0 ? -1 : 1);
      tr.push_back({rec, closed});
    }
    auto rt = a.table(rft);
    auto tt = a.table(tr);
    Arg from = a.num(J - 5), to = a.num(J + 5), days = a.num(2), asOf = a.num(J + 6);
    RowJudgements jr = explainCall("RFT", {rt, {}, {}, from, to});
    RowJudgements jt = explainCall("TURNAROUND", {tt, {}, {}, from, to, days, {}, {}, asOf});
    for (std::size_t r = 0; r < rft.size(); ++r) {
      Args one;
      bool bad = false;
      Value v;
      try {
        v = call("RFT", {one.table({rft[r]}), {}, {}, from, to});
        if (std::holds_alternative<double>(v) && number(v) < 1) v = 0.0;  // some not good: failed
      } catch (const DataError&) {
        bad = true;
      }
      expectSameAsFunction("RFT", jr, r, &v, bad, round);
      bad = false;
      try {
        v = call("TURNAROUND", {one.table({tr[r]}), {}, {}, from, to, days, {}, {}, asOf});
      } catch (const DataError&) {
        bad = true;
      }
      expectSameAsFunction("TURNAROUND", jt, r, &v, bad, round);
    }
  }
}

}  // namespace
}  // namespace qkpi
