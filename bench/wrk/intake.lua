-- Issue 13: wrk script for durable intake, POST /api/v1/appeals, signed in. TOKEN (a bearer token from POST
-- /api/v1/auth/login), REGION (a community's id) and CATEGORY (a category's id) come from the environment; each
-- request registers a new anonymous appeal by phone with its own title, as bench/load_client.cpp --mode intake
-- does. Prints the same figure lines as get_by_id.lua (an answer of 400 or above counts among the errors).
local token = os.getenv("TOKEN") or ""
local region = os.getenv("REGION") or "0"
local category = os.getenv("CATEGORY") or "0"
local n = 0

wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Content-Type"] = "application/json"

request = function()
  n = n + 1
  local body = '{"title":"压测诉求 ' .. n .. '","content":"负载测试：小区路灯损坏，夜间出行不便，请尽快维修。",' ..
               '"channel":"phone","region_id":' .. region .. ',"category_id":' .. category ..
               ',"appellant":{"anonymous":true}}'
  return wrk.format("POST", "/api/v1/appeals", nil, body)
end

-- The figure lines (the `done` that bench/wrk/report.lua defines), from beside this script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "report.lua")
