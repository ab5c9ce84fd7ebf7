// RFT, RFTJOBS, RTY, RFTBY, RFTJOBSBY: hand-worked examples for every rule.
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

constexpr double J = 46023;  // 2026-01-01 with the default NullDate

std::u16string str(const char16_t* s) {
  return s;
}

// Good, Inspected, Date.
std::vector<std::vector<double>> counts() {
  return {
      {98, 100, J},     // 1
      {50, 50, J + 1},  // 2
      {0, 0, J + 2},    // 3 nothing inspected: left out
      {7, 0, J + 2},    // 4 Inspected blank: left out (Good alone is not checked)
      {0, 10, J + 3},   // 5 all bad
      {5, 5, 0},        // 6 no date
  };
}

TEST(Rft, SumOfGoodOverSumOfInspected) {
  Args a;
  EXPECT_DOUBLE_EQ(number(call("RFT", {a.table(counts())})), 153.0 / 165);
  // Date not needed without a period.
  EXPECT_DOUBLE_EQ(number(call("RFT", {a.table({{9, 10}, {10, 10}})})), 19.0 / 20);
}

TEST(Rft, Period) {
  Args a;
  EXPECT_DOUBLE_EQ(number(call("RFT", {a.table(counts()), {}, {}, a.num(J + 1)})), 50.0 / 60);
  EXPECT_DOUBLE_EQ(number(call("RFT", {a.table(counts()), {}, {}, a.num(J), a.num(J + 1)})), 148.0 / 150);
  EXPECT_DOUBLE_EQ(number(call("RFT", {a.table(counts()), {}, {}, {}, a.text(u"2026-01-01")})), 98.0 / 100);
  EXPECT_NA(call("RFT", {a.table(counts()), {}, {}, a.num(J + 2), a.num(J + 2)}));
  // A period needs a Date column.
  EXPECT_ARG_ERROR(call("RFT", {a.table({{9, 10}}), {}, {}, a.num(J)}));
  EXPECT_ARG_ERROR(call("RFT", {a.table(counts()), {}, {}, a.num(J), {}, a.row({1.0, 2.0})}));
  EXPECT_ARG_ERROR(call("RFT", {a.table(counts()), {}, {}, a.num(J + 2), a.num(J)}));
}

TEST(Rft, Columns) {
  Args a;
  // Date, Inspected, Good.
  auto t = [] { return std::vector<std::vector<double>>{{J, 100, 98}, {J + 1, 50, 50}, {J + 3, 10, 0}}; };
  EXPECT_DOUBLE_EQ(number(call("RFT", {a.table(t()), {}, {}, {}, {}, a.row({3.0, 2.0, 1.0})})), 148.0 / 160);
  EXPECT_DOUBLE_EQ(number(call("RFT", {a.table(t()), {}, {}, a.num(J + 1), {}, a.row({3.0, 2.0, 1.0})})),
                   50.0 / 60);
  // Date left out of Columns: fine without a period.
  EXPECT_DOUBLE_EQ(number(call("RFT", {a.table(t()), {}, {}, {}, {}, a.row({3.0, 2.0})})), 148.0 / 160);
  EXPECT_ARG_ERROR(call("RFT", {a.table(t()), {}, {}, {}, {}, a.row({3.0})}));
  EXPECT_ARG_ERROR(call("RFT", {a.table(t()), {}, {}, {}, {}, a.row({3.0, 2.0, 1.0, 1.0})}));
  EXPECT_ARG_ERROR(call("RFT", {a.table(t()), {}, {}, {}, {}, a.row({3.0, 3.0})}));
  EXPECT_ARG_ERROR(call("RFT", {a.table(t()), {}, {}, {}, {}, a.row({4.0, 2.0})}));
  EXPECT_ARG_ERROR(call("RFT", {a.table(t()), {}, {}, {}, {}, a.row({2.5, 1.0})}));
  EXPECT_ARG_ERROR(call("RFT", {a.table({{1}})}));
}

