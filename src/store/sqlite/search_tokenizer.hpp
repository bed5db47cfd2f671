#pragma once
#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

namespace buurtplein::store::sqlite {

/// Lower case with accents folded, UTF-8 aware: "Café" → "cafe", "IDEEËN" → "ideeen",
/// "Ĳs" → "ijs", "Straße" → "strasse"; combining accents are dropped. Letters outside Latin
/// are kept as they are.
std::string FoldWord(std::string_view word);

/// What the "buurtplein_dutch" tokenizer makes of a text: its words, folded and stemmed with
/// the Snowball Dutch stemmer ("bibliotheken" → "bibliothek"). For tests and diagnostics.
std::vector<std::string> SearchTokens(std::string_view text);

/// Registers the "buurtplein_dutch" FTS5 tokenizer on one connection; an SQLite result code.
int RegisterSearchTokenizer(sqlite3* db);

/// From now on every SQLite connection this process opens has the tokenizer (an SQLite
/// auto-extension), so the search index can be read and written on any of them. Idempotent.
void EnableSearchTokenizer();

}  // namespace buurtplein::store::sqlite
