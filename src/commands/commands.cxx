// The qkpi commands: a protocol handler for the URLs org.qkpi:SampleData,
// org.qkpi:NewRegister, org.qkpi:Review, org.qkpi:ActionLog and
// org.qkpi:ExportPdf (menu "Quality Objectives", toolbar, sidebar, scripts).
//
// Each command reads the document into plain tables, calls the pure sheet
// specs of src/core/objectives.h and applies them with the writer. Each one
// that changes the document is one undo step; on an error the partial work
// is removed again (see UndoStep), so nothing half-written stays.
//
// Review and ActionLog first fill in the register's EMPTY Actual and Status
// cells of objective rows the user added by hand (objectives::registerFormulas;
// a cell with anything in it is never changed), inside the same undo step,
// then recalculate, so such a row is reviewed and gets its proposed action.
//
// Dispatch arguments (all optional): Date (ISO text "2026-11-25", instead of
// today), Freeze (bool, Review: also a values-only record sheet), FileName /
// URL (ExportPdf target), Silent (bool: never show a dialog).
//
// The outcome goes to the XDispatchResultListener of dispatchWithNotification
// (State SUCCESS or FAILURE, Result = the message text); in the UI (a visible
// frame of a non-headless office) errors and notices are also shown in a
// message box.
#include <osl/process.h>

#include <algorithm>
#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBox.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindow2.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/drawing/XDrawPageSupplier.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/FeatureStateEvent.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XDispatchResultListener.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/frame/XStatusListener.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/sheet/CellFlags.hpp>
#include <com/sun/star/sheet/XCalculatable.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XNamedRanges.hpp>
#include <com/sun/star/sheet/XPrintAreas.hpp>
#include <com/sun/star/sheet/XSheetAnnotationsSupplier.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XSheetCellRangeContainer.hpp>
#include <com/sun/star/sheet/XSheetOperation.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/table/CellAddress.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/util/URL.hpp>
#include <com/sun/star/util/XProtectable.hpp>
#include <cppuhelper/implbase4.hxx>
#include <cppuhelper/supportsservice.hxx>
#include <cstdio>
#include <ctime>
#include <optional>
#include <osl/file.hxx>
#include <regex>
#include <rtl/uri.hxx>
#include <set>
#include <string>
#include <vector>

#include "kpi/args.h"
#include "objectives/objectives.h"
#include "writer.hxx"

