// Explain <sheet> <cell> (see explain.h): the formula parser, the arguments as
// Calc hands them to the add-in, and the sheet. Every judgement comes from
// the KPI library (kpi explain hooks); nothing here decides a row.
#include "objectives/explain.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <deque>
#include <map>
#include <optional>
#include <string>

#include "kpi/dates.h"
#include "objectives/formula.h"
#include "objectives/internal.h"

namespace qkpi::objectives {

using namespace detail;

namespace {

constexpr std::string_view kAddInPrefix = "ORG.QKPI.QUALITYKPI.";

std::string upper(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

// "A" -> 0, "AB" -> 27; nullopt when not 1-3 letters.
std::optional<int> columnIndex(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return std::nullopt;
  int col = 0;
  for (char ch : letters) {
    if (!std::isalpha(static_cast<unsigned char>(ch))) return std::nullopt;
    col = col * 26 + (std::toupper(static_cast<unsigned char>(ch)) - 'A' + 1);
  }
  return col - 1;
}

// A cell address "$D$2", "d2" -> (row, col).
std::optional<std::pair<int, int>> cellAddress(std::string_view a) {
  std::size_t i = 0;
  if (i < a.size() && a[i] == '$') ++i;
  std::size_t l = i;
  while (i < a.size() && std::isalpha(static_cast<unsigned char>(a[i]))) ++i;
  auto col = columnIndex(a.substr(l, i - l));
  if (!col) return std::nullopt;
  if (i < a.size() && a[i] == '$') ++i;
  std::size_t d = i;
  long row = 0;
  while (i < a.size() && std::isdigit(static_cast<unsigned char>(a[i]))) {
    row = row * 10 + (a[i] - '0');
    if (row > 10'000'000) return std::nullopt;
    ++i;
  }
  if (i == d || i != a.size() || row < 1) return std::nullopt;
  return std::pair<int, int>{static_cast<int>(row - 1), *col};
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Expr formula() {
    ws();
    if (i_ < s_.size() && s_[i_] == '=') ++i_;
    Expr e = expr();
    ws();
    if (i_ != s_.size()) fail();
    return e;
  }

 private:
  [[noreturn]] void fail() { throw std::invalid_argument("formula"); }
  void ws() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool at(char c) {
    ws();
    return i_ < s_.size() && s_[i_] == c;
  }
  std::string sourceFrom(std::size_t start) const { return trim(s_.substr(start, i_ - start)); }

  static bool isOperator(char c) {
    return c == '+' || c == '-' || c == '*' || c == '/' || c == '^' || c == '&' || c == '=' || c == '<' ||
           c == '>' || c == '~' || c == '!';
  }

  // Operands joined by binary operators: one operand is itself, more are Other.
  Expr expr() {
    const std::size_t start = i_;
    Expr first = unary();
    ws();
    if (i_ >= s_.size() || !isOperator(s_[i_])) return first;
    Expr other;
    other.kind = Expr::Kind::Other;
    other.args.push_back(std::move(first));
    while (i_ < s_.size() && isOperator(s_[i_])) {
      while (i_ < s_.size() && isOperator(s_[i_]) && s_[i_] != '-' && s_[i_] != '+') ++i_;  // <=, <> ...
      if (i_ < s_.size() && (s_[i_] == '-' || s_[i_] == '+')) ++i_;
      other.args.push_back(unary());
      ws();
    }
    other.source = sourceFrom(start);
    return other;
  }

  Expr unary() {
    ws();
    const std::size_t start = i_;
    if (i_ < s_.size() && (s_[i_] == '-' || s_[i_] == '+')) {
      const bool minus = s_[i_] == '-';
      ++i_;
      Expr inner = unary();
      if (!minus) return inner;
      Expr e;
      e.kind = Expr::Kind::Neg;
      e.args.push_back(std::move(inner));
      e.source = sourceFrom(start);
      return e;
    }
    Expr e = primary();
    ws();
    while (i_ < s_.size() && s_[i_] == '%') {
      ++i_;
      if (e.kind == Expr::Kind::Number) {
        e.number /= 100;
      } else {
        Expr o;
        o.kind = Expr::Kind::Other;
        o.args.push_back(std::move(e));
        e = std::move(o);
      }
      e.source = sourceFrom(start);
    }
    return e;
  }

  std::string quotedText(char q) {
    ++i_;  // opening quote
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) fail();
      if (s_[i_] == q) {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == q) {
          out += q;
          i_ += 2;
          continue;
        }
        ++i_;
        return out;
      }
      out += s_[i_++];
    }
  }

