// Shared helpers of the objectives module: text, dates, references, styles,
// sheet names.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "kpi/dates.h"
#include "objectives/internal.h"
#include "objectives/objectives.h"

namespace qkpi::objectives {
namespace detail {

std::string trim(std::string_view s) {
  auto isSpace = [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  std::size_t b = 0, e = s.size();
  for (;;) {
    if (b < e && isSpace(static_cast<unsigned char>(s[b]))) {
      ++b;
    } else if (b + 1 < e && static_cast<unsigned char>(s[b]) == 0xC2 &&
               static_cast<unsigned char>(s[b + 1]) == 0xA0) {
      b += 2;  // U+00A0
    } else {
      break;
    }
  }
  for (;;) {
    if (e > b && isSpace(static_cast<unsigned char>(s[e - 1]))) {
      --e;
    } else if (e >= b + 2 && static_cast<unsigned char>(s[e - 2]) == 0xC2 &&
               static_cast<unsigned char>(s[e - 1]) == 0xA0) {
      e -= 2;
    } else {
      break;
    }
  }
  return std::string(s.substr(b, e - b));
}

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

bool iequals(std::string_view a, std::string_view b) {
  return lower(a) == lower(b);
}

std::string numberText(double v) {
  if (v == 0) return "0";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  if (ec != std::errc()) return "0";
  std::string s(buf, end);
  // to_chars may pick scientific notation ("1e+06"); Calc reads it, but a
  // plain form reads better for the usual magnitudes.
  // Locale-independent (to_chars/from_chars, never printf/strtod: the C library's
  // locale is the office's, e.g. a decimal comma in a German Calc).
  auto readsBack = [&](const char* first, const char* last) {
    double back = 0;
    auto r = std::from_chars(first, last, back);
    return r.ec == std::errc() && r.ptr == last && back == v;
  };
  if (s.find('e') != std::string::npos && std::fabs(v) >= 1e-6 && std::fabs(v) < 1e15) {
    for (int prec = 1; prec <= 17; ++prec) {
      auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, prec);
      if (r.ec == std::errc() && readsBack(buf, r.ptr)) {
        std::string t(buf, r.ptr);
        while (!t.empty() && t.back() == '0') t.pop_back();
        if (!t.empty() && t.back() == '.') t.pop_back();
        return t;
      }
    }
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 0);
    if (r.ec == std::errc() && readsBack(buf, r.ptr)) return std::string(buf, r.ptr);
  }
  return s;
}

std::string valueText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return trim(*s);
  if (const auto* d = std::get_if<double>(&v)) return numberText(*d);
  return {};
}

bool isEmpty(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return true;
  if (const auto* s = std::get_if<std::string>(&v)) return trim(*s).empty();
  return false;
}

std::optional<double> valueNumber(const Value& v) {
  if (const auto* d = std::get_if<double>(&v))
    return std::isfinite(*d) ? std::optional<double>(*d) : std::nullopt;
  const auto* s = std::get_if<std::string>(&v);
  if (!s) return std::nullopt;
  std::string t = trim(*s);
  bool percent = false;
  if (!t.empty() && t.back() == '%') {
    percent = true;
    t = trim(t.substr(0, t.size() - 1));
  }
  if (t.empty()) return std::nullopt;
  if (t.find(',') != std::string::npos && t.find('.') == std::string::npos)
    std::replace(t.begin(), t.end(), ',', '.');
  double r = 0;
  const char* b = t.data();
  const char* e = t.data() + t.size();
  if (*b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, r);
  if (ec != std::errc() || p != e || !std::isfinite(r)) return std::nullopt;
  return percent ? r / 100 : r;
}

std::string quoted(std::string_view text) {
  std::string r = "\"";
  for (char c : text) {
    if (c == '"') r += '"';
    r += c;
  }
  return r + "\"";
}

// ---- dates (all of it in kpi/dates.h) -----------------------------------------

Ymd ymdOf(long serial, long nullDateOffset) {
  auto d = dates::civil(serial, nullDateOffset);
  return {static_cast<int>(d.year()), static_cast<int>(unsigned(d.month())),
          static_cast<int>(unsigned(d.day()))};
}

long serialOf(int y, int m, int d, long nullDateOffset) {
  return dates::serialOf(y, m, d, nullDateOffset);
}

long serialOf(const Ymd& ymd, long nullDateOffset) {
  return dates::serialOf(ymd.y, ymd.m, ymd.d, nullDateOffset);
}

int daysInMonth(int y, int m) {
  return dates::daysInMonth(y, m);
}