namespace qkpi::commands {
namespace {

using namespace css;
using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using objectives::UserError;

constexpr char kImplementationName[] = "org.qkpi.CommandsImpl";
constexpr char kProtocol[] = "org.qkpi:";
const char* const kCommands[] = {"SampleData", "NewRegister", "Review", "ActionLog", "ExportPdf"};

// ---- arguments -----------------------------------------------------------------

struct Args {
  std::optional<long> date;  // serial of the document
  bool freeze = false;
  OUString fileName, url;
};

const Any* findArg(const Sequence<beans::PropertyValue>& args, const char* name) {
  for (const beans::PropertyValue& p : args)
    if (p.Name.equalsIgnoreAsciiCaseAscii(name)) return &p.Value;
  return nullptr;
}

bool boolArg(const Any& a, const char* name) {
  bool b = false;
  double d = 0;
  if (a >>= b) return b;
  if (a >>= d) return d != 0;
  throw UserError(std::string(name) + ": expected true or false");
}

Args parseArgs(const Sequence<beans::PropertyValue>& in, long nullDate) {
  Args a;
  if (const Any* v = findArg(in, "Date")) {
    OUString s;
    double d = 0;
    if (*v >>= s) {
      Context ctx;
      ctx.nullDateOffset = nullDate;
      std::u16string_view view(reinterpret_cast<const char16_t*>(s.getStr()),
                               static_cast<std::size_t>(s.getLength()));
      a.date = parseIsoDate(view, ctx);
      if (!a.date) throw UserError("Date: \"" + utf8(s) + "\" is not a date in the form 2026-11-25");
    } else if (*v >>= d) {
      a.date = wholeDay(d);
    } else if (v->hasValue()) {
      throw UserError("Date: expected a date in the form 2026-11-25");
    }
  }
  if (const Any* v = findArg(in, "Freeze")) a.freeze = boolArg(*v, "Freeze");
  if (const Any* v = findArg(in, "FileName")) *v >>= a.fileName;
  if (const Any* v = findArg(in, "URL")) *v >>= a.url;
  return a;
}

long todaySerial(long nullDate) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  return daysSince18991230(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) - nullDate;
}

bool officeIsHeadless() {
  sal_uInt32 n = osl_getCommandArgCount();
  for (sal_uInt32 i = 0; i < n; ++i) {
    rtl::OUString arg;
    osl_getCommandArg(i, &arg.pData);
    if (arg == "--headless" || arg == "-headless") return true;
  }
  return false;
}

// ---- outcome and undo ------------------------------------------------------------

struct Outcome {
  bool ok = true;
  std::string message;
  bool notice = false;  // worth a dialog in the UI even on success
};

// One undo step around a command's changes: enters an undo context on
// construction; commit() leaves it. Without commit (an exception), what the
// command registered is removed again (sheets it created, rows it appended,
// named ranges it added) inside the same context before leaving it, so no
// partial result stays; the undo stack then holds one step that changes
// nothing. (XUndoManager::undo() is not used for that: Calc's undo of an
// inserted sheet needs an active view and crashes on a hidden document.)
class UndoStep {
 public:
  UndoStep(const Reference<css::sheet::XSpreadsheetDocument>& doc, const std::string& title) : doc_(doc) {
    Reference<document::XUndoManagerSupplier> s(doc, UNO_QUERY);
    if (s.is()) undo_ = s->getUndoManager();
    if (undo_.is()) undo_->enterUndoContext(u(title));
    model_.set(doc, UNO_QUERY);
    if (model_.is()) model_->lockControllers();
  }
  // Register before doing it.
  void creatingSheet(const std::string& name) { sheets_.push_back(name); }
  void addingName(const std::string& name) { names_.push_back(name); }
  void removingSheet(const std::string& name) { removed_.push_back(name); }
  void appendingRows(const std::string& sheet, int firstRow, int lastRow) {
    appended_.push_back({sheet, firstRow, lastRow});
  }
  // An empty cell about to get contents (and maybe a cell style): on rollback
  // it is emptied again and gets its cell style back.
  void fillingCell(const std::string& sheet, int col, int row, const OUString& previousStyle) {
    filled_.push_back({sheet, col, row, previousStyle});
  }
  void commit() {
    unlock();
    done_ = true;
    if (undo_.is()) undo_->leaveUndoContext();
  }
  ~UndoStep() {
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
  UndoStep(const UndoStep&) = delete;
  UndoStep& operator=(const UndoStep&) = delete;

 private:
  struct Rows {
    std::string sheet;
    int first, last;
  };
  struct Filled {
    std::string sheet;
    int col, row;
    OUString style;
  };
  void rollback() {
    Reference<css::sheet::XSpreadsheets> sheets = doc_->getSheets();
    for (auto it = filled_.rbegin(); it != filled_.rend(); ++it) {
      Reference<css::sheet::XSpreadsheet> sh = sheetByName(doc_, it->sheet);
      if (!sh.is()) continue;
      Reference<table::XCell> cell = sh->getCellByPosition(it->col, it->row);
      Reference<css::sheet::XSheetOperation>(cell, UNO_QUERY_THROW)
          ->clearContents(css::sheet::CellFlags::VALUE | css::sheet::CellFlags::DATETIME |
                          css::sheet::CellFlags::STRING | css::sheet::CellFlags::FORMULA);
      Reference<beans::XPropertySet>(cell, UNO_QUERY_THROW)->setPropertyValue("CellStyle", Any(it->style));
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
      Reference<css::sheet::XNamedRanges> nr(
          Reference<beans::XPropertySet>(doc_, UNO_QUERY_THROW)->getPropertyValue("NamedRanges"),
          UNO_QUERY_THROW);
      for (const std::string& n : names_)
        if (nr->hasByName(u(n))) nr->removeByName(u(n));
    }
    // Sheets removed (only ever empty ones) come back first, so the created ones can all go.
    for (const std::string& n : removed_)
      if (!sheets->hasByName(u(n))) sheets->insertNewByName(u(n), 0);
    for (auto it = sheets_.rbegin(); it != sheets_.rend(); ++it)
      if (sheets->hasByName(u(*it)) && sheets->getElementNames().getLength() > 1)
        sheets->removeByName(u(*it));
  }
  void unlock() {
    if (model_.is()) {
      try {
        model_->unlockControllers();
      } catch (const uno::Exception&) {
      }
      model_.clear();
    }
  }
  Reference<css::sheet::XSpreadsheetDocument> doc_;
  Reference<document::XUndoManager> undo_;
  Reference<frame::XModel> model_;
  std::vector<std::string> sheets_, names_, removed_;
  std::vector<Rows> appended_;
  std::vector<Filled> filled_;
  bool done_ = false;
};

// ---- document helpers ----------------------------------------------------------------

void recalcIfManual(const Reference<css::sheet::XSpreadsheetDocument>& doc) {
  Reference<css::sheet::XCalculatable> calc(doc, UNO_QUERY);
  if (calc.is() && !calc->isAutomaticCalculationEnabled()) calc->calculate();
}

// A never-saved document whose only sheet is untouched (the "Sheet1" of
// File > New): SampleData replaces it instead of leaving it empty in front.
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

std::string joinNames(const std::vector<std::string>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) s += i + 1 == v.size() ? " and " : ", ";
    s += "\"" + v[i] + "\"";
  }
  return s;
}

