// KPISTATUS and SEGMENTS, the help texts of the four modules, the argument
// kinds and their validators, and the register facts of the function table.
#include "kpi/targets.h"

#include <optional>
#include <string>
#include <vector>

#include "kpi/arg_kinds.h"
#include "kpi/common_args.h"
#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;
using test::call;
using test::number;
using test::text;

std::u16string str(const char16_t* s) {
  return s;
}

std::u16string status(Args& a, Arg actual, double target, Arg direction = {}, Arg amber = {}) {
  return text(call("KPISTATUS", {std::move(actual), a.num(target), std::move(direction), std::move(amber)}));
}

TEST(KpiStatus, HigherIsBetter) {
  Args a;
  EXPECT_EQ(status(a, a.num(0.96), 0.95), u"GREEN");
  EXPECT_EQ(status(a, a.num(0.95), 0.95), u"GREEN");  // exactly at Target
  EXPECT_EQ(status(a, a.num(0.94), 0.95), u"RED");    // no Amber: no AMBER
  EXPECT_EQ(status(a, a.num(0.94), 0.95, {}, a.num(0.9)), u"AMBER");
  EXPECT_EQ(status(a, a.num(0.9), 0.95, {}, a.num(0.9)), u"AMBER");  // exactly at Amber
  EXPECT_EQ(status(a, a.num(0.89), 0.95, {}, a.num(0.9)), u"RED");
  EXPECT_EQ(status(a, a.num(0.97), 0.95, a.text(u"higher"), a.num(0.9)), u"GREEN");
  EXPECT_EQ(status(a, a.num(0.94), 0.95, a.text(u"HIGHER"), a.num(0.9)), u"AMBER");
  // Amber equal to Target: no amber band.
  EXPECT_EQ(status(a, a.num(0.94), 0.95, {}, a.num(0.95)), u"RED");
  // An empty cell as Actual arrives as 0: a real 0.
  EXPECT_EQ(status(a, a.num(0), 0.95, {}, a.num(0.9)), u"RED");
  EXPECT_EQ(status(a, a.num(-1), -2), u"GREEN");
}

TEST(KpiStatus, LowerIsBetter) {
  Args a;
  EXPECT_EQ(status(a, a.num(3), 5, a.text(u"lower")), u"GREEN");
  EXPECT_EQ(status(a, a.num(5), 5, a.text(u"Lower")), u"GREEN");
  EXPECT_EQ(status(a, a.num(6), 5, a.text(u"LOWER")), u"RED");
  EXPECT_EQ(status(a, a.num(6), 5, a.text(u"lower"), a.num(7)), u"AMBER");
  EXPECT_EQ(status(a, a.num(7), 5, a.text(u"lower"), a.num(7)), u"AMBER");
  EXPECT_EQ(status(a, a.num(7.01), 5, a.text(u"lower"), a.num(7)), u"RED");
  EXPECT_EQ(status(a, a.num(0), 0, a.text(u"lower")), u"GREEN");
}

TEST(KpiStatus, ComparesLikeCalc) {
  Args a;
  // 0.7 - 0.4 is 0.29999999999999993: Calc shows and compares it as 0.3.
  EXPECT_EQ(status(a, a.num(0.7 - 0.4), 0.3), u"GREEN");
  EXPECT_EQ(status(a, a.num(0.1 + 0.2), 0.3, a.text(u"lower")), u"GREEN");
  // A real difference is not rounded away.
  EXPECT_EQ(status(a, a.num(0.2999999), 0.3), u"RED");
}

TEST(KpiStatus, Grey) {
  Args a;
  EXPECT_EQ(status(a, a.text(u""), 0.95), u"GREY");
  EXPECT_EQ(status(a, a.text(u""), 5, a.text(u"lower"), a.num(7)), u"GREY");
  EXPECT_EQ(status(a, a.block({{u""}}), 0.95), u"GREY");
  EXPECT_EQ(status(a, a.block({{Args::empty()}}), 0.95), u"GREY");
}

