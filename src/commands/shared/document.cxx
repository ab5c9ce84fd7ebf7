// Reading the document and the shared document steps (see document.hxx).
#include "document.hxx"

#include <cmath>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/drawing/XDrawPageSupplier.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSheetAnnotationsSupplier.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XSheetOperation.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/util/CellProtection.hpp>
#include <com/sun/star/util/Date.hpp>
#include <com/sun/star/util/XProtectable.hpp>

#include "kpi/args.h"

namespace qkpi::commands {

using namespace css;
using css::uno::Any;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using objectives::UserError;
using sheet::Cell;
using sheet::SheetSpec;

namespace {

bool isData(const Cell& c) {
  return c.kind == Cell::Kind::Text || c.kind == Cell::Kind::Number;
}

Reference<beans::XPropertySet> props(const Reference<uno::XInterface>& x) {
  return Reference<beans::XPropertySet>(x, UNO_QUERY_THROW);
}

}  // namespace

long nullDateOffset(const Reference<css::sheet::XSpreadsheetDocument>& doc) {
  util::Date d;
  Reference<beans::XPropertySet> p(doc, UNO_QUERY);
  if (!p.is() || !(p->getPropertyValue("NullDate") >>= d)) return 0;
  return daysSince18991230(d.Year, d.Month, d.Day);
}

std::vector<std::string> sheetNames(const Reference<css::sheet::XSpreadsheetDocument>& doc) {
  std::vector<std::string> out;
  for (const OUString& n : doc->getSheets()->getElementNames()) out.push_back(utf8(n));
  return out;
}

bool hasSheet(const Reference<css::sheet::XSpreadsheetDocument>& doc, const std::string& name) {
  return doc->getSheets()->hasByName(u(name));
}

Reference<css::sheet::XSpreadsheet> sheetByName(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                const std::string& name) {
  Reference<css::sheet::XSpreadsheet> sh;
  if (hasSheet(doc, name)) doc->getSheets()->getByName(u(name)) >>= sh;
  return sh;
}

objectives::Table readTable(const Reference<css::sheet::XSpreadsheet>& sh) {
  Reference<css::sheet::XSheetCellCursor> cursor = sh->createCursor();
  Reference<css::sheet::XUsedAreaCursor> used(cursor, UNO_QUERY_THROW);
  used->gotoEndOfUsedArea(false);
  table::CellRangeAddress end =
      Reference<css::sheet::XCellRangeAddressable>(cursor, UNO_QUERY_THROW)->getRangeAddress();
  Reference<table::XCellRange> range = sh->getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow);
  Sequence<Sequence<Any>> data =
      Reference<css::sheet::XCellRangeData>(range, UNO_QUERY_THROW)->getDataArray();
  objectives::Table t(static_cast<std::size_t>(data.getLength()));
  for (sal_Int32 r = 0; r < data.getLength(); ++r) {
    const Sequence<Any>& row = data[r];
    auto& out = t[static_cast<std::size_t>(r)];
    out.resize(static_cast<std::size_t>(row.getLength()));
    for (sal_Int32 c = 0; c < row.getLength(); ++c) {
      const Any& a = row[c];
      double d;
      OUString s;
      if (a >>= d) {
        out[static_cast<std::size_t>(c)] = d;
      } else if (a >>= s) {
        if (!s.isEmpty()) out[static_cast<std::size_t>(c)] = utf8(s);
      } else if (!a.hasValue()) {  // an error cell: keep what it shows
        Reference<text::XText> text(range->getCellByPosition(c, r), UNO_QUERY);
        if (text.is() && !text->getString().isEmpty())
          out[static_cast<std::size_t>(c)] = utf8(text->getString());
      }
    }
  }
  return t;
}