Reference<css::sheet::XSpreadsheet> requireRegister(const Reference<css::sheet::XSpreadsheetDocument>& doc) {
  Reference<css::sheet::XSpreadsheet> sh = sheetByName(doc, objectives::kRegisterSheet);
  if (!sh.is())
    throw UserError(std::string("No quality objectives register: this document has no sheet \"") +
                    objectives::kRegisterSheet +
                    "\". Create one with Quality Objectives > New Register (or try Sample Data).");
  return sh;
}

std::vector<objectives::Objective> readObjectives(const Reference<css::sheet::XSpreadsheetDocument>& doc) {
  Reference<css::sheet::XSpreadsheet> reg = requireRegister(doc);
  recalcIfManual(doc);
  std::vector<objectives::Objective> objs = objectives::readRegister(readTable(reg));
  if (objs.empty())
    throw UserError(std::string("The register \"") + objectives::kRegisterSheet +
                    "\" has no objectives yet: fill in at least one row (ID, Objective, KPI, Data).");
  return objs;
}

int countRows(const sheet::SheetSpec& spec, int fromRow) {
  std::set<int> rows;
  for (const sheet::Cell& c : spec.cells)
    if (c.pos.row >= fromRow) rows.insert(c.pos.row);
  return static_cast<int>(rows.size());
}

// ---- register formulas of rows added by hand -----------------------------------------

// The register's Actual and Status formulas that are missing: a row the user
// typed in (KPI, Data, Options ...) has no Actual, and beyond the pre-filled
// rows no Status either. Only EMPTY cells are filled; a cell with anything in
// it (an edited formula, a value, a text) is never changed.
struct RegisterFill {
  std::vector<sheet::Cell> cells;
  std::vector<sheet::Style> styles;
  int actuals = 0, statuses = 0;
  std::vector<std::string> rows;  // the objectives filled in: ID, or "row N"
};

bool isEmptyCell(const Reference<css::sheet::XSpreadsheet>& sh, int col, int row) {
  return col >= 0 && sh->getCellByPosition(col, row)->getType() == table::CellContentType_EMPTY;
}

// Pure reading: throws the UserError of objectives::actualFormula (unknown KPI,
// bad option ...) for a row whose Actual is to be filled, before anything changes.
RegisterFill missingRegisterFormulas(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                     const std::vector<objectives::Objective>& objs) {
  using objectives::Field;
  Reference<css::sheet::XSpreadsheet> reg = requireRegister(doc);
  RegisterFill fill;
  for (const objectives::Objective& o : objs) {
    const int aCol = o.col[static_cast<int>(Field::Actual)], sCol = o.col[static_cast<int>(Field::Status)];
    const bool needActual = isEmptyCell(reg, aCol, o.row), needStatus = isEmptyCell(reg, sCol, o.row);
    if (!needActual && !needStatus) continue;
    if (needActual) {
      sheet::SheetSpec spec = objectives::registerFormulas({o});  // the Actual's number format too
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
    fill.rows.push_back(o.id.empty() ? "row " + std::to_string(o.row + 1) : o.id);
  }
  return fill;
}

// Writes the fill into the register (registered with `step`), recalculates and
// returns the register read again, so computed Actuals and Statuses are current.
std::vector<objectives::Objective> applyRegisterFill(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                                     UndoStep& step, const RegisterFill& fill) {
  Reference<css::sheet::XSpreadsheet> reg = requireRegister(doc);
  if (!fill.styles.empty()) {  // the qkpi cell styles exist (a register typed by hand has none)
    sheet::SheetSpec styles;
    styles.name = objectives::kRegisterSheet;
    styles.styles = fill.styles;
    applySpec(doc, styles, Target::Append);
  }
  for (const sheet::Cell& c : fill.cells) {
    Reference<table::XCell> cell = reg->getCellByPosition(c.pos.col, c.pos.row);
    Reference<beans::XPropertySet> p(cell, UNO_QUERY_THROW);
    OUString previous;
    p->getPropertyValue("CellStyle") >>= previous;
    step.fillingCell(objectives::kRegisterSheet, c.pos.col, c.pos.row, previous);
    cell->setFormula(u(c.text));
    if (!c.style.empty()) p->setPropertyValue("CellStyle", Any(u(c.style)));
  }
  Reference<css::sheet::XCalculatable> calc(doc, UNO_QUERY);
  if (calc.is()) calc->calculate();
  return objectives::readRegister(readTable(reg));
}

// " Added 1 Actual formula and 1 Status formula to the register "Objectives" (H-1)."
std::string fillMessage(const RegisterFill& fill) {
  if (fill.cells.empty()) return {};
  auto count = [](int n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? " formula" : " formulas");
  };
  std::string parts;
  if (fill.actuals > 0) parts = count(fill.actuals, "Actual");
  if (fill.statuses > 0) parts += (parts.empty() ? "" : " and ") + count(fill.statuses, "Status");
  std::string rows;
  for (std::size_t i = 0; i < fill.rows.size(); ++i) rows += (i ? ", " : "") + fill.rows[i];
  return " Added " + parts + " to the register \"" + objectives::kRegisterSheet + "\" (" + rows + ").";
}

