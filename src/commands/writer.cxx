// Applies a qkpi::sheet::SheetSpec through the Calc UNO API (see writer.hxx).
#include "writer.hxx"

#include <algorithm>
#include <com/sun/star/awt/FontSlant.hpp>
#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/awt/Point.hpp>
#include <com/sun/star/awt/Rectangle.hpp>
#include <com/sun/star/awt/Size.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/PropertyVetoException.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/beans/XPropertyState.hpp>
#include <com/sun/star/chart/XChartDocument.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameContainer.hpp>
#include <com/sun/star/document/XEmbeddedObjectSupplier.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/ConditionOperator.hpp>
#include <com/sun/star/sheet/TablePageBreakData.hpp>
#include <com/sun/star/sheet/ValidationAlertStyle.hpp>
#include <com/sun/star/sheet/ValidationType.hpp>
#include <com/sun/star/sheet/XArrayFormulaRange.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XCellRangeFormula.hpp>
#include <com/sun/star/sheet/XHeaderFooterContent.hpp>
#include <com/sun/star/sheet/XPrintAreas.hpp>
#include <com/sun/star/sheet/XSheetAnnotations.hpp>
#include <com/sun/star/sheet/XSheetAnnotationsSupplier.hpp>
#include <com/sun/star/sheet/XSheetCellRangeContainer.hpp>
#include <com/sun/star/sheet/XSheetCondition.hpp>
#include <com/sun/star/sheet/XSheetConditionalEntries.hpp>
#include <com/sun/star/sheet/XSheetPageBreak.hpp>
#include <com/sun/star/sheet/XSpreadsheetView.hpp>
#include <com/sun/star/sheet/XSpreadsheets.hpp>
#include <com/sun/star/sheet/XViewFreezable.hpp>
#include <com/sun/star/style/XStyle.hpp>
#include <com/sun/star/style/XStyleFamiliesSupplier.hpp>
#include <com/sun/star/table/BorderLine2.hpp>
#include <com/sun/star/table/BorderLineStyle.hpp>
#include <com/sun/star/table/CellAddress.hpp>
#include <com/sun/star/table/CellHoriJustify.hpp>
#include <com/sun/star/table/CellRangeAddress.hpp>
#include <com/sun/star/table/CellVertJustify2.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/table/XColumnRowRange.hpp>
#include <com/sun/star/table/XTableCharts.hpp>
#include <com/sun/star/table/XTableChartsSupplier.hpp>
#include <com/sun/star/table/XTableRows.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextCursor.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/uno/RuntimeException.hpp>
#include <com/sun/star/util/XNumberFormats.hpp>
#include <com/sun/star/util/XNumberFormatsSupplier.hpp>
#include <com/sun/star/view/XRenderable.hpp>
#include <cstring>
#include <map>
#include <rtl/ustrbuf.hxx>
#include <utility>

namespace qkpi::commands {

using namespace css;
using css::uno::Any;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using sheet::Cell;
using sheet::SheetSpec;

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw uno::RuntimeException(u("qkpi writer: " + what));
}

Reference<beans::XPropertySet> props(const Reference<uno::XInterface>& x) {
  return Reference<beans::XPropertySet>(x, UNO_QUERY_THROW);
}

sal_Int16 tabOf(const Reference<css::sheet::XSpreadsheet>& sh) {
  return Reference<css::sheet::XCellRangeAddressable>(sh, UNO_QUERY_THROW)->getRangeAddress().Sheet;
}

table::CellRangeAddress address(sal_Int16 tab, const sheet::Range& r) {
  return table::CellRangeAddress(tab, r.first.col, r.first.row, r.last.col, r.last.row);
}

Reference<table::XCellRange> rangeOf(const Reference<css::sheet::XSpreadsheet>& sh, const sheet::Range& r) {
  if (r.first.row < 0 || r.first.col < 0 || r.last.row < r.first.row || r.last.col < r.first.col)
    fail("bad range in sheet spec");
  return sh->getCellRangeByPosition(r.first.col, r.first.row, r.last.col, r.last.row);
}

// ---- number formats and styles ----------------------------------------------

class Formats {
 public:
  explicit Formats(const Reference<css::sheet::XSpreadsheetDocument>& doc)
      : formats_(Reference<util::XNumberFormatsSupplier>(doc, UNO_QUERY_THROW)->getNumberFormats()) {}
  sal_Int32 key(const std::string& code) {
    auto it = cache_.find(code);
    if (it != cache_.end()) return it->second;
    lang::Locale enUS("en", "US", "");
    sal_Int32 k = formats_->queryKey(u(code), enUS, false);
    if (k == -1) k = formats_->addNew(u(code), enUS);
    cache_.emplace(code, k);
    return k;
  }

 private:
  Reference<util::XNumberFormats> formats_;
  std::map<std::string, sal_Int32> cache_;
};

void setOrDefault(const Reference<beans::XPropertySet>& p, const OUString& name, bool set, const Any& value) {
  if (set) {
    p->setPropertyValue(name, value);
  } else {
    Reference<beans::XPropertyState> st(p, UNO_QUERY);
    if (st.is()) st->setPropertyToDefault(name);
  }
}

