-- wrk script: POST …/wallets/transactions drawdowns by token and PIN, each with a unique ref_id,
-- round-robin over the cards listed in $CARDS_FILE (lines "token,pin"). The body is the template
-- $DRAWDOWN_BODY (set in run.sh, beside the API's other shapes; its %s are ref_id, token, PIN).
local next_thread = 0
local cards = {}
local counter = 0
local body_template

function setup(thread)
  thread:set("thread_no", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  for line in io.lines(os.getenv("CARDS_FILE")) do
    local token, pin = line:match("^([^,]*),([^,]*)$")
    cards[#cards + 1] = { token, pin }
  end
  prefix = os.getenv("RUN_ID") .. "-" .. thread_no .. "-"
  counter = thread_no * 7919
  body_template = os.getenv("DRAWDOWN_BODY")
  wrk.method = "POST"
  wrk.path = "/v1/accounts/" .. os.getenv("ACCOUNT") .. "/wallets/transactions"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("BEARER")
end

function request()
  counter = counter + 1
  local card = cards[(counter % #cards) + 1]
  local body = string.format(body_template, prefix .. counter, card[1], card[2])
  return wrk.format(nil, nil, nil, body)
end
