-- Takes up to ARGV[4] tokens (one per call of a batch) from a client's bucket, as many
-- as it holds, atomically, in one round trip: the burst
-- bandwidth (capacity ARGV[1], refilled greedily at ARGV[2] tokens a second) and, when
-- ARGV[3] > 0, the daily quota (ARGV[3] tokens, refilled whole once a day since the
-- bucket's first call), as Bucket4j's greedy and interval refills count them.
-- One key only, so that it runs on a Redis Cluster; Redis's own clock, so that gateway
-- instances whose clocks differ share one time.
-- Returns {tokens granted, binding bandwidth (0 burst, 1 daily), tokens remaining in it,
-- microseconds until every bandwidth has a token again (0 when it has)}.
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local daily = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4]) or 1
local day = 86400000000

local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])

local state = redis.call('HMGET', KEYS[1], 'b', 'bt', 'd', 'dt')
local tokens = tonumber(state[1])
local refilled = tonumber(state[2])
if tokens == nil or refilled == nil then
  tokens = burst
  refilled = now
end
if now > refilled then
  tokens = math.min(burst, tokens + (now - refilled) * rate / 1000000)
  refilled = now
end

local quota = tonumber(state[3])
local window = tonumber(state[4])
if daily > 0 then
  if quota == nil or window == nil then
    quota = daily
    window = now
  elseif now - window >= day then
    quota = daily
    window = window + math.floor((now - window) / day) * day
  end
end

local granted = math.min(wanted, math.floor(tokens))
if daily > 0 then
  granted = math.min(granted, quota)
end
if granted < 0 then
  granted = 0
end
tokens = tokens - granted
if daily > 0 then
  quota = quota - granted
end

local remaining = math.floor(tokens)
local binding = 0
if daily > 0 and quota < remaining then
  remaining = quota
  binding = 1
end

local wait = 0
if tokens < 1 then
  wait = math.ceil((1 - tokens) * 1000000 / rate)
end
if daily > 0 and quota < 1 then
  wait = math.max(wait, window + day - now)
end

-- kept while it still differs from a new bucket, and ten minutes more
local keep = math.ceil((burst - tokens) * 1000 / rate) + 600000
if daily > 0 then
  keep = math.max(keep, math.ceil((window + day - now) / 1000) + 600000)
  redis.call('HSET', KEYS[1], 'b', tostring(tokens), 'bt', refilled, 'd', quota, 'dt', window)
else
  redis.call('HSET', KEYS[1], 'b', tostring(tokens), 'bt', refilled)
end
redis.call('PEXPIRE', KEYS[1], keep)
return {granted, binding, remaining, wait}
