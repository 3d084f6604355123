-- Issue 13: wrk script that only prints the figures, for the bare server; get_by_id.lua and intake.lua load it
-- for the same lines: requests_per_second, p50_ms, p99_ms, max_ms, errors.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests_per_second %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\nmax_ms %.2f\n", latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors %d\n", e.connect + e.read + e.write + e.status + e.timeout))
end
