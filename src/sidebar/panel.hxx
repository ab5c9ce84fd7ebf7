// The sidebar deck "Quality Objectives": one UNO object per panel (the
// XUIElement the sidebar asks the factory for, which is also its XToolPanel
// and XSidebarPanel). A panel draws what objectives/sidebar_model.h computes
// with awt controls created in code inside one UnoControlContainer, and
// forwards the user's clicks (dispatches of org.qkpi:* URLs, selecting a
// register row, inserting a formula).
//
// Following the document costs nothing while idle: the panel listens to the
// document (XModifyListener) and to the register's cells (value changes from a
// recalculation); a change only sets a flag and posts ONE asynchronous callback
// (awt AsyncCallback, the main thread's next user event), so a burst of
// changes gives one refresh and no timer runs. It also listens to the frame
// (XFrameActionListener): a different document loaded into the same frame
// (File > Open replacing an unmodified Untitled, loadComponentFromURL "_self")
// attaches a new component, and the panel rebinds to it on the next refresh.
#pragma once

#include <cppuhelper/interfacecontainer.h>

#include <com/sun/star/awt/Size.hpp>
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XCallback.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/awt/XWindowListener.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/XDispatchResultListener.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XFrameActionListener.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/ui/XSidebar.hpp>
#include <com/sun/star/ui/XSidebarPanel.hpp>
#include <com/sun/star/ui/XToolPanel.hpp>
#include <com/sun/star/ui/XUIElement.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/util/XModifyBroadcaster.hpp>
#include <com/sun/star/util/XModifyListener.hpp>
#include <cppuhelper/implbase10.hxx>
#include <map>
#include <string>
#include <vector>

#include "strings.hxx"

