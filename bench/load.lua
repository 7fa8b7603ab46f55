-- Fifty phones for wrk (bench/load.py runs it): one wrk thread per phone and one
-- connection per thread (wrk -tN -cN), so each phone sends its requests one after the
-- other, as a phone does, and can read an answer before it writes.
--
-- Each phone is a patient with its own token and 30 logged days (LOAD_PHONES_FILE).
-- Weighted operations:
--   list   30  GET  /api/v1/entries/?page_size=50
--   create 20  POST /api/v1/entries/ on a date this phone has not used
--   edit   20  GET  /api/v1/entries/{id}/ ("read"), then PUT it with the version read
--              ("put"); one edit in ten instead PUTs a changed body with an older version
--              ("put_stale": a 409 is the intended answer); one in four of the others
--              sends the identical PUT again, as a phone retrying after a lost answer
--              ("put_retry": 200, version unchanged)
--   sync   10  POST /api/v1/sync/ with 20 new entries and the last cursor
--   flags  20  GET  /api/v1/flags/
-- Every answer is timed with the monotonic clock and checked (status, and the version or
-- the sync results where they matter). done() writes one line per answer to
-- LOAD_RECORDS_FILE: "<op> <status> <microseconds> <1 if as expected, else 0>".

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } load_timespec;
int clock_gettime(int clock_id, load_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local clock = ffi.new("load_timespec[1]")

local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock[0].tv_sec) * 1000000 + tonumber(clock[0].tv_nsec) / 1000
end

-- Main state: hand each thread its phone number, and collect the records at the end.
local threads = {}

