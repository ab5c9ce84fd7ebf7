// Robustness: every function of the table called with seeded random
// arguments of every shape (omitted, scalars, blocks, tables; empty cells,
// text, huge, negative, fractional and non-finite numbers, odd Unicode). The
// contract: a value, #N/A (NoValue), or one of the two documented errors —
// never another exception, a crash, or a hang.
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "kpi/function_table.h"
#include "test_util.h"

namespace qkpi {
namespace {

class RandomArgs {
 public:
  explicit RandomArgs(unsigned seed) : rng_(seed) {}

  double number() {
    static const double special[] = {0,     1,     -1,    0.5,    2,      20,     46023,  46023.625,
                                     1e9,   -1e9,  1e300, -1e300, 1e-300, 7,      11,     17,
                                     0.999, 1.001, 46387, 1462,   -46023, 100000, 2958465};
    switch (pick(4)) {
      case 0:
        return special[pick(std::size(special))];
      case 1:
        return std::uniform_real_distribution<double>(-1e6, 1e6)(rng_);
      case 2:
        return 46023 + static_cast<double>(pick(800)) - 400;  // dates around 2026
      default:
        return static_cast<double>(pick(40));
    }
  }
  std::u16string text() {
    static const std::u16string texts[] = {
        u"",          u" ",     u"\u00A0", u"ACME",   u"acme ",         u"1001",    u"Y",      u"no",
        u"TRUE",      u"maybe", u"higher", u"lower",  u"0000011",       u"1111111", u"000001", u"2026-12-25",
        u"2026-2-30", u"ÄRZTE", u"ς",      u"\xD800", u"=HYPERLINK(1)", u"(all)"};
    return texts[pick(std::size(texts))];
  }
  test::Args::In in() {
    switch (pick(3)) {
      case 0:
        return test::Args::empty();
      case 1:
        return number();
      default:
        return text();
    }
  }
  Arg any(test::Args& a, std::size_t tableRows) {
    switch (pick(6)) {
      case 0:
        return Arg::omitted();
      case 1:
        return a.num(number());
      case 2:
        return a.text(text());
      case 3: {  // a column as long as the table (Segments-like), sometimes off by one
        std::size_t n = tableRows + (pick(5) == 0 ? 1 : 0);
        std::vector<test::Args::In> v;
        for (std::size_t i = 0; i < n; ++i) v.push_back(in());
        return a.column(v);
      }
      case 4: {  // a short row array (Columns-like)
        std::vector<test::Args::In> v;
        for (std::size_t i = 0, n = pick(6); i < n; ++i)
          v.push_back(pick(3) ? test::Args::In(double(1 + pick(9))) : in());
        if (v.empty()) v.push_back(number());
        return a.row(v);
      }
      default: {  // a random block
        std::size_t rows = 1 + pick(5), cols = 1 + pick(4);
        std::vector<std::vector<test::Args::In>> b(rows);
        for (auto& r : b)
          for (std::size_t c = 0; c < cols; ++c) r.push_back(in());
        return a.block(b);
      }
    }
  }
  Arg table(test::Args& a, std::size_t rows) {
    std::size_t cols = pick(4) == 0 ? pick(10) : 1 + pick(8);
    std::vector<std::vector<double>> t(rows, std::vector<double>(cols));
    for (auto& r : t)
      for (auto& v : r) v = pick(4) == 0 ? 0 : number();
    return a.table(t);
  }
  std::size_t pick(std::size_t n) {
    return n ? std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_) : 0;
  }

 private:
  std::mt19937 rng_;
};

TEST(Robustness, EveryFunctionRejectsOrComputesRandomInput) {
  RandomArgs r(20261125);
  std::size_t values = 0, noValue = 0, argErrors = 0, dataErrors = 0;
  for (const FunctionSpec& f : functionTable()) {
    for (int round = 0; round < 400; ++round) {
      test::Args a;
      const std::size_t rows = r.pick(30);
      std::vector<Arg> args;
      for (const ArgSpec& spec : f.args)
        args.push_back(spec.type == ArgType::Table ? r.table(a, rows) : r.any(a, rows));
      Context ctx;
      ctx.nullDateOffset = r.pick(3) == 0 ? 1462 : 0;
      try {
        Value v = evaluate(f, ctx, args);
        if (std::holds_alternative<NoValue>(v))
          ++noValue;
        else
          ++values;
        if (const double* d = std::get_if<double>(&v)) {
          EXPECT_TRUE(std::isfinite(*d)) << f.name;
        }
      } catch (const ArgumentError&) {
        ++argErrors;
      } catch (const DataError&) {
        ++dataErrors;
      } catch (const std::exception& e) {
        ADD_FAILURE() << f.name << " round " << round << ": unexpected exception " << e.what();
      }
    }
  }
  // The random input must reach every outcome, or the test proves little.
  EXPECT_GT(values, 100u);
  EXPECT_GT(noValue, 10u);
  EXPECT_GT(argErrors, 100u);
  EXPECT_GT(dataErrors, 10u);
}

}  // namespace
}  // namespace qkpi
