// The catalogue of the workflow's texts (objectives/texts.h) and the reading of
// registers and action logs made in the other language.
#include "objectives/texts.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <stdexcept>
#include <string>

#include "objectives/objectives.h"
#include "objectives_test_util.h"

namespace obj = qkpi::objectives;
using obj::Lang;

namespace {

std::multiset<std::string> placeholders(std::string_view s) {
  std::multiset<std::string> r;
  static const std::regex k(R"(\{[1-9]\})");
  const std::string t(s);
  for (auto it = std::sregex_iterator(t.begin(), t.end(), k); it != std::sregex_iterator(); ++it)
    r.insert(it->str());
  return r;
}

TEST(Catalogue, EveryKeyHasBothLanguagesAndTheSamePlaceholders) {
  std::set<std::string_view> keys;
  ASSERT_GT(obj::catalogue().size(), 200u);
  for (const obj::CatalogueEntry& e : obj::catalogue()) {
    EXPECT_FALSE(e.en.empty());
    EXPECT_FALSE(e.de.empty()) << e.en;
    EXPECT_TRUE(keys.insert(e.en).second) << "twice: " << e.en;
    EXPECT_EQ(placeholders(e.en), placeholders(e.de)) << e.en;
    EXPECT_EQ(obj::tr(Lang::En, e.en), e.en);
    EXPECT_EQ(obj::tr(Lang::De, e.en), e.de);
  }
}

TEST(Catalogue, UnknownKeyIsAProgrammingErrorAndArgumentsAreReplaced) {
  EXPECT_THROW(obj::tr(Lang::En, "no such text in the catalogue"), std::logic_error);
  EXPECT_EQ(obj::trf(Lang::De, "{1} row {2}", {"Objectives", "4"}), "Objectives Zeile 4");
  EXPECT_EQ(obj::trf(Lang::En, "{1} row {2}", {"Objectives", "4"}), "Objectives row 4");
  EXPECT_EQ(obj::langOfLocale("de-DE"), Lang::De);
  EXPECT_EQ(obj::langOfLocale("de_AT.UTF-8"), Lang::De);
  EXPECT_EQ(obj::langOfLocale("de"), Lang::De);
  EXPECT_EQ(obj::langOfLocale("dea"), Lang::En);
  EXPECT_EQ(obj::langOfLocale("en-US"), Lang::En);
  EXPECT_EQ(obj::langOfLocale(""), Lang::En);
}

TEST(Catalogue, GermanHeadersDifferFromEnglishWhereTheWordsDiffer) {
  const auto& en = obj::registerHeaders(Lang::En);
  const auto& de = obj::registerHeaders(Lang::De);
  ASSERT_EQ(en.size(), de.size());
  EXPECT_EQ(de[1], "Ziel");
  EXPECT_EQ(de[2], "Kennzahl");
  EXPECT_EQ(obj::actionLogHeaders(Lang::De)[2], "Feststellung");
  // No German header is another column's English one.
  for (std::size_t i = 0; i < de.size(); ++i)
    for (std::size_t j = 0; j < en.size(); ++j)
      if (i != j) {
        EXPECT_NE(obj::registerHeaders(Lang::De)[i], en[j]);
      }
}

// A register made in English, read by a German office, and the other way round.
TEST(CrossLanguage, RegisterAndActionLogAreReadInEitherLanguage) {
  constexpr long kToday = 46351;
  for (Lang made : {Lang::En, Lang::De})
    for (Lang ui : {Lang::En, Lang::De}) {
      auto d = obj::sampleData(kToday, 0, made);
      auto reg = obj::readRegister(obj::test::tableOf(obj::test::sheetNamed(d, "Objectives")), ui);
      ASSERT_EQ(reg.size(), 4u);
      EXPECT_EQ(reg[0].lang, made);
      EXPECT_EQ(reg[1].kpi, "OTIF");
      for (auto& o : reg) o.status = "RED";
      // A log made in `made`, extended from a `ui` office: the new rows keep the log's language.
      const auto log = obj::actionLog(nullptr, {reg[0]}, kToday, 0, made);
      obj::Table existing = obj::test::tableOf(log);
      const auto more = obj::actionLog(&existing, reg, kToday, 0, ui);
      ASSERT_FALSE(more.cells.empty());
      bool statusSeen = false;
      for (const auto& c : more.cells) {
        EXPECT_GE(c.pos.row, 2);  // row 1 (Q-01) has an open action: nothing before row 3
        if (c.kind == qkpi::sheet::Cell::Kind::Text && c.text == obj::tr(made, "Open")) statusSeen = true;
      }
      EXPECT_TRUE(statusSeen);
      // The open action of the first log counts in either language.
      EXPECT_TRUE(obj::isOpenAction(obj::tr(made, "Open")));
    }
  EXPECT_TRUE(obj::isOpenAction(" in bearbeitung "));
  EXPECT_FALSE(obj::isOpenAction("Erledigt"));
}

TEST(CrossLanguage, MissingHeaderIsNamedInTheUiLanguage) {
  obj::Table t(1);
  for (const auto& h : obj::registerHeaders(Lang::En)) t[0].emplace_back(h);
  t[0][2] = std::string("Kennziffer");
  const std::string de = obj::test::userError([&] { obj::readRegister(t, Lang::De); });
  EXPECT_NE(de.find("\"Kennzahl\""), std::string::npos) << de;
  EXPECT_NE(de.find("keine Spalte"), std::string::npos) << de;
  const std::string en = obj::test::userError([&] { obj::readRegister(t, Lang::En); });
  EXPECT_NE(en.find("has no \"KPI\" column"), std::string::npos) << en;
}

}  // namespace