TEST(KpiStatus, Errors) {
  Args a;
  // Actual: another text, a range, omitted.
  EXPECT_ARG_ERROR(status(a, a.text(u"n/a"), 0.95));
  EXPECT_ARG_ERROR(status(a, a.text(u" "), 0.95));
  EXPECT_ARG_ERROR(status(a, a.column({0.9, 0.8}), 0.95));
  EXPECT_ARG_ERROR(call("KPISTATUS", {Arg::omitted(), a.num(0.95)}));
  // Target missing, "" or text.
  EXPECT_ARG_ERROR(call("KPISTATUS", {a.num(0.9)}));
  EXPECT_ARG_ERROR(call("KPISTATUS", {a.num(0.9), a.text(u"")}));
  EXPECT_ARG_ERROR(call("KPISTATUS", {a.num(0.9), a.text(u"95%")}));
  // Direction: another text or a number.
  EXPECT_ARG_ERROR(status(a, a.num(0.9), 0.95, a.text(u"up")));
  EXPECT_ARG_ERROR(status(a, a.num(0.9), 0.95, a.text(u"higher ")));
  EXPECT_ARG_ERROR(status(a, a.num(0.9), 0.95, a.num(1)));
  // Amber on the wrong side of Target, also when Actual is "".
  EXPECT_ARG_ERROR(status(a, a.num(0.9), 0.95, {}, a.num(0.97)));
  EXPECT_ARG_ERROR(status(a, a.num(6), 5, a.text(u"lower"), a.num(4)));
  EXPECT_ARG_ERROR(status(a, a.text(u""), 0.95, {}, a.num(0.97)));
  EXPECT_ARG_ERROR(status(a, a.text(u""), 0.95, a.text(u"sideways")));
  EXPECT_ARG_ERROR(status(a, a.num(0.9), 0.95, {}, a.text(u"amber")));
}

TEST(Segments, DistinctValuesSorted) {
  Args a;
  Value v = call("SEGMENTS", {a.column({u"beta", 20.0, u" Alpha", 3.0, Args::empty(), u" ", u"ALPHA", 1001.0,
                                        u"1001", u"ärzte", u"ÄRZTE", u"", u"Beta "})});
  ASSERT_TRUE(std::holds_alternative<Matrix>(v));
  const Matrix& m = std::get<Matrix>(v);
  ASSERT_EQ(m.cols, 1u);
  std::vector<OutCell> expected = {3.0, 20.0, 1001.0, str(u"Alpha"), str(u"beta"), str(u"ärzte")};
  ASSERT_EQ(m.rows, expected.size());
  for (std::size_t r = 0; r < m.rows; ++r) EXPECT_EQ(m.at(r, 0), expected[r]) << "row " << r;
}

TEST(Segments, SingleValueAndErrors) {
  Args a;
  Value one = call("SEGMENTS", {a.text(u"ACME")});
  ASSERT_TRUE(std::holds_alternative<Matrix>(one));
  EXPECT_EQ(std::get<Matrix>(one).rows, 1u);
  EXPECT_EQ(std::get<Matrix>(one).at(0, 0), OutCell(str(u"ACME")));
  EXPECT_NA(call("SEGMENTS", {a.column({u"", Args::empty(), u"\u00A0"})}));
  EXPECT_ARG_ERROR(call("SEGMENTS", {}));
  EXPECT_ARG_ERROR(call("SEGMENTS", {a.text(u"")}));
  EXPECT_ARG_ERROR(call("SEGMENTS", {a.block({{u"a", u"b"}, {u"c", u"d"}})}));
  EXPECT_ARG_ERROR(call("SEGMENTS", {a.row({u"a", u"b"})}));
}

TEST(TargetFunctions, Specs) {
  auto fs = targetFunctions();
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].name, "KPISTATUS");
  EXPECT_EQ(fs[1].name, "SEGMENTS");
  ASSERT_EQ(fs[0].args.size(), 4u);
  EXPECT_EQ(fs[0].args[0].name, "Actual");
  EXPECT_EQ(fs[0].args[1].name, "Target");
  EXPECT_EQ(fs[0].args[2].name, "Direction");
  EXPECT_EQ(fs[0].args[3].name, "Amber");
  EXPECT_TRUE(fs[0].args[1].required);
  ASSERT_EQ(fs[1].args.size(), 1u);
  EXPECT_EQ(fs[1].args[0].name, "Segments");
  EXPECT_TRUE(fs[1].args[0].required);
  for (const FunctionSpec& f : fs) {
    EXPECT_FALSE(f.needsDocument);
    for (const ArgSpec& s : f.args) EXPECT_EQ(s.type, ArgType::Any);
  }
  EXPECT_FALSE(fs[0].arrayResult);
  EXPECT_TRUE(fs[1].arrayResult);
}