std::vector<int> evaluateProbes(const Reference<css::sheet::XSpreadsheet>& scratch,
                                const std::vector<std::string>& formulas) {
  std::vector<int> out(formulas.size(), 0);
  Reference<table::XCell> cell = scratch->getCellByPosition(0, 0);
  for (std::size_t i = 0; i < formulas.size(); ++i) {
    if (formulas[i].empty()) continue;
    cell->setFormula(u(formulas[i]));
    if (cell->getError() == 0) {
      double v = cell->getValue();
      if (std::isfinite(v) && v > 0 && v < 1e6) out[i] = static_cast<int>(std::lround(v));
    }
  }
  Reference<css::sheet::XSheetOperation>(scratch->getCellRangeByPosition(0, 0, 0, 0), UNO_QUERY_THROW)
      ->clearContents(css::sheet::CellFlags::VALUE | css::sheet::CellFlags::DATETIME |
                      css::sheet::CellFlags::STRING | css::sheet::CellFlags::FORMULA);
  return out;
}

SheetSpec valuesOnly(const SheetSpec& spec, const Reference<css::sheet::XSpreadsheet>& live,
                     const std::string& newName) {
  SheetSpec out = spec;
  out.name = newName;
  out.cells.clear();
  out.cells.reserve(spec.cells.size());
  for (const Cell& c : spec.cells) {
    if (isData(c)) {
      out.cells.push_back(c);
      continue;
    }
    int rows = c.kind == Cell::Kind::ArrayFormula ? std::max(1, c.arrayRows) : 1;
    int cols = c.kind == Cell::Kind::ArrayFormula ? std::max(1, c.arrayCols) : 1;
    for (int r = 0; r < rows; ++r) {
      for (int k = 0; k < cols; ++k) {
        Reference<table::XCell> src = live->getCellByPosition(c.pos.col + k, c.pos.row + r);
        Cell v;
        v.pos = {c.pos.row + r, c.pos.col + k};
        v.style = c.style;
        if (src->getError() == 0 && src->getType() == table::CellContentType_FORMULA &&
            props(src)->getPropertyValue("FormulaResultType2").get<sal_Int32>() ==
                1) {  // FormulaResult::VALUE
          v.kind = Cell::Kind::Number;
          v.number = src->getValue();
        } else {
          v.kind = Cell::Kind::Text;
          v.text = utf8(Reference<text::XText>(src, UNO_QUERY_THROW)->getString());
          if (v.text.empty()) continue;
        }
        out.cells.push_back(std::move(v));
      }
    }
  }
  return out;
}

void recalcIfManual(const Reference<css::sheet::XSpreadsheetDocument>& doc) {
  Reference<css::sheet::XCalculatable> calc(doc, UNO_QUERY);
  if (calc.is() && !calc->isAutomaticCalculationEnabled()) calc->calculate();
}

Reference<css::sheet::XSpreadsheet> untouchedDefaultSheet(
    const Reference<css::sheet::XSpreadsheetDocument>& doc) {
  Reference<frame::XModel> model(doc, UNO_QUERY);
  if (!model.is() || !model->getURL().isEmpty()) return {};
  Sequence<OUString> names = doc->getSheets()->getElementNames();
  if (names.getLength() != 1) return {};
  Reference<css::sheet::XSpreadsheet> sh(doc->getSheets()->getByName(names[0]), UNO_QUERY);
  if (!sh.is()) return {};
  Reference<css::sheet::XSheetCellCursor> cur = sh->createCursor();
  Reference<css::sheet::XUsedAreaCursor>(cur, UNO_QUERY_THROW)->gotoEndOfUsedArea(false);
  table::CellRangeAddress end =
      Reference<css::sheet::XCellRangeAddressable>(cur, UNO_QUERY_THROW)->getRangeAddress();
  if (end.EndColumn != 0 || end.EndRow != 0) return {};
  if (sh->getCellByPosition(0, 0)->getType() != table::CellContentType_EMPTY) return {};
  Reference<css::sheet::XSheetAnnotationsSupplier> notes(sh, UNO_QUERY);
  if (notes.is() && notes->getAnnotations()->getCount() != 0) return {};
  Reference<drawing::XDrawPageSupplier> draw(sh, UNO_QUERY);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // the drawing layer of a sheet
  if (draw.is() && draw->getDrawPage()->getCount() != 0) return {};
#pragma GCC diagnostic pop
  return sh;
}