// Sets every attribute of a qkpi cell style; the ones the spec leaves open go
// back to their defaults (inherited), so an older qkpi style is updated fully.
void setStyle(const Reference<style::XStyle>& style, const sheet::Style& s,
              const Reference<container::XNameContainer>& family, Formats& formats) {
  if (!s.parent.empty() && s.parent != s.name && family->hasByName(u(s.parent)))
    style->setParentStyle(u(s.parent));
  Reference<beans::XPropertySet> p = props(style);
  setOrDefault(p, "CharWeight", s.bold, Any(awt::FontWeight::BOLD));
  setOrDefault(p, "CharPosture", s.italic, Any(awt::FontSlant_ITALIC));
  setOrDefault(p, "IsTextWrapped", s.wrap, Any(true));
  if (s.background >= 0) {
    p->setPropertyValue("CellBackColor", Any(static_cast<sal_Int32>(s.background)));
    p->setPropertyValue("IsCellBackgroundTransparent", Any(false));
  } else {
    setOrDefault(p, "CellBackColor", false, Any());
    setOrDefault(p, "IsCellBackgroundTransparent", false, Any());
  }
  setOrDefault(p, "CharColor", s.fontColor >= 0, Any(static_cast<sal_Int32>(s.fontColor)));
  setOrDefault(p, "CharHeight", s.fontHeight > 0, Any(static_cast<float>(s.fontHeight)));
  if (!s.numberFormat.empty())
    p->setPropertyValue("NumberFormat", Any(formats.key(s.numberFormat)));
  else
    setOrDefault(p, "NumberFormat", false, Any());
  table::CellHoriJustify j = table::CellHoriJustify_STANDARD;
  switch (s.align) {
    case sheet::Style::Align::Left:
      j = table::CellHoriJustify_LEFT;
      break;
    case sheet::Style::Align::Center:
      j = table::CellHoriJustify_CENTER;
      break;
    case sheet::Style::Align::Right:
      j = table::CellHoriJustify_RIGHT;
      break;
    case sheet::Style::Align::Inherit:
      break;
  }
  setOrDefault(p, "HoriJustify", s.align != sheet::Style::Align::Inherit, Any(j));
  table::BorderLine2 line;
  line.Color = 0x808080;
  line.OuterLineWidth = 26;
  line.LineWidth = 26;
  line.LineStyle = table::BorderLineStyle::SOLID;
  setOrDefault(p, "BottomBorder", s.bottomBorder, Any(line));
  setOrDefault(p, "ParaIndent", s.indentMm100 > 0, Any(static_cast<sal_Int16>(s.indentMm100)));
}

void applyStyles(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                 const std::vector<sheet::Style>& styles, Formats& formats) {
  if (styles.empty()) return;
  Reference<container::XNameContainer> family(Reference<style::XStyleFamiliesSupplier>(doc, UNO_QUERY_THROW)
                                                  ->getStyleFamilies()
                                                  ->getByName("CellStyles"),
                                              UNO_QUERY_THROW);
  Reference<lang::XMultiServiceFactory> factory(doc, UNO_QUERY_THROW);
  for (const sheet::Style& s : styles) {
    const OUString name = u(s.name);
    Reference<style::XStyle> style;
    if (family->hasByName(name)) {
      family->getByName(name) >>= style;
      if (!style.is()) fail("cell style " + s.name + " is not a style");
      // The style may be in use on a protected sheet (a protected review
      // record, say): Calc then refuses any change, and it stays as it is.
      try {
        setStyle(style, s, family, formats);
      } catch (const uno::RuntimeException&) {
      } catch (const beans::PropertyVetoException&) {
      }
    } else {
      style.set(factory->createInstance("com.sun.star.style.CellStyle"), UNO_QUERY_THROW);
      family->insertByName(name, Any(style));
      setStyle(style, s, family, formats);
    }
  }
}

// The page style's orientation (A4 of the document's default page style turned
// as needed) and scale: 100 %, or fitted to n pages wide.
void setPageShape(const Reference<beans::XPropertySet>& p, bool landscape, int fitPagesWide) {
  sal_Int32 w = 0, h = 0;
  p->getPropertyValue("Width") >>= w;
  p->getPropertyValue("Height") >>= h;
  if ((landscape && w < h) || (!landscape && w > h)) {
    p->setPropertyValue("Width", Any(h));
    p->setPropertyValue("Height", Any(w));
  }
  p->setPropertyValue("IsLandscape", Any(landscape));
  if (fitPagesWide > 0) {
    p->setPropertyValue("ScaleToPagesX", Any(static_cast<sal_Int16>(fitPagesWide)));
    p->setPropertyValue("ScaleToPagesY", Any(sal_Int16(0)));
  }
}

