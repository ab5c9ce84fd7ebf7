// Segment keys, SegmentIndex and SegmentFilter.
#include "kpi/segments.h"

#include <string>
#include <vector>

#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;

std::u16string key(std::u16string_view t) {
  return segmentKey(Cell::of(t));
}
std::u16string key(double v) {
  return segmentKey(Cell::of(v));
}

TEST(SegmentKey, TrimsAllUnicodeWhiteSpace) {
  EXPECT_EQ(key(u" acme\u00A0"), u"acme");
  EXPECT_EQ(key(u"\t\n\v\f\racme\u0085\u1680\u2000\u200A\u2028\u2029\u202F\u205F\u3000"), u"acme");
  // Inner white space is kept.
  EXPECT_EQ(key(u" a  b "), u"a  b");
  // Not white space: zero-width no-break space stays.
  EXPECT_EQ(key(u"\uFEFFacme"), u"\uFEFFacme");
}

TEST(SegmentKey, BlankIsEmpty) {
  EXPECT_EQ(segmentKey(Cell::empty()), u"");
  EXPECT_EQ(key(u""), u"");
  EXPECT_EQ(key(u" \u00A0\u3000\t"), u"");
}

TEST(SegmentKey, FoldsAsciiCase) {
  EXPECT_EQ(key(u"ACME Gmbh"), u"acme gmbh");
  EXPECT_EQ(key(u"ACME"), key(u" acme\u00A0"));
  EXPECT_NE(key(u"ACME"), key(u"ACNE"));
}

TEST(SegmentKey, FoldsNonAsciiCase) {
  EXPECT_EQ(key(u"ÄRZTE"), u"ärzte");
  EXPECT_EQ(key(u"ÄRZTE"), key(u"ärzte"));
  EXPECT_EQ(key(u"ÉCOLE"), key(u"école"));
  // Final sigma, sigma and capital sigma.
  EXPECT_EQ(key(u"ΟΔΟΣ"), key(u"οδος"));
  EXPECT_EQ(key(u"ΟΔΟΣ"), key(u"οδοσ"));
  // Long s, Kelvin sign, Ohm sign.
  EXPECT_EQ(key(u"\u017Fchmidt"), key(u"Schmidt"));
  EXPECT_EQ(key(u"\u212A"), u"k");
  EXPECT_EQ(key(u"\u2126"), key(u"ω"));
  EXPECT_EQ(key(u"Ω"), u"ω");
  // ß and capital ẞ.
  EXPECT_EQ(key(u"STRAẞE"), key(u"straße"));
  // Cyrillic.
  EXPECT_EQ(key(u"МОСКВА"), key(u"москва"));
  // Different letters stay different.
  EXPECT_NE(key(u"ärzte"), key(u"arzte"));
}

TEST(SegmentKey, FoldsSupplementaryPlaneThroughSurrogates) {
  // DESERET CAPITAL LETTER LONG I (U+10400) folds to U+10428.
  EXPECT_EQ(key(u"\U00010400x"), u"\U00010428x");
  // A lone surrogate is kept as it is.
  std::u16string lone{u'A', static_cast<char16_t>(0xD800), u'B'};
  std::u16string expected{u'a', static_cast<char16_t>(0xD800), u'b'};
  EXPECT_EQ(key(lone), expected);
}

TEST(SegmentKey, NumbersAsShortestDecimalText) {
  EXPECT_EQ(key(1001.0), u"1001");
  EXPECT_EQ(key(1001.0), key(u"1001"));
  EXPECT_EQ(key(1001.0), key(u" 1001 "));
  EXPECT_EQ(key(0.1), u"0.1");
  EXPECT_EQ(key(-2.5), u"-2.5");
  EXPECT_EQ(key(-0.0), u"0");
  EXPECT_EQ(key(0.0), u"0");
  EXPECT_EQ(key(1e21), u"1e+21");
  // "1001.0" as text is not the shortest form: another segment.
  EXPECT_NE(key(1001.0), key(u"1001.0"));
}

// {beta, 20, Alpha, 3, <empty>, " ", ALPHA, zeta, 1001, "1001"}
Arg mixedColumn(Args& a) {
  return a.column({u"beta", 20.0, u"Alpha", 3.0, Args::empty(), u" ", u"ALPHA", u"zeta", 1001.0, u"1001"});
}

TEST(SegmentIndex, IdsInSegmentsOrder) {
  Args a;
  SegmentIndex idx(mixedColumn(a), 10);
  ASSERT_EQ(idx.size(), 6u);
  EXPECT_EQ(idx.rowCount(), 10u);
  EXPECT_TRUE(idx.anyBlank());
  // Numbers ascending: 3, 20, 1001; then text by key: alpha, beta, zeta.
  EXPECT_EQ(idx.display(0), OutCell(3.0));
  EXPECT_EQ(idx.display(1), OutCell(20.0));
  EXPECT_EQ(idx.display(2), OutCell(1001.0));
  EXPECT_EQ(idx.display(3), OutCell(std::u16string(u"Alpha")));  // as first written
  EXPECT_EQ(idx.display(4), OutCell(std::u16string(u"beta")));
  EXPECT_EQ(idx.display(5), OutCell(std::u16string(u"zeta")));
  std::vector<int> ids;
  for (std::size_t r = 0; r < idx.rowCount(); ++r) ids.push_back(idx.idOfRow(r));
  EXPECT_EQ(ids, (std::vector<int>{4, 1, 3, 0, SegmentIndex::kBlank, SegmentIndex::kBlank, 3, 5, 2, 2}));
}

