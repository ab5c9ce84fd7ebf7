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
// Each argument accepts the forms that make sense for its ArgKind in the
// function table (a date for From, a number 0...1 for QtyTolerance ...), and a
// literal value must pass the very validator the function reads it with
// (kpi/arg_kinds.h checkArgument); anything else is a UserError that names the
// row, the option and what is expected.
//
// As of the review date, always: when the Options do not set the KPI's as-of
// argument (KpiFacts::asOfArgument: To for OTIF, ONTIME, INFULL; AsOf for
// TURNAROUND, TURNAROUNDDAYS), parseKpi adds it as TODAY(), so the register's
// live Actual reads e.g. OTIF(...;TODAY();...) and the review, which replaces
// TODAY() by its date, measures as of the review date. Lines not due yet are
// then left out instead of counting as failures. Options that set To/AsOf win.
// The KPI list, measure, label, ...BY
// function, per-segment headers and proposed action come from the function
// table's KpiFacts.
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "kpi/arg_kinds.h"
#include "kpi/dates.h"
#include "objectives/formula.h"
#include "objectives/internal.h"
#include "objectives/objectives.h"

namespace qkpi::objectives::detail {
namespace {

// The functions a register row may name: those with KpiFacts, in table order.
const std::vector<std::string>& kpis() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> r;
    for (const FunctionSpec& f : functionTable())
      if (f.kpi) r.emplace_back(f.name);
    return r;
  }();
  return names;
}

std::string joinNames(const std::vector<std::string>& names) {
  std::string r;
  for (const auto& n : names) r += (r.empty() ? "" : ", ") + n;
  return r;
}

// ---- references -------------------------------------------------------------