// Replaces the text of one part of a header/footer with `part`: plain text
// with the fields {title}, {page}, {pages} (sheet::PageFrame) as Calc's text
// fields DocInfo.Title, PageNumber, PageCount.
void setFramePart(const Reference<lang::XMultiServiceFactory>& factory, const Reference<text::XText>& text,
                  const std::string& part) {
  text->setString(OUString());
  Reference<text::XTextCursor> cur = text->createTextCursor();
  cur->gotoEnd(false);
  const Reference<text::XTextRange> at(cur, UNO_QUERY_THROW);
  static const std::pair<const char*, const char*> kFields[] = {
      {"{title}", "com.sun.star.text.TextField.DocInfo.Title"},
      {"{page}", "com.sun.star.text.TextField.PageNumber"},
      {"{pages}", "com.sun.star.text.TextField.PageCount"},
  };
  std::size_t i = 0;
  std::string plain;
  auto flush = [&] {
    if (plain.empty()) return;
    text->insertString(at, u(plain), false);
    plain.clear();
  };
  while (i < part.size()) {
    bool field = false;
    for (const auto& [token, service] : kFields) {
      if (part.compare(i, std::strlen(token), token) != 0) continue;
      flush();
      Reference<text::XTextContent> f(factory->createInstance(OUString::createFromAscii(service)),
                                      UNO_QUERY_THROW);
      text->insertTextContent(at, f, false);
      cur->gotoEnd(false);
      i += std::strlen(token);
      field = true;
      break;
    }
    if (!field) plain += part[i++];
  }
  flush();
}

void setFrameContent(const Reference<lang::XMultiServiceFactory>& factory,
                     const Reference<beans::XPropertySet>& p, const char* property, const std::string& left,
                     const std::string& center, const std::string& right) {
  Reference<css::sheet::XHeaderFooterContent> content(
      p->getPropertyValue(OUString::createFromAscii(property)), UNO_QUERY_THROW);
  setFramePart(factory, content->getLeftText(), left);
  setFramePart(factory, content->getCenterText(), center);
  setFramePart(factory, content->getRightText(), right);
  p->setPropertyValue(OUString::createFromAscii(property), Any(content));
}

// The sheet's page header and footer (sheet::PageFrame), the same on left and right pages.
void setPageFrame(const Reference<lang::XMultiServiceFactory>& factory,
                  const Reference<beans::XPropertySet>& p, const sheet::PageFrame& f) {
  // Page numbers continue over the sheets of a printout ("Page 5 of 5" on the action log after
  // four review pages); a new page style would restart them at 1.
  p->setPropertyValue("FirstPageNumber", Any(sal_Int16(0)));
  p->setPropertyValue("HeaderIsOn", Any(true));
  p->setPropertyValue("FooterIsOn", Any(true));
  p->setPropertyValue("HeaderIsShared", Any(true));
  p->setPropertyValue("FooterIsShared", Any(true));
  setFrameContent(factory, p, "RightPageHeaderContent", f.headerLeft, f.headerCenter, f.headerRight);
  setFrameContent(factory, p, "RightPageFooterContent", f.footerLeft, f.footerCenter, f.footerRight);
}

// The sheet's page style. Without a page frame: the shared "qkpi Landscape" /
// "qkpi Portrait" (+ " (n pages wide)"), made once. With one: the sheet's own
// "qkpi <sheet name>", made or updated (header/footer, orientation, scale).
OUString pageStyle(const Reference<css::sheet::XSpreadsheetDocument>& doc, const SheetSpec& spec) {
  OUString name;
  if (spec.pageFrame) {
    name = u("qkpi " + spec.name);
  } else {
    name = spec.printLandscape ? OUString("qkpi Landscape") : OUString("qkpi Portrait");
    if (spec.fitPagesWide > 0)
      name += " (" + OUString::number(spec.fitPagesWide) +
              (spec.fitPagesWide == 1 ? OUString(" page") : OUString(" pages")) + " wide)";
  }
  Reference<container::XNameContainer> family(Reference<style::XStyleFamiliesSupplier>(doc, UNO_QUERY_THROW)
                                                  ->getStyleFamilies()
                                                  ->getByName("PageStyles"),
                                              UNO_QUERY_THROW);
  Reference<lang::XMultiServiceFactory> factory(doc, UNO_QUERY_THROW);
  const bool exists = family->hasByName(name);
  if (exists && !spec.pageFrame) return name;
  Reference<style::XStyle> style;
  if (exists) {
    style.set(family->getByName(name), UNO_QUERY_THROW);
  } else {
    style.set(factory->createInstance("com.sun.star.style.PageStyle"), UNO_QUERY_THROW);
    family->insertByName(name, Any(style));
  }
  Reference<beans::XPropertySet> p = props(style);
  setPageShape(p, spec.printLandscape, spec.fitPagesWide);
  if (spec.pageFrame) setPageFrame(factory, p, *spec.pageFrame);
  return name;
}

// ---- cells -------------------------------------------------------------------

bool isData(const Cell& c) {
  return c.kind == Cell::Kind::Text || c.kind == Cell::Kind::Number;
}

Any dataValue(const Cell& c) {
  if (c.kind == Cell::Kind::Number) return Any(c.number);
  return Any(u(c.text));
}

void writeOne(const Reference<css::sheet::XSpreadsheet>& sh, const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Text: {
      Reference<text::XText>(sh->getCellByPosition(c.pos.col, c.pos.row), UNO_QUERY_THROW)
          ->setString(u(c.text));
      break;
    }
    case Cell::Kind::Number:
      sh->getCellByPosition(c.pos.col, c.pos.row)->setValue(c.number);
      break;
    case Cell::Kind::Formula:
      sh->getCellByPosition(c.pos.col, c.pos.row)->setFormula(u(c.text));
      break;
    case Cell::Kind::ArrayFormula: {
      int rows = std::max(1, c.arrayRows), cols = std::max(1, c.arrayCols);
      Reference<css::sheet::XArrayFormulaRange> r(
          sh->getCellRangeByPosition(c.pos.col, c.pos.row, c.pos.col + cols - 1, c.pos.row + rows - 1),
          UNO_QUERY_THROW);
      r->setArrayFormula(u(c.text));
      break;
    }
  }
}