// Code points of UTF-8 text.
std::size_t codePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(HelpTexts, PresentInBothLanguagesAndShort) {
  for (auto module : {deliveryFunctions(), qualityFunctions(), targetFunctions()}) {
    for (const FunctionSpec& f : module) {
      for (const LocalText* t : {&f.description}) {
        EXPECT_GT(codePoints(t->en), 40u) << f.name;
        EXPECT_GT(codePoints(t->de), 40u) << f.name;
        EXPECT_LE(codePoints(t->en), 420u) << f.name;
        EXPECT_LE(codePoints(t->de), 420u) << f.name;
        EXPECT_NE(t->en, t->de) << f.name;
        EXPECT_NE(t->en.find("Errors:"), std::string_view::npos) << f.name;
        EXPECT_NE(t->de.find("Fehler:"), std::string_view::npos) << f.name;
      }
      for (std::size_t i = 0; i < f.args.size(); ++i) {
        const ArgSpec& s = f.args[i];
        const std::string en = argumentDescription(f, i, "en"), de = argumentDescription(f, i, "de");
        EXPECT_GT(codePoints(en), 20u) << f.name << " " << s.name;
        EXPECT_LE(codePoints(en), 420u) << f.name << " " << s.name;
        EXPECT_LE(codePoints(de), 420u) << f.name << " " << s.name;
        EXPECT_NE(en, de) << f.name << " " << s.name;
        bool requiredText = en.ends_with("Required.");
        bool optionalText = en.ends_with("Optional.");
        EXPECT_TRUE(requiredText || optionalText) << f.name << " " << s.name;
        EXPECT_TRUE(de.ends_with(requiredText ? "Erforderlich." : "Optional.")) << f.name << " " << s.name;
        if (s.required) {
          EXPECT_TRUE(requiredText) << f.name << " " << s.name;
        }
      }
    }
  }
}

// The words "Required." / "Optional." come from ArgSpec::required alone: no
// fragment writes them, and every argument's text ends with the right one.
TEST(HelpTexts, RequiredWordingIsDerivedFromTheFlag) {
  for (const FunctionSpec& f : functionTable()) {
    for (std::size_t i = 0; i < f.args.size(); ++i) {
      const ArgSpec& a = f.args[i];
      for (const LocalText* t : {&a.common, &a.description})
        for (std::string_view w : {"Required", "Optional", "Erforderlich"}) {
          EXPECT_EQ(t->en.find(w), std::string_view::npos) << f.name << " " << a.name;
          EXPECT_EQ(t->de.find(w), std::string_view::npos) << f.name << " " << a.name;
        }
      EXPECT_EQ(argumentDescription(f, i, "en").ends_with(a.required ? " Required." : " Optional."), true)
          << f.name << " " << a.name;
      EXPECT_EQ(argumentDescription(f, i, "de").ends_with(a.required ? " Erforderlich." : " Optional."), true)
          << f.name << " " << a.name;
    }
  }
  // KPISTATUS: Actual is required, though "" is a value (GREY).
  const FunctionSpec& status = *findFunction("KPISTATUS");
  EXPECT_TRUE(status.args[0].required);
  EXPECT_TRUE(argumentDescription(status, 0, "en").ends_with("Required."));
  Args a;
  EXPECT_EQ(text(call("KPISTATUS", {a.text(u""), a.num(0.9)})), u"GREY");
  EXPECT_ARG_ERROR(call("KPISTATUS", {Arg::omitted(), a.num(0.9)}));
}

