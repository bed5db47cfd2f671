-- wrk -s bench/logged_in.lua: checks every response of a run (run.sh uses it for the warmup of
-- the logged-in cases only; the Lua callback per response slows wrk down, so the measured
-- rounds run without it). BENCH_EXPECT is a string the page must contain: the logged-in user's
-- name. Prints "Checked: N responses, M ok" at the end; run.sh counts N - M as errors.
expect = os.getenv("BENCH_EXPECT") or ""
checked = 0
ok = 0

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  checked = checked + 1
  if status == 200 and body:find(expect, 1, true) then ok = ok + 1 end
end

function done(summary, latency, requests)
  local c, k = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("checked")
    k = k + t:get("ok")
  end
  io.write(string.format("Checked: %d responses, %d ok (status 200 and containing %q)\n", c, k, expect))
end
