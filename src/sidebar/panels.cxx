// The three panels of the deck: Objectives, Actions, Insert KPI (see panel.hxx).
// Each draws objectives/sidebar_model.h and forwards events; no rule here.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XComboBox.hpp>
#include <com/sun/star/awt/XItemListener.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XTextListener.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/sheet/XCellAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XRangeSelection.hpp>
#include <com/sun/star/sheet/XRangeSelectionListener.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetView.hpp>
#include <com/sun/star/style/VerticalAlignment.hpp>
#include <com/sun/star/table/CellContentType.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/util/XModifiable.hpp>
#include <com/sun/star/util/XNumberFormatTypes.hpp>
#include <com/sun/star/util/XNumberFormats.hpp>
#include <com/sun/star/util/XNumberFormatsSupplier.hpp>
#include <com/sun/star/view/XSelectionSupplier.hpp>
#include <cppuhelper/queryinterface.hxx>
#include <cstdio>
#include <cstdlib>
#include <rtl/ref.hxx>

#include "dispatch_args.hxx"
#include "document.hxx"
#include "objectives/sidebar_model.h"
#include "panel.hxx"

namespace qkpi::sidebar {

using namespace css;
using css::uno::Any;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
namespace model = objectives::sidebar;

namespace {

beans::PropertyValue pv(const char* name, const Any& v) {
  beans::PropertyValue p;
  p.Name = OUString::createFromAscii(name);
  p.Value = v;
  return p;
}
Any str(const std::string& s) {
  return Any(u(s));
}

// A wrapped, left-aligned text.
std::vector<beans::PropertyValue> wrapped(const std::string& label) {
  return {pv("Label", str(label)), pv("MultiLine", Any(true)), pv("Align", Any(sal_Int16(0)))};
}

std::string boxText(const Reference<awt::XControl>& c) {
  Reference<awt::XTextComponent> t(c, UNO_QUERY);
  return t.is() ? utf8(t->getText()) : std::string();
}

// The current selection's range name, sheet-qualified and absolute ("$Deliveries.$D$2:$G$20001"), or "".
std::string selectionName(const Reference<frame::XFrame>& frame) {
  Reference<view::XSelectionSupplier> sel(frame->getController(), UNO_QUERY);
  if (!sel.is()) return "";
  Reference<css::sheet::XCellRangeAddressable> addr(sel->getSelection(), UNO_QUERY);
  Reference<css::sheet::XSpreadsheetDocument> doc(frame->getController()->getModel(), UNO_QUERY);
  if (!addr.is() || !doc.is()) return "";
  table::CellRangeAddress a = addr->getRangeAddress();
  Reference<container::XIndexAccess> sheets(doc->getSheets(), UNO_QUERY_THROW);
  Reference<container::XNamed> named(sheets->getByIndex(a.Sheet), UNO_QUERY_THROW);
  std::string sheet = utf8(named->getName());
  bool plain = !sheet.empty() && std::all_of(sheet.begin(), sheet.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
  auto col = [](int c) {
    std::string s;
    for (++c; c; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
  };
  std::string r = "$" + (plain ? sheet : "'" + sheet + "'") + ".$" + col(a.StartColumn) + "$" +
                  std::to_string(a.StartRow + 1);
  if (a.EndColumn != a.StartColumn || a.EndRow != a.StartRow)
    r += ":$" + col(a.EndColumn) + "$" + std::to_string(a.EndRow + 1);
  return r;
}

// ---- Objectives ------------------------------------------------------------------

class ObjectivesPanel : public Panel {
 public:
  using Panel::Panel;

 protected:
  void build() override {
    add("FixedText", "summary", wrapped(""));
    set("summary", "FontWeight", Any(float(awt::FontWeight::BOLD)));
    add("Button", "insertSample", {pv("Label", str(model::text("insert-sample", language_)))});
    Reference<awt::XButton>(control("insertSample"), UNO_QUERY_THROW)->setActionCommand("cmd:SampleData");
    add("Button", "newRegister", {pv("Label", str(model::text("new-register", language_)))});
    Reference<awt::XButton>(control("newRegister"), UNO_QUERY_THROW)->setActionCommand("cmd:NewRegister");
    add("FixedText", "hint", wrapped(model::text("hint-select", language_)));
    set("hint", "TextColor", Any(sal_Int32(0x595959)));
  }

  void refresh() override {
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    Reference<css::sheet::XSpreadsheetDocument> doc = document();
    Reference<css::sheet::XSpreadsheet> reg =
        doc.is() ? commands::sheetByName(doc, objectives::kRegisterSheet) : nullptr;
    objectives::Table values;
    if (reg.is()) values = commands::readTable(reg);
    const auto t1 = Clock::now();
    auto shown = [&](int row, int col) {
      Reference<text::XText> t(reg->getCellByPosition(col, row), UNO_QUERY);
      return t.is() ? utf8(t->getString()) : std::string();
    };
    auto formula = [&](int row, int col) {  // the Actual as entered (the stale check)
      Reference<table::XCell> c = reg->getCellByPosition(col, row);
      return c->getType() == table::CellContentType_EMPTY ? std::string() : utf8(c->getFormula());
    };
    view_ = model::objectivesView(reg.is() ? &values : nullptr, shown, language_, formula);
    const auto t2 = Clock::now();
    lastRow_ = static_cast<int>(values.size());
    lastCol_ = values.empty() ? 0 : static_cast<int>(values[0].size());
    set("summary", "Label", str(view_.message.empty() ? view_.summary : view_.message));
    const std::size_t n = view_.lines.size();
    for (std::size_t i = shownLines_; i < n; ++i) {  // more lines: new controls
      const std::string k = std::to_string(i);
      add("FixedText", "chip" + k,
          {pv("Align", Any(sal_Int16(1))), pv("VerticalAlign", Any(style::VerticalAlignment_MIDDLE)),
           pv("FontWeight", Any(float(awt::FontWeight::BOLD))), pv("MultiLine", Any(true))});
      add("Button", "line" + k, {pv("MultiLine", Any(true)), pv("Align", Any(sal_Int16(0)))});
    }
    for (std::size_t i = n; i < shownLines_; ++i) {  // fewer: remove the rest
      remove("chip" + std::to_string(i));
      remove("line" + std::to_string(i));
    }
    shownLines_ = n;
    const std::string actual = model::text("col-actual", language_),
                      target = model::text("col-target", language_);
    for (std::size_t i = 0; i < n; ++i) {
      const model::ObjectiveLine& l = view_.lines[i];
      const std::string k = std::to_string(i);
      set("chip" + k, "Label", str(l.chip));
      set("chip" + k, "BackgroundColor", Any(sal_Int32(l.background)));
      set("chip" + k, "TextColor", Any(sal_Int32(l.foreground)));
      set("line" + k, "Label",
          str(l.id + "  " + l.name + "\n" + actual + " " + l.actual + "   " + target + " " + l.target +
              (l.stale ? "\n\u26A0 " + l.staleNote : "")));
      set("line" + k, "HelpText",
          str(l.id + ": " + l.fullName + " (" + model::lightLabel(l.light, language_) + ")" +
              (l.stale ? ". " + l.staleNote : "")));
      Reference<awt::XButton>(control("line" + k), UNO_QUERY_THROW)
          ->setActionCommand(u("select:" + std::to_string(l.row)));
    }
    static const bool timing = std::getenv("QKPI_SIDEBAR_TIMING") != nullptr;
    auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
    if (timing)
      std::fprintf(stderr, "qkpi sidebar: objectives: read %.2f ms, model %.2f ms, draw %.2f ms\n",
                   ms(t1 - t0), ms(t2 - t1), ms(Clock::now() - t2));
  }

  int layout(int width, bool apply) override {
    const int w = std::max(width - 2 * kMargin, 60);
    int y = kMargin;
    const int hs = heightFor("summary", w);
    place("summary", kMargin, y, w, hs, apply);
    y += hs + kGap;
    const bool offer = !view_.hasRegister;
    for (const char* b : {"insertSample", "newRegister"}) {
      const int h = offer ? heightFor(b, w) : 0;
      place(b, kMargin, y, w, h, apply);
      if (h) y += h + kGap;
    }
    int chipW = 0;
    for (std::size_t i = 0; i < shownLines_; ++i)
      chipW = std::max(chipW, widestLine(view_.lines[i].chip, true) + 12);
    for (std::size_t i = 0; i < shownLines_; ++i) {
      const std::string k = std::to_string(i);
      OUString label;
      get("line" + k, "Label") >>= label;
      const int h = std::max(wrappedHeight(utf8(label), w - chipW - kGap - 16) + 12, 30);
      place("chip" + k, kMargin, y, chipW, h, apply);
      place("line" + k, kMargin + chipW + kGap, y, w - chipW - kGap, h, apply);
      y += h + kGap;
    }
    const int hh = shownLines_ ? heightFor("hint", w) : 0;
    place("hint", kMargin, y, w, hh, apply);
    if (hh) y += hh + kGap;
    return y + kMargin;
  }

  void onAction(const std::string& cmd) override {
    if (cmd.rfind("cmd:", 0) == 0) return dispatch(cmd.substr(4));
    if (cmd.rfind("select:", 0) != 0) return;
    const int row = std::stoi(cmd.substr(7));
    Reference<css::sheet::XSpreadsheetDocument> doc = document();
    Reference<css::sheet::XSpreadsheet> reg = commands::sheetByName(doc, objectives::kRegisterSheet);
    if (!reg.is()) return;
    Reference<frame::XController> c = args_.frame->getController();
    Reference<css::sheet::XSpreadsheetView> sv(c, UNO_QUERY);
    if (sv.is()) sv->setActiveSheet(reg);
    Reference<view::XSelectionSupplier> sel(c, UNO_QUERY);
    if (sel.is()) sel->select(Any(reg->getCellRangeByPosition(0, row, std::max(lastCol_ - 1, 0), row)));
  }

  std::string watchedRegisterRange() override {
    if (!view_.hasRegister) return "";
    // the used rows plus room for new ones; every column up to the used area's last
    return "A1:AZ" + std::to_string(std::max(lastRow_, 1) + 200);
  }

 private:
  model::ObjectivesView view_;
  std::size_t shownLines_ = 0;
  int lastRow_ = 0, lastCol_ = 0;
};

// ---- Actions ---------------------------------------------------------------------

class ActionsPanel : public Panel {
 public:
  using Panel::Panel;

 protected:
  void build() override {
    buttons_ = model::actionButtons(language_);
    for (const auto& b : buttons_) {
      add("Button", "cmd" + b.command, {pv("Label", str(b.label)), pv("HelpText", str(b.help))});
      Reference<awt::XButton>(control("cmd" + b.command), UNO_QUERY_THROW)->setActionCommand(u(b.command));
    }
    add("FixedText", "logTitle", {pv("Label", str(model::text("actions-open", language_)))});
    set("logTitle", "FontWeight", Any(float(awt::FontWeight::BOLD)));
    add("FixedText", "log", wrapped(""));
    add("FixedText", "outcomeTitle", {pv("Label", str(model::text("last-command", language_)))});
    set("outcomeTitle", "FontWeight", Any(float(awt::FontWeight::BOLD)));
    add("FixedText", "outcome", wrapped(model::text("no-command", language_)));
  }

  void refresh() override {
    Reference<css::sheet::XSpreadsheetDocument> doc = document();
    Reference<css::sheet::XSpreadsheet> log =
        doc.is() ? commands::sheetByName(doc, objectives::kActionLogSheet) : nullptr;
    objectives::Table t;
    if (log.is()) t = commands::readTable(log);
    const long off = doc.is() ? commands::nullDateOffset(doc) : 0;
    model::ActionSummary s = model::actionSummary(log.is() ? &t : nullptr, commands::todaySerial(off), off);
    set("log", "Label", str(model::describe(s, off, language_)));
    set("log", "TextColor", s.overdue ? Any(sal_Int32(0x9C0006)) : Any());
  }

  int layout(int width, bool apply) override {
    const int w = std::max(width - 2 * kMargin, 60);
    int y = kMargin;
    // two buttons a row when every label fits in half the width, else one
    int widest = 0;
    for (const auto& b : buttons_) widest = std::max(widest, textSize(b.label).Width + 20);
    const int cols = widest <= (w - kGap) / 2 ? 2 : 1;
    const int bw = cols == 2 ? (w - kGap) / 2 : w;
    for (std::size_t i = 0; i < buttons_.size(); ++i) {
      const std::string name = "cmd" + buttons_[i].command;
      const int h = textSize(buttons_[i].label).Height + 14;
      place(name, kMargin + static_cast<int>(i % cols) * (bw + kGap), y, bw, h, apply);
      if (i % cols == static_cast<std::size_t>(cols - 1) || i + 1 == buttons_.size()) y += h + kGap;
    }
    y += kGap;
    for (const char* n : {"logTitle", "log", "outcomeTitle", "outcome"}) {
      const int h = heightFor(n, w);
      place(n, kMargin, y, w, h, apply);
      y += h + (n[0] == 'l' && n[1] == 'o' && n[3] == 0 ? 2 * kGap : kGap);
    }
    return y + kMargin;
  }

  void onAction(const std::string& cmd) override {
    running_ = cmd;
    dispatch(cmd);
  }

  void onDispatchResult(bool ok, const std::string& message) override {
    std::string label = running_;
    for (const auto& b : buttons_)
      if (b.command == running_) label = b.label;
    set("outcome", "Label", str(model::outcomeLine(label, ok, message, language_)));
    set("outcome", "TextColor", Any(sal_Int32(ok ? 0x006100 : 0x9C0006)));
    scheduleRefresh();
  }

 private:
  std::vector<model::ActionButton> buttons_;
  std::string running_;
};

// ---- Insert KPI ------------------------------------------------------------------

// The range fields (Data range, Segment column) take a typed reference, the
// current selection ("Use selection") or a range picked in the sheet with
// Calc's own reference input ("Select…": XRangeSelection, the collapsed
// range bar Calc's dialogs use). What is typed is checked as the register
// checks its Data column (model::checkRange) and against the document's
// sheets and named ranges; the problem is shown under the field.
class InsertKpiPanel : public Panel,
                       public awt::XItemListener,
                       public awt::XTextListener,
                       public css::sheet::XRangeSelectionListener {
 public:
  using Panel::Panel;
  // XItemListener (the function list), XTextListener (the range fields),
  // XRangeSelectionListener ("Select…") and the XInterface glue for them
  Any SAL_CALL queryInterface(const uno::Type& t) override {
    Any a = ::cppu::queryInterface(t, static_cast<awt::XItemListener*>(this),
                                   static_cast<awt::XTextListener*>(this),
                                   static_cast<css::sheet::XRangeSelectionListener*>(this));
    return a.hasValue() ? a : Panel::queryInterface(t);
  }
  void SAL_CALL acquire() noexcept override { Panel::acquire(); }
  void SAL_CALL release() noexcept override { Panel::release(); }
  void SAL_CALL itemStateChanged(const awt::ItemEvent&) override {
    rebuildOptions();
    relayout();
  }
  void SAL_CALL textChanged(const awt::TextEvent&) override {
    checkFields();
    relayout();
  }
  void SAL_CALL done(const css::sheet::RangeSelectionEvent& e) override {
    stopListening();
    if (selecting_.empty()) return;
    Reference<awt::XTextComponent>(control(selecting_), UNO_QUERY_THROW)->setText(e.RangeDescriptor);
    selecting_.clear();
    checkFields();
    relayout();
  }
  void SAL_CALL aborted(const css::sheet::RangeSelectionEvent&) override {
    stopListening();
    selecting_.clear();
  }
  void SAL_CALL disposing(const lang::EventObject& e) override {
    if (e.Source == rangeSelection_) rangeSelection_.clear();
    Panel::disposing(e);
  }
  void SAL_CALL dispose() override {
    stopListening();
    Panel::dispose();
  }

 protected:
  void build() override {
    fns_ = model::insertableFunctions();
    Sequence<OUString> names(static_cast<sal_Int32>(fns_.size()));
    for (std::size_t i = 0; i < fns_.size(); ++i) names.getArray()[i] = u(std::string(fns_[i]->name));
    label("lFunction", "kpi-function");
    Sequence<sal_Int16> first(1);
    first.getArray()[0] = 0;
    add("ListBox", "function",
        {pv("Dropdown", Any(true)), pv("StringItemList", Any(names)), pv("SelectedItems", Any(first)),
         pv("LineCount", Any(sal_Int16(12)))});
    Reference<awt::XListBox>(control("function"), UNO_QUERY_THROW)->addItemListener(this);
    label("lData", "kpi-data");
    rangeField("data");
    label("lSegments", "kpi-segments");
    rangeField("segments");
    label("lSegment", "kpi-segment");
    add("Edit", "segment");
    label("lFrom", "kpi-from");
    add("Edit", "from", {pv("HelpText", str("2026-01-01"))});
    label("lTo", "kpi-to");
    add("Edit", "to", {pv("HelpText", str("2026-12-31"))});
    add("FixedText", "lOptions", {pv("Label", str(model::text("kpi-options", language_)))});
    set("lOptions", "FontWeight", Any(float(awt::FontWeight::BOLD)));
    rebuildOptions();
    button("preview", "kpi-preview", "preview");
    button("insert", "kpi-insert", "insert");
    add("FixedText", "formula", wrapped(""));
    add("FixedText", "result", wrapped(""));
  }

  void refresh() override {}

  int layout(int width, bool apply) override {
    const int w = std::max(width - 2 * kMargin, 60);
    int y = kMargin;
    auto row = [&](const char* l, const char* field) {
      const int hl = heightFor(l, w);
      place(l, kMargin, y, w, hl, apply);
      y += hl + 1;
      const int he = std::max(heightFor(field, w), 22);
      place(field, kMargin, y, w, he, apply);
      y += he + kGap;
    };
    // a range field: the field, then [Select…] [Use selection], then its problem (if any)
    auto rangeRow = [&](const char* l, const std::string& field) {
      row(l, field.c_str());
      // side by side when both labels fit in half the width (German "Auswahl übernehmen" may not): else
      // stacked
      const int half = (w - kGap) / 2;
      const bool sideBySide =
          std::max(preferredWidth("select:" + field), preferredWidth("use:" + field)) + 16 <= half;
      const int bw = sideBySide ? half : w;
      const int bh = std::max({heightFor("select:" + field, bw), heightFor("use:" + field, bw), 20}) + 4;
      place("select:" + field, kMargin, y, bw, bh, apply);
      if (!sideBySide) y += bh + kGap;
      place("use:" + field, sideBySide ? kMargin + half + kGap : kMargin, y, sideBySide ? w - half - kGap : w,
            bh, apply);
      y += bh + kGap;
      OUString problem;
      get("problem:" + field, "Label") >>= problem;
      const int hp = problem.isEmpty() ? 0 : heightFor("problem:" + field, w);
      place("problem:" + field, kMargin, y, w, hp, apply);
      if (hp) y += hp + kGap;
    };
    row("lFunction", "function");
    rangeRow("lData", "data");
    rangeRow("lSegments", "segments");
    row("lSegment", "segment");
    // From and To side by side
    const int half = (w - kGap) / 2, hl = heightFor("lFrom", half);
    place("lFrom", kMargin, y, half, hl, apply);
    place("lTo", kMargin + half + kGap, y, half, hl, apply);
    y += hl + 1;
    const int he = std::max(heightFor("from", half), 22);
    place("from", kMargin, y, half, he, apply);
    place("to", kMargin + half + kGap, y, half, he, apply);
    y += he + 2 * kGap;
    if (!options_.empty()) {
      const int ho = heightFor("lOptions", w);
      place("lOptions", kMargin, y, w, ho, apply);
      y += ho + kGap;
    } else {
      place("lOptions", 0, 0, 0, 0, apply);
    }
    for (std::size_t i = 0; i < options_.size(); ++i) {
      const std::string k = std::to_string(i);
      const int lw = std::max(w / 2, std::min(preferredWidth("optL" + k) + 4, w - 60));
      const int h = std::max(heightFor("optE" + k, w - lw - kGap), 22);
      place("optL" + k, kMargin, y + 3, lw, h - 3, apply);
      place("optE" + k, kMargin + lw + kGap, y, w - lw - kGap, h, apply);
      y += h + kGap;
    }
    y += kGap;
    const int bw = (w - kGap) / 2;
    const int bh = std::max(heightFor("preview", bw), heightFor("insert", bw)) + 6;
    const bool sideBySide = preferredWidth("insert") + 16 <= bw;
    place("preview", kMargin, y, sideBySide ? bw : w, bh, apply);
    if (!sideBySide) y += bh + kGap;
    place("insert", sideBySide ? kMargin + bw + kGap : kMargin, y, sideBySide ? bw : w, bh, apply);
    y += bh + kGap;
    for (const char* n : {"formula", "result"}) {
      const int h = heightFor(n, w);
      place(n, kMargin, y, w, h, apply);
      y += h + kGap;
    }
    return y + kMargin;
  }

  void onAction(const std::string& cmd) override {
    if (cmd == "use:data" || cmd == "use:segments") {
      const std::string r = selectionName(args_.frame);
      Reference<awt::XTextComponent>(control(cmd.substr(4)), UNO_QUERY_THROW)->setText(u(r));
      checkFields();
      relayout();
      return;
    }
    if (cmd == "select:data" || cmd == "select:segments") return startSelection(cmd.substr(7));
    model::KpiFormula f = model::kpiFormula(inputs(), language_);
    if (f.error.empty() && !checkFields()) f = {"", model::text("kpi-fix-range", language_), ""};
    set("formula", "Label", str(f.formula.empty() ? f.error : f.formula));
    set("formula", "TextColor", Any(sal_Int32(f.formula.empty() ? 0x9C0006 : 0x1F4E79)));
    if (f.formula.empty()) {
      set("result", "Label", str(""));
      return relayout();
    }
    if (cmd == "preview") preview(f.formula);
    if (cmd == "insert") insert(f);
    relayout();
  }

 private:
  void label(const char* name, const char* key) {
    add("FixedText", name, {pv("Label", str(model::text(key, language_)))});
  }
  void button(const std::string& name, const char* key, const std::string& cmd,
              const char* helpKey = nullptr) {
    add("Button", name, {pv("Label", str(model::text(key, language_)))});
    if (helpKey) set(name, "HelpText", str(model::text(helpKey, language_)));
    Reference<awt::XButton>(control(name), UNO_QUERY_THROW)->setActionCommand(u(cmd));
  }

  // The field `name`, its buttons select:<name> and use:<name>, and its problem text problem:<name>.
  void rangeField(const std::string& name) {
    add("Edit", name, {pv("HelpText", str("$Deliveries.D2:G20001"))});
    Reference<awt::XTextComponent>(control(name), UNO_QUERY_THROW)->addTextListener(this);
    button("select:" + name, "kpi-select-range", "select:" + name, "kpi-select-help");
    button("use:" + name, "kpi-use-selection", "use:" + name);
    add("FixedText", "problem:" + name, wrapped(""));
    set("problem:" + name, "TextColor", Any(sal_Int32(0x9C0006)));
  }

  // Checks the range fields, shows each one's problem under it; false when one has a problem.
  bool checkFields() {
    bool ok = true;
    Reference<css::sheet::XSpreadsheetDocument> doc = document();
    for (const char* name : {"data", "segments"}) {
      model::RangeCheck c =
          model::checkRange(boxText(control(name)), std::string(name) == "segments", language_);
      if (c.problem.empty() && !c.reference.empty() && doc.is()) {
        if (!c.named && !commands::hasSheet(doc, c.sheet))
          c.problem = model::text("kpi-no-sheet", language_) + " \"" + c.sheet + "\".";
        else if (c.named && !commands::namedRanges(doc)->hasByName(u(c.reference)))
          c.problem = model::text("kpi-no-name", language_) + " \"" + c.reference + "\".";
      }
      set(std::string("problem:") + name, "Label", str(c.problem));
      ok = ok && c.problem.empty();
    }
    return ok;
  }

  // "Select…": Calc's reference input for the field `name` (its text is the start value).
  void startSelection(const std::string& name) {
    Reference<css::sheet::XRangeSelection> rs(args_.frame->getController(), UNO_QUERY);
    if (!rs.is()) return;
    if (rangeSelection_ != rs) {
      stopListening();
      rangeSelection_ = rs;
      rs->addRangeSelectionListener(this);
    }
    selecting_ = name;
    Sequence<beans::PropertyValue> props(3);
    props.getArray()[0] =
        pv("Title", str(model::text("kpi-select-title", language_) + " – " +
                        model::text(name == "data" ? "kpi-data" : "kpi-segments", language_)));
    props.getArray()[1] = pv("CloseOnMouseRelease", Any(false));  // adjust or type, then Enter / OK
    props.getArray()[2] =
        pv("InitialValue", Any(Reference<awt::XTextComponent>(control(name), UNO_QUERY_THROW)->getText()));
    rs->startRangeSelection(props);
  }

  void stopListening() {
    if (!rangeSelection_.is()) return;
    try {
      rangeSelection_->removeRangeSelectionListener(this);
    } catch (const uno::Exception&) {
    }
    rangeSelection_.clear();
  }

  const FunctionSpec* selected() const {
    Reference<awt::XListBox> lb(control("function"), UNO_QUERY);
    const sal_Int16 i = lb.is() ? lb->getSelectedItemPos() : -1;
    return i >= 0 && static_cast<std::size_t>(i) < fns_.size() ? fns_[static_cast<std::size_t>(i)]
                                                               : fns_.front();
  }

  void rebuildOptions() {
    for (std::size_t i = 0; i < options_.size(); ++i) {
      remove("optL" + std::to_string(i));
      remove("optE" + std::to_string(i));
    }
    options_ = model::optionFields(*selected(), language_);
    for (std::size_t i = 0; i < options_.size(); ++i) {
      const std::string k = std::to_string(i);
      add("FixedText", "optL" + k,
          {pv("Label", str(options_[i].name)), pv("HelpText", str(options_[i].help))});
      add("Edit", "optE" + k, {pv("HelpText", str(options_[i].help))});
    }
  }

  model::KpiInputs inputs() const {
    model::KpiInputs in;
    in.function = std::string(selected()->name);
    in.data = boxText(control("data"));
    in.segments = boxText(control("segments"));
    in.segment = boxText(control("segment"));
    in.from = boxText(control("from"));
    in.to = boxText(control("to"));
    for (std::size_t i = 0; i < options_.size(); ++i)
      in.options.emplace_back(options_[i].name, boxText(control("optE" + std::to_string(i))));
    return in;
  }

  // The current cell of the view (the cursor's cell of a cell selection), or empty.
  Reference<table::XCell> currentCell() const {
    Reference<view::XSelectionSupplier> sel(args_.frame->getController(), UNO_QUERY);
    Reference<table::XCellRange> r(sel.is() ? sel->getSelection() : Any(), UNO_QUERY);
    return r.is() ? r->getCellByPosition(0, 0) : nullptr;
  }

  // The value, computed by Calc in a scratch cell (the current sheet's last
  // cell, when empty) with undo recording locked and the modified flag kept:
  // nothing of the user's document changes.
  void preview(const std::string& formula) {
    Reference<css::sheet::XSpreadsheetView> sv(args_.frame->getController(), UNO_QUERY);
    Reference<css::sheet::XSpreadsheet> sheet = sv.is() ? sv->getActiveSheet() : nullptr;
    if (!sheet.is()) return;
    Reference<table::XCell> cell = sheet->getCellByPosition(1023, 1048575);
    if (cell->getType() != table::CellContentType_EMPTY) return;
    Reference<document::XUndoManagerSupplier> us(document(), UNO_QUERY);
    Reference<util::XModifiable> mod(document(), UNO_QUERY);
    const bool wasModified = mod.is() && mod->isModified();
    Reference<document::XUndoManager> undo = us.is() ? us->getUndoManager() : nullptr;
    if (undo.is()) undo->lock();
    std::string shown;
    try {
      cell->setFormula(u(formula));
      shown = utf8(Reference<text::XText>(cell, UNO_QUERY_THROW)->getString());
      double v = cell->getValue();
      if (cell->getError() == 0) shown = model::previewText(v, *selected(), language_);
      cell->setFormula("");
    } catch (...) {
      cell->setFormula("");
      if (undo.is()) undo->unlock();
      throw;
    }
    if (undo.is()) undo->unlock();
    if (mod.is() && !wasModified) mod->setModified(false);
    set("result", "Label", str(model::text("kpi-value", language_) + ": " + shown));
  }

  // The number format key of `code` (en-US format code) in the document, added when missing.
  sal_Int32 formatKey(const std::string& code) {
    Reference<util::XNumberFormatsSupplier> nfs(document(), UNO_QUERY_THROW);
    Reference<util::XNumberFormats> formats = nfs->getNumberFormats();
    const lang::Locale enUS("en", "US", "");
    sal_Int32 key = formats->queryKey(u(code), enUS, false);
    return key >= 0 ? key : formats->addNew(u(code), enUS);
  }

  // Whether the cell has the default number format (General of its language): only then
  // does Insert KPI give a ratio the percent format; a format the user chose stays.
  bool hasDefaultFormat(const Reference<table::XCell>& cell) {
    Reference<beans::XPropertySet> cp(cell, UNO_QUERY_THROW);
    sal_Int32 key = 0;
    cp->getPropertyValue("NumberFormat") >>= key;
    lang::Locale locale;
    cp->getPropertyValue("CharLocale") >>= locale;
    Reference<util::XNumberFormatsSupplier> nfs(document(), UNO_QUERY_THROW);
    Reference<util::XNumberFormatTypes> types(nfs->getNumberFormats(), UNO_QUERY_THROW);
    return key == 0 || key == types->getStandardIndex(locale);
  }

  // The formula into the current cell and, for a ratio in a cell of the default
  // format, the register's percent format: one undo step "Insert KPI".
  void insert(const model::KpiFormula& f) {
    Reference<table::XCell> cell = currentCell();
    if (!cell.is()) return set("result", "Label", str(model::text("kpi-no-cell", language_)));
    Reference<document::XUndoManagerSupplier> us(document(), UNO_QUERY);
    Reference<document::XUndoManager> undo = us.is() ? us->getUndoManager() : nullptr;
    if (undo.is()) undo->enterUndoContext(u(model::text("kpi-undo", language_)));
    try {
      const bool format = !f.numberFormat.empty() && hasDefaultFormat(cell);
      cell->setFormula(u(f.formula));
      if (format)
        Reference<beans::XPropertySet>(cell, UNO_QUERY_THROW)
            ->setPropertyValue("NumberFormat", Any(formatKey(f.numberFormat)));
    } catch (...) {
      if (undo.is()) undo->leaveUndoContext();
      throw;
    }
    if (undo.is()) undo->leaveUndoContext();
    Reference<css::sheet::XCellAddressable> a(cell, UNO_QUERY);
    std::string where;
    if (a.is()) {
      table::CellAddress ad = a->getCellAddress();
      std::string c;
      for (int n = ad.Column + 1; n; n = (n - 1) / 26)
        c.insert(c.begin(), static_cast<char>('A' + (n - 1) % 26));
      where = c + std::to_string(ad.Row + 1);
    }
    set("result", "Label",
        str(model::text("kpi-inserted", language_) + " " + where + ": " +
            utf8(Reference<text::XText>(cell, UNO_QUERY_THROW)->getString())));
  }

  std::vector<const FunctionSpec*> fns_;
  std::vector<model::OptionField> options_;
  Reference<css::sheet::XRangeSelection> rangeSelection_;  // listened to while "Select…" runs
  std::string selecting_;                                  // the field "Select…" fills ("" = none)
};

}  // namespace

Reference<ui::XUIElement> createPanel(const PanelArgs& args) {
  const std::string url = utf8(args.resourceUrl);
  auto endsWith = [&](const char* s) {
    const std::string t(s);
    return url.size() >= t.size() && url.compare(url.size() - t.size(), t.size(), t) == 0;
  };
  rtl::Reference<Panel> p;
  if (endsWith("/ObjectivesPanel"))
    p = new ObjectivesPanel(args);
  else if (endsWith("/ActionsPanel"))
    p = new ActionsPanel(args);
  else if (endsWith("/InsertKpiPanel"))
    p = new InsertKpiPanel(args);
  else
    return {};
  p->init();
  return Reference<ui::XUIElement>(p.get());
}

}  // namespace qkpi::sidebar
