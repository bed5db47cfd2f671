#pragma once
#include <string>
#include <string_view>

namespace buurtplein::view {

/// Renders Markdown written by residents (news posts) to HTML with cmark-gfm in safe mode:
/// raw HTML is left out and links or images with javascript:, vbscript:, file: or data: URLs
/// (other than a few image types) lose their URL. GitHub extensions on: tables, autolinks and
/// strikethrough. Safe to call from any thread.
std::string MarkdownToHtml(std::string_view markdown);

/// The text of a Markdown document without markup, shortened to at most `max_chars` code
/// points at a word boundary (with "…" when shortened): for summaries and OpenGraph.
std::string MarkdownSummary(std::string_view markdown, std::size_t max_chars);

}  // namespace buurtplein::view