TEST(SegmentIndex, Find) {
  Args a;
  SegmentIndex idx(mixedColumn(a), 10);
  EXPECT_EQ(idx.find(Cell::of(u"  alpha\u00A0")), 3);
  EXPECT_EQ(idx.find(Cell::of(1001.0)), 2);
  EXPECT_EQ(idx.find(Cell::of(u"1001")), 2);
  EXPECT_EQ(idx.find(Cell::of(3.0)), 0);
  EXPECT_EQ(idx.find(Cell::of(u"3")), 0);
  EXPECT_EQ(idx.find(Cell::of(u"ZETA")), 5);
  EXPECT_FALSE(idx.find(Cell::of(u"gamma")));
  EXPECT_FALSE(idx.find(Cell::of(4.0)));
  EXPECT_FALSE(idx.find(Cell::of(u"")));
  EXPECT_FALSE(idx.find(Cell::of(u"  ")));
  EXPECT_FALSE(idx.find(Cell::empty()));
}

TEST(SegmentIndex, NumberWrittenFirstAsTextStillSortsAsNumber) {
  Args a;
  SegmentIndex idx(a.column({u"1001", 5.0, 1001.0, u"abc"}), 4);
  ASSERT_EQ(idx.size(), 3u);
  EXPECT_EQ(idx.display(0), OutCell(5.0));
  EXPECT_EQ(idx.display(1), OutCell(std::u16string(u"1001")));  // first written as text
  EXPECT_EQ(idx.display(2), OutCell(std::u16string(u"abc")));
  EXPECT_EQ(idx.idOfRow(0), 1);
  EXPECT_EQ(idx.idOfRow(2), 1);
  EXPECT_FALSE(idx.anyBlank());
}

TEST(SegmentIndex, TextOnlyNumbersSortAsText) {
  // Never a number cell: "10" < "9" as text.
  Args a;
  SegmentIndex idx(a.column({u"9", u"10"}), 2);
  EXPECT_EQ(idx.display(0), OutCell(std::u16string(u"10")));
  EXPECT_EQ(idx.display(1), OutCell(std::u16string(u"9")));
}

TEST(SegmentIndex, DisplayIsTrimmedFirstSpelling) {
  Args a;
  SegmentIndex idx(a.column({u" Acme\u00A0", u"ACME", u"acme"}), 3);
  ASSERT_EQ(idx.size(), 1u);
  EXPECT_EQ(idx.display(0), OutCell(std::u16string(u"Acme")));
}

TEST(SegmentIndex, TextOrderIsCaseInsensitiveByCodePoint) {
  Args a;
  SegmentIndex idx(a.column({u"b", u"A", u"ÄRZTE", u"c", u"ärzte", u"\U00010400", u"\uFF21"}), 7);
  ASSERT_EQ(idx.size(), 6u);
  EXPECT_EQ(idx.display(0), OutCell(std::u16string(u"A")));
  EXPECT_EQ(idx.display(1), OutCell(std::u16string(u"b")));
  EXPECT_EQ(idx.display(2), OutCell(std::u16string(u"c")));
  EXPECT_EQ(idx.display(3), OutCell(std::u16string(u"ÄRZTE")));
  // U+FF41 (fullwidth a, folded from U+FF21) before U+10428: code point order,
  // not UTF-16 code unit order.
  EXPECT_EQ(idx.display(4), OutCell(std::u16string(u"\uFF21")));
  EXPECT_EQ(idx.display(5), OutCell(std::u16string(u"\U00010400")));
}

TEST(SegmentIndex, NegativeZeroAndZeroAreOneSegment) {
  Args a;
  SegmentIndex idx(a.column({-0.0, 0.0, u"0"}), 3);
  ASSERT_EQ(idx.size(), 1u);
  EXPECT_EQ(idx.idOfRow(0), 0);
  EXPECT_EQ(idx.idOfRow(1), 0);
  EXPECT_EQ(idx.idOfRow(2), 0);
}

TEST(SegmentIndex, AllBlank) {
  Args a;
  SegmentIndex idx(a.column({Args::empty(), u"", u" "}), 3);
  EXPECT_EQ(idx.size(), 0u);
  EXPECT_TRUE(idx.anyBlank());
}

TEST(SegmentIndex, ScalarForOneRow) {
  Args a;
  SegmentIndex idx(a.text(u"ACME"), 1);
  ASSERT_EQ(idx.size(), 1u);
  EXPECT_EQ(idx.idOfRow(0), 0);
  EXPECT_ARG_ERROR(SegmentIndex(a.text(u"ACME"), 2));
}

