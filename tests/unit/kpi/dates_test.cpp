// kpi/dates.h: civil dates, serials, weekdays, month arithmetic and the one
// ISO date rule, against hand-worked dates and Boost.Date_Time as an
// independent oracle.
#include "kpi/dates.h"

#include <gtest/gtest.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <climits>
#include <string>

namespace qkpi::dates {
namespace {

using namespace std::chrono;

TEST(Dates, SerialsOfKnownDays) {
  EXPECT_EQ(daysSince18991230(1899, 12, 30), 0);
  EXPECT_EQ(daysSince18991230(1900, 1, 1), 2);
  EXPECT_EQ(daysSince18991230(2026, 1, 1), 46023);
  EXPECT_EQ(daysSince18991230(2026, 11, 25), 46351);
  EXPECT_EQ(daysSince18991230(1904, 1, 1), 1462);  // the 1904 null date
  EXPECT_EQ(serial(2026y / November / 25, 1462), 46351 - 1462);
  EXPECT_EQ(civil(46351, 0), 2026y / November / 25);
  EXPECT_EQ(civil(46351 - 1462, 1462), 2026y / November / 25);
  EXPECT_EQ(isoText(46351, 0), "2026-11-25");
  EXPECT_EQ(isoText(1, 0), "1899-12-31");
  EXPECT_EQ(isoText(Ymd{year{1}, January, day{1}}), "0001-01-01");
}

TEST(Dates, AgreesWithBoostOverFourCenturies) {
  const boost::gregorian::date epoch(1899, boost::gregorian::Dec, 30);
  for (long s = -100000; s <= 100000; s += 37) {
    auto b = epoch + boost::gregorian::days(s);
    Ymd d = civil(s, 0);
    ASSERT_EQ(static_cast<int>(d.year()), b.year()) << s;
    ASSERT_EQ(unsigned(d.month()), b.month().as_number()) << s;
    ASSERT_EQ(unsigned(d.day()), b.day().as_number()) << s;
    ASSERT_EQ(weekday(s, 0), (b.day_of_week().as_number() + 6) % 7) << s;
    ASSERT_EQ(serial(d, 0), s);
  }
}

TEST(Dates, Weekdays) {
  EXPECT_EQ(weekday(0, 0), 5);      // 1899-12-30, a Saturday
  EXPECT_EQ(weekday(46351, 0), 2);  // 2026-11-25, a Wednesday
  EXPECT_EQ(weekday(0, 1462), 4);   // 1904-01-01, a Friday
  EXPECT_EQ(weekday(-1, 0), 4);     // before the epoch
  // Far-out serials do not overflow: the weekday repeats every 7 days.
  EXPECT_EQ(weekday(LONG_MAX, 0), weekday(LONG_MAX - 7, 0));
  EXPECT_EQ(weekday(LONG_MIN + 7, 5), weekday(LONG_MIN + 14, 5));
}

TEST(Dates, SerialOfNormalisesLikeDate) {
  EXPECT_EQ(serialOf(2026, 1, 1, 0), 46023);
  EXPECT_EQ(serialOf(2026, 0, 1, 0), daysSince18991230(2025, 12, 1));   // month 0
  EXPECT_EQ(serialOf(2026, 13, 1, 0), daysSince18991230(2027, 1, 1));   // month 13
  EXPECT_EQ(serialOf(2026, -11, 1, 0), daysSince18991230(2025, 1, 1));  // month -11
  EXPECT_EQ(serialOf(2026, 3, 0, 0), daysSince18991230(2026, 2, 28));   // day 0
  EXPECT_EQ(serialOf(2028, 2, 30, 0), daysSince18991230(2028, 3, 1));   // day past the end
  EXPECT_EQ(serialOf(2026, 11, 25, 1462), 46351 - 1462);
}

TEST(Dates, MonthArithmetic) {
  const long feb29 = daysSince18991230(2028, 2, 29);
  EXPECT_EQ(firstOfMonth(feb29, 0), daysSince18991230(2028, 2, 1));
  EXPECT_EQ(lastOfMonth(feb29, 0), feb29);
  EXPECT_EQ(lastOfMonth(daysSince18991230(2026, 2, 1), 0), daysSince18991230(2026, 2, 28));
  EXPECT_EQ(lastOfMonth(daysSince18991230(2026, 12, 31), 0), daysSince18991230(2026, 12, 31));
  const long jan = daysSince18991230(2026, 1, 1);
  EXPECT_EQ(addMonths(jan, -1, 0), daysSince18991230(2025, 12, 1));
  EXPECT_EQ(addMonths(jan, -12, 0), daysSince18991230(2025, 1, 1));
  EXPECT_EQ(addMonths(jan, 13, 0), daysSince18991230(2027, 2, 1));
  EXPECT_EQ(addMonths(jan - 1462, 11, 1462), daysSince18991230(2026, 12, 1) - 1462);
  EXPECT_EQ(daysInMonth(2026, 2), 28);
  EXPECT_EQ(daysInMonth(2028, 2), 29);
  EXPECT_EQ(daysInMonth(2100, 2), 28);
  EXPECT_EQ(daysInMonth(2000, 2), 29);
  EXPECT_EQ(daysInMonth(2026, 4), 30);
}

TEST(Dates, IsoTextIsOneRuleInUtf8AndUtf16) {
  struct Case {
    const char* text;
    bool ok;
  };
  const Case cases[] = {
      {"2026-11-25", true},
      {"2026-1-6", true},
      {" 2026-03-31\t", true},
      {"\xC2\xA0"
       "2026-03-31",
       true},
      {"0001-01-01", true},
      {"9999-12-31", true},
      {"1399-12-31", true},
      {"2028-02-29", true},
      {"2026-02-29", false},
      {"2026-02-30", false},
      {"2026-13-01", false},
      {"2026-00-10", false},
      {"2026-01-00", false},
      {"0000-01-01", false},
      {"26-01-01", false},
      {"20261-01-01", false},
      {"2026/01/01", false},
      {"2026-01-01x", false},
      {"2026-001-01", false},
      {"", false},
      {"2026-01-", false},
      {"-2026-01-01", false},
      {"2026-1-1 1", false},
      {"text", false},
  };
  for (const Case& c : cases) {
    std::string u8 = c.text;
    std::u16string u16;
    for (std::size_t i = 0; i < u8.size(); ++i) {
      if (static_cast<unsigned char>(u8[i]) == 0xC2 && i + 1 < u8.size()) {
        u16 += u'\u00A0';
        ++i;
      } else {
        u16 += static_cast<char16_t>(u8[i]);
      }
    }
    EXPECT_EQ(parseIso(std::string_view(u8)).has_value(), c.ok) << c.text;
    EXPECT_EQ(parseIso(std::u16string_view(u16)).has_value(), c.ok) << c.text;
  }
  EXPECT_EQ(*parseIso(std::string_view("2026-1-6")), 2026y / January / 6);
  EXPECT_EQ(*parseIso(std::u16string_view(u"9999-12-31")), 9999y / December / 31);
}

TEST(Dates, WholeDay) {
  EXPECT_EQ(wholeDay(46351.0), 46351);
  EXPECT_EQ(wholeDay(46351.625), 46351);  // 15:00 on the day
  EXPECT_EQ(wholeDay(-0.5), -1);
}

}  // namespace
}  // namespace qkpi::dates
