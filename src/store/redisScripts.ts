/**
 * The Redis store's Lua scripts. Each runs atomically in Redis, so a claim, its kind's bound and its
 * indexes change in one step, whichever instance runs it. Keys of one kind (prefix `<p><kind>:`):
 * `e:<key>` the entry ("<expiresAt>:<json>", with PX so Redis itself drops it), `exp` a sorted set of keys
 * by expiry (size, sweep, oldest first), `lex` one of keys by name (list, newest first for time keys).
 * Liveness is judged by the caller's clock (ARGV now), the same as the other stores; PX follows it.
 */

/** Redis's error reply when a `refuse` kind is full: turned into StoreFullError by the store. */
export const FULL_REPLY = 'OPSBOT_FULL';

const HELPERS = `
local function isLive(v, now)
  if not v then return false end
  local sep = string.find(v, ':', 1, true)
  return sep ~= nil and tonumber(string.sub(v, 1, sep - 1)) > now
end
local function forget(prefix, exp, lex, members)
  for _, m in ipairs(members) do
    redis.call('DEL', prefix .. 'e:' .. m)
    redis.call('ZREM', exp, m)
    redis.call('ZREM', lex, m)
  end
  return #members
end
local function expired(exp, now, limit)
  return redis.call('ZRANGEBYSCORE', exp, '-inf', now, 'LIMIT', 0, limit)
end
local function liveCount(exp, now)
  return redis.call('ZCOUNT', exp, '(' .. now, '+inf')
end
local function dropOldest(prefix, exp, lex, now, n)
  forget(prefix, exp, lex, redis.call('ZRANGEBYSCORE', exp, '(' .. now, '+inf', 'LIMIT', 0, n))
end
local function put(entry, exp, lex, key, now, ttl, value)
  local expiresAt = now + ttl
  redis.call('SET', entry, expiresAt .. ':' .. value, 'PX', ttl)
  redis.call('ZADD', exp, expiresAt, key)
  redis.call('ZADD', lex, 0, key)
end
`;

/**
 * Writes one entry (KEYS: entry, exp, lex; ARGV: key, now, ttlMs, maxEntries, whenFull, mode, json,
 * prefix). mode `claim` writes only when no live entry exists (returns 0 then, 1 when written); `set`
 * always writes. A new key in a full kind drops the oldest (dropOldest) or fails with FULL_REPLY (refuse).
 */
export const WRITE = `${HELPERS}
local entry, exp, lex = KEYS[1], KEYS[2], KEYS[3]
local key, now, ttl, max = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local whenFull, mode, json, prefix = ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local live = isLive(redis.call('GET', entry), now)
if mode == 'claim' and live then return 0 end
if not live then
  forget(prefix, exp, lex, expired(exp, now, 100))
  local count = liveCount(exp, now)
  if count >= max then
    if whenFull == 'refuse' then return redis.error_reply('${FULL_REPLY}') end
    dropOldest(prefix, exp, lex, now, count - max + 1)
  end
end
put(entry, exp, lex, key, now, ttl, json)
return 1
`;

/**
 * Takes claims and writes one entry, all or nothing (KEYS: entry, exp, lex of each claim, then of the
 * entry; ARGV: now, the entry's json, then for each of them key, ttlMs, maxEntries, whenFull, prefix).
 * Returns 0 when done, i when the i-th claim is live already, -i when the i-th key's refuse kind is full.
 * Every check comes before the first write: a script is not rolled back, so nothing may fail half way.
 */
export const CLAIM_AND_SET = `${HELPERS}
local now, json, n = tonumber(ARGV[1]), ARGV[2], #KEYS / 3
local function arg(i, j) return ARGV[2 + (i - 1) * 5 + j] end
local live, fresh = {}, {}
for i = 1, n do
  live[i] = isLive(redis.call('GET', KEYS[3 * i - 2]), now)
  if live[i] and i < n then return i end
end
for i = 1, n do
  local exp = KEYS[3 * i - 1]
  if not live[i] then
    if fresh[exp] == nil then
      forget(arg(i, 5), exp, KEYS[3 * i], expired(exp, now, 100))
      fresh[exp] = 0
    end
    fresh[exp] = fresh[exp] + 1
    if arg(i, 4) == 'refuse' and liveCount(exp, now) + fresh[exp] > tonumber(arg(i, 3)) then return -i end
  end
end
for i = 1, n do
  local entry, exp, lex = KEYS[3 * i - 2], KEYS[3 * i - 1], KEYS[3 * i]
  if not live[i] and arg(i, 4) == 'dropOldest' then
    local over = liveCount(exp, now) - tonumber(arg(i, 3)) + 1
    if over > 0 then dropOldest(arg(i, 5), exp, lex, now, over) end
  end
  put(entry, exp, lex, arg(i, 1), now, tonumber(arg(i, 2)), i == n and json or 'true')
end
return 0
`;

/** Removes one entry and its index rows (KEYS: entry, exp, lex; ARGV: key). */
export const REMOVE = `
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
`;

/**
 * One step of a kind's sweep (KEYS: exp, lex; ARGV: now, limit, maxEntries, whenFull, prefix): forgets
 * up to `limit` expired entries, then (dropOldest) the oldest beyond the bound. Returns how many went,
 * so the caller repeats while a step was full, without holding Redis for one long script.
 */
export const SWEEP = `${HELPERS}
local exp, lex = KEYS[1], KEYS[2]
local now, limit, max, whenFull, prefix = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
local gone = forget(prefix, exp, lex, expired(exp, now, limit))
if gone < limit and whenFull == 'dropOldest' then
  local over = redis.call('ZCARD', exp) - max
  if over > 0 then gone = gone + forget(prefix, exp, lex, redis.call('ZRANGE', exp, 0, math.min(over, limit - gone) - 1)) end
end
return gone
`;