TEST(Rft, BadData) {
  Args a;
  EXPECT_DATA_ERROR(call("RFT", {a.table({{11, 10}, {1, 1}})}));    // Good > Inspected
  EXPECT_DATA_ERROR(call("RFT", {a.table({{-1, 10}, {1, 1}})}));    // Good < 0
  EXPECT_DATA_ERROR(call("RFT", {a.table({{0, -10}, {1, 1}})}));    // Inspected < 0
  EXPECT_DATA_ERROR(call("RFT", {a.table({{-11, -10}, {1, 1}})}));  // Inspected < 0
  // Exactly Good = Inspected is fine.
  EXPECT_DOUBLE_EQ(number(call("RFT", {a.table({{10, 10}})})), 1.0);
  // Bad data in any row, also outside the period or the segment.
  EXPECT_DATA_ERROR(call("RFT", {a.table({{11, 10, J}, {1, 2, J + 1}}), {}, {}, a.num(J + 1)}));
  EXPECT_DATA_ERROR(call("RFT", {a.table({{-1, 10, 0}, {1, 2, J + 1}}), {}, {}, a.num(J + 1)}));
  EXPECT_DATA_ERROR(
      call("RFT", {a.table({{11, 10, J}, {1, 2, J + 1}}), a.column({u"x", u"y"}), a.text(u"Y")}));
  EXPECT_DATA_ERROR(
      call("RFTBY", {a.table({{11, 10, J}, {1, 2, J + 1}}), a.column({u"x", u"y"}), a.num(J + 1)}));
  // A row with Inspected blank or 0 is left out, not checked, wherever it is.
  EXPECT_DOUBLE_EQ(
      number(call("RFT", {a.table({{7, 0, J}, {1, 2, J + 1}}), a.column({u"x", u"y"}), a.text(u"Y")})), 0.5);
  // An argument error is reported before bad data.
  EXPECT_ARG_ERROR(call("RFT", {a.table({{11, 10, J}}), {}, {}, a.num(J + 1), a.num(J)}));
  EXPECT_NA(call("RFT", {a.table({{0, 0}, {3, 0}})}));
}

TEST(Rft, Segments) {
  Args a;
  Arg segs = a.column({u"Werk Süd", u"WERK SÜD ", u"Nord", Args::empty(), 12.0, u"12"});
  auto rft = [&](Arg segment) { return call("RFT", {a.table(counts()), segs, std::move(segment)}); };
  EXPECT_DOUBLE_EQ(number(rft(a.text(u"werk süd"))), 148.0 / 150);
  EXPECT_NA(rft(a.text(u"Nord")));  // only row 3: nothing inspected
  EXPECT_DOUBLE_EQ(number(rft(a.num(12))), 5.0 / 15);
  EXPECT_DOUBLE_EQ(number(rft({})), 153.0 / 165);
  EXPECT_ARG_ERROR(call("RFT", {a.table(counts()), {}, a.text(u"Nord")}));
  EXPECT_ARG_ERROR(call("RFT", {a.table(counts()), a.column({u"a"})}));
}

// Outcome, Date.
Arg jobs(Args& a) {
  return a.block({
      {u"Y", J},              // 1 right
      {u"no", J + 1},         // 2 not
      {1.0, J},               // 3 right
      {0.0, J + 2},           // 4 not
      {u"TRUE", J},           // 5 right
      {u"false", J},          // 6 not
      {u" yes ", J + 1},      // 7 right
      {u"N", J + 1},          // 8 not
      {u"", J},               // 9 blank: left out
      {Args::empty(), J},     // 10 blank
      {u"YES", u""},          // 11 right, no date
      {u"y", u"2026-01-03"},  // 12 right, ISO text date = J+2
  });
}

TEST(RftJobs, Codes) {
  Args a;
  // Right: 1,3,5,7,11,12 = 6; not: 2,4,6,8 = 4.
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {jobs(a)})), 6.0 / 10);
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {a.column({u"Y", u"n", u"y", u"True"})})), 3.0 / 4);
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {a.text(u"Y")})), 1.0);
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {a.num(0)})), 0.0);
  EXPECT_NA(call("RFTJOBS", {a.column({u"", Args::empty(), u"  "})}));
  EXPECT_ARG_ERROR(call("RFTJOBS", {a.text(u"")}));
  EXPECT_ARG_ERROR(call("RFTJOBS", {}));
}

TEST(RftJobs, BadOutcomes) {
  Args a;
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.column({u"Y", u"maybe"})}));
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.column({u"Y", 2.0})}));
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.column({u"Y", 0.5})}));
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.column({u"Y", u"ja"})}));
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.column({u"Y", u"OK"})}));
  // Also when the row is outside the segment or the period: bad data in any row.
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.column({u"Y", u"maybe"}), a.column({u"a", u"b"}), a.text(u"A")}));
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.block({{u"Y", J}, {u"maybe", J + 5}}), {}, {}, {}, a.num(J)}));
  EXPECT_DATA_ERROR(
      call("RFTJOBSBY", {a.block({{u"Y", J}, {u"maybe", J + 5}}), a.column({u"a", u"b"}), {}, a.num(J)}));
}

