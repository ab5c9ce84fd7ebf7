// KPISTATUS and SEGMENTS, and the help texts of the four modules.
#include <string>
#include <vector>

#include "test_util.h"

namespace qkpi {
namespace {

using test::Args;
using test::call;
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
      for (const ArgSpec& s : f.args) {
        EXPECT_GT(codePoints(s.description.en), 20u) << f.name << " " << s.name;
        EXPECT_LE(codePoints(s.description.en), 420u) << f.name << " " << s.name;
        EXPECT_LE(codePoints(s.description.de), 420u) << f.name << " " << s.name;
        EXPECT_NE(s.description.en, s.description.de) << f.name << " " << s.name;
        bool requiredText = s.description.en.ends_with("Required.");
        bool optionalText = s.description.en.ends_with("Optional.");
        EXPECT_TRUE(requiredText || optionalText) << f.name << " " << s.name;
        EXPECT_TRUE(s.description.de.ends_with(requiredText ? "Erforderlich." : "Optional."))
            << f.name << " " << s.name;
        if (s.required) {
          EXPECT_TRUE(requiredText) << f.name << " " << s.name;
        }
      }
    }
  }
}

}  // namespace
}  // namespace qkpi