struct Block {
  int r0 = 0, r1 = -1, c0 = 0, c1 = -1;
  std::vector<const Cell*> cells;
  long area() const { return static_cast<long>(r1 - r0 + 1) * (c1 - c0 + 1); }
};

// Groups Text/Number cells (sorted by row, col) into rectangular blocks of
// consecutive rows for setDataArray. A block may have holes (written as empty
// cells), so this is used on new sheets only.
std::vector<Block> dataBlocks(std::vector<const Cell*> cells) {
  std::sort(cells.begin(), cells.end(), [](const Cell* a, const Cell* b) {
    return a->pos.row != b->pos.row ? a->pos.row < b->pos.row : a->pos.col < b->pos.col;
  });
  std::vector<Block> blocks;
  std::size_t i = 0;
  while (i < cells.size()) {
    int row = cells[i]->pos.row;
    std::size_t j = i;
    while (j < cells.size() && cells[j]->pos.row == row) ++j;
    int a = cells[i]->pos.col, b = cells[j - 1]->pos.col;
    bool extend = false;
    if (!blocks.empty()) {
      Block& blk = blocks.back();
      if (row == blk.r1 + 1 && a <= blk.c1 + 1 && b >= blk.c0 - 1) {
        int c0 = std::min(blk.c0, a), c1 = std::max(blk.c1, b);
        long area = static_cast<long>(row - blk.r0 + 1) * (c1 - c0 + 1);
        long filled = static_cast<long>(blk.cells.size() + (j - i));
        extend = area <= 2 * filled + 16;
      }
    }
    if (!extend) blocks.push_back(Block{row, row, a, b, {}});
    Block& blk = blocks.back();
    blk.r1 = row;
    blk.c0 = std::min(blk.c0, a);
    blk.c1 = std::max(blk.c1, b);
    for (std::size_t k = i; k < j; ++k) blk.cells.push_back(cells[k]);
    i = j;
  }
  return blocks;
}

void writeBlock(const Reference<css::sheet::XSpreadsheet>& sh, const Block& b) {
  const int rows = b.r1 - b.r0 + 1, cols = b.c1 - b.c0 + 1;
  Sequence<Sequence<Any>> data(rows);
  Sequence<Any>* out = data.getArray();
  const OUString empty;
  for (int r = 0; r < rows; ++r) {
    out[r].realloc(cols);
    Any* row = out[r].getArray();
    for (int c = 0; c < cols; ++c) row[c] <<= empty;
  }
  for (const Cell* c : b.cells) out[c->pos.row - b.r0].getArray()[c->pos.col - b.c0] = dataValue(*c);
  Reference<css::sheet::XCellRangeData>(sh->getCellRangeByPosition(b.c0, b.r0, b.c1, b.r1), UNO_QUERY_THROW)
      ->setDataArray(data);
}

void writeCells(const Reference<css::sheet::XSpreadsheet>& sh, const std::vector<Cell>& cells,
                bool newSheet) {
  std::vector<const Cell*> data;
  for (const Cell& c : cells) {
    if (c.pos.row < 0 || c.pos.col < 0) fail("negative cell position in sheet spec");
    if (isData(c)) data.push_back(&c);
  }
  if (newSheet) {
    for (const Block& b : dataBlocks(std::move(data))) {
      if (b.cells.size() == 1)
        writeOne(sh, *b.cells.front());
      else
        writeBlock(sh, b);
    }
  } else {
    for (const Cell* c : data) writeOne(sh, *c);
  }
  // Array formulas before plain formulas: Calc does not notify cells that
  // already depend on a range when an array formula is entered there (a
  // formula reading an array's last row kept its stale value).
  for (const Cell& c : cells)
    if (c.kind == Cell::Kind::ArrayFormula) writeOne(sh, c);
  if (!newSheet) {
    for (const Cell& c : cells)
      if (c.kind == Cell::Kind::Formula) writeOne(sh, c);
    return;
  }
  // On a new sheet, a column of formulas in consecutive rows (Explain's 50,000
  // Row links) goes in with one setFormulaArray: a call per cell costs ~50 us.
  std::vector<const Cell*> formulas;
  for (const Cell& c : cells)
    if (c.kind == Cell::Kind::Formula) formulas.push_back(&c);
  std::stable_sort(formulas.begin(), formulas.end(), [](const Cell* a, const Cell* b) {
    return a->pos.col != b->pos.col ? a->pos.col < b->pos.col : a->pos.row < b->pos.row;
  });
  for (std::size_t i = 0; i < formulas.size();) {
    std::size_t j = i + 1;
    while (j < formulas.size() && formulas[j]->pos.col == formulas[i]->pos.col &&
           formulas[j]->pos.row == formulas[j - 1]->pos.row + 1)
      ++j;
    if (j - i < 16) {
      for (std::size_t k = i; k < j; ++k) writeOne(sh, *formulas[k]);
    } else {
      Sequence<Sequence<OUString>> text(static_cast<sal_Int32>(j - i));
      Sequence<OUString>* rows = text.getArray();
      for (std::size_t k = i; k < j; ++k) {
        rows[k - i].realloc(1);
        rows[k - i].getArray()[0] = u(formulas[k]->text);
      }
      const int col = formulas[i]->pos.col;
      Reference<css::sheet::XCellRangeFormula>(
          sh->getCellRangeByPosition(col, formulas[i]->pos.row, col, formulas[j - 1]->pos.row),
          UNO_QUERY_THROW)
          ->setFormulaArray(text);
    }
    i = j;
  }
}

