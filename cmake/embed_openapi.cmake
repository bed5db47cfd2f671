# Writes a C++ source that holds docs/api/openapi.json as one string (the document served at
# /api/v1/openapi.json). Invoked at build time: cmake -DIN=... -DOUT=... -P embed_openapi.cmake
file(READ "${IN}" json)
file(WRITE "${OUT}.tmp"
"// Generated from docs/api/openapi.json by cmake/embed_openapi.cmake.\n"
"namespace buurtplein::http::handlers::api {\n"
"extern const char* const kOpenApiJson;\n"
"const char* const kOpenApiJson = R\"json__(${json})json__\";\n"
"}  // namespace buurtplein::http::handlers::api\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