int weekdayOf(long serial, long nullDateOffset) {
  return dates::weekday(serial, nullDateOffset);
}

std::optional<Ymd> parseIsoDate(std::string_view s) {
  auto d = dates::parseIso(trim(s));
  if (!d) return std::nullopt;
  return Ymd{static_cast<int>(d->year()), static_cast<int>(unsigned(d->month())),
             static_cast<int>(unsigned(d->day()))};
}

std::optional<long> valueDate(const Value& v, long nullDateOffset) {
  if (const auto* d = std::get_if<double>(&v)) {
    if (!(*d > 0)) return std::nullopt;
    return dates::validDay(*d, nullDateOffset);
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    if (auto ymd = dates::parseIso(trim(*s))) return dates::serial(*ymd, nullDateOffset);
  }
  return std::nullopt;
}

std::string dateLiteral(long serial, long nullDateOffset) {
  Ymd d = ymdOf(serial, nullDateOffset);
  return "DATE(" + std::to_string(d.y) + ";" + std::to_string(d.m) + ";" + std::to_string(d.d) + ")";
}

// ---- references ---------------------------------------------------------------

std::string columnName(int col) {
  std::string r;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) r.insert(r.begin(), static_cast<char>('A' + (c - 1) % 26));
  return r;
}

std::string cellName(int row, int col) {
  return columnName(col) + std::to_string(row + 1);
}
std::string absCellName(int row, int col) {
  return "$" + columnName(col) + "$" + std::to_string(row + 1);
}
std::string rangeName(const sheet::Range& r) {
  return cellName(r.first.row, r.first.col) + ":" + cellName(r.last.row, r.last.col);
}
std::string absRangeName(const sheet::Range& r) {
  return absCellName(r.first.row, r.first.col) + ":" + absCellName(r.last.row, r.last.col);
}

std::string sheetPrefix(std::string_view sheet) {
  bool plain = !sheet.empty() && !std::isdigit(static_cast<unsigned char>(sheet[0]));
  for (char c : sheet)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) plain = false;
  if (plain) return "$" + std::string(sheet) + ".";
  std::string r = "$'";
  for (char c : sheet) {
    if (c == '\'') r += '\'';
    r += c;
  }
  return r + "'.";
}

// ---- cells --------------------------------------------------------------------

sheet::Cell textCell(int row, int col, std::string text, std::string style) {
  sheet::Cell c;
  c.pos = {row, col};
  c.kind = sheet::Cell::Kind::Text;
  c.text = std::move(text);
  c.style = std::move(style);
  return c;
}

sheet::Cell numberCell(int row, int col, double v, std::string style) {
  sheet::Cell c;
  c.pos = {row, col};
  c.kind = sheet::Cell::Kind::Number;
  c.number = v;
  c.style = std::move(style);
  return c;
}

sheet::Cell formulaCell(int row, int col, std::string formula, std::string style) {
  sheet::Cell c;
  c.pos = {row, col};
  c.kind = sheet::Cell::Kind::Formula;
  c.text = std::move(formula);
  c.style = std::move(style);
  return c;
}

sheet::Cell arrayCell(int row, int col, int rows, int cols, std::string formula, std::string style) {
  sheet::Cell c;
  c.pos = {row, col};
  c.kind = sheet::Cell::Kind::ArrayFormula;
  c.text = std::move(formula);
  c.arrayRows = rows;
  c.arrayCols = cols;
  c.style = std::move(style);
  return c;
}

sheet::Range range(int r1, int c1, int r2, int c2) {
  return {{r1, c1}, {r2, c2}};
}

const std::array<RagColours, 4>& ragColours() {
  static const std::array<RagColours, 4> k{{{kGreen, "GREEN", 0xC6EFCE, 0x006100},
                                            {kAmber, "AMBER", 0xFFEB9C, 0x9C5700},
                                            {kRed, "RED", 0xFFC7CE, 0x9C0006},
                                            {kGrey, "GREY", 0xE7E6E6, 0x595959}}};
  return k;
}