  std::string word() {
    std::size_t b = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' ||
                              s_[i_] == '.' || s_[i_] == '$'))
      ++i_;
    return std::string(s_.substr(b, i_ - b));
  }

  // One end of a reference: [$]['Sheet'|Sheet].cell or cell. false when it is none.
  bool refPart(std::string& sheet, bool& hasSheet, int& row, int& col) {
    ws();
    const std::size_t save = i_;
    hasSheet = false;
    if (i_ < s_.size() && s_[i_] == '$' && i_ + 1 < s_.size() && s_[i_ + 1] == '\'') ++i_;
    if (i_ < s_.size() && s_[i_] == '\'') {
      sheet = quotedText('\'');
      if (i_ >= s_.size() || s_[i_] != '.') {
        i_ = save;
        return false;
      }
      ++i_;
      hasSheet = true;
      auto a = cellAddress(word());
      if (!a) {
        i_ = save;
        return false;
      }
      row = a->first;
      col = a->second;
      return true;
    }
    std::string w = word();
    std::string_view cell = w;
    const std::size_t dot = w.rfind('.');
    if (dot != std::string::npos) {
      std::string_view sh = std::string_view(w).substr(0, dot);
      if (!sh.empty() && sh.front() == '$') sh.remove_prefix(1);
      sheet = std::string(sh);
      hasSheet = true;
      cell = std::string_view(w).substr(dot + 1);
    }
    auto a = cellAddress(cell);
    if (!a || (hasSheet && sheet.empty())) {
      i_ = save;
      return false;
    }
    row = a->first;
    col = a->second;
    return true;
  }

  Expr primary() {
    ws();
    if (i_ >= s_.size()) fail();
    const std::size_t start = i_;
    const char c = s_[i_];
    if (c == '(') {
      ++i_;
      Expr inner = expr();
      if (!at(')')) fail();
      ++i_;
      return inner;
    }
    if (c == '"') {
      Expr e;
      e.kind = Expr::Kind::Text;
      e.text = quotedText('"');
      e.source = sourceFrom(start);
      return e;
    }
    if (c == '{') return array();
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number();
    // A reference (maybe with a quoted sheet), a call, a name or TRUE/FALSE.
    std::string sheet;
    bool hasSheet = false;
    int row = 0, col = 0;
    if (refPart(sheet, hasSheet, row, col)) {
      Expr e;
      e.kind = Expr::Kind::Ref;
      e.sheet = sheet;
      e.firstRow = e.lastRow = row;
      e.firstCol = e.lastCol = col;
      ws();
      if (i_ < s_.size() && s_[i_] == ':') {
        ++i_;
        std::string sheet2;
        bool has2 = false;
        if (!refPart(sheet2, has2, row, col)) fail();
        if (has2 && !iequals(sheet2, sheet)) fail();
        e.firstRow = std::min(e.firstRow, row);
        e.lastRow = std::max(e.lastRow, row);
        e.firstCol = std::min(e.firstCol, col);
        e.lastCol = std::max(e.lastCol, col);
      }
      if (!hasSheet) e.sheet.clear();
      e.source = sourceFrom(start);
      return e;
    }
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$')) fail();
    std::string w = word();
    if (w.empty()) fail();
    if (at('(')) {
      ++i_;
      Expr e;
      e.kind = Expr::Kind::Call;
      e.text = upper(w);
      if (e.text.starts_with(kAddInPrefix)) e.text.erase(0, kAddInPrefix.size());
      if (!at(')')) {
        for (;;) {
          ws();
          if (i_ < s_.size() && (s_[i_] == ';' || s_[i_] == ')')) {
            e.args.emplace_back();  // left out
          } else {
            e.args.push_back(expr());
          }
          if (at(';')) {
            ++i_;
            continue;
          }
          if (at(')')) break;
          fail();
        }
      }
      ++i_;  // ')'
      e.source = sourceFrom(start);
      return e;
    }
    Expr e;
    const std::string u = upper(w);
    if (u == "TRUE" || u == "FALSE") {
      e.kind = Expr::Kind::Bool;
      e.number = u == "TRUE" ? 1 : 0;
    } else if (at(':')) {
      fail();  // whole columns or rows (A:A): not read
    } else {
      e.kind = Expr::Kind::Name;
      e.text = w;
    }
    e.source = sourceFrom(start);
    return e;
  }

  Expr number() {
    const std::size_t start = i_;
    while (i_ < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[i_])) || s_[i_] == '.')) ++i_;
    if (i_ < s_.size() && (s_[i_] == 'E' || s_[i_] == 'e')) {
      std::size_t save = i_++;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (i_ >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[i_])))
        i_ = save;
      else
        while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
    }
    Expr e;
    e.kind = Expr::Kind::Number;
    // from_chars, not stod: the C library's locale is the office's (a German Calc: "0,02"),
    // the formula's API grammar is not.
    const std::string_view text = std::string_view(s_).substr(start, i_ - start);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), e.number);
    if (ec != std::errc() || end != text.data() + text.size()) fail();
    e.source = sourceFrom(start);
    return e;
  }

  // {a;b|c;d}: ';' between columns, '|' between rows (Calc's API grammar).
  Expr array() {
    const std::size_t start = i_;
    ++i_;
    Expr e;
    e.kind = Expr::Kind::Array;
    e.rows.emplace_back();
    for (;;) {
      e.rows.back().push_back(unary());
      ws();
      if (i_ >= s_.size()) fail();
      if (s_[i_] == ';') {
        ++i_;
      } else if (s_[i_] == '|') {
        ++i_;
        e.rows.emplace_back();
      } else if (s_[i_] == '}') {
        ++i_;
        break;
      } else {
        fail();
      }
    }
    e.source = sourceFrom(start);
    return e;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// The first call (depth first: the expression, its operands, an array's
// elements) for which `wanted(call)` holds.
template <class Wanted>
const Expr* firstCall(const Expr& e, const Wanted& wanted) {
  if (e.kind == Expr::Kind::Call && wanted(e)) return &e;
  for (const Expr& a : e.args)
    if (const Expr* hit = firstCall(a, wanted)) return hit;
  for (const auto& row : e.rows)
    for (const Expr& a : row)
      if (const Expr* hit = firstCall(a, wanted)) return hit;
  return nullptr;
}

const Expr* findExplainable(const Expr& e) {
  return firstCall(e, [](const Expr& call) {
    const FunctionSpec* f = findFunction(call.text);
    return f && f->explain;
  });
}

void collectRefs(const Expr& e, std::vector<ExplainRef>& out) {
  if (e.kind == Expr::Kind::Ref || e.kind == Expr::Kind::Name) {
    for (const ExplainRef& r : out)
      if (r.source == e.source) return;
    ExplainRef r;
    r.source = e.source;
    r.isName = e.kind == Expr::Kind::Name;
    r.sheet = e.sheet;
    r.firstRow = e.firstRow;
    r.firstCol = e.firstCol;
    r.lastRow = e.lastRow;
    r.lastCol = e.lastCol;
    out.push_back(std::move(r));
    return;
  }
  for (const Expr& a : e.args) collectRefs(a, out);
  for (const auto& row : e.rows)
    for (const Expr& a : row) collectRefs(a, out);
}

std::string explainableNames(Lang lang) {
  std::vector<std::string> names;
  for (const FunctionSpec& f : functionTable())
    if (f.explain) names.emplace_back(f.name);
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " " + tr(lang, "or") + " " : ", ";
    out += names[i];
  }
  return out;
}