// ---- the commands -----------------------------------------------------------------

struct Env {
  Reference<uno::XComponentContext> ctx;
  Reference<css::sheet::XSpreadsheetDocument> doc;
  Reference<frame::XController> controller;
  long nullDate = 0;
  long today = 0;
  Args args;
};

Outcome sampleData(const Env& e) {
  objectives::SampleData data = objectives::sampleData(e.today, e.nullDate);
  std::vector<std::string> taken;
  for (const sheet::SheetSpec& s : data.sheets)
    if (hasSheet(e.doc, s.name)) taken.push_back(s.name);
  Reference<css::sheet::XNamedRanges> names = namedRanges(e.doc);
  std::vector<std::string> takenNames;
  for (const objectives::NamedRange& n : data.namedRanges)
    if (names->hasByName(u(n.name))) takenNames.push_back(n.name);
  if (!taken.empty() || !takenNames.empty()) {
    std::vector<std::string> all;
    for (const sheet::SheetSpec& s : data.sheets) all.push_back(s.name);
    std::string msg = "Sample data not added: it needs the sheets " + joinNames(all);
    if (!data.namedRanges.empty()) msg += " and the named range \"" + data.namedRanges.front().name + "\"";
    msg += ", but this document already has ";
    if (!taken.empty()) msg += (taken.size() == 1 ? "the sheet " : "the sheets ") + joinNames(taken);
    if (!taken.empty() && !takenNames.empty()) msg += " and ";
    if (!takenNames.empty()) msg += "the named range " + joinNames(takenNames);
    msg +=
        ". Nothing was changed. Open a new spreadsheet (File > New > Spreadsheet) and run Sample Data there.";
    throw UserError(msg);
  }

  UndoStep step(e.doc, "qkpi: Sample Data");
  Reference<css::sheet::XSpreadsheet> blank = untouchedDefaultSheet(e.doc);
  Reference<css::sheet::XSpreadsheets> sheets = e.doc->getSheets();
  // All sheets first (empty), then the named ranges, then the contents: every
  // formula finds its sheets and names when it is written.
  for (const sheet::SheetSpec& s : data.sheets) {
    step.creatingSheet(s.name);
    sheets->insertNewByName(u(s.name), static_cast<sal_Int16>(sheets->getElementNames().getLength()));
  }
  // The untouched default sheet goes right after the inserts: removed last, Calc's undo of the whole step
  // restored only that sheet and left the sample sheets.
  if (blank.is()) {
    const std::string blankName = utf8(Reference<container::XNamed>(blank, UNO_QUERY_THROW)->getName());
    step.removingSheet(blankName);
    sheets->removeByName(u(blankName));
  }
  for (const objectives::NamedRange& n : data.namedRanges) {
    step.addingName(n.name);
    names->addNewByName(u(n.name), u(n.content), table::CellAddress(0, 0, 0), 0);
  }
  std::vector<Reference<css::sheet::XSpreadsheet>> written;
  for (const sheet::SheetSpec& s : data.sheets) written.push_back(applySpec(e.doc, s, Target::FreshSheet));
  step.commit();
  for (std::size_t i = 0; i < written.size(); ++i) applyView(e.controller, written[i], data.sheets[i]);
  activate(e.controller, sheetByName(e.doc, objectives::kRegisterSheet));
  std::vector<std::string> all;
  for (const sheet::SheetSpec& s : data.sheets) all.push_back(s.name);
  return {true, "Added the sample sheets " + joinNames(all) + ".", false};
}

