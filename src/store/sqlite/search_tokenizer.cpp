#include "store/sqlite/search_tokenizer.hpp"

#include <libstemmer.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "domain/search/model.hpp"

namespace buurtplein::store::sqlite {

namespace {

using domain::search::AppendUtf8;
using domain::search::DecodeUtf8;
using domain::search::IsSeparator;

// U+00C0 … U+017F folded to lower-case ASCII (NFD base letter; ligatures spelled out; × and ÷
// are separators and never reach this table).
constexpr const char* kFold[] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00C0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",  // U+00D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // U+00E0
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",  // U+00F0
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",  // U+0100
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",  // U+0110
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",  // U+0120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // U+0130
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",  // U+0140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  // U+0150
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",  // U+0160
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",  // U+0170
};

// Appends the folded form of one code point.
void FoldInto(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
  } else if (cp >= 0xC0 && cp < 0x180) {
    out += kFold[cp - 0xC0];
  } else if (cp >= 0x300 && cp <= 0x36F) {
    // combining diacritical marks: "e" + U+0301 is "é", folded to "e"
  } else if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) {
    AppendUtf8(out, cp + 0x20);  // Greek capitals
  } else if (cp >= 0x410 && cp <= 0x42F) {
    AppendUtf8(out, cp + 0x20);  // Cyrillic capitals
  } else {
    AppendUtf8(out, cp);
  }
}

// The longest word we stem; longer ones (a URL glued together, a code) are indexed as they are.
constexpr std::size_t kMaxStemBytes = 64;

struct Stemmer {
  sb_stemmer* stemmer = sb_stemmer_new("dutch", "UTF_8");
  ~Stemmer() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }
  std::string_view Stem(const std::string& folded) {
    if (!stemmer || folded.size() > kMaxStemBytes) return folded;
    const sb_symbol* s = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(folded.data()),
                                         static_cast<int>(folded.size()));
    if (!s) return folded;  // out of memory: index the word unstemmed
    return {reinterpret_cast<const char*>(s), static_cast<std::size_t>(sb_stemmer_length(stemmer))};
  }
};

// Calls emit(token, start, end) for each word of `text`; start/end are byte offsets of the
// word in `text` (FTS5 uses them for snippets and highlights).
template <typename Emit>
int ForEachToken(Stemmer& stemmer, std::string_view text, Emit emit) {
  std::size_t pos = 0;
  std::string folded;
  while (pos < text.size()) {
    const std::size_t start = pos;
    auto cp = DecodeUtf8(text, pos);
    if (!cp || IsSeparator(*cp)) continue;
    folded.clear();
    FoldInto(folded, *cp);
    std::size_t end = pos;
    while (pos < text.size()) {
      std::size_t next = pos;
      auto c = DecodeUtf8(text, next);
      if (!c || IsSeparator(*c)) break;
      FoldInto(folded, *c);
      pos = end = next;
    }
    if (folded.empty()) continue;  // only combining marks
    if (int rc = emit(stemmer.Stem(folded), start, end); rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

// --- the FTS5 tokenizer ---------------------------------------------------------------------

int TokCreate(void*, const char**, int, Fts5Tokenizer** out) {
  auto* stemmer = new (std::nothrow) Stemmer();
  if (!stemmer) return SQLITE_NOMEM;
  if (!stemmer->stemmer) {
    delete stemmer;
    return SQLITE_ERROR;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(stemmer);
  return SQLITE_OK;
}

void TokDelete(Fts5Tokenizer* t) { delete reinterpret_cast<Stemmer*>(t); }

int TokTokenize(Fts5Tokenizer* t, void* ctx, int, const char* text, int n,
                int (*token)(void*, int, const char*, int, int, int)) {
  if (n <= 0) return SQLITE_OK;
  auto& stemmer = *reinterpret_cast<Stemmer*>(t);
  try {
    return ForEachToken(stemmer, std::string_view(text, static_cast<std::size_t>(n)),
                        [&](std::string_view tok, std::size_t start, std::size_t end) {
                          return token(ctx, 0, tok.data(), static_cast<int>(tok.size()), static_cast<int>(start),
                                       static_cast<int>(end));
                        });
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  }
}

fts5_api* FtsApi(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, reinterpret_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  return api;
}

int AutoExtension(sqlite3* db, const char** err, const sqlite3_api_routines*) {
  const int rc = RegisterSearchTokenizer(db);
  if (rc != SQLITE_OK && err) *err = sqlite3_mprintf("cannot register the buurtplein_dutch search tokenizer");
  return rc;
}

}  // namespace

std::string FoldWord(std::string_view word) {
  std::string out;
  std::size_t pos = 0;
  while (pos < word.size()) {
    if (auto cp = DecodeUtf8(word, pos)) FoldInto(out, *cp);
  }
  return out;
}

std::vector<std::string> SearchTokens(std::string_view text) {
  Stemmer stemmer;
  std::vector<std::string> out;
  ForEachToken(stemmer, text, [&](std::string_view tok, std::size_t, std::size_t) {
    out.emplace_back(tok);
    return SQLITE_OK;
  });
  return out;
}

int RegisterSearchTokenizer(sqlite3* db) {
  fts5_api* api = FtsApi(db);
  if (!api || api->iVersion < 2) return SQLITE_ERROR;
  fts5_tokenizer tokenizer{TokCreate, TokDelete, TokTokenize};
  return api->xCreateTokenizer(api, "buurtplein_dutch", nullptr, &tokenizer, nullptr);
}

void EnableSearchTokenizer() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_auto_extension(reinterpret_cast<void (*)(void)>(&AutoExtension));
  });
}

}  // namespace buurtplein::store::sqlite
