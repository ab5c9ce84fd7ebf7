// Sheet specs: a plain description of what a qkpi command writes into a Calc
// document (cells, styles, validation, conditional formats, comments, charts,
// layout). Commands build specs in src/core (pure, unit-tested); one writer in
// src/commands applies a spec through UNO. No UNO type appears here.
//
// Rules every spec follows (issue "one-click quality objectives"):
//  - text that comes from the user's data is a Text cell, never a Formula
//    (a customer named "=HYPERLINK(...)" stays text);
//  - formulas use Calc's API grammar: English function names, ';' separators,
//    sheet references as $'Sheet name'.A1 — exactly what XCell::setFormula takes;
//  - generated documents contain no macros.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qkpi::sheet {

// 0-based cell position.
struct Pos {
  int row = 0;
  int col = 0;
  bool operator==(const Pos&) const = default;
};

// An inclusive block of cells.
struct Range {
  Pos first;
  Pos last;
  bool operator==(const Range&) const = default;
};

// One cell's content. Strings are UTF-8.
struct Cell {
  enum class Kind : std::uint8_t {
    Text,          // written with setString: never interpreted
    Number,        // setValue
    Formula,       // setFormula (API grammar), e.g. "=OTIF($Deliveries.D2:G20001)"
    ArrayFormula,  // setArrayFormula over `arrayRows` x `arrayCols` starting at `pos`
  };
  Pos pos;
  Kind kind = Kind::Text;
  std::string text;  // Text, Formula, ArrayFormula
  double number = 0;
  int arrayRows = 1, arrayCols = 1;
  std::string style;  // a cell style from SheetSpec::styles or the document; "" = keep default
};

// A named cell style the writer creates (or updates, if the document already
// has qkpi's style of that name). Colours are 0xRRGGBB; -1 = not set.
struct Style {
  std::string name;  // "qkpi Header", "qkpi Percent", ...
  std::string parent = "Default";
  bool bold = false;
  bool italic = false;
  bool wrap = false;
  std::int32_t background = -1;
  std::int32_t fontColor = -1;
  double fontHeight = 0;     // points; 0 = inherit
  std::string numberFormat;  // Calc format code in en-US, e.g. "0.0%", "YYYY-MM-DD"; "" = inherit
  enum class Align : std::uint8_t { Inherit, Left, Center, Right } align = Align::Inherit;
  bool bottomBorder = false;
  int indentMm100 = 0;  // left indent of the text, 1/100 mm
};

// A dropdown list (data validity) on a range.
struct Validation {
  Range range;
  std::vector<std::string> values;  // list entries, shown in this order
  bool strict = true;               // reject other entries (with errorMessage)
  std::string inputTitle, inputHelp, errorMessage;
};

// Conditional formatting: apply `style` where `formula` (relative to the
// range's first cell, API grammar) is true.
struct ConditionalFormat {
  Range range;
  std::string formula;  // e.g. "$R2=\"RED\""
  std::string style;
};

// A note (comment) attached to a cell, e.g. a header's explanation.
struct Comment {
  Pos pos;
  std::string text;
};

// A line chart embedded in the sheet.
struct Chart {
  std::string name;  // unique on the sheet
  Range anchor;      // cells the chart covers
  std::string title;
  Range categories;           // x-axis labels (one column)
  std::vector<Range> series;  // one column each
  std::vector<std::string> seriesNames;
  bool bars = false;  // a column (bar) chart; else a line chart
};

// A cell style applied to a block of cells after the cells are written (e.g.
// the columns of an array formula's result, whose cells have no Cell entry of
// their own, or the date columns of a big data block).
struct RangeStyle {
  Range range;
  std::string style;
};

struct Column {
  int col = 0;
  int widthMm100 = 0;  // 1/100 mm; 0 = optimal width
  bool hidden = false;
};

// How the written rows are laid out vertically. Decided in the core
// (objectives::rowLayout, objectives/layout.h); the writer only applies it, in
// this order, after the column widths are set. Empty = rows left as they are.
struct RowLayout {
  std::optional<Range> centred;        // cells centred vertically (one-line cells next to wrapped ones)
  std::optional<Range> optimalHeight;  // rows first.row..last.row get Calc's optimal height
  // Rows whose (measured) optimal height then gets extra air, for printing:
  // height + max(padMinMm100, height / padDivisor). Ascending.
  std::vector<int> paddedRows;
  int padMinMm100 = 0;
  int padDivisor = 1;
};

// The header and footer of every printed page of a sheet: the writer gives the
// sheet a page style of its own ("qkpi <sheet name>") with these texts. In each
// part the writer replaces the fields {title} (the document's title as Calc
// prints it: the Title of File > Properties, else the file name, "Untitled 1"
// when unsaved), {page} and {pages} (page N of M of the printout) with Calc's
// text fields; the rest is plain text. "" = an empty part.
struct PageFrame {
  std::string headerLeft, headerCenter, headerRight;
  std::string footerLeft, footerCenter, footerRight;
  bool operator==(const PageFrame&) const = default;
};

// Rows that stay together on one printed page ("keep together"): a table's
// title, column header row and rows, a section's title with its facts. Calc
// breaks pages by height; the writer then gives each block that an automatic
// page break would cut a manual break at its first row, so the block starts on
// the next page whole. A block taller than one page cannot be kept whole: it
// starts on a new page and continues on the next (its continuation without its
// header row: Calc repeats only one block of rows per sheet, spec.repeatRows).
// A block that starts at the first printed row is never moved.
struct RowBlock {
  int first = 0;
  int last = 0;  // inclusive
  bool operator==(const RowBlock&) const = default;
};

// A whole sheet to create, or rows to append to an existing sheet.
struct SheetSpec {
  std::string name;
  std::vector<Style> styles;
  std::vector<Cell> cells;
  std::vector<Column> columns;
  std::vector<Validation> validations;
  std::vector<ConditionalFormat> conditionalFormats;
  std::vector<Comment> comments;
  std::vector<Chart> charts;
  int freezeRows = 0, freezeCols = 0;  // frozen header rows/columns
  std::optional<Range> printRange;
  bool printLandscape = true;
  std::vector<int> repeatRows;          // print titles: rows repeated on every page
  std::string tabColor;                 // "" = default, else "#RRGGBB"
  std::vector<RangeStyle> rangeStyles;  // applied after `cells`, in order
  int fitPagesWide = 0;                 // print scale: 0 = 100 %, n = fit the width to n pages
  std::vector<int> rowBreaks;           // manual page breaks: each row starts a new printed page
  std::vector<RowBlock> keepTogether;   // new sheets: blocks kept on one page; ascending, disjoint
  std::optional<PageFrame>
      pageFrame;        // the sheet's own page header/footer; nullopt = qkpi's shared page style
  RowLayout rowLayout;  // filled just before writing (objectives::rowLayout)
};

}  // namespace qkpi::sheet