// What the Function Wizard shows fits in it: Calc 7.4 cuts a function's
// description after about two lines and an argument's after one line with "…"
// (kWizard...Chars, measured: docs/img/function-wizard.png). The full texts
// (description, argumentHelp) go to the help pages and docs/functions.md.
TEST(HelpTexts, FitTheWizard) {
  for (const FunctionSpec& f : functionTable()) {
    for (std::string_view lang : {"en", "de"}) {
      const std::string_view summary = functionSummary(f, lang);
      EXPECT_GT(codePoints(summary), 30u) << f.name << " " << lang;
      EXPECT_LE(codePoints(summary), kWizardFunctionChars) << f.name << " " << lang << ": " << summary;
      EXPECT_EQ(summary.find('\n'), std::string_view::npos) << f.name;
      EXPECT_GT(codePoints(f.description.in(lang)), codePoints(summary)) << f.name << " " << lang;
      for (std::size_t i = 0; i < f.args.size(); ++i) {
        const ArgSpec& a = f.args[i];
        EXPECT_FALSE(a.summary.in(lang).empty()) << f.name << " " << a.name << " " << lang;
        const std::string wizard = argumentDescription(f, i, lang);
        EXPECT_LE(codePoints(wizard), kWizardArgumentChars)
            << f.name << " " << a.name << " " << lang << ": " << wizard;
        EXPECT_EQ(wizard.find('\n'), std::string::npos) << f.name << " " << a.name;
        // the help page's text keeps every detail: it is never shorter than the wizard's
        EXPECT_GE(codePoints(argumentHelp(f, i, lang)), codePoints(wizard)) << f.name << " " << a.name;
      }
    }
    EXPECT_NE(f.summary.en, f.summary.de) << f.name;
  }
}

// The common arguments share one text in every module.
TEST(HelpTexts, CommonArgumentsShareTheirFragments) {
  std::size_t seen = 0;
  for (const FunctionSpec& f : functionTable())
    for (const ArgSpec& a : f.args) {
      if (a.kind != ArgKind::Segments && a.kind != ArgKind::Segment && a.name != "From" && a.name != "To" &&
          a.kind != ArgKind::Columns)
        continue;
      if (f.name == "SEGMENTS") continue;  // its Segments is the data itself
      const LocalText& want = a.name == "Segments"  ? common_args::kSegments
                              : a.name == "Segment" ? common_args::kSegment
                              : a.name == "From"    ? common_args::kFrom
                              : a.name == "To"      ? common_args::kTo
                                                    : common_args::kColumns;
      EXPECT_EQ(a.common.en, want.en) << f.name << " " << a.name;
      EXPECT_EQ(a.common.de, want.de) << f.name << " " << a.name;
      ++seen;
    }
  EXPECT_GT(seen, 50u);
}

// Argument kinds: one per argument, and the register-relevant ones by name.
TEST(ArgKinds, EveryArgumentHasTheKindItsValidatorReads) {
  auto kindByName = [](const ArgSpec& a) -> std::optional<ArgKind> {
    if (a.type == ArgType::Table) return ArgKind::Table;
    for (std::string_view d : {"From", "To", "AsOf", "Start", "End"})
      if (a.name == d) return ArgKind::Date;
    for (std::string_view c : {"EarlyDays", "LateDays", "Days"})
      if (a.name == c) return ArgKind::Count;
    if (a.name == "Columns") return ArgKind::Columns;
    if (a.name == "Weekend") return ArgKind::Weekend;
    if (a.name == "Holidays") return ArgKind::Holidays;
    return std::nullopt;
  };
  for (const FunctionSpec& f : functionTable())
    for (const ArgSpec& a : f.args) {
      if (auto k = kindByName(a)) {
        EXPECT_EQ(a.kind, *k) << f.name << " " << a.name;
      }
    }
  EXPECT_EQ(findFunction("OTIF")->args[7].kind, ArgKind::Fraction);
  EXPECT_EQ(findFunction("TURNAROUNDDAYS")->args[5].kind, ArgKind::Percentile);
  EXPECT_EQ(findFunction("KPISTATUS")->args[2].kind, ArgKind::Direction);
}