TEST(RftJobs, PeriodHandWorked) {
  Args a;
  // From J+1: rows 2 (not), 4 (not), 7 (right), 8 (not), 12 (right); 11 has no date.
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {jobs(a), {}, {}, a.num(J + 1)})), 2.0 / 5);
  // [J, J]: 1,3,5,6 -> 3 of 4.
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {jobs(a), {}, {}, a.num(J), a.text(u"2026-01-01")})), 3.0 / 4);
  // A text date that is not a date: bad data.
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.block({{u"Y", u"soon"}}), {}, {}, a.num(J)}));
  // ... in any row: also without a period, in another segment, or with a blank outcome.
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.block({{u"Y", u"soon"}})}));
  EXPECT_DATA_ERROR(
      call("RFTJOBS", {a.block({{u"Y", J}, {u"N", u"soon"}}), a.column({u"a", u"b"}), a.text(u"a")}));
  EXPECT_DATA_ERROR(call("RFTJOBS", {a.block({{u"Y", J}, {u"", u"soon"}})}));
  EXPECT_DATA_ERROR(call("RFTJOBSBY", {a.block({{u"Y", J}, {u"N", u"soon"}}), a.column({u"a", u"b"})}));
  // A blank or white-space-only Date is no date (left out once a period is set), not bad data.
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {a.block({{u"Y", J}, {u"N", u"  "}, {u"", u""}})})), 0.5);
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {a.block({{u"Y", J}, {u"N", u"  "}}), {}, {}, a.num(J)})), 1.0);
  // A Date not in the layout (Columns without it) is not read.
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {a.block({{u"Y", u"soon"}}), {}, {}, {}, {}, a.row({1.0})})), 1.0);
  // A period without a Date column.
  EXPECT_ARG_ERROR(call("RFTJOBS", {a.column({u"Y"}), {}, {}, a.num(J)}));
}

TEST(RftJobs, Columns) {
  Args a;
  // Date, Customer, Outcome.
  Arg block = a.block({{J, u"A", u"Y"}, {J + 1.0, u"B", u"N"}, {J + 2.0, u"A", u"N"}});
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {block, {}, {}, {}, {}, a.row({3.0, 1.0})})), 1.0 / 3);
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {block, {}, {}, a.num(J + 1), {}, a.row({3.0, 1.0})})), 0.0);
  EXPECT_DOUBLE_EQ(number(call("RFTJOBS", {block, {}, {}, {}, {}, a.row({3.0})})), 1.0 / 3);
  // Without Columns the first column (a date serial) is the outcome: bad data.
  EXPECT_DATA_ERROR(call("RFTJOBS", {block}));
  EXPECT_ARG_ERROR(call("RFTJOBS", {block, {}, {}, {}, {}, a.row({4.0})}));
  EXPECT_ARG_ERROR(call("RFTJOBS", {block, {}, {}, {}, {}, a.row({3.0, 3.0})}));
  EXPECT_ARG_ERROR(call("RFTJOBS", {block, {}, {}, {}, {}, a.row({3.0, 1.0, 2.0})}));
  EXPECT_ARG_ERROR(call("RFTJOBS", {block, {}, {}, a.num(J), {}, a.row({3.0})}));
}

TEST(Rty, ProductOfYields) {
  Args a;
  EXPECT_DOUBLE_EQ(number(call("RTY", {a.column({0.9, 0.8, Args::empty(), u""})})), 0.72);
  EXPECT_DOUBLE_EQ(number(call("RTY", {a.row({0.5, 1.0, 0.5})})), 0.25);
  EXPECT_DOUBLE_EQ(number(call("RTY", {a.block({{0.9, 0.9}, {1.0, u" "}})})), 0.81);
  EXPECT_DOUBLE_EQ(number(call("RTY", {a.num(0.95)})), 0.95);
  EXPECT_DOUBLE_EQ(number(call("RTY", {a.num(0)})), 0.0);  // an empty cell arrives as 0
  EXPECT_DOUBLE_EQ(number(call("RTY", {a.column({0.0, 1.0})})), 0.0);
  EXPECT_NA(call("RTY", {a.column({Args::empty(), u""})}));
  EXPECT_DATA_ERROR(call("RTY", {a.column({0.9, 1.2})}));
  EXPECT_DATA_ERROR(call("RTY", {a.column({0.9, -0.1})}));
  EXPECT_DATA_ERROR(call("RTY", {a.column({0.9, u"95%"})}));
  EXPECT_ARG_ERROR(call("RTY", {}));
  EXPECT_ARG_ERROR(call("RTY", {a.text(u"")}));
}

