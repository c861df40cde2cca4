-- Byline's language server in Neovim 0.7 or later (no plugins needed).
-- Put this file in ~/.config/nvim/lua/byline.lua and add `require('byline')` to init.lua, or :luafile it.
-- Set the path to the bundled server of your Byline checkout (after `npm run build`) or of the installed
-- extension (~/.vscode/extensions/byline.byline-*/dist/server.js):
--   vim.g.byline_server = '/path/to/byline/dist/server.js'
--
-- You get: K hover on names, quotes and dates; gO / :lua vim.lsp.buf.document_symbol() for quotes by
-- speaker, people, organisations and places; gd / gr for first mention and all mentions; diagnostics for
-- unattributed quotes and claims. Neovim 0.7 does not paint semantic tokens (0.9 does).

local server = vim.g.byline_server or vim.fn.expand('~/byline/dist/server.js')

-- .news files get their own filetype (an autocmd rather than vim.filetype.add, which 0.7 ignores unless
-- filetype.lua is switched on); plain text and Markdown are analysed too
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = '*.news', command = 'setfiletype news' })

local client_id = nil

local function on_attach(_, bufnr)
  local opts = { buffer = bufnr, silent = true }
  vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
  vim.keymap.set('n', 'gd', vim.lsp.buf.definition, opts)
  vim.keymap.set('n', 'gr', vim.lsp.buf.references, opts)
  vim.keymap.set('n', 'gO', vim.lsp.buf.document_symbol, opts)
  vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action, opts)
end

local function attach(bufnr)
  -- one server for every article in this Neovim
  if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
    client_id = vim.lsp.start_client({
      name = 'byline',
      cmd = { 'node', server, '--stdio' },
      root_dir = vim.fn.getcwd(),
      -- answered to the server's workspace/configuration requests for section `byline`
      settings = { byline = {} },
      on_attach = on_attach,
    })
  end
  if client_id ~= nil then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'news', 'text', 'markdown' },
  callback = function(args) attach(args.buf) end,
})