Reference<css::sheet::XNamedRanges> namedRanges(const Reference<css::sheet::XSpreadsheetDocument>& doc) {
  return Reference<css::sheet::XNamedRanges>(
      Reference<beans::XPropertySet>(doc, UNO_QUERY_THROW)->getPropertyValue("NamedRanges"), UNO_QUERY_THROW);
}

bool isSheetProtected(const Reference<css::sheet::XSpreadsheet>& sheet) {
  Reference<util::XProtectable> p(sheet, UNO_QUERY);
  return p.is() && p->isProtected();
}

bool isCellLocked(const Reference<css::sheet::XSpreadsheet>& sheet, int col, int row) {
  if (!isSheetProtected(sheet)) return false;
  util::CellProtection cp;
  cp.IsLocked = true;
  Reference<beans::XPropertySet>(sheet->getCellByPosition(col, row), UNO_QUERY_THROW)
      ->getPropertyValue("CellProtection") >>= cp;
  return cp.IsLocked;
}

void refuseProtectedSheet(const std::string& sheet, const std::string& what, const std::string& command,
                          objectives::Lang lang) {
  throw UserError(objectives::trf(
      lang,
      "The sheet \"{1}\" is protected, so qkpi cannot {2}. Remove the protection (Tools > Protect Sheet) and run {3} again. Nothing was changed.",
      {sheet, what, objectives::tr(lang, command)}));
}

bool isStructureProtected(const Reference<css::sheet::XSpreadsheetDocument>& doc) {
  Reference<util::XProtectable> p(doc, UNO_QUERY);
  return p.is() && p->isProtected();
}

void refuseIfStructureProtected(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                const std::string& what, const std::string& command, objectives::Lang lang) {
  if (isStructureProtected(doc))
    throw UserError(objectives::trf(
        lang,
        "The document's structure is protected (Tools > Protect Spreadsheet Structure), so qkpi cannot {1}. Remove that protection and run {2} again. Nothing was changed.",
        {what, objectives::tr(lang, command)}));
}

Reference<css::sheet::XSpreadsheet> requireRegister(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                    objectives::Lang lang) {
  Reference<css::sheet::XSpreadsheet> sh = sheetByName(doc, objectives::kRegisterSheet);
  if (!sh.is())
    throw UserError(objectives::trf(
        lang,
        "No quality objectives register: this document has no sheet \"{1}\". Create one with Quality Objectives > New Register (or try Sample Data).",
        {objectives::kRegisterSheet}));
  return sh;
}

void readActualFormulas(const Reference<css::sheet::XSpreadsheet>& reg,
                        std::vector<objectives::Objective>& objs) {
  for (objectives::Objective& o : objs) {
    const int col = o.col[static_cast<int>(objectives::Field::Actual)];
    if (col < 0) continue;
    Reference<table::XCell> cell = reg->getCellByPosition(col, o.row);
    o.actualRead = cell->getType() == table::CellContentType_EMPTY ? std::string() : utf8(cell->getFormula());
  }
}

std::vector<objectives::Objective> readObjectives(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                  objectives::Lang lang) {
  Reference<css::sheet::XSpreadsheet> reg = requireRegister(doc, lang);
  recalcIfManual(doc);
  std::vector<objectives::Objective> objs = objectives::readRegister(readTable(reg), lang);
  readActualFormulas(reg, objs);
  if (objs.empty())
    throw UserError(objectives::trf(
        lang,
        "The register \"{1}\" has no objectives yet: fill in at least one row (ID, Objective, KPI, Data).",
        {objectives::kRegisterSheet}));
  return objs;
}

}  // namespace qkpi::commands
