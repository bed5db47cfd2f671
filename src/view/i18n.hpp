#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace buurtplein::view {

/// Marks a user-facing string literal for extraction into po/buurtplein.pot; returns it as is.
/// Translation happens when the text is shown, in the reader's language.
constexpr const char* Msg(const char* msgid) { return msgid; }

/// The interface languages. Dutch is the default; English the second language.
enum class Lang { kNl, kEn };
inline constexpr Lang kLangs[] = {Lang::kNl, Lang::kEn};
std::string_view LangCode(Lang lang);
/// Parses "nl"/"en"; false for anything else.
bool ParseLang(std::string_view code, Lang& out);
/// The best language for an Accept-Language header; Dutch when nothing matches.
Lang NegotiateLang(std::string_view accept_language);

/// gettext catalogs loaded from po/<lang>.po. English msgids translate to themselves.
class Catalogs {
 public:
  /// Loads every catalog in `po_dir`; throws std::runtime_error when a file is malformed.
  void Load(const std::string& po_dir);
  /// The translation of `msgid` in `lang`, or `msgid` itself when there is none.
  std::string Translate(Lang lang, const std::string& msgid) const;
  /// Parses the text of one .po file into msgid → msgstr (fuzzy and empty entries skipped).
  static std::unordered_map<std::string, std::string> ParsePo(std::string_view text);

 private:
  std::unordered_map<std::string, std::string> nl_;
};

}  // namespace buurtplein::view