Outcome newRegister(const Env& e) {
  if (Reference<css::sheet::XSpreadsheet> reg = sheetByName(e.doc, objectives::kRegisterSheet); reg.is()) {
    activate(e.controller, reg);
    return {
        true,
        std::string("The register \"") + objectives::kRegisterSheet +
            "\" exists already and was left as it is (qkpi never replaces a register). Add your objectives "
            "as new rows there.",
        true};
  }
  sheet::SheetSpec spec = objectives::newRegister();
  UndoStep step(e.doc, "qkpi: New Register");
  step.creatingSheet(spec.name);
  Reference<css::sheet::XSpreadsheet> sh = applySpec(e.doc, spec, Target::NewSheet);
  step.commit();
  applyView(e.controller, sh, spec);
  activate(e.controller, sh);
  return {true, "Created the register \"" + spec.name + "\".", false};
}

Outcome review(const Env& e) {
  std::vector<objectives::Objective> objs = readObjectives(e.doc);
  const std::string name = objectives::reviewSheetName(e.today, e.nullDate, sheetNames(e.doc));
  // Everything the user must fix shows up before the document is touched: the
  // missing register formulas, and a dry run of the (pure) spec with empty
  // per-segment tables.
  const RegisterFill fill = missingRegisterFormulas(e.doc, objs);
  const std::vector<std::string> probes = objectives::segmentTableProbes(objs);
  (void)objectives::review(objs, std::vector<int>(probes.size(), 0), e.today, e.nullDate, name);
  UndoStep step(e.doc, "qkpi: Review");
  if (!fill.cells.empty()) objs = applyRegisterFill(e.doc, step, fill);
  // The new, still empty review sheet is the scratch cell of the probes.
  step.creatingSheet(name);
  Reference<css::sheet::XSpreadsheets> sheets = e.doc->getSheets();
  sheets->insertNewByName(u(name), static_cast<sal_Int16>(sheets->getElementNames().getLength()));
  std::vector<int> rows = evaluateProbes(sheetByName(e.doc, name), probes);
  sheet::SheetSpec spec = objectives::review(objs, rows, e.today, e.nullDate, name);
  spec.name = name;
  Reference<css::sheet::XSpreadsheet> sh = applySpec(e.doc, spec, Target::FreshSheet);
  std::string msg = "Created the review sheet \"" + name + "\"";
  std::optional<sheet::SheetSpec> record;
  Reference<css::sheet::XSpreadsheet> rec;
  if (e.args.freeze) {
    recalcIfManual(e.doc);
    std::vector<std::string> names = sheetNames(e.doc);
    record = valuesOnly(spec, sh, objectives::frozenSheetName(name, names));
    step.creatingSheet(record->name);
    rec = applySpec(e.doc, *record, Target::NewSheet);
    msg += " and its values-only record \"" + record->name + "\"";
  }
  step.commit();
  if (record) applyView(e.controller, rec, *record);
  applyView(e.controller, sh, spec);
  activate(e.controller, sh);
  return {true, msg + "." + fillMessage(fill), false};
}