std::vector<sheet::Style> standardStyles() {
  using sheet::Style;
  std::vector<Style> s;
  auto add = [&](const char* name) -> Style& {
    Style& st = s.emplace_back();
    st.name = name;
    return st;
  };
  {
    Style& st = add(kTitle);
    st.bold = true;
    st.fontHeight = 16;
    st.fontColor = 0x1F3864;
  }
  {
    Style& st = add(kSubtitle);
    st.italic = true;
    st.fontColor = 0x595959;
  }
  {
    Style& st = add(kHeader);
    st.bold = true;
    st.wrap = true;
    st.background = 0x1F4E79;
    st.fontColor = 0xFFFFFF;
    st.bottomBorder = true;
    st.align = Style::Align::Left;
  }
  {
    Style& st = add(kSection);
    st.bold = true;
    st.fontHeight = 12;
    st.background = 0xD9E1F2;
    st.fontColor = 0x1F3864;
  }
  {
    Style& st = add(kSubheader);
    st.bold = true;
    st.fontColor = 0x1F4E79;
    st.bottomBorder = true;
  }
  {
    Style& st = add(kLabel);
    st.bold = true;
    st.fontColor = 0x595959;
  }
  {
    Style& st = add(kText);
    st.wrap = true;
    st.indentMm100 = 150;  // keeps wrapped text clear of a right-aligned number in the column before
  }
  {
    Style& st = add(kNote);
    st.italic = true;
    st.fontColor = 0x7F7F7F;
  }
  {
    Style& st = add(kDate);
    st.numberFormat = "YYYY-MM-DD";
    st.align = Style::Align::Left;
  }
  {
    Style& st = add(kPercent);
    st.numberFormat = "0.00%";
  }
  {
    Style& st = add(kNumber);
    st.numberFormat = "#,##0";
  }
  {
    Style& st = add(kInteger);
    st.numberFormat = "0";
  }
  {
    Style& st = add(kDays);
    st.numberFormat = "0\" wd\"";
  }
  {
    Style& st = add(kFormula);
    st.fontColor = 0x1F4E79;
  }
  for (const RagColours& r : ragColours()) {
    Style& st = add(r.style);
    st.bold = true;
    st.background = r.background;
    st.fontColor = r.font;
    st.align = Style::Align::Center;
  }
  {
    Style& st = add(kMissing);
    st.background = 0xFCE4D6;
    st.fontColor = 0x9C0006;
  }
  {
    Style& st = add(kComplete);
    st.fontColor = 0x006100;
  }
  {
    Style& st = add(kOverdue);
    st.background = 0xFFC7CE;
    st.fontColor = 0x9C0006;
  }
  {
    Style& st = add(kClosed);
    st.fontColor = 0x7F7F7F;
  }
  {
    Style& st = add(kSignal);
    st.bold = true;
    st.fontColor = 0xC00000;
  }
  {
    Style& st = add(kWarning);
    st.bold = true;
    st.fontColor = 0xC00000;
  }
  struct ToDate {
    const char* name;
    const char* format;
  };
  for (ToDate t : {ToDate{kToDate, ""}, ToDate{kToDatePercent, "0.00%"}, ToDate{kToDateNumber, "#,##0"},
                   ToDate{kToDateDays, "0\" wd\""}}) {
    Style& st = add(t.name);
    st.italic = true;
    st.fontColor = 0x808080;
    st.numberFormat = t.format;
  }
  {
    Style& st = add(kStale);
    st.bold = true;
    st.background = 0xFFEB9C;
    st.fontColor = 0x9C5700;
  }
  return s;
}

const char* toDateStyle(const char* valueStyle) {
  const std::string_view v = valueStyle;
  if (v == kPercent) return kToDatePercent;
  if (v == kNumber) return kToDateNumber;
  if (v == kDays) return kToDateDays;
  return kToDate;
}

void addRagFormats(sheet::SheetSpec& spec, const sheet::Range& r) {
  std::string first = "$" + cellName(r.first.row, r.first.col);
  for (const char* code : {"GREEN", "AMBER", "RED", "GREY"})
    spec.conditionalFormats.push_back({r, first + "=\"" + code + "\"", std::string("qkpi ") + code});
}

std::string repeatedHeaderMessage(std::string_view sheet, std::string_view header, int firstCol,
                                  std::size_t secondCol, Lang lang) {
  return trf(
      lang,
      "The \"{1}\" sheet has the header \"{2}\" twice in row 1 (columns {3} and {4}), so qkpi cannot tell which column to read and write. Rename or remove one of them. Nothing was changed.",
      {sheet, header, columnName(firstCol), columnName(static_cast<int>(secondCol))});
}

std::string rowLabel(const Objective& o, Lang lang) {
  std::string r = trf(lang, "{1} row {2}", {kRegisterSheet, std::to_string(o.row + 1)});
  if (!o.id.empty()) r += " (ID " + o.id + ")";
  return r;
}

}  // namespace detail

// ---- public helpers -------------------------------------------------------------

