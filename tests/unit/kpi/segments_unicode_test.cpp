// Segment keys are Unicode-equal (kpi-rules.md v4): NFC, locale-free full
// case folding (ICU), and the single-segment filter agreeing with the keys.
#include <string>
#include <vector>

#include "kpi/segments.h"
#include "kpi/text_key.h"
#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;

std::u16string key(std::u16string_view t) {
  return segmentKey(Cell::of(t));
}

// "Müller" written with U+00FC (NFC) and with u + U+0308 (NFD, as some ERP exports write it).
const std::u16string kMuellerNfc = u"M\u00FCller";
const std::u16string kMuellerNfd = u"Mu\u0308ller";

TEST(SegmentKeyUnicode, NfdAndNfcAreOneKey) {
  EXPECT_EQ(key(kMuellerNfc), key(kMuellerNfd));
  EXPECT_EQ(key(kMuellerNfd), u"m\u00FCller");  // the key itself is NFC
  EXPECT_EQ(key(u"MU\u0308LLER"), u"m\u00FCller");
  // Hangul jamo compose to one syllable.
  EXPECT_EQ(key(u"\u1100\u1161"), key(u"\uAC00"));
  // A different letter stays different.
  EXPECT_NE(key(kMuellerNfd), key(u"Muller"));
}

TEST(SegmentKeyUnicode, CanonicallyEquivalentMarkOrderIsOneKey) {
  // alpha + acute + ypogegrammeni and alpha + ypogegrammeni + acute are canonically equivalent;
  // folding alone would turn U+0345 into iota at two different places.
  EXPECT_EQ(key(u"\u03B1\u0301\u0345"), key(u"\u03B1\u0345\u0301"));
  EXPECT_EQ(key(u"\u03B1\u0301\u0345"), key(u"\u1FB4"));
  // Dot below and caron on j, in either order, and with the precomposed j-caron.
  EXPECT_EQ(key(u"j\u0323\u030C"), key(u"j\u030C\u0323"));
  EXPECT_EQ(key(u"\u01F0\u0323"), key(u"J\u0323\u030C"));
}

TEST(SegmentKeyUnicode, FoldedKeyIsNfcAgain) {
  // U+1E96 (h with line below) folds to h + U+0331, which NFC composes again.
  EXPECT_EQ(key(u"\u1E96"), u"\u1E96");
  EXPECT_EQ(key(u"h\u0331"), u"\u1E96");
}

TEST(SegmentKeyUnicode, DottedAndDotlessIWithoutLocale) {
  // Default (not Turkic) folding, whatever the host's locale.
  EXPECT_EQ(key(u"I"), u"i");
  EXPECT_EQ(key(u"i"), u"i");
  EXPECT_EQ(key(u"\u0131"), u"\u0131");   // dotless ı is a letter of its own
  EXPECT_EQ(key(u"\u0130"), u"i\u0307");  // İ: i with a combining dot above
  EXPECT_NE(key(u"\u0131"), key(u"i"));
  EXPECT_NE(key(u"\u0130"), key(u"i"));
  EXPECT_NE(key(u"\u0130"), key(u"\u0131"));
  EXPECT_EQ(key(u"\u0130STANBUL"), key(u"i\u0307stanbul"));
  EXPECT_NE(key(u"\u0130STANBUL"), key(u"istanbul"));
  EXPECT_EQ(key(u"D\u0130YARBAKIR"), key(u"di\u0307yarbakir"));
}

TEST(SegmentKeyUnicode, FullCaseFoldingSharpS) {
  // The upper case of ß is SS: an ERP export in capitals is the same customer.
  EXPECT_EQ(key(u"Stra\u00DFe"), u"strasse");
  EXPECT_EQ(key(u"STRASSE"), key(u"Stra\u00DFe"));
  EXPECT_EQ(key(u"STRA\u1E9EE"), key(u"Stra\u00DFe"));
  EXPECT_EQ(key(u"Gro\u00DF GmbH"), key(u"GROSS GMBH"));
  // Ligatures and other one-to-many folds.
  EXPECT_EQ(key(u"\uFB01sch"), key(u"Fisch"));
  EXPECT_EQ(key(u"\u0149"), u"\u02BCn");
  // Compatibility forms are not folded into ASCII: NFC, not NFKC.
  EXPECT_NE(key(u"\uFF21"), key(u"A"));
  EXPECT_NE(key(u"\u2460"), key(u"1"));
}

