// The panel base: container window, controls, document listeners, dispatch (see panel.hxx).
#include "panel.hxx"

#include <algorithm>
#include <chrono>
#include <com/sun/star/accessibility/XAccessible.hpp>
#include <com/sun/star/awt/AsyncCallback.hpp>
#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/awt/PosSize.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XLayoutConstrains.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/FrameAction.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/XMultiComponentFactory.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/ui/UIElementType.hpp>
#include <com/sun/star/util/URLTransformer.hpp>
#include <cstdio>
#include <cstdlib>

#include "document.hxx"
#include "objectives/sidebar_model.h"

namespace qkpi::sidebar {

using namespace css;
using css::uno::Any;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;

Panel::Panel(const PanelArgs& args) : language_(args.language), args_(args) {}

Panel::~Panel() = default;

void Panel::init() {
  Reference<lang::XMultiComponentFactory> smgr = args_.ctx->getServiceManager();
  Reference<awt::XControl> c(
      smgr->createInstanceWithContext("com.sun.star.awt.UnoControlContainer", args_.ctx), UNO_QUERY_THROW);
  Reference<awt::XControlModel> m(
      smgr->createInstanceWithContext("com.sun.star.awt.UnoControlContainerModel", args_.ctx),
      UNO_QUERY_THROW);
  c->setModel(m);
  c->createPeer(Reference<awt::XToolkit>(awt::Toolkit::create(args_.ctx), UNO_QUERY_THROW),
                Reference<awt::XWindowPeer>(args_.parent, UNO_QUERY));
  window_.set(c, UNO_QUERY_THROW);
  container_.set(c, UNO_QUERY_THROW);
  add("FixedText", "measure");  // never shown: measure texts (textSize)
  Reference<awt::XWindow>(control("measure"), UNO_QUERY_THROW)->setVisible(false);
  add("FixedText", "measureBold");
  set("measureBold", "FontWeight", Any(float(awt::FontWeight::BOLD)));
  Reference<awt::XWindow>(control("measureBold"), UNO_QUERY_THROW)->setVisible(false);
  build();
  refresh();
  watchDocument();
  window_->addWindowListener(static_cast<awt::XWindowListener*>(this));
  args_.frame->addFrameActionListener(this);
  awt::Rectangle r = args_.parent->getPosSize();
  window_->setPosSize(0, 0, r.Width, layout(r.Width, true), awt::PosSize::POSSIZE);
  window_->setVisible(true);
}

sal_Int16 Panel::getType() {
  return ui::UIElementType::TOOLPANEL;
}

Reference<uno::XInterface> Panel::getRealInterface() {
  return static_cast<ui::XToolPanel*>(this);
}

Reference<accessibility::XAccessible> Panel::createAccessible(const Reference<accessibility::XAccessible>&) {
  Reference<awt::XControl> c(window_, UNO_QUERY);
  return c.is() ? Reference<accessibility::XAccessible>(c->getPeer(), UNO_QUERY) : nullptr;
}

ui::LayoutSize Panel::getHeightForWidth(sal_Int32 width) {
  const int h = disposed_ ? 0 : layout(width, false);
  return ui::LayoutSize(h, h, h);
}

void Panel::dispose() {
  if (disposed_) return;
  disposed_ = true;
  try {
    if (watchedDoc_.is()) watchedDoc_->removeModifyListener(this);
    if (watchedRange_.is()) watchedRange_->removeModifyListener(this);
    if (args_.frame.is()) args_.frame->removeFrameActionListener(this);
  } catch (const uno::Exception&) {
  }
  watchedDoc_.clear();
  watchedRange_.clear();
  if (window_.is()) {
    window_->removeWindowListener(this);
    Reference<lang::XComponent>(window_, UNO_QUERY_THROW)->dispose();
  }
  window_.clear();
  container_.clear();
}

void Panel::disposing(const lang::EventObject& e) {
  if (e.Source == watchedDoc_) watchedDoc_.clear();
  if (e.Source == watchedRange_) watchedRange_.clear();
}

void Panel::windowResized(const awt::WindowEvent& e) {
  if (!disposed_) layout(e.Width, true);
}

void Panel::windowShown(const lang::EventObject&) {
  if (!shown_) {
    shown_ = true;
    scheduleRefresh();
  }
}

void Panel::actionPerformed(const awt::ActionEvent& e) {
  try {
    onAction(utf8(e.ActionCommand));
  } catch (const uno::Exception& ex) {
    std::fprintf(stderr, "qkpi sidebar: %s\n", utf8(ex.Message).c_str());
  }
}

void Panel::notify(const Any&) {
  pending_ = false;
  if (disposed_) return;
  try {
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    refresh();
    watchDocument();
    const auto t1 = Clock::now();
    relayout();
    static const bool timing = std::getenv("QKPI_SIDEBAR_TIMING") != nullptr;
    auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
    if (timing)
      std::fprintf(stderr, "qkpi sidebar: refresh %s %.2f ms (read and draw %.2f, layout %.2f)\n",
                   utf8(args_.resourceUrl).c_str(), ms(Clock::now() - t0), ms(t1 - t0),
                   ms(Clock::now() - t1));
  } catch (const uno::Exception& ex) {
    std::fprintf(stderr, "qkpi sidebar: refresh failed: %s\n", utf8(ex.Message).c_str());
  } catch (const std::exception& ex) {
    std::fprintf(stderr, "qkpi sidebar: refresh failed: %s\n", ex.what());
  }
}

void Panel::dispatchFinished(const frame::DispatchResultEvent& e) {
  OUString msg;
  e.Result >>= msg;
  onDispatchResult(e.State == frame::DispatchResultState::SUCCESS, utf8(msg));
}

void Panel::onDispatchResult(bool, const std::string&) {}

void Panel::frameAction(const frame::FrameActionEvent& e) {
  switch (e.Action) {
    case frame::FrameAction_COMPONENT_ATTACHED:
    case frame::FrameAction_COMPONENT_REATTACHED:
    case frame::FrameAction_CONTEXT_CHANGED:
      scheduleRefresh();  // refresh() reads document() anew; watchDocument() moves the listeners to it
      break;
    default:
      break;
  }
}

Reference<css::sheet::XSpreadsheetDocument> Panel::document() const {
  if (!args_.frame.is()) return {};
  Reference<frame::XController> c = args_.frame->getController();
  return c.is() ? Reference<css::sheet::XSpreadsheetDocument>(c->getModel(), UNO_QUERY) : nullptr;
}

Reference<awt::XControl> Panel::add(const std::string& kind, const std::string& name,
                                    const std::vector<beans::PropertyValue>& props) {
  Reference<lang::XMultiComponentFactory> smgr = args_.ctx->getServiceManager();
  Reference<beans::XPropertySet> model(
      smgr->createInstanceWithContext(u("com.sun.star.awt.UnoControl" + kind + "Model"), args_.ctx),
      UNO_QUERY_THROW);
  for (const auto& p : props) model->setPropertyValue(p.Name, p.Value);
  Reference<awt::XControl> c(
      smgr->createInstanceWithContext(u("com.sun.star.awt.UnoControl" + kind), args_.ctx), UNO_QUERY_THROW);
  c->setModel(Reference<awt::XControlModel>(model, UNO_QUERY_THROW));
  container_->addControl(u(name), c);
  if (kind == "Button") {
    Reference<awt::XButton> b(c, UNO_QUERY_THROW);
    b->addActionListener(this);
  }
  return c;
}

void Panel::remove(const std::string& name) {
  Reference<awt::XControl> c = control(name);
  if (!c.is()) return;
  container_->removeControl(c);
  c->dispose();
}

Reference<awt::XControl> Panel::control(const std::string& name) const {
  return container_.is() ? container_->getControl(u(name)) : nullptr;
}

void Panel::set(const std::string& name, const char* prop, const Any& value) {
  Reference<awt::XControl> c = control(name);
  if (!c.is()) return;
  Reference<beans::XPropertySet> m(c->getModel(), UNO_QUERY_THROW);
  if (m->getPropertyValue(OUString::createFromAscii(prop)) != value)
    m->setPropertyValue(OUString::createFromAscii(prop), value);
}

Any Panel::get(const std::string& name, const char* prop) const {
  Reference<awt::XControl> c = control(name);
  if (!c.is()) return {};
  Reference<beans::XPropertySet> m(c->getModel(), UNO_QUERY_THROW);
  const OUString p = OUString::createFromAscii(prop);
  return m->getPropertySetInfo()->hasPropertyByName(p) ? m->getPropertyValue(p) : Any();
}

void Panel::place(const std::string& name, int x, int y, int w, int h, bool apply) {
  if (!apply) return;
  Reference<awt::XWindow> win(control(name), UNO_QUERY);
  if (!win.is()) return;
  if (h > 0) win->setPosSize(x, y, std::max(w, 1), h, awt::PosSize::POSSIZE);
  win->setVisible(h > 0);
}

awt::Size Panel::preferredSize(const std::string& name) const {
  // Text measuring is the costly part of a layout: cached per control kind and label.
  Reference<awt::XControl> c = control(name);
  if (!c.is()) return {};
  OUString label,
      kind = c->getModel().is()
                 ? Reference<lang::XServiceInfo>(c->getModel(), UNO_QUERY_THROW)->getImplementationName()
                 : OUString();
  get(name, "Label") >>= label;
  float weight = 0;
  get(name, "FontWeight") >>= weight;
  const std::string key = utf8(kind) +
                          (weight > awt::FontWeight::NORMAL ? "\x1f"
                                                              "b"
                                                            : "") +
                          '\x1f' + utf8(label);
  auto it = sizes_.find(key);
  if (it != sizes_.end()) return it->second;
  Reference<awt::XLayoutConstrains> lc(c, UNO_QUERY);
  const awt::Size p = lc.is() ? lc->getPreferredSize() : awt::Size();
  if (sizes_.size() > 2000) sizes_.clear();
  sizes_.emplace(key, p);
  return p;
}

awt::Size Panel::textSize(const std::string& text, bool bold) {
  // cached before the measuring control is touched: setting its Label costs a peer update
  const std::string key = (bold ? "b\x1f" : "n\x1f") + text;
  auto it = textSizes_.find(key);
  if (it != textSizes_.end()) return it->second;
  const char* m = bold ? "measureBold" : "measure";
  set(m, "Label", Any(u(text)));
  const awt::Size size = preferredSize(m);
  if (textSizes_.size() > 5000) textSizes_.clear();
  textSizes_.emplace(key, size);
  return size;
}

int Panel::wrappedHeight(const std::string& label, int w, bool bold) {
  const int lineHeight = std::max(textSize("X", bold).Height, 1);
  int& spaceWidth = spaceWidth_[bold ? 1 : 0];
  if (spaceWidth < 0) spaceWidth = std::max(textSize("x x", bold).Width - textSize("xx", bold).Width, 1);
  const int avail = std::max(w * 97 / 100 - 4, 1);  // the control's own border and rounding
  int lines = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = label.find('\n', start);
    const std::string para = label.substr(start, end == std::string::npos ? std::string::npos : end - start);
    // greedy, word by word, as VCL wraps a multi-line text
    int cur = -1;
    ++lines;
    std::size_t p = 0;
    while (p <= para.size()) {
      std::size_t q = para.find(' ', p);
      if (q == std::string::npos) q = para.size();
      const std::string word = para.substr(p, q - p);
      p = q + 1;
      if (word.empty()) continue;
      const int ww = textSize(word, bold).Width;
      if (cur < 0) {
        cur = ww;
      } else if (cur + spaceWidth + ww <= avail) {
        cur += spaceWidth + ww;
      } else {
        ++lines;
        cur = ww;
      }
      while (cur > avail) {  // a word longer than the line breaks inside it
        ++lines;
        cur -= avail;
      }
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines * lineHeight;
}

int Panel::widestLine(const std::string& label, bool bold) {
  int widest = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = label.find('\n', start);
    widest = std::max(
        widest,
        textSize(label.substr(start, end == std::string::npos ? std::string::npos : end - start), bold)
            .Width);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return widest;
}

int Panel::preferredWidth(const std::string& name) const {
  return preferredSize(name).Width;
}

int Panel::heightFor(const std::string& name, int w) {
  if (!control(name).is()) return 0;
  const awt::Size p = preferredSize(name);
  bool multi = false;
  get(name, "MultiLine") >>= multi;
  if (!multi || w <= 0) return p.Height;
  OUString label;
  get(name, "Label") >>= label;
  float weight = 0;
  get(name, "FontWeight") >>= weight;
  return wrappedHeight(utf8(label), w, weight > awt::FontWeight::NORMAL) + 2;
}

void Panel::dispatch(const std::string& command) {
  util::URL url;
  url.Complete = u("org.qkpi:" + command);
  util::URLTransformer::create(args_.ctx)->parseStrict(url);
  Reference<frame::XDispatchProvider> dp(args_.frame, UNO_QUERY);
  Reference<frame::XDispatch> d = dp.is() ? dp->queryDispatch(url, "", 0) : nullptr;
  if (!d.is()) {
    onDispatchResult(false, objectives::sidebar::text("unavailable", language_));
    return;
  }
  Sequence<beans::PropertyValue> args(1);
  args.getArray()[0].Name = "Silent";  // the panel shows the outcome itself
  args.getArray()[0].Value <<= true;
  Reference<frame::XNotifyingDispatch> nd(d, UNO_QUERY);
  if (nd.is())
    nd->dispatchWithNotification(url, args, this);
  else
    d->dispatch(url, args);
}

void Panel::scheduleRefresh() {
  if (pending_ || disposed_) return;
  pending_ = true;
  awt::AsyncCallback::create(args_.ctx)->addCallback(this, Any());
}

void Panel::relayout() {
  if (!window_.is()) return;
  const int w = window_->getPosSize().Width;
  const int h = layout(w, true);
  if (h != lastHeight_) {
    lastHeight_ = h;
    if (args_.sidebar.is()) args_.sidebar->requestLayout();
  }
}

void Panel::watchDocument() {
  Reference<util::XModifyBroadcaster> doc(document(), UNO_QUERY);
  if (doc != watchedDoc_) {
    if (watchedDoc_.is()) watchedDoc_->removeModifyListener(this);
    watchedDoc_ = doc;
    if (doc.is()) doc->addModifyListener(this);
    watchedRangeName_.clear();
  }
  // Cell value changes of the register (a recalculation changes no "modified" state).
  const std::string want = watchedRegisterRange();
  if (want == watchedRangeName_) return;
  if (watchedRange_.is()) watchedRange_->removeModifyListener(this);
  watchedRange_.clear();
  watchedRangeName_ = want;
  Reference<css::sheet::XSpreadsheetDocument> sd(doc, UNO_QUERY);
  if (want.empty() || !sd.is()) return;
  Reference<css::sheet::XSpreadsheet> reg = commands::sheetByName(sd, objectives::kRegisterSheet);
  if (!reg.is()) return;
  watchedRange_.set(reg->getCellRangeByName(u(want)), UNO_QUERY);
  if (watchedRange_.is()) watchedRange_->addModifyListener(this);
}

}  // namespace qkpi::sidebar
