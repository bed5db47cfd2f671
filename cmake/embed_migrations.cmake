# Writes a C++ source that holds every migration of one engine as (version, name, sql).
# Invoked at build time: cmake -DENGINE=sqlite -DDIR=... -DOUT=... -P embed_migrations.cmake
file(GLOB files "${DIR}/*.sql")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  string(REGEX MATCH "^([0-9]+)_" _ "${name}")
  set(version "${CMAKE_MATCH_1}")
  math(EXPR version "${version} + 0")
  file(READ "${f}" sql)
  string(APPEND body "  {${version}, \"${name}\", R\"sql__(${sql})sql__\"},\n")
endforeach()
file(WRITE "${OUT}.tmp"
"// Generated from src/store/migrations/${ENGINE}/*.sql by cmake/embed_migrations.cmake.\n"
"#include \"store/migrations.hpp\"\n"
"namespace buurtplein::store {\n"
"const std::vector<Migration>& ${ENGINE}_migrations() {\n"
"  static const std::vector<Migration> kMigrations = {\n${body}  };\n"
"  return kMigrations;\n}\n}  // namespace buurtplein::store\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