// Cell styles: per style, the cells merged into rectangles (vertical runs per
// column, then equal runs of adjacent columns), applied with one call.
void applyCellStyles(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                     const Reference<css::sheet::XSpreadsheet>& sh, const std::vector<Cell>& cells) {
  std::map<std::string, std::vector<std::pair<int, int>>> byStyle;  // style -> (col, row)
  for (const Cell& c : cells) {
    if (c.style.empty()) continue;
    auto& v = byStyle[c.style];
    int rows = c.kind == Cell::Kind::ArrayFormula ? std::max(1, c.arrayRows) : 1;
    int cols = c.kind == Cell::Kind::ArrayFormula ? std::max(1, c.arrayCols) : 1;
    for (int r = 0; r < rows; ++r)
      for (int k = 0; k < cols; ++k) v.emplace_back(c.pos.col + k, c.pos.row + r);
  }
  if (byStyle.empty()) return;
  const sal_Int16 tab = tabOf(sh);
  Reference<lang::XMultiServiceFactory> factory(doc, UNO_QUERY_THROW);
  for (auto& [style, pos] : byStyle) {
    std::sort(pos.begin(), pos.end());
    pos.erase(std::unique(pos.begin(), pos.end()), pos.end());
    struct Run {
      int col, r0, r1;
    };
    std::vector<Run> runs;
    for (auto [col, row] : pos) {
      if (!runs.empty() && runs.back().col == col && runs.back().r1 + 1 == row)
        runs.back().r1 = row;
      else
        runs.push_back({col, row, row});
    }
    std::vector<table::CellRangeAddress> rects;
    std::map<std::pair<int, int>, std::size_t> openByRows;  // (r0, r1) -> rect extending to the last column
    for (const Run& r : runs) {
      auto it = openByRows.find({r.r0, r.r1});
      if (it != openByRows.end() && rects[it->second].EndColumn == r.col - 1) {
        rects[it->second].EndColumn = r.col;
      } else {
        rects.emplace_back(tab, r.col, r.r0, r.col, r.r1);
        openByRows[{r.r0, r.r1}] = rects.size() - 1;
      }
    }
    Reference<css::sheet::XSheetCellRangeContainer> container(
        factory->createInstance("com.sun.star.sheet.SheetCellRanges"), UNO_QUERY_THROW);
    Sequence<table::CellRangeAddress> seq(static_cast<sal_Int32>(rects.size()));
    std::copy(rects.begin(), rects.end(), seq.getArray());
    container->addRangeAddresses(seq, false);
    props(container)->setPropertyValue("CellStyle", Any(u(style)));
  }
}

// ---- validation, conditional formats, comments, charts ---------------------

OUString listFormula(const std::vector<std::string>& values) {
  rtl::OUStringBuffer b;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) b.append(';');
    b.append('"');
    b.append(u(values[i]).replaceAll("\"", "\"\""));
    b.append('"');
  }
  return b.makeStringAndClear();
}

void applyValidation(const Reference<css::sheet::XSpreadsheet>& sh, const sheet::Validation& v) {
  Reference<beans::XPropertySet> range = props(rangeOf(sh, v.range));
  Reference<beans::XPropertySet> val(range->getPropertyValue("Validation"), UNO_QUERY_THROW);
  val->setPropertyValue("Type", Any(css::sheet::ValidationType_LIST));
  val->setPropertyValue("ShowList", Any(sal_Int16(1)));  // TableValidationVisibility::UNSORTED
  val->setPropertyValue("IgnoreBlankCells", Any(true));
  val->setPropertyValue("ShowErrorMessage", Any(v.strict));
  val->setPropertyValue("ErrorAlertStyle", Any(css::sheet::ValidationAlertStyle_STOP));
  val->setPropertyValue("ErrorTitle", Any(u(v.inputTitle)));
  val->setPropertyValue("ErrorMessage", Any(u(v.errorMessage)));
  val->setPropertyValue("ShowInputMessage", Any(!v.inputHelp.empty()));
  val->setPropertyValue("InputTitle", Any(u(v.inputTitle)));
  val->setPropertyValue("InputMessage", Any(u(v.inputHelp)));
  Reference<css::sheet::XSheetCondition>(val, UNO_QUERY_THROW)->setFormula1(listFormula(v.values));
  range->setPropertyValue("Validation", Any(val));
}

