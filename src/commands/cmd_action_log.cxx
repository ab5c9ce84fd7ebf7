// org.qkpi:ActionLog: creates the sheet "Action Log" or appends to it a
// proposed action for every AMBER or RED objective without an open one, after
// filling the register's missing formulas and flagging Actuals that differ
// from their Options (named in the message), in one undo step. Existing rows are
// never changed; a protected log is refused when there is something to add.
#include <algorithm>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cell_blocks.hxx"
#include "command.hxx"
#include "document.hxx"
#include "kpi/function_table.h"
#include "register_fill.hxx"
#include "undo_step.hxx"

namespace qkpi::commands {

namespace {

// Distinct rows of the spec's cells at or below `fromRow`.
int countRows(const sheet::SheetSpec& spec, int fromRow) {
  std::set<int> rows;
  for (const sheet::Cell& c : spec.cells)
    if (c.pos.row >= fromRow) rows.insert(c.pos.row);
  return static_cast<int>(rows.size());
}

// The proposals appended below the existing log `existing` (read as `table`).
Outcome appendToLog(const Env& e, std::optional<UndoStep>& step,
                    const Reference<css::sheet::XSpreadsheet>& existing, const objectives::Table& table,
                    sheet::SheetSpec& spec, const std::string& filled) {
  // Existing rows are never changed: only cells below the used area are written.
  const int firstFree = static_cast<int>(table.size());
  for (const sheet::Cell& c : spec.cells)
    if (c.pos.row < firstFree)
      throw css::uno::RuntimeException(u("qkpi: the action log update would change existing row " +
                                         std::to_string(c.pos.row + 1) + "; nothing was changed"));
  const int added = countRows(spec, firstFree);
  activate(e.controller, existing);
  if (added > 0 && isSheetProtected(existing))
    refuseProtectedSheet(
        spec.name,
        objectives::trf(e.lang, added == 1 ? "add the {1} proposed action" : "add the {1} proposed actions",
                        {std::to_string(added)}),
        e.menu, e.lang);
  if (added == 0) {
    if (step) step->commit();
    return {true,
            objectives::trf(
                e.lang, "No new actions: every AMBER or RED objective already has an open action in \"{1}\".",
                {spec.name}) +
                filled,
            true};
  }
  if (!step) step.emplace(e.doc, objectives::tr(e.lang, "qkpi: Action Log"));
  int last = firstFree;
  for (const sheet::Cell& c : spec.cells) last = std::max(last, c.pos.row);
  step->appendingRows(spec.name, firstFree, last);
  writeSpec(e.doc, spec, Target::Append);
  step->commit();
  return {true,
          objectives::trf(e.lang,
                          added == 1 ? "Proposed {1} action in \"{2}\"." : "Proposed {1} actions in \"{2}\".",
                          {std::to_string(added), spec.name}) +
              filled,
          false};
}

// A new log sheet with the header and the proposals.
Outcome createLog(const Env& e, std::optional<UndoStep>& step, sheet::SheetSpec& spec,
                  const std::string& filled) {
  if (!step) step.emplace(e.doc, objectives::tr(e.lang, "qkpi: Action Log"));
  step->creatingSheet(spec.name);
  Reference<css::sheet::XSpreadsheet> sh = writeSpec(e.doc, spec, Target::NewSheet);
  step->commit();
  applyView(e.controller, sh, spec);
  activate(e.controller, sh);
  const int added = countRows(spec, 1);
  return {true,
          objectives::trf(e.lang,
                          added == 1 ? "Created \"{1}\" with {2} proposed action."
                                     : "Created \"{1}\" with {2} proposed actions.",
                          {spec.name, std::to_string(added)}) +
              filled,
          false};
}

// The segments each AMBER or RED objective's finding names: its per-segment
// call (objectives::findingSegmentFormulas), computed here by the KPI
// library from the cells it refers to, as the review's table computes it.
// A call that cannot be computed (a missing sheet, bad data ...) names none:
// the finding then says "See the review".
std::vector<std::vector<objectives::SegmentValue>> worstSegments(
    const Env& e, const std::vector<objectives::Objective>& objs) {
  const std::vector<objectives::SegmentCall> calls =
      objectives::findingSegmentCalls(objs, e.today, e.nullDate);
  std::vector<std::vector<objectives::SegmentValue>> out(objs.size());
  for (std::size_t i = 0; i < objs.size(); ++i) {
    const qkpi::FunctionSpec* by = qkpi::findFunction(calls[i].function);
    if (!by) continue;
    try {
      const objectives::ExplainCall call = objectives::parseCallOf(calls[i].formula, *by);
      const std::vector<objectives::CellBlock> blocks =
          readReferences(e.doc, call.references, objectives::kRegisterSheet, e.lang);
      out[i] =
          objectives::worstSegments(objs[i], objectives::evaluateCall(call, blocks, e.today, e.nullDate));
    } catch (const std::exception&) {  // UserError, the function's ArgumentError/DataError ...
    } catch (const css::uno::Exception&) {
    }
  }
  return out;
}

}  // namespace

Outcome actionLogCommand(const Env& e) {
  std::vector<objectives::Objective> objs = readObjectives(e.doc, e.lang);
  Reference<css::sheet::XSpreadsheet> existing = sheetByName(e.doc, objectives::kActionLogSheet);
  // A row added by hand first gets its Actual/Status formulas (so its computed
  // status counts), in the same undo step as the proposals.
  const RegisterFill fill = missingRegisterFormulas(e.doc, objs, e.lang);
  refuseIfFillLocked(e.doc, fill, FillVerb::Add, e.menu, e.lang);
  if (!existing.is())
    refuseIfStructureProtected(
        e.doc, objectives::trf(e.lang, "add the sheet \"{1}\"", {objectives::kActionLogSheet}), e.menu,
        e.lang);
  std::optional<UndoStep> step;
  if (!fill.cells.empty()) {
    step.emplace(e.doc, objectives::tr(e.lang, "qkpi: Action Log"));
    objs = applyRegisterFill(e.doc, *step, fill);
  }
  const RegisterFill check = registerCheck(objs, e.lang);
  const bool checkLocked = fillLocked(e.doc, check);
  if (!check.cells.empty() && !checkLocked) {
    if (!step) step.emplace(e.doc, objectives::tr(e.lang, "qkpi: Action Log"));
    objs = applyRegisterFill(e.doc, *step, check);
  }
  const std::string filled =
      fillMessage(fill, e.lang) + checkMessage(check) + (checkLocked ? checkNotWrittenMessage(e.lang) : "");
  std::optional<objectives::Table> table;
  if (existing.is()) table = readTable(existing);
  sheet::SheetSpec spec = objectives::actionLog(table ? &*table : nullptr, objs, e.today, e.nullDate, e.lang,
                                                worstSegments(e, objs));
  spec.name = objectives::kActionLogSheet;
  if (existing.is()) return appendToLog(e, step, existing, *table, spec, filled);
  return createLog(e, step, spec, filled);
}

}  // namespace qkpi::commands
