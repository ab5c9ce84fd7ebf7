// Stale Actuals: the register's Actual formula compared with the one its KPI,
// Data, Segment by and Options give now (objectives.h).
//
// The commands read the Actual cells with XCell::getFormula (LibreOffice 7.4):
// API grammar, ';' separators, function names upper case and qkpi's add-in
// functions by their programmatic names (ORG.QKPI.QUALITYKPI.OTIF(...)),
// references as entered ($Deliveries.D2:G20001). Both sides are normalised
// the same way: no leading '=', no white space and upper case outside text
// literals, the add-in prefix removed. Differences in the Options' spelling
// (white space, case, order, 5% vs 0.05) vanish before that, since
// actualFormula() renders the parsed options in argument order.
#include <cctype>
#include <string>
#include <string_view>
#include <utility>

#include "objectives/formula.h"
#include "objectives/internal.h"
#include "objectives/objectives.h"

namespace qkpi::objectives {

using namespace detail;

namespace {
constexpr std::string_view kAddInPrefix = "ORG.QKPI.QUALITYKPI.";
constexpr const char* kCheckText = "Actual differs from its Options: run Update Actuals or edit the Options";

bool isNameChar(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;
}
bool isRefChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '$';
}

// The sheet part "$NAME." / "NAME." / "$'A B'." of a reference starting at
// `k` (after a ':'), without its '$' and '.': {start, end} of the name in
// `s`, or {k, k} when there is none.
std::pair<std::size_t, std::size_t> sheetPartAt(const std::string& s, std::size_t k) {
  std::size_t i = k;
  if (i < s.size() && s[i] == '$') ++i;
  const std::size_t start = i;
  if (i < s.size() && s[i] == '\'') {
    for (++i; i < s.size(); ++i)
      if (s[i] == '\'') {
        if (i + 1 < s.size() && s[i + 1] == '\'') {
          ++i;
          continue;
        }
        ++i;
        break;
      }
  } else {
    while (i < s.size() && isNameChar(s[i])) ++i;
  }
  if (i == start || i >= s.size() || s[i] != '.' || i + 1 >= s.size() || !isRefChar(s[i + 1])) return {k, k};
  return {start, i};
}

// "$S.C2:$S.E827" -> "$S.C2:E827" (outside text literals): the range end
// repeats the start's sheet. Calc writes it so after a column of the sheet
// holding the formula is moved (cut and paste); it is the same range.
std::string dropRepeatedSheet(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool inText = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    out += c;
    if (c == '"') inText = !inText;
    if (inText || c != ':') continue;
    const auto [nameStart, nameEnd] = sheetPartAt(s, i + 1);
    if (nameStart == nameEnd) continue;
    const std::string_view name(s.data() + nameStart, nameEnd - nameStart);
    // the start of the range: <name>.<cell> right before the ':' (out ends with the ':')
    std::size_t p = out.size() - 1;
    while (p > 0 && isRefChar(out[p - 1])) --p;
    if (p == out.size() - 1 || p == 0 || out[p - 1] != '.') continue;
    const std::size_t dot = p - 1;
    if (dot < name.size() || std::string_view(out).substr(dot - name.size(), name.size()) != name) continue;
    const std::size_t before = dot - name.size();  // where the start's sheet name begins
    if (before > 0 && isNameChar(out[before - 1]) && name.front() != '\'') continue;
    i = nameEnd;  // skip "$NAME." of the end: the loop's ++i steps over the '.'
  }
  return out;
}
}  // namespace

std::string normalizedFormula(std::string_view f) {
  std::size_t i = 0;
  while (i < f.size() && std::isspace(static_cast<unsigned char>(f[i]))) ++i;
  if (i < f.size() && f[i] == '=') ++i;
  std::string out;
  bool inText = false;
  for (; i < f.size(); ++i) {
    const char c = f[i];
    if (c == '"') {
      inText = !inText;  // "" inside a text toggles twice
      out += c;
      continue;
    }
    if (inText) {
      out += c;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (out.ends_with(kAddInPrefix)) {
      const std::size_t start = out.size() - kAddInPrefix.size();
      const bool atName = start == 0 || !(std::isalnum(static_cast<unsigned char>(out[start - 1])) ||
                                          out[start - 1] == '_' || out[start - 1] == '.');
      if (atName) out.erase(start);
    }
  }
  return dropRepeatedSheet(out);
}

bool sameFormula(std::string_view a, std::string_view b) {
  return normalizedFormula(a) == normalizedFormula(b);
}

bool actualDiffers(const Objective& o) {
  if (trim(o.actualRead).empty()) return false;
  try {
    return !sameFormula(o.actualRead, actualFormula(o));
  } catch (const UserError&) {
    return true;
  }
}

std::string actualDiffersMessage(const Objective& o, Lang lang) {
  const std::string who =
      o.id.empty() ? trf(lang, "{1} row {2}", {kRegisterSheet, std::to_string(o.row + 1)}) : o.id;
  return trf(lang, "{1}: Actual differs from its Options; run Update Actuals or edit the Options.", {who});
}

bool statusDiffers(const Objective& o, std::string_view statusRead) {
  if (trim(std::string(statusRead)).empty()) return true;
  // statusFormula(), or the form a new register pre-fills (empty until Actual has a value).
  const std::string prefilled =
      "=" + formula::kpiStatusOnceFilled(o.cell(Field::Actual), o.cell(Field::Target),
                                         o.cell(Field::Direction), o.cell(Field::Amber));
  return !sameFormula(statusRead, statusFormula(o)) && !sameFormula(statusRead, prefilled);
}

std::string checkText(const Objective& o) {
  return actualDiffers(o) ? tr(o.lang, kCheckText) : "";
}

std::vector<sheet::Cell> checkCells(const std::vector<Objective>& objs) {
  std::vector<sheet::Cell> cells;
  for (const Objective& o : objs) {
    const int col = o.col[static_cast<int>(Field::Check)];
    if (col < 0) continue;
    const std::string want = checkText(o);
    // The text in either language is left as it is.
    const std::string now = trim(o.check);
    if (now == want ||
        (!want.empty() && (now == tr(Lang::En, kCheckText) || now == tr(Lang::De, kCheckText))))
      continue;
    cells.push_back(textCell(o.row, col, want));
  }
  return cells;
}

}  // namespace qkpi::objectives
