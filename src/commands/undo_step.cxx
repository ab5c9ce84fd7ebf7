// One undo step with rollback (see undo_step.hxx).
#include "undo_step.hxx"

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/sheet/XNamedRanges.hpp>
#include <com/sun/star/sheet/XSheetOperation.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <cstdio>

#include "document.hxx"
#include "strings.hxx"

namespace qkpi::commands {

using namespace css;
using css::uno::Any;
using css::uno::Reference;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;

UndoStep::UndoStep(const Reference<css::sheet::XSpreadsheetDocument>& doc, const std::string& title)
    : doc_(doc) {
  Reference<document::XUndoManagerSupplier> s(doc, UNO_QUERY);
  if (s.is()) undo_ = s->getUndoManager();
  if (undo_.is()) undo_->enterUndoContext(u(title));
  model_.set(doc, UNO_QUERY);
  if (model_.is()) model_->lockControllers();
}

void UndoStep::commit() {
  unlock();
  done_ = true;
  if (undo_.is()) undo_->leaveUndoContext();
}

UndoStep::~UndoStep() {
  if (done_) return;
  try {
    rollback();
  } catch (const uno::Exception& e) {
    std::fprintf(stderr, "qkpi: could not remove the partial result of a failed command: %s\n",
                 utf8(e.Message).c_str());
  }
  unlock();
  try {
    if (undo_.is()) undo_->leaveUndoContext();
  } catch (const uno::Exception&) {
  }
}

void UndoStep::rollback() {
  Reference<css::sheet::XSpreadsheets> sheets = doc_->getSheets();
  for (std::size_t k = filled_.size(); k-- > 0;) {  // newest first
    const auto& f = filled_[k];
    Reference<css::sheet::XSpreadsheet> sh = sheetByName(doc_, f.sheet);
    if (!sh.is()) continue;
    Reference<table::XCell> cell = sh->getCellByPosition(f.col, f.row);
    Reference<css::sheet::XSheetOperation>(cell, UNO_QUERY_THROW)
        ->clearContents(css::sheet::CellFlags::VALUE | css::sheet::CellFlags::DATETIME |
                        css::sheet::CellFlags::STRING | css::sheet::CellFlags::FORMULA);
    if (f.replaced && !f.formula.isEmpty()) cell->setFormula(f.formula);
    Reference<beans::XPropertySet>(cell, UNO_QUERY_THROW)->setPropertyValue("CellStyle", Any(f.style));
  }
  for (const Rows& r : appended_) {
    Reference<css::sheet::XSpreadsheet> sh = sheetByName(doc_, r.sheet);
    if (!sh.is() || r.last < r.first) continue;
    Reference<css::sheet::XSheetOperation> op(sh->getCellRangeByPosition(0, r.first, 1023, r.last),
                                              UNO_QUERY_THROW);
    op->clearContents(css::sheet::CellFlags::VALUE | css::sheet::CellFlags::DATETIME |
                      css::sheet::CellFlags::STRING | css::sheet::CellFlags::ANNOTATION |
                      css::sheet::CellFlags::FORMULA | css::sheet::CellFlags::HARDATTR |
                      css::sheet::CellFlags::STYLES | css::sheet::CellFlags::EDITATTR);
  }
  if (!names_.empty()) {
    Reference<css::sheet::XNamedRanges> nr = namedRanges(doc_);
    for (const std::string& n : names_)
      if (nr->hasByName(u(n))) nr->removeByName(u(n));
  }
  // Sheets removed (only ever empty ones) come back first, so the created ones can all go.
  for (const std::string& n : removed_)
    if (!sheets->hasByName(u(n))) sheets->insertNewByName(u(n), 0);
  for (std::size_t k = sheets_.size(); k-- > 0;) {  // newest first
    const std::string& n = sheets_[k];
    if (sheets->hasByName(u(n)) && sheets->getElementNames().getLength() > 1) sheets->removeByName(u(n));
  }
}

void UndoStep::unlock() {
  if (model_.is()) {
    try {
      model_->unlockControllers();
    } catch (const uno::Exception&) {
    }
    model_.clear();
  }
}

}  // namespace qkpi::commands
