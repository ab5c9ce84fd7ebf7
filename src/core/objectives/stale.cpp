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

#include "objectives/formula.h"
#include "objectives/internal.h"
#include "objectives/objectives.h"

namespace qkpi::objectives {

using namespace detail;

namespace {
constexpr std::string_view kAddInPrefix = "ORG.QKPI.QUALITYKPI.";
constexpr const char* kCheckText = "Actual differs from its Options: run Update Actuals or edit the Options";
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
  return out;
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

std::string actualDiffersMessage(const Objective& o) {
  const std::string who =
      o.id.empty() ? std::string(kRegisterSheet) + " row " + std::to_string(o.row + 1) : o.id;
  return who + ": Actual differs from its Options; run Update Actuals or edit the Options.";
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
  return actualDiffers(o) ? kCheckText : "";
}

std::vector<sheet::Cell> checkCells(const std::vector<Objective>& objs) {
  std::vector<sheet::Cell> cells;
  for (const Objective& o : objs) {
    const int col = o.col[static_cast<int>(Field::Check)];
    if (col < 0) continue;
    const std::string want = checkText(o);
    if (trim(o.check) == want) continue;
    cells.push_back(textCell(o.row, col, want));
  }
  return cells;
}

}  // namespace qkpi::objectives
