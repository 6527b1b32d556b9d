-- wrk script for scripts/load: POSTs a different report of 200–800 characters on every request
-- to /api/v1/reports and counts the answers by status. The sentences are written for this test.
local sentences = {
  "县住建局副局长张某某在老旧小区改造项目招标中，多次私下约见投标企业负责人，事后该企业中标。",
  "据了解，其妻弟名下的建材公司长期为上述项目供货，价格明显高于市场价。",
  "二〇二三年春节前后，该局办公室以会议费名义报销购物卡若干张，实际发给局领导个人。",
  "局机关食堂长期违规承办宴请，菜单上只写工作餐，账目由财务科长一人经手。",
  "乡镇干部反映，扶贫项目资金拨付迟缓，有的村到年底仍未收到，群众意见很大。",
  "某科长上班时间经常不在岗，电话联系不上，办事群众多次空跑。",
  "城管执法大队个别队员对沿街商户吃拿卡要，不给好处就反复检查、罚款。",
  "该单位在干部选拔中搞暗箱操作，民主推荐结果没有公开，提拔人选事前已内定。",
  "举报人手中有转账截图和聊天记录，愿意配合组织调查核实。",
  "以上情况在单位内部早有议论，但一直没有人敢公开反映，希望巡察组认真核查。",
  "公车私用问题突出，周末常见单位车辆停在领导小区门口，加油卡也由司机个人保管。",
  "村委会主任借土地流转之机，以村集体名义收取的租金有相当一部分未入账。",
}

-- LOAD_TEXTS=varied: every character is swapped for another of the sentences' with probability
-- 0.3, so that reports rarely share the runs of characters the near-duplicate index files them
-- under, as real reports rarely do. Unset: the sentences as written, so that every report shares
-- runs with hundreds of others (the index's worst case).
local varied = os.getenv("LOAD_TEXTS") == "varied"
local pool = {}
for _, s in ipairs(sentences) do
  for i = 1, #s, 3 do pool[#pool + 1] = s:sub(i, i + 2) end
end

local function vary(s)
  if not varied then return s end
  local out = {}
  for i = 1, #s, 3 do
    out[#out + 1] = math.random() < 0.3 and pool[math.random(#pool)] or s:sub(i, i + 2)
  end
  return table.concat(out)
end

-- Globals, not locals: done() reads each thread's counts with thread:get, which sees globals only.
counter = 0
acknowledged = 0
busy = 0
other = 0

local function escape(s)
  return (s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end))
end

local function report()
  counter = counter + 1
  local parts = { "编号" .. counter .. "-" .. math.random(1, 1000000000) .. "：" }
  local target = math.random(200, 800)
  local length = 0
  while length < target do
    local s = vary(sentences[math.random(#sentences)])
    parts[#parts + 1] = s
    length = length + #s / 3 -- LuaJIT has no utf8 library; these sentences are all three-byte characters
  end
  return '{"channel":"web","content":"' .. escape(table.concat(parts)) .. '"}'
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  return wrk.format(nil, nil, nil, report())
end

function response(status, headers, body)
  if status == 201 then
    acknowledged = acknowledged + 1
  elseif status == 503 then
    busy = busy + 1
  else
    other = other + 1
  end
end

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

-- One line the shell script reads: acknowledged, 503s, other answers, socket errors, seconds, p50 and p99 in ms.
function done(summary, latency, requests)
  local a, b, o = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acknowledged")
    b = b + t:get("busy")
    o = o + t:get("other")
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %d %d %d %d %.3f %.1f %.1f %.1f\n", a, b, o, socket, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
