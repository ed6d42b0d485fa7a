-- wrk script: rotate over a list of paths and report the result as one JSON line.
--
--   wrk -t2 -c8 -d20s --latency -s bench/report.lua http://127.0.0.1:PORT -- PATHS_FILE [COOKIE]
--
-- PATHS_FILE holds one path per line (/<slug>/sitzungen/<pk>/ ...); every thread walks the
-- whole list from its own starting point, so no single cached row flatters the result.
-- COOKIE (optional) is sent as the Cookie header, e.g. "sessionid=..." for a logged-in view.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      table.insert(paths, line)
    end
  end
  if #paths == 0 then
    error("no paths in " .. args[1])
  end
  if args[2] ~= nil and #args[2] > 0 then
    wrk.headers["Cookie"] = args[2]
  end
  cursor = (id * math.floor(#paths / 2)) % #paths + 1
  responses = 0
  non2xx = 0
end

function request()
  local path = paths[cursor]
  cursor = cursor % #paths + 1
  return wrk.format("GET", path)
end

function response(status, headers, body)
  responses = responses + 1
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total_non2xx, total_responses = 0, 0
  for _, thread in ipairs(threads) do
    total_non2xx = total_non2xx + thread:get("non2xx")
    total_responses = total_responses + thread:get("responses")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "responses": %d, "duration_us": %d, "bytes": %d, ' ..
    '"non2xx": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, ' ..
    '"timeouts": %d, "mean_us": %.1f, "p50_us": %d, "p75_us": %d, "p90_us": %d, ' ..
    '"p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, total_responses, summary.duration, summary.bytes,
    total_non2xx, e.connect, e.read, e.write, e.timeout, latency.mean,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max
  ))
end
