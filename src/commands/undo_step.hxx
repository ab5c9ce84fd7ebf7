// One undo step around a command's changes, with rollback on failure.
//
// The constructor enters an undo context titled `title` and locks the
// controllers; commit() unlocks and leaves it. Without commit (the command
// threw), what the command registered beforehand is removed again (cells it
// filled, rows it appended, named ranges it added, sheets it created; sheets
// it removed come back) inside the same context before leaving it, so no
// partial result stays and the undo stack holds one step that changes
// nothing. Errors of that cleanup are logged to stderr, never thrown from the
// destructor. (XUndoManager::undo() is not used for it: Calc's undo of an
// inserted sheet needs an active view and crashes on a hidden document.)
#pragma once

#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <rtl/ustring.hxx>
#include <string>
#include <vector>

namespace qkpi::commands {

class UndoStep {
 public:
  UndoStep(const css::uno::Reference<css::sheet::XSpreadsheetDocument>& doc, const std::string& title);
  ~UndoStep();
  UndoStep(const UndoStep&) = delete;
  UndoStep& operator=(const UndoStep&) = delete;

  // Register each change before doing it.
  void creatingSheet(const std::string& name) { sheets_.push_back(name); }
  void addingName(const std::string& name) { names_.push_back(name); }
  void removingSheet(const std::string& name) { removed_.push_back(name); }  // only ever an empty one
  void appendingRows(const std::string& sheet, int firstRow, int lastRow) {
    appended_.push_back({sheet, firstRow, lastRow});
  }
  // An empty cell about to get contents (and maybe a cell style): on rollback
  // it is emptied again and gets its cell style back.
  void fillingCell(const std::string& sheet, int col, int row, const rtl::OUString& previousStyle) {
    filled_.push_back({sheet, col, row, previousStyle, {}, false});
  }
  // A cell whose contents are about to be replaced: on rollback it gets its
  // previous formula (XCell::getFormula; "" = empty) and cell style back.
  void replacingCell(const std::string& sheet, int col, int row, const rtl::OUString& previousFormula,
                     const rtl::OUString& previousStyle) {
    filled_.push_back({sheet, col, row, previousStyle, previousFormula, true});
  }
  void commit();

 private:
  struct Rows {
    std::string sheet;
    int first, last;
  };
  struct Filled {
    std::string sheet;
    int col, row;
    rtl::OUString style;
    rtl::OUString formula;  // replaced cells: the previous contents
    bool replaced;
  };
  void rollback();
  void unlock();

  css::uno::Reference<css::sheet::XSpreadsheetDocument> doc_;
  css::uno::Reference<css::document::XUndoManager> undo_;
  css::uno::Reference<css::frame::XModel> model_;
  std::vector<std::string> sheets_, names_, removed_;
  std::vector<Rows> appended_;
  std::vector<Filled> filled_;
  bool done_ = false;
};

}  // namespace qkpi::commands