// checkArgument() is the functions' own validator: what it rejects, the
// function rejects (Err:502), and the other way round.
TEST(ArgKinds, CheckArgumentAgreesWithTheFunctions) {
  Args a;
  const Context ctx;
  auto ok = [&](ArgKind k, const Arg& v) {
    try {
      checkArgument(k, v, ctx, "x");
      return true;
    } catch (const ArgumentError&) {
      return false;
    }
  };
  EXPECT_TRUE(ok(ArgKind::Count, a.num(0)));
  EXPECT_FALSE(ok(ArgKind::Count, a.num(-1)));
  EXPECT_FALSE(ok(ArgKind::Count, a.text(u"2")));
  EXPECT_TRUE(ok(ArgKind::Fraction, a.num(1)));
  EXPECT_FALSE(ok(ArgKind::Fraction, a.num(1.5)));
  EXPECT_FALSE(ok(ArgKind::Percentile, a.num(0)));
  EXPECT_TRUE(ok(ArgKind::Percentile, a.num(1)));
  EXPECT_TRUE(ok(ArgKind::Weekend, a.text(u"0000011")));
  EXPECT_FALSE(ok(ArgKind::Weekend, a.text(u"1111111")));
  EXPECT_TRUE(ok(ArgKind::Weekend, a.num(17)));
  EXPECT_FALSE(ok(ArgKind::Weekend, a.num(8)));
  EXPECT_TRUE(ok(ArgKind::Holidays, a.row({u"2026-12-25", u"2026-12-26"})));
  EXPECT_FALSE(ok(ArgKind::Holidays, a.row({u"Christmas"})));
  EXPECT_TRUE(ok(ArgKind::Date, a.text(u"2026-01-01")));
  EXPECT_FALSE(ok(ArgKind::Date, a.text(u"2026-02-30")));
  EXPECT_TRUE(ok(ArgKind::Columns, a.num(3)));
  EXPECT_FALSE(ok(ArgKind::Columns, a.num(0)));
  EXPECT_FALSE(ok(ArgKind::Columns, a.num(1.5)));
  EXPECT_TRUE(ok(ArgKind::Direction, a.text(u"LOWER")));
  EXPECT_FALSE(ok(ArgKind::Direction, a.text(u"up")));
  EXPECT_TRUE(ok(ArgKind::Actual, a.text(u"")));
  EXPECT_FALSE(ok(ArgKind::Actual, a.text(u"n/a")));
  // The same values through the functions.
  auto lines = [&] { return a.table({{46000, 46000, 10, 10}}); };
  EXPECT_ARG_ERROR(call("OTIF", {lines(), {}, {}, {}, {}, {}, a.num(-1)}));
  EXPECT_ARG_ERROR(call("OTIF", {lines(), {}, {}, {}, {}, {}, {}, a.num(1.5)}));
  EXPECT_EQ(number(call("OTIF", {lines(), {}, {}, {}, {}, {}, a.num(0), a.num(1)})), 1.0);
  auto turn = [&] { return a.table({{46000, 46001}}); };
  EXPECT_ARG_ERROR(call("TURNAROUNDDAYS", {turn(), {}, {}, {}, {}, a.num(0)}));
  EXPECT_ARG_ERROR(call("TURNAROUND", {turn(), {}, {}, {}, {}, {}, a.text(u"1111111")}));
  EXPECT_ARG_ERROR(call("TURNAROUND", {turn(), {}, {}, {}, {}, a.num(-1)}));
  EXPECT_ARG_ERROR(call("KPISTATUS", {a.num(1), a.num(0.9), a.text(u"up")}));
}

TEST(KpiStatusRules, DirectionAndAmberSide) {
  Args a;
  EXPECT_EQ(readDirection(Arg::omitted()), Direction::Higher);
  EXPECT_EQ(readDirection(a.text(u"")), Direction::Higher);
  EXPECT_EQ(readDirection(a.text(u"Lower")), Direction::Lower);
  EXPECT_EQ(readDirection(a.text(u"HIGHER")), Direction::Higher);
  EXPECT_ARG_ERROR(readDirection(a.text(u"up")));
  EXPECT_ARG_ERROR(readDirection(a.num(1)));
  EXPECT_NO_THROW(checkAmberSide(0.9, 0.95, Direction::Higher));
  EXPECT_NO_THROW(checkAmberSide(0.95, 0.95, Direction::Higher));
  EXPECT_ARG_ERROR(checkAmberSide(0.96, 0.95, Direction::Higher));
  EXPECT_NO_THROW(checkAmberSide(120, 100, Direction::Lower));
  EXPECT_ARG_ERROR(checkAmberSide(90, 100, Direction::Lower));
}

