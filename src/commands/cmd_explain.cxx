// org.qkpi:Explain: on the current cell, a new sheet "Explain <sheet> <cell>"
// that lists why the cell's KPI has its value, row by row
// (objectives/explain.h). Reads the cell's formula and the cells its
// arguments refer to (values and cell types); nothing of the user's is
// changed or evaluated (literals are parsed, never put into a cell). One
// undo step: the new sheet.
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangeReferrer.hpp>
#include <com/sun/star/sheet/XNamedRanges.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>
#include <string>
#include <vector>

#include "command.hxx"
#include "document.hxx"
#include "objectives/explain.h"
#include "undo_step.hxx"

namespace qkpi::commands {

using css::uno::Any;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using objectives::CellBlock;
using objectives::UserError;

namespace {

// Error cells whose shown text is read one by one (beyond: "#error").
constexpr std::size_t kErrorTextsRead = 2000;

std::string sheetNameAt(const Reference<css::sheet::XSpreadsheetDocument>& doc, sal_Int16 index) {
  Reference<css::container::XIndexAccess> sheets(doc->getSheets(), UNO_QUERY_THROW);
  Reference<css::container::XNamed> named(sheets->getByIndex(index), UNO_QUERY_THROW);
  return utf8(named->getName());
}

// The block's values and cell types (getDataArray: numbers as double, text and
// empty cells as strings, error cells as void).
CellBlock readBlock(const Reference<css::table::XCellRange>& range, const std::string& sheet) {
  const css::table::CellRangeAddress a =
      Reference<css::sheet::XCellRangeAddressable>(range, UNO_QUERY_THROW)->getRangeAddress();
  CellBlock b;
  b.sheet = sheet;
  b.firstRow = a.StartRow;
  b.firstCol = a.StartColumn;
  b.rows = a.EndRow - a.StartRow + 1;
  b.cols = a.EndColumn - a.StartColumn + 1;
  const std::size_t n = static_cast<std::size_t>(b.rows) * static_cast<std::size_t>(b.cols);
  b.numbers.assign(n, 0.0);
  b.kinds.assign(n, CellBlock::Empty);
  const Sequence<Sequence<Any>> data =
      Reference<css::sheet::XCellRangeData>(range, UNO_QUERY_THROW)->getDataArray();
  std::size_t errors = 0;
  for (sal_Int32 r = 0; r < data.getLength() && r < b.rows; ++r) {
    const Sequence<Any>& row = data[r];
    for (sal_Int32 c = 0; c < row.getLength() && c < b.cols; ++c) {
      const std::size_t i =
          static_cast<std::size_t>(r) * static_cast<std::size_t>(b.cols) + static_cast<std::size_t>(c);
      const Any& v = row[c];
      double d;
      if (v >>= d) {
        b.numbers[i] = d;
        b.kinds[i] = CellBlock::Number;
      } else if (v.getValueTypeClass() == css::uno::TypeClass_STRING) {
        const OUString* s = static_cast<const OUString*>(v.getValue());
        if (!s->isEmpty()) {
          b.kinds[i] = CellBlock::Text;
          b.texts.emplace_back(i, utf8(*s));
        }
      } else if (!v.hasValue()) {  // an error cell: what it shows
        b.kinds[i] = CellBlock::Error;
        std::string shown = "#error";
        if (errors++ < kErrorTextsRead) {
          Reference<css::text::XText> text(range->getCellByPosition(c, r), UNO_QUERY);
          if (text.is() && !text->getString().isEmpty()) shown = utf8(text->getString());
        }
        b.texts.emplace_back(i, shown);
      }
    }
  }
  return b;
}

CellBlock resolve(const Reference<css::sheet::XSpreadsheetDocument>& doc, const objectives::ExplainRef& ref,
                  const std::string& formulaSheet) {
  if (ref.isName) {
    Reference<css::sheet::XNamedRanges> names = namedRanges(doc);
    if (!names.is() || !names->hasByName(u(ref.source)))
      throw UserError("Explain cannot find the named range \"" + ref.source + "\" of the formula.");
    Reference<css::sheet::XCellRangeReferrer> referrer(names->getByName(u(ref.source)), UNO_QUERY);
    Reference<css::table::XCellRange> cells;
    if (referrer.is()) cells = referrer->getReferredCells();
    if (!cells.is())
      throw UserError("The named range \"" + ref.source + "\" of the formula does not refer to cells.");
    const sal_Int16 tab =
        Reference<css::sheet::XCellRangeAddressable>(cells, UNO_QUERY_THROW)->getRangeAddress().Sheet;
    return readBlock(cells, sheetNameAt(doc, tab));
  }
  const std::string sheetName = ref.sheet.empty() ? formulaSheet : ref.sheet;
  Reference<css::sheet::XSpreadsheet> sh = sheetByName(doc, sheetName);
  if (!sh.is()) throw UserError("Explain cannot find the sheet \"" + sheetName + "\" of " + ref.source + ".");
  return readBlock(sh->getCellRangeByPosition(ref.firstCol, ref.firstRow, ref.lastCol, ref.lastRow),
                   sheetName);
}

}  // namespace

Outcome explainCommand(const Env& e) {
  Reference<css::view::XSelectionSupplier> selection(e.controller, UNO_QUERY);
  Reference<css::sheet::XCellRangeAddressable> selected;
  if (selection.is()) selected.set(selection->getSelection(), UNO_QUERY);
  if (!selected.is())
    throw UserError("Select the cell with the KPI value to explain (one cell), then run Explain again.");
  const css::table::CellRangeAddress a = selected->getRangeAddress();
  objectives::ExplainSource source;
  source.sheet = sheetNameAt(e.doc, a.Sheet);
  source.row = a.StartRow;
  source.col = a.StartColumn;
  Reference<css::sheet::XSpreadsheet> sh = sheetByName(e.doc, source.sheet);
  source.formula = utf8(sh->getCellByPosition(a.StartColumn, a.StartRow)->getFormula());
  const objectives::ExplainCall call = objectives::parseExplainCall(source);

  recalcIfManual(e.doc);
  std::vector<CellBlock> blocks;
  for (const objectives::ExplainRef& ref : call.references)
    blocks.push_back(resolve(e.doc, ref, source.sheet));
  const std::string name =
      objectives::uniqueSheetName(objectives::explainSheetBase(source), sheetNames(e.doc));
  // TODAY() in the arguments is the day Calc computes the cell with (the local date), not a Date argument.
  objectives::ExplainResult result =
      objectives::explainSheet(call, blocks, source, todaySerial(e.nullDate), e.nullDate, name);

  UndoStep step(e.doc, "qkpi: Explain");
  step.creatingSheet(name);
  Reference<css::sheet::XSpreadsheet> out = writeSpec(e.doc, result.spec, Target::NewSheet);
  step.commit();
  applyView(e.controller, out, result.spec);
  activate(e.controller, out);
  return {true, result.message, false};
}

}  // namespace qkpi::commands
