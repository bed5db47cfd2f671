#pragma once
#include <string>
#include <string_view>

#include "domain/news/model.hpp"
#include "domain/search/indexer.hpp"
#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::search {

/// A news post as the index holds it: placed by its site (the indexer adds city and site
/// path), found from its publication time on, members-only when the post is.
Document NewsDocument(const news::Post& post);

/// Puts every news post of every site (scheduled and members-only ones too); returns how many.
long ReindexNews(Store& store, const sites::Directory& directory, Indexer& indexer);

/// Markdown reduced to its words: markup characters, link targets and HTML tags go.
std::string MarkdownWords(std::string_view markdown);

}  // namespace buurtplein::domain::search
