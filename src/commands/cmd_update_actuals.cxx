// org.qkpi:UpdateActuals: rewrites, only when asked, the register's Actual
// formulas that differ from the ones their KPI, Data, Segment by and Options
// give now (objectives::actualDiffers), and the Status formulas of those rows
// that are not a qkpi Status formula; clears their Check flags. Lists what it
// changed (with the values before and after) and is one undo step. Every
// other cell, and any row whose Actual matches, is left as it is.
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XText.hpp>
#include <string>
#include <vector>

#include "command.hxx"
#include "document.hxx"
#include "register_fill.hxx"
#include "undo_step.hxx"

namespace qkpi::commands {

using css::uno::UNO_QUERY_THROW;
using objectives::Field;

namespace {

// The cell's text as Calc shows it (formatted value).
std::string shown(const Reference<css::sheet::XSpreadsheet>& sh, int col, int row) {
  return utf8(Reference<css::text::XText>(sh->getCellByPosition(col, row), UNO_QUERY_THROW)->getString());
}

std::string label(const objectives::Objective& o) {
  return o.id.empty() ? "row " + std::to_string(o.row + 1) : o.id;
}

}  // namespace

Outcome updateActualsCommand(const Env& e) {
  std::vector<objectives::Objective> objs = readObjectives(e.doc, e.lang);
  Reference<css::sheet::XSpreadsheet> reg = requireRegister(e.doc, e.lang);
  // What to write is decided (and every UserError thrown) before anything changes.
  RegisterFill update;
  std::vector<const objectives::Objective*> changed;
  for (const objectives::Objective& o : objs) {
    if (!objectives::actualDiffers(o)) continue;
    const int aCol = o.col[static_cast<int>(Field::Actual)], sCol = o.col[static_cast<int>(Field::Status)];
    sheet::SheetSpec spec = objectives::registerFormulas({o}, e.lang);  // UserError names the row
    const std::string status = utf8(reg->getCellByPosition(sCol, o.row)->getFormula());
    const bool rewriteStatus = objectives::statusDiffers(o, status);
    for (sheet::Cell& c : spec.cells)
      if (c.pos.row == o.row && (c.pos.col == aCol || (rewriteStatus && c.pos.col == sCol)))
        update.cells.push_back(std::move(c));
    if (update.styles.empty()) update.styles = std::move(spec.styles);
    update.actuals += 1;
    update.statuses += rewriteStatus ? 1 : 0;
    update.rows.push_back(label(o));
    changed.push_back(&o);
  }
  if (changed.empty())
    return {
        true,
        objectives::trf(
            e.lang,
            "Every Actual in the register \"{1}\" matches its KPI, Data, Segment by and Options: nothing to update.",
            {objectives::kRegisterSheet}),
        false};
  refuseIfFillLocked(e.doc, update, FillVerb::Rewrite, e.menu, e.lang);
  std::vector<std::string> before;
  for (const objectives::Objective* o : changed)
    before.push_back(shown(reg, o->col[static_cast<int>(Field::Actual)], o->row));
  std::vector<std::string> ids;
  for (const objectives::Objective* o : changed) ids.push_back(label(*o));
  UndoStep step(e.doc, objectives::tr(e.lang, "qkpi: Update Actuals"));
  std::vector<objectives::Objective> now = applyRegisterFill(e.doc, step, update);
  const RegisterFill check = registerCheck(now, e.lang);  // clears the Check flags of the rewritten rows
  if (!check.cells.empty() && !fillLocked(e.doc, check)) now = applyRegisterFill(e.doc, step, check);
  step.commit();
  std::string list;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const objectives::Objective* o = nullptr;
    for (const objectives::Objective& x : now)
      if (label(x) == ids[i]) o = &x;
    const std::string after = o ? shown(reg, o->col[static_cast<int>(Field::Actual)], o->row) : "?";
    list += (i ? "; " : "") + ids[i] + " (" +
            (before[i].empty() ? objectives::tr(e.lang, "empty") : before[i]) + " -> " + after + ")";
  }
  const int n = update.actuals;
  std::string msg = objectives::trf(
      e.lang,
      n == 1 ? "Updated {1} Actual from KPI, Data, Segment by and Options in the register \"{2}\": {3}."
             : "Updated {1} Actuals from KPI, Data, Segment by and Options in the register \"{2}\": {3}.",
      {std::to_string(n), objectives::kRegisterSheet, list});
  if (update.statuses > 0)
    msg += " " + objectives::trf(e.lang,
                                 update.statuses == 1 ? "Rewrote {1} Status formula too."
                                                      : "Rewrote {1} Status formulas too.",
                                 {std::to_string(update.statuses)});
  return {true, msg + " " + objectives::tr(e.lang, "Edit > Undo restores the previous formulas."), false};
}

}  // namespace qkpi::commands