Outcome actionLog(const Env& e) {
  std::vector<objectives::Objective> objs = readObjectives(e.doc);
  // A row added by hand first gets its Actual/Status formulas (so its computed
  // status counts), in the same undo step as the proposals.
  const RegisterFill fill = missingRegisterFormulas(e.doc, objs);
  std::optional<UndoStep> step;
  if (!fill.cells.empty()) {
    step.emplace(e.doc, "qkpi: Action Log");
    objs = applyRegisterFill(e.doc, *step, fill);
  }
  const std::string filled = fillMessage(fill);
  Reference<css::sheet::XSpreadsheet> existing = sheetByName(e.doc, objectives::kActionLogSheet);
  std::optional<objectives::Table> table;
  if (existing.is()) table = readTable(existing);
  sheet::SheetSpec spec = objectives::actionLog(table ? &*table : nullptr, objs, e.today, e.nullDate);
  spec.name = objectives::kActionLogSheet;
  if (existing.is()) {
    // Existing rows are never changed: only cells below the used area are written.
    const int firstFree = static_cast<int>(table->size());
    for (const sheet::Cell& c : spec.cells)
      if (c.pos.row < firstFree)
        throw uno::RuntimeException(u("qkpi: the action log update would change existing row " +
                                      std::to_string(c.pos.row + 1) + "; nothing was changed"));
    const int added = countRows(spec, firstFree);
    activate(e.controller, existing);
    if (added > 0 && Reference<util::XProtectable>(existing, UNO_QUERY_THROW)->isProtected())
      throw UserError("The sheet \"" + spec.name + "\" is protected, so no action can be added. Remove the " +
                      "protection (Tools > Protect Sheet) and run Action Log again.");
    if (added == 0) {
      if (step) step->commit();
      return {true,
              "No new actions: every AMBER or RED objective already has an open action in \"" + spec.name +
                  "\"." + filled,
              true};
    }
    if (!step) step.emplace(e.doc, "qkpi: Action Log");
    int last = firstFree;
    for (const sheet::Cell& c : spec.cells) last = std::max(last, c.pos.row);
    step->appendingRows(spec.name, firstFree, last);
    applySpec(e.doc, spec, Target::Append);
    step->commit();
    return {true,
            "Proposed " + std::to_string(added) + (added == 1 ? " action" : " actions") + " in \"" +
                spec.name + "\"." + filled,
            false};
  }
  if (!step) step.emplace(e.doc, "qkpi: Action Log");
  step->creatingSheet(spec.name);
  Reference<css::sheet::XSpreadsheet> sh = applySpec(e.doc, spec, Target::NewSheet);
  step->commit();
  applyView(e.controller, sh, spec);
  activate(e.controller, sh);
  const int added = countRows(spec, 1);
  return {true,
          "Created \"" + spec.name + "\" with " + std::to_string(added) + " proposed " +
              (added == 1 ? "action." : "actions.") + filled,
          false};
}

// The newest review sheet: "Review YYYY-MM-DD" or "Review YYYY-MM-DD (n)",
// latest date first, then the highest n. Records ("... record") are not reviews.
std::optional<std::string> latestReview(const std::vector<std::string>& names) {
  static const std::regex re(R"(^Review (\d{4}-\d{2}-\d{2})(?: \((\d+)\))?$)");
  std::optional<std::string> best;
  std::pair<std::string, int> bestKey;
  for (const std::string& n : names) {
    std::smatch m;
    if (!std::regex_match(n, m, re)) continue;
    std::pair<std::string, int> key{m[1].str(), m[2].matched ? std::stoi(m[2].str()) : 1};
    if (!best || key > bestKey) {
      best = n;
      bestKey = key;
    }
  }
  return best;
}

table::CellRangeAddress printedArea(const Reference<css::sheet::XSpreadsheet>& sh) {
  Reference<css::sheet::XPrintAreas> pa(sh, UNO_QUERY_THROW);
  Sequence<table::CellRangeAddress> areas = pa->getPrintAreas();
  if (areas.getLength() > 0) return areas[0];
  Reference<css::sheet::XSheetCellCursor> cur = sh->createCursor();
  Reference<css::sheet::XUsedAreaCursor>(cur, UNO_QUERY_THROW)->gotoStartOfUsedArea(false);
  Reference<css::sheet::XUsedAreaCursor>(cur, UNO_QUERY_THROW)->gotoEndOfUsedArea(true);
  return Reference<css::sheet::XCellRangeAddressable>(cur, UNO_QUERY_THROW)->getRangeAddress();
}

OUString pdfTarget(const Env& e, const std::string& review) {
  if (!e.args.url.isEmpty()) return e.args.url;
  if (!e.args.fileName.isEmpty()) {
    OUString url, abs, cwd;
    if (osl::FileBase::getFileURLFromSystemPath(e.args.fileName, url) != osl::FileBase::E_None)
      throw UserError("FileName: \"" + utf8(e.args.fileName) + "\" is not a valid file name");
    osl_getProcessWorkingDir(&cwd.pData);
    if (osl::FileBase::getAbsoluteFileURL(cwd, url, abs) != osl::FileBase::E_None) abs = url;
    return abs;
  }
  Reference<frame::XModel> model(e.doc, UNO_QUERY_THROW);
  OUString loc = model->getURL();
  if (loc.isEmpty())
    throw UserError(
        "The document has not been saved yet: save it first (the PDF is written next to it), "
        "or give a FileName.");
  sal_Int32 slash = loc.lastIndexOf('/');
  OUString dir = loc.copy(0, slash + 1), file = loc.copy(slash + 1);
  sal_Int32 dot = file.lastIndexOf('.');
  if (dot > 0) file = file.copy(0, dot);
  OUString suffix = rtl::Uri::encode(u(" - " + review + ".pdf"), rtl_UriCharClassPchar,
                                     rtl_UriEncodeIgnoreEscapes, RTL_TEXTENCODING_UTF8);
  return dir + file + suffix;
}