TEST(SegmentKeyUnicode, TextKeyerReusesItsBuffers) {
  TextKeyer k;
  EXPECT_EQ(k.key(u"  ACME\u00A0"), u"acme");
  EXPECT_EQ(k.key(kMuellerNfd), u"m\u00FCller");
  EXPECT_EQ(k.key(u"\u3000"), u"");
  std::u16string longText(5000, u'\u00C4');  // grows the buffers once
  EXPECT_EQ(k.key(longText), std::u16string(5000, u'\u00E4'));
  EXPECT_EQ(k.key(u"B"), u"b");
}

TEST(SegmentIndexUnicode, NfdAndNfcMuellerAreOneSegmentShownAsFirstWritten) {
  Args a;
  SegmentIndex idx(a.column({kMuellerNfd, u"Meyer", kMuellerNfc, u" M\u00DCLLER "}), 4);
  ASSERT_EQ(idx.size(), 2u);
  EXPECT_EQ(idx.display(0), OutCell(std::u16string(u"Meyer")));
  EXPECT_EQ(idx.display(1), OutCell(kMuellerNfd));  // as first written
  EXPECT_EQ(idx.idOfRow(0), 1);
  EXPECT_EQ(idx.idOfRow(2), 1);
  EXPECT_EQ(idx.idOfRow(3), 1);
  EXPECT_EQ(idx.find(Cell::of(kMuellerNfc)), 1);
  EXPECT_EQ(idx.find(Cell::of(std::u16string_view(u"MU\u0308LLER"))), 1);
}

TEST(SegmentIndexUnicode, TurkishIsAreThreeSegments) {
  Args a;
  SegmentIndex idx(a.column({u"I", u"i", u"\u0131", u"\u0130", u"i\u0307"}), 5);
  ASSERT_EQ(idx.size(), 3u);
  EXPECT_EQ(idx.idOfRow(0), idx.idOfRow(1));
  EXPECT_EQ(idx.idOfRow(3), idx.idOfRow(4));
  EXPECT_NE(idx.idOfRow(0), idx.idOfRow(2));
  EXPECT_NE(idx.idOfRow(0), idx.idOfRow(3));
}

std::vector<bool> keptRows(const SegmentFilter& f, std::size_t n) {
  std::vector<bool> kept;
  for (std::size_t r = 0; r < n; ++r) kept.push_back(f.keep(r));
  return kept;
}

TEST(SegmentFilterUnicode, NfdAndNfcMuellerAreOneSegment) {
  Args a;
  Arg segs = a.column({kMuellerNfd, u"Meyer", kMuellerNfc, u"M\u00DCLLER\u00A0", u"Muller", Args::empty()});
  EXPECT_EQ(keptRows(SegmentFilter(segs, a.text(kMuellerNfc), 6), 6),
            (std::vector<bool>{true, false, true, true, false, false}));
  EXPECT_EQ(keptRows(SegmentFilter(segs, a.text(kMuellerNfd), 6), 6),
            (std::vector<bool>{true, false, true, true, false, false}));
  EXPECT_EQ(keptRows(SegmentFilter(segs, a.text(u"muller"), 6), 6),
            (std::vector<bool>{false, false, false, false, true, false}));
}

TEST(SegmentFilterUnicode, NonAsciiRowsCanMatchAnAsciiKey) {
  // Kelvin sign, long s, ẞ: non-ASCII text whose key is ASCII.
  Args a;
  Arg segs = a.column({u"\u212Aiel", u"kiel", u"\u017Fee", u"See", u"GRO\u1E9E", u"gross"});
  EXPECT_EQ(keptRows(SegmentFilter(segs, a.text(u"KIEL"), 6), 6),
            (std::vector<bool>{true, true, false, false, false, false}));
  EXPECT_EQ(keptRows(SegmentFilter(segs, a.text(u"see"), 6), 6),
            (std::vector<bool>{false, false, true, true, false, false}));
  EXPECT_EQ(keptRows(SegmentFilter(segs, a.text(u"Gro\u00DF"), 6), 6),
            (std::vector<bool>{false, false, false, false, true, true}));
}

TEST(SegmentFilterUnicode, RepeatedSharedStringsThroughTheVerdictCache) {
  // Calc hands equal strings of a range as one shared string: the same view in many rows, whose
  // verdict the filter remembers by address.
  const std::u16string acme = u"\u00C4CME";
  const std::u16string other = u"\u00C4CNE";
  std::vector<Cell> cells;
  for (int i = 0; i < 200; ++i) cells.push_back(Cell::of(std::u16string_view(i % 3 ? acme : other)));
  Arg segs = Arg::cells(cells.size(), 1, cells);
  Args a;
  SegmentFilter f(segs, a.text(u"\u00E4cme"), cells.size());
  for (std::size_t r = 0; r < cells.size(); ++r) EXPECT_EQ(f.keep(r), r % 3 != 0) << r;
}