namespace qkpi::sidebar {

using commands::OUString;
using commands::u;
using commands::utf8;
using css::uno::Reference;

// The context a panel is created in (the factory's arguments).
struct PanelArgs {
  Reference<css::uno::XComponentContext> ctx;
  Reference<css::frame::XFrame> frame;
  Reference<css::awt::XWindow> parent;
  Reference<css::ui::XSidebar> sidebar;
  OUString resourceUrl;
  std::string language;  // "de" or "en" (objectives::sidebar::panelLanguage of the UI locale)
};

// Sizes in pixels of the panel's layout.
inline constexpr int kMargin = 6, kGap = 4;

class Panel
    : public cppu::WeakImplHelper10<
          css::ui::XUIElement, css::ui::XToolPanel, css::ui::XSidebarPanel, css::lang::XComponent,
          css::awt::XWindowListener, css::awt::XActionListener, css::util::XModifyListener,
          css::awt::XCallback, css::frame::XDispatchResultListener, css::frame::XFrameActionListener> {
 public:
  explicit Panel(const PanelArgs& args);
  ~Panel() override;
  // Creates the container window and the controls; call once after construction.
  void init();

  // ---- XUIElement ----
  Reference<css::frame::XFrame> SAL_CALL getFrame() override { return args_.frame; }
  OUString SAL_CALL getResourceURL() override { return args_.resourceUrl; }
  sal_Int16 SAL_CALL getType() override;
  Reference<css::uno::XInterface> SAL_CALL getRealInterface() override;
  // ---- XToolPanel ----
  Reference<css::awt::XWindow> SAL_CALL getWindow() override { return window_; }
  Reference<css::accessibility::XAccessible> SAL_CALL
  createAccessible(const Reference<css::accessibility::XAccessible>& parent) override;
  // ---- XSidebarPanel ----
  css::ui::LayoutSize SAL_CALL getHeightForWidth(sal_Int32 width) override;
  sal_Int32 SAL_CALL getMinimalWidth() override { return 280; }  // two-line objective rows, no clipped labels
  // ---- XComponent ----
  void SAL_CALL dispose() override;
  void SAL_CALL addEventListener(const Reference<css::lang::XEventListener>&) override {}
  void SAL_CALL removeEventListener(const Reference<css::lang::XEventListener>&) override {}
  // ---- XWindowListener ----
  void SAL_CALL windowResized(const css::awt::WindowEvent&) override;
  void SAL_CALL windowMoved(const css::awt::WindowEvent&) override {}
  void SAL_CALL windowShown(const css::lang::EventObject&) override;
  void SAL_CALL windowHidden(const css::lang::EventObject&) override {}
  // ---- XActionListener (buttons; ActionCommand = what to do) ----
  void SAL_CALL actionPerformed(const css::awt::ActionEvent& e) override;
  // ---- XModifyListener ----
  void SAL_CALL modified(const css::lang::EventObject&) override { scheduleRefresh(); }
  void SAL_CALL disposing(const css::lang::EventObject& e) override;
  // ---- XCallback: the coalesced refresh ----
  void SAL_CALL notify(const css::uno::Any&) override;
  // ---- XDispatchResultListener ----
  void SAL_CALL dispatchFinished(const css::frame::DispatchResultEvent& e) override;
  // ---- XFrameActionListener: another component in the frame -> rebind ----
  void SAL_CALL frameAction(const css::frame::FrameActionEvent& e) override;

 protected:
  // ---- for the panels ----
  virtual void build() = 0;                       // creates the controls (once)
  virtual void refresh() = 0;                     // reads the document, updates the controls
  virtual int layout(int width, bool apply) = 0;  // positions controls for `width`; returns the height
  virtual void onAction(const std::string& command) = 0;
  virtual void onDispatchResult(bool ok, const std::string& message);
  // The register's cells to watch for value changes (recalculation), or "" for none.
  virtual std::string watchedRegisterRange() { return ""; }

  // The frame's Calc document (empty when there is none).
  Reference<css::sheet::XSpreadsheetDocument> document() const;
  // A control of `kind` ("FixedText", "Button", "Edit", "ListBox") named `name`, with model properties.
  Reference<css::awt::XControl> add(const std::string& kind, const std::string& name,
                                    const std::vector<css::beans::PropertyValue>& props = {});
  void remove(const std::string& name);
  void set(const std::string& name, const char* prop, const css::uno::Any& value);
  css::uno::Any get(const std::string& name, const char* prop) const;
  Reference<css::awt::XControl> control(const std::string& name) const;
  // Positions `name` (pixels); hides it when h == 0.
  void place(const std::string& name, int x, int y, int w, int h, bool apply);
  // The height `name` needs for width `w` (its preferred size; MultiLine text: wrappedHeight).
  int heightFor(const std::string& name, int w);
  int preferredWidth(const std::string& name) const;
  css::awt::Size preferredSize(const std::string& name) const;
  // The size of `text` in one line of the panel's font; the height of `label` wrapped at width `w`
  // (word by word as the control wraps it: each word measured once, so a long word is never cut).
  // `bold`: in the bold font (titles, chips, the summary).
  css::awt::Size textSize(const std::string& text, bool bold = false);
  int wrappedHeight(const std::string& label, int w, bool bold = false);
  // The widest line of `label` (lines split at '\n').
  int widestLine(const std::string& label, bool bold = false);
  // Runs org.qkpi:<command> on the frame with notification (Silent: the panel shows the outcome).
  void dispatch(const std::string& command);
  void scheduleRefresh();
  void relayout();        // after the content changed: tells the sidebar to lay the deck out again
  std::string language_;  // "de" or "en"
  PanelArgs args_;

 private:
  void watchDocument();
  Reference<css::awt::XWindow> window_;
  Reference<css::awt::XControlContainer> container_;
  Reference<css::util::XModifyBroadcaster> watchedDoc_, watchedRange_;
  std::string watchedRangeName_;
  bool pending_ = false, disposed_ = false, shown_ = false;
  int spaceWidth_[2] = {-1, -1};  // of the panel's font, normal and bold (wrappedHeight)
  int lastHeight_ = -1;
  mutable std::map<std::string, css::awt::Size> sizes_;  // preferred sizes by control kind and label
  std::map<std::string, css::awt::Size> textSizes_;      // textSize() by font weight and text
};

// The panel for a resource URL ".../ObjectivesPanel", ".../ActionsPanel", ".../InsertKpiPanel".
Reference<css::ui::XUIElement> createPanel(const PanelArgs& args);

}  // namespace qkpi::sidebar