Outcome exportPdf(const Env& e) {
  std::optional<std::string> review = latestReview(sheetNames(e.doc));
  if (!review) throw UserError("No review sheet to export: run Quality Objectives > Review first.");
  std::vector<std::string> parts{*review};
  if (hasSheet(e.doc, objectives::kActionLogSheet)) parts.push_back(objectives::kActionLogSheet);
  OUString url = pdfTarget(e, *review);

  recalcIfManual(e.doc);
  Reference<css::sheet::XSheetCellRangeContainer> ranges(
      Reference<lang::XMultiServiceFactory>(e.doc, UNO_QUERY_THROW)
          ->createInstance("com.sun.star.sheet.SheetCellRanges"),
      UNO_QUERY_THROW);
  for (const std::string& p : parts) ranges->addRangeAddress(printedArea(sheetByName(e.doc, p)), false);

  Sequence<beans::PropertyValue> filterData(3);
  beans::PropertyValue* fd = filterData.getArray();
  fd[0].Name = "Selection";
  fd[0].Value <<= Reference<uno::XInterface>(ranges, UNO_QUERY);
  fd[1].Name = "ExportNotes";  // the header comments are help for editing, not part of the record
  fd[1].Value <<= false;
  fd[2].Name = "ExportBookmarks";
  fd[2].Value <<= true;
  Sequence<beans::PropertyValue> store(3);
  beans::PropertyValue* s = store.getArray();
  s[0].Name = "FilterName";
  s[0].Value <<= OUString("calc_pdf_Export");
  s[1].Name = "FilterData";
  s[1].Value <<= filterData;
  s[2].Name = "Overwrite";
  s[2].Value <<= true;
  Reference<frame::XStorable>(e.doc, UNO_QUERY_THROW)->storeToURL(url, store);

  OUString path;
  if (osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None) path = url;
  return {true, "Exported " + joinNames(parts) + " to " + utf8(path), true};
}

// ---- the protocol handler ---------------------------------------------------------

