// A register row's KPI call: KPI name, Data, Segment by and Options parsed
// against the function table, and rendered as formula text (API grammar).
//
// Options syntax (documented in objectives.h): `Name=value` pairs separated
// by ';' or new lines, names as in the function table (case ignored). A ';'
// inside {...}, (...) or "..." does not separate options. Values:
//   number        2, 0.02, 5%                   -> 2, 0.02, 0.05
//   date          2026-01-01, "2026-01-01"      -> "2026-01-01" (ISO text, read by every qkpi function)
//                 DATE(2026;1;1), TODAY(), TODAY()-30
//   text          "0000011"                      -> "0000011"
//   array         {6;8;5;7}, {6,8,5,7}           -> {6;8;5;7}
//   reference     $Holidays.A2:A40, Holidays      (a single cell is wrapped as IF(ISBLANK(x);"";x))
// Each argument accepts the forms that make sense for it (a date for From,
// a number 0...1 for QtyTolerance ...); anything else is a UserError that
// names the row, the option and what is expected.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <regex>

#include "objectives/objectives.h"
#include "objectives/internal.h"

namespace qkpi::objectives::detail {
namespace {

const std::vector<std::string>& kpis() {
  static const std::vector<std::string> names = {"OTIF", "ONTIME",  "INFULL",     "RFT",           "RFTJOBS",
                                                 "RTY",  "RETURNS", "TURNAROUND", "TURNAROUNDDAYS"};
  return names;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string r;
  for (const auto& n : names) r += (r.empty() ? "" : ", ") + n;
  return r;
}

// ---- references -------------------------------------------------------------

struct Ref {
  std::string text;  // normalised: $Sheet.A2:D100 or a name
  bool named = false;
  bool singleCell = false;
  int cols = 0;  // columns of a cell range; 0 for a name
};

int columnIndex(const std::string& letters) {
  int c = 0;
  for (char ch : letters) c = c * 26 + (std::toupper(static_cast<unsigned char>(ch)) - 'A' + 1);
  return c - 1;
}

std::string upperCell(const std::string& s) {
  std::string r = s;
  for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

// A sheet-qualified cell or range ($Sheet.A2:D100, Sheet.A2:D100, $'My sheet'.A2,
// Sheet!A2:D100) or a named range (Holidays). nullopt when it is neither.
std::optional<Ref> parseRef(const std::string& s) {
  static const std::regex kCellRange(
      R"(^\$?(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_ \-]*?))\s*[.!]\s*(\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))(?:\s*:\s*(\$?([A-Za-z]{1,3})\$?([0-9]{1,7})))?$)");
  static const std::regex kName(R"(^[A-Za-z_\\][A-Za-z0-9_.]*$)");
  static const std::regex kBareCell(R"(^\$?[A-Za-z]{1,3}\$?[0-9]+$)");
  std::smatch m;
  if (std::regex_match(s, m, kCellRange)) {
    std::string sheet;
    if (m[1].matched) {
      for (std::size_t i = 0; i < m[1].str().size(); ++i) {
        char c = m[1].str()[i];
        sheet += c;
        if (c == '\'') ++i;  // '' -> '
      }
    } else {
      sheet = trim(m[2].str());
    }
    Ref r;
    r.text = sheetPrefix(sheet) + upperCell(m[3].str());
    r.singleCell = !m[6].matched;
    r.cols = 1;
    if (m[6].matched) {
      r.text += ":" + upperCell(m[6].str());
      int c1 = columnIndex(m[4].str()), c2 = columnIndex(m[7].str());
      r.cols = std::abs(c2 - c1) + 1;
      r.singleCell = c1 == c2 && std::stol(m[5].str()) == std::stol(m[8].str());
    }
    return r;
  }
  if (std::regex_match(s, kName) && !std::regex_match(s, kBareCell) && !iequals(s, "TRUE") &&
      !iequals(s, "FALSE")) {
    Ref r;
    r.text = s;
    r.named = true;
    return r;
  }
  return std::nullopt;
}

// ---- option values --------------------------------------------------------------

enum class Kind { Date, Count, Fraction, Percentile, Columns, Weekend, Holidays, Any };

Kind kindOf(std::string_view arg) {
  if (arg == "From" || arg == "To" || arg == "AsOf") return Kind::Date;
  if (arg == "EarlyDays" || arg == "LateDays" || arg == "Days") return Kind::Count;
  if (arg == "QtyTolerance") return Kind::Fraction;
  if (arg == "Percentile") return Kind::Percentile;
  if (arg == "Columns") return Kind::Columns;
  if (arg == "Weekend") return Kind::Weekend;
  if (arg == "Holidays") return Kind::Holidays;
  return Kind::Any;
}

const char* expected(Kind k) {
  switch (k) {
    case Kind::Date:
      return "a date such as 2026-01-01, DATE(2026;1;1), TODAY() or TODAY()-30, or a cell such as "
             "$Settings.B2";
    case Kind::Count:
      return "a number of days of 0 or more, e.g. 2";
    case Kind::Fraction:
      return "a fraction from 0 to 1, e.g. 0.02 or 2%";
    case Kind::Percentile:
      return "a fraction greater than 0 and at most 1, e.g. 0.9 or 90%";
    case Kind::Columns:
      return "the positions of the fields inside Data in braces, e.g. {6;8;5;7}";
    case Kind::Weekend:
      return "a 7-character mask such as \"0000011\" (Monday first, 1 = day off) or a weekend number 1-7 or "
             "11-17";
    case Kind::Holidays:
      return "a range or named range of dates such as Holidays or $Holidays.A2:A40, or dates in braces such "
             "as "
             "{\"2026-12-24\";\"2026-12-25\"}";
    case Kind::Any:
      break;
  }
  return "a number, a date, a text in quotes, an array in braces or a reference";
}

std::optional<double> parseNumber(const std::string& s) {
  return valueNumber(Value(s));
}

bool isMask(const std::string& s) {
  return s.size() == 7 && std::all_of(s.begin(), s.end(), [](char c) { return c == '0' || c == '1'; });
}

std::string unquote(const std::string& s) {  // s = "..." with "" escapes
  std::string r;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    r += s[i];
    if (s[i] == '"') ++i;
  }
  return r;
}

bool isQuoted(const std::string& s) {
  if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
  for (std::size_t i = 1; i + 1 < s.size(); ++i)
    if (s[i] == '"') {
      if (i + 2 < s.size() && s[i + 1] == '"')
        ++i;
      else
        return false;
    }
  return true;
}

// One element of an inline array: number, quoted text or ISO date.
std::optional<std::string> arrayElement(const std::string& raw, Kind kind) {
  std::string e = trim(raw);
  if (kind == Kind::Columns) {
    auto n = parseNumber(e);
    if (!n || *n < 1 || std::floor(*n) != *n || e.find('%') != std::string::npos) return std::nullopt;
    return numberText(*n);
  }
  if (isQuoted(e)) {
    if (kind == Kind::Holidays && !parseIsoDate(unquote(e))) return std::nullopt;
    return quoted(unquote(e));
  }
  if (parseIsoDate(e)) return quoted(e);
  if (auto n = parseNumber(e); n && e.find('%') == std::string::npos) return numberText(*n);
  return std::nullopt;
}

std::optional<std::string> parseArray(const std::string& s, Kind kind) {
  if (s.size() < 2 || s.front() != '{' || s.back() != '}') return std::nullopt;
  std::string inner = s.substr(1, s.size() - 2);
  std::vector<std::string> parts;
  std::string cur;
  bool inQuote = false;
  for (char c : inner) {
    if (c == '"') inQuote = !inQuote;
    if (!inQuote && (c == ';' || c == ',' || c == '|')) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  std::string r = "{";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto e = arrayElement(parts[i], kind);
    if (!e) return std::nullopt;
    r += (i ? ";" : "") + *e;
  }
  return r + "}";
}

// The formula expression of one option value, or nullopt when the value does
// not fit the argument.
std::optional<std::string> optionExpression(const std::string& value, Kind kind) {
  static const std::regex kToday(R"(^TODAY\(\s*\)\s*(?:([+-])\s*([0-9]+))?$)", std::regex::icase);
  static const std::regex kDate(R"(^DATE\(\s*([0-9]{4})\s*[;,]\s*([0-9]{1,2})\s*[;,]\s*([0-9]{1,2})\s*\)$)",
                                std::regex::icase);
  std::smatch m;
  const std::string& v = value;

  // References first: a cell fits every argument; a block of cells or a
  // named range only the arguments that take several values (a bare word
  // such as "abc" for LateDays is a mistake, not a name).
  if (auto ref = parseRef(v)) {
    if (ref->singleCell) return "IF(ISBLANK(" + ref->text + ");\"\";" + ref->text + ")";
    if (kind != Kind::Holidays && kind != Kind::Columns && kind != Kind::Any) return std::nullopt;
    return ref->text;
  }
  if (std::regex_match(v, m, kToday)) {
    if (kind != Kind::Date && kind != Kind::Any) return std::nullopt;
    return "TODAY()" + (m[1].matched ? m[1].str() + m[2].str() : std::string());
  }
  if (std::regex_match(v, m, kDate)) {
    if (kind != Kind::Date && kind != Kind::Any && kind != Kind::Holidays) return std::nullopt;
    int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return std::nullopt;
    return "DATE(" + std::to_string(y) + ";" + std::to_string(mo) + ";" + std::to_string(d) + ")";
  }
  std::string text = isQuoted(v) ? unquote(v) : v;
  if (auto ymd = parseIsoDate(text)) {
    if (kind != Kind::Date && kind != Kind::Any && kind != Kind::Holidays) return std::nullopt;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd->y, ymd->m, ymd->d);
    return quoted(buf);
  }
  if (!v.empty() && v.front() == '{') {
    if (kind != Kind::Columns && kind != Kind::Holidays && kind != Kind::Any) return std::nullopt;
    return parseArray(v, kind);
  }
  if (kind == Kind::Weekend) {
    if (isMask(text)) return quoted(text);
    if (isQuoted(v)) return std::nullopt;
    auto n = parseNumber(v);
    if (!n || std::floor(*n) != *n || !((*n >= 1 && *n <= 7) || (*n >= 11 && *n <= 17))) return std::nullopt;
    return numberText(*n);
  }
  if (kind == Kind::Columns) {
    // A list without braces: 6,8,5,7.
    if (v.find(',') != std::string::npos) return parseArray("{" + v + "}", kind);
    auto n = parseNumber(v);
    if (!n || *n < 1 || std::floor(*n) != *n) return std::nullopt;
    return numberText(*n);
  }
  if (isQuoted(v)) {
    if (kind != Kind::Any) return std::nullopt;
    return quoted(text);
  }
  auto n = parseNumber(v);
  if (!n) return std::nullopt;
  switch (kind) {
    case Kind::Count:
      if (*n < 0) return std::nullopt;
      break;
    case Kind::Fraction:
      if (*n < 0 || *n > 1) return std::nullopt;
      break;
    case Kind::Percentile:
      if (*n <= 0 || *n > 1) return std::nullopt;
      break;
    case Kind::Any:
      break;
    default:
      return std::nullopt;  // Date, Holidays: a bare number is no date
  }
  return numberText(*n);
}

// Splits Options at ';' and new lines outside quotes, braces and parentheses.
std::vector<std::string> splitOptions(const std::string& s) {
  std::vector<std::string> parts;
  std::string cur;
  int depth = 0;
  bool inQuote = false;
  for (char c : s) {
    if (c == '"') inQuote = !inQuote;
    if (!inQuote) {
      if (c == '(' || c == '{') ++depth;
      if ((c == ')' || c == '}') && depth > 0) --depth;
    }
    if (!inQuote && depth == 0 && (c == ';' || c == '\n' || c == '\r')) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  std::vector<std::string> r;
  for (auto& p : parts)
    if (!trim(p).empty()) r.push_back(trim(p));
  return r;
}

std::string replaceToday(const std::string& expr, const std::string& today) {
  if (today == "TODAY()") return expr;
  std::string r = expr;
  for (std::size_t pos = 0; (pos = r.find("TODAY()", pos)) != std::string::npos; pos += today.size())
    r.replace(pos, 7, today);
  return r;
}

}  // namespace

const std::vector<std::string>& kpiNames() {
  return kpis();
}

KpiCall parseKpi(const Objective& o) {
  KpiCall call;
  const std::string where = rowLabel(o);
  std::string kpi = trim(o.kpi);
  for (char& c : kpi) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (kpi.empty()) throw UserError(where + ": KPI is empty. Choose one of " + joinNames(kpis()) + ".");
  if (std::find(kpis().begin(), kpis().end(), kpi) == kpis().end()) {
    std::string hint;
    if (kpi.size() > 2 && kpi.ends_with("BY") &&
        std::find(kpis().begin(), kpis().end(), kpi.substr(0, kpi.size() - 2)) != kpis().end())
      hint = " Use " + kpi.substr(0, kpi.size() - 2) +
             " with a Segment by column: the review adds the per-segment table.";
    else if (kpi == "REDUCTION")
      hint =
          " For a reduction objective use RETURNS with a Baseline and the target reduction as Target (50% = "
          "halved).";
    throw UserError(where + ": unknown KPI \"" + trim(o.kpi) + "\". Choose one of " + joinNames(kpis()) +
                    "." + hint);
  }
  call.fn = findFunction(kpi);
  if (!call.fn) throw std::logic_error("objectives: KPI not in the function table: " + kpi);
  if (kpi != "RTY" && kpi != "ONTIME" && kpi != "INFULL" && kpi != "TURNAROUNDDAYS")
    call.byFn = findFunction(kpi + "BY");

  // Data.
  std::string data = trim(o.data);
  if (data.empty())
    throw UserError(where + ": Data is empty. Give the " + kpi +
                    " table as a range with its sheet, e.g. $Deliveries.D2:G20001.");
  auto dataRef = parseRef(data);
  if (!dataRef)
    throw UserError(
        where + ": Data \"" + data +
        "\" is not a range. Write the range with its sheet, e.g. $Deliveries.D2:G20001, or a named range.");
  call.data = dataRef->text;

  // Segment by.
  std::string seg = trim(o.segmentBy);
  bool takesSegments = std::any_of(call.fn->args.begin(), call.fn->args.end(),
                                   [](const ArgSpec& a) { return a.name == "Segments"; });
  if (!seg.empty()) {
    if (!takesSegments) throw UserError(where + ": " + kpi + " has no segments; leave Segment by empty.");
    auto segRef = parseRef(seg);
    if (!segRef || (!segRef->named && segRef->cols != 1))
      throw UserError(where + ": Segment by \"" + seg +
                      "\" must be one column with its sheet, as long as Data, e.g. $Deliveries.A2:A20001.");
    call.segmentBy = segRef->text;
  }

  // Options.
  std::vector<std::string> valid;
  for (std::size_t i = 1; i < call.fn->args.size(); ++i) {
    std::string_view n = call.fn->args[i].name;
    if (n != "Segments" && n != "Segment") valid.emplace_back(n);
  }
  std::vector<std::pair<std::string, std::string>> given;
  for (const std::string& part : splitOptions(o.options)) {
    auto eq = part.find('=');
    if (eq == std::string::npos)
      throw UserError(where + ": option \"" + part +
                      "\" has no '='. Write options as Name=value separated by ';', e.g. " +
                      "From=2026-01-01; LateDays=2. Valid options for " + kpi + ": " +
                      (valid.empty() ? std::string("none") : joinNames(valid)) + ".");
    std::string name = trim(part.substr(0, eq));
    std::string value = trim(part.substr(eq + 1));
    auto it =
        std::find_if(valid.begin(), valid.end(), [&](const std::string& v) { return iequals(v, name); });
    if (it == valid.end()) {
      std::string hint;
      if (iequals(name, "Segment") || iequals(name, "Segments"))
        hint = " Segments go in the Segment by column; the review shows every segment.";
      throw UserError(where + ": unknown option \"" + name + "\" for " + kpi + ". Valid options: " +
                      (valid.empty() ? std::string("none") : joinNames(valid)) + "." + hint);
    }
    if (std::any_of(given.begin(), given.end(), [&](const auto& g) { return g.first == *it; }))
      throw UserError(where + ": option " + *it + " is given twice.");
    if (value.empty())
      throw UserError(where + ": option " + *it + " has no value. Expected " + expected(kindOf(*it)) + ".");
    auto expr = optionExpression(value, kindOf(*it));
    if (!expr)
      throw UserError(where + ": option " + *it + "=" + value + " is not valid. Expected " +
                      expected(kindOf(*it)) + ".");
    given.emplace_back(*it, *expr);
  }
  // Keep the function's argument order.
  for (const auto& v : valid)
    for (const auto& g : given)
      if (g.first == v) call.options.push_back(g);

  // Measure.
  if (kpi == "RETURNS") {
    call.measure = Measure::Value;
    if (!isEmpty(o.baseline)) {
      auto b = valueNumber(o.baseline);
      if (!b || *b <= 0)
        throw UserError(where + ": Baseline \"" + valueText(o.baseline) +
                        "\" must be a returns value greater than 0 (e.g. last year's total), or empty.");
      call.reduction = true;
      call.measure = Measure::Reduction;
      for (const auto& g : given)
        if (g.first == "From" || g.first == "To")
          throw UserError(where +
                          ": a RETURNS objective with a Baseline is measured from Start to Due (to today "
                          "while it runs); remove the option " +
                          g.first + ".");
      if (!valueDate(o.start, 0) || !valueDate(o.due, 0))
        throw UserError(
            where +
            ": a RETURNS objective with a Baseline needs Start and Due: the Baseline is the value "
            "of a span as long as Start to Due (e.g. last year), compared pro rata.");
    }
  } else if (kpi == "TURNAROUNDDAYS") {
    call.measure = Measure::Days;
  }
  call.lowerIsBetter = iequals(trim(o.direction), "lower");
  return call;
}

std::string renderCall(const FunctionSpec& fn, const KpiCall& call, const std::string& today,
                       const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> args;
  for (std::size_t i = 0; i < fn.args.size(); ++i) {
    std::string_view name = fn.args[i].name;
    std::string expr;
    if (i == 0) {
      expr = call.data;
    } else {
      bool found = false;
      for (const auto& ov : overrides)
        if (ov.first == name) {
          expr = ov.second;
          found = true;
        }
      if (!found)
        for (const auto& op : call.options)
          if (op.first == name) expr = replaceToday(op.second, today);
    }
    args.push_back(expr);
  }
  while (!args.empty() && args.back().empty()) args.pop_back();
  std::string r = std::string(fn.name) + "(";
  for (std::size_t i = 0; i < args.size(); ++i) r += (i ? ";" : "") + args[i];
  return r + ")";
}

std::string elapsedShareExpression(const CallRefs& refs) {
  return "(MIN(" + refs.today + ";" + refs.due + ")-" + refs.start + "+1)/(" + refs.due + "-" + refs.start +
         "+1)";
}

std::string actualExpression(const KpiCall& call, const CallRefs& refs) {
  if (!call.reduction) return renderCall(*call.fn, call, refs.today);
  std::string current = renderCall(
      *call.fn, call, refs.today, {{"From", refs.start}, {"To", "MIN(" + refs.today + ";" + refs.due + ")"}});
  return "REDUCTION(" + refs.baseline + "*" + elapsedShareExpression(refs) + ";" + current + ")";
}

const char* measureStyle(Measure m) {
  switch (m) {
    case Measure::Value:
      return kNumber;
    case Measure::Days:
      return kDays;
    default:
      return kPercent;
  }
}

std::string measureLabel(const KpiCall& call) {
  if (call.reduction) return "Reduction";
  std::string n(call.fn->name);
  if (n == "RETURNS") return "Returns value";
  if (n == "TURNAROUNDDAYS") return "Turnaround days";
  if (n == "TURNAROUND") return "Turnaround";
  if (n == "RFTJOBS") return "RFT (jobs)";
  return n;
}

}  // namespace qkpi::objectives::detail