struct Ref {
  std::string text;   // normalised: $Sheet.A2:D100 or a name
  std::string sheet;  // "" for a name
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
// A small left-to-right scanner for the reference and option forms below:
// no backtracking and no recursion, so any length of input is linear time
// and constant stack (std::regex recursed per character and overflowed the
// stack on values of ~30 k characters, taking Calc down).
class Scan {
 public:
  explicit Scan(std::string_view s) : s_(s) {}
  bool atEnd() const { return i_ == s_.size(); }
  std::size_t pos() const { return i_; }
  void skipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool take(char c) {
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool takeAny(std::string_view chars) {
    if (i_ < s_.size() && chars.find(s_[i_]) != std::string_view::npos) return ++i_, true;
    return false;
  }
  // A word, ignoring ASCII case.
  bool takeWord(std::string_view w) {
    if (s_.size() - i_ < w.size() || !iequals(s_.substr(i_, w.size()), w)) return false;
    i_ += w.size();
    return true;
  }
  // min..max characters of `pred`; the text taken, or nullopt (nothing taken).
  template <typename Pred>
  std::optional<std::string_view> run(std::size_t min, std::size_t max, Pred pred) {
    std::size_t start = i_;
    while (i_ < s_.size() && i_ - start < max && pred(static_cast<unsigned char>(s_[i_]))) ++i_;
    if (i_ - start < min) {
      i_ = start;
      return std::nullopt;
    }
    return s_.substr(start, i_ - start);
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool isAlpha(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool isDigit(unsigned char c) {
  return c >= '0' && c <= '9';
}

// $?LETTERS$?DIGITS with 1-3 letters and 1-7 digits (or any number of digits).
struct CellName {
  std::string text;  // as written
  std::string_view letters, digits;
};
std::optional<CellName> scanCell(Scan& sc, std::string_view s, std::size_t maxDigits) {
  std::size_t start = sc.pos();
  sc.take('$');
  auto letters = sc.run(1, 3, isAlpha);
  if (!letters) return std::nullopt;
  sc.take('$');
  auto digits = sc.run(1, maxDigits, isDigit);
  if (!digits) return std::nullopt;
  return CellName{std::string(s.substr(start, sc.pos() - start)), *letters, *digits};
}

// $Sheet.A1, $'My sheet'.A1:B9, Sheet!A1 (sheet required); nullopt otherwise.
std::optional<Ref> scanCellRange(std::string_view s) {
  Scan sc(s);
  sc.take('$');
  std::string sheet;
  if (sc.take('\'')) {
    // '...' with '' for a quote inside; not empty.
    for (;;) {
      if (sc.atEnd()) return std::nullopt;
      if (sc.take('\'')) {
        if (!sc.take('\'')) break;
        sheet += '\'';
      } else {
        sheet += s[sc.pos()];
        sc.run(1, 1, [](unsigned char) { return true; });
      }
    }
    if (sheet.empty()) return std::nullopt;
  } else {
    auto first = sc.run(1, 1, [](unsigned char c) { return isAlpha(c) || c == '_'; });
    if (!first) return std::nullopt;
    auto rest = sc.run(0, s.size(), [](unsigned char c) {
      return isAlpha(c) || isDigit(c) || c == '_' || c == ' ' || c == '-';
    });
    sheet = trim(std::string(*first) + std::string(rest.value_or("")));
  }
  sc.skipSpace();
  if (!sc.takeAny(".!")) return std::nullopt;
  sc.skipSpace();
  auto c1 = scanCell(sc, s, 7);
  if (!c1) return std::nullopt;
  std::optional<CellName> c2;
  sc.skipSpace();
  if (sc.take(':')) {
    sc.skipSpace();
    c2 = scanCell(sc, s, 7);
    if (!c2) return std::nullopt;
  }
  if (!sc.atEnd()) return std::nullopt;
  Ref r;
  r.sheet = sheet;
  r.text = sheetPrefix(sheet) + upperCell(c1->text);
  r.singleCell = !c2;
  r.cols = 1;
  if (c2) {
    r.text += ":" + upperCell(c2->text);
    int col1 = columnIndex(std::string(c1->letters)), col2 = columnIndex(std::string(c2->letters));
    r.cols = std::abs(col2 - col1) + 1;
    r.singleCell = col1 == col2 && std::stol(std::string(c1->digits)) == std::stol(std::string(c2->digits));
  }
  return r;
}

// A named range: [A-Za-z_\\][A-Za-z0-9_.]*, but not a bare cell (A1, $B$2) and not TRUE/FALSE.
bool isRangeName(std::string_view s) {
  Scan sc(s);
  if (!sc.run(1, 1, [](unsigned char c) { return isAlpha(c) || c == '_' || c == '\\'; })) return false;
  sc.run(0, s.size(), [](unsigned char c) { return isAlpha(c) || isDigit(c) || c == '_' || c == '.'; });
  if (!sc.atEnd()) return false;
  Scan cell(s);
  if (scanCell(cell, s, s.size()) && cell.atEnd()) return false;
  return !iequals(s, "TRUE") && !iequals(s, "FALSE");
}

std::optional<Ref> parseRef(const std::string& s) {
  if (auto r = scanCellRange(s)) return r;
  if (isRangeName(s)) {
    Ref r;
    r.text = s;
    r.named = true;
    return r;
  }
  return std::nullopt;
}

// TODAY() with an optional +N / -N: the suffix ("", "+30", "-30").
std::optional<std::string> scanToday(std::string_view v) {
  Scan sc(v);
  if (!sc.takeWord("TODAY(")) return std::nullopt;
  sc.skipSpace();
  if (!sc.take(')')) return std::nullopt;
  sc.skipSpace();
  if (sc.atEnd()) return std::string();
  std::string sign(1, v[sc.pos()]);
  if (!sc.takeAny("+-")) return std::nullopt;
  sc.skipSpace();
  auto n = sc.run(1, v.size(), isDigit);
  if (!n || !sc.atEnd()) return std::nullopt;
  return sign + std::string(*n);
}

// DATE(yyyy;m;d) (also with ','): the three numbers.
std::optional<std::array<int, 3>> scanDate(std::string_view v) {
  Scan sc(v);
  if (!sc.takeWord("DATE(")) return std::nullopt;
  std::array<int, 3> ymd{};
  const std::size_t maxDigits[] = {4, 2, 2}, minDigits[] = {4, 1, 1};
  for (std::size_t k = 0; k < 3; ++k) {
    sc.skipSpace();
    if (k > 0) {
      if (!sc.takeAny(";,")) return std::nullopt;
      sc.skipSpace();
    }
    auto n = sc.run(minDigits[k], maxDigits[k], isDigit);
    if (!n) return std::nullopt;
    ymd[k] = std::stoi(std::string(*n));
  }
  sc.skipSpace();
  if (!sc.take(')') || !sc.atEnd()) return std::nullopt;
  return ymd;
}

// ---- option values --------------------------------------------------------------

std::string expected(ArgKind k, Lang lang) {
  switch (k) {
    case ArgKind::Date:
      return tr(
          lang,
          "a date such as 2026-01-01, DATE(2026;1;1), TODAY() or TODAY()-30, or a cell such as $Settings.B2");
    case ArgKind::Count:
      return tr(lang, "a number of days of 0 or more, e.g. 2");
    case ArgKind::Fraction:
      return tr(lang, "a fraction from 0 to 1, e.g. 0.02 or 2%");
    case ArgKind::Percentile:
      return tr(lang, "a fraction greater than 0 and at most 1, e.g. 0.9 or 90%");
    case ArgKind::Columns:
      return tr(lang, "the positions of the fields inside Data in braces, e.g. {6;8;5;7}");
    case ArgKind::Weekend:
      return tr(
          lang,
          "a 7-character mask such as \"0000011\" (Monday first, 1 = day off) or a weekend number 1-7 or 11-17");
    case ArgKind::Holidays:
      return tr(
          lang,
          "a range or named range of dates such as Holidays or $Holidays.A2:A40, or dates in braces such as {\"2026-12-24\";\"2026-12-25\"}");
    case ArgKind::Keys:
      return tr(
          lang,
          "one column as long as Data with the order numbers, with its sheet, e.g. $Deliveries.B2:B20001");
    default:
      break;
  }
  return tr(lang, "a number, a date, a text in quotes, an array in braces or a reference");
}

// The kinds that take a block of cells (a range, a named range or an inline array).
bool takesBlock(ArgKind k) {
  return k == ArgKind::Columns || k == ArgKind::Holidays || k == ArgKind::Keys;
}

// Whether the functions accept `value` for an argument of `kind`: the very
// validator they read it with (kpi/arg_kinds.h).
bool accepts(ArgKind kind, const Arg& value) {
  try {
    checkArgument(kind, value, Context{}, "option");
    return true;
  } catch (const ArgumentError&) {
    return false;
  }
}

bool acceptsText(ArgKind kind, const std::string& text) {
  std::u16string wide = utf16(text);
  return accepts(kind, Arg::scalar(Cell::of(std::u16string_view(wide))));
}

std::optional<double> parseNumber(const std::string& s) {
  return valueNumber(Value(s));
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

// One element of an inline array as the function receives it (a number, or a
// text: quoted, or an ISO date) and as the formula writes it.
struct Element {
  std::string expr;
  std::optional<double> number;
  std::u16string text;
};

std::optional<Element> arrayElement(const std::string& raw, ArgKind kind) {
  std::string e = trim(raw);
  if (kind != ArgKind::Columns) {
    if (isQuoted(e)) return Element{quoted(unquote(e)), std::nullopt, utf16(unquote(e))};
    if (parseIsoDate(e)) return Element{quoted(e), std::nullopt, utf16(e)};
  }
  // A number; 50% is no element of an inline array.
  if (auto n = parseNumber(e); n && e.find('%') == std::string::npos) return Element{numberText(*n), n, {}};
  return std::nullopt;
}

std::optional<std::string> parseArray(const std::string& s, ArgKind kind) {
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
  std::vector<Element> elements;
  for (const std::string& part : parts) {
    auto e = arrayElement(part, kind);
    if (!e) return std::nullopt;
    elements.push_back(std::move(*e));
  }
  std::vector<Cell> cells;
  std::string r = "{";
  for (const Element& e : elements) {
    cells.push_back(e.number ? Cell::of(*e.number) : Cell::of(std::u16string_view(e.text)));
    r += (r.size() > 1 ? ";" : "") + e.expr;
  }
  const std::size_t n = cells.size();
  if (!accepts(kind, Arg::cells(1, n, std::move(cells)))) return std::nullopt;
  return r + "}";
}

// A single literal: text when quoted, else a number when it reads as one,
// checked by the function's validator.
std::optional<std::string> scalarExpression(const std::string& v, ArgKind kind) {
  const bool isText = isQuoted(v);
  const std::string text = isText ? unquote(v) : v;
  std::optional<double> n = isText ? std::nullopt : parseNumber(v);
  // A weekend mask is text, though 0000011 also reads as the number 11.
  if (n && kind == ArgKind::Weekend && acceptsText(kind, text)) n.reset();
  if (n) {
    // A bare number is no date here (2026 is a year, 46000 a typo).
    if (kind == ArgKind::Date || kind == ArgKind::Holidays) return std::nullopt;
    if (!accepts(kind, Arg::scalar(Cell::of(*n)))) return std::nullopt;
    return numberText(*n);
  }
  if (text.empty() || !acceptsText(kind, text)) return std::nullopt;
  return quoted(text);
}

// The formula expression of one option value, or nullopt when the value does
// not fit the argument.
std::optional<std::string> optionExpression(const std::string& value, ArgKind kind) {
  const std::string& v = value;
  const bool takesDate = kind == ArgKind::Date || kind == ArgKind::Holidays;

  // References first: a cell fits every argument; a block of cells or a
  // named range only the arguments that take several values (a bare word
  // such as "abc" for LateDays is a mistake, not a name).
  if (auto ref = parseRef(v)) {
    if (kind == ArgKind::Keys) return ref->named || ref->cols == 1 ? std::optional(ref->text) : std::nullopt;
    if (ref->singleCell) return formula::blankAsEmpty(ref->text);
    if (!takesBlock(kind)) return std::nullopt;
    return ref->text;
  }
  if (kind == ArgKind::Keys) return std::nullopt;  // a column, nothing else
  if (auto suffix = scanToday(v)) {
    if (kind != ArgKind::Date) return std::nullopt;
    return "TODAY()" + *suffix;
  }
  if (auto date = scanDate(v)) {
    if (!takesDate) return std::nullopt;
    int y = (*date)[0], mo = (*date)[1], d = (*date)[2];
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return std::nullopt;
    return formula::call("DATE", {std::to_string(y), std::to_string(mo), std::to_string(d)});
  }
  std::string text = isQuoted(v) ? unquote(v) : v;
  if (auto ymd = dates::parseIso(trim(text))) {
    if (!takesDate) return std::nullopt;
    const std::string iso = dates::isoText(*ymd);
    if (!acceptsText(kind, iso)) return std::nullopt;
    return formula::text(iso);
  }
  if (!v.empty() && v.front() == '{') {
    if (!takesBlock(kind)) return std::nullopt;
    return parseArray(v, kind);
  }
  // Columns as a list without braces: 6,8,5,7.
  if (kind == ArgKind::Columns && v.find(',') != std::string::npos) return parseArray("{" + v + "}", kind);
  return scalarExpression(v, kind);
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

// ---- parseKpi, step by step -------------------------------------------------------

// The KPI name, upper case, as a function with KpiFacts.
const FunctionSpec& kpiFunction(const Objective& o, const std::string& where, Lang lang) {
  std::string kpi = trim(o.kpi);
  for (char& c : kpi) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (kpi.empty())
    throw UserError(trf(lang, "{1}: KPI is empty. Choose one of {2}.", {where, joinNames(kpis())}));
  if (std::find(kpis().begin(), kpis().end(), kpi) == kpis().end()) {
    std::string hint;
    if (kpi.size() > 2 && kpi.ends_with("BY") &&
        std::find(kpis().begin(), kpis().end(), kpi.substr(0, kpi.size() - 2)) != kpis().end())
      hint = trf(lang, " Use {1} with a Segment by column: the review adds the per-segment table.",
                 {kpi.substr(0, kpi.size() - 2)});
    else if (kpi == "REDUCTION")
      hint = tr(
          lang,
          " For a reduction objective use RETURNS with a Baseline and the target reduction as Target (50% = halved).");
    throw UserError(
        trf(lang, "{1}: unknown KPI \"{2}\". Choose one of {3}.", {where, trim(o.kpi), joinNames(kpis())}) +
        hint);
  }
  return *findFunction(kpi);  // kpis() lists functions of the table only
}

std::string dataReference(const Objective& o, std::string_view kpi, const std::string& where, Lang lang) {
  std::string data = trim(o.data);
  if (data.empty())
    throw UserError(trf(
        lang, "{1}: Data is empty. Give the {2} table as a range with its sheet, e.g. $Deliveries.D2:G20001.",
        {where, kpi}));
  auto ref = parseRef(data);
  if (!ref)
    throw UserError(trf(
        lang,
        "{1}: Data \"{2}\" is not a range. Write the range with its sheet, e.g. $Deliveries.D2:G20001, or a named range.",
        {where, data}));
  return ref->text;
}

bool hasKind(const FunctionSpec& fn, ArgKind kind) {
  return std::any_of(fn.args.begin(), fn.args.end(), [&](const ArgSpec& a) { return a.kind == kind; });
}

// "" when Segment by is empty.
std::string segmentByReference(const Objective& o, const FunctionSpec& fn, const std::string& where,
                               Lang lang) {
  std::string seg = trim(o.segmentBy);
  if (seg.empty()) return {};
  if (!hasKind(fn, ArgKind::Segments))
    throw UserError(trf(lang, "{1}: {2} has no segments; leave Segment by empty.", {where, fn.name}));
  auto ref = parseRef(seg);
  if (!ref || (!ref->named && ref->cols != 1))
    throw UserError(trf(
        lang,
        "{1}: Segment by \"{2}\" must be one column with its sheet, as long as Data, e.g. $Deliveries.A2:A20001.",
        {where, seg}));
  return ref->text;
}

// The options of the register row: every argument after the data, except
// the segments (the Segment by column gives them).
// A delivery KPI (KpiFacts::deliverySystem) also takes OTIFORDERS' Orders, for
// the review's order figure (renderCall passes it only to a function that has it).
std::vector<const ArgSpec*> optionArgs(const FunctionSpec& fn) {
  std::vector<const ArgSpec*> r;
  for (std::size_t i = 1; i < fn.args.size(); ++i)
    if (fn.args[i].kind != ArgKind::Segments && fn.args[i].kind != ArgKind::Segment) r.push_back(&fn.args[i]);
  const bool hasOrders =
      std::any_of(r.begin(), r.end(), [](const ArgSpec* a) { return a->kind == ArgKind::Keys; });
  if (fn.kpi && fn.kpi->deliverySystem && !hasOrders) {
    const FunctionSpec* orders = findFunction(kOrdersFunction);
    if (!orders) throw std::logic_error("objectives: no function " + std::string(kOrdersFunction));
    for (const ArgSpec& a : orders->args)
      if (a.kind == ArgKind::Keys) r.push_back(&a);
  }
  return r;
}

// The options given, in the function's argument order: (argument name, expression).
std::vector<std::pair<std::string, std::string>> parseOptions(const Objective& o, const FunctionSpec& fn,
                                                              const std::string& where, Lang lang) {
  const std::vector<const ArgSpec*> valid = optionArgs(fn);
  std::vector<std::string> names;
  for (const ArgSpec* a : valid) names.emplace_back(a->name);
  const std::string validText = valid.empty() ? tr(lang, "none") : joinNames(names);
  const std::string kpi(fn.name);
  std::vector<std::pair<const ArgSpec*, std::string>> given;
  for (const std::string& part : splitOptions(o.options)) {
    auto eq = part.find('=');
    if (eq == std::string::npos)
      throw UserError(trf(
          lang,
          "{1}: option \"{2}\" has no '='. Write options as Name=value separated by ';', e.g. From=2026-01-01; LateDays=2. Valid options for {3}: {4}.",
          {where, part, kpi, validText}));
    std::string name = trim(part.substr(0, eq));
    std::string value = trim(part.substr(eq + 1));
    auto it =
        std::find_if(valid.begin(), valid.end(), [&](const ArgSpec* v) { return iequals(v->name, name); });
    if (it == valid.end()) {
      std::string hint;
      if (iequals(name, "Segment") || iequals(name, "Segments"))
        hint = tr(lang, " Segments go in the Segment by column; the review shows every segment.");
      throw UserError(trf(lang, "{1}: unknown option \"{2}\" for {3}. Valid options: {4}.",
                          {where, name, kpi, validText}) +
                      hint);
    }
    const ArgSpec& arg = **it;
    const std::string argName(arg.name);
    if (std::any_of(given.begin(), given.end(), [&](const auto& g) { return g.first == &arg; }))
      throw UserError(trf(lang, "{1}: option {2} is given twice.", {where, argName}));
    if (value.empty())
      throw UserError(trf(lang, "{1}: option {2} has no value. Expected {3}.",
                          {where, argName, expected(arg.kind, lang)}));
    auto expr = optionExpression(value, arg.kind);
    if (!expr)
      throw UserError(trf(lang, "{1}: option {2}={3} is not valid. Expected {4}.",
                          {where, argName, value, expected(arg.kind, lang)}));
    given.emplace_back(&arg, *expr);
  }
  std::vector<std::pair<std::string, std::string>> ordered;
  for (const ArgSpec* v : valid) {
    bool found = false;
    for (const auto& g : given)
      if (g.first == v) {
        ordered.emplace_back(std::string(v->name), g.second);
        found = true;
      }
    const bool own = v >= fn.args.data() && v < fn.args.data() + fn.args.size();  // not OTIFORDERS' Orders
    if (!found && own && v->required)
      throw UserError(
          trf(lang, "{1}: {2} needs the option {3}=: {4}.", {where, kpi, v->name, expected(v->kind, lang)}));
  }
  return ordered;
}

// The measure, and for a KPI whose Baseline means a reduction the checks of
// Baseline, Start and Due.
void setMeasure(KpiCall& call, const Objective& o, const std::string& where, Lang lang) {
  const KpiFacts& facts = *call.fn->kpi;
  switch (facts.measure) {
    case MeasureKind::Ratio:
      call.measure = Measure::Ratio;
      break;
    case MeasureKind::Amount:
      call.measure = Measure::Value;
      break;
    case MeasureKind::Days:
      call.measure = Measure::Days;
      break;
  }
  if (!facts.reductionWithBaseline || isEmpty(o.baseline)) return;
  const std::string kpi(call.fn->name);
  auto b = valueNumber(o.baseline);
  if (!b || *b <= 0)
    throw UserError(trf(
        lang,
        "{1}: Baseline \"{2}\" must be a returns value greater than 0 (e.g. last year's total), or empty.",
        {where, valueText(o.baseline)}));
  call.reduction = true;
  call.measure = Measure::Reduction;
  for (const auto& g : call.options)
    if (g.first == "From" || g.first == "To")
      throw UserError(trf(
          lang,
          "{1}: a {2} objective with a Baseline is measured from Start to Due (to today while it runs); remove the option {3}.",
          {where, kpi, g.first}));
  if (!valueDate(o.start, 0) || !valueDate(o.due, 0))
    throw UserError(trf(
        lang,
        "{1}: a {2} objective with a Baseline needs Start and Due: the Baseline is the value of a span as long as Start to Due (e.g. last year), compared pro rata.",
        {where, kpi}));
}

// The number of fields of the Data layout: the positions listed in an inline
// Columns option, else the width of Data; 0 when unknown (a named range, a
// Columns reference).
int fieldCount(const KpiCall& call, const std::string& data) {
  for (const auto& op : call.options)
    if (op.first == "Columns") {
      if (op.second.empty() || op.second.front() != '{') return 0;
      return static_cast<int>(std::count(op.second.begin(), op.second.end(), ';')) + 1;
    }
  auto ref = parseRef(data);
  return ref && !ref->named ? ref->cols : 0;
}

// As of the review date, always: a KPI with an as-of argument
// (KpiFacts::asOfArgument: To for the delivery KPIs, AsOf for the turnaround
// ones) whose Options do not set it gets TODAY() - the review date in the
// review. Not for a Data layout without dates (KpiFacts::undatedFields).
void addAsOfDefault(KpiCall& call, const std::string& data) {
  const KpiFacts& facts = *call.fn->kpi;
  if (facts.asOfArgument.empty() || call.reduction) return;
  for (const auto& op : call.options)
    if (op.first == facts.asOfArgument) return;
  if (facts.undatedFields > 0 && fieldCount(call, data) == facts.undatedFields) return;
  // Inserted in the function's argument order, as parseOptions orders the options.
  std::vector<std::pair<std::string, std::string>> ordered;
  bool added = false;
  for (const ArgSpec* a : optionArgs(*call.fn)) {
    if (a->name == facts.asOfArgument) {
      ordered.emplace_back(std::string(a->name), "TODAY()");
      added = true;
    }
    for (const auto& op : call.options)
      if (op.first == a->name) ordered.push_back(op);
  }
  if (!added) throw std::logic_error("objectives: no argument " + std::string(facts.asOfArgument));
  call.options = std::move(ordered);
  call.asOfDefaulted = true;
}

}  // namespace

std::string replaceToday(const std::string& expr, const std::string& today) {
  if (today == "TODAY()") return expr;
  std::string r = expr;
  for (std::size_t pos = 0; (pos = r.find("TODAY()", pos)) != std::string::npos; pos += today.size())
    r.replace(pos, 7, today);
  return r;
}

const std::vector<std::string>& kpiNames() {
  return kpis();
}

KpiCall parseKpi(const Objective& o, Lang lang) {
  const std::string where = rowLabel(o, lang);
  KpiCall call;
  call.fn = &kpiFunction(o, where, lang);
  const KpiFacts& facts = *call.fn->kpi;
  if (!facts.byFunction.empty()) {
    call.byFn = findFunction(facts.byFunction);
    if (!call.byFn) throw std::logic_error("objectives: no function " + std::string(facts.byFunction));
  }
  call.data = dataReference(o, call.fn->name, where, lang);
  call.segmentBy = segmentByReference(o, *call.fn, where, lang);
  call.options = parseOptions(o, *call.fn, where, lang);
  setMeasure(call, o, where, lang);
  addAsOfDefault(call, call.data);
  call.deliverySystem = facts.deliverySystem && !call.reduction &&
                        !(facts.undatedFields > 0 && fieldCount(call, call.data) == facts.undatedFields);
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

std::string measureLabel(const KpiCall& call, Lang lang) {
  if (call.reduction) return tr(lang, "Reduction");
  return in(call.fn->kpi->label, lang);
}

std::vector<std::string> segmentTableHeaders(const KpiCall& call, Lang lang) {
  std::vector<std::string> headers;
  if (call.byFn) {
    for (const LocalText& c : call.fn->kpi->segmentColumns) headers.push_back(in(c, lang));
  } else {
    headers = {tr(lang, "Segment"), measureLabel(call, lang)};
  }
  headers.push_back(tr(lang, "Status"));
  return headers;
}

std::string proposedAction(std::string_view kpi, Lang lang) {
  std::string k = trim(kpi);
  for (char& c : k) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const FunctionSpec* f = findFunction(k); f && f->kpi) return in(f->kpi->proposedAction, lang);
  return tr(
      lang,
      "Analyse the gap to target, find the main causes and agree corrective actions; check the effect at the next review.");
}

std::u16string utf16(std::string_view utf8) {
  // ICU's conversion; invalid bytes become U+FFFD.
  std::u16string r(utf8.size(), u'\0');  // never more UTF-16 units than bytes
  int32_t len = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strFromUTF8WithSub(reinterpret_cast<UChar*>(r.data()), static_cast<int32_t>(r.size()), &len, utf8.data(),
                       static_cast<int32_t>(utf8.size()), 0xFFFD, nullptr, &err);
  if (U_FAILURE(err)) return u"\uFFFD";
  r.resize(static_cast<std::size_t>(len));
  return r;
}

std::string utf8(std::u16string_view text) {
  std::string r(text.size() * 3, '\0');  // at most 3 bytes per UTF-16 unit
  int32_t len = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strToUTF8WithSub(r.data(), static_cast<int32_t>(r.size()), &len,
                     reinterpret_cast<const UChar*>(text.data()), static_cast<int32_t>(text.size()), 0xFFFD,
                     nullptr, &err);
  if (U_FAILURE(err)) return "\xEF\xBF\xBD";
  r.resize(static_cast<std::size_t>(len));
  return r;
}

std::optional<ParsedReference> parseReference(const std::string& s) {
  auto r = parseRef(trim(s));
  if (!r) return std::nullopt;
  return ParsedReference{r->text, r->sheet, r->named, r->cols};
}

}  // namespace qkpi::objectives::detail
