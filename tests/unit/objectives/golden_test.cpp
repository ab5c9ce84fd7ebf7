// Golden output of the workflow's sheet specs: every cell, style, format,
// validation, comment, chart and layout field of the register, the review, the
// action log and the sample data, for fixed inputs, compared with the files in
// tests/data/golden. A refactoring that must not change what the commands write
// (issue "two libraries") proves it here; a change that is meant to alter a
// sheet updates the files and shows the difference in review:
//
//   QKPI_UPDATE_GOLDEN=1 build/tests/unit/qkpi_objectives_tests --gtest_filter='Golden*'
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "objectives/objectives.h"
#include "objectives_test_util.h"

namespace obj = qkpi::objectives;
using qkpi::sheet::Cell;
using qkpi::sheet::Range;
using qkpi::sheet::SheetSpec;

namespace {

using obj::test::sheetNamed;
using obj::test::tableOf;

constexpr long kToday = 46351;  // 2026-11-25

std::string pos(int r, int c) {
  return "(" + std::to_string(r) + "," + std::to_string(c) + ")";
}
std::string rng(const Range& r) {
  return pos(r.first.row, r.first.col) + "-" + pos(r.last.row, r.last.col);
}
std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Every field of a spec, one line each, in a fixed order.
std::string dump(const SheetSpec& s) {
  std::ostringstream o;
  o << "sheet " << s.name << "\n";
  for (const auto& st : s.styles)
    o << "style " << st.name << " parent=" << st.parent << " b=" << st.bold << " i=" << st.italic
      << " wrap=" << st.wrap << " bg=" << st.background << " fg=" << st.fontColor
      << " h=" << num(st.fontHeight) << " fmt=" << st.numberFormat << " align=" << static_cast<int>(st.align)
      << " border=" << st.bottomBorder << " indent=" << st.indentMm100 << "\n";
  for (const Cell& c : s.cells) {
    o << "cell " << pos(c.pos.row, c.pos.col) << " k=" << static_cast<int>(c.kind);
    if (c.kind == Cell::Kind::Number)
      o << " n=" << num(c.number);
    else
      o << " t=" << c.text;
    if (c.kind == Cell::Kind::ArrayFormula) o << " size=" << c.arrayRows << "x" << c.arrayCols;
    o << " style=" << c.style << "\n";
  }
  for (const auto& c : s.columns)
    o << "column " << c.col << " w=" << c.widthMm100 << " hidden=" << c.hidden << "\n";
  for (const auto& v : s.validations) {
    o << "validation " << rng(v.range) << " strict=" << v.strict << " values=";
    for (const auto& x : v.values) o << x << "|";
    o << " title=" << v.inputTitle << " help=" << v.inputHelp << " error=" << v.errorMessage << "\n";
  }
  for (const auto& f : s.conditionalFormats)
    o << "cf " << rng(f.range) << " " << f.formula << " " << f.style << "\n";
  for (const auto& c : s.comments) o << "comment " << pos(c.pos.row, c.pos.col) << " " << c.text << "\n";
  for (const auto& c : s.charts) {
    o << "chart " << c.name << " at " << rng(c.anchor) << " title=" << c.title
      << " cat=" << rng(c.categories);
    for (std::size_t i = 0; i < c.series.size(); ++i)
      o << " s=" << rng(c.series[i]) << ":" << (i < c.seriesNames.size() ? c.seriesNames[i] : "");
    if (c.bars) o << " bars";
    o << "\n";
  }
  o << "freeze " << s.freezeRows << "," << s.freezeCols << "\n";
  if (s.printRange) o << "print " << rng(*s.printRange) << "\n";
  o << "landscape " << s.printLandscape << " fitWide " << s.fitPagesWide << " tab " << s.tabColor << "\n";
  for (int r : s.repeatRows) o << "repeat " << r << "\n";
  for (const auto& r : s.rangeStyles) o << "rangestyle " << rng(r.range) << " " << r.style << "\n";
  for (int r : s.rowBreaks) o << "break " << r << "\n";
  for (const auto& b : s.keepTogether) o << "keep " << b.first << "-" << b.last << "\n";
  if (const auto& f = s.pageFrame)
    o << "header " << f->headerLeft << " | " << f->headerCenter << " | " << f->headerRight << "\nfooter "
      << f->footerLeft << " | " << f->footerCenter << " | " << f->footerRight << "\n";
  return o.str();
}

// FNV-1a 64, for the big data sheets.
std::string hash(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string goldenDir() {
  return std::string(QKPI_SOURCE_DIR) + "/tests/data/golden/";
}

void expectGolden(const std::string& name, const std::string& text) {
  const std::string path = goldenDir() + name;
  if (std::getenv("QKPI_UPDATE_GOLDEN")) {
    std::ofstream(path, std::ios::binary) << text;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (QKPI_UPDATE_GOLDEN=1 writes it)";
  std::stringstream want;
  want << in.rdbuf();
  if (want.str() == text) return;
  // Name the first line that differs.
  std::istringstream a(want.str()), b(text);
  std::string la, lb;
  int line = 1;
  while (std::getline(a, la) && std::getline(b, lb) && la == lb) ++line;
  ADD_FAILURE() << name << " differs from " << path << " at line " << line << ":\n  golden: " << la
                << "\n  now:    " << lb;
}

// The sample register as the commands read it back (formulas as their text),
// with Status as the review would compute it for two objectives.
std::vector<obj::Objective> sampleRegister(const obj::SampleData& d) {
  auto reg = obj::readRegister(tableOf(sheetNamed(d, "Objectives")));
  // What KPISTATUS gives on the sample data: two objectives need action.
  for (auto& o : reg) o.status = "GREEN";
  if (reg.size() > 1) reg[1].status = "RED";
  if (reg.size() > 3) reg[3].status = "AMBER";
  for (auto& o : reg) o.actual = 0.9;
  return reg;
}

TEST(Golden, SampleData) {
  auto d = obj::sampleData(kToday, 0);
  std::string index;
  for (const auto& s : d.sheets) {
    std::string text = dump(s);
    if (s.cells.size() > 3000) {
      index += s.name + " " + std::to_string(s.cells.size()) + " cells " + hash(text) + "\n";
    } else {
      expectGolden("sample-" + s.name + ".txt", text);
      index += s.name + " " + std::to_string(s.cells.size()) + " cells (sample-" + s.name + ".txt)\n";
    }
  }
  for (const auto& n : d.namedRanges) index += "name " + n.name + " = " + n.content + "\n";
  expectGolden("sample-index.txt", index);
}

TEST(Golden, NewRegisterAndFormulas) {
  expectGolden("new-register.txt", dump(obj::newRegister()));
  auto reg = sampleRegister(obj::sampleData(kToday, 0));
  expectGolden("register-formulas.txt", dump(obj::registerFormulas(reg)));
  std::string probes;
  for (const auto& p : obj::segmentTableProbes(reg)) probes += p + "\n";
  expectGolden("review-probes.txt", probes);
}

TEST(Golden, Review) {
  auto reg = sampleRegister(obj::sampleData(kToday, 0));
  std::vector<int> rows(reg.size(), 0);
  for (std::size_t i = 0; i < reg.size(); ++i)
    rows[i] = reg[i].segmentBy.empty() ? 0 : 6 + static_cast<int>(i);
  expectGolden("review.txt", dump(obj::review(reg, rows, kToday, 0, "Review 2026-11-25")));
  // The same review in a document with the 1904 null date.
  expectGolden("review-1904.txt", dump(obj::review(reg, rows, kToday - 1462, 1462, "Review 2026-11-25")));
}

TEST(Golden, ActionLog) {
  auto reg = sampleRegister(obj::sampleData(kToday, 0));
  SheetSpec fresh = obj::actionLog(nullptr, reg, kToday, 0);
  expectGolden("action-log.txt", dump(fresh));
  // Extending an existing log: an open action for the second objective, a
  // done one for the fourth, so only the fourth gets a new proposal.
  obj::Table existing(1);
  for (const auto& h : obj::actionLogHeaders()) existing[0].emplace_back(h);
  auto row = [&](const std::string& id, const std::string& objective, const std::string& status) {
    std::vector<obj::Value> r(existing[0].size());
    r[0] = id;
    r[1] = objective;
    r[3] = std::string("=HYPERLINK(\"x\")");
    r[8] = status;
    existing.push_back(r);
  };
  row("A-001", reg.size() > 1 ? reg[1].id : "", "Open");
  row("A-002", reg.size() > 3 ? reg[3].id : "", "Done");
  expectGolden("action-log-extend.txt", dump(obj::actionLog(&existing, reg, kToday, 0)));
}

TEST(Golden, SheetNames) {
  std::vector<std::string> names = {"Objectives", "Review 2026-11-25", "review 2026-11-25 (2)"};
  std::string text = obj::reviewSheetName(kToday, 0, names) + "\n" +
                     obj::frozenSheetName("Review 2026-11-25 (3)", names) + "\n" + obj::isoDate(kToday, 0) +
                     "\n" + obj::isoDate(kToday - 1462, 1462) + "\n";
  expectGolden("sheet-names.txt", text);
}

}  // namespace

// ---- the German UI (objectives/texts.h): the same sheets with German texts ----------

// The sample register of a German run, read back as a German office reads it.
static std::vector<obj::Objective> sampleRegisterDe(const obj::SampleData& d) {
  auto reg = obj::readRegister(tableOf(sheetNamed(d, "Objectives")), obj::Lang::De);
  for (auto& o : reg) o.status = "GREEN";
  if (reg.size() > 1) reg[1].status = "RED";
  if (reg.size() > 3) reg[3].status = "AMBER";
  for (auto& o : reg) o.actual = 0.9;
  return reg;
}

TEST(GoldenDe, SampleData) {
  auto d = obj::sampleData(kToday, 0, obj::Lang::De);
  for (const auto& s : d.sheets)
    if (s.cells.size() <= 3000) expectGolden("de/sample-" + s.name + ".txt", dump(s));
  // The data are the same in both languages: only the header row differs.
  auto en = obj::sampleData(kToday, 0);
  ASSERT_EQ(d.sheets.size(), en.sheets.size());
  for (std::size_t i = 0; i < d.sheets.size(); ++i) {
    ASSERT_EQ(d.sheets[i].name, en.sheets[i].name);
    ASSERT_EQ(d.sheets[i].cells.size(), en.sheets[i].cells.size()) << d.sheets[i].name;
    for (std::size_t k = 0; k < d.sheets[i].cells.size(); ++k) {
      const Cell &a = d.sheets[i].cells[k], &b = en.sheets[i].cells[k];
      EXPECT_EQ(a.pos.row, b.pos.row);
      EXPECT_EQ(a.pos.col, b.pos.col);
      EXPECT_EQ(a.kind, b.kind);
      if (a.kind == Cell::Kind::Number) {
        EXPECT_EQ(a.number, b.number);
      }
      // Formulas are the same but for the Complete column's quoted texts.
      if ((a.kind == Cell::Kind::Formula || a.kind == Cell::Kind::ArrayFormula) &&
          a.text.find("COUNTA") == std::string::npos) {
        EXPECT_EQ(a.text, b.text) << d.sheets[i].name;
      }
    }
  }
}

TEST(GoldenDe, NewRegisterReviewActionLog) {
  expectGolden("de/new-register.txt", dump(obj::newRegister(obj::Lang::De)));
  auto reg = sampleRegisterDe(obj::sampleData(kToday, 0, obj::Lang::De));
  ASSERT_EQ(reg.size(), 4u);
  EXPECT_EQ(reg[0].lang, obj::Lang::De);
  std::vector<int> rows(reg.size(), 0);
  for (std::size_t i = 0; i < reg.size(); ++i)
    rows[i] = reg[i].segmentBy.empty() ? 0 : 6 + static_cast<int>(i);
  expectGolden("de/review.txt", dump(obj::review(reg, rows, kToday, 0, "Review 2026-11-25", obj::Lang::De)));
  expectGolden("de/action-log.txt", dump(obj::actionLog(nullptr, reg, kToday, 0, obj::Lang::De)));
}
