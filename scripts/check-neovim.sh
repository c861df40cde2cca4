#!/usr/bin/env bash
# Neovim (Debian's 0.7.2) as a second LSP client of the bundled server, headless: loads the documented config
# (docs/neovim.lua) and checks hover, document symbols, diagnostics and semantic tokens on our own article.
# Writes {passed, failed} to $BYLINE_RESULTS when set; exits 1 on any failure.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

command -v nvim >/dev/null || { echo "neovim is not installed (apt-get install neovim)" >&2; exit 1; }
[ -f dist/server.js ] || node esbuild.mjs

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/check.lua" <<'LUA'
local article = os.getenv('BYLINE_ARTICLE')
local results_file = os.getenv('BYLINE_RESULTS')
local passed, failed, failures = 0, 0, {}

local function say(line) io.stdout:write(line .. '\n') end
local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('  ok   ' .. name)
  else
    failed = failed + 1
    table.insert(failures, { title = name, error = detail or '' })
    say('  FAIL ' .. name .. (detail and ('\n       ' .. detail) or ''))
  end
end

local function finish()
  if results_file and results_file ~= '' then
    local f = io.open(results_file, 'w')
    f:write(vim.fn.json_encode({ layer = 'neovim', passed = passed, failed = failed, pending = 0, failures = failures }))
    f:close()
  end
  say(string.format('neovim: %d passed, %d failed', passed, failed))
  vim.cmd(failed == 0 and 'qall!' or 'cquit! 1')
end

local function flatten_text(contents)
  if type(contents) == 'string' then return contents end
  if contents.value then return contents.value end
  local parts = {}
  for _, c in ipairs(contents) do table.insert(parts, flatten_text(c)) end
  return table.concat(parts, '\n')
end

local function request(method, params)
  local responses = vim.lsp.buf_request_sync(0, method, params, 15000)
  for _, r in pairs(responses or {}) do
    if r.result then return r.result end
  end
  return nil
end

local function position_of(needle, offset)
  local line = vim.fn.search(needle, 'nw')
  if line == 0 then return nil end
  local col = vim.fn.stridx(vim.fn.getline(line), needle)
  -- the searched lines are ASCII, so byte columns equal UTF-16 characters
  return { line = line - 1, character = col + (offset or 0) }
end

-- headless: never prompt (Neovim 0.7 asks showMessageRequest questions on the terminal and would wait);
-- relay the server's messages and log so a failure here explains itself
vim.lsp.handlers['window/showMessageRequest'] = function(_, result)
  say('  server asks: ' .. (result and result.message or ''))
  return vim.NIL
end
vim.lsp.handlers['window/showMessage'] = function(_, result) say('  server says: ' .. (result and result.message or '')) end
vim.lsp.handlers['window/logMessage'] = function(_, result)
  if result and (result.type == 1 or os.getenv('BYLINE_NVIM_VERBOSE')) then say('  server log: ' .. result.message) end
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(article))
  check('the article gets filetype news', vim.bo.filetype == 'news', 'filetype=' .. vim.bo.filetype)

  local client
  vim.wait(20000, function()
    for _, c in pairs(vim.lsp.buf_get_clients(0)) do
      if c.name == 'byline' and c.server_capabilities ~= nil and next(c.server_capabilities) ~= nil then client = c end
    end
    return client ~= nil
  end, 100)
  check('the byline server attaches and initializes', client ~= nil)
  if not client then return end

  local uri = vim.uri_from_bufnr(0)

  local pos = position_of('Ibarra said 94', 3)
  local hover = pos and request('textDocument/hover', { textDocument = { uri = uri }, position = pos })
  local hover_text = hover and flatten_text(hover.contents) or ''
  check('hover on the surname "Ibarra" names Gloria Ibarra', hover_text:find('Gloria Ibarra', 1, true) ~= nil,
    'hover: ' .. hover_text:sub(1, 200))

  local symbols = request('textDocument/documentSymbol', { textDocument = { uri = uri } }) or {}
  local quotes
  for _, s in ipairs(symbols) do
    if s.name:lower():match('^quotes') then quotes = s end
  end
  local speakers = {}
  for _, s in ipairs(quotes and quotes.children or {}) do table.insert(speakers, s.name) end
  local joined = table.concat(speakers, ', ')
  check('document symbols group quotes under speakers (Ibarra, Whitcombe)',
    joined:find('Ibarra', 1, true) ~= nil and joined:find('Whitcombe', 1, true) ~= nil, 'speakers: ' .. joined)

  local diagnostics = {}
  vim.wait(20000, function()
    diagnostics = vim.diagnostic.get(0)
    return #diagnostics > 0
  end, 100)
  local codes = {}
  for _, d in ipairs(diagnostics) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    codes[tostring(code)] = true
  end
  check('diagnostics include an unattributed quote (ATTR001) and a vague source (ATTR002)',
    codes['ATTR001'] and codes['ATTR002'], 'codes: ' .. table.concat(vim.tbl_keys(codes), ' '))

  local tokens = request('textDocument/semanticTokens/full', { textDocument = { uri = uri } })
  check('semantic tokens answer (Neovim 0.7 does not paint them)', tokens ~= nil and #tokens.data > 0)
end)
if not ok then check('the check ran without a Lua error', false, tostring(err)) end
finish()
LUA

BYLINE_ARTICLE="$REPO/test/fixtures/e2e/transit-strike.news" \
  timeout 120 nvim --headless -u NONE -i NONE -n \
  --cmd "let g:byline_server = '$REPO/dist/server.js'" \
  -c "luafile $REPO/docs/neovim.lua" -c "luafile $work/check.lua"