void applyConditionalFormats(const Reference<css::sheet::XSpreadsheet>& sh,
                             const std::vector<sheet::ConditionalFormat>& formats) {
  const sal_Int16 tab = tabOf(sh);
  // One conditional format per range, its entries in spec order.
  std::vector<std::pair<sheet::Range, std::vector<const sheet::ConditionalFormat*>>> groups;
  for (const auto& f : formats) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == f.range; });
    if (it == groups.end())
      groups.push_back({f.range, {&f}});
    else
      it->second.push_back(&f);
  }
  for (const auto& [range, entries] : groups) {
    Reference<beans::XPropertySet> rp = props(rangeOf(sh, range));
    Reference<css::sheet::XSheetConditionalEntries> ce(rp->getPropertyValue("ConditionalFormat"),
                                                       UNO_QUERY_THROW);
    for (const sheet::ConditionalFormat* f : entries) {
      Sequence<beans::PropertyValue> p(4);
      beans::PropertyValue* a = p.getArray();
      a[0].Name = "Operator";
      a[0].Value <<= css::sheet::ConditionOperator_FORMULA;
      a[1].Name = "Formula1";
      a[1].Value <<= u(f->formula);
      a[2].Name = "StyleName";
      a[2].Value <<= u(f->style);
      a[3].Name = "SourcePosition";
      a[3].Value <<= table::CellAddress(tab, range.first.col, range.first.row);
      ce->addNew(p);
    }
    rp->setPropertyValue("ConditionalFormat", Any(ce));
  }
}

void applyComments(const Reference<css::sheet::XSpreadsheet>& sh,
                   const std::vector<sheet::Comment>& comments) {
  if (comments.empty()) return;
  const sal_Int16 tab = tabOf(sh);
  Reference<css::sheet::XSheetAnnotations> notes =
      Reference<css::sheet::XSheetAnnotationsSupplier>(sh, UNO_QUERY_THROW)->getAnnotations();
  for (const sheet::Comment& c : comments)
    notes->insertNew(table::CellAddress(tab, c.pos.col, c.pos.row), u(c.text));
}

const Cell* cellAt(const std::vector<Cell>& cells, sheet::Pos p) {
  for (const Cell& c : cells)
    if (c.pos == p) return &c;
  return nullptr;
}

// Chart (OLE object) names are unique in the whole document, not per sheet:
// a second review's chart gets " (2)" etc.
OUString uniqueChartName(const Reference<css::sheet::XSpreadsheetDocument>& doc, const OUString& base) {
  Reference<css::sheet::XSpreadsheets> sheets = doc->getSheets();
  std::vector<Reference<table::XTableCharts>> all;
  for (const OUString& n : sheets->getElementNames()) {
    Reference<table::XTableChartsSupplier> s(sheets->getByName(n), UNO_QUERY);
    if (s.is()) all.push_back(s->getCharts());
  }
  auto taken = [&](const OUString& n) {
    return std::any_of(all.begin(), all.end(), [&](const auto& c) { return c->hasByName(n); });
  };
  OUString name = base;
  for (int i = 2; taken(name); ++i) name = base + " (" + OUString::number(i) + ")";
  return name;
}

void applyChart(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                const Reference<css::sheet::XSpreadsheet>& sh, const SheetSpec& spec,
                const sheet::Chart& ch) {
  const sal_Int16 tab = tabOf(sh);
  Reference<beans::XPropertySet> anchor = props(rangeOf(sh, ch.anchor));
  awt::Point pos;
  awt::Size size;
  anchor->getPropertyValue("Position") >>= pos;
  anchor->getPropertyValue("Size") >>= size;
  awt::Rectangle rect(pos.X, pos.Y, size.Width, size.Height);

  // Series names come from the text cells right above the ranges, when the
  // spec put them there (the usual table header); then the ranges start one
  // row higher and their first cell is the label.
  bool headers = ch.categories.first.row > 0 && !ch.series.empty();
  for (std::size_t i = 0; headers && i < ch.series.size(); ++i) {
    const sheet::Range& s = ch.series[i];
    const Cell* above = cellAt(spec.cells, {s.first.row - 1, s.first.col});
    headers = s.first.row == ch.categories.first.row && above && above->kind == Cell::Kind::Text &&
              (i >= ch.seriesNames.size() || above->text == ch.seriesNames[i]);
  }
  const int lift = headers ? 1 : 0;
  Sequence<table::CellRangeAddress> ranges(static_cast<sal_Int32>(ch.series.size() + 1));
  table::CellRangeAddress* r = ranges.getArray();
  r[0] = address(tab, ch.categories);
  r[0].StartRow -= lift;
  for (std::size_t i = 0; i < ch.series.size(); ++i) {
    r[i + 1] = address(tab, ch.series[i]);
    r[i + 1].StartRow -= lift;
  }
  Reference<table::XTableCharts> charts =
      Reference<table::XTableChartsSupplier>(sh, UNO_QUERY_THROW)->getCharts();
  const OUString name = uniqueChartName(doc, u(ch.name.empty() ? std::string("Chart") : ch.name));
  charts->addNewByName(name, rect, ranges, headers, true);

  Reference<document::XEmbeddedObjectSupplier> eos(charts->getByName(name), UNO_QUERY_THROW);
  Reference<chart::XChartDocument> cd(eos->getEmbeddedObject(), UNO_QUERY);
  if (!cd.is()) return;
  Reference<lang::XMultiServiceFactory> cf(cd, UNO_QUERY_THROW);
  Reference<chart::XDiagram> diagram(cf->createInstance(ch.bars ? OUString("com.sun.star.chart.BarDiagram")
                                                                : OUString("com.sun.star.chart.LineDiagram")),
                                     UNO_QUERY);
  if (diagram.is()) cd->setDiagram(diagram);
  if (!ch.title.empty()) {
    props(cd)->setPropertyValue("HasMainTitle", Any(true));
    props(cd->getTitle())->setPropertyValue("String", Any(u(ch.title)));
  }
  props(cd)->setPropertyValue("HasLegend", Any(headers));
}

