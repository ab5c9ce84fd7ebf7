// The cells a formula's references point to, read as the core's CellBlocks
// (objectives/explain.h): values and cell types, the shown text of error
// cells. Explain reads a selected cell's arguments with it; Action Log the
// data of the per-segment call its findings name the worst segments from.
#pragma once

#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <string>
#include <vector>

#include "objectives/explain.h"

namespace qkpi::commands {

using css::uno::Reference;

// The name of the sheet at `index`.
std::string sheetNameAt(const Reference<css::sheet::XSpreadsheetDocument>& doc, sal_Int16 index);

// The block's values and cell types (getDataArray: numbers as double, text and
// empty cells as strings, error cells as their shown text).
objectives::CellBlock readBlock(const Reference<css::table::XCellRange>& range, const std::string& sheet);

// One block per reference, in order: a named range's cells, or the block on
// its sheet ("" = `formulaSheet`). UserError (in `lang`) when a named range
// or sheet does not exist.
std::vector<objectives::CellBlock> readReferences(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                  const std::vector<objectives::ExplainRef>& refs,
                                                  const std::string& formulaSheet, objectives::Lang lang);

}  // namespace qkpi::commands