function setup(thread)
  thread:set("phone_index", #threads)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("LOAD_RECORDS_FILE"), "w"))
  for _, thread in ipairs(threads) do
    local records = thread:get("records")
    for _, line in ipairs(records) do
      out:write(line, "\n")
    end
    -- A request sent when time ran out, without an answer: the server may have done it.
    local pending = thread:get("pending_op")
    if pending and pending ~= "" then
      out:write("pending ", pending, "\n")
    end
  end
  local e = summary.errors
  out:write(string.format("socket_errors %d %d %d %d\n", e.connect, e.read, e.write, e.timeout))
  out:write(string.format("duration_us %d\n", summary.duration))
  out:close()
end

-- Thread state: one phone.
records = {}
pending_op = ""
local entries = {}
local queue = {}
local current = nil
local cursor = "null"
local next_offset = 31 -- days back; the seeded days are 1..30
local base_time = os.time()

local SYMPTOMS = '[{"region":"sole","side":"left","pain":%d,"numbness":true,'
  .. '"qualities":["burning"]},{"region":"calf","side":"left","pain":4,"tingling":true},'
  .. '{"region":"thigh_back","side":"left","pain":3},'
  .. '{"region":"lower_back","side":"center","pain":3}]'
local REST = '"signs":[{"code":"toe_stand_difficulty","side":"left"}],"footwear":["regular"],'
  .. '"sitting_hours":6.5,"walking_minutes":30,'
  .. '"medications":[{"name":"ibuprofen","dose":"400 mg","times":2}],"sleep_quality":6'

local function entry_json(fields)
  local parts = {}
  if fields.id then table.insert(parts, '"id":"' .. fields.id .. '"') end
  if fields.version then table.insert(parts, '"version":' .. fields.version) end
  table.insert(parts, '"date":"' .. fields.date .. '"')
  table.insert(parts, '"symptoms":' .. string.format(SYMPTOMS, fields.pain))
  table.insert(parts, REST)
  table.insert(parts, '"notes":"' .. (fields.notes or "load test") .. '"')
  return "{" .. table.concat(parts, ",") .. "}"
end

local function new_date()
  local date = os.date("!%Y-%m-%d", base_time - next_offset * 86400)
  next_offset = next_offset + 1
  return date
end

local function uuid4()
  local r = math.random
  return string.format("%04x%04x-%04x-4%03x-%04x-%04x%04x%04x",
    r(0, 0xffff), r(0, 0xffff), r(0, 0xffff), r(0, 0xfff), r(0x8000, 0xbfff),
    r(0, 0xffff), r(0, 0xffff), r(0, 0xffff))
end

local function other_pain(pain)
  return (pain + math.random(1, 10)) % 11
end

local function version_of(body)
  return tonumber(body:match('"version":%s*(%d+)'))
end

function init(args)
  local token = nil
  for line in io.lines(os.getenv("LOAD_PHONES_FILE")) do
    local kind, index, a, b = line:match("^(%S+) (%d+) (%S+) ?(%S*)$")
    if tonumber(index) == phone_index then
      if kind == "phone" then
        token = a
      elseif kind == "entry" then
        table.insert(entries, { id = a, date = b, pain = 5 })
      end
    end
  end
  assert(token, "no token for phone " .. tostring(phone_index))
  wrk.headers["Authorization"] = "Token " .. token
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  -- As the TLS-terminating proxy in front of production says.
  wrk.headers["X-Forwarded-Proto"] = "https"
  math.randomseed(os.time() + phone_index * 7919)
end

local function put_step(entry, version, op, expect, pain, check)
  return {
    op = op, method = "PUT", path = "/api/v1/entries/" .. entry.id .. "/", expect = expect,
    body = entry_json({ id = entry.id, version = version, date = entry.date, pain = pain }),
    after = check,
  }
end

local function edit_after_read(entry)
  return function(body)
    local version = version_of(body)
    if not version then return false end
    if math.random(10) == 1 then
      table.insert(queue, put_step(entry, version - 1, "put_stale", 409, other_pain(entry.pain)))
      return true
    end
    local pain = other_pain(entry.pain)
    local retry = math.random(4) == 1
    table.insert(queue, put_step(entry, version, "put", 200, pain, function(answer)
      if version_of(answer) ~= version + 1 then return false end
      entry.pain = pain
      if retry then
        table.insert(queue, put_step(entry, version, "put_retry", 200, pain, function(again)
          return version_of(again) == version + 1
        end))
      end
      return true
    end))
    return true
  end
end

local function plan()
  local roll = math.random(100)
  if roll <= 30 then
    table.insert(queue, { op = "list", method = "GET", path = "/api/v1/entries/?page_size=50", expect = 200 })
  elseif roll <= 50 then
    table.insert(queue, {
      op = "create", method = "POST", path = "/api/v1/entries/", expect = 201,
      body = entry_json({ date = new_date(), pain = math.random(0, 10) }),
    })
  elseif roll <= 70 then
    local entry = entries[math.random(#entries)]
    table.insert(queue, {
      op = "read", method = "GET", path = "/api/v1/entries/" .. entry.id .. "/", expect = 200,
      after = edit_after_read(entry),
    })
  elseif roll <= 80 then
    local changes = {}
    for i = 1, 20 do
      local entry = entry_json({ id = uuid4(), date = new_date(), pain = math.random(0, 10) })
      changes[i] = '{"op":"upsert","entry":' .. entry .. "}"
    end
    local since = cursor == "null" and "null" or ('"' .. cursor .. '"')
    table.insert(queue, {
      op = "sync", method = "POST", path = "/api/v1/sync/", expect = 200,
      body = '{"since":' .. since .. ',"changes":[' .. table.concat(changes, ",") .. "]}",
      after = function(answer)
        local _, created = answer:gsub('"status":"created"', "")
        cursor = answer:match('"cursor":"(%d+)"') or cursor
        return created == 20
      end,
    })
  else
    table.insert(queue, { op = "flags", method = "GET", path = "/api/v1/flags/", expect = 200 })
  end
end

function request()
  if #queue == 0 then plan() end
  current = table.remove(queue, 1)
  pending_op = current.op
  current.started = now_us()
  return wrk.format(current.method, current.path, nil, current.body)
end

function response(status, headers, body)
  local elapsed = now_us() - current.started
  local ok = status == current.expect
  if ok and current.after then ok = current.after(body) and true or false end
  records[#records + 1] = string.format("%s %d %d %d", current.op, status, elapsed, ok and 1 or 0)
  pending_op = ""
end