TEST(SegmentIndex, ShapeErrors) {
  Args a;
  EXPECT_ARG_ERROR(SegmentIndex(a.column({u"a", u"b"}), 3));
  EXPECT_ARG_ERROR(SegmentIndex(a.column({u"a", u"b", u"c", u"d"}), 3));
  EXPECT_ARG_ERROR(SegmentIndex(a.block({{u"a", u"x"}, {u"b", u"y"}}), 2));
  EXPECT_ARG_ERROR(SegmentIndex(a.row({u"a", u"b"}), 2));
  EXPECT_ARG_ERROR(SegmentIndex(Arg::omitted(), 2));
  EXPECT_ARG_ERROR(SegmentIndex(a.table({{1}, {2}}), 2));
}

TEST(SegmentFilter, NotGivenKeepsEveryRow) {
  Args a;
  SegmentFilter f(Arg::omitted(), Arg::omitted(), 3);
  EXPECT_TRUE(f.keep(0) && f.keep(1) && f.keep(2));
  SegmentFilter g(a.text(u""), a.text(u""), 3);
  EXPECT_TRUE(g.keep(0) && g.keep(2));
}

TEST(SegmentFilter, SegmentsWithoutSegmentKeepsEveryRowButIsChecked) {
  Args a;
  SegmentFilter f(a.column({u"a", Args::empty(), u"b"}), Arg::omitted(), 3);
  EXPECT_TRUE(f.keep(0) && f.keep(1) && f.keep(2));
  EXPECT_ARG_ERROR(SegmentFilter(a.column({u"a", u"b"}), Arg::omitted(), 3));
}

TEST(SegmentFilter, KeepsRowsOfTheSegment) {
  Args a;
  Arg segs = a.column({u" acme\u00A0", u"ACME", u"Beta", Args::empty(), 1001.0, u"1001"});
  SegmentFilter f(segs, a.text(u"acme"), 6);
  std::vector<bool> kept;
  for (std::size_t r = 0; r < 6; ++r) kept.push_back(f.keep(r));
  EXPECT_EQ(kept, (std::vector<bool>{true, true, false, false, false, false}));

  SegmentFilter n(segs, a.num(1001), 6);
  EXPECT_FALSE(n.keep(0));
  EXPECT_TRUE(n.keep(4));
  EXPECT_TRUE(n.keep(5));

  // A Segment given as a 1x1 block works like a value.
  SegmentFilter b(segs, a.block({{u"BETA"}}), 6);
  EXPECT_TRUE(b.keep(2));
  EXPECT_FALSE(b.keep(0));
}

TEST(SegmentFilter, UnknownOrBlankSegmentKeepsNothing) {
  Args a;
  Arg segs = a.column({u"a", Args::empty(), u"b"});
  SegmentFilter f(segs, a.text(u"gamma"), 3);
  EXPECT_FALSE(f.keep(0) || f.keep(1) || f.keep(2));
  // White space only is given, but a blank key: blank rows are in no segment.
  SegmentFilter w(segs, a.text(u"  "), 3);
  EXPECT_FALSE(w.keep(0) || w.keep(1) || w.keep(2));
}

TEST(SegmentFilter, Errors) {
  Args a;
  // Segment without Segments.
  EXPECT_ARG_ERROR(SegmentFilter(Arg::omitted(), a.text(u"acme"), 2));
  EXPECT_ARG_ERROR(SegmentFilter(a.text(u""), a.num(7), 2));
  // Segment as a block of more than one cell.
  EXPECT_ARG_ERROR(SegmentFilter(a.column({u"a", u"b"}), a.column({u"a", u"b"}), 2));
  EXPECT_ARG_ERROR(SegmentFilter(a.column({u"a", u"b"}), a.row({u"a", u"b"}), 2));
}

// Its time is measured in bench/core_bench.cpp, not asserted here.
TEST(SegmentIndex, MillionRowsWithHundredsOfSegments) {
  constexpr std::size_t kRows = 1'000'000;
  std::vector<std::u16string> names;
  for (int i = 0; i < 300; ++i) {
    std::u16string n = u"Kunde Ä";
    for (char c : std::to_string(i)) n.push_back(static_cast<char16_t>(c));
    if (i % 3 == 0) n = u" " + n + u"\u00A0";
    names.push_back(n);
  }
  std::vector<Cell> cells;
  cells.reserve(kRows);
  for (std::size_t r = 0; r < kRows; ++r) {
    std::size_t k = (r * 7919) % 400;
    if (k < 300)
      cells.push_back(Cell::of(std::u16string_view(names[k])));
    else if (k < 390)
      cells.push_back(Cell::of(static_cast<double>(k)));
    else
      cells.push_back(Cell::of(std::u16string_view(u"")));
  }
  Arg col = Arg::cells(kRows, 1, std::move(cells));
  SegmentIndex idx(col, kRows);
  EXPECT_EQ(idx.size(), 390u);
  EXPECT_TRUE(idx.anyBlank());
}

}  // namespace
}  // namespace qkpi