TEST(SegmentFilterUnicode, NumbersByValue) {
  Args a;
  Arg segs = a.column({1001.0, u"1001", u" 1001\u00A0", 1001.5, -0.0, 0.0, u"0", u"-0", 1e21, u"1E+21",
                       u"1001.0", u"1e3", 1000.0});
  auto kept = [&](Arg target) { return keptRows(SegmentFilter(segs, target, 13), 13); };
  using V = std::vector<bool>;
  EXPECT_EQ(kept(a.num(1001)), (V{1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(kept(a.text(u"1001")), (V{1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(kept(a.num(0)), (V{0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(kept(a.num(-0.0)), (V{0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}));
  // "-0" is not the shortest text of any number: only the text itself.
  EXPECT_EQ(kept(a.text(u"-0")), (V{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0}));
  EXPECT_EQ(kept(a.text(u"1e+21")), (V{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0}));
  EXPECT_EQ(kept(a.text(u"1001.0")), (V{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(kept(a.text(u"1E3")), (V{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}));
  EXPECT_EQ(kept(a.num(1000)), (V{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
}

// The single-segment filter agrees with the segment index on a mixed column, for every target.
TEST(SegmentFilterUnicode, AgreesWithTheIndexForEveryTarget) {
  Args a;
  std::vector<Args::In> values = {u"ACME",    u" acme",  u"Acme\u00A0", kMuellerNfd,   kMuellerNfc,
                                  u"MÜLLER",  u"\u212A", u"k",          u"K",          u"Stra\u00DFe",
                                  u"STRASSE", u"\u0130", u"i",          u"\u0131",     u"I",
                                  1001.0,     u"1001",   2.5,           u"2.5",        0.0,
                                  -0.0,       u"0",      u"",           u"  ",         Args::empty(),
                                  u"\uFB01",  u"FI",     u"\U00010400", u"\U00010428", u"\uFF21"};
  Arg segs = a.column(values);
  const std::size_t n = values.size();
  SegmentIndex idx(segs, n);
  for (std::size_t t = 0; t < n; ++t) {
    const Cell& target = segs.cell(t, 0);
    if (target.isBlankText()) continue;
    SegmentFilter f(segs, Arg::scalar(target), n);
    std::optional<int> id = idx.find(target);
    for (std::size_t r = 0; r < n; ++r) {
      bool expected = id && idx.idOfRow(r) == *id;
      EXPECT_EQ(f.keep(r), expected) << "target " << t << ", row " << r;
    }
  }
}

// A BY table groups NFD and NFC spellings into one row, shown as first written.
TEST(SegmentByUnicode, OtifByGroupsNfdAndNfc) {
  Args a;
  // Due, Delivered, OrderedQty, DeliveredQty: on time and in full, except row 2 (late).
  Arg lines = a.table({{46000, 46000, 10, 10}, {46000, 46010, 10, 10}, {46000, 46000, 10, 10}});
  Arg segs = a.column({kMuellerNfd, kMuellerNfc, u"Meyer"});
  Value v = test::call("OTIFBY", {lines, segs});
  ASSERT_TRUE(std::holds_alternative<Matrix>(v));
  const Matrix& m = std::get<Matrix>(v);
  // Meyer, Müller (NFD and NFC together, shown as first written), (all).
  ASSERT_EQ(m.rows, 3u);
  EXPECT_EQ(m.at(0, 0), OutCell(std::u16string(u"Meyer")));
  EXPECT_EQ(m.at(1, 0), OutCell(kMuellerNfd));
  EXPECT_EQ(m.at(1, 1), OutCell(2.0));
  EXPECT_EQ(m.at(1, 5), OutCell(0.5));
  EXPECT_EQ(m.at(2, 0), OutCell(std::u16string(u"(all)")));
}

TEST(SegmentsFunctionUnicode, OneEntryForNfdAndNfc) {
  Args a;
  Value v = test::call("SEGMENTS", {a.column({kMuellerNfc, kMuellerNfd, u"Meyer", u"MÜLLER"})});
  ASSERT_TRUE(std::holds_alternative<Matrix>(v));
  const Matrix& m = std::get<Matrix>(v);
  ASSERT_EQ(m.rows * m.cols, 2u);
  EXPECT_EQ(m.cells[0], OutCell(std::u16string(u"Meyer")));
  EXPECT_EQ(m.cells[1], OutCell(kMuellerNfc));
}

}  // namespace
}  // namespace qkpi
