// Calendar dates on <chrono>; the rules are stated in dates.h.
#include "kpi/dates.h"

#include <cmath>
#include <cstdio>

namespace qkpi::dates {
namespace {

using namespace std::chrono;

const sys_days kEpoch = sys_days(year{1899} / December / 30);

template <typename Char>
bool isSpace(Char c) {
  return c == Char(' ') || c == Char('\t') || static_cast<char32_t>(c) == 0xA0;
}

// Parses 1..maxDigits decimal digits at text[pos].
template <typename Char>
std::optional<int> digits(std::basic_string_view<Char> text, std::size_t& pos, std::size_t maxDigits) {
  std::size_t start = pos;
  int v = 0;
  while (pos < text.size() && text[pos] >= Char('0') && text[pos] <= Char('9') && pos - start < maxDigits) {
    v = v * 10 + (text[pos] - Char('0'));
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return v;
}

template <typename Char>
std::optional<Ymd> parse(std::basic_string_view<Char> text) {
  // U+00A0 is one char16_t, or the two UTF-8 bytes C2 A0.
  auto trimNbsp = [&](bool front) {
    if constexpr (sizeof(Char) == 1) {
      std::string_view s(reinterpret_cast<const char*>(text.data()), text.size());
      if (front && s.starts_with("\xC2\xA0")) return text.remove_prefix(2), true;
      if (!front && s.ends_with("\xC2\xA0")) return text.remove_suffix(2), true;
    }
    return false;
  };
  for (;;) {
    if (!text.empty() && isSpace(text.front()))
      text.remove_prefix(1);
    else if (!trimNbsp(true))
      break;
  }
  for (;;) {
    if (!text.empty() && isSpace(text.back()))
      text.remove_suffix(1);
    else if (!trimNbsp(false))
      break;
  }
  std::size_t pos = 0;
  auto y = digits(text, pos, 4);
  if (!y || pos != 4 || pos >= text.size() || text[pos] != Char('-')) return std::nullopt;
  ++pos;
  auto m = digits(text, pos, 2);
  if (!m || pos >= text.size() || text[pos] != Char('-')) return std::nullopt;
  ++pos;
  auto d = digits(text, pos, 2);
  if (!d || pos != text.size()) return std::nullopt;
  if (*y < 1) return std::nullopt;
  Ymd ymd{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

}  // namespace

long daysSince18991230(const Ymd& ymd) {
  return static_cast<long>((sys_days(ymd) - kEpoch).count());
}

long daysSince18991230(int y, int m, int d) {
  return daysSince18991230(Ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}});
}

Ymd civil(long s, long nullDateOffset) {
  return Ymd(kEpoch + days(s + nullDateOffset));
}

long serial(const Ymd& ymd, long nullDateOffset) {
  return daysSince18991230(ymd) - nullDateOffset;
}

long serialOf(int y, int m, int d, long nullDateOffset) {
  // year_month arithmetic normalises the month like DATE() does.
  year_month ym = year{y} / January + months{m - 1};
  return daysSince18991230(ym / 1) + (d - 1) - nullDateOffset;
}

int weekday(long s, long nullDateOffset) {
  // Modulo first, so that no serial, however far out, overflows.
  static const long epoch = static_cast<long>(std::chrono::weekday(kEpoch).iso_encoding()) - 1;  // Saturday
  auto mod7 = [](long v) { return (v % 7 + 7) % 7; };
  return static_cast<int>(mod7(mod7(s) + mod7(nullDateOffset) + epoch));
}

int daysInMonth(int y, int m) {
  return static_cast<int>(unsigned((year{y} / month{static_cast<unsigned>(m)} / last).day()));
}

long firstOfMonth(long s, long nullDateOffset) {
  Ymd d = civil(s, nullDateOffset);
  return serial(d.year() / d.month() / 1, nullDateOffset);
}

long lastOfMonth(long s, long nullDateOffset) {
  Ymd d = civil(s, nullDateOffset);
  return serial(Ymd(d.year() / d.month() / last), nullDateOffset);
}

long addMonths(long firstOfMonthSerial, int n, long nullDateOffset) {
  Ymd d = civil(firstOfMonthSerial, nullDateOffset);
  year_month ym = d.year() / d.month() + months{n};
  return serial(ym / 1, nullDateOffset);
}

std::optional<Ymd> parseIso(std::u16string_view text) {
  return parse(text);
}

std::optional<Ymd> parseIso(std::string_view utf8) {
  return parse(utf8);
}

std::string isoText(const Ymd& ymd) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

std::string isoText(long s, long nullDateOffset) {
  return isoText(civil(s, nullDateOffset));
}

long wholeDay(double s) {
  return static_cast<long>(std::floor(s));
}

static_assert(kFirstDay == (sys_days(year{1} / January / 1) - sys_days(year{1899} / December / 30)).count());
static_assert(kLastDay ==
              (sys_days(year{9999} / December / 31) - sys_days(year{1899} / December / 30)).count());

std::optional<long> validDay(double s, long nullDateOffset) {
  // Compare as doubles first: no cast of a huge value, no overflow of the shift.
  const double lo = static_cast<double>(kFirstDay) - static_cast<double>(nullDateOffset);
  const double hi = static_cast<double>(kLastDay) - static_cast<double>(nullDateOffset) + 1;
  if (!(s >= lo && s < hi)) return std::nullopt;  // also NaN
  return wholeDay(s);
}

}  // namespace qkpi::dates