TEST(RftBy, HandWorkedTable) {
  Args a;
  Arg segs = a.column({u"Werk Süd", u"WERK SÜD ", u"Nord", Args::empty(), 12.0, u"12"});
  Value v = call("RFTBY", {a.table(counts()), segs, {}, a.num(J + 2)});
  const Matrix& m = std::get<Matrix>(v);
  ASSERT_EQ(m.rows, 5u);
  ASSERT_EQ(m.cols, 6u);
  // Period to J+2: rows 1, 2 used (3, 4 not inspected; 5 after To; 6 no date).
  std::vector<std::vector<OutCell>> expected = {
      {12.0, 2.0, 0.0, 0.0, 0.0, str(u"")},  // rows 5, 6
      {str(u"Nord"), 1.0, 0.0, 0.0, 0.0, str(u"")},
      {str(u"Werk Süd"), 2.0, 2.0, 148.0, 150.0, 148.0 / 150},
      {str(u"(blank)"), 1.0, 0.0, 0.0, 0.0, str(u"")},
      {str(u"(all)"), 6.0, 2.0, 148.0, 150.0, 148.0 / 150},
  };
  for (std::size_t r = 0; r < m.rows; ++r)
    for (std::size_t c = 0; c < m.cols; ++c)
      EXPECT_EQ(m.at(r, c), expected[r][c]) << "row " << r << " col " << c;
  EXPECT_ARG_ERROR(call("RFTBY", {a.table(counts())}));
  EXPECT_ARG_ERROR(call("RFTBY", {a.table(counts()), a.column({u"a"})}));
  EXPECT_DATA_ERROR(call("RFTBY", {a.table({{3, 2}}), a.column({u"a"})}));
}

// The BY rows equal the base function with that Segment (random data).
void expectByEqualsBase(const char* by, const char* base, Args& a, const Arg& data, const Arg& segs, Arg from,
                        Arg to, std::size_t n) {
  Value v = call(by, {data, segs, from, to});
  const Matrix& m = std::get<Matrix>(v);
  ASSERT_EQ(m.cols, 6u);
  std::size_t rowsTotal = 0;
  for (std::size_t r = 0; r < m.rows; ++r) {
    const OutCell& label = m.at(r, 0);
    bool all = label == OutCell(str(u"(all)"));
    bool blank = label == OutCell(str(u"(blank)"));
    if (!all) rowsTotal += static_cast<std::size_t>(std::get<double>(m.at(r, 1)));
    if (blank) continue;
    Arg segment = all                                     ? Arg::omitted()
                  : std::holds_alternative<double>(label) ? a.num(std::get<double>(label))
                                                          : a.text(std::get<std::u16string>(label));
    Value b = call(base, {data, segs, segment, from, to});
    if (isNoValue(b)) {
      EXPECT_EQ(m.at(r, 5), OutCell(str(u""))) << by << " row " << r;
      EXPECT_EQ(m.at(r, 2), OutCell(0.0));
    } else {
      EXPECT_EQ(m.at(r, 5), OutCell(number(b))) << by << " row " << r;
      EXPECT_EQ(std::get<double>(m.at(r, 3)) / std::get<double>(m.at(r, 4)), number(b));
    }
  }
  EXPECT_EQ(rowsTotal, n);
  EXPECT_EQ(m.at(m.rows - 1, 1), OutCell(static_cast<double>(n)));
}

TEST(RftBy, EqualsRftPerSegmentOnRandomData) {
  std::mt19937 rng(99);
  const std::vector<Args::In> pool = {u"Kunde A", u"kunde a ",   u"Kunde B", 4711.0,  u"4711",
                                      u"",        Args::empty(), u"Ωmega",   u"ωMEGA"};
  for (int round = 0; round < 4; ++round) {
    Args a;
    std::size_t n = 400;
    std::vector<std::vector<double>> rows;
    std::vector<Args::In> segValues;
    for (std::size_t i = 0; i < n; ++i) {
      double inspected = rng() % 5 == 0 ? 0 : rng() % 200 + (rng() % 2) * 0.5;
      double good = inspected * (rng() % 101) / 100.0;
      double date = rng() % 10 == 0 ? 0 : J + rng() % 60;
      rows.push_back({good, inspected, date});
      segValues.push_back(pool[rng() % pool.size()]);
    }
    Arg from = round % 2 ? a.num(J + 10) : Arg::omitted();
    Arg to = round >= 2 ? a.text(u"2026-02-15") : Arg::omitted();
    expectByEqualsBase("RFTBY", "RFT", a, a.table(rows), a.column(segValues), from, to, n);
  }
}