std::string cellLabel(const ExplainSource& s) {
  return s.sheet + "." + cellName(s.row, s.col);
}

// 12345 -> "12,345" ("12.345" in German).
std::string countText(std::size_t n, Lang lang) {
  std::string d = std::to_string(n), out;
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (i > 0 && (d.size() - i) % 3 == 0) out += lang == Lang::De ? '.' : ',';
    out += d[i];
  }
  return out;
}

}  // namespace

const std::string* CellBlock::textAt(std::size_t index) const {
  auto it = std::lower_bound(
      texts.begin(), texts.end(), index,
      [](const std::pair<std::size_t, std::string>& p, std::size_t i) { return p.first < i; });
  if (it == texts.end() || it->first != index) return nullptr;
  return &it->second;
}

ExplainCall parseExplainCall(const ExplainSource& source, Lang lang) {
  const std::string what = trf(
      lang,
      "Explain shows, row by row, why a KPI has its value: select a cell whose formula calls {1} (directly or inside another formula, such as the register's Actual or a review's monthly values) and run Explain again.",
      {explainableNames(lang)});
  std::string f = trim(source.formula);
  if (f.size() > 2 && f.starts_with("{=") && f.ends_with("}"))
    f = f.substr(1, f.size() - 2);  // an array formula
  if (f.empty() || f.front() != '=')
    throw UserError(trf(lang, "Cell {1} holds no formula.", {cellLabel(source)}) + " " + what);
  Expr root;
  try {
    root = Parser(f).formula();
  } catch (const std::invalid_argument&) {
    throw UserError(trf(lang, "Explain cannot read the formula of cell {1}.", {cellLabel(source)}) + " " +
                    what);
  }
  const Expr* call = findExplainable(root);
  if (!call)
    throw UserError(trf(lang, "The formula of cell {1} calls no qkpi KPI function.", {cellLabel(source)}) +
                    " " + what);
  ExplainCall out;
  out.fn = findFunction(call->text);
  out.callText = call->source;
  out.args = call->args;
  if (out.args.size() > out.fn->args.size())
    throw UserError(trf(lang, "The {1} call in cell {2} has too many arguments (the cell shows an error).",
                        {out.fn->name, cellLabel(source)}));
  for (const Expr& a : out.args) collectRefs(a, out.references);
  return out;
}

ExplainCall parseCallOf(std::string_view formula, const FunctionSpec& fn) {
  const Expr root = Parser(trim(std::string(formula))).formula();
  const Expr* call = firstCall(root, [&](const Expr& c) { return c.text == fn.name; });
  if (!call || call->args.size() > fn.args.size())
    throw std::invalid_argument("objectives: no call of " + std::string(fn.name) + " in " +
                                std::string(formula));
  ExplainCall out;
  out.fn = &fn;
  out.callText = call->source;
  out.args = call->args;
  for (const Expr& a : out.args) collectRefs(a, out.references);
  return out;
}