sal_Int32 parseColor(const std::string& s) {
  if (s.size() != 7 || s[0] != '#') fail("bad tab colour " + s);
  return static_cast<sal_Int32>(std::stol(s.substr(1), nullptr, 16));
}

// spec.rowLayout as decided in the core (objectives/layout.h), in its order:
// vertical centring, optimal heights, then padding of the measured heights.
void applyRowLayout(const Reference<css::sheet::XSpreadsheet>& sh, const sheet::RowLayout& layout) {
  if (layout.centred)
    props(rangeOf(sh, *layout.centred))
        ->setPropertyValue("VertJustify", Any(table::CellVertJustify2::CENTER));
  if (layout.optimalHeight) {
    const sheet::Range rows{{layout.optimalHeight->first.row, 0}, {layout.optimalHeight->last.row, 0}};
    props(Reference<table::XColumnRowRange>(rangeOf(sh, rows), UNO_QUERY_THROW)->getRows())
        ->setPropertyValue("OptimalHeight", Any(true));
  }
  if (layout.paddedRows.empty()) return;
  Reference<table::XTableRows> all = Reference<table::XColumnRowRange>(sh, UNO_QUERY_THROW)->getRows();
  for (int r : layout.paddedRows) {
    if (r < 0) fail("negative row in the row layout");
    Reference<beans::XPropertySet> row(all->getByIndex(r), UNO_QUERY_THROW);
    sal_Int32 h = 0;
    row->getPropertyValue("Height") >>= h;
    const sal_Int32 part = layout.padDivisor > 0 ? h / layout.padDivisor : 0;
    if (h > 0)
      row->setPropertyValue("Height", Any(static_cast<sal_Int32>(h + std::max(layout.padMinMm100, part))));
  }
}

// spec.keepTogether, after the page style, row heights, manual breaks, print
// range and title rows are set: Calc computes the automatic page breaks
// (getRowPageBreaks) as Export PDF and printing lay out the print range: first
// XRenderable::getRendererCount over it, as the PDF export does (without that,
// Calc breaks by the page size it last computed for its default printer:
// measured headless in 7.4.7, 109 rows on the first page where the PDF has 58).
// A block that a break cuts (an automatic break at a row first < r <= last)
// gets a manual break at its first row, and the breaks are computed again.
// Pages after a manual break do not depend on the rows before it, so each pass
// moves the first cut block of every stretch between two manual breaks at once;
// the blocks after it in that stretch wait for the next pass. A block that
// still is cut when it starts a page is taller than a page: it stays there and
// runs on. Each block gets at most one break, so there are at most
// blocks + 1 passes, each one getRendererCount and one getRowPageBreaks call;
// in practice the most blocks moved within one stretch + 1 (a review: 1 when
// nothing is cut, 3 with a moved table and trend on the first page).
void keepTogether(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                  const Reference<css::sheet::XSpreadsheet>& sh, const SheetSpec& spec) {
  if (spec.keepTogether.empty() || !spec.printRange) return;
  const int firstPrinted = spec.printRange->first.row;
  Reference<view::XRenderable> render(doc, UNO_QUERY_THROW);
  const Any printed(Reference<uno::XInterface>(rangeOf(sh, *spec.printRange), UNO_QUERY_THROW));
  Reference<css::sheet::XSheetPageBreak> pb(sh, UNO_QUERY_THROW);
  Reference<table::XTableRows> rows = Reference<table::XColumnRowRange>(sh, UNO_QUERY_THROW)->getRows();
  const std::size_t maxPasses = spec.keepTogether.size() + 1;
  for (std::size_t pass = 0; pass < maxPasses; ++pass) {
    (void)render->getRendererCount(printed, {});  // lays out the pages: the breaks below are the PDF's
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // the only API that tells the automatic breaks
    const Sequence<css::sheet::TablePageBreakData> data = pb->getRowPageBreaks();
#pragma GCC diagnostic pop
    std::vector<int> manual, automatic;  // ascending, as Calc returns them
    for (const css::sheet::TablePageBreakData& b : data)
      (b.ManualBreak ? manual : automatic).push_back(b.Position);
    std::sort(manual.begin(), manual.end());
    std::sort(automatic.begin(), automatic.end());
    auto isBreak = [](const std::vector<int>& v, int r) { return std::binary_search(v.begin(), v.end(), r); };
    std::ptrdiff_t movedStretch = -1;  // the stretch (manual breaks at or above) moved in this pass
    bool moved = false;
    for (const sheet::RowBlock& b : spec.keepTogether) {
      const std::ptrdiff_t stretch = std::upper_bound(manual.begin(), manual.end(), b.first) - manual.begin();
      if (stretch == movedStretch) continue;  // its breaks move: the next pass looks again
      const auto cut = std::upper_bound(automatic.begin(), automatic.end(), b.first);
      if (cut == automatic.end() || *cut > b.last) continue;  // on one page
      // Cut although it starts a page: taller than a page, it runs on from there.
      if (b.first <= firstPrinted || isBreak(manual, b.first) || isBreak(automatic, b.first)) continue;
      props(Reference<uno::XInterface>(rows->getByIndex(b.first), UNO_QUERY_THROW))
          ->setPropertyValue("IsStartOfNewPage", Any(true));
      movedStretch = stretch;
      moved = true;
    }
    if (!moved) return;
  }
}

