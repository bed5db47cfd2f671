#pragma once
#include "http/context.hpp"

/// A site's news categories, for its buurtverbinders: the list with rename and delete, and a
/// new one. Routes in the [newsx] block of src/http/routes.cpp.
namespace buurtplein::http::handlers::news {

domain::Result<Response> Categories(Context& ctx);
domain::Result<Response> CreateCategory(Context& ctx);
domain::Result<Response> RenameCategory(Context& ctx);
domain::Result<Response> DeleteCategory(Context& ctx);

}  // namespace buurtplein::http::handlers::news