std::optional<std::string> firstQkpiFunction(std::string_view formula) {
  std::string f = trim(std::string(formula));
  if (f.size() > 2 && f.starts_with("{=") && f.ends_with("}")) f = f.substr(1, f.size() - 2);
  if (f.empty() || f.front() != '=') return std::nullopt;
  Expr root;
  try {
    root = Parser(f).formula();
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
  const Expr* call = firstCall(root, [](const Expr& c) { return findFunction(c.text) != nullptr; });
  if (!call) return std::nullopt;
  return std::string(findFunction(call->text)->name);
}

std::string explainSheetBase(const ExplainSource& source) {
  return "Explain " + source.sheet + " " + cellName(source.row, source.col);
}

namespace {

// The arguments of the call as Calc hands them to the add-in (src/uno/convert.cxx).
class ArgBuilder {
 public:
  ArgBuilder(const ExplainCall& call, const std::vector<CellBlock>& blocks, long today, long nullDate,
             Lang lang)
      : call_(call), blocks_(blocks), today_(today), nullDate_(nullDate), lang_(lang) {}

  const CellBlock* blockOf(const Expr& e) const {
    for (std::size_t i = 0; i < call_.references.size() && i < blocks_.size(); ++i)
      if (call_.references[i].source == e.source) return &blocks_[i];
    return nullptr;
  }

  // Argument i of the function.
  Arg build(std::size_t i) {
    const ArgSpec& spec = call_.fn->args[i];
    const Expr empty;
    const Expr& e = i < call_.args.size() ? call_.args[i] : empty;
    if (e.kind == Expr::Kind::Empty) return Arg::omitted();
    if (spec.type == ArgType::Table) {
      const CellBlock* b = (e.kind == Expr::Kind::Ref || e.kind == Expr::Kind::Name) ? blockOf(e) : nullptr;
      if (!b) unreadable(spec, e, "it must be a range of cells");
      auto& ptrs = rowPtrs_.emplace_back();
      ptrs.reserve(static_cast<std::size_t>(b->rows));
      for (int r = 0; r < b->rows; ++r)
        ptrs.push_back(b->numbers.data() + static_cast<std::size_t>(r) * static_cast<std::size_t>(b->cols));
      return Arg::table(NumTable{ptrs, static_cast<std::size_t>(b->cols)});
    }
    if (e.kind == Expr::Kind::Ref || e.kind == Expr::Kind::Name) {
      const CellBlock* b = blockOf(e);
      if (!b) unreadable(spec, e, "the reference could not be read");
      if (b->rows == 1 && b->cols == 1) {
        // A single cell: its value; an empty cell is 0 (Calc's rule for add-ins).
        if (b->kinds[0] == CellBlock::Text) return Arg::scalar(textCell(*b->textAt(0)));
        return Arg::scalar(Cell::of(b->numbers[0]));
      }
      std::vector<Cell> cells;
      cells.reserve(b->kinds.size());
      for (std::size_t k = 0; k < b->kinds.size(); ++k) {
        if (b->kinds[k] == CellBlock::Number)
          cells.push_back(Cell::of(b->numbers[k]));
        else if (b->kinds[k] == CellBlock::Text)
          cells.push_back(textCell(*b->textAt(k)));
        else
          cells.push_back(Cell::of(std::u16string_view()));  // empty cell of a range: ""
      }
      return Arg::cells(static_cast<std::size_t>(b->rows), static_cast<std::size_t>(b->cols),
                        std::move(cells));
    }
    if (e.kind == Expr::Kind::Array) {
      const std::size_t rows = e.rows.size(), cols = e.rows.front().size();
      std::vector<Cell> cells;
      for (const auto& row : e.rows) {
        if (row.size() != cols) unreadable(spec, e, "its rows differ in length");
        for (const Expr& x : row) cells.push_back(scalarCell(spec, x));
      }
      return Arg::cells(rows, cols, std::move(cells));
    }
    return Arg::scalar(scalarCell(spec, e));
  }

 private:
  // `why`: a catalogue key.
  [[noreturn]] void unreadable(const ArgSpec& spec, const Expr& e, std::string_view why) const {
    throw UserError(trf(
        lang_,
        "Explain cannot read the argument {1} ({2}) of {3}: {4}. It reads references, named ranges, numbers, texts, TRUE/FALSE, DATE(), TODAY(), MIN(), MAX() and inline arrays such as {6;8;5;7}.",
        {spec.name, e.source, call_.fn->name, tr(lang_, why)}));
  }

  Cell textCell(const std::string& utf8) {
    return Cell::of(std::u16string_view(texts_.emplace_back(utf16(utf8))));
  }

  // A number of an expression: numbers, TRUE/FALSE, DATE, TODAY, MIN, MAX,
  // -x and single cells holding numbers (an empty cell is 0).
  std::optional<double> numberOf(const Expr& e) const {
    switch (e.kind) {
      case Expr::Kind::Number:
      case Expr::Kind::Bool:
        return e.number;
      case Expr::Kind::Neg: {
        auto v = numberOf(e.args[0]);
        if (v) return -*v;
        return std::nullopt;
      }
      case Expr::Kind::Ref:
      case Expr::Kind::Name: {
        const CellBlock* b = blockOf(e);
        if (!b || b->rows != 1 || b->cols != 1 || b->kinds[0] == CellBlock::Text ||
            b->kinds[0] == CellBlock::Error)
          return std::nullopt;
        return b->numbers[0];
      }
      case Expr::Kind::Call: {
        if (e.text == "TODAY" && e.args.empty()) return static_cast<double>(today_);
        std::vector<double> v;
        for (const Expr& a : e.args) {
          auto n = numberOf(a);
          if (!n) return std::nullopt;
          v.push_back(*n);
        }
        if (e.text == "DATE" && v.size() == 3)
          return static_cast<double>(serialOf(static_cast<int>(std::trunc(v[0])),
                                              static_cast<int>(std::trunc(v[1])),
                                              static_cast<int>(std::trunc(v[2])), nullDate_));
        if ((e.text == "MIN" || e.text == "MAX") && !v.empty())
          return e.text == "MIN" ? *std::min_element(v.begin(), v.end())
                                 : *std::max_element(v.begin(), v.end());
        return std::nullopt;
      }
      default:
        return std::nullopt;
    }
  }

  Cell scalarCell(const ArgSpec& spec, const Expr& e) {
    if (e.kind == Expr::Kind::Text) return textCell(e.text);
    if (e.kind == Expr::Kind::Empty) return Cell::empty();
    if (auto v = numberOf(e)) return Cell::of(*v);
    unreadable(spec, e, "it is not a reference, a number, a text or a date");
  }

  const ExplainCall& call_;
  const std::vector<CellBlock>& blocks_;
  long today_, nullDate_;
  Lang lang_;
  std::deque<std::vector<const double*>> rowPtrs_;
  std::deque<std::u16string> texts_;
};

bool isDateField(std::string_view name) {
  return name == "Due" || name == "Delivered" || name == "Received" || name == "Closed" || name == "Date";
}

std::string refLabel(const CellBlock& b) {
  std::string r = b.sheet + "." + cellName(b.firstRow, b.firstCol);
  if (b.rows > 1 || b.cols > 1) r += ":" + cellName(b.firstRow + b.rows - 1, b.firstCol + b.cols - 1);
  return r;
}

// "#Deliveries.D123" / "#'Action Log'.D123": a link to a cell of the document.
std::string cellLink(const std::string& sheet, int row, int col) {
  std::string prefix = sheetPrefix(sheet);  // "$Name." or "$'Name'."
  return "#" + prefix.substr(1) + cellName(row, col);
}

std::string statusText(RowStatus s, Lang lang) {
  switch (s) {
    case RowStatus::Succeeded:
      return tr(lang, "succeeded");
    case RowStatus::Failed:
      return tr(lang, "failed");
    case RowStatus::Counted:
      return tr(lang, "counted");
    case RowStatus::LeftOut:
      return tr(lang, "left out");
    case RowStatus::OtherSegment:
      return tr(lang, "other segment");
    case RowStatus::BadData:
      return tr(lang, "bad data");
  }
  return "";
}

// A cell of a block as a sheet cell (numbers as numbers, text as text).
void addBlockCell(sheet::SheetSpec& spec, const CellBlock& b, std::size_t index, int row, int col) {
  switch (b.kinds[index]) {
    case CellBlock::Number:
      spec.cells.push_back(numberCell(row, col, b.numbers[index]));
      break;
    case CellBlock::Text:
    case CellBlock::Error:
      if (const std::string* t = b.textAt(index)) spec.cells.push_back(textCell(row, col, *t));
      break;
    default:
      break;
  }
}

}  // namespace

qkpi::Value evaluateCall(const ExplainCall& call, const std::vector<CellBlock>& blocks, long today,
                         long nullDateOffset, Lang lang) {
  ArgBuilder builder(call, blocks, today, nullDateOffset, lang);
  std::vector<Arg> args;
  for (std::size_t i = 0; i < call.fn->args.size(); ++i) args.push_back(builder.build(i));
  return evaluate(*call.fn, Context{nullDateOffset}, args);
}

ExplainResult explainSheet(const ExplainCall& call, const std::vector<CellBlock>& blocks,
                           const ExplainSource& source, long today, long nullDateOffset,
                           const std::string& sheetName, Lang lang) {
  const FunctionSpec& fn = *call.fn;
  const std::string fnName(fn.name);
  const std::string where = cellLabel(source);
  auto count = [lang](std::size_t n) { return countText(n, lang); };
  auto kt = [lang](std::string_view kpiText) { return trKpi(lang, kpiText); };
  ArgBuilder builder(call, blocks, today, nullDateOffset, lang);
  std::vector<Arg> args;
  for (std::size_t i = 0; i < fn.args.size(); ++i) args.push_back(builder.build(i));
  const Expr noExpr;
  const Expr& tableExpr = call.args.empty() ? noExpr : call.args[0];
  const CellBlock* table = builder.blockOf(tableExpr);
  if (!table)
    throw UserError(trf(lang, "Explain cannot read the data range of {1} in cell {2}.", {fnName, where}));

  const Context ctx{nullDateOffset};
  // The value, as the function gives it.
  std::string valueText;
  std::optional<double> value;
  try {
    qkpi::Value v = evaluate(fn, ctx, args);
    if (const double* d = std::get_if<double>(&v))
      value = *d;
    else if (std::holds_alternative<NoValue>(v))
      valueText = tr(lang, "#N/A: no row is counted");
    else if (std::holds_alternative<Matrix>(v))
      valueText = tr(lang, "an array (see the counts below)");
  } catch (const ArgumentError& e) {
    throw UserError(trf(
        lang,
        "The {1} call in cell {2} has a bad argument (the cell shows Err:502): {3}. Correct the argument; Explain then lists the rows.",
        {fnName, where, e.what()}));
  } catch (const DataError& e) {
    valueText = trf(lang, "#VALUE!: bad data ({1}); the rows with bad data are listed below", {kt(e.what())});
  }
  const RowJudgements j = explain(fn, ctx, args);
  const JudgementCounts c = countJudgements(j);

  // Text cells where the table's fields hold numbers or dates, and error cells.
  const bool numericTable = fn.args[0].type == ArgType::Table;
  std::vector<int> fieldOfColumn(static_cast<std::size_t>(table->cols), -1);
  for (std::size_t f = 0; f < j.fields.size(); ++f)
    if (j.fields[f].second < fieldOfColumn.size()) fieldOfColumn[j.fields[f].second] = static_cast<int>(f);
  std::map<std::size_t, std::string> cellNotes;  // table row -> note
  std::size_t textCells = 0, errorCells = 0;
  for (const auto& [index, text] : table->texts) {
    const std::size_t row = index / static_cast<std::size_t>(table->cols),
                      col = index % static_cast<std::size_t>(table->cols);
    if (row >= j.rowCount() || fieldOfColumn[col] < 0) continue;
    const std::string field = kt(j.fields[static_cast<std::size_t>(fieldOfColumn[col])].first);
    std::string note;
    if (table->kinds[index] == CellBlock::Error) {
      ++errorCells;
      note = trf(
          lang,
          "{1} shows the error {2}: with an error in its range Calc does not call {3} (the cell shows Err:504)",
          {field, text, fnName});
    } else if (numericTable) {
      ++textCells;
      note = trf(lang, "{1} holds the text \"{2}\", which {3} reads as blank", {field, text, fnName});
    } else {
      continue;
    }
    std::string& n = cellNotes[row];
    n += (n.empty() ? "" : "; ") + note;
  }

  // Extra columns: the segment and the order of each row, when given as ranges as long as the table.
  struct Extra {
    std::string header;
    const CellBlock* block;
  };
  std::vector<Extra> extras;
  for (std::size_t i = 0; i < fn.args.size() && i < call.args.size(); ++i) {
    const ArgSpec& s = fn.args[i];
    if (s.kind != ArgKind::Segments && s.kind != ArgKind::Keys) continue;
    const CellBlock* b = builder.blockOf(call.args[i]);
    if (b && b->rows == table->rows && b->cols == 1)
      extras.push_back({tr(lang, s.kind == ArgKind::Segments ? "Segment" : "Order"), b});
  }

  // Which rows are listed.
  auto allEmpty = [&](std::size_t row) {
    for (const auto& f : j.fields)
      if (table->kinds[row * static_cast<std::size_t>(table->cols) + f.second] != CellBlock::Empty)
        return false;
    return true;
  };
  std::vector<std::size_t> listed;
  std::size_t listable = 0, emptyLeftOut = 0;
  for (std::size_t row = 0; row < j.rowCount(); ++row) {
    const RowStatus s = j.status[row];
    bool list = s == RowStatus::Failed || s == RowStatus::Counted || s == RowStatus::BadData ||
                s == RowStatus::LeftOut || cellNotes.count(row) > 0;
    if (s == RowStatus::LeftOut && !cellNotes.count(row) && allEmpty(row)) {
      list = false;
      ++emptyLeftOut;
    }
    if (s == RowStatus::OtherSegment && !cellNotes.count(row)) list = false;
    if (!list) continue;
    ++listable;
    if (listed.size() < kExplainMaxListed) listed.push_back(row);
  }
  std::map<std::size_t, const std::string*> badText;
  for (const auto& [row, text] : j.badData) badText[row] = &text;

  // ---- the sheet ----
  ExplainResult out;
  sheet::SheetSpec& spec = out.spec;
  spec.name = sheetName;
  spec.styles = standardStyles();
  spec.tabColor = "#7F7F7F";
  int r = 0;
  spec.cells.push_back(textCell(r++, 0, trf(lang, "Explain: {1} in {2}", {fnName, where}), kTitle));
  spec.cells.push_back(textCell(
      r++, 0,
      trf(lang,
          "Why the value is what it is, row by row, judged by the same rules as {1}. Made on {2}; it does not change with the data: run Explain again after a change.",
          {fnName, isoDate(today, nullDateOffset)}),
      kSubtitle));
  ++r;
  spec.cells.push_back(textCell(r, 0, tr(lang, "Formula"), kLabel));
  spec.cells.push_back(textCell(r++, 1, source.formula));
  if (normalizedFormula(source.formula) != normalizedFormula("=" + call.callText)) {
    spec.cells.push_back(textCell(r, 0, tr(lang, "Explained"), kLabel));
    spec.cells.push_back(textCell(r++, 1, call.callText));
  }
  spec.cells.push_back(textCell(r, 0, tr(lang, "Value"), kLabel));
  if (value) {
    const char* style = kNumber;
    if (fn.kpi && fn.kpi->measure == MeasureKind::Ratio) style = kPercent;
    if (fn.kpi && fn.kpi->measure == MeasureKind::Days) style = kDays;
    spec.cells.push_back(numberCell(r++, 1, *value, style));
  } else {
    spec.cells.push_back(textCell(r++, 1, valueText, valueText.starts_with("#VALUE") ? kWarning : ""));
  }

  ++r;
  spec.cells.push_back(textCell(r++, 0, tr(lang, "Arguments"), kSection));
  for (std::size_t i = 0; i < fn.args.size(); ++i) {
    const ArgSpec& s = fn.args[i];
    const Expr& e = i < call.args.size() ? call.args[i] : noExpr;
    spec.cells.push_back(textCell(r, 0, std::string(s.name), kLabel));
    if (e.kind == Expr::Kind::Empty) {
      spec.cells.push_back(textCell(r++, 1, tr(lang, "(not given)"), kNote));
      continue;
    }
    spec.cells.push_back(textCell(r, 1, e.source));
    std::string resolved;
    if (const CellBlock* b = builder.blockOf(e)) {
      resolved = refLabel(*b);
      if (b->rows > 1 || b->cols > 1)
        resolved += ": " + trf(lang, b->cols == 1 ? "{1} rows × {2} column" : "{1} rows × {2} columns",
                               {count(static_cast<std::size_t>(b->rows)), std::to_string(b->cols)});
    }
    if (args[i].isScalar()) {
      const Cell& cell = args[i].scalarCell();
      std::string v;
      if (cell.isNumber()) {
        v = s.kind == ArgKind::Date && cell.number != 0
                ? isoDate(static_cast<long>(std::floor(cell.number)), nullDateOffset)
                : numberText(cell.number);
      } else if (cell.isText()) {
        const CellBlock* b = builder.blockOf(e);
        const std::string* t = b ? b->textAt(0) : nullptr;
        v = formula::text(t ? *t : e.text);
      }
      resolved += resolved.empty() ? v : " = " + v;
    }
    if (!resolved.empty() && resolved != e.source) spec.cells.push_back(textCell(r, 2, resolved, kNote));
    ++r;
  }

  ++r;
  spec.cells.push_back(textCell(r++, 0, tr(lang, "Counts"), kSection));
  auto countRow = [&](const std::string& label, double n, const char* style = kInteger) {
    spec.cells.push_back(textCell(r, 0, label, kLabel));
    spec.cells.push_back(numberCell(r++, 1, n, style));
  };
  const bool hasSuccess = !(fn.kpi && fn.kpi->measure == MeasureKind::Amount);  // RETURNS only sums
  countRow(tr(lang, "Rows in the table"), static_cast<double>(c.rows));
  countRow(tr(lang, "Counted"), static_cast<double>(c.eligible));
  if (hasSuccess) {
    countRow(tr(lang, "Succeeded"), static_cast<double>(c.succeeded));
    countRow(tr(lang, "Failed"), static_cast<double>(c.failed));
    for (const auto& [reason, n] : c.failedBy)
      countRow(trf(lang, "  failed: {1}", {kt(reason)}), static_cast<double>(n));
  }
  for (const auto& [reason, n] : c.leftOut)
    countRow(trf(lang, "Left out: {1}", {kt(reason)}), static_cast<double>(n));
  if (c.otherSegment > 0)
    countRow(tr(lang, "Other segment (not listed)"), static_cast<double>(c.otherSegment));
  if (c.badData > 0) countRow(tr(lang, "Bad data (#VALUE!)"), static_cast<double>(c.badData));
  if (textCells > 0)
    countRow(tr(lang, "Text where a number or date is expected"), static_cast<double>(textCells));
  if (errorCells > 0) countRow(tr(lang, "Error cells in the data"), static_cast<double>(errorCells));
  for (const auto& [label, v] : j.totals) countRow(kt(label), v, kNumber);
  if (emptyLeftOut > 0)
    spec.cells.push_back(
        textCell(r++, 0,
                 trf(lang, "{1} left-out rows whose fields are all empty are counted above, not listed.",
                     {count(emptyLeftOut)}),
                 kNote));
  if (listable > listed.size())
    spec.cells.push_back(
        textCell(r++, 0,
                 trf(lang, "Only the first {1} of {2} rows are listed below; the counts above are complete.",
                     {count(listed.size()), count(listable)}),
                 kWarning));

  ++r;
  spec.cells.push_back(
      textCell(r++, 0, tr(lang, listed.empty() ? "No row failed or was left out." : "Rows"), kSection));
  const int header = r++;
  std::vector<std::string> headers = {tr(lang, "Row"), tr(lang, "Status"), tr(lang, "Reason")};
  for (const auto& f : j.fields) headers.push_back(kt(f.first));
  const int detailCol = j.detailName.empty() ? -1 : static_cast<int>(headers.size());
  if (detailCol >= 0) headers.push_back(kt(j.detailName));
  const int extraCol = static_cast<int>(headers.size());
  for (const Extra& x : extras) headers.push_back(x.header);
  for (std::size_t k = 0; k < headers.size(); ++k)
    spec.cells.push_back(textCell(header, static_cast<int>(k), headers[k], kHeader));
  spec.repeatRows = {header};

  for (std::size_t row : listed) {
    const std::size_t base = row * static_cast<std::size_t>(table->cols);
    const int sheetRow = table->firstRow + static_cast<int>(row);  // 0-based row of the data sheet
    spec.cells.push_back(formulaCell(
        r, 0,
        "=" + formula::call("HYPERLINK", {formula::text(cellLink(table->sheet, sheetRow, table->firstCol)),
                                          std::to_string(sheetRow + 1)})));
    spec.cells.push_back(textCell(r, 1, statusText(j.status[row], lang)));
    std::string reason = kt(j.reasonOf(row));
    if (auto it = badText.find(row); it != badText.end()) reason = kt(*it->second);
    if (auto it = cellNotes.find(row); it != cellNotes.end())
      reason = j.status[row] == RowStatus::Succeeded ? it->second : reason + "; " + it->second;
    spec.cells.push_back(textCell(r, 2, reason));
    for (std::size_t f = 0; f < j.fields.size(); ++f)
      addBlockCell(spec, *table, base + j.fields[f].second, r, 3 + static_cast<int>(f));
    if (detailCol >= 0 && !std::isnan(j.detail[row]))
      spec.cells.push_back(numberCell(r, detailCol, j.detail[row]));
    for (std::size_t x = 0; x < extras.size(); ++x)
      addBlockCell(spec, *extras[x].block, row, r, extraCol + static_cast<int>(x));
    ++r;
  }
  const int lastRow = std::max(header, r - 1);
  for (std::size_t f = 0; f < j.fields.size(); ++f)
    if (isDateField(j.fields[f].first) && numericTable)
      spec.rangeStyles.push_back(
          {range(header + 1, 3 + static_cast<int>(f), std::max(header + 1, lastRow), 3 + static_cast<int>(f)),
           kDate});
  // Column A fits the labels of the Arguments and Counts sections (their
  // numbers are in B, so a label cannot run over): ~1.9 mm a character at the
  // label style's 10 pt, at least the 22 mm of the row numbers, at most 70 mm.
  std::size_t longest = 0;
  for (const sheet::Cell& cell : spec.cells)
    if (cell.pos.col == 0 && cell.style == kLabel) longest = std::max(longest, utf16(cell.text).size());
  spec.columns.push_back({0, std::clamp(static_cast<int>(longest) * 190 + 400, 2200, 7000)});
  spec.columns.push_back({1, 2400});
  spec.columns.push_back({2, 6500});
  for (int k = 3; k < static_cast<int>(headers.size()); ++k) spec.columns.push_back({k, 2800});
  spec.printRange = range(0, 0, lastRow, static_cast<int>(headers.size()) - 1);
  spec.printLandscape = true;
  spec.fitPagesWide = 1;

  out.listed = listed.size();
  out.message = trf(lang, "Explained {1} in {2} on the new sheet \"{3}\": {4} rows, {5} counted",
                    {fnName, where, sheetName, count(c.rows), count(c.eligible)});
  if (hasSuccess) out.message += trf(lang, ", {1} failed", {count(c.failed)});
  out.message += trf(lang, ", {1} left out", {count(c.leftOutTotal())});
  if (c.badData > 0) out.message += trf(lang, ", {1} with bad data", {count(c.badData)});
  if (textCells > 0)
    out.message +=
        trf(lang, textCells == 1 ? ", {1} text cell read as blank" : ", {1} text cells read as blank",
            {count(textCells)});
  out.message += ".";
  if (listable > listed.size())
    out.message += " " + trf(lang, "The first {1} rows are listed.", {count(listed.size())});
  return out;
}

}  // namespace qkpi::objectives
