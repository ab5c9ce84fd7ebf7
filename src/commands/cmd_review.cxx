// org.qkpi:Review: the sheet "Review YYYY-MM-DD" (made unique) from the
// register, after filling the register's missing formulas; with Freeze also
// its values-only record "... record" (org.qkpi:ReviewRecord: always). Rows whose Actual differs from its
// Options are named in the message and flagged (register Check column, review
// summary). One undo step; everything the user must fix is found before the
// document is touched.
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <optional>
#include <string>
#include <vector>

#include "command.hxx"
#include "document.hxx"
#include "objectives/report.h"
#include "register_fill.hxx"
#include "undo_step.hxx"

namespace qkpi::commands {

namespace {

Outcome review(const Env& e, bool withRecord, const char* undoTitle) {
  std::vector<objectives::Objective> objs = readObjectives(e.doc, e.lang);
  const std::string name = objectives::reviewSheetName(e.today, e.nullDate, sheetNames(e.doc));
  // Everything the user must fix shows up before the document is touched: the
  // missing register formulas, and a dry run of the (pure) spec with empty
  // per-segment tables.
  const RegisterFill fill = missingRegisterFormulas(e.doc, objs, e.lang);
  // Review with Freeze makes the record as Review (record) does, and is named so.
  const char* command = withRecord ? findCommand("ReviewRecord")->menu : e.menu;
  refuseIfFillLocked(e.doc, fill, FillVerb::Add, command, e.lang);
  refuseIfStructureProtected(e.doc, objectives::trf(e.lang, "add the review sheet \"{1}\"", {name}), command,
                             e.lang);
  const std::vector<std::string> probes = objectives::segmentTableProbes(objs, e.lang);
  (void)objectives::review(objs, std::vector<int>(probes.size(), 0), e.today, e.nullDate, name, e.lang);
  UndoStep step(e.doc, objectives::tr(e.lang, undoTitle));
  if (!fill.cells.empty()) objs = applyRegisterFill(e.doc, step, fill);
  // Actuals that differ from their Options: flagged in the register's Check column (unless it is
  // protected) and the summary.
  const RegisterFill check = registerCheck(objs, e.lang);
  const bool checkLocked = fillLocked(e.doc, check);
  if (!check.cells.empty() && !checkLocked) objs = applyRegisterFill(e.doc, step, check);
  // The new, still empty review sheet is the scratch cell of the probes.
  step.creatingSheet(name);
  Reference<css::sheet::XSpreadsheets> sheets = e.doc->getSheets();
  sheets->insertNewByName(u(name), static_cast<sal_Int16>(sheets->getElementNames().getLength()));
  std::vector<int> rows = evaluateProbes(sheetByName(e.doc, name), probes);
  sheet::SheetSpec spec = objectives::review(objs, rows, e.today, e.nullDate, name, e.lang);
  spec.name = name;
  Reference<css::sheet::XSpreadsheet> sh = writeSpec(e.doc, spec, Target::FreshSheet);
  std::string msg = objectives::trf(e.lang, "Created the review sheet \"{1}\"", {name});
  std::optional<sheet::SheetSpec> record;
  Reference<css::sheet::XSpreadsheet> rec;
  if (withRecord) {
    recalcIfManual(e.doc);
    record = valuesOnly(spec, sh, objectives::frozenSheetName(name, sheetNames(e.doc)));
    record->pageFrame =
        objectives::reviewPageFrame(record->name, objectives::isoDate(e.today, e.nullDate), true, e.lang);
    step.creatingSheet(record->name);
    rec = writeSpec(e.doc, *record, Target::NewSheet);
    msg += objectives::trf(e.lang, " and its values-only record \"{1}\" (Export PDF exports the record)",
                           {record->name});
  }
  step.commit();
  if (record) applyView(e.controller, rec, *record);
  applyView(e.controller, sh, spec);
  activate(e.controller, sh);
  return {true,
          msg + "." + fillMessage(fill, e.lang) + checkMessage(check) +
              (checkLocked ? checkNotWrittenMessage(e.lang) : ""),
          !check.rows.empty() || !fill.cells.empty()};
}

}  // namespace

Outcome reviewCommand(const Env& e) {
  return review(e, e.args.freeze, "qkpi: Review");
}

Outcome reviewRecordCommand(const Env& e) {
  return review(e, true, "qkpi: Review (record)");
}

}  // namespace qkpi::commands
