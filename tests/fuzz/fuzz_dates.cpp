// The one date module: ISO text in UTF-8 and UTF-16 follows one rule and
// round-trips; serial <-> civil date round-trips; weekdays repeat every 7
// days; month arithmetic lands on the first of a month.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "kpi/dates.h"

namespace d = qkpi::dates;

static void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "dates: %s\n", what);
    std::abort();
  }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider p(data, size);
  std::string u8 = p.ConsumeRandomLengthString(40);
  std::u16string u16(u8.begin(), u8.end());  // byte-wise widening: same ASCII text
  auto a = d::parseIso(std::string_view(u8));
  bool ascii = true;
  for (unsigned char c : u8) ascii = ascii && c < 0x80;
  if (ascii)
    check(a.has_value() == d::parseIso(std::u16string_view(u16)).has_value(), "UTF-8 and UTF-16 disagree");
  if (a) {
    check(a->ok(), "parsed an invalid day");
    check(int(a->year()) >= 1 && int(a->year()) <= 9999, "year out of range");
    auto again = d::parseIso(std::string_view(d::isoText(*a)));
    check(again && *again == *a, "isoText does not round-trip");
  }
  // Serials within Calc's date range.
  const long s = p.ConsumeIntegralInRange<long>(-700000, 3000000);
  const long off = p.ConsumeBool() ? 0 : 1462;
  check(d::serial(d::civil(s, off), off) == s, "serial does not round-trip");
  check(d::weekday(s, off) == d::weekday(s + 7, off), "weekday period");
  check(d::weekday(s, off) >= 0 && d::weekday(s, off) <= 6, "weekday range");
  const long first = d::firstOfMonth(s, off);
  check(first <= s && s <= d::lastOfMonth(s, off), "month bounds");
  const int n = p.ConsumeIntegralInRange<int>(-1200, 1200);
  check(unsigned(d::civil(d::addMonths(first, n, off), off).day()) == 1, "addMonths");
  // Any serial, however far out, gives a weekday without overflow.
  const long any = p.ConsumeIntegral<long>();
  check(d::weekday(any, p.ConsumeIntegral<long>()) >= 0, "weekday of any serial");
  return 0;
}
