-- Issue 13: wrk script for GET /api/v1/appeals/{id}, signed in. TOKEN (a bearer token from POST
-- /api/v1/auth/login) and IDS ("1-2000": each request asks for the next id of the range, round robin) come
-- from the environment; without IDS it asks for the path given on the command line. Prints its figures as
-- "requests_per_second", "p50_ms", "p99_ms", "max_ms", "errors" lines for bench/get_by_id.sh.
local token = os.getenv("TOKEN") or ""
local first, last = string.match(os.getenv("IDS") or "", "^(%d+)-(%d+)$")
first, last = tonumber(first), tonumber(last)
local next_id = first

wrk.headers["Authorization"] = "Bearer " .. token

request = function()
  if not first then return wrk.format("GET") end
  local id = next_id
  next_id = next_id + 1
  if next_id > last then next_id = first end
  return wrk.format("GET", "/api/v1/appeals/" .. id)
end

-- The figure lines (the `done` that bench/wrk/report.lua defines), from beside this script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
