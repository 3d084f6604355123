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

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests_per_second %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\nmax_ms %.2f\n", latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors %d\n", e.connect + e.read + e.write + e.status + e.timeout))
end