std::string Objective::cell(Field f) const {
  int c = col[static_cast<std::size_t>(f)];
  if (c < 0) throw std::logic_error("Objective::cell: the register has no such column");
  return detail::cellName(row, c);
}

std::string Objective::absCell(Field f) const {
  int c = col[static_cast<std::size_t>(f)];
  if (c < 0) throw std::logic_error("Objective::absCell: the register has no such column");
  return detail::sheetPrefix(kRegisterSheet) + detail::absCellName(row, c);
}

std::string isoDate(long serial, long nullDateOffset) {
  return dates::isoText(serial, nullDateOffset);
}

// ---- sheet names: the one place that builds and reads them ------------------------

namespace {
constexpr std::string_view kReviewPrefix = "Review ";  // + isoDate
constexpr std::string_view kRecordSuffix = " record";  // the frozen copy of a review

// The n-th sheet of a base name (n >= 2): "<base> (n)".
std::string numberedName(const std::string& base, int n) {
  return base + " (" + std::to_string(n) + ")";
}

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2026-11-25": 4-2-2 ASCII digits.
bool isIsoDateShape(std::string_view s) {
  return s.size() == 10 && allDigits(s.substr(0, 4)) && s[4] == '-' && allDigits(s.substr(5, 2)) &&
         s[7] == '-' && allDigits(s.substr(8, 2));
}
}  // namespace

std::string uniqueSheetName(const std::string& base, const std::vector<std::string>& existing) {
  // Calc compares sheet names ignoring case.
  auto taken = [&](const std::string& name) {
    return std::any_of(existing.begin(), existing.end(),
                       [&](const std::string& e) { return detail::iequals(e, name); });
  };
  if (!taken(base)) return base;
  for (int n = 2;; ++n) {
    std::string name = numberedName(base, n);
    if (!taken(name)) return name;
  }
}

std::string reviewSheetName(long todaySerial, long nullDateOffset, const std::vector<std::string>& existing) {
  return uniqueSheetName(std::string(kReviewPrefix) + isoDate(todaySerial, nullDateOffset), existing);
}

std::string frozenSheetName(const std::string& reviewSheet, const std::vector<std::string>& existing) {
  return uniqueSheetName(reviewSheet + std::string(kRecordSuffix), existing);
}

std::optional<std::string> reviewRecordSheet(const std::string& review,
                                             const std::vector<std::string>& names) {
  const std::string base = review + std::string(kRecordSuffix);
  std::optional<std::string> best;
  long bestN = 0;
  for (const std::string& n : names) {
    long k = 0;
    if (n == base) {
      k = 1;
    } else if (n.size() > base.size() + 3 && n.starts_with(base + " (") && n.ends_with(')')) {
      const char* first = n.data() + base.size() + 2;
      const char* last = n.data() + n.size() - 1;
      auto [end, ec] = std::from_chars(first, last, k);
      if (ec != std::errc() || end != last || k < 2) continue;
    } else {
      continue;
    }
    if (k > bestN) {
      best = n;
      bestN = k;
    }
  }
  return best;
}

std::optional<ReviewSheet> parseReviewSheetName(std::string_view name) {
  if (!name.starts_with(kReviewPrefix)) return std::nullopt;
  name.remove_prefix(kReviewPrefix.size());
  if (name.size() < 10 || !isIsoDateShape(name.substr(0, 10))) return std::nullopt;
  ReviewSheet out{std::string(name.substr(0, 10)), 1};
  std::string_view rest = name.substr(10);
  if (rest.empty()) return out;
  // " (n)", as numberedName writes it
  if (rest.size() < 4 || !rest.starts_with(" (") || !rest.ends_with(')')) return std::nullopt;
  std::string_view n = rest.substr(2, rest.size() - 3);
  if (!allDigits(n)) return std::nullopt;
  auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), out.number);
  if (ec != std::errc() || end != n.data() + n.size()) return std::nullopt;
  return out;
}

std::optional<std::string> latestReviewSheet(const std::vector<std::string>& names) {
  std::optional<std::string> best;
  ReviewSheet bestKey;
  for (const std::string& n : names) {
    std::optional<ReviewSheet> key = parseReviewSheetName(n);
    if (!key) continue;
    // The fixed-width ISO date orders as text.
    const bool newer =
        key->date > bestKey.date || (key->date == bestKey.date && key->number > bestKey.number);
    if (!best || newer) {
      best = n;
      bestKey = *key;
    }
  }
  return best;
}

}  // namespace qkpi::objectives
