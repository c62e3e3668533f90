-- budgetlint language server for Neovim (0.7 and later): live findings in 部门预算/决算 公开说明.
--
-- Install: put this file on your runtimepath as lua/budgetlint.lua (for example
-- ~/.config/nvim/lua/budgetlint.lua), make sure `budgetlint` is on PATH, then in init.lua:
--
--   require('budgetlint').setup({
--     -- cmd = { '/path/to/budgetlint', 'lsp' },
--     -- init_options = { trusted = false, debounceMs = 150, lintWithoutConfig = false,
--     --                  minimumSeverity = 'info', language = 'zh', ruleDocsUrl = nil },
--   })
--
-- The server starts for `text` and `markdown` buffers; it checks a document when a rules.toml
-- applies to it (the nearest one above the file), or every .txt/.md file with
-- `init_options = { lintWithoutConfig = true }`. Set `trusted = true` only for workspaces
-- whose rules.toml you trust: it lets rules.toml load native plugin libraries.
--
-- Neovim 0.11+ can use the built-in configuration API instead:
--
--   vim.lsp.config('budgetlint', require('budgetlint').config())
--   vim.lsp.enable('budgetlint')
--
-- and nvim-lspconfig users can pass the same table to `require('lspconfig.configs')`.

local M = {}

M.defaults = {
  name = 'budgetlint',
  cmd = { 'budgetlint', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'rules.toml', '.git' },
  init_options = {},
}

local function merge(base, extra)
  local out = vim.deepcopy(base)
  for k, v in pairs(extra or {}) do
    out[k] = v
  end
  return out
end

--- The directory holding the nearest root marker above `path`, or the file's directory.
function M.root_dir(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  for _, marker in ipairs(markers or M.defaults.root_markers) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found == '' then
      found = vim.fn.finddir(marker, dir .. ';')
    end
    if found ~= '' then
      return vim.fn.fnamemodify(found, ':p:h'):gsub('/%.git$', '')
    end
  end
  return dir
end

--- A configuration table for vim.lsp.config (0.11+) or lspconfig.
function M.config(opts)
  local o = merge(M.defaults, opts)
  return {
    cmd = o.cmd,
    filetypes = o.filetypes,
    root_markers = o.root_markers,
    init_options = o.init_options,
  }
end

local clients = {}

--- Starts (or reuses) the server for buffer `bufnr`.
function M.start(bufnr, opts)
  local o = merge(M.defaults, opts)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = M.root_dir(name ~= '' and name or vim.fn.getcwd(), o.root_markers)
  local config = { name = o.name, cmd = o.cmd, root_dir = root, init_options = o.init_options }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  -- Neovim 0.7: no vim.lsp.start; one client per root directory.
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Starts the server for every buffer of the configured filetypes.
function M.setup(opts)
  local o = merge(M.defaults, opts)
  local group = vim.api.nvim_create_augroup('budgetlint', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = o.filetypes,
    callback = function(args)
      M.start(args.buf, o)
    end,
  })
end

return M