// The register KPIs and their facts.
TEST(KpiFactsTable, RegisterKpisAndTheirFacts) {
  std::vector<std::string> kpis;
  for (const FunctionSpec& f : functionTable())
    if (f.kpi) kpis.emplace_back(f.name);
  EXPECT_EQ(kpis, (std::vector<std::string>{"OTIF", "ONTIME", "INFULL", "OTIFQTY", "OTIFORDERS", "RFT",
                                            "RFTJOBS", "RTY", "RETURNS", "TURNAROUND", "TURNAROUNDDAYS"}));
  for (const FunctionSpec& f : functionTable()) {
    if (!f.kpi) continue;
    const KpiFacts& k = *f.kpi;
    SCOPED_TRACE(std::string(f.name));
    EXPECT_FALSE(k.label.en.empty());
    EXPECT_FALSE(k.label.de.empty());
    EXPECT_GT(codePoints(k.proposedAction.en), 40u);
    EXPECT_GT(codePoints(k.proposedAction.de), 40u);
    EXPECT_NE(k.proposedAction.en, k.proposedAction.de);
    if (k.byFunction.empty()) {
      EXPECT_TRUE(k.segmentColumns.empty());
      continue;
    }
    const FunctionSpec* by = findFunction(k.byFunction);
    ASSERT_NE(by, nullptr);
    EXPECT_TRUE(by->arrayResult);
    EXPECT_EQ(by->kpi, nullptr);  // a ...BY function is no register KPI
    // Segments follows the data (and OTIFORDERSBY's Orders), required.
    const std::size_t seg = f.name == "OTIFORDERS" ? 2 : 1;
    EXPECT_EQ(by->args[seg].kind, ArgKind::Segments);
    EXPECT_TRUE(by->args[seg].required);
    ASSERT_FALSE(k.segmentColumns.empty());
    EXPECT_EQ(k.segmentColumns[0].en, "Segment");
    for (const LocalText& c : k.segmentColumns) EXPECT_FALSE(c.de.empty());
  }
  EXPECT_EQ(findFunction("RETURNS")->kpi->measure, MeasureKind::Amount);
  EXPECT_TRUE(findFunction("RETURNS")->kpi->reductionWithBaseline);
  EXPECT_EQ(findFunction("TURNAROUNDDAYS")->kpi->measure, MeasureKind::Days);
  EXPECT_EQ(findFunction("OTIF")->kpi->measure, MeasureKind::Ratio);
  EXPECT_EQ(findFunction("RFTJOBS")->kpi->label.en, "RFT (jobs)");
}

// Each ...BY result has exactly as many columns as its KPI's segment headers.
TEST(KpiFactsTable, SegmentColumnsMatchTheByResults) {
  Args a;
  auto width = [&](const char* by, Arg data) {
    Value v = call(by, {std::move(data), a.column({u"x"})});
    return std::get<Matrix>(v).cols;
  };
  EXPECT_EQ(width("OTIFBY", a.table({{46000, 46000, 10, 10}})),
            findFunction("OTIF")->kpi->segmentColumns.size());
  EXPECT_EQ(width("RFTBY", a.table({{9, 10}})), findFunction("RFT")->kpi->segmentColumns.size());
  EXPECT_EQ(width("RFTJOBSBY", a.block({{u"1"}})), findFunction("RFTJOBS")->kpi->segmentColumns.size());
  EXPECT_EQ(width("RETURNSBY", a.table({{46000, 10}})), findFunction("RETURNS")->kpi->segmentColumns.size());
  EXPECT_EQ(width("TURNAROUNDBY", a.table({{46000, 46001}})),
            findFunction("TURNAROUND")->kpi->segmentColumns.size());
}

}  // namespace
}  // namespace qkpi
