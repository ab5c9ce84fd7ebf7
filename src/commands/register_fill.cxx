// Filling the register's missing formulas (see register_fill.hxx).
#include "register_fill.hxx"

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XText.hpp>

#include "command.hxx"
#include "document.hxx"
#include "strings.hxx"

namespace qkpi::commands {

using namespace css;
using css::uno::Any;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;

namespace {

bool isEmptyCell(const Reference<css::sheet::XSpreadsheet>& sh, int col, int row) {
  return col >= 0 && sh->getCellByPosition(col, row)->getType() == table::CellContentType_EMPTY;
}

}  // namespace

RegisterFill missingRegisterFormulas(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                     const std::vector<objectives::Objective>& objs, objectives::Lang lang) {
  using objectives::Field;
  Reference<css::sheet::XSpreadsheet> reg = requireRegister(doc, lang);
  RegisterFill fill;
  for (const objectives::Objective& o : objs) {
    const int aCol = o.col[static_cast<int>(Field::Actual)], sCol = o.col[static_cast<int>(Field::Status)];
    const bool needActual = isEmptyCell(reg, aCol, o.row), needStatus = isEmptyCell(reg, sCol, o.row);
    if (!needActual && !needStatus) continue;
    if (needActual) {
      sheet::SheetSpec spec = objectives::registerFormulas({o}, lang);  // the Actual's number format too
      for (sheet::Cell& c : spec.cells)
        if (c.pos.row == o.row && (c.pos.col == aCol || (needStatus && c.pos.col == sCol)))
          fill.cells.push_back(std::move(c));
      if (fill.styles.empty()) fill.styles = std::move(spec.styles);
    } else {
      sheet::Cell c;
      c.pos = {o.row, sCol};
      c.kind = sheet::Cell::Kind::Formula;
      c.text = objectives::statusFormula(o);
      fill.cells.push_back(std::move(c));
    }
    fill.actuals += needActual ? 1 : 0;
    fill.statuses += needStatus ? 1 : 0;
    fill.rows.push_back(o.id.empty() ? objectives::trf(lang, "row {1}", {std::to_string(o.row + 1)}) : o.id);
  }
  return fill;
}

std::vector<objectives::Objective> applyRegisterFill(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                     UndoStep& step, const RegisterFill& fill) {
  Reference<css::sheet::XSpreadsheet> reg = requireRegister(doc);
  if (!fill.styles.empty()) {  // the qkpi cell styles exist (a register typed by hand has none)
    sheet::SheetSpec styles;
    styles.name = objectives::kRegisterSheet;
    styles.styles = fill.styles;
    writeSpec(doc, styles, Target::Append);
  }
  for (const sheet::Cell& c : fill.cells) {
    Reference<table::XCell> cell = reg->getCellByPosition(c.pos.col, c.pos.row);
    Reference<beans::XPropertySet> p(cell, UNO_QUERY_THROW);
    OUString previous;
    p->getPropertyValue("CellStyle") >>= previous;
    if (cell->getType() == table::CellContentType_EMPTY)
      step.fillingCell(objectives::kRegisterSheet, c.pos.col, c.pos.row, previous);
    else
      step.replacingCell(objectives::kRegisterSheet, c.pos.col, c.pos.row, cell->getFormula(), previous);
    if (c.kind == sheet::Cell::Kind::Text)
      Reference<text::XText>(cell, UNO_QUERY_THROW)->setString(u(c.text));
    else
      cell->setFormula(u(c.text));
    if (!c.style.empty()) p->setPropertyValue("CellStyle", Any(u(c.style)));
  }
  Reference<css::sheet::XCalculatable> calc(doc, UNO_QUERY);
  if (calc.is()) calc->calculate();
  std::vector<objectives::Objective> objs = objectives::readRegister(readTable(reg));
  readActualFormulas(reg, objs);
  return objs;
}

RegisterFill registerCheck(const std::vector<objectives::Objective>& objs, objectives::Lang lang) {
  RegisterFill check;
  check.cells = objectives::checkCells(objs);
  for (const objectives::Objective& o : objs)
    if (objectives::actualDiffers(o)) check.rows.push_back(objectives::actualDiffersMessage(o, lang));
  return check;
}

std::string checkMessage(const RegisterFill& check) {
  std::string r;
  for (const std::string& m : check.rows) r += " " + m;
  return r;
}

namespace {

// "1 Actual formula and 2 Status formulas"
std::string fillParts(const RegisterFill& fill, objectives::Lang lang = objectives::Lang::En) {
  auto count = [&](int n, const char* what) {
    return objectives::trf(lang, n == 1 ? "{1} {2} formula" : "{1} {2} formulas",
                           {std::to_string(n), objectives::tr(lang, what)});
  };
  std::string parts;
  if (fill.actuals > 0) parts = count(fill.actuals, "Actual");
  if (fill.statuses > 0)
    parts += (parts.empty() ? "" : " " + objectives::tr(lang, "and") + " ") + count(fill.statuses, "Status");
  return parts;
}

// "H-1, H-2"
std::string fillRows(const RegisterFill& fill) {
  std::string rows;
  for (std::size_t i = 0; i < fill.rows.size(); ++i) rows += (i ? ", " : "") + fill.rows[i];
  return rows;
}

}  // namespace

bool fillLocked(const Reference<css::sheet::XSpreadsheetDocument>& doc, const RegisterFill& fill) {
  if (fill.cells.empty()) return false;
  Reference<css::sheet::XSpreadsheet> reg = requireRegister(doc);
  if (!isSheetProtected(reg)) return false;
  for (const sheet::Cell& c : fill.cells)
    if (isCellLocked(reg, c.pos.col, c.pos.row)) return true;
  return false;
}

void refuseIfFillLocked(const Reference<css::sheet::XSpreadsheetDocument>& doc, const RegisterFill& fill,
                        FillVerb verb, const std::string& command, objectives::Lang lang) {
  if (fillLocked(doc, fill))
    refuseProtectedSheet(objectives::kRegisterSheet,
                         objectives::trf(lang, verb == FillVerb::Add ? "add {1} ({2})" : "rewrite {1} ({2})",
                                         {fillParts(fill, lang), fillRows(fill)}),
                         command, lang);
}

std::string checkNotWrittenMessage(objectives::Lang lang) {
  return " " + objectives::trf(lang,
                               "The register \"{1}\" is protected, so its Check column was not updated.",
                               {objectives::kRegisterSheet});
}

std::string fillMessage(const RegisterFill& fill, objectives::Lang lang) {
  if (fill.cells.empty()) return {};
  return " " + objectives::trf(lang, "Added {1} to the register \"{2}\" ({3}).",
                               {fillParts(fill, lang), objectives::kRegisterSheet, fillRows(fill)});
}

}  // namespace qkpi::commands