void applyLayout(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                 const Reference<css::sheet::XSpreadsheet>& sh, const SheetSpec& spec, bool append) {
  const sal_Int16 tab = tabOf(sh);
  if (!append) {
    Reference<table::XTableColumns> cols =
        Reference<table::XColumnRowRange>(sh, UNO_QUERY_THROW)->getColumns();
    for (const sheet::Column& c : spec.columns) {
      Reference<beans::XPropertySet> p(cols->getByIndex(c.col), UNO_QUERY_THROW);
      if (c.widthMm100 > 0)
        p->setPropertyValue("Width", Any(static_cast<sal_Int32>(c.widthMm100)));
      else
        p->setPropertyValue("OptimalWidth", Any(true));
      if (c.hidden) p->setPropertyValue("IsVisible", Any(false));
    }
    if (!spec.tabColor.empty()) props(sh)->setPropertyValue("TabColor", Any(parseColor(spec.tabColor)));
  }
  // A sheet's own page style (its page frame) is also brought up to date when rows are appended.
  if (!append || spec.pageFrame) props(sh)->setPropertyValue("PageStyle", Any(pageStyle(doc, spec)));
  // Row heights follow the final column widths (Calc sized the rows of wrapped
  // text while the columns still had their default width).
  applyRowLayout(sh, spec.rowLayout);
  if (!append) {
    Reference<table::XTableRows> all = Reference<table::XColumnRowRange>(sh, UNO_QUERY_THROW)->getRows();
    for (int r : spec.rowBreaks)
      if (r > 0)
        props(Reference<uno::XInterface>(all->getByIndex(r), UNO_QUERY_THROW))
            ->setPropertyValue("IsStartOfNewPage", Any(true));
  }
  Reference<css::sheet::XPrintAreas> pa(sh, UNO_QUERY_THROW);
  if (spec.printRange) {
    Sequence<table::CellRangeAddress> areas(1);
    areas.getArray()[0] = address(tab, *spec.printRange);
    pa->setPrintAreas(areas);
  }
  if (!spec.repeatRows.empty()) {
    auto [lo, hi] = std::minmax_element(spec.repeatRows.begin(), spec.repeatRows.end());
    pa->setTitleRows(table::CellRangeAddress(tab, 0, *lo, 0, *hi));
    pa->setPrintTitleRows(true);
  }
  if (!append) keepTogether(doc, sh, spec);
}

}  // namespace

Reference<css::sheet::XSpreadsheet> applySpec(const Reference<css::sheet::XSpreadsheetDocument>& doc,
                                              const SheetSpec& spec, Target target) {
  Reference<css::sheet::XSpreadsheets> sheets = doc->getSheets();
  const OUString name = u(spec.name);
  if (name.isEmpty()) fail("sheet spec without a name");
  if (target == Target::NewSheet) {
    if (sheets->hasByName(name)) fail("sheet " + spec.name + " exists already");  // never overwrite
    sheets->insertNewByName(name, static_cast<sal_Int16>(sheets->getElementNames().getLength()));
  } else if (!sheets->hasByName(name)) {
    fail("no sheet " + spec.name + " to write into");
  }
  const bool append = target == Target::Append;
  Reference<css::sheet::XSpreadsheet> sh(sheets->getByName(name), UNO_QUERY_THROW);
  Formats formats(doc);
  applyStyles(doc, spec.styles, formats);
  writeCells(sh, spec.cells, !append);
  applyCellStyles(doc, sh, spec.cells);
  for (const sheet::RangeStyle& r : spec.rangeStyles)
    props(rangeOf(sh, r.range))->setPropertyValue("CellStyle", Any(u(r.style)));
  for (const sheet::Validation& v : spec.validations) applyValidation(sh, v);
  applyConditionalFormats(sh, spec.conditionalFormats);
  applyComments(sh, spec.comments);
  applyLayout(doc, sh, spec, append);
  if (!append)
    for (const sheet::Chart& c : spec.charts) applyChart(doc, sh, spec, c);
  return sh;
}

void activate(const Reference<frame::XController>& controller,
              const Reference<css::sheet::XSpreadsheet>& sheet) {
  Reference<css::sheet::XSpreadsheetView> view(controller, UNO_QUERY);
  if (view.is() && sheet.is()) view->setActiveSheet(sheet);
}

void applyView(const Reference<frame::XController>& controller,
               const Reference<css::sheet::XSpreadsheet>& sheet, const SheetSpec& spec) {
  Reference<css::sheet::XViewFreezable> freeze(controller, UNO_QUERY);
  if (!freeze.is() || (spec.freezeRows <= 0 && spec.freezeCols <= 0)) return;
  activate(controller, sheet);
  freeze->freezeAtPosition(std::max(0, spec.freezeCols), std::max(0, spec.freezeRows));
}

}  // namespace qkpi::commands
