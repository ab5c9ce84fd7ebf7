// Reading the cells of a formula's references (see cell_blocks.hxx).
#include "cell_blocks.hxx"

#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangeReferrer.hpp>
#include <com/sun/star/sheet/XNamedRanges.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XText.hpp>

#include "document.hxx"
#include "strings.hxx"

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

}  // namespace

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

namespace {

CellBlock resolve(const Reference<css::sheet::XSpreadsheetDocument>& doc, const objectives::ExplainRef& ref,
                  const std::string& formulaSheet, objectives::Lang lang) {
  if (ref.isName) {
    Reference<css::sheet::XNamedRanges> names = namedRanges(doc);
    if (!names.is() || !names->hasByName(u(ref.source)))
      throw UserError(
          objectives::trf(lang, "The named range \"{1}\" of the formula does not exist.", {ref.source}));
    Reference<css::sheet::XCellRangeReferrer> referrer(names->getByName(u(ref.source)), UNO_QUERY);
    Reference<css::table::XCellRange> cells;
    if (referrer.is()) cells = referrer->getReferredCells();
    if (!cells.is())
      throw UserError(objectives::trf(lang, "The named range \"{1}\" of the formula does not refer to cells.",
                                      {ref.source}));
    const sal_Int16 tab =
        Reference<css::sheet::XCellRangeAddressable>(cells, UNO_QUERY_THROW)->getRangeAddress().Sheet;
    return readBlock(cells, sheetNameAt(doc, tab));
  }
  const std::string sheetName = ref.sheet.empty() ? formulaSheet : ref.sheet;
  Reference<css::sheet::XSpreadsheet> sh = sheetByName(doc, sheetName);
  if (!sh.is())
    throw UserError(
        objectives::trf(lang, "The sheet \"{1}\" of {2} does not exist.", {sheetName, ref.source}));
  return readBlock(sh->getCellRangeByPosition(ref.firstCol, ref.firstRow, ref.lastCol, ref.lastRow),
                   sheetName);
}

}  // namespace

std::vector<CellBlock> readReferences(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                      const std::vector<objectives::ExplainRef>& refs,
                                      const std::string& formulaSheet, objectives::Lang lang) {
  std::vector<CellBlock> blocks;
  blocks.reserve(refs.size());
  for (const objectives::ExplainRef& ref : refs) blocks.push_back(resolve(doc, ref, formulaSheet, lang));
  return blocks;
}

}  // namespace qkpi::commands
