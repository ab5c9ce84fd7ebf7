// org.qkpi:Explain: on the current cell, a new sheet "Explain <sheet> <cell>"
// that lists why the cell's KPI has its value, row by row
// (objectives/explain.h). Reads the cell's formula and the cells its
// arguments refer to (values and cell types); nothing of the user's is
// changed or evaluated (literals are parsed, never put into a cell). One
// undo step: the new sheet.
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>
#include <string>
#include <vector>

#include "cell_blocks.hxx"
#include "command.hxx"
#include "document.hxx"
#include "objectives/explain.h"
#include "undo_step.hxx"

namespace qkpi::commands {

using css::uno::UNO_QUERY;
using objectives::CellBlock;
using objectives::UserError;

Outcome explainCommand(const Env& e) {
  Reference<css::view::XSelectionSupplier> selection(e.controller, UNO_QUERY);
  Reference<css::sheet::XCellRangeAddressable> selected;
  if (selection.is()) selected.set(selection->getSelection(), UNO_QUERY);
  if (!selected.is())
    throw UserError(objectives::tr(
        e.lang, "Select the cell with the KPI value to explain (one cell), then run Explain again."));
  const css::table::CellRangeAddress a = selected->getRangeAddress();
  objectives::ExplainSource source;
  source.sheet = sheetNameAt(e.doc, a.Sheet);
  source.row = a.StartRow;
  source.col = a.StartColumn;
  Reference<css::sheet::XSpreadsheet> sh = sheetByName(e.doc, source.sheet);
  source.formula = utf8(sh->getCellByPosition(a.StartColumn, a.StartRow)->getFormula());
  const objectives::ExplainCall call = objectives::parseExplainCall(source, e.lang);

  recalcIfManual(e.doc);
  const std::vector<CellBlock> blocks = readReferences(e.doc, call.references, source.sheet, e.lang);
  const std::string name =
      objectives::uniqueSheetName(objectives::explainSheetBase(source), sheetNames(e.doc));
  refuseIfStructureProtected(e.doc, objectives::trf(e.lang, "add the sheet \"{1}\"", {name}), e.menu, e.lang);
  // TODAY() in the arguments is the day Calc computes the cell with (the local date), not a Date argument.
  objectives::ExplainResult result =
      objectives::explainSheet(call, blocks, source, todaySerial(e.nullDate), e.nullDate, name, e.lang);

  UndoStep step(e.doc, objectives::tr(e.lang, "qkpi: Explain"));
  step.creatingSheet(name);
  Reference<css::sheet::XSpreadsheet> out = writeSpec(e.doc, result.spec, Target::NewSheet);
  step.commit();
  applyView(e.controller, out, result.spec);
  activate(e.controller, out);
  return {true, result.message, false};
}

}  // namespace qkpi::commands