TEST(RftJobsBy, EqualsRftJobsPerSegmentOnRandomData) {
  std::mt19937 rng(7);
  const std::vector<Args::In> pool = {u"Site 1", u"SITE 1", u"Site 2", 3.0, u"3", u" ", Args::empty()};
  const std::vector<Args::In> outcomes = {u"Y",     u"n", 1.0,           0.0,   u"TRUE",
                                          u"false", u"",  Args::empty(), u"yes"};
  for (int round = 0; round < 4; ++round) {
    Args a;
    std::size_t n = 300;
    std::vector<std::vector<Args::In>> block;
    std::vector<Args::In> segValues;
    for (std::size_t i = 0; i < n; ++i) {
      Args::In date = rng() % 10 == 0 ? Args::In(u"") : Args::In(J + rng() % 30);
      block.push_back({outcomes[rng() % outcomes.size()], date});
      segValues.push_back(pool[rng() % pool.size()]);
    }
    Arg from = round % 2 ? a.num(J + 5) : Arg::omitted();
    Arg to = round >= 2 ? a.num(J + 20) : Arg::omitted();
    expectByEqualsBase("RFTJOBSBY", "RFTJOBS", a, a.block(block), a.column(segValues), from, to, n);
  }
}

TEST(RftJobsBy, HandWorkedTable) {
  Args a;
  Arg block = a.block({{u"Y", J}, {u"N", J}, {u"", J}, {u"yes", J}, {u"no", J}});
  Value v = call("RFTJOBSBY", {block, a.column({u"A", u"a", u"b", u"", u"B"})});
  const Matrix& m = std::get<Matrix>(v);
  ASSERT_EQ(m.rows, 4u);
  std::vector<std::vector<OutCell>> expected = {
      {str(u"A"), 2.0, 2.0, 1.0, 2.0, 0.5},
      {str(u"b"), 2.0, 1.0, 0.0, 1.0, 0.0},
      {str(u"(blank)"), 1.0, 1.0, 1.0, 1.0, 1.0},
      {str(u"(all)"), 5.0, 4.0, 2.0, 4.0, 0.5},
  };
  for (std::size_t r = 0; r < m.rows; ++r)
    for (std::size_t c = 0; c < m.cols; ++c)
      EXPECT_EQ(m.at(r, c), expected[r][c]) << "row " << r << " col " << c;
  EXPECT_DATA_ERROR(call("RFTJOBSBY", {a.column({u"Y", u"?"}), a.column({u"a", u"b"})}));
  EXPECT_ARG_ERROR(call("RFTJOBSBY", {a.column({u"Y", u"N"}), a.column({u"a"})}));
}

TEST(QualityFunctions, Specs) {
  auto names = [](const FunctionSpec& f) {
    std::vector<std::string> out;
    for (const ArgSpec& s : f.args) out.emplace_back(s.name);
    return out;
  };
  auto fs = qualityFunctions();
  ASSERT_EQ(fs.size(), 5u);
  std::vector<std::string> fnames;
  for (const FunctionSpec& f : fs) fnames.emplace_back(f.name);
  EXPECT_EQ(fnames, (std::vector<std::string>{"RFT", "RFTJOBS", "RTY", "RFTBY", "RFTJOBSBY"}));
  EXPECT_EQ(names(fs[0]),
            (std::vector<std::string>{"Counts", "Segments", "Segment", "From", "To", "Columns"}));
  EXPECT_EQ(names(fs[1]), (std::vector<std::string>{"Jobs", "Segments", "Segment", "From", "To", "Columns"}));
  EXPECT_EQ(names(fs[2]), (std::vector<std::string>{"Yields"}));
  EXPECT_EQ(names(fs[3]), (std::vector<std::string>{"Counts", "Segments", "From", "To", "Columns"}));
  EXPECT_EQ(names(fs[4]), (std::vector<std::string>{"Jobs", "Segments", "From", "To", "Columns"}));
  EXPECT_EQ(fs[0].args[0].type, ArgType::Table);
  EXPECT_EQ(fs[3].args[0].type, ArgType::Table);
  EXPECT_EQ(fs[1].args[0].type, ArgType::Any);
  EXPECT_EQ(fs[2].args[0].type, ArgType::Any);
  EXPECT_FALSE(fs[2].needsDocument);
  for (std::size_t i : {0u, 1u, 3u, 4u}) EXPECT_TRUE(fs[i].needsDocument) << fs[i].name;
  for (std::size_t i = 0; i < fs.size(); ++i) EXPECT_EQ(fs[i].arrayResult, i >= 3) << fs[i].name;
  EXPECT_TRUE(fs[3].args[1].required);
  EXPECT_TRUE(fs[4].args[1].required);
  EXPECT_FALSE(fs[0].args[1].required);
}

}  // namespace
}  // namespace qkpi