class Commands : public cppu::WeakImplHelper4<frame::XDispatchProvider, frame::XNotifyingDispatch,
                                              lang::XInitialization, lang::XServiceInfo> {
 public:
  explicit Commands(const Reference<uno::XComponentContext>& ctx) : ctx_(ctx) {}

  // ---- XInitialization: the frame ----
  void SAL_CALL initialize(const Sequence<Any>& args) override {
    for (const Any& a : args) {
      Reference<frame::XFrame> f;
      if (a >>= f) frame_ = f;
    }
  }

  // ---- XDispatchProvider ----
  Reference<frame::XDispatch> SAL_CALL queryDispatch(const util::URL& url, const OUString&,
                                                     sal_Int32) override {
    if (command(url).empty() || !calcDocument().is()) return {};
    return this;
  }
  Sequence<Reference<frame::XDispatch>> SAL_CALL
  queryDispatches(const Sequence<frame::DispatchDescriptor>& requests) override {
    Sequence<Reference<frame::XDispatch>> out(requests.getLength());
    for (sal_Int32 i = 0; i < requests.getLength(); ++i)
      out.getArray()[i] =
          queryDispatch(requests[i].FeatureURL, requests[i].FrameName, requests[i].SearchFlags);
    return out;
  }

  // ---- XDispatch / XNotifyingDispatch ----
  void SAL_CALL dispatch(const util::URL& url, const Sequence<beans::PropertyValue>& args) override {
    dispatchWithNotification(url, args, {});
  }
  void SAL_CALL dispatchWithNotification(const util::URL& url, const Sequence<beans::PropertyValue>& args,
                                         const Reference<frame::XDispatchResultListener>& listener) override {
    bool silent = false;
    Outcome out = run(command(url), args, silent);
    if (!silent && (!out.ok || out.notice)) show(out);
    if (!out.ok) std::fprintf(stderr, "qkpi: %s\n", out.message.c_str());
    if (listener.is()) {
      frame::DispatchResultEvent ev;
      ev.Source = static_cast<cppu::OWeakObject*>(this);
      ev.State = out.ok ? frame::DispatchResultState::SUCCESS : frame::DispatchResultState::FAILURE;
      ev.Result <<= u(out.message);
      listener->dispatchFinished(ev);
    }
  }
  void SAL_CALL addStatusListener(const Reference<frame::XStatusListener>& l, const util::URL& url) override {
    if (!l.is()) return;
    frame::FeatureStateEvent ev;
    ev.Source = static_cast<cppu::OWeakObject*>(this);
    ev.FeatureURL = url;
    ev.IsEnabled = !command(url).empty() && calcDocument().is();
    ev.Requery = false;
    l->statusChanged(ev);
  }
  void SAL_CALL removeStatusListener(const Reference<frame::XStatusListener>&, const util::URL&) override {}

  // ---- XServiceInfo ----
  OUString SAL_CALL getImplementationName() override { return kImplementationName; }
  sal_Bool SAL_CALL supportsService(const OUString& name) override {
    return cppu::supportsService(this, name);
  }
  Sequence<OUString> SAL_CALL getSupportedServiceNames() override {
    Sequence<OUString> names(1);
    names.getArray()[0] = "com.sun.star.frame.ProtocolHandler";
    return names;
  }

 private:
  static std::string command(const util::URL& url) {
    OUString complete = url.Complete;
    if (!complete.startsWithIgnoreAsciiCase(kProtocol)) return {};
    OUString path = complete.copy(static_cast<sal_Int32>(sizeof(kProtocol) - 1));
    sal_Int32 q = path.indexOf('?');
    if (q >= 0) path = path.copy(0, q);
    for (const char* c : kCommands)
      if (path.equalsAscii(c)) return c;
    return {};
  }

  Reference<css::sheet::XSpreadsheetDocument> calcDocument() const {
    if (!frame_.is()) return {};
    Reference<frame::XController> c = frame_->getController();
    if (!c.is()) return {};
    return Reference<css::sheet::XSpreadsheetDocument>(c->getModel(), UNO_QUERY);
  }

  Outcome run(const std::string& cmd, const Sequence<beans::PropertyValue>& args, bool& silent) {
    try {
      Env e;
      e.ctx = ctx_;
      e.doc = calcDocument();
      if (cmd.empty()) return {false, "Unknown qkpi command.", false};
      if (!e.doc.is()) return {false, "The qkpi commands work in Calc spreadsheets only.", false};
      e.controller = frame_->getController();
      e.nullDate = nullDateOffset(e.doc);
      if (const Any* v = findArg(args, "Silent")) silent = boolArg(*v, "Silent");
      e.args = parseArgs(args, e.nullDate);
      e.today = e.args.date ? *e.args.date : todaySerial(e.nullDate);
      if (cmd == "SampleData") return sampleData(e);
      if (cmd == "NewRegister") return newRegister(e);
      if (cmd == "Review") return review(e);
      if (cmd == "ActionLog") return actionLog(e);
      if (cmd == "ExportPdf") return exportPdf(e);
      return {false, "Unknown qkpi command " + cmd + ".", false};
    } catch (const UserError& ex) {
      return {false, ex.what(), false};
    } catch (const uno::Exception& ex) {
      return {false, "qkpi " + cmd + " failed: " + utf8(ex.Message), false};
    } catch (const std::exception& ex) {
      return {false, "qkpi " + cmd + " failed: " + std::string(ex.what()), false};
    } catch (...) {
      return {false, "qkpi " + cmd + " failed.", false};
    }
  }

  // A message box on the frame's window, only in the UI: not in a headless
  // office and not for a hidden document (nobody would see it, and it must
  // never block a script).
  void show(const Outcome& out) {
    try {
      static const bool headless = officeIsHeadless();
      if (headless || !frame_.is()) return;
      Reference<awt::XWindow2> window(frame_->getContainerWindow(), UNO_QUERY);
      if (!window.is() || !window->isVisible()) return;
      Reference<awt::XMessageBoxFactory> factory(awt::Toolkit::create(ctx_), UNO_QUERY_THROW);
      Reference<awt::XMessageBox> box =
          factory->createMessageBox(Reference<awt::XWindowPeer>(window, UNO_QUERY),
                                    out.ok ? awt::MessageBoxType_INFOBOX : awt::MessageBoxType_ERRORBOX,
                                    awt::MessageBoxButtons::BUTTONS_OK, "Quality Objectives", u(out.message));
      if (box.is()) box->execute();
    } catch (const uno::Exception& ex) {
      std::fprintf(stderr, "qkpi: cannot show a message: %s\n", utf8(ex.Message).c_str());
    }
  }

  Reference<uno::XComponentContext> ctx_;
  Reference<frame::XFrame> frame_;
};

}  // namespace
}  // namespace qkpi::commands

extern "C" SAL_DLLPUBLIC_EXPORT css::uno::XInterface* org_qkpi_Commands_get_implementation(
    css::uno::XComponentContext* ctx, const css::uno::Sequence<css::uno::Any>&) {
  auto* instance = new qkpi::commands::Commands(ctx);
  instance->acquire();
  return static_cast<cppu::OWeakObject*>(instance);
}
