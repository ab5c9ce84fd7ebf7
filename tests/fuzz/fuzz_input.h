// Shared helpers of the libFuzzer targets: Calc-shaped arguments (the shapes
// the add-in hands to src/core/kpi) built from the fuzzer's bytes, with their
// storage owned for one run. The values lean towards the interesting ones:
// dates around 2026, 0 (blank), huge and non-finite numbers, segment-like and
// ISO-like texts.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <deque>
#include <limits>
#include <string>
#include <vector>

#include "kpi/value.h"

namespace qkpi::fuzz {

class Input {
 public:
  explicit Input(FuzzedDataProvider& p) : p_(p) {}

  double number() {
    static const double special[] = {0,
                                     1,
                                     -1,
                                     0.5,
                                     2,
                                     20,
                                     46023,
                                     46387,
                                     46023.625,
                                     1462,
                                     7,
                                     11,
                                     17,
                                     0.9,
                                     1e9,
                                     -1e9,
                                     1e19,
                                     -9e18,
                                     1e300,
                                     -1e300,
                                     1e-300,
                                     2958465,
                                     2958466,
                                     -693594,
                                     std::numeric_limits<double>::infinity(),
                                     std::numeric_limits<double>::quiet_NaN(),
                                     std::numeric_limits<double>::max()};
    switch (p_.ConsumeIntegralInRange<int>(0, 3)) {
      case 0:
        return special[p_.ConsumeIntegralInRange<std::size_t>(0, std::size(special) - 1)];
      case 1:
        return 46023 + p_.ConsumeIntegralInRange<int>(-400, 400);
      case 2:
        return p_.ConsumeIntegralInRange<int>(0, 40);
      default:
        return p_.ConsumeFloatingPoint<double>();
    }
  }

  std::u16string text() {
    static const char16_t* const texts[] = {
        u"",           u" ",          u"\u00A0",     u"ACME",        u"acme ",
        u"1001",       u"Y",          u"no",         u"TRUE",        u"higher",
        u"lower",      u"0000011",    u"1111111",    u"2026-12-25",  u"2026-2-30",
        u"9999-12-31", u"0001-01-01", u"\u00C4RZTE", u"M\u00FCller", u"Mu\u0308ller",
        u"\u0130",     u"\u0131",     u"\xD800",     u"(all)",       u"=HYPERLINK(1)"};
    if (p_.ConsumeBool()) return texts[p_.ConsumeIntegralInRange<std::size_t>(0, std::size(texts) - 1)];
    std::u16string s;
    for (std::size_t n = p_.ConsumeIntegralInRange<std::size_t>(0, 12); n > 0; --n)
      s.push_back(p_.ConsumeIntegral<char16_t>());
    return s;
  }

  Cell cell() {
    switch (p_.ConsumeIntegralInRange<int>(0, 2)) {
      case 0:
        return Cell::empty();
      case 1:
        return Cell::of(number());
      default:
        return Cell::of(std::u16string_view(keep(text())));
    }
  }

  // An `any` argument: omitted, one value, a column as long as the table, a
  // short row (Columns-like) or a random block.
  Arg any(std::size_t tableRows) {
    switch (p_.ConsumeIntegralInRange<int>(0, 5)) {
      case 0:
        return Arg::omitted();
      case 1:
        return Arg::scalar(Cell::of(number()));
      case 2:
        return Arg::scalar(Cell::of(std::u16string_view(keep(text()))));
      case 3: {
        std::size_t n = tableRows + (p_.ConsumeIntegralInRange<int>(0, 4) == 0 ? 1 : 0);
        return block(n, 1);
      }
      case 4: {
        std::vector<Cell> v;
        for (std::size_t n = p_.ConsumeIntegralInRange<std::size_t>(1, 6); n > 0; --n)
          v.push_back(p_.ConsumeBool() ? Cell::of(double(p_.ConsumeIntegralInRange<int>(0, 9))) : cell());
        std::size_t n = v.size();
        return Arg::cells(1, n, std::move(v));
      }
      default:
        return block(p_.ConsumeIntegralInRange<std::size_t>(1, 5),
                     p_.ConsumeIntegralInRange<std::size_t>(1, 4));
    }
  }

  // A numeric table (the sequence<sequence<double>> fast path).
  Arg table(std::size_t rows) {
    std::size_t cols = p_.ConsumeIntegralInRange<std::size_t>(0, 8);
    auto& data = tables_.emplace_back(rows, std::vector<double>(cols));
    for (auto& r : data)
      for (auto& v : r) v = p_.ConsumeIntegralInRange<int>(0, 3) == 0 ? 0 : number();
    auto& ptrs = rowPtrs_.emplace_back();
    for (auto& r : data) ptrs.push_back(r.data());
    return Arg::table(NumTable{ptrs, cols});
  }

  FuzzedDataProvider& provider() { return p_; }

 private:
  Arg block(std::size_t rows, std::size_t cols) {
    std::vector<Cell> v;
    for (std::size_t i = 0; i < rows * cols; ++i) v.push_back(cell());
    return Arg::cells(rows, cols, std::move(v));
  }
  const std::u16string& keep(std::u16string s) { return texts_.emplace_back(std::move(s)); }

  FuzzedDataProvider& p_;
  std::deque<std::u16string> texts_;
  std::deque<std::vector<std::vector<double>>> tables_;
  std::deque<std::vector<const double*>> rowPtrs_;
};

}  // namespace qkpi::fuzz
