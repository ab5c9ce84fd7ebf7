// The working-day calendar; the rules are stated in calendar.h.
#include "kpi/calendar.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "kpi/args.h"
#include "kpi/dates.h"

namespace qkpi {

namespace {

constexpr std::array<bool, 7> mask(const char (&bits)[8]) {
  std::array<bool, 7> m{};
  for (std::size_t i = 0; i < 7; ++i) m[i] = bits[i] == '1';
  return m;
}

// NETWORKDAYS.INTL weekend numbers as Monday-first masks.
struct WeekendNumber {
  int number;
  std::array<bool, 7> nonWorking;
};
constexpr WeekendNumber kWeekendNumbers[] = {
    {1, mask("0000011")},  {2, mask("1000001")},  {3, mask("1100000")},  {4, mask("0110000")},
    {5, mask("0011000")},  {6, mask("0001100")},  {7, mask("0000110")},  {11, mask("0000001")},
    {12, mask("1000000")}, {13, mask("0100000")}, {14, mask("0010000")}, {15, mask("0001000")},
    {16, mask("0000100")}, {17, mask("0000010")},
};

const Cell& singleCell(const Arg& a, const char* what) {
  if (a.isScalar()) return a.scalarCell();
  if (a.isCells() && a.rows() * a.cols() == 1) return a.cell(0, 0);
  throw ArgumentError(std::string(what) + ": expected one value");
}

}  // namespace

std::array<bool, 7> parseWeekend(const Arg& weekend) {
  if (weekend.notGiven()) return mask("0000011");
  const Cell& c = singleCell(weekend, "Weekend");
  if (c.isBlankText()) return mask("0000011");
  if (c.isNumber()) {
    for (const auto& w : kWeekendNumbers)
      if (c.number == w.number) return w.nonWorking;
    throw ArgumentError("Weekend: a number must be 1-7 or 11-17");
  }
  // Text: exactly seven '0'/'1', Monday first, at least one working day.
  if (c.text.size() != 7) throw ArgumentError("Weekend: a mask has exactly 7 characters 0/1, Monday first");
  std::array<bool, 7> m{};
  bool anyWorking = false;
  for (std::size_t i = 0; i < 7; ++i) {
    char16_t ch = c.text[i];
    if (ch != u'0' && ch != u'1') throw ArgumentError("Weekend: a mask has only the characters 0 and 1");
    m[i] = ch == u'1';
    anyWorking = anyWorking || !m[i];
  }
  if (!anyWorking) throw ArgumentError("Weekend: a mask of all 1s leaves no working day");
  return m;
}

WorkCalendar::WorkCalendar(const Arg& weekend, const Arg& holidays, const Context& ctx)
    : offset_(ctx.nullDateOffset) {
  setWeekend(parseWeekend(weekend));
  if (!holidays.notGiven()) {
    if (holidays.isTable()) throw ArgumentError("Holidays: expected dates");
    for (const Cell& c : holidays.allCells()) addHoliday(c, ctx);
  }
  std::sort(holidays_.begin(), holidays_.end());
  holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
  // A holiday on a weekend day is not a working day twice: drop it.
  std::erase_if(holidays_, [this](long d) { return isWeekend(d); });
}

void WorkCalendar::setWeekend(const std::array<bool, 7>& nonWorking) {
  nonWorking_ = nonWorking;
  perWeek_ = static_cast<int>(std::count(nonWorking_.begin(), nonWorking_.end(), false));
  for (std::size_t w = 0; w < 7; ++w) {
    int n = 0;
    for (std::size_t k = 0; k < 7; ++k) {
      firstDays_[w][k] = n;
      if (!nonWorking_[(w + k) % 7]) ++n;
    }
  }
}

void WorkCalendar::addHoliday(const Cell& c, const Context& ctx) {
  if (c.isBlankText()) return;
  if (c.isNumber()) {
    if (c.number == 0) return;  // an empty cell passed by reference
    auto d = dates::validDay(c.number, ctx.nullDateOffset);
    if (!d) throw ArgumentError("Holidays: a number is not a date in the years 1 to 9999");
    holidays_.push_back(*d);
    return;
  }
  std::optional<long> d = parseIsoDate(c.text, ctx);
  if (!d) throw ArgumentError("Holidays: a text is not an ISO date such as 2026-12-25");
  holidays_.push_back(*d);
}

int WorkCalendar::weekday(long serial) const {
  return dates::weekday(serial, offset_);
}

bool WorkCalendar::isWorkday(long serial) const {
  return !isWeekend(serial) && !std::binary_search(holidays_.begin(), holidays_.end(), serial);
}

long WorkCalendar::workdaysElapsed(long start, long end) const {
  if (end <= start) return 0;
  unsigned long days = static_cast<unsigned long>(end) - static_cast<unsigned long>(start);
  long fullWeeks = static_cast<long>(days / 7);
  std::size_t rest = static_cast<std::size_t>(days % 7);
  std::size_t first = static_cast<std::size_t>(weekday(start + 1));
  long n = fullWeeks * perWeek_ + firstDays_[first][rest];
  auto lo = std::upper_bound(holidays_.begin(), holidays_.end(), start);
  auto hi = std::upper_bound(lo, holidays_.end(), end);
  return n - static_cast<long>(hi - lo);
}

}  // namespace qkpi
